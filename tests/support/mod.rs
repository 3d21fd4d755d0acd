//! Shared helpers for the integration tests.

use factlint::corpus;
use factlint::engine::{self, Outcome, RunOptions};
use factlint::rules::{self, LoadOptions, RuleSet};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// insta settings: every snapshot in the top-level snapshots/ folder, flat names.
pub fn insta_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

/// The built-in rule set.
pub fn builtin_rules() -> RuleSet {
    rules::load(&LoadOptions {
        include_builtin: true,
        dirs: vec![],
    })
    .expect("built-in rules load")
}

/// The built-in rule set reduced to one rule.
pub fn only_rule(id: &str) -> RuleSet {
    let mut set = builtin_rules();
    set.rules.retain(|r| &*r.id == id);
    assert_eq!(set.rules.len(), 1, "no built-in rule `{id}`");
    set
}

/// Runs `rules` over `paths`. Cargo runs tests from the crate root, so paths given
/// relative to it appear in reports as they would on the command line.
pub fn run(rules: &RuleSet, paths: &[&Path], corpus_dir: Option<&Path>, threads: usize) -> Outcome {
    let rel = |p: &Path| p.strip_prefix(root()).unwrap_or(p).to_path_buf();
    let mut inputs = corpus::collect(&paths.iter().map(|p| rel(p)).collect::<Vec<_>>(), true)
        .expect("inputs exist");
    if let Some(dir) = corpus_dir {
        inputs.extend(corpus::collect(&[rel(dir)], false).expect("corpus exists"));
    }
    engine::run(
        rules,
        inputs,
        &RunOptions {
            threads,
            ..RunOptions::default()
        },
    )
}

/// `path:line:col: severity rule message` lines, for compact snapshots.
pub fn lines(outcome: &Outcome) -> String {
    outcome
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {} {} {} [{}]",
                f.location.path,
                f.location.line,
                f.location.column,
                f.severity,
                f.rule,
                f.message,
                f.points
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
