//! Command-line front end. Only this module prints or exits.

mod args;
mod index;
mod init;
mod progress;

use args::{CheckArgs, Cli, Command, RuleSources, RulesCommand};
use clap::{CommandFactory, Parser};
use factlint::baseline::Baseline;
use factlint::config::{self, ConfigFile, FileFilter, Layer, Settings};
use factlint::corpus::{self, Input, Origin};
use factlint::engine::{self, RunOptions};
use factlint::extract::Needs;
use factlint::report::{self, RenderOptions, Report};
use factlint::rules::{self, LoadOptions, RuleSet, Severity};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit statuses (CONTRACT.md): 0 clean, 1 threshold crossed, 2 usage/configuration;
/// 3 factlint failed on some document (a bug, reported as `input.internal-error`),
/// whatever the thresholds: the report is complete but for those documents.
const CLEAN: u8 = 0;
const THRESHOLD: u8 = 1;
const CONFIG: u8 = 2;
const INTERNAL: u8 = 3;

/// Whether factlint failed on any document of the run.
fn failed_on_some(summaries: &[engine::DocSummary]) -> bool {
    summaries.iter().any(|d| {
        d.problems
            .iter()
            .any(|p| matches!(p, factlint::doc::Problem::Internal(_)))
    })
}

/// An error that ends the run with exit code 2.
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { CONFIG } else { CLEAN });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Fatal(msg)) => {
            // A closed pipe (`factlint … | head`) is not an error.
            if msg.contains("Broken pipe") {
                return ExitCode::from(CLEAN);
            }
            eprintln!("error: {msg}");
            ExitCode::from(CONFIG)
        }
    }
}

/// Defaults < nearest factlint.yaml (unless `--isolated`) < `--config` < `top`.
fn settings(cli_config: Option<&Path>, isolated: bool, top: ConfigFile) -> Result<Settings, Fatal> {
    let mut layers = Vec::new();
    if !isolated {
        let here = std::env::current_dir()?;
        // Read by its path relative to here, so rule_dirs and globs stay relative.
        if let Some((_, shown)) = config::discover(&here) {
            layers.push(Layer::read(Path::new(&shown), &shown)?);
        }
    }
    if let Some(path) = cli_config {
        if !path.is_file() {
            return Err(Fatal(format!(
                "{}: no such configuration file",
                path.display()
            )));
        }
        layers.push(Layer::read(path, &path.to_string_lossy())?);
    }
    layers.push(Layer::command_line(top));
    Ok(Settings::resolve(layers))
}

impl RuleSources {
    fn to_config(&self) -> ConfigFile {
        ConfigFile {
            rule_dirs: (!self.rules.is_empty()).then(|| self.rules.clone()),
            default_rules: self.no_default_rules.then_some(false),
            enable: (!self.enable.is_empty()).then(|| self.enable.clone()),
            disable: (!self.disable.is_empty()).then(|| self.disable.clone()),
            ..ConfigFile::default()
        }
    }
}

fn load_rules(rules_dirs: &[PathBuf], include_builtin: bool) -> Result<RuleSet, Fatal> {
    let opts = LoadOptions {
        include_builtin,
        dirs: rules_dirs.to_vec(),
    };
    rules::load(&opts).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        Fatal(format!(
            "{} error{} in rule files:\n{}",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            lines.join("\n")
        ))
    })
}

/// The rule set the settings describe: loaded, filtered and overridden.
fn rule_set(s: &Settings) -> Result<RuleSet, Fatal> {
    let mut set = load_rules(&s.rule_dirs, s.default_rules)?;
    s.apply(&mut set)?;
    if let Some(lists) = set.user_data.get("data/people.yaml") {
        factlint::people::People::install(lists.clone())?;
    }
    Ok(set)
}

fn inputs(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    corpus_dir: Option<&Path>,
    filter: &FileFilter,
) -> Result<Vec<Input>, Fatal> {
    let mut out = Vec::new();
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            out.push(Input {
                path: stdin_filename.unwrap_or("-").to_string(),
                origin: Origin::Stdin(bytes),
                reported: true,
            });
        } else if p.is_dir() {
            dirs.push(p.clone());
        } else {
            files.push(p.clone());
        }
    }
    // Files named on the command line are always checked; include/exclude globs
    // filter what a directory walk finds.
    out.extend(corpus::collect(&files, true)?);
    out.extend(walk(&dirs, true, filter)?);
    if let Some(dir) = corpus_dir {
        let reported: std::collections::BTreeSet<String> =
            out.iter().map(|i| i.path.clone()).collect();
        out.extend(
            walk(&[dir.to_path_buf()], false, filter)?
                .into_iter()
                .filter(|i| !reported.contains(&i.path)),
        );
    }
    out.sort_by(|a, b| (!a.reported, &a.path).cmp(&(!b.reported, &b.path)));
    out.dedup_by(|a, b| a.path == b.path);
    if !out.iter().any(|i| i.reported) {
        return Err(Fatal("no input documents".into()));
    }
    Ok(out)
}

fn walk(dirs: &[PathBuf], reported: bool, filter: &FileFilter) -> Result<Vec<Input>, Fatal> {
    if dirs.is_empty() {
        return Ok(Vec::new());
    }
    Ok(corpus::collect(dirs, reported)?
        .into_iter()
        .filter(|i| match &i.origin {
            Origin::File(p) => filter.keeps(p),
            Origin::Stdin(_) => true,
        })
        .collect())
}

fn run(cli: Cli) -> Result<u8, Fatal> {
    let (cfg, isolated) = (cli.config.as_deref(), cli.isolated);
    match cli.command {
        Command::Check(a) => check(a, cfg, isolated),
        Command::Extract(a) => {
            let rules = RuleSet::default();
            let opts = RunOptions {
                extra_needs: Needs::ALL,
                max_file_size: a.max_file_size,
                keep_documents: true,
                ..RunOptions::default()
            };
            let s = settings(cfg, isolated, ConfigFile::default())?;
            let filter = s.file_filter()?;
            let inputs = inputs(&a.paths, a.stdin_filename.as_deref(), None, &filter)?;
            let outcome = engine::run(&rules, inputs, &opts);
            for w in &outcome.warnings {
                eprintln!("warning: {w}");
            }
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            report::extract::render(&outcome.docs, &outcome.facts, &mut out)?;
            out.flush()?;
            Ok(if failed_on_some(&outcome.summaries) {
                INTERNAL
            } else {
                CLEAN
            })
        }
        Command::Index { command } => index::run(command, cfg, isolated),
        Command::Rules { command } => rules_command(command, cfg, isolated),
        Command::Config(sources) => {
            let s = settings(cfg, isolated, sources.to_config())?;
            // Validate as a run would: rule files, rule ids, globs.
            rule_set(&s)?;
            s.file_filter()?;
            print!("{}", s.describe());
            Ok(CLEAN)
        }
        Command::Init => {
            let written = init::write(Path::new("."))?;
            for path in written {
                println!("wrote {path}");
            }
            println!("next: factlint config, then factlint rules test factlint-rules");
            Ok(CLEAN)
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "factlint", &mut std::io::stdout());
            Ok(CLEAN)
        }
        Command::Man { out_dir: None } => {
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            Ok(CLEAN)
        }
        Command::Man { out_dir: Some(dir) } => {
            std::fs::create_dir_all(&dir)?;
            clap_mangen::generate_to(Cli::command(), &dir)?;
            println!("wrote the man pages to {}", dir.display());
            Ok(CLEAN)
        }
    }
}

fn check(a: CheckArgs, cfg: Option<&Path>, isolated: bool) -> Result<u8, Fatal> {
    let mut top = a.sources.to_config();
    top.fail_under = a.fail_under;
    top.fail_on = a.fail_on;
    top.format = a.format;
    let s = settings(cfg, isolated, top)?;
    let rules = rule_set(&s)?;
    let baseline = match &a.baseline {
        Some(path) => {
            let shown = path.to_string_lossy();
            if !path.is_file() {
                return Err(Fatal(format!("{shown}: not a regular file")));
            }
            let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
            Some(Baseline::from_json(&shown, &text)?)
        }
        None => None,
    };
    let inputs = inputs(
        &a.paths,
        a.stdin_filename.as_deref(),
        a.corpus.as_deref(),
        &s.file_filter()?,
    )?;
    if let Some(path) = &a.write_baseline {
        refuse_baseline_target(path, &inputs, a.index.as_deref())?;
    }
    let archive = match &a.index {
        Some(idx) => Some(factlint::archive::load(idx)?),
        None => None,
    };
    let bar = progress::Progress::start(inputs.len());
    let opts = RunOptions {
        threads: a.threads.unwrap_or_else(|| RunOptions::default().threads),
        max_file_size: a.max_file_size,
        progress: bar.as_ref().map(|b| b.done.clone()),
        keep_views: s.format == report::Format::Html,
        ..RunOptions::default()
    };
    let mut outcome = match &archive {
        Some(archive) => engine::run_against(&rules, inputs, &opts, archive)?,
        None => engine::run(&rules, inputs, &opts),
    };
    if let Some(bar) = bar {
        bar.finish();
    }
    for w in &outcome.warnings {
        eprintln!("warning: {w}");
    }
    if a.report_unused_suppressions {
        for u in &outcome.unused_suppressions {
            eprintln!("warning: {u}");
        }
    }
    if let Some(path) = &a.write_baseline {
        let b = Baseline::from_findings(outcome.findings.iter());
        factlint::output::replace_with(path, b.to_json().as_bytes())?;
        eprintln!(
            "wrote {} finding{} to {}",
            b.findings.len(),
            if b.findings.len() == 1 { "" } else { "s" },
            path.display()
        );
        return Ok(CLEAN);
    }
    if let Some(b) = &baseline {
        b.apply(&mut outcome.findings);
    }
    let mut report = Report::build(&outcome, &rules);
    // Hidden findings still count: the status is taken before they are hidden.
    let status = if failed_on_some(&outcome.summaries) {
        INTERNAL
    } else {
        exit_status(&report, s.fail_under, s.fail_on)
    };
    if let Some(min) = a.min_severity {
        report.hide_below(min);
    }
    let stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    let render = RenderOptions {
        // None: the terminal's width, or 120 when output is not a terminal.
        width: a.width,
        color: tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        quiet: a.quiet,
        explain: a.explain,
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    report::render(&report, s.format, &render, &mut out)?;
    out.flush()?;
    // Freeing every finding and index bucket costs time for nothing; the process exits.
    std::mem::forget(report);
    std::mem::forget(outcome);
    Ok(status)
}

/// `--write-baseline` replaces only a baseline (or an empty file), never a file the
/// run reads: a document, the `--index` file.
fn refuse_baseline_target(
    path: &Path,
    inputs: &[Input],
    index: Option<&Path>,
) -> Result<(), Fatal> {
    factlint::output::check_kind(path, "a factlint baseline", |file| {
        let mut text = String::new();
        file.read_to_string(&mut text).is_ok() && Baseline::from_json("", &text).is_ok()
    })?;
    let files = inputs.iter().filter_map(|i| match &i.origin {
        Origin::File(p) => Some(p.as_path()),
        Origin::Stdin(_) => None,
    });
    factlint::output::check_not_input(path, files.chain(index))?;
    Ok(())
}

fn rules_command(command: RulesCommand, cfg: Option<&Path>, isolated: bool) -> Result<u8, Fatal> {
    match command {
        RulesCommand::List(sources) => {
            let set = rule_set(&settings(cfg, isolated, sources.to_config())?)?;
            let mut out = std::io::stdout().lock();
            for r in &set.rules {
                writeln!(
                    out,
                    "{:<40} {:<13} {:<8} {:>6}  {}",
                    r.id,
                    r.category.as_str(),
                    r.severity.as_str(),
                    format!("{:+}", -r.weight),
                    r.description
                )?;
            }
            Ok(CLEAN)
        }
        RulesCommand::Check { dir } => {
            let set = load_rules(&[dir], false)?;
            println!(
                "{} rule{} OK",
                set.rules.len(),
                if set.rules.len() == 1 { "" } else { "s" }
            );
            Ok(CLEAN)
        }
        RulesCommand::Test { dir } => {
            let set = match &dir {
                Some(d) => load_rules(std::slice::from_ref(d), false)?,
                None => load_rules(&[], true)?,
            };
            let result = rules::examples::run(set);
            for f in &result.failures {
                println!("FAIL {f}");
            }
            if !result.untested.is_empty() {
                println!("no examples: {}", result.untested.join(", "));
            }
            println!(
                "{} examples in {} rules: {} passed, {} failed",
                result.examples,
                result.tested,
                result.examples - result.failures.len(),
                result.failures.len()
            );
            Ok(if result.failures.is_empty() {
                CLEAN
            } else {
                THRESHOLD
            })
        }
        RulesCommand::Explain { id, sources } => {
            let s = settings(cfg, isolated, sources.to_config())?;
            let set = load_rules(&s.rule_dirs, s.default_rules)?;
            let Some(rule) = set.get(&id) else {
                let hint = rules::spec::closest(&id, set.rules.iter().map(|r| &*r.id))
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default();
                return Err(Fatal(format!("no rule `{id}`{hint}")));
            };
            print!("{}", explain(rule));
            Ok(CLEAN)
        }
    }
}

/// `rules explain`: the rule's own words, its kind's documentation, its examples.
fn explain(r: &rules::Rule) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\ncategory: {}, severity: {}, weight: {}, kind: {}\nfrom: {}\nmessage: {}\n",
        r.id, r.description, r.category, r.severity, r.weight, r.kind, r.origin, r.message
    );
    if let Some(help) = &r.help {
        out.push_str(&format!("help: {help}\n"));
    }
    if let Some(docs) = factlint::checks::docs(r.kind) {
        out.push_str(&format!("\n{}\n", docs.trim_end()));
    }
    if let Some(tests) = &r.tests {
        for (title, list) in [("Flagged", &tests.flag), ("Not flagged", &tests.pass)] {
            if !list.is_empty() {
                out.push_str(&format!("\n## {title} by this rule\n"));
                for e in list {
                    out.push_str(&format!("- {}\n", e.trim_end().replace('\n', "\n  ")));
                }
            }
        }
    }
    out
}

fn exit_status(report: &Report, fail_under: Option<f64>, fail_on: Severity) -> u8 {
    let below = fail_under.is_some_and(|t| report.documents.iter().any(|d| d.score < t));
    let severe = report.findings.iter().any(|f| f.severity >= fail_on);
    if below || severe {
        THRESHOLD
    } else {
        CLEAN
    }
}
