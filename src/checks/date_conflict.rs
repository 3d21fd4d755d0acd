//! `date_conflict`: dates within one document that cannot all be true.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::{Document, Span};
use crate::extract::dates::citations;
pub use crate::extract::dates::events::sentence_of;
use crate::extract::dates::events::{calendar_date, dated_event, EventKey};
use crate::extract::{DateMention, Needs};
use crate::time::{weekday, Granule};
use serde::Deserialize;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

pub const DOCS: &str = "\
## What it checks
Dates in one document that contradict each other or the calendar:
- a day that does not exist (\"February 30, 2023\");
- a range that ends before it starts (\"May 22–19\");
- a weekday that does not match its date (\"Friday, May 20, 2023\": a Saturday);
- the same event dated differently (\"Kishida and Yoon met in Tokyo on March 16\" and
  later \"when Kishida and Yoon met in Tokyo on March 18\"): events are keyed on their
  participants (most of the smaller cast, at least two names; one for a named
  gathering such as \"the G7 summit\"), action and stated place, never on a noun
  alone; only article prose, sentences with a single date and dates of the same
  precision are compared, and a sentence saying \"again\" is another occurrence;
- the same cited work with two years that differ in one digit (\"Smith (2018)\" and
  \"Smith (2008)\"; a quoted title dated 2018 in one note and \"… – 2008 Version\" in
  another).

## Why it matters
Two dates for one thing mean at least one is wrong; readers and fact-checkers notice.

## Flagged
\"The summit opened on Friday, May 20, 2023.\"

## Not flagged
The same leaders meeting in two places, or a yearly event in two different years
(dates more than `max_days_apart` apart are taken as different occurrences).

## Params
- `max_days_apart` (default 300): two dates of the same event further apart than this
  are read as two occurrences, not a conflict.";

pub const PLACEHOLDERS: &[&str] = &["text", "problem"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_days")]
    pub max_days_apart: i64,
}

fn default_days() -> i64 {
    300
}

pub struct DateConflict {
    max_days_apart: i64,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.max_days_apart < 1 {
        return Err(CompileError::new("max_days_apart", "must be at least 1"));
    }
    Ok(Compiled::Doc(Box::new(DateConflict {
        max_days_apart: p.max_days_apart,
    })))
}

pub(super) const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn hit(doc: &Document, span: Span, problem: String) -> Hit {
    Hit::new(span).var("text", span.slice(&doc.text)).var("problem", problem)
}

impl DocCheck for DateConflict {
    fn needs(&self) -> Needs {
        Needs::DATES
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        for m in &cx.facts.dates {
            if m.invalid {
                out.push(hit(doc, m.span, format!("{} is not a day of the calendar", m.value.timex())));
            }
            if let (Some(start), Some(end)) = (m.days, m.range_end_days) {
                if end.1 < start.0 {
                    out.push(hit(doc, m.span, "the range ends before it starts".into()));
                }
            }
            if let (Some(stated), Some(g @ Granule::Day(day))) = (m.stated_weekday, m.value.granule()) {
                let actual = weekday(day);
                if actual != stated {
                    out.push(hit(
                        doc,
                        m.span,
                        format!(
                            "{} was a {}, not a {}",
                            g.timex(),
                            WEEKDAYS[usize::from(actual - 1)],
                            WEEKDAYS[usize::from(stated - 1)]
                        ),
                    ));
                }
            }
        }
        self.events(cx, out);
        cited_years(doc, out);
    }
}

impl DateConflict {
    /// The same event dated twice, differently.
    fn events(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let spans: Vec<Span> = cx.facts.dates.iter().map(|m| m.span).collect();
        // Earlier dated events by place: only events at the same place can be the
        // same (`same_event`), and at most the latest `EVENTS_COMPARED` of a place
        // are compared, so that copy dating thousands of events at one place is not
        // quadratic. Articles date a handful of events per place.
        let mut seen: HashMap<String, Vec<(EventKey, &DateMention, Span)>> = HashMap::new();
        for m in &cx.facts.dates {
            let Some(date) = calendar_date(m) else { continue };
            let days = date.days();
            let Some((key, sentence)) = dated_event(doc, &cx.facts.dates, &spans, m) else {
                continue;
            };
            let Some(place) = key.place.clone() else { continue };
            let earlier = seen.entry(place).or_default();
            let recent = &earlier[earlier.len().saturating_sub(EVENTS_COMPARED)..];
            crate::adversarial::step(recent.len());
            for (other_key, other, other_sentence) in recent {
                let Some(other_date) = calendar_date(other) else { continue };
                let other_days = other_date.days();
                let apart = (days.0 - other_days.0).abs();
                let overlap = days.0 <= other_days.1 && other_days.0 <= days.1;
                let same_precision = date.precision() == other_date.precision();
                if *other_sentence != sentence
                    && same_precision && !overlap && apart <= self.max_days_apart && key.same_event(other_key) {
                    let stated = other_date.timex();
                    out.push(
                        hit(doc, m.span, format!("the same event is dated {stated} earlier in the document"))
                            .related(doc.id, other.span),
                    );
                    break;
                }
            }
            earlier.push((key, m, sentence));
        }
    }
}

/// Earlier dated events of one place a dated event is compared with.
const EVENTS_COMPARED: usize = 256;

/// One work cited with years that differ in a single digit: a typo in one of them.
/// A work is an author of an author-year citation ("Smith (2018)") or a quoted title
/// with a year inside it or just after it ("“Ports of the North – 2008 Version”",
/// "“Ports of the North” in 2018").
fn cited_years(doc: &Document, out: &mut Vec<Hit>) {
    let mut by_work: BTreeMap<String, Vec<(i32, Span)>> = BTreeMap::new();
    for c in citations(&doc.text, doc.body) {
        by_work.entry(format!("author {}", c.author)).or_default().push((c.year, c.year_span));
    }
    for (title, year, span) in dated_titles(doc) {
        by_work.entry(format!("title {title}")).or_default().push((year, span));
    }
    for list in by_work.values() {
        // The first citation of each year, in order: the earliest earlier citation
        // that differs in one digit is among them, and there are few distinct years
        // (comparing with every earlier citation was quadratic).
        let mut firsts: Vec<(i32, Span)> = Vec::new();
        for &(year, span) in list {
            let typo = firsts.iter().find(|(other, _)| {
                let (a, b) = (year.to_string(), other.to_string());
                a.len() == b.len() && a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count() == 1
            });
            if let Some(&(other, other_span)) = typo {
                out.push(
                    hit(doc, span, format!("the same work is cited as {other} earlier in the document"))
                        .related(doc.id, other_span),
                );
            }
            if !firsts.iter().any(|(y, _)| *y == year) {
                firsts.push((year, span));
            }
        }
    }
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)(?:19|20)[0-9]{2}(?-u:\b)").unwrap());
/// A year attached to the title just before it: "” in 2018", "”, 2018", "” (2018)".
static YEAR_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s,]*(?:\(|in\s+)?((?:19|20)[0-9]{2})(?-u:\b)").unwrap());
/// Edition words that name the same work: "2008 Version", "2018 edition".
static EDITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:version|edition|update|ed\.)").unwrap());

/// Quoted titles (three words or more, capitalised) with their year and its span,
/// the title normalised without the year, edition words and punctuation.
fn dated_titles(doc: &Document) -> Vec<(String, i32, Span)> {
    let mut found = Vec::new();
    for q in doc.quoted.iter().filter(|q| q.depth == 0) {
        let inner = q.inner.slice(&doc.text);
        if inner.split_whitespace().count() < 3 || !inner.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let base = q.inner.start as usize;
        let after = &doc.text[q.outer.end as usize..];
        let year = match YEAR.find(inner) {
            Some(y) => Some((y.as_str(), Span::new(base + y.start(), base + y.end()))),
            None => YEAR_AFTER.captures(after).and_then(|c| c.get(1)).map(|y| {
                let at = q.outer.end as usize;
                (y.as_str(), Span::new(at + y.start(), at + y.end()))
            }),
        };
        let Some((year, span)) = year else { continue };
        let Ok(year) = year.parse::<i32>() else { continue };
        let bare = EDITION.replace_all(&YEAR.replace_all(inner, ""), "").to_lowercase();
        let title = bare.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        if title.split(' ').count() >= 3 {
            found.push((title, year, span));
        }
    }
    found
}
