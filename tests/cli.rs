//! The binary: exit codes and the command-line surface of CONTRACT.md.

use crate::support::insta_settings;
use std::process::{Command, Output};

fn factlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

#[test]
fn clean_run_exits_zero() {
    let o = factlint(&[
        "check",
        "tests/fixtures/checks/pattern/transparency.editorial-placeholder/pass",
    ]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn error_findings_exit_one_and_fail_on_is_respected() {
    let fail = "tests/fixtures/checks/pattern/transparency.editorial-placeholder/fail";
    assert_eq!(code(&factlint(&["check", fail])), 1);
    let warn_only = "tests/fixtures/checks/metadata/transparency.missing-byline/fail";
    assert_eq!(code(&factlint(&["check", warn_only])), 0);
    assert_eq!(
        code(&factlint(&["check", warn_only, "--fail-on", "warning"])),
        1
    );
}

#[test]
fn fail_under_uses_scores() {
    assert_eq!(
        code(&factlint(&[
            "check",
            "seeds",
            "--fail-under",
            "1",
            "--fail-on",
            "error",
            "--quiet"
        ])),
        0
    );
    assert_eq!(
        code(&factlint(&[
            "check",
            "seeds",
            "--fail-under",
            "99.9",
            "--quiet"
        ])),
        1
    );
}

#[test]
fn usage_and_configuration_errors_exit_two() {
    assert_eq!(code(&factlint(&["check", "no/such/path"])), 2);
    assert_eq!(code(&factlint(&["check", "--format", "yaml", "seeds"])), 2);
    assert_eq!(code(&factlint(&["check"])), 2);
    let empty = std::env::temp_dir().join(format!("factlint-empty-{}", std::process::id()));
    std::fs::create_dir_all(empty.join(".git")).unwrap();
    std::fs::write(empty.join(".hidden.txt"), "hidden").unwrap();
    assert_eq!(
        code(&factlint(&["check", empty.to_str().unwrap()])),
        2,
        "no input documents"
    );
    let _ = std::fs::remove_dir_all(&empty);
    let o = factlint(&[
        "check",
        "seeds",
        "--no-default-rules",
        "--rules",
        "tests/fixtures/bad-rules/unknown-kind",
    ]);
    assert_eq!(code(&o), 2);
    let stderr = String::from_utf8_lossy(&o.stderr);
    insta_settings().bind(|| insta::assert_snapshot!("cli__bad_rules_stderr", stderr));
}

#[test]
fn stdin_with_a_filename() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args([
            "check",
            "-",
            "--stdin-filename",
            "incoming.md",
            "--format",
            "json",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"The figure is TK for now.\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"][0]["path"], "incoming.md");
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "transparency.editorial-placeholder"));
}

#[test]
fn user_rules_replace_builtins_by_id() {
    let dir = std::env::temp_dir().join(format!("factlint-rules-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("transparency")).unwrap();
    std::fs::write(
        dir.join("transparency/missing-byline.yaml"),
        "id: transparency.missing-byline\ncategory: transparency\nseverity: error\nweight: 1\n\
         description: Stricter byline rule\nmessage: No byline here\nhelp: Add one\n\
         check:\n  kind: metadata\n  params: { require: byline }\n",
    )
    .unwrap();
    let o = factlint(&[
        "check",
        "seeds/001_f275339d932c47a7.txt",
        "--rules",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "transparency.missing-byline")
        .unwrap()
        .clone();
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], "No byline here");
    assert_eq!(code(&o), 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn rules_list_and_check() {
    let o = factlint(&["rules", "list"]);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8_lossy(&o.stdout).contains("transparency.missing-byline"));
    assert_eq!(
        code(&factlint(&[
            "rules",
            "check",
            "tests/fixtures/bad-rules/bad-regex"
        ])),
        2
    );
}

#[test]
fn input_files_are_never_modified() {
    let before = std::fs::read("seeds/004_5a7f1a00072de288.txt").unwrap();
    factlint(&["check", "seeds"]);
    assert_eq!(
        std::fs::read("seeds/004_5a7f1a00072de288.txt").unwrap(),
        before
    );
}
