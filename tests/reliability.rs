//! Hostile and unusual input: no panic, one failing document does not take the run
//! down, outputs never land on inputs, and work grows linearly with input size.

use crate::support::{builtin_rules, root, run};
use factlint::checks::{
    Compiled, CorpusCheck, CorpusContext, CorpusHit, DocCheck, DocContext, Hit,
};
use factlint::extract::Needs;
use factlint::report::{self, Format, RenderOptions, Report};
use factlint::rules::{Category, Rule, Severity};

/// Inputs that once panicked (byte slicing inside a multi-byte character).
#[test]
fn non_ascii_dates_and_entities_do_not_panic() {
    let dir = root().join("tests/fixtures/reliability");
    let outcome = run(&builtin_rules(), &[&dir], None, 1);
    assert_eq!(outcome.summaries.len(), 5);
    let failed: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| &*f.rule == "input.internal-error")
        .map(|f| (&f.location.path, &f.message))
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    let html = run(
        &builtin_rules(),
        &[&dir.join("ampersand-before-curly-quote.html")],
        None,
        1,
    );
    assert!(
        html.findings
            .iter()
            .all(|f| !f.location.text.contains("b\">")),
        "an attribute value leaked into the text"
    );
    // Every named character reference is decoded, and text after one maps back to
    // the same bytes of the file.
    let path = dir.join("ampersand-before-curly-quote.html");
    let raw = std::fs::read_to_string(&path).unwrap();
    let doc = factlint::doc::Document::parse(
        factlint::doc::DocId(0),
        "a.html".into(),
        raw.clone().into_bytes(),
        &factlint::doc::ParseOptions::default(),
    );
    assert!(
        doc.text
            .contains("Smith & Robertson’s review – été ½ ♥ – followed."),
        "{:?}",
        doc.text
    );
    assert!(!doc.text.contains("b\">"));
    let at = doc.text.find("Robertson’s").unwrap();
    let span = factlint::doc::Span::new(at, at + "Robertson’s".len());
    assert_eq!(doc.raw_span(span).slice(&raw), "Robertson’s");
}

/// Panics on any document that contains its marker: stands for a bug in a check.
struct PanicsOnMarker;

impl DocCheck for PanicsOnMarker {
    fn needs(&self) -> Needs {
        Needs::NONE
    }
    fn check(&self, cx: &DocContext, _: &mut Vec<Hit>) {
        if cx.doc.text.contains("TRIGGER-THE-BUG") {
            panic!("injected failure for the test");
        }
    }
}

/// A rule of the run that is no rule file: `check` stands for a bug.
fn test_rule(id: &str, check: Compiled) -> Rule {
    Rule {
        id: id.into(),
        category: Category::Claims,
        severity: Severity::Info,
        weight: 0.0,
        description: "Panics".into(),
        message: "Never shown".into(),
        help: None,
        kind: "test",
        check,
        origin: "test".into(),
        source: String::new(),
        tests: None,
    }
}

/// A cross-document check that panics once the corpus holds its marker.
struct CorpusPanicsOnMarker;

impl CorpusCheck for CorpusPanicsOnMarker {
    fn needs(&self) -> Needs {
        Needs::NONE
    }
    fn check(&self, cx: &CorpusContext, _: &mut Vec<CorpusHit>) {
        if cx.index.docs.iter().any(|d| d.path.contains("trigger")) {
            panic!("injected corpus failure");
        }
    }
}

#[test]
fn a_panic_in_a_cross_document_check_loses_only_its_findings() {
    let dir = crate::config::Scratch::new("corpus-isolation");
    let shared = "The regional transport authority confirmed on Tuesday that the new ferry \
                  timetable will take effect next month across all island routes, with \
                  earlier crossings, lower fares for students and a covered waiting room at \
                  the northern pier before the first winter.";
    for name in ["a.md", "trigger.md"] {
        dir.write(
            name,
            &format!("The route will cost TK million.\n\n{shared}\n"),
        );
    }
    let mut rules = builtin_rules();
    rules.rules.push(test_rule(
        "test.corpus-panics",
        Compiled::Corpus(Box::new(CorpusPanicsOnMarker)),
    ));
    for threads in [1, 2] {
        let outcome = run(&rules, &[&dir.0], None, threads);
        assert!(outcome.failed());
        assert_eq!(outcome.failures.len(), 1, "{:?}", outcome.failures);
        let failure = &outcome.failures[0];
        assert!(failure.stage.contains("test.corpus-panics"), "{failure}");
        assert_eq!(failure.message, "injected corpus failure");
        // Every other check, document or cross-document, still reported.
        for name in ["a.md", "trigger.md"] {
            let rules_hit: Vec<&str> = outcome
                .findings
                .iter()
                .filter(|f| f.location.path.ends_with(name))
                .map(|f| &*f.rule)
                .collect();
            assert!(
                rules_hit.contains(&"transparency.editorial-placeholder")
                    && rules_hit.contains(&"consistency.duplicate-text"),
                "{name}: {rules_hit:?}"
            );
            assert!(
                !rules_hit.contains(&"input.internal-error"),
                "{rules_hit:?}"
            );
        }
        let report = Report::build(&outcome, &rules);
        assert_eq!(report.documents.len(), 2);
        assert_eq!(report.failures, outcome.failures);
    }
}

#[test]
fn a_panic_in_one_document_is_a_finding_and_the_rest_is_reported() {
    let dir = crate::config::Scratch::new("isolation");
    dir.write("good/a.md", "The route will cost TK million.\n");
    dir.write("good/b.md", "Fares are [citation needed].\n");
    dir.write("bad.html", "<p>TRIGGER-THE-BUG</p>\n");
    let mut rules = builtin_rules();
    rules.rules.push(test_rule(
        "test.panics",
        Compiled::Doc(Box::new(PanicsOnMarker)),
    ));
    for threads in [1, 2] {
        let outcome = run(
            &rules,
            &[&dir.path("good"), &dir.path("bad.html")],
            None,
            threads,
        );
        let of = |name: &str| -> Vec<&str> {
            outcome
                .findings
                .iter()
                .filter(|f| f.location.path.ends_with(name))
                .map(|f| &*f.rule)
                .collect()
        };
        assert!(outcome.failed(), "exit status 3");
        assert!(
            of("bad.html").contains(&"input.internal-error"),
            "{:?}",
            of("bad.html")
        );
        assert!(of("good/a.md").contains(&"transparency.editorial-placeholder"));
        assert!(of("good/b.md").contains(&"transparency.editorial-placeholder"));
        let internal = outcome
            .findings
            .iter()
            .find(|f| &*f.rule == "input.internal-error")
            .unwrap();
        assert!(
            internal.message.contains("injected failure for the test"),
            "{}",
            internal.message
        );
        let report = Report::build(&outcome, &rules);
        let mut json = Vec::new();
        let opts = RenderOptions {
            width: Some(120),
            color: false,
            quiet: false,
            explain: false,
            ..RenderOptions::default()
        };
        report::render(&report, Format::Json, &opts, &mut json).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(json["documents"].as_array().unwrap().len(), 3);
    }
}

#[test]
fn outputs_never_replace_inputs_or_other_files() {
    use crate::cli::{code, factlint_in};
    let dir = crate::config::Scratch::new("safe-outputs");
    let article = "The route will cost TK million.\n";
    dir.write("archive/some-article.txt", article);
    dir.write("notes.txt", "not a baseline\n");
    let unchanged = |name: &str, text: &str| {
        assert_eq!(
            std::fs::read_to_string(dir.path(name)).unwrap(),
            text,
            "{name}"
        );
    };
    let run = |args: &[&str]| factlint_in(&dir.0, args);
    for args in [
        &[
            "index",
            "build",
            "archive",
            "-o",
            "archive/some-article.txt",
        ][..],
        &[
            "check",
            "archive",
            "--write-baseline",
            "archive/some-article.txt",
        ],
        &[
            "check",
            "archive",
            "--write-baseline",
            "./archive/../archive/some-article.txt",
        ],
        &["check", "archive", "--write-baseline", "notes.txt"],
        &["check", "archive", "--write-baseline", "archive"],
        &["index", "build", "archive", "-o", "notes.txt"],
    ] {
        let o = run(args);
        assert_eq!(
            code(&o),
            2,
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("refusing"),
            "{args:?}"
        );
        unchanged("archive/some-article.txt", article);
        unchanged("notes.txt", "not a baseline\n");
    }
    // Their own kind is replaced, through a fresh file (no temporary left behind).
    for _ in 0..2 {
        assert_eq!(
            code(&run(&["check", "archive", "--write-baseline", "base.json"])),
            0
        );
        assert_eq!(
            code(&run(&["index", "build", "archive", "-o", "archive/x.idx"])),
            0
        );
    }
    let o = run(&[
        "check",
        "archive",
        "--index",
        "archive/x.idx",
        "--format",
        "line",
    ]);
    assert!(
        !String::from_utf8_lossy(&o.stdout).contains("x.idx"),
        "the index is no document"
    );
    let names: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .chain(std::fs::read_dir(dir.path("archive")).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    // The index named as `--index` is an input too.
    let o = run(&[
        "check",
        "archive/some-article.txt",
        "--index",
        "archive/x.idx",
        "--write-baseline",
        "archive/x.idx",
    ]);
    assert_eq!(code(&o), 2);
}

/// Runs the binary in `dir`; fails if it has not finished in 20 s (a FIFO read
/// would block forever).
fn bounded(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let id = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(child.wait_with_output().unwrap()));
    match receive.recv_timeout(std::time::Duration::from_secs(20)) {
        Ok(output) => output,
        Err(_) => {
            let _ = std::process::Command::new("kill")
                .arg(id.to_string())
                .status();
            panic!("{args:?} did not finish");
        }
    }
}

#[test]
fn thresholds_must_be_scores() {
    use crate::cli::code;
    let dir = crate::config::Scratch::new("thresholds");
    dir.write("a.md", "The harbour authority approved a ferry route.\n");
    for bad in ["NaN", "nan", "101", "-5", "inf"] {
        let o = bounded(
            &dir.0,
            &["check", "a.md", "--isolated", "--fail-under", bad],
        );
        assert_eq!(code(&o), 2, "{bad}");
    }
    for (yaml, at) in [
        ("format: line\nfail_under: .nan\n", "factlint.yaml:2:"),
        ("fail_under: 250\n", "factlint.yaml:1:"),
    ] {
        dir.write("factlint.yaml", yaml);
        let o = bounded(&dir.0, &["check", "a.md"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(code(&o), 2, "{yaml}: {err}");
        assert!(err.contains(at), "{yaml}: {err}");
    }
}

#[test]
fn utf16_articles_are_decoded() {
    let dir = crate::config::Scratch::new("utf16");
    let text = "The route will cost TK million, the authority said.\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = [
        &[0xFE, 0xFF][..],
        &text
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect::<Vec<_>>(),
    ]
    .concat();
    std::fs::write(dir.path("le.txt"), le).unwrap();
    std::fs::write(dir.path("be.txt"), be).unwrap();
    let o = bounded(&dir.0, &["check", ".", "--isolated", "--format", "line"]);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(!err.contains("binary"), "{err}");
    for name in ["le.txt", "be.txt"] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(name) && l.contains("editorial-placeholder")),
            "{out}"
        );
        assert!(
            out.lines().any(|l| l.starts_with(name)
                && l.contains("input.encoding")
                && l.contains("UTF-16")),
            "{out}"
        );
    }
}

#[cfg(unix)]
#[test]
fn fifos_are_refused_not_read() {
    use crate::cli::code;
    let dir = crate::config::Scratch::new("fifo");
    dir.write("a.md", "The harbour authority approved a ferry route.\n");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path("pipe"))
        .status()
        .unwrap();
    assert!(made.success());
    for args in [
        &["check", "pipe"][..],
        &["check", "a.md", "--index", "pipe"],
        &["check", "a.md", "--baseline", "pipe"],
        &["check", "a.md", "--write-baseline", "pipe"],
        &["index", "build", ".", "-o", "pipe"],
    ] {
        let o = bounded(&dir.0, args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("pipe"),
            "{args:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn rule_and_config_files_that_are_not_text_are_placed_and_links_not_echoed() {
    use crate::cli::code;
    let dir = crate::config::Scratch::new("rule-files");
    dir.write("a.md", "The harbour authority approved a ferry route.\n");
    dir.write("secret.txt", "password: hunter2-very-secret\n");
    std::fs::create_dir_all(dir.path("house/group")).unwrap();
    std::fs::write(
        dir.path("house/group/latin1.yaml"),
        b"id: group.latin1\ndescription: caf\xe9\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path("secret.txt"), dir.path("house/group/link.yaml")).unwrap();
    // A linked folder: its files are linked too. A link back up is walked once.
    dir.write(
        "elsewhere/secret.yaml",
        "id: group.secret\ntoken: hunter2-in-a-folder\n",
    );
    std::os::unix::fs::symlink(dir.path("elsewhere"), dir.path("house/group/shared")).unwrap();
    std::os::unix::fs::symlink(dir.path("house"), dir.path("house/group/up")).unwrap();
    let o = bounded(&dir.0, &["check", "a.md", "--isolated", "--rules", "house"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(code(&o), 2, "{err}");
    assert!(
        err.contains("house/group/latin1.yaml:2:17: not valid UTF-8"),
        "{err}"
    );
    assert!(err.contains("house/group/link.yaml:1:"), "{err}");
    assert!(
        err.contains("house/group/shared/secret.yaml:2:1: "),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
    assert!(!err.contains("/up/"), "{err}");
    // The linked file has two errors (a key missing, a key unknown); each is placed.
    assert!(err.starts_with("error: 4 errors"), "{err}");
    std::fs::write(
        dir.path("factlint.yaml"),
        b"format: line\nexclude: [\"caf\xe9\"]\n",
    )
    .unwrap();
    let o = bounded(&dir.0, &["check", "a.md"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("factlint.yaml:2:15: not valid UTF-8"), "{err}");
    // Deep nesting: refused at once, in a config and in front matter alike.
    dir.write(
        "factlint.yaml",
        &format!("include: {}\n", "[".repeat(200_000)),
    );
    let o = bounded(&dir.0, &["check", "a.md"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("factlint.yaml:1:"));
    std::fs::remove_file(dir.path("factlint.yaml")).unwrap();
    dir.write(
        "deep.md",
        &format!(
            "---\ntitle: {}\n---\nBody text here.\n",
            "[".repeat(200_000)
        ),
    );
    let o = bounded(&dir.0, &["check", "deep.md", "--format", "line"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("input.front-matter"));
}

#[test]
fn a_paragraph_shared_by_many_files_is_one_finding_each() {
    let dir = crate::config::Scratch::new("shared-paragraph");
    let shared = "The regional transport authority confirmed on Tuesday that the new ferry \
                  timetable will take effect next month across all island routes, with \
                  earlier crossings, lower fares for students and a covered waiting room \
                  at the northern pier.";
    let files = 120;
    for i in 0..files {
        dir.write(
            &format!("d{i:03}.txt"),
            &format!("Story {i} opens with its own words here.\n\n{shared}\n"),
        );
    }
    let outcome = run(
        &crate::support::only_rule("consistency.duplicate-text"),
        &[&dir.0],
        None,
        2,
    );
    assert_eq!(
        outcome.findings.len(),
        files,
        "one finding per document, not per pair"
    );
    for f in &outcome.findings {
        assert!(
            f.related.len() <= 3,
            "{} pieces of evidence",
            f.related.len()
        );
        assert!(
            f.message
                .contains(&format!("and {} other documents", files - 2)),
            "{}",
            f.message
        );
    }
}

#[cfg(unix)]
#[test]
fn config_says_which_rule_dirs_reach_outside_the_project() {
    use crate::cli::{code, factlint_in};
    let dir = crate::config::Scratch::new("rule-dirs-outside");
    for d in ["project/house", "project/nested/deeper", "elsewhere"] {
        std::fs::create_dir_all(dir.path(d)).unwrap();
    }
    std::os::unix::fs::symlink(dir.path("elsewhere"), dir.path("project/linked")).unwrap();
    let absolute = dir.path("elsewhere").to_string_lossy().into_owned();
    dir.write(
        "project/factlint.yaml",
        &format!(
            "rule_dirs: [house, nested/../nested/deeper, ../elsewhere, linked, {absolute:?}]\n"
        ),
    );
    let o = factlint_in(&dir.path("project"), &["config"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let notes: Vec<&str> = out.lines().filter(|l| l.starts_with("#   ")).collect();
    assert_eq!(
        notes,
        [
            "#   \"../elsewhere\" (factlint.yaml) leaves the folder it is relative to".to_string(),
            "#   \"linked\" (factlint.yaml) leads outside the folder it is relative to through a symbolic link".to_string(),
            format!("#   {absolute:?} (factlint.yaml) is an absolute path, outside the project"),
        ],
        "{out}"
    );
    // The output stays YAML: the notes are comments.
    assert!(out.lines().any(|l| l.starts_with("rule_dirs: [")), "{out}");
}

/// Every number a shipped rule file sets in its params, set to NaN or infinity in a
/// copy of the file: refused, at the key's own line and column.
#[test]
fn nan_and_infinite_rule_parameters_are_refused_where_they_are() {
    use factlint::rules::{self, LoadOptions};
    let number = regex::Regex::new(r"(\b[a-z_]+): (-?[0-9]+\.[0-9]+)\b").unwrap();
    let dir = crate::config::Scratch::new("nan-params");
    let mut tried = 0;
    for group in std::fs::read_dir(root().join("rules")).unwrap().flatten() {
        let Ok(files) = std::fs::read_dir(group.path()) else {
            continue;
        };
        for file in files.flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap();
            let Some(params) = text.find("params:") else {
                continue;
            };
            for m in number.captures_iter(&text[params..]) {
                let (key, value) = (m.get(1).unwrap(), m.get(2).unwrap());
                for bad in [".nan", ".inf", "-.inf"] {
                    let at = params + value.start();
                    let changed = format!("{}{bad}{}", &text[..at], &text[params + value.end()..]);
                    let name = format!(
                        "{}/{}",
                        group.file_name().to_string_lossy(),
                        file.file_name().to_string_lossy()
                    );
                    let _ = std::fs::remove_dir_all(&dir.0);
                    dir.write(&name, &changed);
                    let errors = rules::load(&LoadOptions {
                        include_builtin: false,
                        dirs: vec![dir.0.clone()],
                    })
                    .err()
                    .unwrap_or_else(|| panic!("{name}: {} {bad} accepted", key.as_str()));
                    let key_at = params + key.start();
                    let line = text[..key_at].lines().count().max(1);
                    let line_start = text[..key_at].rfind('\n').map_or(0, |i| i + 1);
                    let column = text[line_start..key_at].chars().count() + 1;
                    let expected = format!(":{line}:{column}: check.params.{}", key.as_str());
                    assert!(
                        errors.iter().any(|e| e.to_string().contains(&expected)),
                        "{name} {} {bad}: {errors:?}, expected {expected}",
                        key.as_str()
                    );
                    tried += 1;
                }
            }
        }
    }
    assert!(tried >= 15, "only {tried} parameters tried");
}

#[test]
fn scoring_caps_must_be_numbers() {
    use factlint::rules::{self, LoadOptions};
    let dir = crate::config::Scratch::new("nan-caps");
    for (yaml, at) in [
        ("caps:\n  quotes: .nan\n", ":2:3: caps.quotes: NaN"),
        (
            "caps: {claims: 20, dates: .inf}\n",
            ":1:20: caps.dates: inf",
        ),
        ("caps: {claims: 250}\n", ":1:8: caps.claims: 250"),
    ] {
        dir.write("scoring.yaml", yaml);
        let errors = rules::load(&LoadOptions {
            include_builtin: false,
            dirs: vec![dir.0.clone()],
        })
        .err()
        .unwrap_or_else(|| panic!("{yaml} accepted"));
        assert!(
            errors.iter().any(|e| e.to_string().contains(at)),
            "{yaml}: {errors:?}"
        );
    }
    dir.write("scoring.yaml", "caps: {claims: 20, dates: -10}\n");
    let set = rules::load(&LoadOptions {
        include_builtin: false,
        dirs: vec![dir.0.clone()],
    })
    .expect("a cap's size may be written negative");
    assert_eq!(set.scoring.caps.len(), 2);
}

#[cfg(unix)]
#[test]
fn messages_on_stderr_escape_control_characters_of_file_names() {
    let dir = crate::config::Scratch::new("stderr-escapes");
    dir.write("a.txt", "The council met on Monday.\n");
    std::fs::write(dir.path("bin\x1b]0;retitled\x07.txt"), b"a\0b").unwrap();
    let o = bounded(&dir.0, &["check", ".", "--isolated", "--format", "line"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: bin\\x1b]0;retitled\\x07.txt: binary file"),
        "{err}"
    );
    assert!(!err.contains('\x1b') && !err.contains('\x07'), "{err}");
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_planted_link() {
    use crate::cli::{code, factlint_in};
    let dir = crate::config::Scratch::new("init-link");
    std::fs::create_dir_all(dir.path("project")).unwrap();
    // A dangling link: `exists()` says no, and a plain write would create its target.
    std::os::unix::fs::symlink(dir.path("victim.txt"), dir.path("project/factlint.yaml")).unwrap();
    let o = factlint_in(&dir.path("project"), &["init"]);
    assert_eq!(code(&o), 2, "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    assert!(!dir.path("victim.txt").exists());
}

#[test]
fn a_missing_rule_dir_is_placed_in_the_config_that_names_it() {
    use crate::cli::code;
    let dir = crate::config::Scratch::new("missing-rule-dir");
    dir.write("a.md", "The harbour authority approved a ferry route.\n");
    std::fs::create_dir_all(dir.path("house")).unwrap();
    dir.write("factlint.yaml", "format: line\nrule_dirs: [house, gone]\n");
    for args in [&["check", "a.md"][..], &["config"]] {
        let o = bounded(&dir.0, args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(code(&o), 2, "{err}");
        assert!(
            err.contains("factlint.yaml:2:20: rule_dirs: `gone` is not a folder"),
            "{err}"
        );
    }
}

/// A span past the text (a check's bug) maps into the raw file, not past it: the
/// mapping once added without bound and overflowed.
#[test]
fn spans_past_the_text_stay_in_the_file() {
    use factlint::doc::{DocId, Document, Span};
    let opts = factlint::engine::RunOptions::default().parse;
    for (path, raw) in [
        ("a.html", "<p>Smith &amp; Partners said so.</p>\n"),
        (
            "a.md",
            "Fares *rose* sharply [here](https://example.org).\n",
        ),
    ] {
        let doc = Document::parse(DocId(0), path.into(), raw.as_bytes().to_vec(), &opts);
        for span in [
            Span {
                start: u32::MAX - 1,
                end: u32::MAX,
            },
            Span {
                start: 5,
                end: u32::MAX,
            },
        ] {
            let mapped = doc.raw_span(span);
            assert!(mapped.end as usize <= raw.len(), "{path}: {mapped:?}");
            let location = factlint::engine::locate(&doc, span);
            assert!(
                location.end as usize <= raw.len() && location.line <= 2,
                "{path}: {location:?}"
            );
        }
    }
}

/// Only the extractors the enabled rules need run, and those they read: the date
/// rules alone (`--enable 'dates.*'`) leave the quotes, the claims and the paragraph
/// fingerprints undone.
#[test]
fn only_the_extractors_the_enabled_rules_need_run() {
    use factlint::doc::{DocId, Document, ParseOptions};
    use factlint::extract;
    use factlint::index::DocPart;
    let text = "The council met on March 3, 2024, and approved the plan after a long debate \
                that ran late into the evening.\n\n\
                \u{201c}We have waited long enough for this decision,\u{201d} said Mayor Ann Price, \
                who had argued for it since the spring.\n\n\
                Unemployment in the town rose by 40 percent last year, the highest rate in \
                the region.\n";
    let doc = Document::parse(
        DocId(0),
        "a.txt".into(),
        text.as_bytes().to_vec(),
        &ParseOptions::default(),
    );
    let lexicons = factlint::extract::lexicons::Lexicons::shipped();
    let rules_of = |group: &str| {
        let mut set = builtin_rules();
        set.rules.retain(|r| r.id.starts_with(group));
        assert!(!set.rules.is_empty(), "no built-in `{group}` rules");
        set.needs()
    };
    let indexed_paragraphs = |needs: Needs| {
        let facts = extract::extract(&doc, needs, &lexicons);
        DocPart::build(&doc, &facts, needs, &lexicons)
            .entry(true)
            .indexed_paragraphs
    };

    let dates = rules_of("dates.");
    let facts = extract::extract(&doc, dates, &lexicons);
    assert!(!facts.dates.is_empty(), "the date extractor ran");
    assert!(facts.quotes.is_empty() && facts.claims.is_empty() && facts.sources.is_empty());
    assert_eq!(indexed_paragraphs(dates), 0);

    // A rule that declares only claims still gets the quotes its extractor reads
    // (a quoted sentence is sourced by its speaker).
    let facts = extract::extract(&doc, Needs::CLAIMS, &lexicons);
    assert!(!facts.claims.is_empty());
    assert_eq!(
        facts.quotes.len(),
        1,
        "the claim extractor reads the quotes"
    );
    assert!(facts.dates.is_empty());

    let all = builtin_rules().needs();
    assert!(
        all.paragraphs,
        "the duplicate-text rule uses the fingerprints"
    );
    assert!(indexed_paragraphs(all) > 0);
}
