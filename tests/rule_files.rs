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

/// A file generated from the code matches what the code generates now;
/// `FACTLINT_UPDATE_DOCS=1` rewrites it instead.
pub fn assert_generated(path: &str, generated: &str) {
    let file = root().join(path);
    if std::env::var_os("FACTLINT_UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{path} is out of date: run `FACTLINT_UPDATE_DOCS=1 cargo test` and commit it"
    );
}

#[test]
fn the_check_kinds_reference_is_generated_from_the_code() {
    let text = factlint::rules::reference::kinds_markdown(&builtin_rules());
    for (kind, _, _) in checks::KINDS {
        assert!(text.contains(&format!("\n## {kind}\n")), "{kind}");
    }
    assert!(
        text.contains("- Parameters: `regex`, `phrases`, `scope`"),
        "{text}"
    );
    assert_generated(factlint::rules::reference::KINDS_PATH, &text);
}

#[test]
fn every_kind_documents_each_of_its_parameters() {
    let mut missing = Vec::new();
    for (kind, docs, _) in checks::KINDS {
        for name in factlint::rules::spec::param_names(kind) {
            if !docs.contains(&format!("`{name}`")) {
                missing.push(format!("{kind}.{name}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "parameters not in their kind's DOCS: {missing:?}"
    );
}

fn yaml_as_json(text: &str) -> serde_json::Value {
    serde_yaml::from_str(text).expect("YAML")
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(schema).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

#[test]
fn the_json_schemas_are_generated_from_the_types_and_published() {
    use factlint::rules::reference::{rule_schema, RULE_SCHEMA_PATH};
    assert_generated(factlint::config::SCHEMA_PATH, &factlint::config::schema());
    assert_generated(RULE_SCHEMA_PATH, &rule_schema());
}

#[test]
fn every_builtin_rule_file_validates_against_the_rule_schema_and_bad_ones_do_not() {
    let rules = validator(&factlint::rules::reference::rule_schema());
    let mut checked = 0;
    for (path, text) in BUILTIN_FILES {
        if path.contains('/') && !path.starts_with("data/") {
            let errors: Vec<String> = rules
                .iter_errors(&yaml_as_json(text))
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{path}: {errors:?}");
            checked += 1;
        }
    }
    assert!(checked > 30);
    for bad in [
        "many-errors/house/many-errors.yaml",
        "unknown-kind/transparency/x.yaml",
        "unknown-field/transparency/x.yaml",
        // Parameter values of the wrong type or outside an enum: params are typed.
        "wrong-type/transparency/x.yaml",
        "many-params/claims/two-bad-params.yaml",
        "many-params/dates/flow-params.yaml",
    ] {
        let text =
            std::fs::read_to_string(root().join("tests/fixtures/bad-rules").join(bad)).unwrap();
        assert!(!rules.is_valid(&yaml_as_json(&text)), "{bad}");
    }
    // A misspelt parameter of a real kind.
    let misspelt = "id: a.b\ncategory: quotes\nseverity: info\nweight: 1\ndescription: d\n\
                    message: m\ncheck:\n  kind: pattern\n  params: { phrasez: [TK] }\n";
    assert!(!rules.is_valid(&yaml_as_json(misspelt)));
    // Each kind's own parameters: a pattern scope that is no scope, a string for a
    // number; the same values that are right pass.
    let with_params = |params: &str| {
        yaml_as_json(&format!(
            "id: a.b\ncategory: quotes\nseverity: info\nweight: 1\ndescription: d\n\
             message: m\ncheck:\n  {params}\n"
        ))
    };
    for (params, valid) in [
        (
            "kind: pattern\n  params: { phrases: [TK], scope: headings }",
            true,
        ),
        (
            "kind: pattern\n  params: { phrases: [TK], scope: heading }",
            false,
        ),
        (
            "kind: date_conflict\n  params: { max_days_apart: 30 }",
            true,
        ),
        (
            "kind: date_conflict\n  params: { max_days_apart: soon }",
            false,
        ),
        ("kind: duplicate_text\n  params: { min_words: many }", false),
    ] {
        assert_eq!(rules.is_valid(&with_params(params)), valid, "{params}");
    }
}

#[test]
fn configuration_files_validate_against_the_config_schema() {
    let config = validator(&factlint::config::schema());
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let example = readme
        .split("```yaml\n")
        .find(|block| block.starts_with("rule_dirs:"))
        .and_then(|block| block.split("```").next())
        .expect("the README's factlint.yaml example");
    let errors: Vec<String> = config
        .iter_errors(&yaml_as_json(example))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    for bad in [
        "fail_under: 150\n",
        "fial_on: error\n",
        "format: yaml\n",
        "rules: {a.b: {severity: loud}}\n",
    ] {
        assert!(!config.is_valid(&yaml_as_json(bad)), "{bad}");
    }
}
