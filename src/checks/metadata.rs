//! `metadata`: what a reader needs to judge a piece — who wrote it, when, who
//! published it, and whether it is opinion.

use super::{is_whole_word, phrase_matcher, CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::meta::BlockKind;
use crate::doc::segment::word_count;
use crate::doc::{Document, Span};
use crate::extract::Needs;
use aho_corasick::AhoCorasick;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
One piece of metadata, chosen by `require`: `byline` (an author), `date` (a stated
publication date: front matter, HTML meta, citation block, dateline or copyright line;
an estimate from the text does not count), `publisher`, or `opinion_label` (a piece
that argues a position carries a label such as Opinion, Analysis or Commentary, or an
authors'-views disclaimer).

For `opinion_label`, only the author's own voice counts: text outside quotation marks,
in sentences that do not report speech (\"said\", \"according to\") and in paragraphs
that are not quotations or transcript lines. Four kinds of argument are counted there:
stance (`opinion_markers`: \"I think\", \"make no mistake\"), verdicts
(`evaluative_words`: \"bogus\", \"shameful\"), sentences that tell the reader what to do
(`imperative_openers`: \"Consider\", \"Don't\") and, with `count_questions`, questions
put to the reader. The piece reads as opinion when the markers are dense enough, of at
least `min_kinds` kinds (one kind is enough at three times the density); or when one sentence alone carries `passage_markers` verdicts
(an editor's note calling someone a liar inside a news report). The finding points at
the sentence that argues hardest.

With `require: publisher`, a document that also lacks a byline gets the finding at no
cost: both are usually one stripped header, and the missing byline carries the cost.

With `require: date`, the finding also counts the relative time expressions (\"on
Friday\", \"last year\") the missing date leaves unanchored: one finding for one cause.

## Why it matters
Readers and editors weigh a claim by who made it, when, and in what capacity. An
opinion piece presented as news misleads.

## Flagged
An article with no byline; an essay dense with “we must” and “undoubtedly” and no
label; an unsigned editorial that asks the reader questions and calls a claim bogus.

## Not flagged
Metadata stated in front matter, a byline, an author line, a credit line, a sign-off,
a citation block or a copyright line. A news report that quotes opinions, however
strong: quoted and reported words are not the author's voice.

## Params
- `require`: `byline` | `date` | `publisher` | `opinion_label`.
- `opinion_markers`, `evaluative_words`, `imperative_openers` (opinion_label only):
  phrases, matched as whole words, case-insensitively; openers only at the start of a
  sentence.
- `count_questions` (opinion_label only, default false): count the author's questions.
- `min_markers_per_1000_words` (opinion_label only, default 4): density of markers in
  the author's own words above which the piece counts as opinion.
- `min_markers` (default 4) and `min_kinds` (default 2): at least this many markers, of
  at least this many kinds.
- `passage_markers` (default 0, off): this many stance or verdict markers in one
  sentence flag the piece on their own.
- `reported_speech_cues` (opinion_label only): sentences containing one of these
  (“said”, “according to”) report someone else's view and are not counted.";

pub const PLACEHOLDERS: &[&str] = &["density", "evidence", "unanchored"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub require: Field,
    #[serde(default)]
    pub opinion_markers: Vec<String>,
    #[serde(default)]
    pub evaluative_words: Vec<String>,
    #[serde(default)]
    pub imperative_openers: Vec<String>,
    #[serde(default)]
    pub count_questions: bool,
    #[serde(default = "default_density")]
    pub min_markers_per_1000_words: f64,
    #[serde(default = "default_min_markers")]
    pub min_markers: usize,
    #[serde(default = "default_min_kinds")]
    pub min_kinds: usize,
    #[serde(default)]
    pub passage_markers: usize,
    /// Sentences with one of these are reported speech, not the author's voice.
    #[serde(default)]
    pub reported_speech_cues: Vec<String>,
}

fn default_density() -> f64 {
    4.0
}

fn default_min_markers() -> usize {
    4
}

fn default_min_kinds() -> usize {
    2
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Byline,
    Date,
    Publisher,
    OpinionLabel,
}

/// What the opinion test reads, compiled once.
struct OpinionTest {
    stance: Option<AhoCorasick>,
    evaluative: Option<AhoCorasick>,
    imperatives: Option<AhoCorasick>,
    reported_speech: Option<AhoCorasick>,
    count_questions: bool,
    min_density: f64,
    min_markers: usize,
    min_kinds: usize,
    passage_markers: usize,
}

pub struct Metadata {
    require: Field,
    opinion: Option<OpinionTest>,
}

fn optional_matcher(phrases: &[String], key: &'static str) -> Result<Option<AhoCorasick>, CompileError> {
    if phrases.is_empty() {
        Ok(None)
    } else {
        phrase_matcher(phrases, key).map(Some)
    }
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    let has_opinion_params = !p.opinion_markers.is_empty()
        || !p.evaluative_words.is_empty()
        || !p.imperative_openers.is_empty()
        || p.count_questions;
    let opinion = match (p.require, has_opinion_params) {
        (Field::OpinionLabel, false) => {
            return Err(CompileError::new("opinion_markers", "`require: opinion_label` needs opinion_markers, evaluative_words, imperative_openers or count_questions"))
        }
        (Field::OpinionLabel, true) => {
            if p.min_markers_per_1000_words.is_nan() || p.min_markers_per_1000_words <= 0.0 {
                return Err(CompileError::new("min_markers_per_1000_words", "must be positive"));
            }
            if !(1..=4).contains(&p.min_kinds) {
                return Err(CompileError::new("min_kinds", "must be between 1 and 4 (stance, verdicts, imperatives, questions)"));
            }
            Some(OpinionTest {
                stance: optional_matcher(&p.opinion_markers, "opinion_markers")?,
                evaluative: optional_matcher(&p.evaluative_words, "evaluative_words")?,
                imperatives: optional_matcher(&p.imperative_openers, "imperative_openers")?,
                reported_speech: optional_matcher(&p.reported_speech_cues, "reported_speech_cues")?,
                count_questions: p.count_questions,
                min_density: p.min_markers_per_1000_words,
                min_markers: p.min_markers.max(1),
                min_kinds: p.min_kinds,
                passage_markers: p.passage_markers,
            })
        }
        (_, true) => return Err(CompileError::new("opinion_markers", "opinion markers only apply to `require: opinion_label`")),
        (_, false) => None,
    };
    Ok(Compiled::Doc(Box::new(Metadata { require: p.require, opinion })))
}

impl DocCheck for Metadata {
    fn needs(&self) -> Needs {
        if self.require == Field::Date {
            Needs::DATES
        } else {
            Needs::NONE
        }
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let m = &doc.metadata;
        // Document-level findings point at the start of the article.
        let at = Span::new(doc.body.start as usize, doc.body.start as usize);
        match self.require {
            Field::Byline if m.authors.is_empty() => out.push(Hit::new(at)),
            // A front-matter date that cannot be read is one `input.front-matter`
            // finding, not a second one saying no date is stated.
            Field::Date
                if (m.published.is_none() || m.published_from == Some("estimate"))
                    && doc
                        .front_matter
                        .as_ref()
                        .is_none_or(|f| f.date_problem.is_none()) =>
            {
                out.push(Hit::new(at).var("unanchored", unanchored_times(cx)));
            }
            Field::Publisher if m.publisher.is_none() => {
                // No byline and no publisher are usually one stripped header: the
                // missing-byline finding carries the cost, this one is a note.
                let mut hit = Hit::new(at);
                if m.authors.is_empty() {
                    hit.scale = 0.0;
                }
                out.push(hit);
            }
            Field::OpinionLabel if m.genre_label.is_none() => {
                if let Some(test) = &self.opinion {
                    out.extend(test.run(doc));
                }
            }
            _ => {}
        }
    }
}

/// What the missing date costs the reader: the relative times of the prose it leaves
/// unanchored, counted and quoted once, in this one finding.
fn unanchored_times(cx: &DocContext) -> String {
    let doc = cx.doc;
    let mut times = cx.facts.dates.iter().filter(|d| d.unresolved && doc.in_body(d.span.start));
    let Some(first) = times.next() else {
        return "the text has no relative times that depend on it".to_string();
    };
    let first = first.span.slice(&doc.text);
    match times.count() {
        0 => format!("“{first}” cannot be placed on a calendar"),
        n => format!("{} relative times such as “{first}” cannot be placed on a calendar", n + 1),
    }
}

/// The kinds of argument the opinion test counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    Stance,
    Verdict,
    Imperative,
    Question,
}

/// A sentence of the author's own voice with its markers.
struct Voiced {
    span: Span,
    words: usize,
    markers: Vec<(MarkerKind, Span)>,
}

impl OpinionTest {
    fn run(&self, doc: &Document) -> Option<Hit> {
        // An interview ("Q: … A: …") is the interviewee's opinion, not the author's.
        let transcript_lines = doc.blocks.iter().filter(|b| b.kind == BlockKind::Body && is_transcript_line(b.span.slice(&doc.text).trim_start())).count();
        if transcript_lines >= 3 {
            return None;
        }
        let voiced: Vec<Voiced> = doc
            .body_sentences()
            .filter(|s| self.is_authors_voice(doc, s.span))
            .map(|s| self.read(doc, s.span))
            .collect();
        let words: usize = voiced.iter().map(|v| v.words).sum();
        let markers: Vec<(MarkerKind, Span)> = voiced.iter().flat_map(|v| v.markers.iter().copied()).collect();
        // The sentence that argues hardest: most markers, then most per word, then first.
        let strongest = voiced.iter().max_by(|a, b| {
            let per_word = |v: &Voiced| v.markers.len() as f64 / v.words.max(1) as f64;
            (a.markers.len(), per_word(a)).partial_cmp(&(b.markers.len(), per_word(b))).unwrap_or(std::cmp::Ordering::Equal).then(b.span.start.cmp(&a.span.start))
        })?;
        let verdicts_in = |v: &Voiced| v.markers.iter().filter(|(k, _)| matches!(k, MarkerKind::Stance | MarkerKind::Verdict)).count();
        let density = if words == 0 { 0.0 } else { markers.len() as f64 * 1000.0 / words as f64 };
        let mut kinds: Vec<MarkerKind> = markers.iter().map(|(k, _)| *k).collect();
        kinds.sort_by_key(|k| *k as u8);
        kinds.dedup();
        // A column argues from its opening; a report followed by readers' comments
        // opens with reporting. So the first marker must come in the first quarter.
        let words_before_first_marker: usize = voiced.iter().take_while(|v| v.markers.is_empty()).map(|v| v.words).sum();
        let argued = words >= 150
            && words_before_first_marker * 4 <= words
            && markers.len() >= self.min_markers
            && (kinds.len() >= self.min_kinds || density >= 3.0 * self.min_density)
            && density >= self.min_density;
        let passage = voiced.iter().find(|v| self.passage_markers > 0 && verdicts_in(v) >= self.passage_markers);
        let (span, evidence) = if argued {
            (strongest.span, format!("{density:.1} argument markers per 1,000 of the author's own words: {}", examples(doc, &markers)))
        } else if let Some(p) = passage {
            (p.span, format!("{} verdicts in one sentence of the author's own: {}", verdicts_in(p), examples(doc, &p.markers)))
        } else {
            return None;
        };
        Some(Hit::new(span).var("density", format!("{density:.1}")).var("evidence", evidence))
    }

    /// Not quoted, not reported, not a transcript line.
    fn is_authors_voice(&self, doc: &Document, sentence: Span) -> bool {
        let text = sentence.slice(&doc.text).trim_start();
        let paragraph = doc.block_at(sentence.start).map_or("", |b| b.span.slice(&doc.text).trim_start());
        let opens_quote = |t: &str| t.starts_with(['"', '“', '‘', '\'', '«']);
        !opens_quote(text)
            && !opens_quote(paragraph)
            && !is_transcript_line(paragraph)
            && !self.reported_speech.as_ref().is_some_and(|r| r.is_match(text))
    }

    fn read(&self, doc: &Document, sentence: Span) -> Voiced {
        let text = sentence.slice(&doc.text);
        let base = sentence.start as usize;
        let unquoted = |s: Span| doc.quoted_at(s).is_none();
        let mut markers = Vec::new();
        for (kind, matcher) in [(MarkerKind::Stance, &self.stance), (MarkerKind::Verdict, &self.evaluative)] {
            let Some(matcher) = matcher else { continue };
            for mt in matcher.find_iter(text) {
                let span = Span::new(base + mt.start(), base + mt.end());
                if is_whole_word(text, mt.start(), mt.end()) && unquoted(span) {
                    markers.push((kind, span));
                }
            }
        }
        let lead = text.len() - text.trim_start().len();
        if let Some(mt) = self.imperatives.as_ref().and_then(|m| m.find(&text[lead..])) {
            let (start, end) = (lead + mt.start(), lead + mt.end());
            if mt.start() == 0 && is_whole_word(text, start, end) {
                markers.push((MarkerKind::Imperative, Span::new(base + start, base + end)));
            }
        }
        let trimmed = text.trim_end();
        if self.count_questions && trimmed.ends_with('?') {
            let mark = Span::new(base + trimmed.len() - 1, base + trimmed.len());
            if unquoted(mark) {
                markers.push((MarkerKind::Question, sentence));
            }
        }
        let quoted_words: usize = doc
            .quoted
            .iter()
            .filter(|q| q.depth == 0 && sentence.contains(q.inner))
            .map(|q| word_count(q.inner.slice(&doc.text)))
            .sum();
        Voiced { span: sentence, words: word_count(text).saturating_sub(quoted_words), markers }
    }
}

/// "Q: …", "A: …", "TAPPER: …": an interview transcript, someone else's words.
fn is_transcript_line(paragraph: &str) -> bool {
    // A speaker label is at most 30 bytes: its colon is looked for no further (a
    // scan of the whole paragraph for each of its sentences was quadratic).
    let label = paragraph.bytes().take(31).position(|b| b == b':');
    crate::adversarial::step(label.map_or(31, |at| at + 1).min(paragraph.len()));
    let Some(speaker) = label.map(|at| &paragraph[..at]) else { return false };
    (1..=30).contains(&speaker.len())
        && speaker.chars().any(char::is_alphabetic)
        && speaker.chars().all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
}

/// Up to three of the markers, in the reader's words.
fn examples(doc: &Document, markers: &[(MarkerKind, Span)]) -> String {
    let questions = markers.iter().filter(|(k, _)| *k == MarkerKind::Question).count();
    let mut parts: Vec<String> = Vec::new();
    for (_, span) in markers.iter().filter(|(k, _)| *k != MarkerKind::Question) {
        let words = format!("“{}”", span.slice(&doc.text));
        if !parts.contains(&words) && parts.len() < 3 {
            parts.push(words);
        }
    }
    match questions {
        0 => {}
        1 => parts.push("a question to the reader".to_string()),
        n => parts.push(format!("{n} questions to the reader")),
    }
    parts.join(", ")
}
