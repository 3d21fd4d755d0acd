//! `duration_drift`: "in the last eight years" that does not match the date the
//! period started and the publication date.

use super::date_conflict::sentence_of;
use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::extract::dates::{Amount, DateValue, Unit};
use crate::extract::{DateMention, Needs, TimexType};
use crate::time::{civil_from_days, Precision};
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
A period counted back from the present (\"in the last eight years\", \"for the past
six months\", \"over the past decade\") against the date the text gives for its start,
stated with \"since\" in the same sentence or after a verb of beginning in the
previous one (\"was founded in March 2015\"), and the publication date.

## Why it matters
Articles are updated and republished; a count of years copied from an older version
no longer adds up.

## Flagged
Published 2023: \"The company was founded in March 2015. In the last five years it
has tripled in size.\" (2015 to 2023 is eight years.)

## Not flagged
\"… founded in March 2015. In the last eight years it has tripled in size.\"

## Params
- `tolerance` (default 1): how many units (years or months) the count may be off.";

pub const PLACEHOLDERS: &[&str] = &["text", "start", "expected"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "one")]
    pub tolerance: i64,
}

fn one() -> i64 {
    1
}

pub struct DurationDrift {
    tolerance: i64,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.tolerance < 0 {
        return Err(CompileError::new("tolerance", "must not be negative"));
    }
    Ok(Compiled::Doc(Box::new(DurationDrift {
        tolerance: p.tolerance,
    })))
}

/// A whole number of years or months ("eight years" → (8, 'Y')); decades count as
/// years.
fn amount(value: &DateValue) -> Option<(i64, char)> {
    let DateValue::Duration { n: Amount::N(n), unit } = *value else { return None };
    if n.fract() != 0.0 {
        return None;
    }
    let n = n as i64;
    match unit {
        Unit::Year => Some((n, 'Y')),
        Unit::Month => Some((n, 'M')),
        Unit::Decade => Some((n * 10, 'Y')),
        _ => None,
    }
}

/// The word that ends just before byte `at` (skipping spaces).
fn word_before(text: &str, at: usize) -> &str {
    let before = text.get(..at).unwrap_or("").trim_end();
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    before.get(start..).unwrap_or("")
}

/// The sentence tells of something beginning: "was founded", "took office".
fn begins(sentence: &str) -> bool {
    const VERBS: &[&str] = &[
        "founded", "established", "launched", "began", "begun", "started", "created", "opened",
        "formed", "took office", "became", "joined", "arrived", "moved", "elected", "set up",
    ];
    let lower = sentence.to_ascii_lowercase();
    VERBS.iter().any(|v| lower.contains(v))
}

/// A period that runs up to the present: "the last …", "the past …".
fn counts_back(doc_text: &str, m: &DateMention) -> bool {
    let text = m.span.slice(doc_text).to_ascii_lowercase();
    text.starts_with("the last ") || text.starts_with("the past ")
}

impl DocCheck for DurationDrift {
    fn needs(&self) -> Needs {
        Needs::DATES
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let Some(published) = doc.metadata.published else { return };
        let (py, pm) = (published.year, published.month.unwrap_or(6));
        for (i, m) in cx.facts.dates.iter().enumerate() {
            if m.kind != TimexType::Duration
                || !counts_back(&doc.text, m)
                || !doc.in_body(m.span.start)
            {
                continue;
            }
            let Some((n, unit)) = amount(&m.value) else { continue };
            let Some(sentence) = sentence_of(doc, m.span) else { continue };
            // The start: the nearest stated year or month before it, introduced by
            // "since" in this sentence, or by "in" after a verb of beginning in the
            // sentence before ("was founded in March 2015.").
            let previous = doc.sentences.iter().rev().find(|s| s.span.end <= sentence.start);
            let start = cx.facts.dates[..i].iter().rev().find(|d| {
                // A month, season, quarter, half or year.
                let calendar = !d.relative
                    && d.value.granule().is_some_and(|g| (Precision::Month..=Precision::Year).contains(&g.precision()));
                let word = word_before(&doc.text, d.span.start as usize);
                let linked = if d.span.start >= sentence.start {
                    word.eq_ignore_ascii_case("since")
                } else {
                    previous.is_some_and(|p| {
                        d.span.start >= p.span.start
                            && (word.eq_ignore_ascii_case("in") || word.eq_ignore_ascii_case("since"))
                            && begins(p.span.slice(&doc.text))
                    })
                };
                calendar && linked
            });
            let Some(start) = start else { continue };
            let Some((first, _)) = start.days else { continue };
            let (sy, sm, _) = civil_from_days(first);
            let months = i64::from(py - sy) * 12 + i64::from(pm) - i64::from(sm);
            let (expected, tolerance) = match unit {
                'Y' if start.value.granule().is_some_and(|g| g.precision() == Precision::Year) => {
                    (i64::from(py - sy), self.tolerance)
                }
                'Y' => (months.div_euclid(12), self.tolerance),
                _ => (months, self.tolerance.max(1) * 2),
            };
            if months < 0 || (expected - n).abs() <= tolerance {
                continue;
            }
            let unit_name = if unit == 'Y' { "years" } else { "months" };
            out.push(
                Hit::new(m.span)
                    .var("text", m.span.slice(&doc.text))
                    .var("start", start.span.slice(&doc.text))
                    .var("expected", format!("{expected} {unit_name}"))
                    .related(doc.id, start.span),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_before_handles_multibyte_text() {
        assert_eq!(word_before("founded in ", 11), "in");
        assert_eq!(word_before("it’s since", "it’s since".len()), "since");
        assert_eq!(word_before("’’", 3), "");
        assert_eq!(word_before("", 0), "");
    }
}
