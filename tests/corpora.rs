//! Cross-document behaviour: --corpus archives, and output independent of threads.

use crate::cli::{code, factlint_in};
use crate::config::Scratch;
use crate::support::{builtin_rules, lines, only_rule, root, run};

#[test]
fn duplicate_found_in_archive_is_anchored_in_the_reported_document() {
    let rules = only_rule("consistency.duplicate-text");
    let dir = root().join("tests/fixtures/corpora/syndicated");
    // Without the archive, the incoming article alone is clean.
    let alone = run(&rules, &[&dir.join("incoming.md")], None, 1);
    assert!(alone.findings.is_empty(), "{}", lines(&alone));
    // With it, the shared paragraph is found, the archive side in `related`, and the
    // archive itself is not reported.
    let with = run(
        &rules,
        &[&dir.join("incoming.md")],
        Some(&dir.join("archive")),
        1,
    );
    assert_eq!(with.findings.len(), 1, "{}", lines(&with));
    let f = &with.findings[0];
    assert_eq!(
        &*f.location.path,
        "tests/fixtures/corpora/syndicated/incoming.md"
    );
    assert_eq!(f.related.len(), 1);
    assert!(f.related[0].path.ends_with("archive/2025-harbour.md"));
    assert!(f.related[0].text.starts_with("The harbour authority"));
}

#[test]
fn output_does_not_depend_on_threads() {
    let rules = builtin_rules();
    let paths = [
        root().join("seeds"),
        root().join("tests/fixtures/corpora/syndicated"),
    ];
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    let one = run(&rules, &refs, None, 1);
    let four = run(&rules, &refs, None, 4);
    assert_eq!(lines(&one), lines(&four));
    assert_eq!(one.findings, four.findings);
}

const SAME_PUBLISHER: &str = "tests/fixtures/corpora/same-publisher";

#[test]
fn a_publishers_own_copy_does_not_corroborate_a_quote() {
    let rules = only_rule("quotes.corroborated-quote");
    let dir = root().join(SAME_PUBLISHER);
    // The reprint's publisher differs only in case and spacing: no bonus either way.
    let own = run(
        &rules,
        &[&dir.join("incoming.md"), &dir.join("archive/reprint.md")],
        None,
        1,
    );
    assert!(own.findings.is_empty(), "{}", lines(&own));
    // Another publisher's copy corroborates it, and is the one cited.
    let with = run(
        &rules,
        &[&dir.join("incoming.md")],
        Some(&dir.join("archive")),
        1,
    );
    assert_eq!(with.findings.len(), 1, "{}", lines(&with));
    assert_eq!(with.findings[0].related.len(), 1);
    assert!(with.findings[0].related[0]
        .path
        .ends_with("archive/gazette.md"));
}

#[test]
fn the_archive_index_keeps_the_publisher() {
    let scratch = Scratch::new("same-publisher-index");
    let idx = scratch.path("archive.idx");
    let idx = idx.to_str().unwrap();
    let dir = root().join(SAME_PUBLISHER);
    let built = factlint_in(&dir, &["index", "build", "archive", "-o", idx]);
    assert_eq!(
        code(&built),
        0,
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let findings = |source: &[&str]| {
        let mut args = vec!["check", "incoming.md", "--format", "json", "--isolated"];
        args.extend_from_slice(source);
        let o = factlint_in(&dir, &args);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"].clone()
    };
    let with_index = findings(&["--index", idx]);
    assert_eq!(with_index, findings(&["--corpus", "archive"]));
    let corroborated: Vec<&serde_json::Value> = (with_index.as_array().unwrap().iter())
        .filter(|f| f["rule"] == "quotes.corroborated-quote")
        .collect();
    assert_eq!(corroborated.len(), 1, "{with_index}");
    assert!(
        corroborated[0].to_string().contains("gazette.md"),
        "{with_index}"
    );
}
