//! Command-line front end. Only this module prints or exits.

mod args;
mod index;

use args::{Cli, Command, FormatArg, RulesCommand, SeverityArg};
use clap::Parser;
use factlint::corpus::{self, Input, Origin};
use factlint::engine::{self, RunOptions};
use factlint::extract::Needs;
use factlint::report::{self, Format, RenderOptions, Report};
use factlint::rules::{self, LoadOptions, RuleSet, Severity};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

/// Exit statuses (CONTRACT.md): 0 clean, 1 threshold crossed, 2 usage/configuration.
const CLEAN: u8 = 0;
const THRESHOLD: u8 = 1;
const CONFIG: u8 = 2;

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

fn load_rules(rules_dirs: &[std::path::PathBuf], no_default: bool) -> Result<RuleSet, Fatal> {
    let opts = LoadOptions {
        include_builtin: !no_default,
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

fn inputs(
    paths: &[std::path::PathBuf],
    stdin_filename: Option<&str>,
    corpus_dir: Option<&std::path::Path>,
) -> Result<Vec<Input>, Fatal> {
    let mut out = Vec::new();
    let files: Vec<_> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    if files.len() != paths.len() {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        out.push(Input {
            path: stdin_filename.unwrap_or("-").to_string(),
            origin: Origin::Stdin(bytes),
            reported: true,
        });
    }
    out.extend(corpus::collect(&files, true)?);
    if let Some(dir) = corpus_dir {
        let reported: std::collections::BTreeSet<String> =
            out.iter().map(|i| i.path.clone()).collect();
        out.extend(
            corpus::collect(&[dir.to_path_buf()], false)?
                .into_iter()
                .filter(|i| !reported.contains(&i.path)),
        );
    }
    if !out.iter().any(|i| i.reported) {
        return Err(Fatal("no input documents".into()));
    }
    Ok(out)
}

fn run(cli: Cli) -> Result<u8, Fatal> {
    match cli.command {
        Command::Check(a) => {
            let rules = load_rules(&a.rules, a.no_default_rules)?;
            let opts = RunOptions {
                threads: a.threads.unwrap_or_else(|| RunOptions::default().threads),
                max_file_size: a.max_file_size,
                ..RunOptions::default()
            };
            let mut inputs = inputs(&a.paths, a.stdin_filename.as_deref(), a.corpus.as_deref())?;
            if let Some(idx) = &a.index {
                index::add_related(idx, &mut inputs, &opts)?;
            }
            let outcome = engine::run(&rules, inputs, &opts);
            for w in &outcome.warnings {
                eprintln!("warning: {w}");
            }
            let report = Report::build(&outcome, &rules);
            let stdout = std::io::stdout();
            let tty = stdout.is_terminal();
            let render = RenderOptions {
                width: if tty {
                    None
                } else {
                    Some(a.width.unwrap_or(120))
                },
                color: tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                quiet: a.quiet,
                explain: a.explain,
            };
            let format = match a.format {
                FormatArg::Table => Format::Table,
                FormatArg::Json => Format::Json,
            };
            let mut out = std::io::BufWriter::new(stdout.lock());
            report::render(&report, format, &render, &mut out)?;
            out.flush()?;
            // Freeing every parsed document cost ~5% of a 200 MB run; the process exits.
            std::mem::forget(outcome);
            Ok(exit_status(&report, a.fail_under, a.fail_on.into()))
        }
        Command::Extract(a) => {
            let rules = RuleSet::default();
            let opts = RunOptions {
                extra_needs: Needs::ALL,
                max_file_size: a.max_file_size,
                ..RunOptions::default()
            };
            let outcome = engine::run(
                &rules,
                inputs(&a.paths, a.stdin_filename.as_deref(), None)?,
                &opts,
            );
            for w in &outcome.warnings {
                eprintln!("warning: {w}");
            }
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            report::extract::render(&outcome.docs, &outcome.facts, &mut out)?;
            out.flush()?;
            Ok(CLEAN)
        }
        Command::Index { command } => index::run(command),
        Command::Rules { command } => match command {
            RulesCommand::List {
                rules,
                no_default_rules,
            } => {
                let set = load_rules(&rules, no_default_rules)?;
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
                let set = load_rules(&[dir], true)?;
                println!(
                    "{} rule{} OK",
                    set.rules.len(),
                    if set.rules.len() == 1 { "" } else { "s" }
                );
                Ok(CLEAN)
            }
        },
    }
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

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}
