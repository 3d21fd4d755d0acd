//! `factlint.yaml`: the configuration file, and how it is resolved.
//!
//! Three types, as ruff has: [`ConfigFile`] is the file as written (every key
//! optional, unknown keys rejected with `file:line:column`); [`Settings::merge`] lays
//! one layer over another; [`Settings`] is the result. Layers, lowest first: built-in
//! defaults, the nearest `factlint.yaml` in the current directory or its parents
//! (skipped with `--isolated`), `--config FILE`, then the command-line flags, which the
//! CLI turns into one more `ConfigFile`.

use crate::finding::Finding;
use crate::report::Format;
use crate::rules::{RuleSet, Severity};
use crate::yaml::{closest, parse_yaml, SpecError};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name looked for in the current directory and its parents.
pub const FILE_NAME: &str = crate::corpus::CONFIG_FILE_NAME;

/// `factlint.yaml` as written.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "factlint.yaml")]
pub struct ConfigFile {
    /// Extra rule directories, relative to the file's folder. Accumulate across layers;
    /// a nested file's add rules for the documents under it only.
    #[serde(default)]
    pub rule_dirs: Option<Vec<PathBuf>>,
    /// Whether the built-in rules are loaded (top file only).
    #[serde(default)]
    pub default_rules: Option<bool>,
    /// Rule ids or globs to run (default: every rule).
    #[serde(default)]
    pub enable: Option<Vec<String>>,
    /// Rule ids or globs not to run; wins over `enable`.
    #[serde(default)]
    pub disable: Option<Vec<String>>,
    /// Per rule id or glob: severity and weight overrides.
    #[serde(default)]
    pub rules: Option<BTreeMap<String, RuleOverride>>,
    /// Globs of files to check when walking directories (default: all).
    #[serde(default)]
    pub include: Option<Vec<String>>,
    /// Globs of files to skip when walking directories.
    #[serde(default)]
    pub exclude: Option<Vec<String>>,
    /// Exit 1 when a document scores below this (a nested file's: a document under it).
    #[serde(default, deserialize_with = "score_threshold_field")]
    #[schemars(range(min = 0, max = 100))]
    pub fail_under: Option<f64>,
    /// Exit 1 when a finding is at or above this severity (a nested file's: a finding
    /// in a document under it).
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// The default output format (top file only).
    #[serde(default)]
    pub format: Option<Format>,
}

/// A rule's severity and weight, set for an id or a glob of ids.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleOverride {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "weight_field"
    )]
    #[schemars(range(min = -100, max = 100))]
    pub weight: Option<f64>,
}

/// A `fail_under` score: 0 to 100, the range scores take. NaN is refused (it would
/// compare false with every score, so the gate would never fire).
pub fn score_threshold(v: f64) -> Result<f64, String> {
    if (0.0..=100.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "{v} is not a score threshold: expected a number from 0 to 100"
        ))
    }
}

/// `--fail-under` as clap parses it.
pub fn parse_score_threshold(s: &str) -> Result<f64, String> {
    score_threshold(s.trim().parse::<f64>().map_err(|e| format!("{s:?}: {e}"))?)
}

fn score_threshold_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_f64(Checked("fail_under", score_threshold))
        .map(Some)
}

/// A weight override: finite and within what a rule file may set (-100 to 100).
fn weight_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let weight = |v: f64| {
        if v.is_finite() && v.abs() <= 100.0 {
            Ok(v)
        } else {
            Err(format!(
                "{v} is not a weight: expected a number between -100 and 100"
            ))
        }
    };
    d.deserialize_f64(Checked("weight", weight)).map(Some)
}

/// A number checked while it is read, so that serde_yaml places the error at the
/// value (a check after deserialising loses the position).
struct Checked<F>(&'static str, F);

impl<F: Fn(f64) -> Result<f64, String>> serde::de::Visitor<'_> for Checked<F> {
    type Value = f64;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a number for `{}`", self.0)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<f64, E> {
        // serde_yaml puts the key path in front of the message.
        (self.1)(v).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<f64, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<f64, E> {
        self.visit_f64(v as f64)
    }
}

#[derive(Debug)]
pub enum ConfigError {
    Read { path: String, message: String },
    Spec(SpecError),
    Invalid(Vec<String>),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Read { path, message } => write!(f, "{path}: {message}"),
            ConfigError::Spec(e) => write!(f, "{e}"),
            ConfigError::Invalid(lines) => write!(f, "{}", lines.join("\n")),
        }
    }
}

impl std::error::Error for ConfigError {}

/// One configuration layer: its values, where they came from, and the folder its
/// relative paths and file globs are relative to.
#[derive(Clone, Debug)]
pub struct Layer {
    pub config: ConfigFile,
    /// `default`, a config file's path, or `command line`.
    pub origin: String,
    pub base: PathBuf,
    /// The file's text, to place errors about rule ids it names.
    pub text: Option<String>,
}

impl Layer {
    /// Reads and parses a configuration file. `shown` is how the path is displayed.
    pub fn read(path: &Path, shown: &str) -> Result<Layer, ConfigError> {
        let text = crate::rules::load::read_text(path)
            .map_err(|(at, message)| ConfigError::Spec(SpecError::at(shown, at, message)))?;
        // A file of comments only (what `factlint init` starts from) sets nothing.
        let config = if text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            ConfigFile::default()
        } else {
            parse_yaml(shown, &text).map_err(|e| ConfigError::Spec(e.with_context(&text)))?
        };
        let base = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(Layer {
            config,
            origin: shown.to_string(),
            base: if base.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                base
            },
            text: Some(text),
        })
    }

    /// Command-line flags as the top layer.
    pub fn command_line(config: ConfigFile) -> Layer {
        Layer {
            config,
            origin: "command line".into(),
            base: PathBuf::from("."),
            text: None,
        }
    }
}

/// The nearest `factlint.yaml` in `dir` or its parents, shown relative to `dir`
/// (`factlint.yaml`, `../factlint.yaml`, …).
pub fn discover(dir: &Path) -> Option<(PathBuf, String)> {
    let mut shown = String::new();
    for ancestor in dir.ancestors() {
        let candidate = ancestor.join(FILE_NAME);
        if candidate.is_file() {
            return Some((candidate, format!("{shown}{FILE_NAME}")));
        }
        shown.push_str("../");
    }
    None
}

/// The resolved configuration.
#[derive(Clone, Debug)]
pub struct Settings {
    pub rule_dirs: Vec<PathBuf>,
    pub default_rules: bool,
    pub enable: Vec<String>,
    pub disable: Vec<String>,
    pub overrides: BTreeMap<String, RuleOverride>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// The folder `include`/`exclude` globs are relative to.
    pub files_base: PathBuf,
    pub fail_under: Option<f64>,
    pub fail_on: Severity,
    pub format: Format,
    /// Where each key's value came from (`rules.<id>` for overrides).
    pub origins: BTreeMap<String, String>,
    /// The folder of the first configuration file read (the nearest
    /// `factlint.yaml`, else `--config`): baseline paths are relative to it. `None`:
    /// the working directory.
    pub root: Option<PathBuf>,
    /// Texts of the configuration files read, to place errors.
    sources: Vec<(String, String)>,
    /// `rule_dirs` entries that reach outside the folder they are relative to, and
    /// how: `factlint config` says so, since their rules are not the project's own.
    outside: Vec<String>,
    /// `rule_dirs` entries of a configuration file that name no folder, placed in
    /// the file ([`Settings::check_rule_dirs`]).
    missing_dirs: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rule_dirs: Vec::new(),
            default_rules: true,
            enable: vec!["*".into()],
            disable: Vec::new(),
            overrides: BTreeMap::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            files_base: PathBuf::from("."),
            fail_under: None,
            fail_on: Severity::Error,
            format: Format::Table,
            origins: BTreeMap::new(),
            root: None,
            sources: Vec::new(),
            outside: Vec::new(),
            missing_dirs: Vec::new(),
        }
    }
}

/// The keys `factlint config` prints, in order.
const KEYS: &[&str] = &[
    "rule_dirs",
    "default_rules",
    "enable",
    "disable",
    "rules",
    "include",
    "exclude",
    "fail_under",
    "fail_on",
    "format",
];

impl Settings {
    /// Defaults with `layers` merged over them in order.
    pub fn resolve(layers: Vec<Layer>) -> Settings {
        let mut s = Settings::default();
        for layer in layers {
            s.merge(layer);
        }
        s
    }

    /// Lays `layer` over the current values: set keys replace, except `rule_dirs`,
    /// which add up (a `--rules` flag adds to the house rules, as it adds to the
    /// built-ins), and `rules`, which merges rule by rule.
    pub fn merge(&mut self, layer: Layer) {
        let Layer {
            config: c,
            origin,
            base,
            text,
        } = layer;
        let set = |key: &str, origins: &mut BTreeMap<String, String>| {
            origins.insert(key.to_string(), origin.clone());
        };
        if let Some(dirs) = c.rule_dirs {
            for d in &dirs {
                let written = d.to_string_lossy();
                if let (Some(text), false) = (&text, join(&base, d).is_dir()) {
                    let (line, column) = position_of(text, &written).unwrap_or((1, 1));
                    self.missing_dirs.push(format!(
                        "{origin}:{line}:{column}: rule_dirs: `{written}` is not a folder"
                    ));
                }
                if let Some(how) = reaches_outside(&base, d) {
                    self.outside.push(format!(
                        "{} ({origin}) {how}",
                        serde_json::json!(d.to_string_lossy().replace('\\', "/"))
                    ));
                }
            }
            self.rule_dirs
                .extend(dirs.into_iter().map(|d| join(&base, &d)));
            let previous = self.origins.get("rule_dirs").cloned();
            let joined = match previous {
                Some(p) if p != origin => format!("{p}, {origin}"),
                _ => origin.clone(),
            };
            self.origins.insert("rule_dirs".into(), joined);
        }
        if let Some(v) = c.default_rules {
            self.default_rules = v;
            set("default_rules", &mut self.origins);
        }
        if let Some(v) = c.enable {
            self.enable = v;
            set("enable", &mut self.origins);
        }
        if let Some(v) = c.disable {
            self.disable = v;
            set("disable", &mut self.origins);
        }
        if let Some(rules) = c.rules {
            for (id, o) in rules {
                set(&format!("rules.{id}"), &mut self.origins);
                let entry = self.overrides.entry(id).or_default();
                if o.severity.is_some() {
                    entry.severity = o.severity;
                }
                if o.weight.is_some() {
                    entry.weight = o.weight;
                }
            }
        }
        if c.include.is_some() || c.exclude.is_some() {
            self.files_base = base.clone();
        }
        if let Some(v) = c.include {
            self.include = v;
            set("include", &mut self.origins);
        }
        if let Some(v) = c.exclude {
            self.exclude = v;
            set("exclude", &mut self.origins);
        }
        if let Some(v) = c.fail_under {
            self.fail_under = Some(v);
            set("fail_under", &mut self.origins);
        }
        if let Some(v) = c.fail_on {
            self.fail_on = v;
            set("fail_on", &mut self.origins);
        }
        if let Some(v) = c.format {
            self.format = v;
            set("format", &mut self.origins);
        }
        if let Some(text) = text {
            self.root.get_or_insert(base);
            self.sources.push((origin, text));
        }
    }

    /// Where a value came from: a layer's origin or `default`.
    pub fn origin(&self, key: &str) -> &str {
        self.origins.get(key).map_or("default", String::as_str)
    }

    /// `path:line:column` of the first mention of `needle` in a configuration file.
    fn place(&self, needle: &str) -> String {
        for (path, text) in &self.sources {
            if let Some((line, column)) = position_of(text, needle) {
                return format!("{path}:{line}:{column}");
            }
        }
        "command line".into()
    }

    /// Refuses `rule_dirs` entries of configuration files that name no folder, at
    /// their place in the file (the rule loader could only name the folder).
    pub fn check_rule_dirs(&self) -> Result<(), ConfigError> {
        if self.missing_dirs.is_empty() {
            Ok(())
        } else {
            Err(ConfigError::Invalid(self.missing_dirs.clone()))
        }
    }

    /// Drops disabled rules and applies severity and weight overrides. An id that
    /// names no rule, or a glob that matches none, is an error with a suggestion:
    /// `--enable 'zzz.*'` would otherwise run nothing and pass, `--disable 'qoutes.*'`
    /// would do nothing.
    pub fn apply(&self, set: &mut RuleSet) -> Result<(), ConfigError> {
        self.apply_keeping(set, |_| false)
    }

    /// [`Settings::apply`], keeping as well the rules `keep` names (enabled by a
    /// nested configuration for its folder).
    pub fn apply_keeping(
        &self,
        set: &mut RuleSet,
        keep: impl Fn(&str) -> bool,
    ) -> Result<(), ConfigError> {
        let ids: Vec<String> = set.rules.iter().map(|r| r.id.to_string()).collect();
        self.check_rule_patterns(&ids)?;
        let filter = self.rule_filter()?;
        set.rules.retain(|r| filter.enables(&r.id) || keep(&r.id));
        for r in &mut set.rules {
            (r.severity, r.weight) = filter.severity_and_weight(&r.id, r.severity, r.weight);
        }
        if !self.overrides.is_empty() {
            // The hash names the rule set a report came from; overrides change it.
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            h.update(set.hash.as_bytes());
            for (p, o) in &self.overrides {
                h.update(format!("\0{p}\0{:?}\0{:?}", o.severity, o.weight).as_bytes());
            }
            set.hash = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        }
        Ok(())
    }

    /// Every `enable`, `disable` and `rules` pattern that names none of `ids`, as an
    /// error placed in the file that set it.
    pub fn check_rule_patterns(&self, ids: &[String]) -> Result<(), ConfigError> {
        let mut errors = Vec::new();
        let mut check = |key: &str, pattern: &str| {
            // `*` is the default and matches whatever rules there are.
            if pattern == "*" || matches_any(pattern, ids) {
                return;
            }
            let what = if is_glob(pattern) {
                format!("`{pattern}` matches no rule")
            } else {
                format!("unknown rule `{pattern}`")
            };
            errors.push(format!(
                "{}: {key}: {what}{}",
                self.place(pattern),
                did_you_mean(pattern, ids)
            ));
        };
        for p in &self.enable {
            check("enable", p);
        }
        for p in &self.disable {
            check("disable", p);
        }
        for p in self.overrides.keys() {
            check("rules", p);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ConfigError::Invalid(errors))
        }
    }

    /// Which rules run and with what severity and weight.
    pub fn rule_filter(&self) -> Result<RuleFilter, ConfigError> {
        let invalid = |e: String| ConfigError::Invalid(vec![e]);
        // Globs first, then exact ids, so `quotes.*: info` plus `quotes.x: error` gives
        // quotes.x error whatever the order in the file.
        let mut ordered: Vec<(&String, &RuleOverride)> = self.overrides.iter().collect();
        ordered.sort_by_key(|(p, _)| !is_glob(p));
        let overrides = ordered
            .into_iter()
            .map(|(pattern, o)| {
                Glob::new(pattern)
                    .map(|g| (g.compile_matcher(), o.clone()))
                    .map_err(|e| invalid(format!("{}: rules: {e}", self.place(pattern))))
            })
            .collect::<Result<_, _>>()?;
        Ok(RuleFilter {
            enable: id_globs(&self.enable).map_err(invalid)?,
            disable: id_globs(&self.disable).map_err(invalid)?,
            overrides,
        })
    }

    /// The file filter for directory walks.
    pub fn file_filter(&self) -> Result<FileFilter, ConfigError> {
        let build = |patterns: &[String]| -> Result<Option<GlobSet>, ConfigError> {
            if patterns.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for p in patterns {
                // A pattern without `/` matches a file name at any depth (gitignore).
                let full = if p.contains('/') {
                    p.trim_start_matches("./").to_string()
                } else {
                    format!("**/{p}")
                };
                let glob = GlobBuilder::new(&full)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| ConfigError::Invalid(vec![format!("{}: {e}", self.place(p))]))?;
                b.add(glob);
            }
            b.build()
                .map(Some)
                .map_err(|e| ConfigError::Invalid(vec![e.to_string()]))
        };
        Ok(FileFilter {
            base: absolute(&self.files_base),
            include: build(&self.include)?,
            exclude: build(&self.exclude)?,
            // Rule files are not articles (`check .` in a folder that holds them).
            skipped: self.rule_dirs.iter().map(|d| absolute(d)).collect(),
        })
    }

    /// The resolved configuration as YAML, each key followed by where it came from.
    pub fn describe(&self) -> String {
        let json = |v: serde_json::Value| v.to_string();
        let mut lines = vec![
            "# factlint configuration as resolved; layers, lowest first:".to_string(),
            "# default < factlint.yaml (nearest) < --config FILE < command line".to_string(),
        ];
        for key in KEYS {
            let value = match *key {
                "rule_dirs" => json(serde_json::json!(self
                    .rule_dirs
                    .iter()
                    .map(|d| d.to_string_lossy().replace('\\', "/"))
                    .collect::<Vec<_>>())),
                "default_rules" => json(self.default_rules.into()),
                "enable" => json(serde_json::json!(self.enable)),
                "disable" => json(serde_json::json!(self.disable)),
                "rules" if !self.overrides.is_empty() => {
                    lines.push("rules:".into());
                    for (id, o) in &self.overrides {
                        lines.push(format!(
                            "  {}: {}  # {}",
                            json(id.as_str().into()),
                            json(serde_json::to_value(o).unwrap_or_default()),
                            self.origin(&format!("rules.{id}"))
                        ));
                    }
                    continue;
                }
                "rules" => "{}".into(),
                "include" => json(serde_json::json!(self.include)),
                "exclude" => json(serde_json::json!(self.exclude)),
                "fail_under" => json(serde_json::json!(self.fail_under)),
                "fail_on" => self.fail_on.as_str().to_string(),
                "format" => self.format.name().to_string(),
                _ => unreachable!("KEYS lists the keys above"),
            };
            lines.push(format!("{key}: {value}  # {}", self.origin(key)));
            if *key == "rule_dirs" {
                lines.extend(self.outside.iter().map(|o| format!("#   {o}")));
            }
        }
        lines.join("\n") + "\n"
    }
}

/// Which rules run, and the severity and weight overrides, of one configuration.
#[derive(Clone, Debug)]
pub struct RuleFilter {
    enable: GlobSet,
    disable: GlobSet,
    /// Globs before exact ids: later entries win.
    overrides: Vec<(globset::GlobMatcher, RuleOverride)>,
}

impl RuleFilter {
    pub fn enables(&self, id: &str) -> bool {
        self.enable.is_match(id) && !self.disable.is_match(id)
    }

    /// A rule's severity and weight once the overrides are applied.
    pub fn severity_and_weight(
        &self,
        id: &str,
        severity: Severity,
        weight: f64,
    ) -> (Severity, f64) {
        let (mut severity, mut weight) = (severity, weight);
        for (_, o) in self.overrides.iter().filter(|(g, _)| g.is_match(id)) {
            severity = o.severity.unwrap_or(severity);
            weight = o.weight.unwrap_or(weight);
        }
        (severity, weight)
    }
}

/// The thresholds one document's findings and score are held to, and where each
/// was set (`default`, a file, `command line`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gate<'a> {
    pub fail_under: Option<f64>,
    pub fail_on: Severity,
    pub fail_under_from: &'a str,
    pub fail_on_from: &'a str,
}

impl Settings {
    /// The thresholds these settings hold documents to.
    pub fn gate(&self) -> Gate<'_> {
        Gate {
            fail_under: self.fail_under,
            fail_on: self.fail_on,
            fail_under_from: self.origin("fail_under"),
            fail_on_from: self.origin("fail_on"),
        }
    }
}

/// A `factlint.yaml` below the top one, applied to the documents in its folder.
#[derive(Debug)]
pub struct FolderConfig {
    /// As shown in messages.
    pub shown: String,
    pub settings: Settings,
    pub rules: RuleFilter,
    pub files: FileFilter,
    /// Its own `rule_dirs` (not those of `--config` or `--rules`, which every
    /// folder has): their rules run on the documents of this folder only.
    pub own_rule_dirs: Vec<PathBuf>,
}

/// Nested configuration files: each document takes the closest `factlint.yaml`
/// among its folders (as ruff does), laid under `--config` and the command line;
/// documents whose closest file is the top one (or none) take the top settings.
#[derive(Debug, Default)]
pub struct Folders {
    /// The top configuration file (absolute), found from the working directory.
    top: Option<PathBuf>,
    /// `--config` and the command line, laid over each nested file.
    upper: Vec<Layer>,
    pub configs: Vec<FolderConfig>,
    /// Folder (absolute) → index in `configs` of its closest nested file, if any.
    closest: BTreeMap<PathBuf, Option<usize>>,
    /// Documents (as reported) that a nested file applies to.
    documents: std::collections::HashMap<String, usize>,
    /// Rules that only nested files' `rule_dirs` hold: id → the configs (indexes in
    /// `configs`) whose documents they run on.
    folder_rules: BTreeMap<String, Vec<usize>>,
}

impl Folders {
    pub fn new(top: Option<&Path>, upper: Vec<Layer>) -> Folders {
        Folders {
            top: top.map(absolute),
            upper,
            ..Folders::default()
        }
    }

    /// The nested configuration for a document at `path`, loading it on first use.
    pub fn closest(&mut self, path: &Path) -> Result<Option<usize>, ConfigError> {
        let file = absolute(path);
        let mut walked = Vec::new();
        let mut found = None;
        for dir in file.ancestors().skip(1) {
            if let Some(&known) = self.closest.get(dir) {
                found = known;
                break;
            }
            walked.push(dir.to_path_buf());
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                if self.top.as_deref() != Some(candidate.as_path()) {
                    found = Some(self.load(&candidate)?);
                }
                break;
            }
        }
        for dir in walked {
            self.closest.insert(dir, found);
        }
        Ok(found)
    }

    /// Records which configuration applies to the document reported as `shown`.
    pub fn assign(&mut self, shown: &str, path: &Path) -> Result<(), ConfigError> {
        if let Some(i) = self.closest(path)? {
            self.documents.insert(shown.to_string(), i);
        }
        Ok(())
    }

    /// The thresholds for the document reported as `shown`: those its nested file
    /// (or `--config` and the flags over it) sets, and the top configuration's
    /// where it sets none, so that a folder file written to tune rules never opens
    /// the gate.
    pub fn gate<'a>(&'a self, shown: &str, top: &'a Settings) -> Gate<'a> {
        let mut gate = top.gate();
        if let Some(&i) = self.documents.get(shown) {
            let folder = self.configs[i].settings.gate();
            if folder.fail_under_from != "default" {
                (gate.fail_under, gate.fail_under_from) =
                    (folder.fail_under, folder.fail_under_from);
            }
            if folder.fail_on_from != "default" {
                (gate.fail_on, gate.fail_on_from) = (folder.fail_on, folder.fail_on_from);
            }
        }
        gate
    }

    /// The configuration in effect for a document at `path` (a folder: for the
    /// documents in it), as `check` applies it: its closest nested file's settings,
    /// with `--config` and the flags over them and the run-wide keys, and any
    /// threshold the file leaves unset, taken from `top`; else `top` itself. Also
    /// how the nested file is shown, if there is one.
    pub fn effective(
        &mut self,
        path: &Path,
        top: &Settings,
    ) -> Result<(Settings, Option<String>), ConfigError> {
        let probe = if path.is_dir() {
            path.join(FILE_NAME)
        } else {
            path.to_path_buf()
        };
        let Some(i) = self.closest(&probe)? else {
            return Ok((top.clone(), None));
        };
        let folder = &self.configs[i];
        let mut s = folder.settings.clone();
        // The top's rule directories and the folder's own.
        s.rule_dirs = top.rule_dirs.clone();
        s.rule_dirs.extend(folder.own_rule_dirs.iter().cloned());
        if !folder.own_rule_dirs.is_empty() {
            let origin = match top.origins.get("rule_dirs") {
                Some(o) => format!("{o}, {}", folder.shown),
                None => folder.shown.clone(),
            };
            s.origins.insert("rule_dirs".into(), origin);
        }
        s.default_rules = top.default_rules;
        s.format = top.format;
        let mut from_top = vec!["default_rules", "format"];
        if folder.own_rule_dirs.is_empty() {
            from_top.push("rule_dirs");
        }
        if s.origin("fail_under") == "default" {
            s.fail_under = top.fail_under;
            from_top.push("fail_under");
        }
        if s.origin("fail_on") == "default" {
            s.fail_on = top.fail_on;
            from_top.push("fail_on");
        }
        for key in from_top {
            match top.origins.get(key) {
                Some(origin) => s.origins.insert(key.to_string(), origin.clone()),
                None => s.origins.remove(key),
            };
        }
        s.root.clone_from(&top.root);
        s.outside.clone_from(&top.outside);
        Ok((s, Some(folder.shown.clone())))
    }

    /// Records that rule `id`, from config `i`'s own rule directories, runs on the
    /// documents of that folder only.
    pub fn add_folder_rule(&mut self, id: &str, i: usize) {
        self.folder_rules.entry(id.to_string()).or_default().push(i);
    }

    /// Gives each finding its folder's rules: drops those of rules its configuration
    /// does not enable (the run holds the rules any folder enables) and sets the
    /// severity and points of its overrides. `top` is the top configuration's filter,
    /// `original` each rule's severity and weight as loaded, `rules` the run's rules.
    pub fn apply_to_findings(
        &self,
        findings: &mut Vec<Finding>,
        top: &RuleFilter,
        original: &BTreeMap<String, (Severity, f64)>,
        rules: &RuleSet,
    ) {
        if self.configs.is_empty() {
            return;
        }
        let run_weight: BTreeMap<&str, f64> =
            rules.rules.iter().map(|r| (&*r.id, r.weight)).collect();
        findings.retain_mut(|f| {
            let folder_of = self.documents.get(&*f.location.path).copied();
            if let Some(folders) = self.folder_rules.get(&*f.rule) {
                if !folder_of.is_some_and(|i| folders.contains(&i)) {
                    return false;
                }
            }
            let Some(i) = folder_of else {
                return top.enables(&f.rule);
            };
            let folder = &self.configs[i].rules;
            if !folder.enables(&f.rule) {
                return false;
            }
            let Some(&(severity, weight)) = original.get(&*f.rule) else {
                return true;
            };
            let (severity, weight) = folder.severity_and_weight(&f.rule, severity, weight);
            let ran_with = run_weight.get(&*f.rule).copied().unwrap_or(weight);
            // The hit's own scale (e.g. the share of unsourced claims) is kept.
            let scale = if ran_with == 0.0 {
                1.0
            } else {
                -f.points / ran_with
            };
            f.severity = severity;
            f.points = -(weight * scale * 100.0).round() / 100.0 + 0.0;
            true
        });
    }

    fn load(&mut self, path: &Path) -> Result<usize, ConfigError> {
        let shown =
            crate::corpus::display(path.strip_prefix(absolute(Path::new("."))).unwrap_or(path));
        let layer = Layer::read(path, &shown)?;
        let c = &layer.config;
        // Why each run-wide key cannot vary by folder.
        let run_wide = [
            (
                "default_rules",
                c.default_rules.is_some(),
                "a run loads one set of built-in rules",
            ),
            ("format", c.format.is_some(), "a run writes one report"),
        ];
        // What a nested file may set: every key but the run-wide ones.
        let folder_keys: Vec<&str> = KEYS
            .iter()
            .copied()
            .filter(|k| !run_wide.iter().any(|(key, ..)| key == k))
            .collect();
        let text = layer.text.clone().unwrap_or_default();
        let errors: Vec<String> = run_wide
            .iter()
            .filter(|(_, set, _)| *set)
            .map(|(key, _, why)| {
                let (line, column) = crate::yaml::locate(&text, key);
                format!(
                    "{shown}:{line}:{column}: `{key}` applies to the whole run ({why}): set \
                     it in the top factlint.yaml (a nested one sets {})",
                    folder_keys.join(", ")
                )
            })
            .collect();
        if !errors.is_empty() {
            return Err(ConfigError::Invalid(errors));
        }
        // Shown, like the file, relative to the working directory.
        let here = absolute(Path::new("."));
        let own_rule_dirs = c
            .rule_dirs
            .iter()
            .flatten()
            .map(|d| {
                let dir = absolute(&join(&layer.base, d));
                dir.strip_prefix(&here)
                    .map_or(dir.clone(), Path::to_path_buf)
            })
            .collect();
        let mut layers = vec![layer];
        layers.extend(self.upper.iter().cloned());
        let settings = Settings::resolve(layers);
        settings.check_rule_dirs()?;
        self.configs.push(FolderConfig {
            shown,
            rules: settings.rule_filter()?,
            files: settings.file_filter()?,
            settings,
            own_rule_dirs,
        });
        Ok(self.configs.len() - 1)
    }
}

/// Which walked files are checked.
#[derive(Clone, Debug, Default)]
pub struct FileFilter {
    base: PathBuf,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    /// Files and folders a walk never checks: the rule directories, the baseline.
    skipped: Vec<PathBuf>,
}

impl FileFilter {
    /// Whether `path` is a rule file or the baseline, never an article.
    pub fn skips(&self, path: &Path) -> bool {
        let abs = absolute(path);
        self.skipped.iter().any(|s| abs.starts_with(s))
    }

    /// Leaves `path` (a file or a folder) out of directory walks.
    pub fn skip(&mut self, path: &Path) {
        self.skipped.push(absolute(path));
    }

    /// Whether a file found by walking a directory is checked. `path` is as walked
    /// (relative to the current directory or absolute); globs match it relative to
    /// the configuration file's folder.
    pub fn keeps(&self, path: &Path) -> bool {
        if self.skips(path) {
            return false;
        }
        let abs = absolute(path);
        let rel = abs.strip_prefix(&self.base).unwrap_or(path);
        self.include.as_ref().is_none_or(|g| g.is_match(rel))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(rel))
    }
}

fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?', '[', '{'])
}

/// Whether a rule id or glob names at least one of `ids`. A glob that does not
/// compile counts as matching: its own error is reported where it is compiled.
fn matches_any(pattern: &str, ids: &[String]) -> bool {
    if !is_glob(pattern) {
        return ids.iter().any(|id| id == pattern);
    }
    Glob::new(pattern)
        .map(|g| g.compile_matcher())
        .map_or(true, |m| ids.iter().any(|id| m.is_match(id)))
}

/// ` (did you mean `x`?)` for a rule id or glob that names no rule: the closest id,
/// or for a glob, the closest `group.*`.
pub fn did_you_mean(pattern: &str, ids: &[String]) -> String {
    let groups: std::collections::BTreeSet<String> = ids
        .iter()
        .filter_map(|id| id.split_once('.').map(|(g, _)| format!("{g}.*")))
        .collect();
    let candidates: Vec<&str> = if is_glob(pattern) {
        groups.iter().chain(ids).map(String::as_str).collect()
    } else {
        ids.iter().map(String::as_str).collect()
    };
    closest(pattern, candidates.into_iter())
        .map(|h| format!(" (did you mean `{h}`?)"))
        .unwrap_or_default()
}

fn id_globs(patterns: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| format!("rule pattern `{p}`: {e}"))?);
    }
    b.build().map_err(|e| e.to_string())
}

/// Line and column (1-based, characters) of the first `needle` in `text`.
fn position_of(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        line.find(needle)
            .map(|col| (i + 1, line[..col].chars().count() + 1))
    })
}

/// How a `rule_dirs` entry, relative to `base`, reaches outside `base`: an absolute
/// path, a `..` that climbs out, or a symbolic link that leads out.
fn reaches_outside(base: &Path, dir: &Path) -> Option<&'static str> {
    if dir.is_absolute() {
        return Some("is an absolute path, outside the project");
    }
    let mut depth = 0usize;
    for part in dir.components() {
        match part {
            std::path::Component::ParentDir if depth == 0 => {
                return Some("leaves the folder it is relative to");
            }
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    let (Ok(root), Ok(target)) = (base.canonicalize(), base.join(dir).canonicalize()) else {
        return None;
    };
    (!target.starts_with(root))
        .then_some("leads outside the folder it is relative to through a symbolic link")
}

fn join(base: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() || base == Path::new(".") {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

/// `path` made absolute against the current directory, with `.` and `..` removed
/// lexically (the files need not exist).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Where the JSON Schema of `factlint.yaml` lives, relative to the repository.
pub const SCHEMA_PATH: &str = "docs/schema/factlint.schema.json";

/// The JSON Schema of `factlint.yaml`, from the type that reads it.
pub fn schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(ConfigFile)).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(yaml: &str, origin: &str) -> Layer {
        Layer {
            config: parse_yaml(origin, yaml).unwrap(),
            origin: origin.into(),
            base: PathBuf::from("."),
            text: Some(yaml.into()),
        }
    }

    #[test]
    fn nan_and_out_of_range_thresholds_are_refused_with_their_place() {
        for (yaml, at) in [
            ("format: line\nfail_under: .nan\n", "f.yaml:2:"),
            ("fail_under: 101\n", "f.yaml:1:"),
            ("fail_under: -1\n", "f.yaml:1:"),
            ("rules:\n  x.y: { weight: .inf }\n", "f.yaml:2:"),
        ] {
            let e = parse_yaml::<ConfigFile>("f.yaml", yaml)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(at), "{yaml:?}: {e}");
        }
        let ok: ConfigFile = parse_yaml("f.yaml", "fail_under: 60\n").unwrap();
        assert_eq!(ok.fail_under, Some(60.0));
        assert!(parse_score_threshold("NaN").is_err());
        assert!(parse_score_threshold("100.5").is_err());
        assert_eq!(parse_score_threshold("0"), Ok(0.0));
    }

    #[test]
    fn later_layers_win_and_rule_dirs_add_up() {
        let s = Settings::resolve(vec![
            layer("rule_dirs: [a]\nfail_on: warning\nformat: json\n", "f1"),
            layer(
                "rule_dirs: [b]\nformat: line\nrules: {x.y: {weight: 2}}\n",
                "f2",
            ),
        ]);
        assert_eq!(s.rule_dirs, vec![PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(s.fail_on, Severity::Warning);
        assert_eq!(s.format, Format::Line);
        assert_eq!(s.origin("format"), "f2");
        assert_eq!(s.origin("fail_on"), "f1");
        assert_eq!(s.origin("rule_dirs"), "f1, f2");
        assert_eq!(s.origin("enable"), "default");
        assert_eq!(s.overrides["x.y"].weight, Some(2.0));
    }

    #[test]
    fn unknown_keys_are_placed() {
        let e =
            parse_yaml::<ConfigFile>("factlint.yaml", "format: json\nfail_undr: 3\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(
            e.message.contains("did you mean `fail_under`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn file_globs_match_names_at_any_depth_and_paths_from_the_base() {
        let s = Settings {
            include: vec!["*.md".into()],
            exclude: vec!["drafts/**".into()],
            ..Settings::default()
        };
        let f = s.file_filter().unwrap();
        assert!(f.keeps(Path::new("news/a.md")));
        assert!(!f.keeps(Path::new("news/a.txt")));
        assert!(!f.keeps(Path::new("drafts/b.md")));
    }
}
