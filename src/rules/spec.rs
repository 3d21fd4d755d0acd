//! The YAML shape of a rule file and the `path:line:column` errors it produces.
//! serde_yaml calls are confined here, to config and to front matter.

use super::{Category, Severity};
use crate::checks::CheckSpec;
use crate::yaml::{locate, parse_yaml, with_hint, SpecError};
use serde::Deserialize;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
