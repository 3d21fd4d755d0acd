//! The binary: exit codes and the command-line surface of CONTRACT.md.

use crate::config::Scratch;
use crate::support::insta_settings;
use std::process::{Command, Output};

fn factlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// Runs the binary in `dir` (configuration discovery starts there).
pub fn factlint_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

pub fn code(o: &Output) -> i32 {
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
    // Warnings only: the severity gate stays shut, so the score decides.
    let warn_only = "tests/fixtures/checks/metadata/transparency.missing-byline/fail";
    assert_eq!(
        code(&factlint(&[
            "check",
            warn_only,
            "--fail-under",
            "1",
            "--quiet"
        ])),
        0
    );
    assert_eq!(
        code(&factlint(&[
            "check",
            warn_only,
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

#[test]
fn every_format_is_selectable() {
    let fail = "tests/fixtures/checks/pattern/transparency.editorial-placeholder/fail";
    for format in [
        "table", "json", "sarif", "github", "markdown", "line", "html",
    ] {
        let o = factlint(&["check", fail, "--format", format]);
        assert_eq!(code(&o), 1, "{format}");
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("transparency.editorial-placeholder"),
            "{format}"
        );
    }
}

#[test]
fn baselines_hide_known_findings_but_not_new_ones() {
    let dir = Scratch::new("cli-baseline");
    let article = dir.write("article.md", "The route will cost TK million.\n");
    let baseline = dir.path("baseline.json");
    let (a, b) = (article.to_str().unwrap(), baseline.to_str().unwrap());
    let o = factlint(&["check", a, "--write-baseline", b]);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8_lossy(&o.stderr).contains("to "));
    let o = factlint(&["check", a, "--baseline", b, "--format", "line"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
    assert!(o.stdout.is_empty());
    // Lines inserted above: still known. A new placeholder: reported.
    dir.write(
        "article.md",
        "Opening paragraph.\n\nThe route will cost TK million.\n\nFares are [citation needed].\n",
    );
    let o = factlint(&["check", a, "--baseline", b, "--format", "line"]);
    assert_eq!(code(&o), 1);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains(":5:11: error transparency.editorial-placeholder"),
        "{out}"
    );
    let bad = dir.write("bad.json", "not json");
    assert_eq!(
        code(&factlint(&[
            "check",
            a,
            "--baseline",
            bad.to_str().unwrap()
        ])),
        2
    );
}

/// Every parameter error of a rule, from serde or from the kind's own checks, is
/// reported at its place, then exit 2.
#[test]
fn rules_check_reports_every_parameter_error() {
    let o = factlint(&["rules", "check", "tests/fixtures/bad-rules/many-params"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.starts_with("error: 8 errors in rule files:\n"),
        "{stderr}"
    );
    for at in [
        "two-bad-params.yaml:12:21: check.params.case_sensitive:",
        "two-bad-params.yaml:13:5: check.params.scope:",
        "two-bad-params.yaml:14:5: check.params.whole_word:",
        "out-of-range.yaml:11:5: check.params.min_overlap: must be in [0, 1]",
        "out-of-range.yaml:12:5: check.params.max_ratio: must be at least 1",
        "out-of-range.yaml:13:5: check.params.max_days: must not be negative",
        "flow-params.yaml:9:29: check.params.max_days_apart:",
        "flow-params.yaml:9:35: check.params.max_days:",
    ] {
        assert!(stderr.contains(at), "{at}: {stderr}");
    }
}

/// The reason after ` -- ` reaches the JSON of the suppressed finding; the run's
/// status counts only what is not suppressed.
#[test]
fn suppression_reasons_are_reported() {
    let o = factlint(&[
        "--isolated",
        "check",
        "tests/fixtures/suppress/article.md",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let reasons: Vec<&serde_json::Value> = json["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["suppressions"][0]["justification"])
        .collect();
    assert_eq!(reasons.len(), 4);
    assert_eq!(reasons[0], "figure due Monday");
    assert!(reasons[1..].iter().all(|r| r.is_null()));
}

#[test]
fn unused_suppressions_are_listed_on_request() {
    let file = "tests/fixtures/suppress/article.md";
    let quiet = factlint(&["check", file, "--format", "line"]);
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("unused"));
    let o = factlint(&[
        "check",
        file,
        "--format",
        "line",
        "--report-unused-suppressions",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("article.md:21:1: unused suppression of references.placeholder-link"),
        "{stderr}"
    );
}

#[test]
fn the_builtin_rules_pass_their_own_examples() {
    let o = factlint(&["rules", "test"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(code(&o), 0, "{out}");
    assert!(
        !out.contains("no examples"),
        "every built-in rule has examples: {out}"
    );
    assert!(out.contains(", 0 failed"), "{out}");
}

#[test]
fn rules_test_reports_examples_that_misbehave() {
    let dir = Scratch::new("cli-rules-test");
    dir.write(
        "house/tk.yaml",
        "id: house.tk\ncategory: transparency\nseverity: error\nweight: 1\n\
         description: TK in copy\nmessage: TK found\nhelp: Fill it in\n\
         check:\n  kind: pattern\n  params: { phrases: [TK] }\n\
         tests:\n  flag: [\"No placeholder here.\"]\n  pass: [\"Costs TK.\"]\n",
    );
    let o = factlint(&["rules", "test", dir.0.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("tests.flag[1] was not flagged"), "{out}");
    assert!(
        out.contains("tests.pass[1] was flagged (1:7: TK found)"),
        "{out}"
    );
    assert!(
        out.contains("2 examples in 1 rules: 0 passed, 2 failed"),
        "{out}"
    );
}

#[test]
fn rules_explain_prints_docs_and_examples() {
    let o = factlint(&["rules", "explain", "transparency.editorial-placeholder"]);
    assert_eq!(code(&o), 0);
    let out = String::from_utf8_lossy(&o.stdout);
    for part in [
        "# transparency.editorial-placeholder",
        "## What it checks",
        "## Why it matters",
        "## Flagged by this rule",
        "## Not flagged by this rule",
        "message: Editing placeholder left in the copy: {match}",
        "placeholders: {match}, {text}",
        "## Parameters of this rule\nregex: ",
        "scope: all",
        "# The `pattern` kind",
    ] {
        assert!(out.contains(part), "{part} in {out}");
    }
    // The rule's own parameters and examples come before its kind's text.
    assert!(out.find("## Parameters of this rule") < out.find("## What it checks"));
    assert!(out.find("## Flagged by this rule") < out.find("## What it checks"));
    let o = factlint(&["rules", "explain", "transparency.missing-bylin"]);
    assert_eq!(code(&o), 2);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("did you mean `transparency.missing-byline`")
    );
}

#[test]
fn completions_and_man_page_come_from_the_clap_definitions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = factlint(&["completions", shell]);
        assert_eq!(code(&o), 0, "{shell}");
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("write-baseline"),
            "{shell}"
        );
    }
    let o = factlint(&["man"]);
    assert_eq!(code(&o), 0);
    let man = String::from_utf8_lossy(&o.stdout);
    assert!(
        man.starts_with(".ie") || man.contains(".TH factlint"),
        "{man}"
    );
}

#[test]
fn no_progress_bar_in_pipes() {
    let dir = Scratch::new("cli-progress");
    for i in 0..320 {
        dir.write(&format!("a{i:03}.md"), "Short text.\n");
    }
    let o = factlint(&[
        "check",
        dir.0.to_str().unwrap(),
        "--quiet",
        "--format",
        "line",
    ]);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The README's "In CI and editors" section: every shell example, the configuration
/// example and the GitHub Actions job's factlint steps run as written.
#[test]
fn readme_ci_examples_run_as_written() {
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).unwrap();
    let start = readme
        .find("## In CI and editors")
        .expect("the section exists");
    let end = start + readme[start..].find("\n## Writing rules").unwrap();
    let section = &readme[start..end];
    let blocks = |lang: &str| -> Vec<String> {
        section
            .split(&format!("```{lang}\n"))
            .skip(1)
            .filter_map(|b| b.split_once("```").map(|(code, _)| code.to_string()))
            .collect()
    };
    let dir = Scratch::new("cli-readme");
    let seeds = crate::support::root().join("seeds");
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let p = entry.unwrap().path();
        dir.write(
            &format!("seeds/{}", p.file_name().unwrap().to_string_lossy()),
            &std::fs::read_to_string(&p).unwrap(),
        );
    }
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_factlint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let sh = |script: &str| {
        let o = Command::new("sh")
            .arg("-ec")
            .arg(script)
            .current_dir(&dir.0)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{script}\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    // A check that finds an error exits 1 (the seeds have one): that is the gate
    // working, not the example failing. Anything else must succeed.
    let gate = |cmd: &str| sh(&format!("set +e\n{cmd}\ntest $? -le 1"));
    let shell = blocks("sh");
    assert!(shell.len() >= 4);
    for block in &shell {
        for line in block.lines().map(str::trim) {
            if line.starts_with("factlint check") && !line.contains("--write-baseline") {
                gate(line);
            } else if !line.is_empty() && !line.starts_with('#') {
                sh(line);
            }
        }
    }
    // The job's factlint steps (the install step builds this repository: not here).
    let job = blocks("yaml")
        .into_iter()
        .find(|b| b.contains("runs-on:"))
        .expect("a GitHub Actions job");
    for line in job.lines() {
        if let Some(cmd) = line.trim().strip_prefix("run: factlint ") {
            gate(&format!("factlint {cmd}"));
        }
    }
    // The configuration example, with the rule directory it names.
    let config = blocks("yaml")
        .into_iter()
        .find(|b| b.contains("fail_on:"))
        .expect("a configuration example");
    sh("factlint init");
    dir.write("factlint.yaml", &config);
    sh("factlint config && factlint check seeds/ > /dev/null || test $? -eq 1");
}

#[test]
fn users_extend_the_people_list_from_a_rules_directory() {
    let dir = std::env::temp_dir().join(format!("factlint-people-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let seed = "seeds/001_f275339d932c47a7.txt";
    let unknown = |o: &Output| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "quotes.unknown-speaker")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    let before = unknown(&factlint(&["check", seed, "--format", "json"]));
    assert!(
        before.iter().any(|m| m.contains("Akio Shibata")),
        "{before:?}"
    );
    std::fs::write(
        dir.join("data/people.yaml"),
        "- name: Akio Shibata\n  gender: male\n  roles:\n    - {title: Senior Fellow, of: Japan Institute of International Affairs, from: 2020-01-01}\n",
    )
    .unwrap();
    let o = factlint(&[
        "check",
        seed,
        "--format",
        "json",
        "--rules",
        dir.to_str().unwrap(),
    ]);
    let after = unknown(&o);
    assert!(
        !after.iter().any(|m| m.contains("Akio Shibata")),
        "{after:?}"
    );
    assert!(
        after.iter().any(|m| m.contains("Isabelle Dupont")),
        "{after:?}"
    );
    std::fs::write(dir.join("data/people.yaml"), "- nme: Typo\n").unwrap();
    let o = factlint(&["check", seed, "--rules", dir.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("people.yaml"));
    let _ = std::fs::remove_dir_all(dir);
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn rule_patterns_that_match_no_rule_are_errors_with_a_suggestion() {
    let dir = Scratch::new("cli-patterns");
    dir.write("a.md", "The harbour authority approved a ferry route.\n");
    for (flag, pattern, expected) in [
        ("--enable", "zzz.*", "enable: `zzz.*` matches no rule"),
        (
            "--disable",
            "qoutes.*",
            "disable: `qoutes.*` matches no rule (did you mean `quotes.*`?)",
        ),
        (
            "--disable",
            "quotes.unknown-speakr",
            "disable: unknown rule `quotes.unknown-speakr` (did you mean `quotes.unknown-speaker`?)",
        ),
    ] {
        let o = factlint_in(&dir.0, &["check", "a.md", flag, pattern]);
        assert_eq!(code(&o), 2, "{flag} {pattern}");
        assert!(stderr(&o).contains(expected), "{}", stderr(&o));
    }
    dir.write("factlint.yaml", "enable: [\"zzz.*\"]\n");
    let o = factlint_in(&dir.0, &["check", "a.md"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("factlint.yaml:1:11: enable: `zzz.*` matches no rule"),
        "{}",
        stderr(&o)
    );
    dir.write(
        "factlint.yaml",
        "rules:\n  \"qoutes.*\": { severity: info }\n",
    );
    let o = factlint_in(&dir.0, &["rules", "list"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("rules: `qoutes.*` matches no rule (did you mean `quotes.*`?)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_inline_suppression_of_no_rule_is_an_error() {
    let dir = Scratch::new("cli-suppress-unknown");
    dir.write(
        "a.md",
        "The route will cost TK million.\n\n<!-- factlint-disable qoutes.* -->\n",
    );
    let o = factlint_in(&dir.0, &["check", "a.md"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o)
            .contains("a.md:3:1: suppression names no rule: `qoutes.*` (did you mean `quotes.*`?)"),
        "{}",
        stderr(&o)
    );
    // A rule this run leaves out is still a rule: no error.
    dir.write(
        "a.md",
        "The route will cost four million.\n\n<!-- factlint-disable quotes.* -->\n",
    );
    let o = factlint_in(&dir.0, &["check", "a.md", "--disable", "quotes.*"]);
    assert_ne!(code(&o), 2, "{}", stderr(&o));
}

/// The findings (rule ids) and scores of a JSON report.
fn rules_and_scores(o: &Output) -> (Vec<String>, Vec<f64>) {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    let rules = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    let scores = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["score"].as_f64().unwrap())
        .collect();
    (rules, scores)
}

#[test]
fn an_empty_document_is_a_finding_that_fails_not_a_pass() {
    let dir = Scratch::new("cli-empty");
    dir.write("empty.md", "");
    dir.write("blank.txt", "\n  \n");
    dir.write("front-matter-only.md", "---\ntitle: Ferry\n---\n");
    for name in ["empty.md", "blank.txt", "front-matter-only.md"] {
        let o = factlint_in(&dir.0, &["check", name, "--format", "json"]);
        assert_eq!(code(&o), 1, "{name}");
        let (rules, scores) = rules_and_scores(&o);
        assert_eq!(rules, ["input.empty-document"], "{name}: nothing else");
        assert_eq!(scores, [0.0], "{name}");
    }
}

#[test]
fn a_too_large_file_is_only_reported_as_too_large() {
    let dir = Scratch::new("cli-too-large");
    dir.write("big.md", &"The ferry route was approved. ".repeat(10));
    let o = factlint_in(
        &dir.0,
        &[
            "check",
            "big.md",
            "--format",
            "json",
            "--max-file-size",
            "100",
        ],
    );
    let (rules, scores) = rules_and_scores(&o);
    assert_eq!(rules, ["input.too-large"]);
    assert_eq!(scores, [0.0], "no score that passes a gate");
    assert_eq!(
        code(&o),
        0,
        "a warning: --fail-on decides, as for any finding"
    );
    let o = factlint_in(
        &dir.0,
        &[
            "check",
            "big.md",
            "--max-file-size",
            "100",
            "--fail-under",
            "1",
        ],
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn every_exit_one_says_on_stderr_what_crossed_which_threshold() {
    let dir = Scratch::new("cli-reasons");
    dir.write("a.md", "The route will cost TK million.\n");
    dir.write("b.md", "The harbour authority approved a ferry route.\n");
    let o = factlint_in(&dir.0, &["check", ".", "--quiet", "--format", "line"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains("exit 1: 1 finding at or above fail_on error (the default):\n  a.md:1:21: error transparency.editorial-placeholder"),
        "{err}"
    );
    let o = factlint_in(
        &dir.0,
        &[
            "check",
            ".",
            "--quiet",
            "--fail-under",
            "99",
            "--fail-on",
            "error",
        ],
    );
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains(
            "exit 1: 2 documents scored below fail_under 99 (set by command line):\n  a.md: "
        ),
        "{err}"
    );
    assert!(err.contains("\n  b.md: "), "{err}");
    // Hidden by --min-severity, still a reason; with a baseline, new findings only.
    dir.write("factlint.yaml", "fail_on: warning\n");
    let o = factlint_in(&dir.0, &["check", "b.md", "--min-severity", "error"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("at or above fail_on warning (set by factlint.yaml):\n  b.md:"),
        "{}",
        stderr(&o)
    );
    let o = factlint_in(&dir.0, &["check", "."]);
    assert_eq!(code(&o), 1);
    // A clean run says nothing of the kind.
    let o = factlint_in(&dir.0, &["check", "b.md", "--fail-on", "error"]);
    assert_eq!(code(&o), 0);
    assert!(!stderr(&o).contains("exit 1"), "{}", stderr(&o));
}

#[test]
fn baseline_keys_are_the_same_from_anywhere_in_the_tree() {
    let dir = Scratch::new("cli-baseline-root");
    dir.write("factlint.yaml", "format: line\n");
    dir.write("articles/a.md", "The route will cost TK million.\n");
    dir.write("articles/sub/b.md", "Fares are [citation needed].\n");
    let o = factlint_in(
        &dir.0,
        &["check", "articles/", "--write-baseline", "b.json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written = std::fs::read_to_string(dir.path("b.json")).unwrap();
    assert!(
        written.contains("\"path\": \"articles/sub/b.md\""),
        "{written}"
    );
    assert!(written.contains("\"version\": 2"), "{written}");
    let absolute = dir.path("articles");
    let inside = dir.path("articles");
    for (cwd, target, baseline) in [
        (&dir.0, "articles/", "b.json"),
        (&dir.0, absolute.to_str().unwrap(), "b.json"),
        (&inside, ".", "../b.json"),
        (&inside.join("sub"), "b.md", "../../b.json"),
    ] {
        let o = factlint_in(cwd, &["check", target, "--baseline", baseline]);
        assert_eq!(code(&o), 0, "{target} from {cwd:?}: {}", stderr(&o));
        assert!(
            o.stdout.is_empty(),
            "{target}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    // Without a configuration file the working directory is the root.
    std::fs::remove_file(dir.path("factlint.yaml")).unwrap();
    let o = factlint_in(
        &dir.0,
        &[
            "check",
            absolute.to_str().unwrap(),
            "--write-baseline",
            "c.json",
        ],
    );
    assert_eq!(code(&o), 0);
    let o = factlint_in(
        &dir.0,
        &[
            "check",
            "./articles",
            "--baseline",
            "c.json",
            "--format",
            "line",
        ],
    );
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
    // A version-1 baseline (paths as typed) is still read, as typed here.
    let v1 = written.replace("\"version\": 2", "\"version\": 1");
    dir.write("v1.json", &v1);
    let o = factlint_in(
        &dir.0,
        &[
            "check",
            "articles",
            "--baseline",
            "v1.json",
            "--format",
            "line",
        ],
    );
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
    dir.write(
        "v9.json",
        &written.replace("\"version\": 2", "\"version\": 9"),
    );
    let o = factlint_in(&dir.0, &["check", "articles", "--baseline", "v9.json"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("v9.json: baseline version 9 is not supported"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_directory_walk_reads_no_config_rule_or_baseline_file_as_an_article() {
    let dir = Scratch::new("cli-walk-config");
    dir.write("factlint.yaml", "rule_dirs: [house]\n");
    dir.write(
        "house/house/no-tk.yaml",
        "id: house.no-tk\ncategory: transparency\nseverity: warning\nweight: 1\n\
         description: TK left in\nmessage: \"TK left in\"\ncheck:\n  kind: pattern\n  \
         params: { phrases: [TK] }\n",
    );
    dir.write(
        "news/a.md",
        "The harbour authority approved a ferry route.\n",
    );
    let o = factlint_in(&dir.0, &["check", ".", "--write-baseline", "b.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = factlint_in(
        &dir.0,
        &["check", ".", "--baseline", "b.json", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["news/a.md"]);
}

#[test]
fn front_matter_dates_are_read_when_unambiguous_and_reported_when_not() {
    let dir = Scratch::new("cli-dates");
    let body = "The harbour authority approved a ferry route.\n";
    dir.write("us.md", &format!("---\ndate: 12/25/2005\n---\n{body}"));
    dir.write("words.md", &format!("---\ndate: Oct 2, 2005\n---\n{body}"));
    dir.write(
        "ambiguous.md",
        &format!("---\ndate: 10/02/2005\n---\n{body}"),
    );
    let json = |name: &str| -> serde_json::Value {
        let o = factlint_in(&dir.0, &["check", name, "--format", "json"]);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    for (name, published) in [("us.md", "2005-12-25"), ("words.md", "2005-10-02")] {
        let v = json(name);
        assert_eq!(
            v["documents"][0]["metadata"]["published"], published,
            "{name}"
        );
        let rules: Vec<&str> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap())
            .collect();
        assert!(
            !rules.contains(&"transparency.missing-date"),
            "{name}: {rules:?}"
        );
    }
    let v = json("ambiguous.md");
    let findings = v["findings"].as_array().unwrap();
    let messages: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .filter(|(r, _)| r.contains("date") || r.contains("front-matter"))
        .collect();
    assert_eq!(
        messages,
        [(
            "input.front-matter",
            "Front matter cannot be read: date `10/02/2005` is ambiguous (2005-02-10 or \
             2005-10-02); write it as YYYY-MM-DD"
        )]
    );
}

#[test]
fn score_thresholds_are_range_checked() {
    let dir = Scratch::new("cli-thresholds");
    dir.write("a.md", "The harbour authority approved a ferry route.\n");
    let o = factlint_in(&dir.0, &["check", "a.md", "--fail-under", "150"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("150 is not a score threshold"),
        "{}",
        stderr(&o)
    );
    dir.write("factlint.yaml", "fail_under: 150\n");
    let o = factlint_in(&dir.0, &["check", "a.md"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("factlint.yaml:1:13: fail_under: 150 is not a score threshold"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_list_shows_weights_as_rule_files_write_them() {
    let o = factlint(&["rules", "list"]);
    assert_eq!(code(&o), 0);
    let out = String::from_utf8_lossy(&o.stdout);
    let weight = |id: &str| -> String {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap();
        line.split_whitespace().nth(3).unwrap().to_string()
    };
    assert_eq!(weight("quotes.unknown-speaker"), "12");
    assert_eq!(weight("input.encoding"), "0");
    assert!(
        weight("quotes.corroborated-quote").starts_with('-'),
        "a bonus"
    );
    assert!(!out.contains(" -0 "), "{out}");
}

#[test]
fn rules_check_reports_every_error_of_a_file_with_its_place() {
    let o = factlint(&["rules", "check", "tests/fixtures/bad-rules/many-errors"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.starts_with("error: 4 errors in rule files:"), "{err}");
    for place in [
        ":3:11: category",
        ":4:11: severity",
        ":5:9: weight",
        ":7:1: unknown field `mesage`",
    ] {
        assert!(
            err.contains(&format!(
                "tests/fixtures/bad-rules/many-errors/house/many-errors.yaml{place}"
            )),
            "{place}: {err}"
        );
    }
}
