//! The event bucket: dates of events at a stated place, which the event-date rule
//! compares across documents.

use super::Bucket;
use super::CorpusIndex;
use crate::doc::{DocId, Document, Span};
use crate::extract::dates::events::{calendar_date, dated_event, EventKey};
use crate::extract::lexicons::Lexicons;
use crate::extract::{DateMention, Facts, Needs};
use crate::time::Granule;
use serde::{Deserialize, Serialize};

/// A date that dates an event: what the corpus index keeps of each document for
/// this rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatedEvent {
    pub span: Span,
    /// The date as written, for messages.
    pub text: String,
    pub key: EventKey,
    /// First and last day the date covers.
    pub days: (i64, i64),
    /// The date: only dates of one precision are compared.
    #[serde(with = "timex_string")]
    pub date: Granule,
}

/// A stored date is its TIMEX3 string, as the archive's event rows have always held.
mod timex_string {
    use crate::time::Granule;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Granule, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&date.timex())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Granule, D::Error> {
        let text = String::deserialize(d)?;
        Granule::from_timex(&text)
            .ok_or_else(|| D::Error::custom(format!("not a calendar date: {text:?}")))
    }
}

/// The dated events of a document: dates written with a number (a day or a year;
/// "today" and "Tuesday" in two reports are each report's own day) in a sentence
/// that keys an event at a stated place.
pub fn dated_events(doc: &Document, dates: &[DateMention]) -> Vec<DatedEvent> {
    let spans: Vec<Span> = dates.iter().map(|m| m.span).collect();
    let mut out = Vec::new();
    for m in dates {
        let text = m.span.slice(&doc.text);
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(date) = calendar_date(m) else {
            continue;
        };
        let Some((key, _)) = dated_event(doc, dates, &spans, m) else {
            continue;
        };
        if key.place.is_some() {
            out.push(DatedEvent {
                span: m.span,
                text: text.to_string(),
                key,
                days: date.days(),
                date,
            });
        }
    }
    out
}

/// [`CorpusIndex::events`].
pub struct Events;

impl Bucket for Events {
    type Part = Vec<DatedEvent>;
    type Pending = ();

    fn build(doc: &Document, facts: &Facts, _: Needs, _: &Lexicons) -> Vec<DatedEvent> {
        dated_events(doc, &facts.dates)
    }

    fn insert(index: &mut CorpusIndex, _: &mut (), doc: DocId, part: Vec<DatedEvent>) {
        index.events.extend(part.into_iter().map(|e| (doc, e)));
    }

    fn merge(_: &mut CorpusIndex, _: ()) {}
}
