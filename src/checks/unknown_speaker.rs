//! `unknown_speaker`: a named speaker nothing lets a reader check.

use super::unattributed_quote::quote_excerpt;
use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::extract::lexicons::Lexicons;
use crate::doc::{DocId, Document, Span};
use crate::extract::quotes::resolve::is_person_name;
use crate::extract::{Claim, Needs, Quote, QuoteKind, Sourcing, Speaker};
use crate::index::CorpusIndex;
use serde::Deserialize;
use std::collections::BTreeSet;

pub const DOCS: &str = "\
## What it checks
Direct quotes from a named expert or official (a role or affiliation is stated, or
a title such as Dr. or Professor) whom a reader has no way to check: nothing in the
article says when, where, to whom or in what document any of that person's quotes
was said (no “told Reuters”, “in a statement”, “at a news conference”, “said
Monday”, no link, in any paragraph that quotes them; in news copy, whose prose dates
its events by the day, a quote reported as a past speech event, “said” or “told”,
was said on the story's day and has that occasion), the article cites no other
source at all (no link, no “according to”, no “told”, no statement, interview or
briefing anywhere, no reported speech such as “the minister said the plan …”), the
name is not in the people list (rules/data/people.yaml) and no other document of the
run or of the `--corpus` archive names them; and the article sources almost none of
its check-worthy claims (at most `sourced_share` of them; a byline does not make an
expert checkable). One finding per speaker and document.

## Why it matters
“Dr. X, a Senior Fellow at Y, notes” in an article that cites nothing is the shape of
an invented or misremembered expert. A named official quoted with an occasion, or
quoted by an article that otherwise shows where its material comes from, can be
checked by a reader and is how real reporting identifies sources.

## Flagged
“This changes everything,” notes Dr. Ilse Marquardt, a senior fellow at an institute,
in an article that names no occasion and cites no source anywhere.

## Not flagged
A speaker with an occasion in any paragraph that quotes them (“said” in news copy
dated by the day counts); any speaker in an
article that cites its sources elsewhere or sources its claims; officials in the people list; speakers
named in other documents; private people quoted with no role (vox pops); anonymous
sources, organisations and unresolved pronouns (other rules cover them).

## Params
- `min_words` (default 5): shorter quotes are ignored.
- `occasion_words`: words that state an occasion in a paragraph quoting the speaker
  (default: statement, interview, conference, briefing, hearing, speech, press, told,
  tweet, wrote, weekdays and months; a year also counts).
- `sourcing_words`: words anywhere in the article that show it cites sources
  (default: told, according, statement, interview, conference, briefing, hearing,
  reported, tweeted, wrote, email, emailed, posted; not “said”, which every quote
  has).
- `reported_speech_words`: verbs of saying that, in a sentence with no quotation
  (reported speech, “the minister said the plan was sound”), show the article
  attributes its material (default: said, says, added, announced, confirmed, stated,
  insisted).
- `sourced_share` (default 0.1): an article more than this share of whose
  check-worthy claims are sourced (rules/data/claims.yaml's sourcing) cites sources.
- `event_cues`: cues that report a past speech event (default: said, told, added,
  explained, replied, answered, recalled, insisted, warned, stressed, admitted,
  confirmed, announced, declared); present-tense commentary (“notes”, “argues”) is
  not one.
- `news_day_words`: words of the article's prose that make it news copy, dated by
  the day (default: weekdays, yesterday, today, tonight).";

pub const PLACEHOLDERS: &[&str] = &["speaker", "quote"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_min_words")]
    pub min_words: usize,
    #[serde(default = "default_occasion_words")]
    pub occasion_words: Vec<String>,
    #[serde(default = "default_sourcing_words")]
    pub sourcing_words: Vec<String>,
    #[serde(default = "default_reported_speech_words")]
    pub reported_speech_words: Vec<String>,
    #[serde(default = "default_sourced_share")]
    pub sourced_share: f64,
    #[serde(default = "default_event_cues")]
    pub event_cues: Vec<String>,
    #[serde(default = "default_news_day_words")]
    pub news_day_words: Vec<String>,
}

fn default_event_cues() -> Vec<String> {
    [
        "said", "told", "added", "explained", "replied", "answered", "recalled", "insisted",
        "warned", "stressed", "admitted", "confirmed", "announced", "declared",
    ]
    .map(String::from)
    .to_vec()
}

fn default_news_day_words() -> Vec<String> {
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "yesterday", "today", "tonight",
    ]
    .map(String::from)
    .to_vec()
}

fn default_sourced_share() -> f64 {
    0.1
}

fn default_min_words() -> usize {
    5
}

fn default_occasion_words() -> Vec<String> {
    [
        "statement", "interview", "conference", "briefing", "hearing", "speech", "press",
        "told", "tweet", "tweeted", "wrote", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december",
    ]
    .map(String::from)
    .to_vec()
}

fn default_sourcing_words() -> Vec<String> {
    [
        "told", "according", "statement", "interview", "conference", "briefing", "hearing",
        "reported", "tweeted", "wrote", "email", "emailed", "posted",
    ]
    .map(String::from)
    .to_vec()
}

fn default_reported_speech_words() -> Vec<String> {
    ["said", "says", "added", "announced", "confirmed", "stated", "insisted"]
        .map(String::from)
        .to_vec()
}

pub struct UnknownSpeaker {
    min_words: usize,
    occasion_words: BTreeSet<String>,
    sourcing_words: BTreeSet<String>,
    reported_speech_words: BTreeSet<String>,
    sourced_share: f64,
    event_cues: BTreeSet<String>,
    news_day_words: BTreeSet<String>,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.min_words == 0 {
        return Err(CompileError::new("min_words", "must be at least 1"));
    }
    if !(0.0..=1.0).contains(&p.sourced_share) {
        return Err(CompileError::new("sourced_share", "must be in [0, 1]"));
    }
    Ok(Compiled::Doc(Box::new(UnknownSpeaker {
        min_words: p.min_words,
        sourced_share: p.sourced_share,
        occasion_words: p.occasion_words.iter().map(|w| w.to_lowercase()).collect(),
        sourcing_words: p.sourcing_words.iter().map(|w| w.to_lowercase()).collect(),
        reported_speech_words: p
            .reported_speech_words
            .iter()
            .map(|w| w.to_lowercase())
            .collect(),
        event_cues: p.event_cues.iter().map(|w| w.to_lowercase()).collect(),
        news_day_words: p.news_day_words.iter().map(|w| w.to_lowercase()).collect(),
    })))
}

impl UnknownSpeaker {
    /// Whether more than `sourced_share` of the check-worthy claims are sourced.
    fn sources_claims(&self, claims: &[Claim]) -> bool {
        let worthy = claims.iter().filter(|c| c.checkworthy);
        let (total, sourced) = worthy.fold((0usize, 0usize), |(t, s), c| {
            (t + 1, s + usize::from(c.sourcing == Sourcing::Sourced))
        });
        total > 0 && sourced as f64 > self.sourced_share * total as f64
    }

    /// Whether the quote states when, where or to whom it was said. In news copy (an
    /// article whose prose dates its events by the day: "on Thursday") a quote
    /// reported as a past speech event ("said", "told") was said to the reporter or in
    /// public on the story's day: that is its occasion. Commentary in the present
    /// ("notes", "argues") in an undated piece has none.
    /// Paragraphs are read once each (`read`).
    fn has_occasion(
        &self,
        d: &Document,
        q: &Quote,
        s: &Speaker,
        news_copy: bool,
        read: &mut Paragraphs,
    ) -> bool {
        if s.occasion.is_some() {
            return true;
        }
        let event = q
            .cue
            .as_ref()
            .is_some_and(|c| self.event_cues.contains(&c.text.to_lowercase()));
        if news_copy && event {
            return true;
        }
        let Some(block) = d.block_at(q.span.start) else {
            return false;
        };
        let (linked, occasions) = read.entry(block.span.start).or_insert_with(|| {
            let linked = d.links.iter().any(|l| block.span.overlaps(l.span));
            (linked, self.occasions_in(&d.text, block.span))
        });
        // A quote left open may run past its paragraph.
        let quote_end = q.span.end.min(block.span.end);
        *linked
            || occasions
                .iter()
                .any(|w| w.end <= q.span.start || quote_end <= w.start)
    }

    /// The words of `span` that state an occasion: an occasion word or a year
    /// ("wrote in 2015").
    fn occasions_in(&self, text: &str, span: Span) -> Vec<Span> {
        let mut found = Vec::new();
        let mut word_start = None;
        let words = span.slice(text);
        crate::adversarial::step(words.len());
        for (i, c) in words.char_indices().chain([(words.len(), ' ')]) {
            if c.is_alphanumeric() {
                word_start.get_or_insert(i);
                continue;
            }
            let Some(from) = word_start.take() else { continue };
            let w = &words[from..i];
            if self.occasion_words.contains(&w.to_lowercase())
                || (w.len() == 4
                    && w.chars().all(|c| c.is_ascii_digit())
                    && (w.starts_with("19") || w.starts_with("20")))
            {
                found.push(Span::new(span.start as usize + from, span.start as usize + i));
            }
        }
        found
    }
}

/// Per paragraph (by its start): whether it holds a link, and its occasion words.
/// Read once per paragraph, not once per quote (a paragraph of many quotes was
/// quadratic).
type Paragraphs = std::collections::HashMap<u32, (bool, Vec<Span>)>;

/// A title before the name that claims expertise: "Dr. Ilse Marquardt".
fn has_expert_title(mention: &str) -> bool {
    mention.split_whitespace().next().is_some_and(|w| {
        matches!(
            w.trim_end_matches('.').to_lowercase().as_str(),
            "dr" | "prof" | "professor" | "doctor"
        )
    })
}

/// The outermost quotations of the body, sorted.
fn quotations(d: &Document) -> Vec<crate::doc::Span> {
    let mut quoted: Vec<crate::doc::Span> = d
        .quoted
        .iter()
        .filter(|q| q.depth == 0)
        .map(|q| q.outer)
        .collect();
    quoted.sort();
    quoted
}

/// The article's own prose: the body outside its quotations.
fn prose(d: &Document, quoted: &[crate::doc::Span]) -> Vec<crate::doc::Span> {
    let mut from = d.body.start as usize;
    let mut prose = Vec::new();
    for q in quoted {
        if q.start as usize > from {
            prose.push(crate::doc::Span::new(from, q.start as usize));
        }
        from = from.max(q.end as usize);
    }
    if from < d.body.end as usize {
        prose.push(crate::doc::Span::new(from, d.body.end as usize));
    }
    prose
}

/// Whether any word of the article's own prose is in `words`.
fn prose_has_word(d: &Document, prose: &[crate::doc::Span], words: &BTreeSet<String>) -> bool {
    prose.iter().any(|s| {
        s.slice(&d.text)
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| words.contains(&w.to_lowercase()))
    })
}

/// Whether the article shows anywhere where its material comes from: a link, a
/// sourcing word in its own prose (outside quotations), or reported speech.
fn cites_sources(
    d: &Document,
    sourcing_words: &BTreeSet<String>,
    reported_speech_words: &BTreeSet<String>,
) -> bool {
    if !d.links.is_empty() {
        return true;
    }
    let quoted = quotations(d);
    let sourced_word = prose_has_word(d, &prose(d, &quoted), sourcing_words);
    // Reported speech: a verb of saying in a sentence with no quotation ("The
    // minister said the plan was sound").
    let reported = d.sentences.iter().any(|s| {
        !quoted.iter().any(|q| q.overlaps(s.span))
            && s.span
                .slice(&d.text)
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| reported_speech_words.contains(&w.to_lowercase()))
    });
    sourced_word || reported
}

/// Per document; each hit is dropped by the engine when another document of the run
/// or archive names the speaker (the corpus index's person names).
impl DocCheck for UnknownSpeaker {
    fn needs(&self) -> Needs {
        Needs::QUOTES.union(Needs::CLAIMS)
    }

    fn reads_corpus(&self) -> bool {
        true
    }

    fn holds_in_corpus(
        &self,
        person: &str,
        doc: DocId,
        index: &CorpusIndex,
        lexicons: &Lexicons,
    ) -> bool {
        !index.quotes.mentioned_elsewhere(person, doc, &lexicons.cues)
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        // An article that shows its sources elsewhere lets a reader check its
        // speakers the same way: only one that cites nothing is judged.
        // Sourced claims show it too; a byline does not: invented experts come with
        // bylines as easily as without.
        if self.sources_claims(&cx.facts.claims)
            || cites_sources(cx.doc, &self.sourcing_words, &self.reported_speech_words)
        {
            return;
        }
        let people = &cx.lexicons.people;
        let text = &cx.doc.text;
        let news_copy = prose_has_word(cx.doc, &prose(cx.doc, &quotations(cx.doc)), &self.news_day_words);
        // Speakers already judged in this document (one finding per speaker), and
        // whether any of their quotes had an occasion.
        let mut judged: Vec<(String, bool)> = Vec::new();
        let mut candidates: Vec<(String, &Quote, &Speaker)> = Vec::new();
        let mut paragraphs = Paragraphs::new();
        for q in cx.facts.quotes.iter().filter(|q| q.kind == QuoteKind::Direct) {
            let Some(s) = q.speaker.as_ref().filter(|s| !s.anonymous) else {
                continue;
            };
            let Some(name) = s.resolved.clone().filter(|n| is_person_name(n)) else {
                continue;
            };
            // Any quote of the person can give the occasion, under whatever mention
            // ("the minister said at a briefing").
            let occasion = self.has_occasion(cx.doc, q, s, news_copy, &mut paragraphs);
            match judged.iter_mut().find(|(n, _)| *n == name) {
                Some((_, seen)) => *seen |= occasion,
                None => judged.push((name.clone(), occasion)),
            }
            // Only experts and officials: a role or an academic title is what makes a
            // quote carry authority the reader cannot check (a vox pop does not).
            if s.role.is_none() && !has_expert_title(&s.name) {
                continue;
            }
            let long = q.words(text).split_whitespace().count() >= self.min_words;
            if long && !candidates.iter().any(|(n, _, _)| *n == name) {
                candidates.push((name, q, s));
            }
        }
        for (name, q, s) in candidates {
            let with_occasion = judged.iter().any(|(n, o)| *n == name && *o);
            if with_occasion || people.resolve(&name).is_some() {
                continue;
            }
            // The name the reader should look up, with the role the article gives.
            let speaker = match &s.role {
                Some(role) => format!("{name} ({role})"),
                None => name.clone(),
            };
            out.push(
                Hit::new(q.span)
                    .var("speaker", speaker)
                    .var("quote", quote_excerpt(&q.words(text)))
                    .unless_named_elsewhere(&name),
            );
        }
    }
}
