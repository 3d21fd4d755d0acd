//! `release_period`: one release (a report, a set of figures) given two different
//! periods in one document.

use crate::extract::dates::events::calendar_date;
use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::Span;
use crate::extract::Needs;
use crate::time::{civil_from_days, month_from_name, Granule, Precision};
use serde::Deserialize;
use std::collections::HashMap;

pub const DOCS: &str = "\
## What it checks
A release dated with two different months in one document: \"factory orders were flat
in November, the department said\" and later \"the department's report on weak orders
in December\". A release is keyed on its owner (the head word of who said, reported or
published it: \"the Commerce Department said\" and \"the department's report\" are one
owner) and on the measure it reports (`measures`); only sentences with a single date,
written with a month name, are compared, and only dates of the same precision. A
sentence that sets two periods side by side (\"after\", \"previous\", \"revised\", \"a year
earlier\", …, the `sequence` words) reports more than one release and is left out.

## Why it matters
A release covers one period; two months for it mean one of them is a slip, and the
figures are attached to the wrong month.

## Flagged
\"Retail sales fell in March, the statistics office said.\" … \"The office's report on
sales in April surprised economists.\"

## Not flagged
\"Sales fell in March after rising in February, the office said.\"; two owners (the
office's March figures and the bank's April survey); two measures (March sales, April
prices).

## Params
- `measures`: the words that name what a release measures (`orders`, `sales`, …).
- `releases`: the nouns that name a release (`report`, `figures`, …).
- `owners`: the head nouns of organisations that publish figures (`department`,
  `office`, …); acronyms (\"ONS\") count too. People are not owners: an analyst
  comments on several months.
- `sequence`: words that put two periods side by side.";

pub const PLACEHOLDERS: &[&str] = &["text", "problem"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub measures: Vec<String>,
    pub releases: Vec<String>,
    pub owners: Vec<String>,
    pub sequence: Vec<String>,
}

pub struct ReleasePeriod {
    measures: Vec<String>,
    releases: Vec<String>,
    owners: Vec<String>,
    sequence: Vec<String>,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    for (key, list) in [
        ("measures", &p.measures),
        ("releases", &p.releases),
        ("owners", &p.owners),
    ] {
        if list.is_empty() {
            return Err(CompileError::new(key, "must list at least one word"));
        }
    }
    let lower = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
    Ok(Compiled::Doc(Box::new(ReleasePeriod {
        measures: lower(p.measures),
        releases: lower(p.releases),
        owners: lower(p.owners),
        sequence: lower(p.sequence),
    })))
}

/// Verbs by which an owner puts out a release ("the department said").
const RELEASING: &[&str] = &[
    "said",
    "says",
    "reported",
    "reports",
    "showed",
    "shows",
    "published",
];
/// Words that join a release to its owner after it ("figures from the office").
const BY: &[&str] = &["by", "from", "of"];

/// Who put the release out and what it measures, keyed as `owner measure`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ReleaseKey {
    owner: String,
    measure: String,
}

impl ReleasePeriod {
    /// An organisation that publishes figures: a head noun of `owners`
    /// ("department", "office") or an acronym ("ONS").
    fn is_owner(&self, word: &str) -> bool {
        self.owners.contains(&word.to_lowercase())
            || (word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase()))
    }

    /// The release a sentence dates: its owner (the head word before a releasing
    /// verb or a possessive before a release noun, or after "by"/"from"/"of" after
    /// one) and the first measure it names.
    fn release_of(&self, sentence: &str) -> Option<ReleaseKey> {
        let words: Vec<&str> = sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        if lower.iter().any(|w| self.sequence.contains(w)) {
            return None;
        }
        let measure = lower.iter().find(|w| self.measures.contains(w))?.clone();
        let is_release = |i: usize| lower.get(i).is_some_and(|w| self.releases.contains(w));
        let owner = (0..lower.len()).find_map(|i| {
            let word = lower[i].as_str();
            let possessive = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"));
            if let Some(owner) = possessive {
                // "the department's report", "the office's March figures"
                let name = words[i].trim_end_matches(['s', '\'', '’']);
                let names_release = (1..=3).any(|k| is_release(i + k));
                return (names_release && self.is_owner(name)).then(|| owner.to_string());
            }
            if RELEASING.contains(&word) && i > 0 && self.is_owner(words[i - 1]) {
                return Some(lower[i - 1].clone());
            }
            if is_release(i) && lower.get(i + 1).is_some_and(|w| BY.contains(&w.as_str())) {
                let after = if lower.get(i + 2).is_some_and(|w| w == "the") {
                    i + 3
                } else {
                    i + 2
                };
                // The head word of the owner's name: "from the Commerce Department".
                let end = (after..lower.len())
                    .take_while(|&k| k == after || words[k].starts_with(char::is_uppercase))
                    .last()?;
                return self.is_owner(words[end]).then(|| lower[end].clone());
            }
            None
        })?;
        Some(ReleaseKey { owner, measure })
    }
}

/// The month (and day) of a date: the year a bare month is given depends on the
/// tense of its clause, so two mentions of "November" are the same month.
fn day_of_year(date: Granule) -> (u8, Option<u8>) {
    let (_, month, day) = civil_from_days(date.days().0);
    (month, (date.precision() == Precision::Day).then_some(day))
}

impl DocCheck for ReleasePeriod {
    fn needs(&self) -> Needs {
        Needs::DATES
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let mut seen: HashMap<ReleaseKey, (Granule, Span)> = HashMap::new();
        for sentence in doc
            .sentences
            .iter()
            .map(|s| s.span)
            .filter(|s| doc.in_body(s.start))
        {
            let from = cx
                .facts
                .dates
                .partition_point(|d| d.span.start < sentence.start);
            let mut dated = cx.facts.dates[from..]
                .iter()
                .take_while(|d| d.span.end <= sentence.end)
                .filter(|d| calendar_date(d).is_some());
            let (Some(m), None) = (dated.next(), dated.next()) else {
                continue;
            };
            let Some(date) = calendar_date(m) else {
                continue;
            };
            // A month written out ("in November", "the November 3 report"), not
            // "last month".
            let written = m.span.slice(&doc.text);
            let named = written
                .split(|c: char| !c.is_alphabetic())
                .any(|w| month_from_name(w).is_some())
                && matches!(date.precision(), Precision::Month | Precision::Day);
            let text = sentence.slice(&doc.text);
            let Some(key) = named.then(|| self.release_of(text)).flatten() else {
                continue;
            };
            match seen.get(&key) {
                Some(&(other, other_span)) => {
                    if date.precision() == other.precision()
                        && day_of_year(date) != day_of_year(other)
                    {
                        let problem = format!(
                            "the {}'s release on {} is dated {} earlier in the document",
                            key.owner,
                            key.measure,
                            other.timex()
                        );
                        out.push(
                            Hit::new(m.span)
                                .var("text", m.span.slice(&doc.text))
                                .var("problem", problem)
                                .related(doc.id, other_span),
                        );
                    }
                }
                None => {
                    seen.insert(key, (date, m.span));
                }
            }
        }
    }
}
