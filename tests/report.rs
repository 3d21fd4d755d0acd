//! Snapshots of the reports over seeds/ with the shipped rules.

use crate::support::{builtin_rules, insta_settings, root, run};
use factlint::report::{self, Format, RenderOptions, Report};

fn render(format: Format, explain: bool) -> String {
    let rules = builtin_rules();
    let outcome = run(&rules, &[&root().join("seeds")], None, 2);
    let report = Report::build(&outcome, &rules);
    let mut out = Vec::new();
    let opts = RenderOptions {
        width: Some(140),
        color: false,
        quiet: false,
        explain,
    };
    report::render(&report, format, &opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn seeds_table() {
    insta_settings()
        .bind(|| insta::assert_snapshot!("report__seeds_table", render(Format::Table, true)));
}

#[test]
fn seeds_json() {
    let text = render(Format::Json, false);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 1);
    // The rule-set hash changes with every rule edit; the snapshot need not.
    let text = text.replace(value["tool"]["rules"].as_str().unwrap(), "<sha256>");
    insta_settings().bind(|| insta::assert_snapshot!("report__seeds_json", text));
}

#[test]
fn seeds_extract() {
    let rules = factlint::rules::RuleSet::default();
    let outcome = factlint::engine::run(
        &rules,
        factlint::corpus::collect(&["seeds".into()], true).unwrap(),
        &factlint::engine::RunOptions {
            extra_needs: factlint::extract::Needs::ALL,
            keep_documents: true,
            ..Default::default()
        },
    );
    let mut out = Vec::new();
    report::extract::render(&outcome.docs, &outcome.facts, &mut out).unwrap();
    insta_settings()
        .bind(|| insta::assert_snapshot!("report__seeds_extract", String::from_utf8(out).unwrap()));
}

/// The article with no byline, no date, no publisher and no sources scores lowest,
/// by a wide margin: the scores follow from the rules, not from file names.
#[test]
fn undated_unsourced_article_scores_lowest() {
    let rules = builtin_rules();
    let outcome = run(&rules, &[&root().join("seeds")], None, 2);
    let report = Report::build(&outcome, &rules);
    let mut scores: Vec<(f64, &str)> = report
        .documents
        .iter()
        .map(|d| (d.score, &*d.path))
        .collect();
    scores.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(scores[0].1.contains("001_"), "{scores:?}");
    assert!(
        scores[1].0 - scores[0].0 >= 5.0,
        "margin too small: {scores:?}"
    );
}
