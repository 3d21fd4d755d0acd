//! Cross-document behaviour: --corpus archives, and output independent of threads.

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
