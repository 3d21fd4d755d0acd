//! Meta tests over the shipped rules/ (clippy's lint-convention tests).

use crate::support::{builtin_rules, root};
use factlint::checks;
use factlint::rules::builtin::BUILTIN_FILES;

#[test]
fn builtin_files_are_the_rules_directory() {
    let mut on_disk = Vec::new();
    fn walk(dir: &std::path::Path, base: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, base, out);
            } else if p.extension().is_some_and(|e| e == "yaml") {
                out.push(
                    p.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    walk(&root().join("rules"), &root().join("rules"), &mut on_disk);
    on_disk.sort();
    let mut embedded: Vec<String> = BUILTIN_FILES.iter().map(|(p, _)| p.to_string()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

#[test]
fn rules_follow_the_conventions() {
    let set = builtin_rules();
    assert!(
        set.rules.len() >= 15,
        "the built-in set shrank: {}",
        set.rules.len()
    );
    for r in &set.rules {
        let (group, name) = r.id.split_once('.').expect("ids are group.name");
        assert!(
            r.origin.ends_with(&format!("rules/{group}/{name}.yaml")),
            "{} lives at {}",
            r.id,
            r.origin
        );
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}: kebab-case names",
            r.id
        );
        let first = r.message.chars().next().unwrap();
        assert!(
            first.is_uppercase() || first == '{',
            "{}: messages start with a capital",
            r.id
        );
        assert!(
            !r.message.ends_with('.'),
            "{}: messages have no trailing period",
            r.id
        );
        assert!(
            !r.description.ends_with('.'),
            "{}: descriptions have no trailing period",
            r.id
        );
        assert!(
            r.help.as_deref().is_some_and(|h| !h.is_empty()),
            "{}: every rule has help",
            r.id
        );
    }
}

#[test]
fn every_kind_is_documented() {
    for (kind, docs, _) in checks::KINDS {
        for section in [
            "## What it checks",
            "## Why it matters",
            "## Flagged",
            "## Not flagged",
            "## Params",
        ] {
            assert!(docs.contains(section), "kind {kind}: DOCS lacks {section}");
        }
    }
}

#[test]
fn the_rule_set_hash_is_stable() {
    assert_eq!(builtin_rules().hash, builtin_rules().hash);
    assert_eq!(builtin_rules().hash.len(), 64);
}
