//! The data extraction reads belongs to the rule set, not to the process: two rule
//! sets with different people lists each give their own findings in one process,
//! whichever is loaded or run first.

use crate::support::root;
use factlint::corpus::{Input, Origin};
use factlint::engine::{self, RunOptions};
use factlint::rules::{self, LoadOptions, RuleSet};

const ROLE_RULE: &str = "consistency.conflicting-role";

/// The built-in rules with `tests/fixtures/lexicons/<name>` (only a people list) as a
/// user rule directory, reduced to the rule that checks roles against the list.
fn rules_with_people_of(name: &str) -> RuleSet {
    role_rule_of(vec![root().join("tests/fixtures/lexicons").join(name)])
}

fn role_rule_of(dirs: Vec<std::path::PathBuf>) -> RuleSet {
    let mut set = rules::load(&LoadOptions {
        include_builtin: true,
        dirs,
    })
    .expect("rules load");
    set.rules.retain(|r| &*r.id == ROLE_RULE);
    assert_eq!(set.rules.len(), 1);
    set
}

/// The messages of the role findings in an article of 1 June 2024 that calls
/// `person` Ruritania's prime minister.
fn role_findings(rules: &RuleSet, person: &str) -> Vec<String> {
    let text = format!(
        "---\ndate: 2024-06-01\n---\n# Talks\n\n{person}, the prime minister of Ruritania, \
         spoke to reporters after the talks.\n"
    );
    let input = Input {
        path: "a.md".into(),
        origin: Origin::Stdin(text.into_bytes()),
        reported: true,
    };
    let outcome = engine::run(rules, vec![input], &RunOptions::default());
    outcome
        .findings
        .iter()
        .filter(|f| &*f.rule == ROLE_RULE)
        .map(|f| f.message.clone())
        .collect()
}

fn wrong_holder(person: &str, holder: &str) -> Vec<String> {
    vec![format!(
        "{person}, the prime minister of Ruritania, conflicts with the people list: \
         Ruritania's prime minister on 2024-06-01 was {holder}"
    )]
}

#[test]
fn two_rule_sets_with_different_people_lists_in_one_process() {
    for order in [["ruiz", "ortiz"], ["ortiz", "ruiz"]] {
        let sets: Vec<(&str, RuleSet)> = order
            .iter()
            .map(|&name| (name, rules_with_people_of(name)))
            .collect();
        // Each set twice, interleaved with the other.
        for (name, rules) in sets.iter().chain(&sets) {
            let (listed, other) = match *name {
                "ruiz" => ("Ana Ruiz", "Ben Ortiz"),
                _ => ("Ben Ortiz", "Ana Ruiz"),
            };
            assert_eq!(role_findings(rules, listed), Vec::<String>::new(), "{name}");
            assert_eq!(
                role_findings(rules, other),
                wrong_holder(other, listed),
                "{name}"
            );
        }
    }
    // The shipped list knows neither: nothing to check the office against.
    let shipped = role_rule_of(Vec::new());
    assert!(role_findings(&shipped, "Ana Ruiz").is_empty());
}
