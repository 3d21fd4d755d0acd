//! clap definitions (CONTRACT.md "Commands").

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "factlint",
    version,
    about = "Source-reliability and consistency checker for articles"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Lint documents and score them
    Check(CheckArgs),
    /// Show what the analysis saw in each document (metadata, quotes, dates, claims)
    Extract(ExtractArgs),
    /// List or validate rules
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
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
    },
}

#[derive(Args)]
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
    /// Extra rule directory (repeatable); a rule with a built-in's id replaces it
    #[arg(long, value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use only the --rules directories
    #[arg(long)]
    pub no_default_rules: bool,
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Worker threads (default: all cores); output never depends on it
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(usize))]
    pub threads: Option<usize>,
    /// Findings only, no summary
    #[arg(long)]
    pub quiet: bool,
    /// Exit 1 when any document scores below SCORE
    #[arg(long, value_name = "SCORE")]
    pub fail_under: Option<f64>,
    /// Exit 1 when any finding is at or above SEVERITY
    #[arg(long, value_enum, default_value_t = SeverityArg::Error, value_name = "SEVERITY")]
    pub fail_on: SeverityArg,
    /// Show how each score was computed
    #[arg(long)]
    pub explain: bool,
    /// Path to show for standard input in reports
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Skip files larger than this many bytes (with a finding)
    #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
    pub max_file_size: u64,
    /// Table width when output is not a terminal
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<u16>,
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
    List {
        #[arg(long, value_name = "DIR")]
        rules: Vec<PathBuf>,
        #[arg(long)]
        no_default_rules: bool,
    },
    /// Validate a rule directory
    Check { dir: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}
