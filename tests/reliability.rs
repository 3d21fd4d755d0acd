//! Hostile and unusual input: no panic, one failing document does not take the run
//! down, outputs never land on inputs, and work grows linearly with input size.

use crate::support::{builtin_rules, root, run};
use factlint::checks::{Compiled, DocCheck, DocContext, Hit};
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

#[test]
fn a_panic_in_one_document_is_a_finding_and_the_rest_is_reported() {
    let dir = crate::config::Scratch::new("isolation");
    dir.write("good/a.md", "The route will cost TK million.\n");
    dir.write("good/b.md", "Fares are [citation needed].\n");
    dir.write("bad.html", "<p>TRIGGER-THE-BUG</p>\n");
    let mut rules = builtin_rules();
    rules.rules.push(Rule {
        id: "test.panics".into(),
        category: Category::Claims,
        severity: Severity::Info,
        weight: 0.0,
        description: "Panics".into(),
        message: "Never shown".into(),
        help: None,
        kind: "test",
        check: Compiled::Doc(Box::new(PanicsOnMarker)),
        origin: "test".into(),
        source: String::new(),
        tests: None,
    });
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
