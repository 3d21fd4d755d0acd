//! `event_date_conflict`: the same event dated differently in two documents.

use super::date_conflict::{calendar_days, dated_event};
use super::{CompileError, Compiled, CorpusCheck, CorpusContext, CorpusHit, Hit};
use crate::doc::{DocId, Span};
use crate::extract::dates::events::EventKey;
use crate::extract::Needs;
use serde::Deserialize;
use std::collections::BTreeMap;

pub const DOCS: &str = "\
## What it checks
Two documents that date the same event differently, at the same precision. An event
is keyed on its participants (most of the smaller cast in common, at least two
names), its action (\"met\", \"meeting\", \"talks\" are one) and its place, which both
sentences must state; a sentence with two dates is not keyed. Two leaders meeting in
two cities, or a yearly conference in two years, are different events; the same
leaders meeting in the same city on March 16 in one article and March 18 in another
are one event with two dates. Only dates written with a number count (\"today\" is
each report's own day).

## Why it matters
When sources disagree on a date, at least one of them is wrong, and a reader who
sees both cannot tell which.

## Flagged
a.md: \"Kishida and Yoon met in Tokyo on March 16, 2023.\"
b.md: \"Kishida and Yoon held talks in Tokyo on March 18, 2023.\"

## Not flagged
\"Kishida and Yoon met in Seoul on May 7, 2023.\" (another meeting); \"the 2016
Shangri-La Dialogue\" and \"the 2025 Shangri-La Dialogue\" (another year).

## Params
- `max_days_apart` (default 300): further apart than this, two dates are taken as
  two occurrences of a recurring event.";

pub const PLACEHOLDERS: &[&str] = &["text", "other", "other_date"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_days")]
    pub max_days_apart: i64,
}

fn default_days() -> i64 {
    300
}

pub struct EventDateConflict {
    max_days_apart: i64,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.max_days_apart < 1 {
        return Err(CompileError::new("max_days_apart", "must be at least 1"));
    }
    Ok(Compiled::Corpus(Box::new(EventDateConflict {
        max_days_apart: p.max_days_apart,
    })))
}

struct Dated {
    doc: DocId,
    span: Span,
    key: EventKey,
    days: (i64, i64),
    value: String,
}

impl CorpusCheck for EventDateConflict {
    fn needs(&self) -> Needs {
        Needs::DATES
    }

    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        // Bucketed by place (every match needs the same stated place) and by kind of
        // action, then sorted by date: only dates within `max_days_apart` of each
        // other in one bucket are ever compared.
        let mut buckets: BTreeMap<(&'static str, String), Vec<Dated>> = BTreeMap::new();
        for (doc, facts) in cx.docs.iter().zip(cx.facts) {
            let spans: Vec<Span> = facts.dates.iter().map(|m| m.span).collect();
            for m in &facts.dates {
                // Only dates written out with a day or year number: "today" and
                // "Tuesday" in two reports are each report's own day.
                let written = m.span.slice(&doc.text).bytes().any(|b| b.is_ascii_digit());
                let Some(days) = calendar_days(m).filter(|_| written) else { continue };
                let Some((key, _)) = dated_event(doc, &facts.dates, &spans, m) else {
                    continue;
                };
                let Some(place) = key.place.clone() else { continue };
                // "meet" and "gathering" can name one event; nothing else mixes.
                let group = if key.action == "gathering" { "meet" } else { key.action };
                buckets.entry((group, place)).or_default().push(Dated {
                    doc: doc.id,
                    span: m.span,
                    key,
                    days,
                    value: m.value.clone(),
                });
            }
        }
        for dated in buckets.values_mut() {
            dated.sort_by_key(|d| (d.days.0, d.doc, d.span.start));
            for a in dated.iter().filter(|a| cx.reported(a.doc)) {
                let from = dated.partition_point(|b| b.days.0 < a.days.0 - self.max_days_apart);
                let conflict = dated[from..]
                    .iter()
                    .take_while(|b| b.days.0 <= a.days.0 + self.max_days_apart)
                    .find(|b| {
                        b.doc != a.doc
                            && a.value.len() == b.value.len()
                            && !(a.days.0 <= b.days.1 && b.days.0 <= a.days.1)
                            && a.key.same_event(&b.key)
                    });
                if let Some(b) = conflict {
                    let doc = &cx.docs[a.doc.0 as usize];
                    let hit = Hit::new(a.span)
                        .var("text", a.span.slice(&doc.text))
                        .var("other", cx.docs[b.doc.0 as usize].path.clone())
                        .var("other_date", b.value.clone())
                        .related(b.doc, b.span);
                    out.push(CorpusHit { doc: a.doc, hit });
                }
            }
        }
    }
}
