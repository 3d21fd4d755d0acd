//! Check-worthy claims: every sentence of the article's own prose is scored by a
//! transparent weighted signal set (see [`scorer`]) on its words outside quotations,
//! and its sourcing is read from attribution cues, footnote markers and links in it or
//! beside it. Words inside a quotation are the speaker's claim, not the author's.

pub mod figure_kind;
pub mod figures;
pub mod lexicon;
pub mod scorer;
mod shown;

use super::{Claim, Quote, QuoteKind, Sourcing};
use crate::doc::{Document, Sentence, Span};
use lexicon::{Hit, Lexicon};
use scorer::{Scorer, ScorerSpec};
use serde::Deserialize;
use std::sync::LazyLock;

/// The shipped claims data (phrase lists and weights).
pub const CLAIMS_YAML: &str = include_str!("../../../rules/data/claims.yaml");

/// Sentences scoring below this are not reported at all; between it and the scorer's
/// threshold they are reported as not check-worthy, so that a rule may set a lower
/// threshold of its own.
const REPORT_FLOOR: f32 = 0.25;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsData {
    pub scorer: ScorerSpec,
    pub sourcing: SourcingSpec,
    /// Words that, right after a number, make it a well-known constant ("270
    /// electoral votes"), not a statistic.
    pub constants: Vec<String>,
    pub weasel: Vec<String>,
    pub peacock: Vec<String>,
    pub certainty: Vec<String>,
    pub forecast: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcingSpec {
    pub attribution: Vec<String>,
    /// Unnamed reports, estimates, polls and rumours ("reportedly", "by one
    /// estimate"): vague sourcing that `claims.vague-source` reports on its words.
    pub vague: Vec<String>,
    /// Unnamed people who say something ("experts say"): vague sourcing that
    /// `quotes.anonymous-source` reports.
    pub unnamed_voices: Vec<String>,
    pub documents: Vec<String>,
    /// Nouns of a document or dataset ("poll", "figures"): a source when something
    /// names them (see [`shown`]).
    pub source_nouns: Vec<String>,
    /// Verbs of showing after a source noun ("showed", "found", "say").
    pub showing: Vec<String>,
    /// Words of polling: once a poll is attributed, the shares that follow are its.
    pub polls: Vec<String>,
    /// Economic and company measures ("profits", "exports", "inflation"): once a
    /// source has given figures for one, the article's later figures of measures
    /// continue its report.
    pub measures: Vec<String>,
    /// A company's results ("profit", "sales"): figures of them in a sentence that
    /// names the company are its own report.
    pub results: Vec<String>,
    /// Market prices ("shares", "index"): public record, like a market table.
    pub markets: Vec<String>,
    /// Verbs of a named actor's own action or decision ("spent", "approved", "began"):
    /// the figures it acts on are the reporter's account of a public event.
    pub actions: Vec<String>,
}

impl ClaimsData {
    pub fn parse(yaml: &str) -> Result<ClaimsData, String> {
        crate::yaml::parse_yaml("claims.yaml", yaml).map_err(|e| e.to_string())
    }

    /// A loaded-language list by its name in the data file.
    pub fn phrase_list(&self, name: &str) -> Option<&[String]> {
        Some(match name {
            "weasel" => &self.weasel,
            "peacock" => &self.peacock,
            "certainty" => &self.certainty,
            "forecast" => &self.forecast,
            _ => return None,
        })
    }

    fn sourcing_lists(&self) -> [&[String]; SOURCING_LISTS] {
        let s = &self.sourcing;
        [
            &s.attribution,
            &s.vague,
            &s.unnamed_voices,
            &s.documents,
            &s.source_nouns,
            &s.showing,
            &s.polls,
            &s.measures,
            &s.results,
            &s.markets,
            &s.actions,
        ]
    }
}

/// The loaded-language lists, in the order of their bits in [`PhraseHits::loaded`].
pub const LOADED_LISTS: [&str; 4] = ["weasel", "peacock", "certainty", "forecast"];

/// The shipped data, parsed once. A unit test guarantees it parses.
pub fn data() -> &'static ClaimsData {
    static DATA: LazyLock<ClaimsData> =
        LazyLock::new(|| ClaimsData::parse(CLAIMS_YAML).expect("rules/data/claims.yaml"));
    &DATA
}

struct Model {
    scorer: Scorer,
    /// Every list in one automaton, for one pass over a document instead of one per
    /// sentence for the scorer, one for sourcing and one per loaded-language rule:
    /// the scorer's lists, then the sourcing lists (attribution, vague, named
    /// documents), then [`LOADED_LISTS`].
    all: Lexicon,
}

/// The sourcing lists' bits, after the scorer's lists in [`Model::all`].
const ATTRIBUTION: u64 = 1;
const VAGUE: u64 = 1 << 1;
const VOICES: u64 = 1 << 2;
const DOCUMENT: u64 = 1 << 3;
const SOURCE_NOUN: u64 = 1 << 4;
const SHOWING: u64 = 1 << 5;
const POLL: u64 = 1 << 6;
const MEASURE: u64 = 1 << 7;
const RESULTS: u64 = 1 << 8;
const MARKETS: u64 = 1 << 9;
const ACTIONS: u64 = 1 << 10;
const SOURCING_LISTS: usize = 11;
/// The `weasel` list's bit among [`LOADED_LISTS`]: its views, put in no one's mouth,
/// are vague sourcing like [`VOICES`].
const WEASEL_LOADED: u64 = 1;

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    let d = data();
    let mut all = d.scorer.phrase_lists();
    all.extend(d.sourcing_lists());
    // Every name has a list; an empty one would still keep the bits in place.
    all.extend(LOADED_LISTS.map(|name| d.phrase_list(name).unwrap_or_default()));
    Model {
        all: Lexicon::new(all).expect("claims phrases"),
        scorer: Scorer::new(&d.scorer).expect("claim scorer"),
    }
});

/// Every phrase of the claims data in a document's text, found in one pass, in the
/// order the automaton reports them (by end). Offsets are into the analysis text.
#[derive(Clone, Debug, Default)]
pub struct PhraseHits(Vec<Hit>);

impl PhraseHits {
    pub fn of(text: &str) -> PhraseHits {
        let mut hits = Vec::new();
        MODEL.all.for_each(text, |h| hits.push(h));
        PhraseHits(hits)
    }

    /// The hits wholly inside `span`.
    fn within(&self, span: Span) -> impl Iterator<Item = &Hit> {
        let (start, end) = (span.start as usize, span.end as usize);
        let first = self.0.partition_point(|h| h.end <= start);
        self.0[first..]
            .iter()
            .take_while(move |h| h.end <= end)
            .filter(move |h| h.start >= start)
    }

    /// The scorer's lists held in `span` (bit `i` for its list `i`).
    fn scorer_lists(&self, span: Span) -> u64 {
        let mask = (1u64 << MODEL.scorer.list_count()) - 1;
        self.within(span).fold(0, |all, h| all | (h.lists & mask))
    }

    /// The sourcing hits in `span`, with the sourcing lexicon's bits; a phrase of the
    /// `weasel` list counts as one of [`VOICES`].
    fn sourcing(&self, span: Span) -> impl Iterator<Item = Hit> + '_ {
        let shift = MODEL.scorer.list_count();
        self.within(span).filter_map(move |h| {
            let mut lists = (h.lists >> shift) & ((1 << SOURCING_LISTS) - 1);
            if (h.lists >> (shift + SOURCING_LISTS)) & WEASEL_LOADED != 0 {
                lists |= VOICES;
            }
            (lists != 0).then_some(Hit { lists, ..*h })
        })
    }

    /// Whether `span` holds a phrase of the sourcing list `list` (its bit: `POLL`,
    /// `MEASURE`, …).
    fn mentions(&self, span: Span, list: u64) -> bool {
        self.sourcing(span).any(|h| h.lists & list != 0)
    }

    /// How `span` of `text` (the text these hits were found in) is sourced by its
    /// own words: its attribution and document phrases (see [`sourcing_of`]), or a
    /// source noun it names (see [`shown::shown_by`]).
    pub fn sourcing_in(&self, text: &str, span: Span) -> Sourcing {
        self.sourcing_and_cue(text, span).0
    }

    /// [`Self::sourcing_in`], and when it is vague by an unnamed report, estimate or
    /// poll ("reportedly", "a poll showed"), the words that say so.
    fn sourcing_and_cue(&self, text: &str, span: Span) -> (Sourcing, Option<Span>) {
        let hits: Vec<Hit> = self
            .sourcing(span)
            .map(|h| {
                if h.lists & ATTRIBUTION != 0 && share_holds(text, span.start as usize, h.start) {
                    Hit {
                        lists: h.lists & !ATTRIBUTION,
                        ..h
                    }
                } else {
                    h
                }
            })
            .filter(|h| h.lists != 0)
            .collect();
        match sourcing_of(hits.iter().copied()) {
            (Sourcing::Sourced, _) => (Sourcing::Sourced, None),
            (by_phrases, phrase_cue) => match shown::shown_by(text, span.start as usize, &hits) {
                (Sourcing::None, _) => (by_phrases, phrase_cue),
                (Sourcing::Weak, noun_cue) => (Sourcing::Weak, phrase_cue.or(noun_cue)),
                sourced => sourced,
            },
        }
    }

    /// The hits of the loaded-language lists in `mask` (bit `i` for
    /// `LOADED_LISTS[i]`), in the order found.
    pub fn loaded(&self, mask: u64) -> impl Iterator<Item = Span> + '_ {
        let shift = MODEL.scorer.list_count() + SOURCING_LISTS;
        self.0
            .iter()
            .filter(move |h| (h.lists >> shift) & mask != 0)
            .map(|h| Span::new(h.start, h.end))
    }
}

/// The shipped scorer (for harnesses that score sentences without a document).
pub fn scorer() -> &'static Scorer {
    &MODEL.scorer
}

/// The scorer's signals in one sentence given alone (for harnesses and tests).
pub fn fire_sentence(text: &str) -> scorer::Fired {
    let lists = PhraseHits::of(text).scorer_lists(Span::new(0, text.len()));
    scorer().fire([(text, lists)])
}

/// Check-worthiness of one sentence in [0, 1] and the signals behind it.
pub fn score_sentence(text: &str) -> (f32, Vec<&'static str>) {
    let s = scorer();
    let fired = fire_sentence(text);
    (s.score(fired), s.reasons(fired))
}

/// How a piece of text is sourced by its own words (its sourcing phrases):
/// attribution or a named document beats vague sourcing, unless the only
/// attribution is part of a vague phrase ("according to reports"); with vague
/// sourcing, the first unnamed report it rests on (not an unnamed voice: other rules
/// report those).
fn sourcing_of(hits: impl IntoIterator<Item = Hit>) -> (Sourcing, Option<Span>) {
    let mut vague: Vec<(usize, usize, bool)> = Vec::new();
    let mut strong: Vec<(usize, usize)> = Vec::new();
    for h in hits {
        if h.lists & (VAGUE | VOICES) != 0 {
            vague.push((h.start, h.end, h.lists & VAGUE != 0));
        } else if h.lists & (ATTRIBUTION | DOCUMENT) != 0 {
            strong.push((h.start, h.end));
        }
    }
    let inside_vague =
        |&(s, e): &(usize, usize)| vague.iter().any(|&(vs, ve, _)| vs <= s && e <= ve);
    if strong.iter().any(|h| !inside_vague(h)) {
        (Sourcing::Sourced, None)
    } else if !vague.is_empty() {
        let report = vague
            .iter()
            .find(|v| v.2)
            .map(|&(start, end, _)| Span::new(start, end));
        (Sourcing::Weak, report)
    } else {
        (Sourcing::None, None)
    }
}

/// Whether the clause before a verb of saying or thinking at `cue` (in the sentence
/// from `sentence_start`) is a share of people: "only 32 percent of voters opposed
/// the tax", "a majority of residents say". Then the verb is what the claim
/// reports, a poll result, and names no source.
fn share_holds(text: &str, sentence_start: usize, cue: usize) -> bool {
    let before = &text[sentence_start..cue];
    let clause_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ',' | ';' | ':' | '\u{2014}' | '\u{2013}'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let clause = &before[clause_start..];
    let lower = clause.to_ascii_lowercase();
    // A passive ("a majority of the statements were rated"): its agent is elsewhere.
    let passive = lower
        .split_whitespace()
        .next_back()
        .is_some_and(|w| ["is", "are", "was", "were", "been", "be"].contains(&w));
    !passive
        && (lower.contains("majority of")
            || lower.contains("minority of")
            || figures::figures(clause, 0, &data().constants)
                .iter()
                .any(|f| is_share_word(f.span.slice(clause))))
}

/// Spans of quoted speech whose words belong to a speaker: direct and partial quotes
/// from the quote extractor, or, when it found none, quoted spans of four words or
/// more (shorter ones are usually scare quotes, the author's own words).
fn speech_spans(doc: &Document, quotes: &[Quote]) -> Vec<Span> {
    let mut spans: Vec<Span> = if quotes.is_empty() {
        doc.quoted
            .iter()
            .filter(|q| q.depth == 0 && q.inner.slice(&doc.text).split_whitespace().count() >= 4)
            .map(|q| q.outer)
            .collect()
    } else {
        quotes
            .iter()
            .filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial))
            .map(|q| q.span)
            .collect()
    };
    spans.sort();
    spans
}

/// The parts of `span` outside the (sorted) `holes`.
fn outside(span: Span, holes: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = span.start;
    for h in holes.iter().filter(|h| h.overlaps(span)) {
        if h.start > pos {
            out.push(Span {
                start: pos,
                end: h.start,
            });
        }
        pos = pos.max(h.end);
    }
    if pos < span.end {
        out.push(Span {
            start: pos,
            end: span.end,
        });
    }
    out
}

/// Subjects that continue the previous sentence's reported statement ("They also
/// pledged …" after "…, the ministry said."): the attribution carries over.
const CONTINUATIONS: &[&str] = &[
    "they ",
    "he ",
    "she ",
    "both sides ",
    "both leaders ",
    "the two leaders ",
    "the two sides ",
    "the leaders ",
    "the statement ",
    "the report ",
];

fn continues_statement(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    CONTINUATIONS.iter().any(|c| lower.starts_with(c))
}

/// The digits of a figure ("$916 million" -> "916"), to recognise a figure restated
/// from an earlier sentence.
fn figure_digits(figure: &str) -> String {
    figure
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

/// A share or a margin, the figures a poll reports ("46 percent", "5 points",
/// "one in three", "double digits", "half", "a third").
fn is_share_word(figure: &str) -> bool {
    let f = figure.to_ascii_lowercase();
    [
        "%",
        "percent",
        "per cent",
        "point",
        "digit",
        " in ",
        " of every ",
        " out of ",
        "half",
        "third",
        "quarter",
    ]
    .iter()
    .any(|p| f.contains(p))
}

/// Words before a percentage that make it a change, not a poll's share ("up more
/// than 70 percent", "rose 12%", "a 5% increase" is caught by its noun).
const CHANGES: &[&str] = &[
    "up",
    "down",
    "rose",
    "risen",
    "rise",
    "fell",
    "fallen",
    "fall",
    "grew",
    "grown",
    "jumped",
    "dropped",
    "climbed",
    "increased",
    "decreased",
    "declined",
    "gained",
    "slipped",
    "slid",
    "surged",
    "soared",
    "plunged",
    "tumbled",
    "doubled",
    "shrank",
    "leapt",
    "leaped",
];

/// Whether the figure at `span` of `text` is a share a poll reports: a share or a
/// margin (see [`is_share_word`]) that is not a change ("turnout was up more than 70
/// percent from 2008").
fn is_share(text: &str, span: Span) -> bool {
    let figure = span.slice(text);
    if !is_share_word(figure) {
        return false;
    }
    let before = &text[..span.start as usize];
    let change = before
        .split_whitespace()
        .rev()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .filter(|w| {
            ![
                "by", "more", "than", "nearly", "almost", "about", "around", "some", "over",
                "roughly", "just", "only", "a", "further", "another",
            ]
            .contains(&w.as_str())
        })
        .take(1)
        .any(|w| CHANGES.contains(&w.as_str()));
    let after = text[span.end as usize..].trim_start().to_ascii_lowercase();
    !(change || after.starts_with("from ") || after.starts_with("since "))
}

/// Whether a sentence says how a price moved or closed ("shares fell 9.8%").
fn says_how_it_moved(sentence: &str) -> bool {
    sentence.split_whitespace().any(|raw| {
        let w = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        CHANGES.contains(&w.as_str())
            || ["closed", "ended", "edged", "raised", "cut"].contains(&w.as_str())
    })
}

/// Whether the company whose results `hit` names is named as their owner: a name,
/// a possessive or "it"/"its"/"their" right before ("Lenovo's profit", "Toyota sales",
/// "its sales", "It employs"), or "at"/"of" and a name right after ("profits at
/// Harbour Foods").
fn owner_named(text: &str, hit: &Hit) -> bool {
    let clean = |raw: &str| {
        raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
            .to_string()
    };
    let before = text[..hit.start]
        .split_whitespace()
        .next_back()
        .map(clean)
        .unwrap_or_default();
    let lower = before.to_ascii_lowercase();
    let owner_before = before.chars().next().is_some_and(char::is_uppercase)
        && !["The", "A", "An", "In", "For", "Its", "Their"].contains(&before.as_str())
        || lower.ends_with("'s")
        || lower.ends_with("\u{2019}s")
        || lower.ends_with("s'")
        || ["it", "its", "their"].contains(&lower.as_str());
    let mut after = text[hit.end..].split_whitespace();
    let owner_after = after.next().is_some_and(|w| ["at", "of"].contains(&w))
        && after
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    owner_before || owner_after
}

/// Sourcing of every sentence in `sentences` (body sentences in order), given the
/// statistics each states. A sentence is sourced by its own attribution, a footnote
/// marker or link in it or right after it, an attributed sentence beside it in its
/// paragraph, an "X reports:" that opens a quotation just before or after it, a reported
/// statement it continues ("They also pledged …"), when every figure it states was
/// stated by an earlier sourced sentence, when its figures are all shares and an
/// attributed poll came before (with no other figures since), or when it gives
/// figures of a measure and an earlier sourced sentence gave figures of one (a
/// company's or a statistics office's report, continued: "Wipro reported a 60% rise
/// in profit. … Sales rose 34%."). The
/// figures of a company's results in a sentence that names it are its own report,
/// and the moves of market prices are public record.
/// With each sentence's sourcing, the unnamed report it rests on when vague (see
/// [`PhraseHits::sourcing_and_cue`]). A figure that is a named actor's own action
/// (see [`own_action`]) is the reporter's account, sourced, but sources nothing after it.
fn sourcing_all(
    doc: &Document,
    sentences: &[&Sentence],
    figures: &[Vec<Span>],
    phrases: &PhraseHits,
) -> Vec<(Sourcing, Option<Span>)> {
    let own: Vec<(Sourcing, Option<Span>)> = sentences
        .iter()
        .map(|s| phrases.sourcing_and_cue(&doc.text, s.span))
        .collect();
    let attributed = |k: usize| own[k].0 == Sourcing::Sourced;
    let mut sourced_figures: Vec<String> = Vec::new();
    // An attributed poll: the shares stated after it are its results.
    let mut poll_attributed = false;
    // A sourced report of measures: the article's later measures continue it.
    let mut measures_reported = false;
    let mut out: Vec<(Sourcing, Option<Span>)> = Vec::with_capacity(sentences.len());
    for (k, s) in sentences.iter().enumerate() {
        let text = s.span.slice(&doc.text);
        let next = sentences.get(k + 1).filter(|n| n.block == s.block);
        let prev = k.checked_sub(1).map(|p| (p, sentences[p]));
        // A footnote marker or a link in the sentence, or between it and the next one.
        let reach = Span {
            start: s.span.start,
            end: next.map_or(s.span.end + 8, |n| n.span.start),
        };
        // "X reports:" (a line of its own, often not read as prose) opens a quotation
        // of the source that the sentences before and after it summarise or continue.
        let at = doc
            .sentences
            .partition_point(|d| d.span.start < s.span.start);
        let introduced = prev.is_some_and(|(p, ps)| ps.block == s.block && attributed(p))
            || [at.checked_sub(1), Some(at + 1)]
                .into_iter()
                .flatten()
                .filter_map(|i| doc.sentences.get(i))
                .any(|d| {
                    d.span.slice(&doc.text).trim_end().ends_with(':')
                        && phrases.sourcing_in(&doc.text, d.span) == Sourcing::Sourced
                });
        let digits: Vec<String> = figures[k]
            .iter()
            .map(|f| figure_digits(f.slice(&doc.text)))
            .filter(|d| !d.is_empty())
            .collect();
        let restated = !digits.is_empty() && digits.iter().all(|d| sourced_figures.contains(d));
        let poll_result = poll_attributed
            && !figures[k].is_empty()
            && figures[k].iter().all(|&f| is_share(&doc.text, f));
        let measure = !figures[k].is_empty() && phrases.mentions(s.span, MEASURE);
        let report_continued = measures_reported && measure;
        let on_record = !figures[k].is_empty()
            && (phrases.mentions(s.span, MARKETS) && says_how_it_moved(text)
                || phrases
                    .sourcing(s.span)
                    .any(|h| h.lists & RESULTS != 0 && owner_named(&doc.text, &h)));
        // Both lists are in text order: only those near the sentence are looked at
        // (a scan of all of them per sentence was quadratic).
        let refs = &doc.footnote_refs[doc
            .footnote_refs
            .partition_point(|f| f.span.start < reach.start)..];
        let links = &doc.links[doc
            .links
            .partition_point(|l| l.span.start < s.span.start)
            .saturating_sub(1)..];
        let cited = refs
            .iter()
            .inspect(|_| crate::adversarial::step(1))
            .take_while(|f| f.span.start <= reach.end)
            .any(|f| reach.contains(f.span))
            || links
                .iter()
                .inspect(|_| crate::adversarial::step(1))
                .take_while(|l| l.span.start < s.span.end.max(s.span.start + 1))
                .any(|l| l.span.overlaps(s.span));
        // An unnamed report of its own ("reportedly") is what the sentence rests on,
        // whatever its neighbours attribute; only a note or a link names it.
        let own_report = own[k].0 == Sourcing::Weak && own[k].1.is_some();
        let sourced = cited
            || attributed(k)
            || next.is_some() && attributed(k + 1)
            || introduced
            || k > 0 && out[k - 1].0 == Sourcing::Sourced && continues_statement(text)
            || restated
            || poll_result
            || report_continued
            || on_record;
        let sourced = cited || sourced && !own_report;
        if sourced {
            sourced_figures.extend(digits);
            measures_reported |= measure;
        }
        // The poll's results run until a figure that is not a share ("Only 367,491
        // people voted") turns to other numbers.
        let other_figures = figures[k]
            .iter()
            .any(|&f| !is_share(&doc.text, f) && !is_share_word(f.slice(&doc.text)));
        poll_attributed =
            attributed(k) && phrases.mentions(s.span, POLL) || poll_attributed && !other_figures;
        let acted =
            own[k].0 == Sourcing::None && own_action(&doc.text, s.span, &figures[k], phrases);
        out.push(if sourced || acted {
            (Sourcing::Sourced, None)
        } else {
            own[k]
        });
    }
    out
}

impl Claim {
    /// Whether the article's share of unsourced check-worthy claims counts this one:
    /// a statistic (what `claims.unsourced-statistic` reports), or a claim of no
    /// figure at least `min_score` check-worthy (what `claims.unsourced-claim`
    /// reports). Details and figures of record are not what the share is about.
    pub fn counts_in_share(&self, min_score: f32) -> bool {
        self.statistic || self.figures.is_empty() && self.score >= min_score
    }
}

/// Auxiliaries and adverbs that may stand between an actor and its action ("has
/// already spent", "subsequently paid"); weekdays too ("on Monday approved"), from
/// [`crate::time::WEEKDAYS`].
const BEFORE_ACTION: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "also",
    "already",
    "then",
    "now",
    "just",
    "still",
    "later",
    "since",
    "again",
    "last",
    "week",
    "month",
    "year",
    "on",
    "yesterday",
    "today",
];

/// Whether `word` stands capitalised after a lower-case word somewhere in `text`: a
/// name ("Sanders"), not a plural that opened a sentence ("Consumers").
fn capitalised_inside(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let after = text[at + word.len()..].chars().next();
        let before = text[..at]
            .strip_suffix(' ')
            .and_then(|t| t.chars().next_back());
        !after.is_some_and(char::is_alphanumeric) && before.is_some_and(char::is_lowercase)
    })
}

/// Words after a verb of [`ACTIONS`] that show it was a noun ("a tax cut of $2bn").
const NOT_OBJECTS: &[&str] = &[
    "of",
    "worth",
    "for",
    "in",
    "rose",
    "fell",
    "increased",
    "decreased",
    "grew",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "totalled",
    "totaled",
    "reached",
    "jumped",
    "dropped",
    "climbed",
];

/// Nouns of an organisation that acts ("the committee approved", "her campaign began").
const ACTOR_NOUNS: &[&str] = &[
    "administration",
    "agency",
    "army",
    "authority",
    "bank",
    "board",
    "cabinet",
    "campaign",
    "charity",
    "city",
    "club",
    "commission",
    "committee",
    "company",
    "congress",
    "council",
    "county",
    "court",
    "department",
    "firm",
    "foundation",
    "fund",
    "government",
    "group",
    "league",
    "legislature",
    "ministry",
    "network",
    "nonprofit",
    "office",
    "organisation",
    "organization",
    "pac",
    "panel",
    "parliament",
    "party",
    "police",
    "regulator",
    "school",
    "senate",
    "state",
    "studio",
    "team",
    "union",
    "university",
    "corporation",
    "airline",
    "retailer",
    "insurer",
    "lender",
    "operator",
    "publisher",
    "broadcaster",
    "he",
    "she",
    "it",
];

/// Words that are no actor's name when they open a sentence in capitals.
const NOT_ACTORS: &[&str] = &[
    "everyone",
    "everybody",
    "nobody",
    "someone",
    "somebody",
    "people",
    "many",
    "most",
    "some",
    "few",
    "each",
    "all",
    "both",
    "others",
    "we",
    "you",
    "i",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "what",
    "who",
    "which",
    "one",
    "the",
    "a",
    "an",
];

/// Whether every figure of the sentence at `sentence` is what a named actor did with it:
/// each stands after a verb of [`ACTIONS`] whose subject is a name ("Harbour Foods cut
/// 300 jobs", "Purple PAC began a $1 million ad buy"), an organisation ("the
/// committee approved $4 million", "her campaign spent") or a pronoun for one. A
/// plural name of people opening the sentence ("Consumers spent", "Americans paid") is
/// the subject of a statistic, not an actor.
fn own_action(text: &str, sentence: Span, figures: &[Span], phrases: &PhraseHits) -> bool {
    let Some(first_figure) = figures.iter().map(|f| f.start).min() else {
        return false;
    };
    phrases
        .sourcing(sentence)
        .filter(|h| h.lists & ACTIONS != 0 && h.end <= first_figure as usize)
        .any(|verb| {
            let before = &text[sentence.start as usize..verb.start];
            // The figures act on the verb's object, in its clause; a verb followed by
            // "of", "rose" … was a noun ("a tax cut of $2bn", "a tax cut worth").
            let object = &text[verb.end..first_figure as usize];
            let noun = object
                .split_whitespace()
                .next()
                .is_some_and(|w| NOT_OBJECTS.contains(&w.to_ascii_lowercase().as_str()));
            // Far from the verb or past a comma, the figure counts something else
            // ("Okafor began the day at the pier, where 3,000 people queued").
            let far = object.split_whitespace().count() > 6;
            if noun || far || object.contains([',', ';', '.', '?', '!']) {
                return false;
            }
            let mut words = before
                .split_whitespace()
                .rev()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'));
            // A passive ("it was sold for £10m"): its subject is what was acted on.
            let passive = before.split_whitespace().next_back().is_some_and(|w| {
                ["is", "are", "was", "were", "be", "been", "being"]
                    .contains(&w.to_ascii_lowercase().as_str())
            }) && !text[verb.start..verb.end].ends_with("ing");
            if passive {
                return false;
            }
            let Some(subject) = words.by_ref().find(|w| {
                !w.is_empty()
                    && !BEFORE_ACTION
                        .iter()
                        .chain(&crate::time::WEEKDAYS)
                        .any(|b| w.eq_ignore_ascii_case(b))
                    && !w.ends_with("ly")
            }) else {
                return false;
            };
            let lower = subject.to_ascii_lowercase();
            let opens = words.next().is_none();
            let demonym = ["ans", "ians", "ese", "ons"]
                .iter()
                .any(|e| lower.ends_with(e));
            // A plural opening the sentence is a name only if the text capitalises it
            // elsewhere too ("Sanders", not "Consumers").
            let plural_opening =
                opens && lower.ends_with('s') && !capitalised_inside(text, subject);
            let named = subject.chars().next().is_some_and(char::is_uppercase)
                && !NOT_ACTORS.contains(&lower.as_str())
                && !demonym
                && !plural_opening;
            named || ACTOR_NOUNS.contains(&lower.as_str())
        })
}

/// A sentence whose own words only introduce a quotation ("…,” argues Professor X,
/// a specialist in …): the claim is the speaker's. Figures outside the quotation
/// still make it the author's claim.
fn is_attribution_frame(
    doc: &Document,
    sentence: Span,
    pieces: &[Span],
    phrases: &PhraseHits,
) -> bool {
    let quoted_part = pieces.iter().map(|p| p.len()).sum::<usize>() < sentence.len();
    quoted_part
        && pieces.iter().all(|p| {
            let t = p.slice(&doc.text);
            !t.bytes().any(|b| b.is_ascii_digit())
        })
        && pieces
            .iter()
            .any(|&p| phrases.sourcing(p).any(|h| h.lists & ATTRIBUTION != 0))
}

pub fn extract(
    doc: &Document,
    quotes: &[Quote],
    phrases: &PhraseHits,
    kinds: &figure_kind::KindWords,
) -> Vec<Claim> {
    let speech = speech_spans(doc, quotes);
    // An interview's "Q:" and "A:" paragraphs are the interviewer's and the
    // interviewee's words, not the author's claims.
    let sentences: Vec<&Sentence> = doc
        .body_sentences()
        .filter(|s| {
            let block = doc.blocks[s.block as usize]
                .span
                .slice(&doc.text)
                .trim_start();
            !(block.starts_with("Q:") || block.starts_with("A:"))
        })
        .collect();
    let constants = &data().constants;
    let own_pieces: Vec<Vec<Span>> = sentences.iter().map(|s| outside(s.span, &speech)).collect();
    let figures: Vec<Vec<Span>> = own_pieces
        .iter()
        .map(|pieces| {
            pieces
                .iter()
                .flat_map(|p| figures::figures(p.slice(&doc.text), p.start as usize, constants))
                .map(|f| f.span)
                // A figure in quotation marks is someone's words, even a scare quote.
                .filter(|f| !doc.quoted.iter().any(|q| q.outer.overlaps(*f)))
                .collect()
        })
        .collect();
    let sourcing = sourcing_all(doc, &sentences, &figures, phrases);
    let scorer = scorer();
    let mut claims = Vec::new();
    for (k, s) in sentences.iter().enumerate() {
        let pieces = &own_pieces[k];
        let own_words = pieces
            .iter()
            .map(|p| p.slice(&doc.text).split_whitespace().count())
            .sum::<usize>();
        if own_words < 4 || is_attribution_frame(doc, s.span, pieces, phrases) {
            continue;
        }
        let fired = scorer.fire(
            pieces
                .iter()
                .map(|&p| (p.slice(&doc.text), phrases.scorer_lists(p))),
        );
        let score = scorer.score(fired);
        if score < REPORT_FLOOR {
            continue;
        }
        let mut claim = Claim {
            span: s.span,
            checkworthy: score >= scorer.threshold,
            score,
            sourcing: sourcing[k].0,
            vague_source: sourcing[k].1,
            signals: scorer.reasons(fired),
            figures: figures[k].clone(),
            statistic: false,
        };
        claim.statistic = !figure_kind::figures_of_kind(
            &doc.text,
            kinds,
            &claim,
            figure_kind::FigureKind::Statistic,
        )
        .is_empty();
        claims.push(claim);
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{DocId, ParseOptions};

    fn doc(text: &str) -> Document {
        Document::parse(
            DocId(0),
            "a.txt".into(),
            text.as_bytes().to_vec(),
            &ParseOptions::default(),
        )
    }

    #[test]
    fn shipped_data_loads() {
        let d = ClaimsData::parse(CLAIMS_YAML).unwrap();
        Scorer::new(&d.scorer).unwrap();
        assert!(!scorer().signal_names().is_empty());
    }

    /// One sentence per signal of the shipped data: each must fire its signal, and a
    /// new signal needs an example here.
    #[test]
    fn every_signal_fires_on_its_example() {
        let examples = [
            ("number", "They built 40 ships."),
            ("year", "It happened in 1998."),
            ("proper_noun", "The talks in Geneva ended."),
            ("proper_nouns", "Leaders from France, Japan and Korea met."),
            ("question", "Why did the talks fail?"),
            ("short", "It failed."),
            ("long", "The agreement that the two governments signed after three long years of talks covers trade, energy, fisheries and the status of the northern islands."),
            ("percent", "Turnout fell by ten percent."),
            ("money", "The bridge cost more than expected."),
            ("quantity", "Two million people voted."),
            ("superlative", "It is the largest port in the region."),
            ("trend", "Exports have increased in frequency and scope."),
            ("causal", "Prices rose because of the drought."),
            ("history", "The dispute can be traced back to the 1960s."),
            ("record_action", "The senate passed the bill."),
            ("public_affairs", "Unemployment and inflation dominate the campaign."),
            ("group_stance", "Beijing wants to expand its influence."),
            ("opinion", "I think that is wrong."),
            ("prescriptive", "We must act now."),
            ("evaluative", "That would be a disaster."),
            ("conversational", "Thank you, Senator."),
            ("first_person_plural", "Our schools need help."),
        ];
        let s = scorer();
        for name in s.signal_names() {
            let Some((_, text)) = examples.iter().find(|(n, _)| n == name) else {
                panic!("signal `{name}` has no example in this test");
            };
            let i = s.signal_names().iter().position(|n| n == name).unwrap();
            assert!(
                fire_sentence(text).has(i),
                "`{name}` did not fire on {text:?}"
            );
        }
    }

    #[test]
    fn statistics_outscore_opinions() {
        let (stat, signals) =
            score_sentence("Unemployment rose to 7.8 percent last year, the highest since 1982.");
        let (opinion, _) = score_sentence("I think we ought to do better.");
        assert!(stat > opinion, "{stat} vs {opinion}");
        assert!(signals.contains(&"number"), "{signals:?}");
    }

    #[test]
    fn sourcing_strong_vague_and_none() {
        let sourcing_in =
            |text: &str| PhraseHits::of(text).sourcing_in(text, Span::new(0, text.len()));
        assert_eq!(
            sourcing_in("Exports fell 4%, according to the statistics office."),
            Sourcing::Sourced
        );
        assert_eq!(
            sourcing_in("Exports fell 4%, the ministry said."),
            Sourcing::Sourced
        );
        assert_eq!(
            sourcing_in("Exports fell 4%, according to reports."),
            Sourcing::Weak
        );
        assert_eq!(sourcing_in("Experts say exports fell 4%."), Sourcing::Weak);
        assert_eq!(sourcing_in("Exports fell 4% in 2025."), Sourcing::None);
    }

    #[test]
    fn named_source_nouns_source_and_unnamed_ones_are_vague() {
        let sourcing_in =
            |text: &str| PhraseHits::of(text).sourcing_in(text, Span::new(0, text.len()));
        for sourced in [
            "A new Harbour Institute poll showed Okafor leading 43 percent to 41.",
            "Statistics agency figures show more than 12,000 travellers.",
            "The pier cost $4 million, city documents say.",
            "The port authority's data put the backlog at 3,400 containers.",
            "A 2019 study by the Coastal Trust found that 28% of boats are old.",
            "The survey found that 12% were undecided.",
            "The Gazette found that 12% were undecided.",
        ] {
            assert_eq!(sourcing_in(sourced), Sourcing::Sourced, "{sourced}");
        }
        for vague in [
            "A poll from the northern district showed Okafor with a 17-point lead.",
            "Recent polls show the levy losing by 9 points.",
            "One study found that 28% of boats are old.",
        ] {
            assert_eq!(sourcing_in(vague), Sourcing::Weak, "{vague}");
        }
    }

    /// The claims with figures that `text` leaves without a source.
    fn unsourced_figure_claims(text: &str) -> Vec<String> {
        let d = doc(text);
        let claims = extract(
            &d,
            &[],
            &PhraseHits::of(&d.text),
            &crate::extract::lexicons::for_tests().figure_kinds,
        );
        claims
            .iter()
            .filter(|c| c.sourcing == Sourcing::None && !c.figures.is_empty())
            .map(|c| c.span.slice(&d.text).to_string())
            .collect()
    }

    #[test]
    fn neighbours_restated_figures_and_poll_results_are_sourced() {
        assert_eq!(
            unsourced_figure_claims("The ferry carried 1.2 million passengers. The operator said numbers fell.\n\nThe catch was 41,000 tonnes, the fisheries office said.\n\nThose 41,000 tonnes were the smallest catch since 1990.\n\nA Harbour Institute poll found Okafor ahead.\n\nAmong women, 52 percent back her.\n\nThe bridge will cost $80 million.\n"),
            ["The bridge will cost $80 million."]
        );
    }

    #[test]
    fn a_share_of_people_holding_a_view_is_a_poll_result_not_a_source() {
        let sourcing_in =
            |text: &str| PhraseHits::of(text).sourcing_in(text, Span::new(0, text.len()));
        assert_eq!(
            sourcing_in("Only 32 percent of voters opposed the levy."),
            Sourcing::None
        );
        assert_eq!(
            sourcing_in("A majority of residents say the ferry is late."),
            Sourcing::None
        );
        assert_eq!(
            sourcing_in("Only 32 percent of voters opposed the levy, the council said."),
            Sourcing::Sourced
        );
        assert_eq!(
            sourcing_in("A majority of the claims were rated false by the panel."),
            Sourcing::Sourced
        );
    }

    #[test]
    fn changes_are_not_poll_shares() {
        let share = |text: &str, figure: &str| {
            let at = text.find(figure).unwrap();
            is_share(text, Span::new(at, at + figure.len()))
        };
        assert!(share("Okafor leads with 46 percent.", "46 percent"));
        assert!(share("She leads by 5 points.", "5 points"));
        assert!(!share(
            "Turnout was up more than 70 percent from 2008.",
            "70 percent"
        ));
        assert!(!share("Sales rose 12% in May.", "12%"));
        assert!(!share(
            "Support is 40 percent since the vote.",
            "40 percent"
        ));
    }

    #[test]
    fn figures_of_a_sourced_report_a_company_or_a_market_are_on_record() {
        assert_eq!(
            unsourced_figure_claims("Harbour Foods reported a 12% rise in profit.\n\nThird-quarter sales rose 8% to £410m.\n\nLenovo's profit was $42m.\n\nIts shares fell 3% on Monday.\n\nThe bridge will cost $80 million.\n"),
            ["The bridge will cost $80 million."]
        );
    }

    #[test]
    fn interview_lines_are_not_the_authors_claims() {
        let d = doc("Q: Is it true that 40% of ferries run late?\n\nA: Nearer 30%, and the timetable is to blame.\n\nThe bridge will cost $80 million.\n");
        let claims = extract(
            &d,
            &[],
            &PhraseHits::of(&d.text),
            &crate::extract::lexicons::for_tests().figure_kinds,
        );
        let texts: Vec<&str> = claims.iter().map(|c| c.span.slice(&d.text)).collect();
        assert_eq!(texts, ["The bridge will cost $80 million."]);
    }

    #[test]
    fn quoted_speech_is_not_the_authors_claim() {
        let d = doc("The minister said: \"We deployed 7,000 personnel, the largest force since 1945.\"\n\nThe deployment cost $3 billion, the largest since 1945.\n");
        let claims = extract(
            &d,
            &[],
            &PhraseHits::of(&d.text),
            &crate::extract::lexicons::for_tests().figure_kinds,
        );
        let texts: Vec<&str> = claims.iter().map(|c| c.span.slice(&d.text)).collect();
        assert!(texts.iter().all(|t| !t.contains("7,000")), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("$3 billion")), "{texts:?}");
    }

    #[test]
    fn links_and_footnotes_source_a_sentence() {
        let d = doc("Defence spending rose 9% in 2025.[^1] It doubled since 2015, per [SIPRI](https://sipri.org/x).\n\n[^1]: SIPRI yearbook.\n");
        let claims = extract(
            &d,
            &[],
            &PhraseHits::of(&d.text),
            &crate::extract::lexicons::for_tests().figure_kinds,
        );
        assert!(!claims.is_empty());
        assert!(
            claims.iter().all(|c| c.sourcing == Sourcing::Sourced),
            "{claims:?}"
        );
    }

    #[test]
    fn outside_cuts_holes() {
        let holes = [Span { start: 2, end: 4 }, Span { start: 6, end: 12 }];
        assert_eq!(
            outside(Span { start: 0, end: 10 }, &holes),
            [Span { start: 0, end: 2 }, Span { start: 4, end: 6 }]
        );
    }
}
