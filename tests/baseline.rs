//! Baselines: findings are recognised by fingerprint, not by line; baselined findings
//! are hidden but still scored.

use crate::config::Scratch;
use crate::support::{builtin_rules, run};
use factlint::baseline::{Baseline, PathKey};
use factlint::report::Report;
use std::path::Path;

const ARTICLE: &str = "The route will cost TK million, the authority said.\n\n\
                       Fares will be set by the operator [citation needed].\n";

fn here() -> PathKey {
    PathKey::new(Path::new("."))
}

fn outcome(path: &Path) -> factlint::engine::Outcome {
    run(&builtin_rules(), &[path], None, 1)
}

#[test]
fn inserting_lines_above_a_finding_does_not_make_it_new() {
    let dir = Scratch::new("baseline-shift");
    let file = dir.write("article.md", ARTICLE);
    let before = outcome(&file);
    assert!(before.findings.len() >= 2);
    let baseline = Baseline::from_findings(before.findings.iter(), &here());
    let json = baseline.to_json();

    // Three paragraphs inserted above: every finding moves down, none is new.
    dir.write(
        "article.md",
        &format!("A new opening paragraph.\n\nAnother one.\n\nAnd a third.\n\n{ARTICLE}"),
    );
    let mut after = outcome(&file);
    let placeholder_line = |o: &factlint::engine::Outcome| {
        o.findings
            .iter()
            .find(|f| &*f.rule == "transparency.editorial-placeholder")
            .map(|f| f.location.line)
    };
    assert_eq!(placeholder_line(&before), Some(1));
    assert_eq!(placeholder_line(&after), Some(7), "the findings moved");
    let reread = Baseline::from_json("baseline.json", &json).unwrap();
    assert_eq!(
        reread.apply(&mut after.findings, &here()),
        before.findings.len()
    );
    assert!(after.findings.iter().all(|f| f.baselined));
    let report = Report::build(&after, &builtin_rules());
    assert!(report.findings.is_empty());
}

#[test]
fn a_new_finding_is_reported_and_baselined_ones_still_count() {
    let dir = Scratch::new("baseline-new");
    let file = dir.write("article.md", ARTICLE);
    let baseline = Baseline::from_findings(outcome(&file).findings.iter(), &here());

    // The same placeholder text again: a second occurrence, so a new fingerprint.
    dir.write(
        "article.md",
        &format!("{ARTICLE}\nThe route will cost TK million, the authority said.\n"),
    );
    let rules = builtin_rules();
    let mut after = outcome(&file);
    let unmarked_score = Report::build(&after, &rules).documents[0].score;
    baseline.apply(&mut after.findings, &here());
    let report = Report::build(&after, &rules);
    let new: Vec<(u32, &str)> = report
        .findings
        .iter()
        .map(|f| (f.location.line, &*f.rule))
        .collect();
    assert_eq!(new, vec![(5, "transparency.editorial-placeholder")]);
    assert_eq!(report.documents[0].score, unmarked_score);
}

#[test]
fn baselines_round_trip_and_reject_other_files() {
    let dir = Scratch::new("baseline-json");
    let file = dir.write("article.md", ARTICLE);
    let b = Baseline::from_findings(outcome(&file).findings.iter(), &here());
    let again = Baseline::from_json("b.json", &b.to_json()).unwrap();
    assert_eq!(again.findings, b.findings);
    assert!(Baseline::from_json("b.json", "{\"version\": 9, \"findings\": []}").is_err());
    assert!(Baseline::from_json("b.json", "[]").is_err());
}
