//! Findings: a hit joined with its rule, located in its file.

use crate::doc::{DocId, Span};
use crate::rules::{Category, Severity};
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// A location in a document as reported: raw-file offsets plus line and column.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Location {
    pub path: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule: Arc<str>,
    pub category: Category,
    pub severity: Severity,
    #[serde(skip)]
    pub doc: DocId,
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
    /// What this finding does to the score (penalties negative).
    pub points: f64,
    pub fingerprint: Fingerprint,
    pub related: Vec<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Arc<str>>,
    /// Hidden by a baseline: still counted in the score, not shown.
    #[serde(skip)]
    pub baselined: bool,
    /// The inline suppressions that cover it (a suppressed finding is not scored).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Applied>,
}

/// An inline suppression that covers a finding, as reports show it (SARIF's
/// `suppressions`, kind `inSource`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Applied {
    pub kind: &'static str,
    /// Where the directive is.
    pub line: u32,
    pub column: u32,
    /// The reason written after ` -- `.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<Arc<str>>,
}

impl Finding {
    /// Sort key: `(path, start, end, rule, message)`, as ruff sorts after its
    /// parallel pass; output then never depends on the thread count.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.location.path,
            self.location.start,
            self.location.end,
            &self.rule,
            &self.message,
        )
    }
}

/// Fills `{name}` placeholders; unknown names were rejected when the rule loaded.
pub fn render_message(template: &str, vars: &[(&'static str, String)], text: &str) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None if name == "text" => out.push_str(text),
                    None => {}
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Normalised flagged text for fingerprints: lower case, single spaces.
pub fn normalise(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stable id of a finding: rule + normalised text + occurrence index of that pair
/// in the file. Survives edits elsewhere in the file, unlike line numbers. Reports
/// and baselines write it as 16 hex digits; it is kept as a number, findings being
/// the bulk of a large run's memory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u64);

impl Fingerprint {
    pub fn new(rule: &str, normalised_text: &str, occurrence: usize) -> Fingerprint {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(rule.as_bytes());
        h.update([0]);
        h.update(normalised_text.as_bytes());
        h.update([0]);
        h.update(occurrence.to_le_bytes());
        let digest = h.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        Fingerprint(u64::from_be_bytes(first))
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Excerpt of `text` around `span` for display, at most `max` characters.
pub fn excerpt(text: &str, span: Span, max: usize) -> String {
    let s = span.slice(text);
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_fingerprints() {
        let vars = vec![("speaker", "Ann".to_string())];
        assert_eq!(
            render_message("Quote by {speaker}: {text}", &vars, "x"),
            "Quote by Ann: x"
        );
        assert_eq!(render_message("no close {", &vars, ""), "no close {");
        assert_eq!(normalise(" A\n b "), "a b");
        assert_ne!(Fingerprint::new("r", "a", 0), Fingerprint::new("r", "a", 1));
        assert_eq!(Fingerprint::new("r", "a", 0).to_string().len(), 16);
        assert_eq!(Fingerprint(0xab).to_string(), "00000000000000ab");
    }
}
