//! factlint.yaml: discovery from the current directory upwards, `--config`,
//! `--isolated`, flags over files, positioned errors, `factlint config`.

use crate::cli::{code, factlint_in};
use crate::support::insta_settings;
use std::path::PathBuf;

/// A scratch directory under the system temp dir, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("factlint-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Writes `text` to `name` (parents created); returns the path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const CONFIG: &str = "\
# House settings
disable: [transparency.missing-publisher]
rules:
  transparency.missing-byline: { severity: error }
format: line
exclude: [\"drafts/**\"]
";

/// An archive with a config at its root, an article and a draft.
fn archive(name: &str) -> Scratch {
    let dir = Scratch::new(name);
    dir.write("factlint.yaml", CONFIG);
    dir.write(
        "news/ferry.md",
        "The harbour authority approved a ferry route on Tuesday.\n",
    );
    dir.write("drafts/notes.md", "The route will cost TK million.\n");
    dir
}

/// The JSON findings of `check incoming/new.md` in `dir` with `source` (`--index
/// FILE` or `--corpus DIR`).
fn incoming_findings(dir: &Scratch, source: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", "incoming/new.md", "--format", "json"];
    args.extend_from_slice(source);
    let o = factlint_in(&dir.0, &args);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["findings"].clone()
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_nearest_config_applies_from_a_subdirectory() {
    let dir = archive("config-discovery");
    let o = factlint_in(&dir.path("news"), &["check", ".."]);
    let out = stdout(&o);
    // Line format, byline raised to error, publisher rule disabled, drafts excluded.
    assert!(
        out.contains("../news/ferry.md:1:1: error transparency.missing-byline"),
        "{out}"
    );
    assert!(!out.contains("missing-publisher"), "{out}");
    assert!(!out.contains("drafts"), "{out}");
    assert_eq!(code(&o), 1, "an error-level finding");
}

#[test]
fn isolated_ignores_the_config_and_flags_win_over_it() {
    let dir = archive("config-isolated");
    let o = factlint_in(&dir.path("news"), &["--isolated", "check", "..", "--quiet"]);
    let out = stdout(&o);
    assert!(out.contains("missing-publisher"), "{out}");
    assert!(out.contains("drafts"), "{out}");
    assert!(out.contains('│'), "table format: {out}");
    assert_eq!(code(&o), 1, "the draft's TK is an error");

    let o = factlint_in(
        &dir.path("news"),
        &["check", "ferry.md", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "transparency.missing-byline" && f["severity"] == "error"));
}

#[test]
fn an_explicit_config_is_laid_over_the_discovered_one() {
    let dir = archive("config-explicit");
    dir.write("ci.yaml", "format: markdown\nfail_on: info\n");
    let o = factlint_in(&dir.0, &["check", "news", "--config", "ci.yaml"]);
    let out = stdout(&o);
    assert!(out.starts_with("## factlint report"), "{out}");
    assert!(
        out.contains("| error | `transparency.missing-byline`"),
        "{out}"
    );
    assert_eq!(code(&o), 1);
    let missing = factlint_in(&dir.0, &["check", "news", "--config", "nope.yaml"]);
    assert_eq!(code(&missing), 2);
}

#[test]
fn include_globs_select_walked_files() {
    let dir = Scratch::new("config-include");
    dir.write("factlint.yaml", "include: [\"*.md\"]\nformat: line\n");
    dir.write("a.md", "The route will cost TK million.\n");
    dir.write("sub/b.txt", "The route will cost TK million.\n");
    let out = stdout(&factlint_in(&dir.0, &["check", "."]));
    assert!(out.contains("a.md:1:"), "{out}");
    assert!(!out.contains("b.txt"), "{out}");
    // Named on the command line, a file is checked whatever the globs say.
    let out = stdout(&factlint_in(&dir.0, &["check", "sub/b.txt"]));
    assert!(out.contains("sub/b.txt:1:"), "{out}");
}

#[test]
fn unknown_keys_and_rules_are_errors_with_positions() {
    let dir = Scratch::new("config-errors");
    dir.write("factlint.yaml", "format: line\nfial_on: error\n");
    dir.write("a.md", "Text.\n");
    let o = factlint_in(&dir.0, &["check", "a.md"]);
    assert_eq!(code(&o), 2);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    insta_settings().bind(|| insta::assert_snapshot!("cli__config_unknown_key", stderr));

    dir.write(
        "factlint.yaml",
        "format: line\ndisable: [transparency.missing-bylin]\n",
    );
    let o = factlint_in(&dir.0, &["check", "a.md"]);
    assert_eq!(code(&o), 2);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        stderr.contains("factlint.yaml:2:11: disable: unknown rule `transparency.missing-bylin` (did you mean `transparency.missing-byline`?)"),
        "{stderr}"
    );
}

#[test]
fn config_prints_the_resolved_values_and_their_origins() {
    let dir = archive("config-print");
    let o = factlint_in(
        &dir.path("news"),
        &["config", "--disable", "transparency.missing-date"],
    );
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    insta_settings().bind(|| insta::assert_snapshot!("cli__config_resolved", stdout(&o)));
}

#[test]
fn init_writes_a_working_config_and_rule() {
    let dir = Scratch::new("init");
    let o = factlint_in(&dir.0, &["init"]);
    assert_eq!(code(&o), 0);
    assert!(dir.path("factlint.yaml").is_file());
    let o = factlint_in(&dir.0, &["rules", "test", "factlint-rules"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("2 passed, 0 failed"));
    dir.write("a.md", "Sources say the merger is off.\n");
    let o = factlint_in(&dir.0, &["check", "a.md", "--format", "line"]);
    assert!(
        stdout(&o).contains("house.vague-sourcing"),
        "{}",
        stdout(&o)
    );
    // A second init refuses to overwrite.
    assert_eq!(code(&factlint_in(&dir.0, &["init"])), 2);
}

#[test]
fn enable_and_disable_flags_take_globs() {
    let dir = Scratch::new("config-enable");
    let o = factlint_in(
        &dir.0,
        &[
            "rules",
            "list",
            "--enable",
            "transparency.missing-*",
            "--disable",
            "transparency.missing-date",
        ],
    );
    assert_eq!(code(&o), 0);
    let ids: Vec<String> = stdout(&o)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert_eq!(
        ids,
        vec![
            "transparency.missing-byline",
            "transparency.missing-publisher"
        ]
    );
}

#[test]
fn index_build_walks_the_archive_as_corpus_does() {
    // The draft is excluded from the index as it is from `--corpus`: the same
    // paragraph in a new article is then no duplicate of it either way.
    let dir = archive("config-index");
    let shared = "The harbour authority approved the new ferry route on Tuesday after a long public consultation that drew hundreds of letters from residents of both islands.\n";
    dir.write("drafts/route.md", shared);
    dir.write("incoming/new.md", shared);
    let o = factlint_in(&dir.0, &["index", "build", ".", "-o", "archive.idx"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(": 2 documents"),
        "news/ferry.md, incoming/new.md; not the drafts, not factlint.yaml: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let with_index = incoming_findings(&dir, &["--index", "archive.idx"]);
    assert_eq!(with_index, incoming_findings(&dir, &["--corpus", "."]));
    assert!(
        !with_index.to_string().contains("duplicate-text"),
        "{with_index}"
    );
}

#[test]
fn index_build_updates_the_index_in_place() {
    let dir = archive("config-index-update");
    let shared = "# Ferry\n\nThe harbour authority approved the new ferry route on Tuesday after a long public consultation that drew hundreds of letters from residents of both islands and the fishing towns along the coast.\n";
    dir.write("incoming/new.md", shared);
    let build = |extra: &[&str]| {
        let mut args = vec!["index", "build", ".", "-o", "archive.idx"];
        args.extend_from_slice(extra);
        let o = factlint_in(&dir.0, &args);
        assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    assert!(build(&[]).contains("written whole"));
    // A file that sorts before the others, sharing a paragraph with the new article.
    dir.write("news/bridge.md", shared);
    let stderr = build(&[]);
    assert!(
        stderr.contains("(1 parsed, 2 unchanged, 0 removed); updated"),
        "{stderr}"
    );
    let with_index = incoming_findings(&dir, &["--index", "archive.idx"]);
    assert!(
        with_index.to_string().contains("duplicate-text"),
        "{with_index}"
    );
    assert_eq!(with_index, incoming_findings(&dir, &["--corpus", "."]));
    assert!(build(&[]).contains("already up to date"));
}

/// `(path, severity, rule)` of each finding of a `--format line` run.
fn findings(o: &std::process::Output) -> Vec<(String, String, String)> {
    stdout(o)
        .lines()
        .filter_map(|l| {
            let (place, rest) = l.split_once(": ")?;
            let mut words = rest.split_whitespace();
            let path = place.split(':').next()?.to_string();
            Some((path, words.next()?.to_string(), words.next()?.to_string()))
        })
        .collect()
}

#[test]
fn a_nested_config_applies_to_its_folder_and_the_closest_wins() {
    let dir = Scratch::new("config-nested");
    dir.write(
        "factlint.yaml",
        "disable: [transparency.missing-publisher]\nexclude: [\"drafts/**\"]\n",
    );
    let article = "The route will cost TK million, the authority said.\n";
    dir.write("news/a.md", article);
    dir.write(
        "opinion/factlint.yaml",
        "disable: [transparency.missing-byline]\n\
         rules:\n  transparency.editorial-placeholder: { severity: info }\n",
    );
    dir.write("opinion/b.md", article);
    dir.write("opinion/drafts/c.md", article);
    let of = |fs: &[(String, String, String)], path: &str| -> Vec<(String, String)> {
        fs.iter()
            .filter(|(p, _, _)| p == path)
            .map(|(_, s, r)| (s.clone(), r.clone()))
            .collect()
    };
    let pair = |s: &str, r: &str| (s.to_string(), r.to_string());
    let o = factlint_in(&dir.0, &["check", ".", "--format", "line"]);
    let all = findings(&o);
    assert_eq!(
        of(&all, "news/a.md"),
        [
            pair("warning", "transparency.missing-byline"),
            pair("warning", "transparency.missing-date"),
            pair("error", "transparency.editorial-placeholder"),
        ],
        "{}",
        stdout(&o)
    );
    // The closest file wins whole: the top one's disable and exclude do not apply.
    let opinion = [
        pair("warning", "transparency.missing-date"),
        pair("info", "transparency.missing-publisher"),
        pair("info", "transparency.editorial-placeholder"),
    ];
    assert_eq!(of(&all, "opinion/b.md"), opinion, "{}", stdout(&o));
    assert_eq!(of(&all, "opinion/drafts/c.md"), opinion);
    assert_eq!(code(&o), 1, "a.md's error");
    // The same from inside the folder, and for a file named on the command line.
    let inside = dir.path("opinion");
    let o = factlint_in(&inside, &["check", "b.md", "--format", "line"]);
    assert_eq!(of(&findings(&o), "b.md"), opinion);
    assert_eq!(code(&o), 0);
    let o = factlint_in(&dir.0, &["check", "opinion/b.md", "--format", "line"]);
    assert_eq!(of(&findings(&o), "opinion/b.md"), opinion);
    // A nested exclude filters its own folder's walk.
    dir.write("opinion/factlint.yaml", "exclude: [\"drafts/**\"]\n");
    let o = factlint_in(&dir.0, &["check", ".", "--format", "line"]);
    assert!(findings(&o)
        .iter()
        .all(|(p, _, _)| p != "opinion/drafts/c.md"));
    assert!(findings(&o).iter().any(|(p, _, _)| p == "opinion/b.md"));
    // Run-wide keys belong in the top file; bad ids are placed in the nested one.
    dir.write(
        "opinion/factlint.yaml",
        "format: json\ndefault_rules: false\n",
    );
    let o = factlint_in(&dir.0, &["check", "."]);
    assert_eq!(code(&o), 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("opinion/factlint.yaml:1:1: `format` applies to the whole run (a run writes one report)"),
        "{err}"
    );
    assert!(
        err.contains("opinion/factlint.yaml:2:1: `default_rules` applies to the whole run (a run loads one set of built-in rules): set it in the top factlint.yaml (a nested one sets rule_dirs, enable, disable, rules, include, exclude, fail_under, fail_on)"),
        "{err}"
    );
    dir.write("opinion/factlint.yaml", "disable: [\"qoutes.*\"]\n");
    let o = factlint_in(&dir.0, &["check", "."]);
    assert_eq!(code(&o), 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("opinion/factlint.yaml:1:12: disable: `qoutes.*` matches no rule"),
        "{err}"
    );
    // --isolated ignores every factlint.yaml.
    dir.write("opinion/factlint.yaml", "format: json\n");
    let o = factlint_in(&dir.0, &["check", ".", "--isolated", "--format", "line"]);
    assert_eq!(code(&o), 1, "{}", String::from_utf8_lossy(&o.stderr));
}

/// A nested file's `fail_under` and `fail_on` hold the documents of its folder;
/// where it sets none, the top file's do (a file that tunes rules keeps the gate),
/// and the flags win over both. The exit-1 reasons name the file of each threshold.
#[test]
fn nested_thresholds_apply_to_their_folder() {
    let dir = Scratch::new("config-nested-gate");
    dir.write("factlint.yaml", "fail_on: warning\n");
    let article = "The route will cost TK million, the authority said.\n";
    dir.write("news/a.md", article);
    dir.write("opinion/b.md", article);
    // Everything at or above warning fails: both folders.
    let o = factlint_in(&dir.0, &["check", ".", "--format", "line", "--quiet"]);
    assert_eq!(code(&o), 1);
    // A folder file that tunes rules only keeps the top's fail_on.
    dir.write(
        "opinion/factlint.yaml",
        "rules:\n  \"transparency.*\": { severity: info }\n",
    );
    let o = factlint_in(&dir.0, &["check", "opinion", "--format", "line", "--quiet"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    dir.write(
        "opinion/factlint.yaml",
        "rules:\n  \"transparency.*\": { severity: info }\nfail_on: info\nfail_under: 99\n",
    );
    let o = factlint_in(&dir.0, &["check", ".", "--format", "line", "--quiet"]);
    assert_eq!(code(&o), 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "document scored below fail_under 99 (set by opinion/factlint.yaml):\n  opinion/b.md:"
        ),
        "{err}"
    );
    assert!(
        err.contains("at or above fail_on info (set by opinion/factlint.yaml):\n  opinion/b.md:"),
        "{err}"
    );
    assert!(
        err.contains("at or above fail_on warning (set by factlint.yaml):\n  news/a.md:"),
        "{err}"
    );
    assert!(
        !err.contains("fail_under 99 (set by opinion/factlint.yaml):\n  news/"),
        "{err}"
    );
    // The flags win over the nested file.
    let o = factlint_in(
        &dir.0,
        &[
            "check",
            "opinion",
            "--quiet",
            "--fail-on",
            "error",
            "--fail-under",
            "0",
        ],
    );
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
}

/// `config PATH` prints what `check` applies to PATH: its closest nested file, with
/// the run-wide keys and unset thresholds from the top; `extract` and `index build`
/// walk folders with their nested files' globs, as `check` does.
#[test]
fn config_extract_and_index_honour_nested_files() {
    let dir = Scratch::new("config-nested-commands");
    dir.write(
        "factlint.yaml",
        "format: line\nfail_under: 40\nexclude: [\"*.txt\"]\n",
    );
    let article = "The route will cost TK million, the authority said.\n";
    dir.write("news/a.md", article);
    dir.write(
        "opinion/factlint.yaml",
        "disable: [transparency.missing-byline]\nexclude: [\"drafts/**\"]\nfail_on: warning\n",
    );
    dir.write("opinion/b.md", article);
    dir.write("opinion/drafts/c.md", article);
    let o = factlint_in(&dir.0, &["config", "opinion/b.md", "--disable", "claims.*"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    insta_settings().bind(|| insta::assert_snapshot!("cli__config_for_path", stdout(&o)));
    // A folder reads as the documents in it; outside any nested file, the top.
    assert_eq!(
        stdout(&factlint_in(&dir.0, &["config", "opinion"])).lines().next(),
        Some("# for opinion: opinion/factlint.yaml (the closest; the top's rule_dirs add to its own, and default_rules, format and the thresholds it does not set come from the top)")
    );
    let top = stdout(&factlint_in(&dir.0, &["config", "news/a.md"]));
    assert!(
        top.starts_with("# for news/a.md: no nested factlint.yaml; the top configuration\n"),
        "{top}"
    );
    // `rules list PATH`: the folder's rules, with its overrides.
    let listed = |path: &str| -> Vec<String> {
        let o = factlint_in(&dir.0, &["rules", "list", path]);
        assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
            .lines()
            .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
            .collect()
    };
    let byline = "transparency.missing-byline".to_string();
    assert!(listed("news/a.md").contains(&byline));
    assert!(!listed("opinion/b.md").contains(&byline));
    assert!(!listed("opinion").contains(&byline));
    let missing = factlint_in(&dir.0, &["config", "nowhere.md"]);
    assert_eq!(code(&missing), 2);
    assert!(String::from_utf8_lossy(&missing.stderr)
        .contains("error: nowhere.md: no such file or folder"));
    // A bad id in the nested file is placed there, by `config PATH` as by `check`.
    dir.write("opinion/factlint.yaml", "disable: [\"qoutes.*\"]\n");
    let bad = factlint_in(&dir.0, &["config", "opinion/b.md"]);
    assert_eq!(code(&bad), 2);
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("opinion/factlint.yaml:1:12: disable: `qoutes.*` matches no rule"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    dir.write("opinion/factlint.yaml", "exclude: [\"drafts/**\"]\n");
    let o = factlint_in(&dir.0, &["extract", "."]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let docs: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["news/a.md", "opinion/b.md"]);
    let o = factlint_in(&dir.0, &["index", "build", ".", "-o", "archive.idx"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(": 2 documents"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A nested file's own `rule_dirs` add rules for its folder's documents only; they
/// cannot replace a rule the run has, and their files are not read as articles.
#[test]
fn nested_rule_dirs_add_rules_for_their_folder() {
    let dir = Scratch::new("config-nested-rule-dirs");
    dir.write("factlint.yaml", "format: line\n");
    dir.write("opinion/factlint.yaml", "rule_dirs: [house-rules]\n");
    let rule = "id: house.hedge-word\ncategory: claims\nseverity: warning\nweight: 2\n\
                description: A hedge the opinion desk avoids\nmessage: \"Hedge word: {text}\"\n\
                check:\n  kind: pattern\n  params: { phrases: [reportedly] }\n";
    dir.write("opinion/house-rules/house/hedge-word.yaml", rule);
    let article = "---\ntitle: Ferry\nauthors: [Ana Ruiz]\npublisher: The Island Courier\n\
                   date: 2026-03-03\n---\nThe ferry route reportedly won approval on Tuesday.\n";
    dir.write("news/a.md", article);
    dir.write("opinion/b.md", article);
    let o = factlint_in(&dir.0, &["check", "."]);
    assert_ne!(code(&o), 2, "{}", String::from_utf8_lossy(&o.stderr));
    let hedges: Vec<String> = findings(&o)
        .into_iter()
        .filter(|(_, _, rule)| rule == "house.hedge-word")
        .map(|(path, _, _)| path)
        .collect();
    assert_eq!(hedges, ["opinion/b.md"], "{}", stdout(&o));
    assert!(!stdout(&o).contains("house-rules/"), "{}", stdout(&o));
    let config = stdout(&factlint_in(&dir.0, &["config", "opinion/b.md"]));
    assert!(
        config.contains("rule_dirs: [\"opinion/house-rules\"]  # opinion/factlint.yaml"),
        "{config}"
    );
    let listed = stdout(&factlint_in(&dir.0, &["rules", "list", "opinion"]));
    assert!(listed.contains("house.hedge-word"), "{listed}");
    assert!(!stdout(&factlint_in(&dir.0, &["rules", "list"])).contains("house.hedge-word"));
    // Replacing a rule the run has is refused, as is a folder that names no folder.
    dir.write(
        "opinion/house-rules/quotes/unknown-speaker.yaml",
        &rule.replace("house.hedge-word", "quotes.unknown-speaker"),
    );
    let o = factlint_in(&dir.0, &["check", "."]);
    assert_eq!(code(&o), 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error: opinion/factlint.yaml: rule_dirs: opinion/house-rules/quotes/unknown-speaker.yaml defines `quotes.unknown-speaker`, which the run already has from rules/quotes/unknown-speaker.yaml"),
        "{err}"
    );
    dir.write("opinion/factlint.yaml", "rule_dirs: [house-rulez]\n");
    let o = factlint_in(&dir.0, &["check", "."]);
    assert_eq!(code(&o), 2);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("opinion/factlint.yaml:1:13: rule_dirs: `house-rulez` is not a folder"),
        "{err}"
    );
}
