//! The YAML shape of a rule file and the `path:line:column` errors it produces.
//! serde_yaml calls are confined here, to config and to front matter.

use super::{Category, Severity};
use crate::checks::CheckSpec;
use serde::Deserialize;
use std::fmt;

/// A rule file (`rules/<group>/<name>.yaml`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "factlint rule file")]
pub struct RuleSpec {
    /// `<group>.<file name>`, e.g. `quotes.unknown-speaker`.
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    /// Points one finding costs (negative: a bonus).
    #[schemars(range(min = -100, max = 100))]
    pub weight: f64,
    /// One line: what the rule finds.
    pub description: String,
    /// The finding's message; `{placeholders}` of the check kind.
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    /// The check kind and its parameters (docs/check-kinds.md).
    #[schemars(with = "CheckSchema")]
    pub check: CheckSpec,
    /// Examples the rule must flag and must pass (`factlint rules test`).
    #[serde(default)]
    pub tests: Option<RuleTests>,
}

fn enabled_by_default() -> bool {
    true
}

/// The schema of `check`: one `{kind, params}` shape per check kind, `params`
/// typed by the kind's `Params` type (names, value types, enum values, whether a
/// parameter may be left out), so that an editor validates parameters as factlint
/// does; `compile`'s further checks (a regex, a range) stay factlint's.
struct CheckSchema;

impl schemars::JsonSchema for CheckSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Check".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let kinds: Vec<serde_json::Value> = crate::checks::params_schemas()
            .into_iter()
            .map(|(kind, params)| {
                serde_json::json!({
                    "type": "object",
                    "properties": {
                        "kind": { "const": kind },
                        "params": params
                    },
                    "required": ["kind"],
                    "additionalProperties": false
                })
            })
            .collect();
        schemars::json_schema!({
            "description": "The check kind and its parameters (docs/check-kinds.md)",
            "oneOf": kinds
        })
    }
}

/// Examples the rule must flag and must pass (`factlint rules test`).
#[derive(Debug, Default, Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleTests {
    #[serde(default)]
    pub flag: Vec<String>,
    #[serde(default)]
    pub pass: Vec<String>,
}

/// A problem in a rule or configuration file, at a position.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SpecError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The line before and the line at fault, with a caret (vale's E201 style).
    pub context: Option<String>,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )?;
        if let Some(context) = &self.context {
            write!(f, "\n{context}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecError {}

/// The longest line of source shown under an error.
const CONTEXT_CHARS: usize = 160;

impl SpecError {
    pub fn at(path: &str, (line, column): (usize, usize), message: impl Into<String>) -> Self {
        SpecError {
            path: path.to_string(),
            line,
            column,
            message: message.into(),
            context: None,
        }
    }

    /// Adds the line before and the line at fault, with a caret (vale's E201 style).
    pub fn with_context(mut self, text: &str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let Some(at) = self.line.checked_sub(1).filter(|&i| i < lines.len()) else {
            return self;
        };
        let width = self.line.to_string().len();
        // A line of 100,000 brackets is shown by its start only.
        let lines: Vec<String> = lines
            .iter()
            .map(|l| match l.char_indices().nth(CONTEXT_CHARS) {
                Some((cut, _)) => format!("{}…", &l[..cut]),
                None => l.to_string(),
            })
            .collect();
        let mut out = String::new();
        if at > 0 {
            out.push_str(&format!("{:>width$} | {}\n", at, lines[at - 1]));
        }
        out.push_str(&format!("{:>width$} | {}\n", self.line, lines[at]));
        let caret_at = lines[at]
            .chars()
            .take(self.column.saturating_sub(1))
            .count();
        out.push_str(&format!("{:>width$} | {}^", "", " ".repeat(caret_at)));
        self.context = Some(out);
        self
    }
}

/// The keys a rule file must have.
const REQUIRED: &[&str] = &[
    "id",
    "category",
    "severity",
    "weight",
    "description",
    "message",
    "check",
];

/// Parses a rule file, reporting every error in it, not only serde's first: when
/// the whole file does not deserialise, each top-level key is deserialised on its
/// own (the other lines blanked, so positions stay those of the file), and each
/// required key that is absent is an error too. A file that is not YAML at all
/// has the one syntax error.
pub fn parse_rule(path: &str, text: &str) -> Result<RuleSpec, Vec<SpecError>> {
    let first = match parse_yaml::<RuleSpec>(path, text) {
        Ok(spec) => return Ok(spec),
        Err(e) => e,
    };
    let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str::<serde_yaml::Value>(text)
    else {
        return Err(vec![first]);
    };
    let mut errors: Vec<SpecError> = top_level_blocks(text)
        .into_iter()
        .filter_map(|block| parse_yaml::<RuleSpec>(path, &block).err())
        // Alone, a block lacks the other keys: that is not its error.
        .filter(|e| !e.message.starts_with("missing field"))
        .collect();
    if let Some(params) = errors
        .iter()
        .find(|e| e.message.starts_with("check.params"))
        .cloned()
    {
        errors.extend(other_param_errors(path, text, &map, &params));
    }
    for key in REQUIRED {
        // A misspelt key is one mistake: its "did you mean" says what is missing.
        let misspelt = format!("(did you mean `{key}`?)");
        if !map.contains_key(*key) && !errors.iter().any(|e| e.message.ends_with(&misspelt)) {
            errors.push(SpecError::at(
                path,
                (1, 1),
                format!("missing field `{key}`"),
            ));
        }
    }
    if errors.is_empty() {
        errors.push(first);
    }
    errors.sort();
    errors.dedup();
    Err(errors)
}

/// The errors of `check.params` beyond `first`, the one serde stops at: each
/// parameter is deserialised alone (a lone one lacks the others, which is not its
/// error), and an error is placed at its key, the first after the `params:` line.
fn other_param_errors(
    path: &str,
    text: &str,
    map: &serde_yaml::Mapping,
    first: &SpecError,
) -> Vec<SpecError> {
    use serde_yaml::Value;
    let check = map.get("check").and_then(Value::as_mapping);
    let (Some(kind), Some(params)) = (
        check.and_then(|c| c.get("kind")),
        check
            .and_then(|c| c.get("params"))
            .and_then(Value::as_mapping),
    ) else {
        return Vec::new();
    };
    let params_line = locate(text, "params").0;
    let mut errors = Vec::new();
    for (key, value) in params {
        let Some(name) = key.as_str() else {
            continue;
        };
        let prefix = format!("check.params.{name}");
        if first.message.starts_with(&format!("{prefix}:"))
            || first.message.contains(&format!("unknown field `{name}`"))
        {
            continue;
        }
        let mut alone = serde_yaml::Mapping::new();
        alone.insert("kind".into(), kind.clone());
        alone.insert(
            "params".into(),
            Value::Mapping([(key.clone(), value.clone())].into_iter().collect()),
        );
        let Err(e) = serde_yaml::from_value::<CheckSpec>(Value::Mapping(alone)) else {
            continue;
        };
        let message = e.to_string();
        if message.contains("missing field") {
            continue;
        }
        let message = match message.split_once(": ") {
            // serde_yaml names the path (`params.x: …`) when it knows it.
            Some((at, rest)) if at.starts_with("params") => {
                format!("check.{at}: {}", with_hint(rest.to_string()))
            }
            _ => format!("{prefix}: {}", with_hint(message)),
        };
        let (line, column) = locate_after(text, params_line, name);
        errors.push(SpecError::at(path, (line, column), message));
    }
    errors
}

/// A serde message with a "did you mean" for a misspelt field or variant.
fn with_hint(mut message: String) -> String {
    if let Some(hint) = did_you_mean(&message) {
        message.push_str(&format!(" (did you mean `{hint}`?)"));
    }
    message
}

/// [`locate`] of `key` from line `from` (1-based) on: a parameter's key below its
/// `params:` line, not a rule key of the same name above it.
fn locate_after(text: &str, from: usize, key: &str) -> (usize, usize) {
    let skipped = from.saturating_sub(1);
    let rest: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i < skipped { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    locate(&rest, key)
}

/// Each top-level `key:` of a block-style YAML mapping with the lines that follow
/// it, every other line left empty so that line numbers are the file's.
fn top_level_blocks(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && !matches!(c, '#' | '-' | '{' | '['))
                && l.contains(':')
        })
        .map(|(i, _)| i)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = starts.get(n + 1).copied().unwrap_or(lines.len());
            let mut block = "\n".repeat(start);
            for line in &lines[start..end] {
                block.push_str(line);
                block.push('\n');
            }
            block
        })
        .collect()
}

/// The parameter names a check kind's `Params` type accepts, read from the type
/// itself: serde lists the expected fields when it meets an unknown one.
pub fn param_names(kind: &str) -> Vec<String> {
    let probe = format!("kind: {kind}\nparams: {{ __factlint_probe__: 0 }}\n");
    let Err(e) = serde_yaml::from_str::<CheckSpec>(&probe) else {
        return Vec::new();
    };
    let message = e.to_string();
    let Some((_, expected)) = message.split_once("expected ") else {
        return Vec::new();
    };
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// A rule file's `check` read again without the parameters `left_out`; `None` when it no longer reads (a parameter left out was
/// required).
pub fn check_without(text: &str, left_out: &[&str]) -> Option<CheckSpec> {
    let mut value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let check = value.get_mut("check")?;
    if let Some(params) = check.get_mut("params").and_then(|p| p.as_mapping_mut()) {
        for key in left_out {
            params.remove(*key);
        }
    }
    serde_yaml::from_value(check.clone()).ok()
}

/// Whether a rule file's `check.params` sets `key`.
pub fn sets_param(text: &str, key: &str) -> bool {
    serde_yaml::from_str::<serde_yaml::Value>(text)
        .ok()
        .and_then(|v| v.get("check")?.get("params")?.get(key).cloned())
        .is_some()
}

/// A rule's `check.params` as YAML, for `rules explain` (`None`: no params).
pub fn params_yaml(source: &str) -> Option<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(source).ok()?;
    let params = value.get("check")?.get("params")?;
    serde_yaml::to_string(params).ok()
}

/// Parses a YAML document into `T`, turning serde errors into positioned messages
/// with a "did you mean" for misspelt fields and variants.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, SpecError> {
    if let Err((line, column, message)) = check_yaml_shape(text, MAX_YAML_BYTES) {
        return Err(SpecError::at(path, (line, column), message));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the position is already in front.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        SpecError {
            path: path.to_string(),
            line,
            column,
            message: with_hint(message),
            context: None,
        }
    })
}

/// The largest rule file or factlint.yaml read: real ones are a few KB.
pub const MAX_YAML_BYTES: usize = 1 << 20;
/// The deepest nesting accepted: rule files, configs and front matter need a few
/// levels, and the YAML parser's time grows fast with depth (a line of 100,000
/// `[` took it most of a minute to refuse).
pub const MAX_YAML_DEPTH: usize = 32;

/// Refuses YAML too large or too deeply nested before the parser sees it; the error
/// is placed at the line and column where the limit is crossed. Depth counts open
/// flow brackets (`[`, `{`) and, on each line, the indentation and the block
/// sequence dashes (`- - - x`) before its content. Brackets inside quoted strings
/// count too: an upper bound is all a cap needs.
pub fn check_yaml_shape(text: &str, max_bytes: usize) -> Result<(), (usize, usize, String)> {
    if text.len() > max_bytes {
        return Err((
            1,
            1,
            format!(
                "{} bytes of YAML, over the limit of {max_bytes}; not parsed",
                text.len()
            ),
        ));
    }
    let too_deep = |line: usize, column: usize| {
        Err((
            line,
            column,
            format!("YAML nested more than {MAX_YAML_DEPTH} levels deep; not parsed"),
        ))
    };
    let mut flow: usize = 0;
    for (i, line) in text.lines().enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let mut block = indent / 2;
        let mut at = indent;
        while bytes.get(at) == Some(&b'-') && matches!(bytes.get(at + 1), Some(b' ') | None) {
            block += 1;
            at += 2;
        }
        if block > MAX_YAML_DEPTH {
            return too_deep(i + 1, at.min(line.len()) + 1);
        }
        for (col, &b) in bytes.iter().enumerate() {
            crate::adversarial::step(1);
            match b {
                b'#' if col == 0 || bytes[col - 1] == b' ' => break,
                b'[' | b'{' => {
                    flow += 1;
                    if block + flow > MAX_YAML_DEPTH {
                        return too_deep(i + 1, line[..col].chars().count() + 1);
                    }
                }
                b']' | b'}' => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
    }
    Ok(())
}

/// From "unknown field `sevrity`, expected one of `a`, `b`", the closest candidate.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message
        .split_once("unknown field `")
        .or_else(|| message.split_once("unknown variant `"))?
        .1;
    let (bad, rest) = rest.split_once('`')?;
    let candidates = rest.split('`').skip(1).step_by(2);
    closest(bad, candidates)
}

/// The candidate most like `word`, if any is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

/// Line and column (1-based) of the first `key:` in a YAML text, to place errors that
/// serde cannot (a bad regex inside params, a duplicate id): a key that starts a
/// line, else one inside a flow mapping (`params: { key: … }`).
pub fn locate(text: &str, key: &str) -> (usize, usize) {
    let is_key =
        |rest: &str| rest.starts_with(key) && rest[key.len()..].trim_start().starts_with(':');
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start().trim_start_matches("- ");
        if is_key(trimmed) {
            return (i + 1, line.len() - line.trim_start().len() + 1);
        }
    }
    for (i, line) in text.lines().enumerate() {
        let mut after_opener = line.match_indices(['{', ',']).map(|(at, _)| at + 1);
        let found = after_opener.find_map(|at| {
            let rest = &line[at..];
            let start = at + rest.len() - rest.trim_start().len();
            is_key(&line[start..]).then_some(start)
        });
        if let Some(start) = found {
            return (i + 1, line[..start].chars().count() + 1);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let m = "unknown field `sevrity`, expected one of `id`, `severity`, `weight`";
        assert_eq!(did_you_mean(m).as_deref(), Some("severity"));
        assert_eq!(did_you_mean("invalid type: string"), None);
    }

    #[test]
    fn deep_or_large_yaml_is_refused_before_parsing() {
        let deep = format!("a: {}", "[".repeat(100_000));
        let e = parse_yaml::<serde_yaml::Value>("r.yaml", &deep).unwrap_err();
        assert_eq!((e.line, e.column), (1, 4 + MAX_YAML_DEPTH));
        assert!(e.message.contains("nested"), "{}", e.message);
        let dashes = "- ".repeat(50_000);
        assert!(parse_yaml::<serde_yaml::Value>("r.yaml", &dashes).is_err());
        let big = "# x\n".repeat(MAX_YAML_BYTES / 4 + 1);
        assert!(parse_yaml::<serde_yaml::Value>("r.yaml", &big)
            .unwrap_err()
            .message
            .contains("over the limit"));
        let fine = "a: [1, {b: [2]}] # [[[[\nc:\n  - - x\n";
        assert!(parse_yaml::<serde_yaml::Value>("r.yaml", fine).is_ok());
    }

    #[test]
    fn every_error_of_a_rule_file_is_reported() {
        let text = "id: x.y\ncategory: quotez\nseverity: eror\nweight: lots\n\
                    description: d\nmesage: m\ncheck:\n  kind: pattern\n  params: { phrases: [TK] }\n";
        let errors = parse_rule("r.yaml", text).unwrap_err();
        let found: Vec<(usize, usize, &str)> = errors
            .iter()
            .map(|e| (e.line, e.column, e.message.split(':').next().unwrap_or("")))
            .collect();
        assert_eq!(
            found,
            [
                (2, 11, "category"),
                (3, 11, "severity"),
                (4, 9, "weight"),
                (6, 1, "unknown field `mesage`, expected one of `id`, `category`, `severity`, `weight`, `description`, `message`, `help`, `enabled`, `check`, `tests` (did you mean `message`?)"),
            ],
            "{errors:#?}"
        );
        let syntax = parse_rule("r.yaml", "id: [x\nseverity: eror\n").unwrap_err();
        assert_eq!(syntax.len(), 1, "{syntax:?}");
    }

    #[test]
    fn locates_keys() {
        assert_eq!(
            locate("id: x\ncheck:\n  params:\n    regex: \"(\"\n", "regex"),
            (4, 5)
        );
        let flow = "id: x\ncheck:\n  params: { min_score: 0.5, free_share: .nan }\n";
        assert_eq!(locate(flow, "free_share"), (3, 29));
        assert_eq!(locate(flow, "min_score"), (3, 13));
        assert_eq!(locate(flow, "share"), (1, 1));
    }
}
