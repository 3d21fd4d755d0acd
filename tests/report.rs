//! Snapshots of the reports over seeds/ with the shipped rules.

use crate::support::{builtin_rules, insta_settings, root, run};
use factlint::report::{self, Format, RenderOptions, Report};

fn render(format: Format, explain: bool) -> String {
    render_dir("seeds", format, explain)
}

fn render_dir(dir: &str, format: Format, explain: bool) -> String {
    let rules = builtin_rules();
    let outcome = run(&rules, &[&root().join(dir)], None, 2);
    let report = Report::build(&outcome, &rules);
    let mut out = Vec::new();
    let opts = RenderOptions {
        width: Some(140),
        color: false,
        quiet: false,
        explain,
        ..RenderOptions::default()
    };
    report::render(&report, format, &opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn seeds_table() {
    insta_settings()
        .bind(|| insta::assert_snapshot!("report__seeds_table", render(Format::Table, true)));
}

/// The seeds with the front matter a newsroom CMS supplies (title, author, publisher,
/// date; an invented byline for 001).
#[test]
fn seeds_cms_table() {
    insta_settings().bind(|| {
        insta::assert_snapshot!(
            "report__seeds_cms_table",
            render_dir("tests/fixtures/seeds-cms", Format::Table, true)
        )
    });
}

fn json_without_rules_hash(text: String) -> String {
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 1);
    // The rule-set hash changes with every rule edit; the snapshot need not.
    text.replace(value["tool"]["rules"].as_str().unwrap(), "<sha256>")
}

#[test]
fn seeds_json() {
    let text = json_without_rules_hash(render(Format::Json, false));
    insta_settings().bind(|| insta::assert_snapshot!("report__seeds_json", text));
}

#[test]
fn seeds_cms_json() {
    let text = json_without_rules_hash(render_dir("tests/fixtures/seeds-cms", Format::Json, false));
    insta_settings().bind(|| insta::assert_snapshot!("report__seeds_cms_json", text));
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

/// The scores of the documents under `dir`, lowest first.
fn ranking(dir: &str) -> Vec<(f64, String)> {
    let rules = builtin_rules();
    let outcome = run(&rules, &[&root().join(dir)], None, 2);
    let report = Report::build(&outcome, &rules);
    let mut scores: Vec<(f64, String)> = report
        .documents
        .iter()
        .map(|d| (d.score, d.path.to_string()))
        .collect();
    scores.sort_by(|a, b| a.0.total_cmp(&b.0));
    scores
}

/// The machine-written article with invented experts and no sources scores lowest,
/// by at least 20 points, both as scraped (no byline, date or publisher) and with the
/// front matter a CMS supplies: the score follows the content, not missing fields.
#[test]
fn unsourced_article_with_invented_experts_scores_lowest() {
    for dir in ["seeds", "tests/fixtures/seeds-cms"] {
        let scores = ranking(dir);
        assert!(scores[0].1.contains("001_"), "{dir}: {scores:?}");
        assert!(
            scores[1].0 - scores[0].0 >= 20.0,
            "{dir}: margin too small: {scores:?}"
        );
    }
}
