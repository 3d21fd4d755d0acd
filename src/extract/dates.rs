//! Temporal expressions with TIMEX3 values. First version: stated absolute dates
//! only; issue #4 replaces this with the full tagger.

use super::{DateMention, TimexType};
use crate::doc::{Document, Span};
use regex::Regex;
use std::sync::LazyLock;

static ABSOLUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? [0-9]{1,2},? [0-9]{4}|[0-9]{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* [0-9]{4})\b").unwrap()
});

pub fn extract(doc: &Document) -> Vec<DateMention> {
    let body = doc.body.slice(&doc.text);
    ABSOLUTE
        .find_iter(body)
        .filter_map(|m| {
            let date = crate::time::parse_stated_date(m.as_str())?;
            let span = Span::new(
                doc.body.start as usize + m.start(),
                doc.body.start as usize + m.end(),
            );
            Some(DateMention {
                span,
                kind: TimexType::Date,
                value: date.timex(),
                modifier: None,
                relative: false,
                unresolved: false,
                days: Some((date.first_day(), date.last_day())),
            })
        })
        .collect()
}
