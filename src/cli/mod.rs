//! Command-line front end. Only this module prints or exits.

mod args;
mod git;
mod index;
mod init;
mod progress;
mod rules_test;

use args::{CheckArgs, Cli, Command, RuleSources, RulesCommand};
use clap::{CommandFactory, Parser};
use factlint::baseline::{Baseline, PathKey};
use factlint::config::{self, ConfigFile, FileFilter, Folders, Gate, Layer, Settings};
use factlint::corpus::{self, Input, Origin};
use factlint::engine::{self, RunOptions};
use factlint::extract::Needs;
use factlint::finding::Finding;
use factlint::report::printable::{printable, printable_line};
use factlint::report::{self, RenderOptions, Report};
use factlint::rules::{self, LoadOptions, RuleSet, Severity};
use std::collections::BTreeMap;
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
            eprintln!("error: {}", printable(&msg));
            ExitCode::from(CONFIG)
        }
    }
}

/// Defaults < nearest factlint.yaml (unless `--isolated`) < `--config` < `top`.
fn settings(cli_config: Option<&Path>, isolated: bool, top: ConfigFile) -> Result<Settings, Fatal> {
    let mut layers = Vec::new();
    if let Some((_, shown)) = top_config_file(isolated)? {
        // Read by its path relative to here, so rule_dirs and globs stay relative.
        layers.push(Layer::read(Path::new(&shown), &shown)?);
    }
    layers.extend(upper_layers(cli_config, top)?);
    Ok(Settings::resolve(layers))
}

/// The nearest factlint.yaml in the working directory or its parents (path, shown).
fn top_config_file(isolated: bool) -> Result<Option<(PathBuf, String)>, Fatal> {
    if isolated {
        return Ok(None);
    }
    Ok(config::discover(&std::env::current_dir()?))
}

/// The settings `check` applies to the documents at `path` (a file or folder) and
/// the nested factlint.yaml they come from, if any; `top` is the run's settings.
fn settings_for(
    path: &Path,
    top: &Settings,
    cfg: Option<&Path>,
    isolated: bool,
    sources: &RuleSources,
) -> Result<(Settings, Option<String>), Fatal> {
    if !path.exists() {
        return Err(Fatal(format!("{}: no such file or folder", path.display())));
    }
    Ok(match folders(cfg, isolated, sources.to_config())? {
        Some(mut f) => f.effective(path, top)?,
        None => (top.clone(), None),
    })
}

/// The nested factlint.yaml files below the top one, read as documents need them,
/// with `--config` and `top` (the flags) over each; none with `--isolated`.
fn folders(cfg: Option<&Path>, isolated: bool, top: ConfigFile) -> Result<Option<Folders>, Fatal> {
    if isolated {
        return Ok(None);
    }
    let top_file = top_config_file(isolated)?.map(|(path, _)| path);
    Ok(Some(Folders::new(
        top_file.as_deref(),
        upper_layers(cfg, top)?,
    )))
}

/// `--config FILE` and the command-line flags: the layers over any factlint.yaml.
fn upper_layers(cli_config: Option<&Path>, top: ConfigFile) -> Result<Vec<Layer>, Fatal> {
    let mut layers = Vec::new();
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
    Ok(layers)
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
    s.check_rule_dirs()?;
    let mut set = load_rules(&s.rule_dirs, s.default_rules)?;
    s.apply(&mut set)?;
    Ok(set)
}

/// The rules of nested factlint.yaml files' own `rule_dirs` join the run, each
/// for its folder's documents only. They add rules: an id the run already has, or
/// that two folders' directories define differently, is an error (a run holds one
/// rule per id), and their data files are refused (the lists are run-wide).
fn add_folder_rules(
    folders: &mut Folders,
    rules: &mut RuleSet,
    original: &mut BTreeMap<String, (Severity, f64)>,
) -> Result<(), Fatal> {
    let mut loaded: Vec<(Vec<PathBuf>, Vec<String>)> = Vec::new();
    let mut errors = Vec::new();
    for i in 0..folders.configs.len() {
        let dirs = folders.configs[i].own_rule_dirs.clone();
        if dirs.is_empty() {
            continue;
        }
        if let Some((_, ids)) = loaded.iter().find(|(d, _)| *d == dirs) {
            // Another folder's file names the same directories: the same rules.
            for id in ids.clone() {
                folders.add_folder_rule(&id, i);
            }
            continue;
        }
        let set = load_rules(&dirs, false)?;
        let set_hash = set.hash.clone();
        let shown = folders.configs[i].shown.clone();
        if let Some(data) = set.user_data.keys().next() {
            errors.push(format!(
                "{shown}: rule_dirs: `{data}` is run-wide data: put it in a rule directory \
                 of the top factlint.yaml"
            ));
        }
        let mut ids = Vec::new();
        for rule in set.rules {
            if let Some(other) = rules.get(&rule.id) {
                errors.push(format!(
                    "{shown}: rule_dirs: {} defines `{}`, which the run already has from {}: \
                     a nested rule directory adds rules (a run holds one rule per id); give it \
                     an id of its own",
                    rule.origin, rule.id, other.origin
                ));
                continue;
            }
            folders.add_folder_rule(&rule.id, i);
            original.insert(rule.id.to_string(), (rule.severity, rule.weight));
            ids.push(rule.id.to_string());
            rules.rules.push(rule);
        }
        rules.hash = rules::combined_hash(&rules.hash, &set_hash);
        loaded.push((dirs, ids));
    }
    if !errors.is_empty() {
        return Err(Fatal(errors.join("\n")));
    }
    rules.rules.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(())
}

/// Inline suppressions that name a rule that does not exist: a misspelt id would
/// otherwise leave its finding in place with nothing said (configuration error).
fn unknown_suppressions(
    unused: &[factlint::suppress::Unused],
    known: &[String],
) -> Result<(), Fatal> {
    let lines: Vec<String> = unused
        .iter()
        .filter_map(|u| {
            let pattern = u.rule.as_deref()?;
            if known
                .iter()
                .any(|id| factlint::suppress::matches(pattern, id))
            {
                return None;
            }
            Some(format!(
                "{}:{}:{}: suppression names no rule: `{pattern}`{}",
                report::printable::printable_line(&u.path),
                u.line,
                u.column,
                report::printable::printable_line(&config::did_you_mean(pattern, known))
            ))
        })
        .collect();
    if lines.is_empty() {
        return Ok(());
    }
    Err(Fatal(format!(
        "{} inline suppression{} name{} no rule:\n{}",
        lines.len(),
        if lines.len() == 1 { "" } else { "s" },
        if lines.len() == 1 { "s" } else { "" },
        lines.join("\n")
    )))
}

/// The documents to read. With `folders`, each document is assigned its closest
/// nested factlint.yaml, whose include/exclude globs filter what walks find.
fn inputs(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    corpus_dir: Option<&Path>,
    filter: &FileFilter,
    mut folders: Option<&mut Folders>,
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
    out.extend(walk(&dirs, true, filter, folders.as_deref_mut())?);
    if let Some(dir) = corpus_dir {
        let reported: std::collections::BTreeSet<String> =
            out.iter().map(|i| i.path.clone()).collect();
        out.extend(
            walk(&[dir.to_path_buf()], false, filter, folders.as_deref_mut())?
                .into_iter()
                .filter(|i| !reported.contains(&i.path)),
        );
    }
    if let Some(folders) = folders {
        for input in out.iter().filter(|i| i.reported) {
            if let Origin::File(p) = &input.origin {
                folders.assign(&input.path, p)?;
            }
        }
    }
    out.sort_by(|a, b| (!a.reported, &a.path).cmp(&(!b.reported, &b.path)));
    out.dedup_by(|a, b| a.path == b.path);
    if !out.iter().any(|i| i.reported) {
        return Err(Fatal("no input documents".into()));
    }
    Ok(out)
}

fn walk(
    dirs: &[PathBuf],
    reported: bool,
    filter: &FileFilter,
    mut folders: Option<&mut Folders>,
) -> Result<Vec<Input>, Fatal> {
    if dirs.is_empty() {
        return Ok(Vec::new());
    }
    let mut kept = Vec::new();
    for input in corpus::collect(dirs, reported)? {
        let keep = match (&input.origin, folders.as_deref_mut()) {
            (Origin::Stdin(_), _) => true,
            (Origin::File(p), Some(folders)) => match folders.closest(p)? {
                Some(i) => !filter.skips(p) && folders.configs[i].files.keeps(p),
                None => filter.keeps(p),
            },
            (Origin::File(p), None) => filter.keeps(p),
        };
        if keep {
            kept.push(input);
        }
    }
    Ok(kept)
}

fn run(cli: Cli) -> Result<u8, Fatal> {
    let (cfg, isolated) = (cli.config.as_deref(), cli.isolated);
    match cli.command {
        Command::Check(a) => check(*a, cfg, isolated),
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
            // Nested factlint.yaml files pick their folders' files, as for `check`.
            let mut folders = folders(cfg, isolated, ConfigFile::default())?;
            let inputs = inputs(
                &a.paths,
                a.stdin_filename.as_deref(),
                None,
                &filter,
                folders.as_mut(),
            )?;
            let outcome = engine::run(&rules, inputs, &opts);
            for w in &outcome.warnings {
                eprintln!("warning: {}", printable_line(w));
            }
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            report::extract::render(&outcome.docs, &outcome.facts, &mut out)?;
            out.flush()?;
            Ok(if outcome.failed() { INTERNAL } else { CLEAN })
        }
        Command::Index { command } => index::run(command, cfg, isolated),
        Command::Rules { command } => rules_command(command, cfg, isolated),
        Command::Config(a) => {
            let s = settings(cfg, isolated, a.sources.to_config())?;
            // Validate as a run would: rule files, rule ids, globs.
            s.check_rule_dirs()?;
            let mut set = load_rules(&s.rule_dirs, s.default_rules)?;
            let loaded: Vec<String> = set.rules.iter().map(|r| r.id.to_string()).collect();
            s.apply(&mut set)?;
            s.file_filter()?;
            let Some(path) = &a.path else {
                print!("{}", s.describe());
                return Ok(CLEAN);
            };
            let (effective, nested) = settings_for(path, &s, cfg, isolated, &a.sources)?;
            effective.check_rule_patterns(&loaded)?;
            effective.file_filter()?;
            let shown = printable_line(&path.to_string_lossy()).to_string();
            match nested {
                Some(file) => println!(
                    "# for {shown}: {file} (the closest; the top's rule_dirs add to its own, and \
                     default_rules, format and the thresholds it does not set come from the top)"
                ),
                None => println!("# for {shown}: no nested factlint.yaml; the top configuration"),
            }
            print!("{}", effective.describe());
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
    let s = settings(cfg, isolated, top.clone())?;
    // Nested factlint.yaml files apply to their folders; the run holds every rule
    // some folder enables, and each document's findings are then its folder's.
    let mut folders = folders(cfg, isolated, top)?;
    s.check_rule_dirs()?;
    let mut rules = load_rules(&s.rule_dirs, s.default_rules)?;
    let original: BTreeMap<String, (Severity, f64)> = rules
        .rules
        .iter()
        .map(|r| (r.id.to_string(), (r.severity, r.weight)))
        .collect();
    // Every id a suppression may name: the rules loaded (enabled or not) and the
    // built-in ones (a document may suppress a rule this run leaves out).
    let mut known_ids: Vec<String> = original.keys().cloned().collect();
    known_ids.extend(rules::builtin::rule_ids());
    known_ids.sort();
    known_ids.dedup();
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
    // The baseline is not an article. A --write-baseline target that is not one
    // stays an input, so that writing over it is refused.
    let mut filter = s.file_filter()?;
    for path in a.baseline.iter() {
        filter.skip(path);
    }
    if let Some(path) = a.write_baseline.as_deref().filter(|p| is_baseline(p)) {
        filter.skip(path);
    }
    let changes = changed_files(&a)?;
    let inputs = inputs(
        &a.paths,
        a.stdin_filename.as_deref(),
        a.corpus.as_deref(),
        &filter,
        folders.as_mut(),
    )?;
    let mut original = original;
    if let Some(folders) = folders.as_mut() {
        add_folder_rules(folders, &mut rules, &mut original)?;
        known_ids.extend(original.keys().cloned());
        known_ids.sort();
        known_ids.dedup();
    }
    let loaded: Vec<String> = original.keys().cloned().collect();
    let folder_rules: Vec<config::RuleFilter> = match &folders {
        Some(f) => f
            .configs
            .iter()
            .map(|c| {
                c.settings.check_rule_patterns(&loaded)?;
                Ok(c.rules.clone())
            })
            .collect::<Result<_, config::ConfigError>>()?,
        None => Vec::new(),
    };
    s.apply_keeping(&mut rules, |id| folder_rules.iter().any(|f| f.enables(id)))?;
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
    if let Some(folders) = &folders {
        folders.apply_to_findings(&mut outcome.findings, &s.rule_filter()?, &original, &rules);
    }
    if let Some(bar) = bar {
        bar.finish();
    }
    for w in &outcome.warnings {
        eprintln!("warning: {}", printable_line(w));
    }
    unknown_suppressions(&outcome.unused_suppressions, &known_ids)?;
    if a.report_unused_suppressions {
        for u in &outcome.unused_suppressions {
            eprintln!("warning: {}", printable_line(&u.to_string()));
        }
    }
    if let Some(path) = &a.write_baseline {
        for f in &outcome.failures {
            eprintln!("error: {}", printable_line(&f.to_string()));
        }
        let b = Baseline::from_findings(outcome.findings.iter(), &baseline_key(&s));
        factlint::output::replace_with(path, b.to_json().as_bytes())?;
        eprintln!(
            "wrote {} finding{} to {}",
            b.findings.len(),
            if b.findings.len() == 1 { "" } else { "s" },
            path.display()
        );
        return Ok(if outcome.failed() { INTERNAL } else { CLEAN });
    }
    if let Some(b) = &baseline {
        let key = baseline_key(&s);
        b.apply(&mut outcome.findings, &key);
        b.apply(&mut outcome.suppressed, &key);
    }
    let mut report = Report::build(&outcome, &rules);
    report.baseline_applied = baseline.is_some();
    // Before the status: a pull request's gate is what the pull request changed.
    if let Some(changes) = &changes {
        report.keep_changed(changes, a.changed_lines);
    }
    // Each document is held to its folder's thresholds.
    let gate = |path: &str| match &folders {
        Some(f) => f.gate(path, &s),
        None => s.gate(),
    };
    // Hidden findings still count: the status is taken before they are hidden.
    for f in &report.failures {
        eprintln!("error: {}", printable_line(&f.to_string()));
    }
    let mut status = if outcome.failed() || !report.failures.is_empty() {
        INTERNAL
    } else {
        exit_status(&report, &gate)
    };
    // Before --min-severity hides any: hidden findings still fail the run.
    let reasons = if status == THRESHOLD {
        threshold_reasons(&report, &gate)
    } else {
        Vec::new()
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
        sarif: match s.format {
            report::Format::Sarif => sarif_context(status, a.docs_base.as_deref()),
            _ => report::sarif::Context {
                docs_base: report::sarif::docs_base(a.docs_base.as_deref()),
                ..Default::default()
            },
        },
        link_base: a.link_base.clone(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    let failed = report::render_isolated(&report, s.format, &render, &mut out)?;
    out.flush()?;
    for f in &failed {
        eprintln!("error: {}", printable_line(&f.to_string()));
        status = INTERNAL;
    }
    // The summary is extra: a summary file that cannot be written does not fail the
    // check (the annotations and the status are out already).
    if s.format == report::Format::Github {
        if let Err(Fatal(msg)) = write_step_summary(&report, &render) {
            eprintln!("warning: {msg}");
        }
    }
    // Even with --quiet: a CI log must say why the job failed.
    for line in reasons {
        eprintln!("{line}");
    }
    // Freeing every finding and index bucket costs time for nothing; the process exits.
    std::mem::forget(report);
    std::mem::forget(outcome);
    Ok(status)
}

/// `--changed-since REF` or `--files-from FILE`: the files (and lines) to report.
fn changed_files(a: &CheckArgs) -> Result<Option<factlint::changes::Changes>, Fatal> {
    if let Some(reference) = &a.changed_since {
        return Ok(Some(git::changed_since(reference)?));
    }
    let Some(list) = &a.files_from else {
        return Ok(None);
    };
    let text = if list.as_os_str() == "-" {
        if a.paths.iter().any(|p| p.as_os_str() == "-") {
            return Err(Fatal(
                "--files-from - and the input `-` cannot both read standard input".into(),
            ));
        }
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        text
    } else {
        let shown = list.display();
        if !list.is_file() {
            return Err(Fatal(format!("{shown}: not a regular file")));
        }
        std::fs::read_to_string(list).map_err(|e| format!("{shown}: {e}"))?
    };
    let listed = git::files_from(&text, &std::env::current_dir()?);
    if a.changed_lines && !listed.has_lines {
        return Err(Fatal(format!(
            "--changed-lines needs the changed lines, and {} lists only files: give \
             --files-from a unified diff (`git diff -U0` output, run at the top of the work \
             tree) or use --changed-since REF",
            if list.as_os_str() == "-" {
                "standard input".to_string()
            } else {
                list.display().to_string()
            }
        )));
    }
    Ok(Some(listed.changes))
}

/// SARIF's view of the run: the working directory, the git work tree, the exit
/// status and where the rule pages are.
fn sarif_context(status: u8, docs_base: Option<&str>) -> report::sarif::Context {
    let source_root = std::env::current_dir()
        .ok()
        .map(|d| d.to_string_lossy().into_owned());
    report::sarif::Context {
        source_root,
        version_control: git::version_control(),
        exit_code: Some(status),
        docs_base: report::sarif::docs_base(docs_base),
    }
}

/// In GitHub Actions, a Markdown summary of the run for the job's summary page.
fn write_step_summary(report: &Report, opts: &RenderOptions) -> Result<(), Fatal> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .map_err(|e| format!("GITHUB_STEP_SUMMARY {}: {e}", Path::new(&path).display()))?;
    let mut out = std::io::BufWriter::new(file);
    report::github::step_summary(report, opts, &mut out)?;
    out.flush()?;
    Ok(())
}

/// Whether `path` is a regular file holding a factlint baseline.
fn is_baseline(path: &Path) -> bool {
    path.is_file()
        && std::fs::read_to_string(path).is_ok_and(|text| Baseline::from_json("", &text).is_ok())
}

/// Baseline paths are relative to the configuration's folder, or to the working
/// directory when no configuration file was read.
fn baseline_key(s: &Settings) -> PathKey {
    PathKey::new(s.root.as_deref().unwrap_or(Path::new(".")))
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
        RulesCommand::List(a) => {
            let mut s = settings(cfg, isolated, a.sources.to_config())?;
            if let Some(path) = &a.path {
                s = settings_for(path, &s, cfg, isolated, &a.sources)?.0;
            }
            let set = rule_set(&s)?;
            let mut out = std::io::stdout().lock();
            for r in &set.rules {
                writeln!(
                    out,
                    "{:<40} {:<13} {:<8} {:>6}  {}",
                    r.id,
                    r.category.as_str(),
                    r.severity.as_str(),
                    // As in the rule file: the points one finding costs, a bonus
                    // negative; `+ 0.0` turns -0 into 0.
                    r.weight + 0.0,
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
            let result = rules_test::run(set);
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
                let hint = factlint::yaml::closest(&id, set.rules.iter().map(|r| &*r.id))
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default();
                return Err(Fatal(format!("no rule `{id}`{hint}")));
            };
            print!("{}", explain(rule));
            Ok(CLEAN)
        }
    }
}

/// `rules explain`: the rule's own words, parameters and examples, then its kind's
/// documentation.
fn explain(r: &rules::Rule) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\ncategory: {}, severity: {}, weight: {}, kind: {}\nfrom: {}\nmessage: {}\n",
        r.id, r.description, r.category, r.severity, r.weight, r.kind, r.origin, r.message
    );
    if let Some(help) = &r.help {
        out.push_str(&format!("help: {help}\n"));
    }
    let names: Vec<String> = rules::load::message_placeholders(r.kind)
        .map(|p| format!("{{{p}}}"))
        .collect();
    out.push_str(&format!("placeholders: {}\n", names.join(", ")));
    out.push_str("\n## Parameters of this rule\n");
    match rules::spec::params_yaml(&r.source) {
        Some(params) => out.push_str(&format!("{}\n", params.trim_end())),
        None => out.push_str("none: the kind's defaults\n"),
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
    if let Some(docs) = factlint::checks::docs(r.kind) {
        out.push_str(&format!(
            "\n# The `{}` kind\n\n{}\n",
            r.kind,
            docs.trim_end()
        ));
    }
    out
}

/// The most documents or findings named per threshold on stderr.
const REASONS_SHOWN: usize = 10;

/// Why the run exits 1: which documents scored below `fail_under` and which findings
/// are at or above `fail_on`, with where each threshold was set (a nested
/// factlint.yaml may set its own for its folder).
fn threshold_reasons<'a>(report: &Report, gate: &impl Fn(&str) -> Gate<'a>) -> Vec<String> {
    let mut lines = Vec::new();
    let more = |lines: &mut Vec<String>, total: usize| {
        if total > REASONS_SHOWN {
            lines.push(format!("  … and {} more", total - REASONS_SHOWN));
        }
    };
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    // Per threshold and where it was set, in the report's order.
    let mut below: Vec<((String, &str), Vec<&report::DocReport>)> = Vec::new();
    for d in &report.documents {
        let g = gate(&d.path);
        let Some(t) = g.fail_under.filter(|t| d.score < *t) else {
            continue;
        };
        push_grouped(&mut below, (t.to_string(), g.fail_under_from), d);
    }
    for ((t, from), docs) in &below {
        lines.push(format!(
            "exit 1: {} document{} scored below fail_under {t} ({}):",
            docs.len(),
            plural(docs.len()),
            set_by(from)
        ));
        for d in docs.iter().take(REASONS_SHOWN) {
            lines.push(format!(
                "  {}: {:.1} ({})",
                report::printable::printable_line(&d.path),
                d.score,
                d.grade
            ));
        }
        more(&mut lines, docs.len());
    }
    let mut severe: Vec<((Severity, &str), Vec<&Finding>)> = Vec::new();
    for f in &report.findings {
        let g = gate(&f.location.path);
        if f.severity < g.fail_on {
            continue;
        }
        push_grouped(&mut severe, (g.fail_on, g.fail_on_from), f);
    }
    for ((fail_on, from), found) in &severe {
        lines.push(format!(
            "exit 1: {} finding{} at or above fail_on {fail_on} ({}):",
            found.len(),
            plural(found.len()),
            set_by(from)
        ));
        for f in found.iter().take(REASONS_SHOWN) {
            let l = &f.location;
            lines.push(format!(
                "  {}:{}:{}: {} {} {}",
                report::printable::printable_line(&l.path),
                l.line,
                l.column,
                f.severity,
                f.rule,
                report::printable::printable_line(&f.message)
            ));
        }
        more(&mut lines, found.len());
    }
    lines
}

/// Where a threshold was set, for the exit-1 reasons.
/// Adds `value` to the group of `key`, keeping groups in the order first seen.
fn push_grouped<K: PartialEq, V>(groups: &mut Vec<(K, Vec<V>)>, key: K, value: V) {
    match groups.iter_mut().find(|(k, _)| *k == key) {
        Some((_, values)) => values.push(value),
        None => groups.push((key, vec![value])),
    }
}

fn set_by(origin: &str) -> String {
    match origin {
        "default" => "the default".into(),
        origin => format!("set by {origin}"),
    }
}

/// 1 when a document scores below its `fail_under` or a finding is at or above its
/// document's `fail_on`.
fn exit_status<'a>(report: &Report, gate: &impl Fn(&str) -> Gate<'a>) -> u8 {
    let below = report
        .documents
        .iter()
        .any(|d| gate(&d.path).fail_under.is_some_and(|t| d.score < t));
    let severe = report
        .findings
        .iter()
        .any(|f| f.severity >= gate(&f.location.path).fail_on);
    if below || severe {
        THRESHOLD
    } else {
        CLEAN
    }
}
