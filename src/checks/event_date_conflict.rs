//! `event_date_conflict`: the same event dated differently in two documents.

use super::{CompileError, Compiled, CorpusCheck, CorpusContext, CorpusHit, Hit};
use crate::doc::DocId;
use crate::extract::Needs;
use crate::index::events::DatedEvent;
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

/// The same window parameter as the in-document rule.
pub use super::date_conflict::Params;

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

impl CorpusCheck for EventDateConflict {
    fn needs(&self) -> Needs {
        Needs::DATES
    }

    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        // Bucketed by place (every match needs the same stated place) and by kind of
        // action, then sorted by date: only dates within `max_days_apart` of each
        // other in one bucket are ever compared.
        let mut buckets: BTreeMap<(&str, &str), Vec<(DocId, &DatedEvent)>> = BTreeMap::new();
        for (doc, e) in &cx.index.events {
            let Some(place) = e.key.place.as_deref() else { continue };
            // "meet" and "gathering" can name one event; nothing else mixes.
            let group = match e.key.action.as_str() {
                "gathering" => "meet",
                action => action,
            };
            buckets.entry((group, place)).or_default().push((*doc, e));
        }
        for dated in buckets.values_mut() {
            dated.sort_by_key(|(doc, e)| (e.days.0, *doc, e.span.start));
            for &(doc, a) in dated.iter().filter(|(doc, _)| cx.reported(*doc)) {
                let from = dated.partition_point(|(_, b)| b.days.0 < a.days.0 - self.max_days_apart);
                let conflict = dated[from..]
                    .iter()
                    .take_while(|(_, b)| b.days.0 <= a.days.0 + self.max_days_apart)
                    .find(|&&(other, b)| {
                        other != doc
                            && a.date.precision() == b.date.precision()
                            && !(a.days.0 <= b.days.1 && b.days.0 <= a.days.1)
                            && a.key.same_event(&b.key)
                    });
                if let Some(&(other, b)) = conflict {
                    let hit = Hit::new(a.span)
                        .var("text", a.text.clone())
                        .var("other", cx.index.docs[other.0 as usize].path.clone())
                        .var("other_date", b.date.timex())
                        .related(other, b.span);
                    out.push(CorpusHit { doc, hit });
                }
            }
        }
    }
}
