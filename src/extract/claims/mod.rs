//! Check-worthy claims: every sentence of the article's own prose is scored by a
//! transparent weighted signal set (see [`scorer`]) on its words outside quotations,
//! and its sourcing is read from attribution cues, footnote markers and links in it or
//! beside it. Words inside a quotation are the speaker's claim, not the author's.

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
    pub vague: Vec<String>,
    pub documents: Vec<String>,
    /// Nouns of a document or dataset ("poll", "figures"): a source when something
    /// names them (see [`shown`]).
    pub source_nouns: Vec<String>,
    /// Verbs of showing after a source noun ("showed", "found", "say").
    pub showing: Vec<String>,
    /// Words of polling: once a poll is attributed, the shares that follow are its.
    pub polls: Vec<String>,
}

impl ClaimsData {
    pub fn parse(yaml: &str) -> Result<ClaimsData, String> {
        crate::rules::spec::parse_yaml("claims.yaml", yaml).map_err(|e| e.to_string())
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
            &s.documents,
            &s.source_nouns,
            &s.showing,
            &s.polls,
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
const VAGUE: u64 = 2;
const DOCUMENT: u64 = 4;
const SOURCE_NOUN: u64 = 8;
const SHOWING: u64 = 16;
const POLL: u64 = 32;
const SOURCING_LISTS: usize = 6;

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

    /// The sourcing hits in `span`, with the sourcing lexicon's bits.
    fn sourcing(&self, span: Span) -> impl Iterator<Item = Hit> + '_ {
        let shift = MODEL.scorer.list_count();
        self.within(span).filter_map(move |h| {
            let lists = (h.lists >> shift) & ((1 << SOURCING_LISTS) - 1);
            (lists != 0).then_some(Hit { lists, ..*h })
        })
    }

    /// Whether `span` speaks of a poll or survey.
    fn mentions_poll(&self, span: Span) -> bool {
        self.sourcing(span).any(|h| h.lists & POLL != 0)
    }

    /// How `span` of `text` (the text these hits were found in) is sourced by its
    /// own words: its attribution and document phrases (see [`sourcing_of`]), or a
    /// source noun it names (see [`shown::shown_by`]).
    pub fn sourcing_in(&self, text: &str, span: Span) -> Sourcing {
        let hits: Vec<Hit> = self.sourcing(span).collect();
        match sourcing_of(hits.iter().copied()) {
            Sourcing::Sourced => Sourcing::Sourced,
            by_phrases => match shown::shown_by(text, span.start as usize, &hits) {
                Sourcing::None => by_phrases,
                by_nouns => by_nouns,
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
/// attribution is part of a vague phrase ("according to reports").
fn sourcing_of(hits: impl IntoIterator<Item = Hit>) -> Sourcing {
    let mut vague: Vec<(usize, usize)> = Vec::new();
    let mut strong: Vec<(usize, usize)> = Vec::new();
    for h in hits {
        if h.lists & VAGUE != 0 {
            vague.push((h.start, h.end));
        } else if h.lists & (ATTRIBUTION | DOCUMENT) != 0 {
            strong.push((h.start, h.end));
        }
    }
    let inside_vague = |&(s, e): &(usize, usize)| vague.iter().any(|&(vs, ve)| vs <= s && e <= ve);
    if strong.iter().any(|h| !inside_vague(h)) {
        Sourcing::Sourced
    } else if !vague.is_empty() {
        Sourcing::Weak
    } else {
        Sourcing::None
    }
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
/// "one in three", "double digits").
fn is_share(figure: &str) -> bool {
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
    ]
    .iter()
    .any(|p| f.contains(p))
}

/// Sourcing of every sentence in `sentences` (body sentences in order), given the
/// statistics each states. A sentence is sourced by its own attribution, a footnote
/// marker or link in it or right after it, an attributed sentence beside it in its
/// paragraph, an "X reports:" that opens a quotation just before or after it, a reported
/// statement it continues ("They also pledged …"), when every figure it states was
/// stated by an earlier sourced sentence, or when its figures are all shares and an
/// attributed poll came before.
fn sourcing_all(
    doc: &Document,
    sentences: &[&Sentence],
    figures: &[Vec<Span>],
    phrases: &PhraseHits,
) -> Vec<Sourcing> {
    let own: Vec<Sourcing> = sentences
        .iter()
        .map(|s| phrases.sourcing_in(&doc.text, s.span))
        .collect();
    let attributed = |k: usize| own[k] == Sourcing::Sourced;
    let mut sourced_figures: Vec<String> = Vec::new();
    // An attributed poll: the shares stated after it are its results.
    let mut poll_attributed = false;
    let mut out: Vec<Sourcing> = Vec::with_capacity(sentences.len());
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
            && figures[k].iter().all(|f| is_share(f.slice(&doc.text)));
        // Both lists are in text order: only those near the sentence are looked at
        // (a scan of all of them per sentence was quadratic).
        let refs = &doc.footnote_refs[doc
            .footnote_refs
            .partition_point(|f| f.span.start < reach.start)..];
        let links = &doc.links[doc
            .links
            .partition_point(|l| l.span.start < s.span.start)
            .saturating_sub(1)..];
        let sourced = refs
            .iter()
            .inspect(|_| crate::adversarial::step(1))
            .take_while(|f| f.span.start <= reach.end)
            .any(|f| reach.contains(f.span))
            || links
                .iter()
                .inspect(|_| crate::adversarial::step(1))
                .take_while(|l| l.span.start < s.span.end.max(s.span.start + 1))
                .any(|l| l.span.overlaps(s.span))
            || attributed(k)
            || next.is_some() && attributed(k + 1)
            || introduced
            || k > 0 && out[k - 1] == Sourcing::Sourced && continues_statement(text)
            || restated
            || poll_result;
        if sourced {
            sourced_figures.extend(digits);
        }
        poll_attributed |= attributed(k) && phrases.mentions_poll(s.span);
        out.push(if sourced { Sourcing::Sourced } else { own[k] });
    }
    out
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

pub fn extract(doc: &Document, quotes: &[Quote], phrases: &PhraseHits) -> Vec<Claim> {
    let speech = speech_spans(doc, quotes);
    let sentences: Vec<&Sentence> = doc.body_sentences().collect();
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
        claims.push(Claim {
            span: s.span,
            checkworthy: score >= scorer.threshold,
            score,
            sourcing: sourcing[k],
            signals: scorer.reasons(fired),
            figures: figures[k].clone(),
        });
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

    #[test]
    fn neighbours_restated_figures_and_poll_results_are_sourced() {
        let d = doc("The ferry carried 1.2 million passengers. The operator said numbers fell.\n\nThe catch was 41,000 tonnes, the fisheries office said.\n\nThose 41,000 tonnes were the smallest catch since 1990.\n\nA Harbour Institute poll found Okafor ahead.\n\nAmong women, 52 percent back her.\n\nThe bridge will cost $80 million.\n");
        let claims = extract(&d, &[], &PhraseHits::of(&d.text));
        let unsourced: Vec<&str> = claims
            .iter()
            .filter(|c| c.sourcing != Sourcing::Sourced && !c.figures.is_empty())
            .map(|c| c.span.slice(&d.text))
            .collect();
        assert_eq!(unsourced, ["The bridge will cost $80 million."]);
    }

    #[test]
    fn quoted_speech_is_not_the_authors_claim() {
        let d = doc("The minister said: \"We deployed 7,000 personnel, the largest force since 1945.\"\n\nThe deployment cost $3 billion, the largest since 1945.\n");
        let claims = extract(&d, &[], &PhraseHits::of(&d.text));
        let texts: Vec<&str> = claims.iter().map(|c| c.span.slice(&d.text)).collect();
        assert!(texts.iter().all(|t| !t.contains("7,000")), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("$3 billion")), "{texts:?}");
    }

    #[test]
    fn links_and_footnotes_source_a_sentence() {
        let d = doc("Defence spending rose 9% in 2025.[^1] It doubled since 2015, per [SIPRI](https://sipri.org/x).\n\n[^1]: SIPRI yearbook.\n");
        let claims = extract(&d, &[], &PhraseHits::of(&d.text));
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
