//! Temporal expressions with typed values, rendered as TIMEX3.
//!
//! One byte pass tokenises the text (`lexicon`); the grammar reads an expression
//! only where a token can start one (a number or a known word, a small share of
//! the text); `resolve` turns its meaning into a value (`value`) against the
//! publication date, the sentence's tense and the date last mentioned.

pub mod events;
mod grammar;
mod lexicon;
mod resolve;
mod value;

pub use grammar::{Amount, Clock, Cycle};
pub use lexicon::{Season, Unit};
pub use value::{Anchor, DateValue, Tense, TimeRef};

use super::{DateMention, TimexType};
use crate::doc::{Document, Span};
use crate::time::{PartialDate, Precision};
use lexicon::tokenize;

/// What the date extractor finds in a document.
#[derive(Clone, Debug, Default)]
pub struct DateFacts {
    pub mentions: Vec<DateMention>,
    /// For a document that states no publication date: the date it was most likely
    /// written, from the dates in its text.
    pub published_estimate: Option<PartialDate>,
}

/// Tags `text` (offsets in the result are byte offsets into it), resolving
/// relative expressions against `anchor` when there is one.
pub fn tag(text: &str, anchor: Option<PartialDate>) -> Vec<DateMention> {
    let toks = tokenize(text);
    let parser = grammar::Parser::new(&toks);
    let mut resolver = resolve::Resolver::new(&toks, text, anchor);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match parser.parse_at(i, text) {
            Some(hit) => {
                let span_of = |from: usize, to: usize| {
                    Span::new(toks[from].start as usize, toks[to - 1].end as usize)
                };
                match (&hit.split, &hit.sem) {
                    // "January 9 to January 14": two mentions, the first with the range.
                    (Some((first_end, second_start)), grammar::Sem::Range(_, second)) => {
                        out.push(resolver.mention(&hit, span_of(hit.start, *first_end)));
                        let end_hit = grammar::Hit {
                            start: *second_start,
                            sem: (**second).clone(),
                            modifier: None,
                            split: None,
                            ..hit.clone()
                        };
                        out.push(resolver.mention(&end_hit, span_of(*second_start, hit.end)));
                    }
                    _ => out.push(resolver.mention(&hit, span_of(hit.start, hit.end))),
                }
                i = hit.end;
            }
            None => i += 1,
        }
    }
    out
}

/// Tags the body of `doc`. Without a stated publication date, it first tags with
/// no anchor to estimate one, then resolves against the estimate; the mentions
/// that needed it stay marked `unresolved`: the missing-date finding counts them.
pub fn extract(doc: &Document) -> DateFacts {
    let body = doc.body.slice(&doc.text);
    let shift = |mut m: DateMention| {
        m.span = Span::new(
            doc.body.start as usize + m.span.start as usize,
            doc.body.start as usize + m.span.end as usize,
        );
        m
    };
    if let Some(published) = doc.metadata.published {
        return DateFacts {
            mentions: tag(body, Some(published)).into_iter().map(shift).collect(),
            published_estimate: None,
        };
    }
    let unanchored = tag(body, None);
    let Some(estimate) = estimate_publication(&unanchored) else {
        return DateFacts {
            mentions: unanchored.into_iter().map(shift).collect(),
            published_estimate: None,
        };
    };
    let mentions = tag(body, Some(estimate))
        .into_iter()
        .map(|mut m| {
            m.unresolved = m.relative;
            if m.anchor == Some(Anchor::Publication) {
                m.anchor = Some(Anchor::Estimate);
            }
            shift(m)
        })
        .collect();
    DateFacts {
        mentions,
        published_estimate: Some(estimate),
    }
}

/// The latest full calendar date the text states outright (not relative, not a
/// range end), as a lower bound on when it was written; a year or month only
/// when no full date is stated. News reports the recent past, so the latest
/// stated date is the closest observable to the writing date; dates in clauses that
/// look ahead ("will meet on June 3, 2027") are left out.
pub fn estimate_publication(mentions: &[DateMention]) -> Option<PartialDate> {
    let absolute =
        |m: &&DateMention| m.kind == TimexType::Date && !m.relative && !m.invalid && !m.prospective;
    let precision = |m: &DateMention| m.value.granule().map(|g| g.precision());
    let days: Vec<i64> = mentions
        .iter()
        .filter(absolute)
        .filter(|m| precision(m) == Some(Precision::Day))
        .filter_map(|m| m.days.map(|d| d.0))
        .collect();
    if let Some(latest) = plausible_latest(days) {
        let (y, m, d) = crate::time::civil_from_days(latest);
        return Some(PartialDate::ymd(y, m, d));
    }
    // A month, quarter, half, season or year.
    let coarse_enough = |m: &DateMention| {
        precision(m).is_some_and(|p| (Precision::Month..=Precision::Year).contains(&p))
    };
    let coarse: Vec<i64> = mentions
        .iter()
        .filter(absolute)
        .filter(|m| coarse_enough(m))
        .filter_map(|m| m.days.map(|d| d.1))
        .collect();
    let latest = plausible_latest(coarse)?;
    let (y, m, _) = crate::time::civil_from_days(latest);
    let date = mentions
        .iter()
        .filter(absolute)
        .find(|x| x.days.is_some_and(|d| d.1 == latest))?;
    let within_year =
        precision(date).is_some_and(|p| (Precision::Month..=Precision::Half).contains(&p));
    Some(if within_year {
        PartialDate::ym(y, m)
    } else {
        PartialDate::y(y)
    })
}

/// The largest value, unless it stands more than two years after all the others
/// in a text with several dates: a lone far-future date is a forecast ("by 2030"),
/// not a sign of when the text was written.
fn plausible_latest(mut days: Vec<i64>) -> Option<i64> {
    days.sort_unstable();
    match days.as_slice() {
        [] => None,
        [_, _, .., before, last] if last - before > 730 => Some(*before),
        [.., last] => Some(*last),
    }
}

/// A work cited by author and year: "Smith (2018)", "(Smith, 2018)", "Smith et al.
/// (2008)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub author: String,
    pub year: i32,
    /// The whole citation.
    pub span: Span,
    /// The year.
    pub year_span: Span,
}

static CITATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::RegexBuilder::new(
        r"(?-u)\(?\b([A-Z][a-zA-Z'-]+)(?: et al\.?)?,? \(?((?:1[5-9]|20|21)[0-9][0-9])[a-z]?\)",
    )
    .build()
    .expect("citation pattern compiles")
});

/// Author–year citations in `region` of `text`.
pub fn citations(text: &str, region: Span) -> Vec<Citation> {
    let base = region.start as usize;
    CITATION
        .captures_iter(region.slice(text))
        .filter_map(|c| {
            let whole = c.get(0)?;
            let year = c.get(2)?;
            let author = c.get(1)?.as_str();
            if crate::time::month_from_name(author).is_some() || author == "In" || author == "The" {
                return None;
            }
            Some(Citation {
                author: author.to_string(),
                year: year.as_str().parse().ok()?,
                span: Span::new(base + whole.start(), base + whole.end()),
                year_span: Span::new(base + year.start(), base + year.end()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
