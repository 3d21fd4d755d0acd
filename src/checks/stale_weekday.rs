//! `stale_weekday`: a weekday still to come in copy that its own past weekdays show
//! was written days before its publication date, so that the day had passed by then.

use super::anachronism::{looks_ahead, reported_as_past};
use super::date_conflict::{sentence_of, WEEKDAYS};
use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::Span;
use crate::extract::dates::{Anchor, Tense};
use crate::extract::{DateMention, Needs};
use crate::time::{civil_from_days, weekday, Granule};
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
In a document dated to the day: a bare weekday in a clause that looks ahead (\"She
will visit the ministry on Thursday.\") when the latest weekday the story reports as
past (\"met the president on Wednesday\") falls two or more days before the
publication date, and the next such weekday after that past day comes before the
publication date. Written on the Wednesday, \"Thursday\" meant the next day; on the
publication date it has passed, and a reader takes it for the Thursday to come.

## Why it matters
Copy filed on one day and published days later keeps its \"on Thursday\": readers
are sent to an event that is already over, or to the wrong week.

## Flagged
Dated Friday 2026-03-06: \"The envoy met the president on Tuesday. She will visit
the port on Wednesday.\" (written on the Tuesday, the visit was on 2026-03-04).

## Not flagged
A story dated Monday that says only \"She will speak on Thursday.\"; a story whose
past weekdays reach its publication date or the day before (\"said on Thursday\" in
a Friday story); weekdays written with their date, or with \"last\" or \"next\".

## Params
- `max_days_late` (default 3): the furthest the latest past weekday may lie before
  the publication date for the story to be read as filed that day; further back, a
  weekday is as likely to be last week's.";

pub const PLACEHOLDERS: &[&str] = &["text", "problem"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_days_late")]
    pub max_days_late: i64,
}

fn default_days_late() -> i64 {
    3
}

pub struct StaleWeekday {
    max_days_late: i64,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if !(2..=6).contains(&p.max_days_late) {
        return Err(CompileError::new("max_days_late", "must be from 2 to 6"));
    }
    Ok(Compiled::Doc(Box::new(StaleWeekday {
        max_days_late: p.max_days_late,
    })))
}

fn day_name(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!(
        "{} {y:04}-{m:02}-{d:02}",
        WEEKDAYS[usize::from(weekday(day) - 1)]
    )
}

/// The weekday ends a name ("Super Tuesday", "Black Friday"): the word before it,
/// not the first of its sentence, is capitalised. `before` is the sentence up to it.
fn in_name(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let (Some(previous), Some(_)) = (words.next(), words.next()) else {
        return false;
    };
    previous.starts_with(char::is_uppercase)
}

impl DocCheck for StaleWeekday {
    fn needs(&self) -> Needs {
        Needs::DATES
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let Some(published) = doc.metadata.published.filter(|p| p.day.is_some()) else {
            return;
        };
        let published = published.first_day();
        // The text before a mention, from the start of its sentence.
        let before = |span: Span| {
            sentence_of(doc, span)
                .map(|s| Span::new(s.start as usize, span.start as usize).slice(&doc.text))
        };
        // Bare weekdays placed by the stated publication date, with their day.
        let weekdays: Vec<_> = cx
            .facts
            .dates
            .iter()
            .filter(|m| m.named_weekday.is_some() && m.anchor == Some(Anchor::Publication))
            .filter(|m| doc.in_body(m.span.start) && !before(m.span).is_some_and(in_name))
            .filter_map(|m| match m.value.granule() {
                Some(Granule::Day(day)) => Some((m, day)),
                _ => None,
            })
            .collect();
        // The story was written no earlier than the latest day it reports as past.
        let Some(&(past, written)) = weekdays
            .iter()
            .filter(|(m, _)| {
                m.tense == Tense::Past
                    || m.tense == Tense::Unknown && before(m.span).is_some_and(reported_as_past)
            })
            .max_by_key(|(_, day)| *day)
        else {
            return;
        };
        if !(2..=self.max_days_late).contains(&(published - written)) {
            return;
        }
        let ahead_of_writing =
            |m: &DateMention| m.tense == Tense::Future && before(m.span).is_some_and(looks_ahead);
        for &(m, _) in weekdays.iter().filter(|(m, _)| ahead_of_writing(m)) {
            let Some(wd) = m.named_weekday else { continue };
            let ahead = (i64::from(wd) - i64::from(weekday(written))).rem_euclid(7);
            let meant = written + ahead;
            // The same weekday as the writing day is that day or a week on: unknown.
            if ahead == 0 || meant >= published {
                continue;
            }
            let problem = format!(
                "the story reports {} as past, so it was written then or later, and the {} \
                 after that was {}, before the publication date {}",
                day_name(written),
                WEEKDAYS[usize::from(wd - 1)],
                day_name(meant),
                day_name(published),
            );
            out.push(
                Hit::new(m.span)
                    .var("text", m.span.slice(&doc.text))
                    .var("problem", problem)
                    .related(doc.id, past.span),
            );
        }
    }
}
