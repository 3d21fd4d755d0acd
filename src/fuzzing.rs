//! The bodies of the fuzz targets (`fuzz/fuzz_targets/`), shared with the replay
//! test in `tests/fuzzing.rs` so that a crash found once stays fixed. Each takes
//! arbitrary bytes and must return without panicking; errors are fine, they are
//! what bad input should give.

use crate::config::{Layer, Settings};
use crate::corpus::{Input, Origin};
use crate::doc::{DocId, Document, ParseOptions, Problem};
use crate::engine::{self, RunOptions};
use crate::extract::{self, Needs};
use crate::report::{self, Format, RenderOptions, Report};
use crate::rules::{self, LoadOptions, RuleSet};
use crate::suppress::Suppressions;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A target body: arbitrary bytes in, no panic.
pub type Target = fn(&[u8]);

/// Every target, by the name of its file in `fuzz/fuzz_targets/` and of its seed
/// folder in `fuzz/corpus/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("document", document),
    ("check", check),
    ("front_matter", front_matter),
    ("rule_file", rule_file),
    ("config", config),
    ("archive", archive),
];

/// The first byte picks the format (through the file name, as on the command
/// line), so one corpus reaches every parser.
fn split_format(data: &[u8]) -> (&'static str, &[u8]) {
    match data.split_first() {
        Some((b, rest)) => (["doc.txt", "doc.md", "doc.html"][*b as usize % 3], rest),
        None => ("doc.txt", data),
    }
}

/// Parsing in each format, every extractor, and the inline suppressions.
pub fn document(data: &[u8]) {
    let (path, bytes) = split_format(data);
    let doc = Document::parse(DocId(0), path.into(), bytes.to_vec(), parse_options());
    extract::extract(&doc, Needs::ALL, &builtin_rules().lexicons);
    Suppressions::of(&doc);
}

/// A full `check` of one document with the built-in rules, rendered in every
/// format. The engine and the renderers turn a panic into an
/// `input.internal-error` finding or a failure, so those are the crash.
pub fn check(data: &[u8]) {
    let (path, bytes) = split_format(data);
    let input = Input {
        path: path.into(),
        origin: Origin::Stdin(bytes.to_vec()),
        reported: true,
    };
    let opts = RunOptions {
        threads: 1,
        parse: parse_options().clone(),
        keep_views: true,
        ..RunOptions::default()
    };
    let outcome = engine::run(builtin_rules(), vec![input], &opts);
    for summary in &outcome.summaries {
        for problem in &summary.problems {
            if let Problem::Internal(message) = problem {
                panic!("internal error in check: {message}");
            }
        }
    }
    let report = Report::build(&outcome, builtin_rules());
    let mut failures = report.failures.clone();
    for (_, format) in Format::ALL {
        let opts = RenderOptions {
            width: Some(100),
            explain: true,
            ..RenderOptions::default()
        };
        let rendered = report::render_isolated(&report, format, &opts, &mut std::io::sink());
        failures.extend(rendered.expect("a sink takes every byte"));
    }
    if let Some(failure) = failures.first() {
        panic!("{failure}");
    }
}

/// Front matter: the bytes between `---` fences of a Markdown article.
pub fn front_matter(data: &[u8]) {
    let mut bytes = b"---\n".to_vec();
    bytes.extend_from_slice(data);
    bytes.extend_from_slice(b"\n---\nThe council met on Monday.\n");
    let doc = Document::parse(DocId(0), "doc.md".into(), bytes, parse_options());
    extract::extract(&doc, Needs::ALL, &builtin_rules().lexicons);
}

/// One rule file in a user rule directory. The file is placed where its `id:`
/// says (`rules/<group>/<name>.yaml`) so that a mutated rule reaches compilation,
/// not just the id check.
pub fn rule_file(data: &[u8]) {
    let dir = scratch("rules");
    let _ = std::fs::remove_dir_all(&dir);
    let rel = declared_id(data)
        .map(|id| id.replacen('.', "/", 1))
        .unwrap_or_else(|| "fuzz/case".into());
    let file = dir.join(format!("{rel}.yaml"));
    std::fs::create_dir_all(file.parent().expect("file in a folder")).expect("scratch folder");
    std::fs::write(&file, data).expect("scratch file");
    let _ = rules::load(&LoadOptions {
        include_builtin: false,
        dirs: vec![dir],
    });
}

/// `group.name` from a line `id: group.name`, if it is a safe path.
fn declared_id(data: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(data).ok()?;
    let id = text.lines().find_map(|l| l.strip_prefix("id:"))?.trim();
    let (group, name) = id.split_once('.')?;
    // Short enough for a file name on every file system (255 bytes at most).
    let safe = |s: &str| {
        (1..=100).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    (safe(group) && safe(name)).then(|| id.to_string())
}

/// A factlint.yaml: read, resolved, applied and described as `check` and `config` do.
/// A config that selects or overrides rules is applied to the built-in rules (loaded
/// afresh, as applying changes them), so that known ids and globs over them are
/// exercised; any other to an empty set, which is much cheaper.
pub fn config(data: &[u8]) {
    let file = scratch("config").join("factlint.yaml");
    std::fs::create_dir_all(file.parent().expect("file in a folder")).expect("scratch folder");
    std::fs::write(&file, data).expect("scratch file");
    let Ok(layer) = Layer::read(&file, "factlint.yaml") else {
        return;
    };
    let settings = Settings::resolve(vec![layer]);
    let selects =
        settings.enable != ["*"] || !settings.disable.is_empty() || !settings.overrides.is_empty();
    let mut set = if selects {
        rules::load(&LoadOptions {
            include_builtin: true,
            dirs: vec![],
        })
        .expect("built-in rules load")
    } else {
        RuleSet::default()
    };
    let _ = settings.apply(&mut set);
    let _ = settings.file_filter();
    settings.describe();
}

/// An archive index file (`factlint index build`) as `check --index` reads it.
pub fn archive(data: &[u8]) {
    let file = scratch("archive").join("index.factlint");
    std::fs::create_dir_all(file.parent().expect("file in a folder")).expect("scratch folder");
    std::fs::write(&file, data).expect("scratch file");
    let _ = crate::archive::load(&file);
}

fn parse_options() -> &'static ParseOptions {
    static OPTS: OnceLock<ParseOptions> = OnceLock::new();
    OPTS.get_or_init(|| RunOptions::default().parse)
}

fn builtin_rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        rules::load(&LoadOptions {
            include_builtin: true,
            dirs: vec![],
        })
        .expect("built-in rules load")
    })
}

/// A folder of this process and thread for the targets that read files: fuzzing
/// jobs and test threads run side by side.
fn scratch(what: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "factlint-fuzz-{}-{:?}/{what}",
        std::process::id(),
        std::thread::current().id()
    ))
}

/// One seed input: its target, a file name for `fuzz/corpus/<target>/`, its bytes.
pub struct Seed {
    pub target: &'static str,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The seed corpus, from the repository's own fixtures under `root` (the crate
/// folder): articles of every format, their front matter, the rule files (built-in
/// and broken ones), the configuration files, and an index built of the input
/// fixtures. `examples/fuzz_seeds.rs` writes it out; the replay test runs it.
pub fn seeds(root: &std::path::Path) -> Vec<Seed> {
    let mut files = Vec::new();
    for dir in ["tests/fixtures", "seeds", "rules"] {
        walk(&root.join(dir), &mut files);
    }
    files.sort();
    let mut seeds = Vec::new();
    let mut add = |target, path: &std::path::Path, bytes: Vec<u8>| {
        let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
        seeds.push(Seed {
            target,
            name: rel.replace(['/', '\\'], "_"),
            bytes,
        });
    };
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let format = match ext {
            "txt" => Some(0),
            "md" => Some(1),
            "html" | "htm" => Some(2),
            _ => None,
        };
        if let Some(format) = format {
            let mut doc = vec![format];
            doc.extend_from_slice(&bytes);
            add("document", path, doc.clone());
            add("check", path, doc);
            if let Some(yaml) = front_matter_of(&bytes) {
                add("front_matter", path, yaml.to_vec());
            }
        } else if name == "factlint.yaml" {
            add("config", path, bytes);
        } else if ext == "yaml" {
            add("rule_file", path, bytes);
        }
    }
    if let Some(index) = fixture_index(root) {
        add("archive", &root.join("tests/fixtures/inputs"), index);
    }
    seeds
}

fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
}

/// The YAML between the `---` fences at the start of a file.
fn front_matter_of(bytes: &[u8]) -> Option<&[u8]> {
    let rest = bytes.strip_prefix(b"---\n")?;
    let end = rest.windows(5).position(|w| w == b"\n---\n")?;
    Some(&rest[..end])
}

/// An index of the input fixtures, built as `factlint index build` does.
fn fixture_index(root: &std::path::Path) -> Option<Vec<u8>> {
    let out = scratch("seed-index").join("index.factlint");
    std::fs::create_dir_all(out.parent()?).ok()?;
    let _ = std::fs::remove_file(&out);
    let opts = RunOptions {
        threads: 1,
        ..RunOptions::default()
    };
    let inputs = root.join("tests/fixtures/inputs");
    crate::archive::build(&inputs, &out, &opts, &|_| true, &Default::default()).ok()?;
    std::fs::read(&out).ok()
}
