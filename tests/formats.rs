//! The CI and editor formats: a snapshot each, SARIF checked against the official
//! schema and, when it is installed, Microsoft's SARIF Multitool; GitHub's annotation
//! limits, the job summary, markdown's size cap, reviewdog's byte columns, the rule
//! pages SARIF links to, and `--changed-since` / `--files-from` over a scratch git
//! repository.

use crate::config::Scratch;
use crate::support::{builtin_rules, insta_settings, root, run};
use factlint::baseline::{Baseline, PathKey};
use factlint::report::sarif::{Context, VersionControl};
use factlint::report::{self, Format, RenderOptions, Report};
use std::path::Path;
use std::process::{Command, Output, Stdio};

const DOCS_BASE: &str = "https://example.org/factlint/docs/rules/";

fn options() -> RenderOptions {
    RenderOptions {
        width: Some(140),
        ..RenderOptions::default()
    }
}

/// A SARIF context as the CLI would give it, fixed so that snapshots are stable.
fn sarif_options() -> RenderOptions {
    RenderOptions {
        sarif: Context {
            source_root: Some("/srv/newsroom".into()),
            version_control: Some(VersionControl {
                top_level: "/srv/newsroom".into(),
                remote: Some("https://ci-bot:secret@example.org/newsroom/desk.git".into()),
                revision: Some("0123456789abcdef0123456789abcdef01234567".into()),
                branch: Some("main".into()),
            }),
            exit_code: Some(1),
            docs_base: Some(DOCS_BASE.into()),
        },
        ..options()
    }
}

fn render_report(report: &Report, format: Format, opts: &RenderOptions) -> String {
    let mut out = Vec::new();
    report::render(report, format, opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn render_with(dir: &Path, format: Format, opts: &RenderOptions) -> String {
    let rules = builtin_rules();
    let outcome = run(&rules, &[dir], None, 2);
    render_report(&Report::build(&outcome, &rules), format, opts)
}

fn seeds(format: Format) -> String {
    render_with(&root().join("seeds"), format, &options())
}

fn factlint_cmd(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_factlint"));
    c.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY");
    c
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

/// The seeds have more warnings and notes than GitHub shows from a step: the most
/// severe are annotated, ten of a type at most, and one notice counts the rest.
#[test]
fn github_annotations_stay_within_the_limits() {
    let text = seeds(Format::Github);
    let commands: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    for kind in ["error", "warning", "notice"] {
        let n = commands
            .iter()
            .filter(|l| l.starts_with(&format!("::{kind} ")))
            .count();
        assert!(n <= 10, "{n} {kind} annotations");
    }
    assert!(commands.len() <= 50);
    assert_eq!(
        commands.first().map(|l| l.starts_with("::error")),
        Some(true)
    );
    let first_warning = commands.iter().position(|l| l.starts_with("::warning"));
    let first_notice = commands.iter().position(|l| l.starts_with("::notice"));
    assert!(first_warning < first_notice, "most severe first");
    let rules = builtin_rules();
    let outcome = run(&rules, &[&root().join("seeds")], None, 2);
    let report = Report::build(&outcome, &rules);
    let warnings = report
        .findings
        .iter()
        .filter(|f| f.severity == factlint::rules::Severity::Warning)
        .count();
    assert!(warnings > 10, "the seeds exercise the limit");
    let note = commands
        .iter()
        .find(|l| l.starts_with("::notice title=factlint::"))
        .expect("a note on what was left out");
    assert!(
        note.contains(&format!("{} warnings", warnings - 10)),
        "{note}"
    );
}

/// GitHub's job summary gets the markdown report when `$GITHUB_STEP_SUMMARY` is set.
#[test]
fn github_writes_the_job_summary() {
    let scratch = Scratch::new("step-summary");
    let summary = scratch.path("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let o = factlint_cmd(&root())
        .args(["--isolated", "check", "seeds/", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("earlier step\n## factlint report"),
        "appended: {text}"
    );
    assert!(text.contains("| seeds/001_f275339d932c47a7.txt |"));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        !stdout.contains("## factlint report"),
        "the log keeps the annotations"
    );
    // A summary that cannot be written is a warning; the check's status stands.
    let unwritable = factlint_cmd(&root())
        .args(["--isolated", "check", "seeds/", "--format", "github"])
        .env(
            "GITHUB_STEP_SUMMARY",
            scratch.path("no-such-dir/summary.md"),
        )
        .output()
        .unwrap();
    assert_eq!(unwritable.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unwritable.stderr).contains("warning: GITHUB_STEP_SUMMARY"));
}

#[test]
fn seeds_markdown() {
    let opts = RenderOptions {
        link_base: Some("https://example.org/newsroom/blob/0123abc/".into()),
        ..options()
    };
    let text = render_with(&root().join("seeds"), Format::Markdown, &opts);
    assert!(text.contains(
        "[17:85](https://example.org/newsroom/blob/0123abc/seeds/000_e62a566b73110b0d.txt#L17)"
    ));
    insta_settings().bind(|| insta::assert_snapshot!("report__seeds_markdown", text));
}

/// A report longer than the limit stops before it, with a note of what it left out.
#[test]
fn markdown_is_cut_before_the_comment_limit() {
    let rules = builtin_rules();
    let outcome = run(&rules, &[&root().join("seeds")], None, 2);
    let report = Report::build(&outcome, &rules);
    let full = render_report(&report, Format::Markdown, &options());
    assert!(full.chars().count() < report::markdown::COMMENT_LIMIT);
    assert!(!full.contains("Cut short"));
    let limit = 3_000;
    let mut out = Vec::new();
    let characters = report::markdown::Limit::Characters(limit);
    report::markdown::render_within(&report, &options(), characters, &mut out).unwrap();
    let cut = String::from_utf8(out).unwrap();
    assert!(
        cut.chars().count() <= limit,
        "{} characters",
        cut.chars().count()
    );
    let shown = cut.lines().filter(|l| l.contains(" | `")).count();
    let note = cut.lines().last().unwrap();
    let left = report.findings.len() - shown;
    assert!(shown > 0, "findings follow the documents table");
    assert!(
        note.starts_with(&format!(
            "> **Cut short** to stay within 3000 characters, lowest scores first: \
             {left} of {} findings",
            report.findings.len()
        )),
        "{note}"
    );
    // The lowest-scoring document comes first, in the table and in the sections.
    let worst = report
        .documents
        .iter()
        .min_by(|a, b| a.score.total_cmp(&b.score))
        .unwrap();
    let first_row = cut.lines().find(|l| l.starts_with("| seeds/")).unwrap();
    assert!(first_row.starts_with(&format!("| {} |", worst.path)));
    let first_section = cut.lines().find(|l| l.starts_with("### ")).unwrap();
    assert!(first_section.starts_with(&format!("### {} ", worst.path)));
}

#[test]
fn seeds_sarif() {
    let text = render_with(&root().join("seeds"), Format::Sarif, &sarif_options());
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
        let id = rule["id"].as_str().unwrap();
        assert_eq!(rule["helpUri"], format!("{DOCS_BASE}{id}.md"));
        assert!(
            root().join(format!("docs/rules/{id}.md")).is_file(),
            "{id} has a page"
        );
    }
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        // Good news is not an alert.
        assert!(result["properties"]["points"].as_f64().unwrap() <= 0.0);
    }
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///srv/newsroom/"
    );
    let vcs = &run["versionControlProvenance"][0];
    assert_eq!(
        vcs["repositoryUri"],
        "https://example.org/newsroom/desk.git"
    );
    assert_eq!(vcs["mappedTo"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(run["invocations"][0]["exitCode"], 1);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    // The rule-set hash is not in SARIF; the version is, and it is stable per release.
    insta_settings().bind(|| insta::assert_snapshot!("report__seeds_sarif", text));
}

/// A corroborated quote adds to the score; SARIF leaves it out rather than open an
/// alert for it, while the other formats still show it.
#[test]
fn sarif_leaves_out_positive_signals() {
    let dir =
        root().join("tests/fixtures/checks/quote_corroboration/quotes.corroborated-quote/fail");
    let rules = builtin_rules();
    let outcome = run(&rules, &[&dir], None, 2);
    let positive = outcome.findings.iter().filter(|f| f.points > 0.0).count();
    assert!(positive > 0, "the fixture has corroborated quotes");
    let value: serde_json::Value =
        serde_json::from_str(&render_with(&dir, Format::Sarif, &sarif_options())).unwrap();
    let results = value["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), outcome.findings.len() - positive);
}

/// The suppression fixtures with a baseline holding the first two findings: every
/// finding is a result, suppressed ones with `suppressions`, and each says whether
/// the baseline knew it.
fn suppressed_and_baselined() -> String {
    let rules = builtin_rules();
    let mut outcome = run(&rules, &[&root().join("tests/fixtures/suppress")], None, 2);
    let key = PathKey::new(Path::new("."));
    let baseline = Baseline::from_findings(outcome.findings.iter().take(2), &key);
    baseline.apply(&mut outcome.findings, &key);
    baseline.apply(&mut outcome.suppressed, &key);
    let mut report = Report::build(&outcome, &rules);
    report.baseline_applied = true;
    render_report(&report, Format::Sarif, &sarif_options())
}

#[test]
fn sarif_keeps_suppressed_and_baselined_findings() {
    let value: serde_json::Value = serde_json::from_str(&suppressed_and_baselined()).unwrap();
    let results = value["runs"][0]["results"].as_array().unwrap();
    let suppressed = results
        .iter()
        .filter(|r| r["suppressions"][0]["kind"] == "inSource")
        .count();
    let unchanged = results
        .iter()
        .filter(|r| r["baselineState"] == "unchanged")
        .count();
    assert!(suppressed >= 3, "{suppressed} suppressed results");
    assert_eq!(unchanged, 2);
    assert!(results.iter().all(|r| r["baselineState"].is_string()));
    // Without a baseline there is no baseline state at all.
    assert!(!seeds(Format::Sarif).contains("baselineState"));
}

/// Beyond GitHub's limits a run keeps the most severe results (shown ones first)
/// and related locations up to the cap, and its invocation says what it left out.
#[test]
fn sarif_stays_within_github_limits() {
    use factlint::report::sarif::{render_within, Limits};
    let rules = builtin_rules();
    let outcome = run(
        &rules,
        &[
            &root().join("tests/fixtures/corpora/syndicated"),
            &root().join("seeds"),
        ],
        None,
        2,
    );
    let report = Report::build(&outcome, &rules);
    let render = |limits: Limits| -> serde_json::Value {
        let mut out = Vec::new();
        render_within(&report, &sarif_options().sarif, limits, &mut out).unwrap();
        serde_json::from_slice(&out).unwrap()
    };
    let value = render(Limits {
        results: 5,
        locations: 1_000,
    });
    let run = &value["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    let level_rank = |l: &str| ["note", "warning", "error"].iter().position(|x| *x == l);
    let kept_lowest = results
        .iter()
        .filter_map(|r| level_rank(r["level"].as_str()?))
        .min()
        .unwrap();
    let all_levels: Vec<usize> = report
        .findings
        .iter()
        .filter(|f| f.points <= 0.0)
        .map(|f| f.severity as usize)
        .collect();
    let mut sorted = all_levels.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(kept_lowest, sorted[4], "the five most severe are kept");
    let notes: Vec<&str> = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"]["text"].as_str().unwrap())
        .collect();
    let left = all_levels.len() - 5;
    assert!(
        notes[0].starts_with(&format!(
            "{left} of {} results left out to stay within GitHub's limit of 5 per run",
            all_levels.len()
        )),
        "{notes:?}"
    );
    assert_eq!(notes.len(), 1, "{notes:?}");
    // One location a result: the related evidence goes, and the run says so.
    let with_related = report
        .findings
        .iter()
        .filter(|f| !f.related.is_empty() && f.points <= 0.0)
        .count();
    assert!(with_related > 0);
    let value = render(Limits {
        results: usize::MAX,
        locations: 1,
    });
    let run = &value["runs"][0];
    assert!(run["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r.get("relatedLocations").is_none()));
    let note = &run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"];
    assert!(
        note.as_str().unwrap().starts_with(&format!(
            "{with_related} result{} kept only 0 related locations, to stay within GitHub's limit of 1 locations per result",
            if with_related == 1 { "" } else { "s" }
        )),
        "{note}"
    );
    // Within the limits nothing is said.
    assert!(!seeds(Format::Sarif).contains("toolExecutionNotifications"));
}

/// The reason after ` -- ` travels with each suppressed finding: SARIF and JSON
/// `suppressions[].justification`, and the table and markdown list of suppressed
/// findings (a directive without one says so).
#[test]
fn suppressions_carry_their_justification() {
    let rules = builtin_rules();
    let file = root().join("tests/fixtures/suppress/article.md");
    let outcome = run(&rules, &[&file], None, 1);
    let report = Report::build(&outcome, &rules);
    let sarif: serde_json::Value =
        serde_json::from_str(&render_report(&report, Format::Sarif, &sarif_options())).unwrap();
    let reasons: Vec<&serde_json::Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["suppressions"].as_array().into_iter().flatten())
        .map(|s| &s["justification"])
        .collect();
    assert!(
        reasons.contains(&&serde_json::json!("figure due Monday")),
        "{reasons:?}"
    );
    // The block directive gives no reason: no justification key at all.
    assert!(reasons.iter().any(|r| r.is_null()), "{reasons:?}");
    let json: serde_json::Value =
        serde_json::from_str(&render_report(&report, Format::Json, &options())).unwrap();
    let suppressed = json["suppressed"].as_array().unwrap();
    assert_eq!(suppressed.len(), outcome.suppressed.len());
    assert_eq!(suppressed[0]["line"], 11);
    assert_eq!(
        suppressed[0]["suppressions"],
        serde_json::json!([{"kind": "inSource", "line": 9, "column": 1,
                            "justification": "figure due Monday"}])
    );
    let text = format!(
        "{}\n----- markdown -----\n{}",
        render_report(&report, Format::Table, &options()),
        render_report(&report, Format::Markdown, &options())
    );
    insta_settings().bind(|| insta::assert_snapshot!("report__suppressed_justification", text));
}

/// The seeds, a corpus with cross-document evidence (related locations), and
/// suppressed and baselined findings.
fn sarif_samples() -> Vec<(String, String)> {
    vec![
        (
            "seeds".into(),
            render_with(&root().join("seeds"), Format::Sarif, &sarif_options()),
        ),
        (
            "syndicated".into(),
            render_with(
                &root().join("tests/fixtures/corpora/syndicated"),
                Format::Sarif,
                &sarif_options(),
            ),
        ),
        ("suppressed".into(), suppressed_and_baselined()),
        ("capped".into(), capped()),
    ]
}

/// The seeds and a corpus with related locations, cut to three results of one
/// location each: the run then says what it left out.
fn capped() -> String {
    use factlint::report::sarif::{render_within, Limits};
    let rules = builtin_rules();
    let dirs = [
        root().join("tests/fixtures/corpora/syndicated"),
        root().join("seeds"),
    ];
    let outcome = run(&rules, &[&dirs[0], &dirs[1]], None, 2);
    let report = Report::build(&outcome, &rules);
    let mut out = Vec::new();
    let limits = Limits {
        results: 3,
        locations: 1,
    };
    render_within(&report, &sarif_options().sarif, limits, &mut out).unwrap();
    String::from_utf8(out).unwrap()
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
    let samples = sarif_samples();
    for (name, text) in &samples {
        let instance: serde_json::Value = serde_json::from_str(text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    // The validator is not vacuous: a result with an unknown level is rejected.
    let mut broken: serde_json::Value = serde_json::from_str(&samples[0].1).unwrap();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
    assert!(
        samples[1].1.contains("relatedLocations"),
        "the syndicated corpus exercises related locations"
    );
}

/// Microsoft's SARIF Multitool (`npm install -g @microsoft/sarif-multitool-linux`),
/// run when it is on PATH, with GitHub's rules as well as the SARIF ones: no error,
/// no warning.
#[test]
fn sarif_passes_the_multitool() {
    let tool = "sarif-multitool-linux";
    if Command::new(tool).arg("--version").output().is_err() {
        eprintln!("skipped: {tool} is not installed");
        return;
    }
    let dir = std::env::temp_dir().join(format!("factlint-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in sarif_samples() {
        let file = dir.join(format!("{name}.sarif"));
        std::fs::write(&file, text).unwrap();
        // npm's wrapper hands its arguments to a shell: the `;` must be quoted.
        let out = Command::new(tool)
            .arg("validate")
            .args(["--rule-kind", "\"Gh;Sarif\""])
            .arg(&file)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{name}: {stdout}");
        assert!(
            stdout.contains("Analyzing") && !stdout.contains("not found"),
            "{name}: {stdout}"
        );
        let problems: Vec<&str> = stdout
            .lines()
            .filter(|l| l.contains(": error ") || l.contains(": warning "))
            .collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn seeds_rdjson() {
    let opts = RenderOptions {
        sarif: Context {
            docs_base: Some(DOCS_BASE.into()),
            ..Context::default()
        },
        ..options()
    };
    let text = render_with(&root().join("seeds"), Format::Rdjson, &opts);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let diagnostics = value["diagnostics"].as_array().unwrap();
    let rules = builtin_rules();
    let outcome = run(&rules, &[&root().join("seeds")], None, 2);
    assert_eq!(diagnostics.len(), outcome.findings.len());
    let mut multibyte = 0;
    for (d, f) in diagnostics.iter().zip(&outcome.findings) {
        assert_eq!(d["code"]["value"], *f.rule);
        assert!(["ERROR", "WARNING", "INFO"].contains(&d["severity"].as_str().unwrap()));
        assert_eq!(d["code"]["url"], format!("{DOCS_BASE}{}.md", f.rule));
        // reviewdog's columns are UTF-8 bytes: the flagged text starts at that byte.
        let start = &d["location"]["range"]["start"];
        let line = start["line"].as_u64().unwrap() as usize;
        let column = start["column"].as_u64().unwrap() as usize;
        let bytes = std::fs::read(root().join(&*f.location.path)).unwrap();
        let line_start: usize = bytes
            .split_inclusive(|b| *b == b'\n')
            .take(line - 1)
            .map(<[u8]>::len)
            .sum();
        let at = line_start + column - 1;
        assert!(bytes[at..].starts_with(f.location.text.as_bytes()), "{f:?}");
        multibyte += usize::from(column != f.location.column as usize);
    }
    assert!(multibyte > 0, "the seeds exercise byte columns");
    insta_settings().bind(|| insta::assert_snapshot!("report__seeds_rdjson", text));
}

/// `rules explain` of every built-in rule is in docs/rules/<id>.md, where SARIF's
/// helpUri points; `INSTA_UPDATE=always` (or `FACTLINT_UPDATE_DOCS=1`) rewrites them.
#[test]
fn rule_pages_match_rules_explain() {
    let update = std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always")
        || std::env::var_os("FACTLINT_UPDATE_DOCS").is_some();
    let dir = root().join("docs/rules");
    let mut index = String::from(
        "# factlint rules\n\nOne page per built-in rule: the output of \
         `factlint rules explain <id>`, generated by the test \
         `formats::rule_pages_match_rules_explain` (`INSTA_UPDATE=always cargo test` \
         rewrites them). SARIF reports link each rule here (`helpUri`).\n\n",
    );
    let mut expected = vec!["README.md".to_string()];
    let mut stale = Vec::new();
    for rule in &builtin_rules().rules {
        let o = factlint_cmd(&root())
            .args(["--isolated", "rules", "explain", &rule.id])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let page = String::from_utf8(o.stdout).unwrap();
        let name = format!("{}.md", rule.id);
        index.push_str(&format!("- [{}]({name}): {}\n", rule.id, rule.description));
        expected.push(name.clone());
        if std::fs::read_to_string(dir.join(&name)).ok().as_deref() != Some(page.as_str()) {
            stale.push((name, page));
        }
    }
    if std::fs::read_to_string(dir.join("README.md"))
        .ok()
        .as_deref()
        != Some(index.as_str())
    {
        stale.push(("README.md".into(), index));
    }
    let mut extra: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| !expected.contains(n))
                .collect()
        })
        .unwrap_or_default();
    extra.sort();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in &stale {
            std::fs::write(dir.join(name), text).unwrap();
        }
        for name in &extra {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
        return;
    }
    let names: Vec<&str> = stale.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.is_empty() && extra.is_empty(),
        "docs/rules is out of date (INSTA_UPDATE=always cargo test --test integration \
         rule_pages): changed {names:?}, no longer a rule {extra:?}"
    );
}

// --changed-since and --files-from, in a scratch git repository.

fn git_command(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.args(["-c", "user.name=Desk", "-c", "user.email=desk@example.org"])
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdin(Stdio::null());
    c
}

fn git(dir: &Path, args: &[&str]) -> String {
    let o = git_command(dir).args(args).output().expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

const FRONT: &str =
    "---\ntitle: Ferry\nauthors: [Ana Ruiz]\npublisher: The Island Courier\ndate: 2026-03-03\n---\n";

/// A repository whose `main` has a.md and b.md, each with a placeholder; the work
/// tree then adds a placeholder line to a.md and an untracked c.md.
fn repository(name: &str) -> Option<Scratch> {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return None;
    }
    let s = Scratch::new(name);
    let article = |text: &str| format!("{FRONT}{text}\n");
    s.write(
        "a.md",
        &article("The route will cost TK million, the authority said."),
    );
    s.write(
        "b.md",
        &article("The bridge will cost TK million, the council said."),
    );
    git(&s.0, &["init", "-q", "-b", "main"]);
    git(&s.0, &["add", "."]);
    git(&s.0, &["commit", "-q", "-m", "articles"]);
    git(&s.0, &["checkout", "-q", "-b", "edits"]);
    s.write(
        "a.md",
        &article("The route will cost TK million, the authority said.\n\nSailings start in TK."),
    );
    s.write(
        "c.md",
        &article("The pier will cost TK million, the port said."),
    );
    Some(s)
}

/// `path:line:col` of each error in `line` output.
fn errors_in(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.contains(": error "))
        .map(|l| l.split(": error").next().unwrap_or(l).to_string())
        .collect()
}

#[test]
fn changed_since_reports_only_changed_files_and_lines() {
    let Some(repo) = repository("changed-since") else {
        return;
    };
    let check = |extra: &[&str]| {
        let o = factlint_cmd(&repo.0)
            .args(["--isolated", "check", ".", "--format", "line"])
            .args(extra)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .unwrap();
        assert_ne!(
            o.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        o
    };
    let all = errors_in(&check(&[]));
    assert_eq!(all.len(), 4, "{all:?}");
    let files = check(&["--changed-since", "main"]);
    let in_changed: Vec<String> = all
        .iter()
        .filter(|e| !e.starts_with("b.md"))
        .cloned()
        .collect();
    assert_eq!(errors_in(&files), in_changed);
    assert_eq!(files.status.code(), Some(1));
    // Line 7 of a.md is as it was on main; line 9 and all of c.md are new.
    let lines = check(&["--changed-since", "main", "--changed-lines"]);
    let on_changed: Vec<String> = in_changed
        .iter()
        .filter(|e| !e.starts_with("a.md:7:"))
        .cloned()
        .collect();
    assert_eq!(errors_in(&lines), on_changed);
    assert_eq!(on_changed.len(), 2);
    // Once the edits are committed and the new file is gone, nothing changed since
    // HEAD: no finding, and the gate passes.
    std::fs::remove_file(repo.path("c.md")).unwrap();
    git(&repo.0, &["commit", "-q", "-am", "sailings"]);
    let none = check(&["--changed-since", "HEAD"]);
    assert!(errors_in(&none).is_empty());
    assert_eq!(none.status.code(), Some(0));
    let bad = factlint_cmd(&repo.0)
        .args(["--isolated", "check", ".", "--changed-since", "no-such-ref"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("`no-such-ref` names no commit"));
}

#[test]
fn files_from_standard_input() {
    let Some(repo) = repository("files-from") else {
        return;
    };
    let mut child = factlint_cmd(&repo.0)
        .args([
            "--isolated",
            "check",
            ".",
            "--format",
            "line",
            "--files-from",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"./b.md\n\n").unwrap();
    }
    let o = child.wait_with_output().unwrap();
    let errors = errors_in(&o);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("b.md:"));
    let both = factlint_cmd(&repo.0)
        .args(["--isolated", "check", "-", "--files-from", "-"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
}

/// `factlint check . --files-from FILE` with `extra` flags, FILE written first.
fn check_listed(repo: &Scratch, listed: &str, extra: &[&str]) -> Output {
    repo.write("changes.txt", listed);
    factlint_cmd(&repo.0)
        .args(["--isolated", "check", "a.md", "b.md", "--format", "line"])
        .args(["--files-from", "changes.txt"])
        .args(extra)
        .output()
        .unwrap()
}

/// A unified diff given to `--files-from` names lines as well as files, so
/// `--changed-lines` works with it; with a plain list of files it is refused.
#[test]
fn files_from_a_diff_reports_its_changed_lines() {
    let Some(repo) = repository("files-from-diff") else {
        return;
    };
    let diff = git(&repo.0, &["diff", "-U0", "main"]) + "\n";
    let files = check_listed(&repo, &diff, &[]);
    let in_a: Vec<String> = errors_in(&files);
    assert_eq!(in_a.len(), 2, "{in_a:?}");
    assert!(in_a.iter().all(|e| e.starts_with("a.md:")), "{in_a:?}");
    // Line 7 is as it was on main; the placeholder on line 9 is new.
    let lines = check_listed(&repo, &diff, &["--changed-lines"]);
    assert_eq!(errors_in(&lines), vec!["a.md:9:19".to_string()]);
    assert_eq!(lines.status.code(), Some(1));
    let listed = check_listed(&repo, "a.md\n", &["--changed-lines"]);
    assert_eq!(listed.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&listed.stderr);
    assert!(
        stderr.contains(
            "error: --changed-lines needs the changed lines, and changes.txt lists only files"
        ),
        "{stderr}"
    );
    let alone = factlint_cmd(&repo.0)
        .args(["--isolated", "check", "a.md", "--changed-lines"])
        .output()
        .unwrap();
    assert_eq!(alone.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&alone.stderr);
    assert!(stderr.contains("--changed-since"), "{stderr}");
}

/// From the binary in a work tree: the revision and branch git reports, the exit
/// status, and an absolute input path under the working directory made relative.
#[test]
fn sarif_from_a_git_work_tree() {
    let Some(repo) = repository("sarif-git") else {
        return;
    };
    let o = factlint_cmd(&repo.0)
        .args(["--isolated", "check", "a.md"])
        .arg(repo.path("b.md"))
        .args(["--format", "sarif", "--docs-base", DOCS_BASE])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let run = &value["runs"][0];
    let vcs = &run["versionControlProvenance"][0];
    assert_eq!(vcs["revisionId"], git(&repo.0, &["rev-parse", "HEAD"]));
    assert_eq!(vcs["branch"], "edits");
    assert!(vcs["repositoryUri"]
        .as_str()
        .is_some_and(|u| u.starts_with("file:///")));
    assert_eq!(
        run["invocations"][0]["exitCode"].as_i64(),
        o.status.code().map(i64::from)
    );
    let uris: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(uris.contains(&"a.md") && uris.contains(&"b.md"), "{uris:?}");
    assert_eq!(
        run["tool"]["driver"]["informationUri"],
        format!("{DOCS_BASE}README.md")
    );
    // A detached HEAD, as GitHub Actions checks out: the branch from its environment.
    git(&repo.0, &["checkout", "-q", "--detach"]);
    let detached = factlint_cmd(&repo.0)
        .args(["--isolated", "check", "a.md", "--format", "sarif"])
        .env("GITHUB_REF", "refs/heads/copy-desk")
        .env_remove("GITHUB_HEAD_REF")
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&detached.stdout).unwrap();
    let vcs = &value["runs"][0]["versionControlProvenance"][0];
    assert_eq!(vcs["branch"], "copy-desk");
}
