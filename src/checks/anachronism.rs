//! `anachronism`: events reported as past but dated after the publication date, and
//! works cited with a year after it.

use super::date_conflict::sentence_of;
use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::Span;
use crate::extract::dates::citations;
use crate::extract::Needs;
use crate::time::Precision;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
In a document with a stated publication date:
- an absolute date (to the month or day) after that date in a sentence that reports it as past (\"was\",
  \"said\", a verb in -ed) and does not look ahead (\"will\", \"is expected\", \"scheduled\");
- an author–year citation (\"Smith (2027)\") with a year after the publication year.

## Why it matters
An article cannot report what had not happened when it was written: the date is
wrong, or the publication date is.

## Flagged
Published 2023-05-01: \"The ministers met on June 3, 2023.\"

## Not flagged
\"The ministers will meet on June 3, 2023.\"; relative expressions (resolved against
the publication date, they cannot fall after it unless the text says so).

## Params
- `grace_days` (default 0): how many days after the publication date to allow
  (time zones, late edits).";

pub const PLACEHOLDERS: &[&str] = &["text", "published"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default)]
    pub grace_days: i64,
}

pub struct Anachronism {
    grace_days: i64,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.grace_days < 0 {
        return Err(CompileError::new("grace_days", "must not be negative"));
    }
    Ok(Compiled::Doc(Box::new(Anachronism {
        grace_days: p.grace_days,
    })))
}

const FUTURE: &[&str] = &[
    "will", "would", "shall", "expected", "scheduled", "plans", "planned", "due", "upcoming", "to be", "next", "until", "by ",
];
const PAST_AUXILIARIES: &[&str] = &["was", "were", "had", "did"];
const IRREGULAR_PAST: &[&str] = &["said", "met", "took", "held"];
/// Before a participle these make a present passive, which news uses for schedules
/// ("the winners are crowned on 2 March").
const PRESENT_BE: &[&str] = &["is", "are", "am", "be", "being"];

/// The clause before the date, lower-cased.
fn clause_of(before: &str) -> String {
    before.rsplit([',', ';']).next().unwrap_or(before).to_ascii_lowercase()
}

/// The clause before the date looks ahead ("will", "is expected", "scheduled").
pub(super) fn looks_ahead(before: &str) -> bool {
    let padded = format!(" {} ", clause_of(before));
    FUTURE.iter().any(|w| padded.contains(w))
}

/// The clause before the date reports something as done ("for June 5" schedules it).
pub(super) fn reported_as_past(before: &str) -> bool {
    let clause = clause_of(before);
    if clause.trim_end().ends_with(" for") || looks_ahead(before) {
        return false;
    }
    let words: Vec<&str> = clause
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, word)| {
        let participle = IRREGULAR_PAST.contains(word) || (word.len() > 4 && word.ends_with("ed"));
        let present_passive = i > 0 && PRESENT_BE.contains(&words[i - 1]);
        PAST_AUXILIARIES.contains(word) || (participle && !present_passive)
    })
}

impl DocCheck for Anachronism {
    fn needs(&self) -> Needs {
        Needs::DATES
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let Some(published) = doc.metadata.published else { return };
        let limit = published.last_day() + self.grace_days;
        for m in &cx.facts.dates {
            let Some((first, _)) = m.days else { continue };
            // Years alone are too often forward-looking names ("the 2016 race").
            if m.relative
                || m.value.granule().is_none_or(|g| g.precision() >= Precision::Year)
                || first <= limit
                || !doc.in_body(m.span.start)
            {
                continue;
            }
            let Some(sentence) = sentence_of(doc, m.span) else { continue };
            let before = Span::new(sentence.start as usize, m.span.start as usize).slice(&doc.text);
            if reported_as_past(before) {
                out.push(
                    Hit::new(m.span)
                        .var("text", m.span.slice(&doc.text))
                        .var("published", published.to_string()),
                );
            }
        }
        for c in citations(&doc.text, doc.body) {
            if c.year > published.year {
                out.push(
                    Hit::new(c.span)
                        .var("text", c.span.slice(&doc.text))
                        .var("published", published.to_string()),
                );
            }
        }
    }
}
