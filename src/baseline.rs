//! Baselines: a record of the findings a team has accepted, so that adopting factlint
//! on an existing archive reports only what is new.
//!
//! Findings are matched by path and fingerprint (rule + normalised flagged text +
//! occurrence index of that pair in the file), never by line, so edits elsewhere in a
//! document — lines inserted above a finding — do not make it new. Baselined findings
//! are hidden from the report but still count in the score (CONTRACT.md).

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

const VERSION: u32 = 1;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One accepted finding. `text` is for the people who review the file; matching uses
/// `path` and `fingerprint` only.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    pub text: String,
}

impl Baseline {
    /// Every finding given, sorted so the file diffs well.
    pub fn from_findings<'a>(findings: impl Iterator<Item = &'a Finding>) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .map(|f| Entry {
                path: f.location.path.to_string(),
                rule: f.rule.to_string(),
                fingerprint: f.fingerprint.to_string(),
                text: crate::finding::excerpt(
                    &f.location.text,
                    crate::doc::Span::new(0, f.location.text.len()),
                    80,
                ),
            })
            .collect();
        entries.sort();
        entries.dedup();
        Baseline {
            version: VERSION,
            findings: entries,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn from_json(path: &str, text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text)
            .map_err(|e| format!("{path}: not a factlint baseline: {e}"))?;
        if b.version != VERSION {
            return Err(format!(
                "{path}: baseline version {} is not supported (expected {VERSION})",
                b.version
            ));
        }
        Ok(b)
    }

    /// Marks the findings this baseline holds; returns how many were marked.
    pub fn apply(&self, findings: &mut [Finding]) -> usize {
        let known: BTreeSet<(&str, &str)> = self
            .findings
            .iter()
            .map(|e| (e.path.as_str(), e.fingerprint.as_str()))
            .collect();
        let mut marked = 0;
        for f in findings.iter_mut() {
            let fingerprint = f.fingerprint.to_string();
            if known.contains(&(&*f.location.path, fingerprint.as_str())) {
                f.baselined = true;
                marked += 1;
            }
        }
        marked
    }
}
