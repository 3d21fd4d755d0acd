//! Fixture tests per check kind: tests/fixtures/checks/<kind>/<rule-id>/{pass,fail}/.
//! Only that built-in rule runs. A pass/ entry must give no finding; a fail/ entry at
//! least one, and one on every line marked `<!-- expect: <rule-id> -->`. An entry
//! that is a directory is checked as one corpus (for cross-document kinds).

use crate::support::{insta_settings, lines, only_rule, root, run};
use std::path::{Path, PathBuf};

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Lines (1-based) of `<!-- expect: id -->` markers in the files of `entry`.
fn expected_lines(entry: &Path, id: &str) -> Vec<(String, u32)> {
    let files = if entry.is_dir() {
        entries(entry)
    } else {
        vec![entry.to_path_buf()]
    };
    let marker = format!("<!-- expect: {id} -->");
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let rel = f
            .strip_prefix(root())
            .unwrap_or(&f)
            .to_string_lossy()
            .replace('\\', "/");
        for (i, line) in text.lines().enumerate() {
            if line.contains(&marker) {
                out.push((rel.clone(), i as u32 + 1));
            }
        }
    }
    out
}

fn check_kind(kind: &str) {
    let dir = root().join("tests/fixtures/checks").join(kind);
    let mut snapshot = String::new();
    let rule_dirs = entries(&dir);
    assert!(!rule_dirs.is_empty(), "no fixtures for kind `{kind}`");
    for rule_dir in rule_dirs {
        let id = rule_dir.file_name().unwrap().to_string_lossy().to_string();
        let rules = only_rule(&id);
        assert_eq!(rules.rules[0].kind, kind, "{id} is not of kind {kind}");
        let pass = entries(&rule_dir.join("pass"));
        let fail = entries(&rule_dir.join("fail"));
        assert!(
            !pass.is_empty() && !fail.is_empty(),
            "{id}: needs pass/ and fail/ fixtures"
        );
        for entry in &pass {
            let outcome = run(&rules, &[entry.as_path()], None, 1);
            assert!(
                outcome.findings.is_empty(),
                "{}: expected no finding, got\n{}",
                entry.display(),
                lines(&outcome)
            );
        }
        for entry in &fail {
            let outcome = run(&rules, &[entry.as_path()], None, 1);
            assert!(
                !outcome.findings.is_empty(),
                "{}: expected a finding of {id}",
                entry.display()
            );
            for (path, line) in expected_lines(entry, &id) {
                assert!(
                    outcome.findings.iter().any(|f| *f.location.path == *path
                        && f.location.line <= line
                        && line <= f.location.end_line),
                    "{path}:{line}: expected {id} here; got\n{}",
                    lines(&outcome)
                );
            }
            snapshot.push_str(&lines(&outcome));
            snapshot.push('\n');
        }
    }
    insta_settings().bind(|| insta::assert_snapshot!(format!("check__{kind}"), snapshot));
}

/// Every registered kind has fixtures (clippy's missing-test-files guard).
#[test]
fn every_kind_has_fixtures() {
    for (kind, _, _) in factlint::checks::KINDS {
        assert!(
            root().join("tests/fixtures/checks").join(kind).is_dir(),
            "kind `{kind}` has no fixtures in tests/fixtures/checks/{kind}/"
        );
    }
}

macro_rules! kind_tests {
    ($($kind:ident),* $(,)?) => { $( #[test] fn $kind() { check_kind(stringify!($kind)); } )* };
}

kind_tests!(
    anachronism,
    anonymous_source,
    completeness,
    date_conflict,
    duplicate_text,
    duration_drift,
    event_date_conflict,
    input,
    loaded_language,
    metadata,
    name_consistency,
    number_consistency,
    pattern,
    quote_corroboration,
    references,
    release_period,
    role_consistency,
    source_mix,
    stale_weekday,
    unattributed_quote,
    unknown_speaker,
    unsourced_claim,
);
