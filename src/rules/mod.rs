//! Rules: YAML files mapped onto strict typed structs, compiled once at load.

pub mod load;
pub mod reference;
pub mod spec;

use crate::checks::Compiled;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

pub use crate::yaml::SpecError;
pub use load::{load, LoadOptions};

/// The built-in files under rules/ (rule files and YAML data), embedded at build time.
pub mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

    /// The ids of the built-in rules (`rules/<group>/<name>.yaml`).
    pub fn rule_ids() -> impl Iterator<Item = String> {
        BUILTIN_FILES
            .iter()
            .filter(|(p, _)| p.contains('/') && !p.starts_with("data/"))
            .map(|(p, _)| p.trim_end_matches(".yaml").replacen('/', ".", 1))
    }

    /// A built-in data file such as `data/people.yaml`.
    pub fn data(path: &str) -> Option<&'static str> {
        BUILTIN_FILES
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, c)| *c)
    }
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Quotes,
    Dates,
    Claims,
    Transparency,
    Consistency,
    References,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Quotes,
        Category::Dates,
        Category::Claims,
        Category::Transparency,
        Category::Consistency,
        Category::References,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Quotes => "quotes",
            Category::Dates => "dates",
            Category::Claims => "claims",
            Category::Transparency => "transparency",
            Category::Consistency => "consistency",
            Category::References => "references",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Also the `--fail-on` values (clap), as for `report::Format`.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A loaded, compiled rule.
pub struct Rule {
    /// Shared with every finding of the rule, as are `help` and document paths.
    pub id: Arc<str>,
    pub category: Category,
    pub severity: Severity,
    /// Points one finding costs (negative: a bonus).
    pub weight: f64,
    pub description: String,
    pub message: String,
    pub help: Option<Arc<str>>,
    pub kind: &'static str,
    pub check: Compiled,
    /// Where the rule came from: `builtin:quotes/x.yaml` or a file path.
    pub origin: String,
    /// The rule file's text, for the rule-set hash and `rules explain`.
    pub source: String,
    /// Examples the rule must flag and must pass (`factlint rules test`).
    pub tests: Option<spec::RuleTests>,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Per-category caps on the points a document can lose (or gain).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    #[serde(default)]
    pub caps: BTreeMap<Category, f64>,
    /// How many findings of one rule count in one document's score (the costliest);
    /// absent: all of them.
    #[serde(default)]
    pub findings_per_rule: Option<usize>,
}

impl Scoring {
    pub fn findings_per_rule(&self) -> usize {
        self.findings_per_rule.unwrap_or(usize::MAX)
    }
}

/// All rules of a run, sorted by id.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Users' data files from `--rules` directories (`data/people.yaml`), by path
    /// relative to the directory, in directory order.
    pub user_data: BTreeMap<String, Vec<String>>,
    /// The data extraction reads: the shipped data files with the users' added
    /// (shared by the one-rule sets `rules test` makes).
    pub lexicons: std::sync::Arc<crate::extract::lexicons::Lexicons>,
    pub scoring: Scoring,
    /// SHA-256 over the rule files, sorted by id (hex).
    pub hash: String,
}

/// The hash of a rule set with the rules of another (hashed `added`) joined to it.
pub fn combined_hash(hash: &str, added: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(hash.as_bytes());
    h.update([0]);
    h.update(added.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl RuleSet {
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.id == id)
    }

    pub fn needs(&self) -> crate::extract::Needs {
        self.rules
            .iter()
            .fold(crate::extract::Needs::NONE, |n, r| n.union(r.check.needs()))
    }
}
