//! clap definitions (CONTRACT.md "Commands"). Completions and the man page are
//! generated from these, so they are the single description of the command line.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "factlint",
    version,
    about = "Source-reliability and consistency checker for articles"
)]
pub struct Cli {
    /// Configuration file, laid over the factlint.yaml found in this directory or
    /// its parents
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore factlint.yaml files in this directory and its parents
    #[arg(long, global = true)]
    pub isolated: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Lint documents and score them
    Check(Box<CheckArgs>),
    /// Show what the analysis saw in each document (metadata, quotes, dates, claims)
    Extract(ExtractArgs),
    /// List, validate, test or explain rules
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Print the resolved configuration and where each value came from
    Config(ConfigArgs),
    /// Write a commented factlint.yaml and an example custom rule here
    Init,
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff); with --out-dir, write one page per subcommand too
    Man {
        /// Write factlint.1, factlint-check.1, … into this directory
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// Build or update an archive index for `check --index`
    Index {
        #[command(subcommand)]
        command: IndexCommand,
    },
}

#[derive(Subcommand)]
pub enum IndexCommand {
    /// Index ARCHIVE_DIR into FILE; an existing FILE is updated incrementally
    Build {
        archive: PathBuf,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(usize))]
        threads: Option<usize>,
        /// Give up (exit 2) after waiting this many seconds for another
        /// `index build` writing FILE; without it, wait as long as it takes
        #[arg(long, value_name = "SECONDS", value_parser = lock_timeout)]
        lock_timeout: Option<std::time::Duration>,
    },
}

fn lock_timeout(s: &str) -> Result<std::time::Duration, String> {
    let secs: f64 = s
        .parse()
        .map_err(|_| format!("not a number of seconds: {s}"))?;
    std::time::Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
}

/// Where rules come from, on top of the configuration.
#[derive(Args, Clone, Default)]
pub struct RuleSources {
    /// Extra rule directory (repeatable); a rule with a built-in's id replaces it
    #[arg(long, value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use only the --rules directories
    #[arg(long)]
    pub no_default_rules: bool,
    /// Run only these rules (ids or globs such as `quotes.*`; repeatable)
    #[arg(long, value_name = "RULE")]
    pub enable: Vec<String>,
    /// Do not run these rules (ids or globs; repeatable); wins over --enable
    #[arg(long, value_name = "RULE")]
    pub disable: Vec<String>,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("change_source").args(["changed_since", "files_from"])))]
pub struct CheckArgs {
    /// Files or directories (recursive) to check; `-` reads standard input
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Reference archive: read and checked against, not reported
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Archive index from `factlint index build`: like --corpus, reading only the
    /// archive documents the inputs relate to
    #[arg(long, value_name = "FILE", conflicts_with = "corpus")]
    pub index: Option<PathBuf>,
    #[command(flatten)]
    pub sources: RuleSources,
    /// Output format [default: table, or `format` in factlint.yaml]
    #[arg(long, value_enum)]
    pub format: Option<factlint::report::Format>,
    /// Worker threads (default: all cores); output never depends on it
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(usize))]
    pub threads: Option<usize>,
    /// Findings only, no summary
    #[arg(long)]
    pub quiet: bool,
    /// Exit 1 when any document scores below SCORE
    #[arg(long, value_name = "SCORE", value_parser = factlint::config::parse_score_threshold)]
    pub fail_under: Option<f64>,
    /// Exit 1 when any finding is at or above SEVERITY [default: error]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<factlint::rules::Severity>,
    /// Show how each score was computed (every text format; json has `breakdown`)
    #[arg(long)]
    pub explain: bool,
    /// Show only findings at or above SEVERITY (`warning` hides notes); hidden
    /// findings still count in the scores and the exit status
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub min_severity: Option<factlint::rules::Severity>,
    /// Path to show for standard input in reports
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Skip files larger than this many bytes (with a finding)
    #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Table width [default: the terminal's, or 120 when output is not a terminal]
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<u16>,
    /// Report only findings not recorded in this baseline file (they still count in
    /// the scores)
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the baseline, then exit 0
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// List inline suppressions that matched no finding (on stderr)
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// Report only the files changed since REF (a branch, tag or commit): the work
    /// tree against REF's merge base with HEAD, and untracked files
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// With --changed-since, or --files-from given a diff, only the findings on
    /// changed lines (and the document-level findings of changed files)
    #[arg(long, requires = "change_source")]
    pub changed_lines: bool,
    /// Report only the files listed in FILE, one a line, or the files and lines a
    /// unified diff in FILE changed (`git diff` output; `-`: standard input)
    #[arg(long, value_name = "FILE", conflicts_with = "changed_since")]
    pub files_from: Option<PathBuf>,
    /// Base URL of the rule pages (docs/rules/ in factlint's repository): SARIF's
    /// helpUri [default: set when a release is built]
    #[arg(long, value_name = "URL")]
    pub docs_base: Option<String>,
    /// Link each markdown finding to its line: URL + path + `#L<line>` (e.g.
    /// https://github.com/OWNER/REPO/blob/SHA/)
    #[arg(long, value_name = "URL")]
    pub link_base: Option<String>,
}

#[derive(Args)]
pub struct ListArgs {
    /// List the rules in effect for this file or folder (its closest nested
    /// factlint.yaml, as `check` applies it)
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub sources: RuleSources,
}

#[derive(Args)]
pub struct ConfigArgs {
    /// Show the configuration in effect for this file or folder (its closest nested
    /// factlint.yaml, as `check` applies it)
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub sources: RuleSources,
}

#[derive(Args)]
pub struct ExtractArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
    pub max_file_size: u64,
}

#[derive(Subcommand)]
pub enum RulesCommand {
    /// List the rules in effect
    List(ListArgs),
    /// Validate a rule directory
    Check { dir: PathBuf },
    /// Run the examples rule files carry (`tests: {flag, pass}`); without DIR, the
    /// built-in rules'
    Test { dir: Option<PathBuf> },
    /// What a rule checks, why it matters, and examples
    Explain {
        id: String,
        #[command(flatten)]
        sources: RuleSources,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    Json,
}
