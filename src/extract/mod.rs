//! Facts extracted from a document: quotes, dates, claims. Plain data with spans
//! (in the document's analysis-text coordinates), computed only when a rule needs it.

pub mod claims;
pub mod dates;
pub mod entities;
pub mod lexicons;
pub mod profile;
pub mod quotes;
pub mod sources;

use crate::doc::{Document, Span};
use dates::{Anchor, DateValue, Tense};
use lexicons::Lexicons;
use serde::Serialize;

/// Which extractors the enabled rules need.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    pub quotes: bool,
    pub dates: bool,
    pub claims: bool,
    /// Names, quantities and person–role pairs for the consistency rules.
    pub entities: bool,
    pub sources: bool,
    /// The phrase lists of the claims data, matched over the whole text once
    /// (`Facts::phrases`); the claim and source extractors need them too.
    pub phrases: bool,
    /// Fingerprints of the body paragraphs in the corpus index (duplicate text).
    pub paragraphs: bool,
}

impl Needs {
    pub const NONE: Needs = Needs {
        quotes: false,
        dates: false,
        claims: false,
        entities: false,
        sources: false,
        phrases: false,
        paragraphs: false,
    };
    pub const QUOTES: Needs = Needs {
        quotes: true,
        ..Needs::NONE
    };
    pub const DATES: Needs = Needs {
        dates: true,
        ..Needs::NONE
    };
    pub const CLAIMS: Needs = Needs {
        claims: true,
        ..Needs::NONE
    };
    pub const ENTITIES: Needs = Needs {
        entities: true,
        ..Needs::NONE
    };
    pub const SOURCES: Needs = Needs {
        sources: true,
        ..Needs::NONE
    };
    pub const PHRASES: Needs = Needs {
        phrases: true,
        ..Needs::NONE
    };
    pub const PARAGRAPHS: Needs = Needs {
        paragraphs: true,
        ..Needs::NONE
    };
    pub const ALL: Needs = Needs {
        quotes: true,
        dates: true,
        claims: true,
        entities: true,
        sources: true,
        phrases: true,
        paragraphs: true,
    };

    pub fn union(self, other: Needs) -> Needs {
        Needs {
            quotes: self.quotes || other.quotes,
            dates: self.dates || other.dates,
            claims: self.claims || other.claims,
            entities: self.entities || other.entities,
            sources: self.sources || other.sources,
            phrases: self.phrases || other.phrases,
            paragraphs: self.paragraphs || other.paragraphs,
        }
    }

    /// The extractors that must run to serve these needs: an extractor's inputs
    /// run too (the claim extractor reads the quotes and the phrase hits, the
    /// source extractor the phrase hits), whatever the rules declared.
    pub fn with_inputs(self) -> Needs {
        Needs {
            quotes: self.quotes || self.claims,
            phrases: self.phrases || self.claims || self.sources,
            ..self
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A statement.
    Direct,
    /// A fragment inside reported speech: pledged to “coordinate closely”.
    Partial,
    /// A term held at arm's length: the concept of “strategic autonomy”.
    Scare,
    /// The title of a work: wrote in “Japan’s Global Diplomacy”.
    Title,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    /// The mention as written ("he", "Kishida", "officials").
    pub name: String,
    pub span: Span,
    /// The full name the mention refers to, when known ("Fumio Kishida").
    pub resolved: Option<String>,
    /// Role or affiliation as stated ("a Senior Fellow at the Japan Institute …").
    pub role: Option<String>,
    /// An unnamed or vague source ("officials", "a source close to").
    pub anonymous: bool,
    /// Where or when it was said, to whom ("told Reuters", "at the Y conference").
    pub occasion: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cue {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote {
    /// The quotation including its marks.
    pub span: Span,
    /// The quoted words without the marks (from the first word of the first part to
    /// the last word of the last part).
    pub inner: Span,
    /// The quoted words of each part when a quote is split by its attribution
    /// (“…,” she said, “…”); empty for a quote in one piece.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Span>,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    pub cue: Option<Cue>,
}

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DateMention {
    pub span: Span,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// What it means (rendered as TIMEX3: `2026-04-02`, `2026-Q2`, `P6M`,
    /// `PAST_REF`, `XXXX-05-19`).
    pub value: DateValue,
    /// TIMEX3 `mod`: `EARLY`, `MID`, `LATE`, `START`, `END`, `APPROX`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// Relative to the publication date or to another date ("on Friday").
    pub relative: bool,
    /// What a relative mention was resolved against.
    #[serde(skip)]
    pub anchor: Option<Anchor>,
    /// The tense of its clause.
    #[serde(skip)]
    pub tense: Tense,
    /// The weekday of a bare weekday reference ("on Thursday"; not "last Thursday"
    /// nor a weekday written with its date), ISO.
    #[serde(skip)]
    pub named_weekday: Option<u8>,
    /// A relative expression that had no anchor to resolve against.
    pub unresolved: bool,
    /// First and last day covered, when the value is a calendar date (days since
    /// 1970-01-01); used by the date rules.
    #[serde(skip)]
    pub days: Option<(i64, i64)>,
    /// A numeric date whose day and month could be either way round ("04/05/2026").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ambiguous: bool,
    /// A day that does not exist ("February 30, 2023").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub invalid: bool,
    /// The value of the end of a range ("May 19–22").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range_end: Option<DateValue>,
    /// Days covered by the end of a range.
    #[serde(skip)]
    pub range_end_days: Option<(i64, i64)>,
    /// The weekday written next to the date (ISO, Monday = 1), for the weekday check.
    #[serde(skip)]
    pub stated_weekday: Option<u8>,
    /// A stated date whose clause looks ahead ("will meet on June 3, 2027"): not
    /// evidence of when the text was written.
    #[serde(skip)]
    pub prospective: bool,
}

impl Quote {
    /// The quoted words: the parts joined by a space, without the interrupting cue.
    pub fn words<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if self.parts.is_empty() {
            std::borrow::Cow::Borrowed(self.inner.slice(text))
        } else {
            let parts: Vec<&str> = self.parts.iter().map(|p| p.slice(text)).collect();
            std::borrow::Cow::Owned(parts.join(" "))
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sourcing {
    /// Attributed, cited by footnote or link, or naming a document or dataset.
    Sourced,
    /// Vague sourcing: "reports suggest", "experts say".
    Weak,
    None,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    pub span: Span,
    pub checkworthy: bool,
    /// Check-worthiness in [0, 1].
    pub score: f32,
    pub sourcing: Sourcing,
    /// With vague sourcing, the unnamed report, estimate or poll it rests on
    /// ("reportedly", "by one estimate", "a poll showed"), if that is what is vague.
    pub vague_source: Option<Span>,
    /// Names of the signals that fired ("statistic", "superlative", …).
    pub signals: Vec<&'static str>,
    /// The statistics the sentence states in its own words, each with the noun it
    /// counts ("55,000 volunteers", "12%"); see [`claims::figures`].
    pub figures: Vec<Span>,
    /// Whether one of those is a statistic someone measured or estimated, not only
    /// details or figures of record; see [`claims::figure_kind`].
    pub statistic: bool,
}

/// Everything extracted from one document.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub quotes: Vec<Quote>,
    pub dates: Vec<DateMention>,
    pub claims: Vec<Claim>,
    pub entities: entities::Entities,
    /// Sources cited or linked, classified with the shipped list.
    pub sources: Vec<sources::SourceRef>,
    /// Every phrase of the claims data in the text (claims and loaded language).
    pub phrases: claims::PhraseHits,
    /// For a document with no stated publication date: the estimate made from its
    /// dates (`published_from: estimate` in the JSON).
    pub published_estimate: Option<crate::time::PartialDate>,
}

/// Runs the extractors `needs` asks for, and those they read
/// ([`Needs::with_inputs`]). Dates come first: the publication-date estimate is
/// made from them.
pub fn extract(doc: &Document, needs: Needs, lexicons: &Lexicons) -> Facts {
    let needs = needs.with_inputs();
    let dates = if needs.dates {
        dates::extract(doc)
    } else {
        dates::DateFacts::default()
    };
    let quotes = if needs.quotes {
        quotes::extract(doc, &lexicons.cues, &lexicons.people)
    } else {
        Vec::new()
    };
    let phrases = if needs.phrases {
        claims::PhraseHits::of(&doc.text)
    } else {
        claims::PhraseHits::default()
    };
    let claims = if needs.claims {
        claims::extract(doc, &quotes, &phrases, &lexicons.figure_kinds)
    } else {
        Vec::new()
    };
    let entities = if needs.entities {
        entities::extract(doc, &lexicons.roles)
    } else {
        entities::Entities::default()
    };
    let sources = if needs.sources {
        sources::extract(doc, &lexicons.sources, &phrases)
    } else {
        Vec::new()
    };
    Facts {
        quotes,
        dates: dates.mentions,
        claims,
        entities,
        sources,
        phrases,
        published_estimate: dates.published_estimate,
    }
}
