//! The CI and editor formats: a snapshot each, and SARIF checked against the official
//! schema and, when it is installed, Microsoft's SARIF Multitool.

use crate::support::{builtin_rules, insta_settings, root, run};
use factlint::report::{self, Format, RenderOptions, Report};
use std::path::Path;

fn render(dir: &Path, format: Format) -> String {
    let rules = builtin_rules();
    let outcome = run(&rules, &[dir], None, 2);
    let report = Report::build(&outcome, &rules);
    let mut out = Vec::new();
    let opts = RenderOptions {
        width: Some(140),
        ..RenderOptions::default()
    };
    report::render(&report, format, &opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn seeds(format: Format) -> String {
    render(&root().join("seeds"), format)
}

#[test]
fn seeds_line() {
    let text = seeds(Format::Line);
    for l in text.lines() {
        let mut parts = l.splitn(4, ':');
        let (path, line, col) = (parts.next(), parts.next(), parts.next());
        assert!(path.is_some_and(|p| p.starts_with("seeds/")), "{l}");
        assert!(line.is_some_and(|n| n.parse::<u32>().is_ok()), "{l}");
        assert!(col.is_some_and(|n| n.parse::<u32>().is_ok()), "{l}");
    }
    insta_settings().bind(|| insta::assert_snapshot!("report__seeds_line", text));
}

#[test]
fn seeds_github() {
    let text = seeds(Format::Github);
    assert!(text.lines().any(|l| l.starts_with("::warning file=seeds/")));
    insta_settings().bind(|| insta::assert_snapshot!("report__seeds_github", text));
}

#[test]
fn seeds_markdown() {
    insta_settings()
        .bind(|| insta::assert_snapshot!("report__seeds_markdown", seeds(Format::Markdown)));
}

#[test]
fn seeds_sarif() {
    let text = seeds(Format::Sarif);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], "2.1.0");
    let run = &value["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in rules {
        assert!(rule["shortDescription"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty()));
        assert!(rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(rule["help"]["markdown"]
            .as_str()
            .is_some_and(|t| t.contains("## What it checks")));
    }
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
    }
    // The rule-set hash is not in SARIF; the version is, and it is stable per release.
    insta_settings().bind(|| insta::assert_snapshot!("report__seeds_sarif", text));
}

/// Both the seeds and a corpus with cross-document evidence (related locations).
fn sarif_samples() -> Vec<(String, String)> {
    vec![
        ("seeds".into(), seeds(Format::Sarif)),
        (
            "syndicated".into(),
            render(
                &root().join("tests/fixtures/corpora/syndicated"),
                Format::Sarif,
            ),
        ),
    ]
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema_path = root().join("../shared/schemas/sarif-2.1.0.json");
    let Ok(schema_text) = std::fs::read_to_string(&schema_path) else {
        eprintln!("skipped: {} not found", schema_path.display());
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    for (name, text) in sarif_samples() {
        let instance: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    // The validator is not vacuous: a result with an unknown level is rejected.
    let mut broken: serde_json::Value = serde_json::from_str(&sarif_samples()[0].1).unwrap();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
    let syndicated = &sarif_samples()[1].1;
    assert!(
        syndicated.contains("relatedLocations"),
        "the syndicated corpus exercises related locations"
    );
}

/// Microsoft's SARIF Multitool (`npm install -g @microsoft/sarif-multitool-linux`),
/// run when it is on PATH. It must report no error and no warning except SARIF2005
/// (no `informationUri`: the project has no public home page to point to yet).
#[test]
fn sarif_passes_the_multitool() {
    let tool = "sarif-multitool-linux";
    if std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: {tool} is not installed");
        return;
    }
    let dir = std::env::temp_dir().join(format!("factlint-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in sarif_samples() {
        let file = dir.join(format!("{name}.sarif"));
        std::fs::write(&file, text).unwrap();
        let out = std::process::Command::new(tool)
            .arg("validate")
            .arg(&file)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{name}: {stdout}");
        let problems: Vec<&str> = stdout
            .lines()
            .filter(|l| l.contains(": error ") || l.contains(": warning "))
            .filter(|l| !l.contains("SARIF2005"))
            .collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
