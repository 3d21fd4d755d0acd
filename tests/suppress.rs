//! Inline suppressions: which findings they remove, the ones that matched nothing,
//! and scores that ignore what was suppressed.

use crate::support::{lines, only_rule, root, run};
use factlint::report::Report;

fn fixture(name: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/suppress").join(name)
}

#[test]
fn markdown_comments_suppress_lines_and_blocks() {
    let rules = only_rule("transparency.editorial-placeholder");
    let outcome = run(&rules, &[&fixture("article.md")], None, 1);
    let found: Vec<u32> = outcome.findings.iter().map(|f| f.location.line).collect();
    // Line 7 is not covered; 11 is the next non-blank line after a disable-next-line;
    // 14 and 16 are inside a disable … enable block; 19 is after it.
    assert_eq!(found, vec![7, 19], "{}", lines(&outcome));
    let unused: Vec<String> = outcome
        .unused_suppressions
        .iter()
        .map(ToString::to_string)
        .collect();
    let path = "tests/fixtures/suppress/article.md";
    assert_eq!(
        unused,
        vec![
            format!("{path}:21:1: unused suppression of references.placeholder-link"),
            format!("{path}:24:1: unknown directive `factlint-enabel` (did you mean `factlint-enable`?)"),
            format!("{path}:25:1: `factlint-enable` with no open factlint-disable to end"),
        ]
    );
}

#[test]
fn plain_text_and_html_forms() {
    let rules = only_rule("transparency.editorial-placeholder");
    let outcome = run(&rules, &[&fixture("plain.txt")], None, 1);
    let found: Vec<u32> = outcome.findings.iter().map(|f| f.location.line).collect();
    assert_eq!(found, vec![3], "{}", lines(&outcome));
    assert!(outcome.unused_suppressions.is_empty());
    let outcome = run(&rules, &[&fixture("page.html")], None, 1);
    let found: Vec<u32> = outcome.findings.iter().map(|f| f.location.line).collect();
    assert_eq!(found, vec![2], "{}", lines(&outcome));
}

#[test]
fn suppressed_findings_do_not_count_in_the_score() {
    let rules = only_rule("transparency.editorial-placeholder");
    let outcome = run(&rules, &[&fixture("article.md")], None, 1);
    let report = Report::build(&outcome, &rules);
    let weight = rules.rules[0].weight;
    // Two findings remain of the six placeholders.
    assert_eq!(report.documents[0].score, 100.0 - 2.0 * weight);
}

#[test]
fn a_disable_block_covers_document_level_findings() {
    let dir = std::env::temp_dir().join(format!("factlint-suppress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("undated.md");
    std::fs::write(
        &file,
        "Some text first.\n\n<!-- factlint-disable transparency.missing-date -- an undated explainer -->\n\
         The harbour authority approved a ferry route on Tuesday.\n",
    )
    .unwrap();
    let rules = only_rule("transparency.missing-date");
    let outcome = run(&rules, &[&file], None, 1);
    assert!(outcome.findings.is_empty(), "{}", lines(&outcome));
    assert!(outcome.unused_suppressions.is_empty());
    let _ = std::fs::remove_dir_all(dir);
}
