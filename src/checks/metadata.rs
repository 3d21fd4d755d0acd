//! `metadata`: what a reader needs to judge a piece — who wrote it, when, who
//! published it, and whether it is opinion.

use super::{phrase_matcher, CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::meta::BlockKind;
use crate::doc::Span;
use crate::extract::Needs;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
One piece of metadata, chosen by `require`: `byline` (an author), `date` (a stated
publication date: front matter, HTML meta, citation block, dateline or copyright line;
an estimate from the text does not count), `publisher`, or `opinion_label` (a piece
that argues a position carries a label such as Opinion, Analysis or Commentary, or an
authors'-views disclaimer).

## Why it matters
Readers and editors weigh a claim by who made it, when, and in what capacity. An
opinion piece presented as news misleads.

## Flagged
An article with no byline; an essay dense with “we must” and “undoubtedly” and no
label.

## Not flagged
Metadata stated in front matter, a byline, an author line, a citation block or a
copyright line. A news report without opinion markers.

## Params
- `require`: `byline` | `date` | `publisher` | `opinion_label`.
- `opinion_markers` (opinion_label only): phrases that signal argument.
- `min_markers_per_1000_words` (opinion_label only, default 4): density above which
  the piece counts as opinion.
- `reported_speech_cues` (opinion_label only): sentences containing one of these
  (“said”, “according to”) report someone else's view and are not counted.";

pub const PLACEHOLDERS: &[&str] = &["density"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub require: Field,
    #[serde(default)]
    pub opinion_markers: Vec<String>,
    #[serde(default = "default_density")]
    pub min_markers_per_1000_words: f64,
    /// Sentences with one of these are reported speech, not the author's voice.
    #[serde(default)]
    pub reported_speech_cues: Vec<String>,
}

fn default_density() -> f64 {
    4.0
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Byline,
    Date,
    Publisher,
    OpinionLabel,
}

pub struct Metadata {
    require: Field,
    markers: Option<aho_corasick::AhoCorasick>,
    reported_speech: Option<aho_corasick::AhoCorasick>,
    min_density: f64,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    let markers = match (p.require, p.opinion_markers.is_empty()) {
        (Field::OpinionLabel, true) => {
            return Err(CompileError::new("opinion_markers", "`require: opinion_label` needs a list of opinion_markers"))
        }
        (Field::OpinionLabel, false) => Some(phrase_matcher(&p.opinion_markers, "opinion_markers")?),
        (_, true) => None,
        (_, false) => return Err(CompileError::new("opinion_markers", "opinion_markers only apply to `require: opinion_label`")),
    };
    if p.min_markers_per_1000_words.is_nan() || p.min_markers_per_1000_words <= 0.0 {
        return Err(CompileError::new("min_markers_per_1000_words", "must be positive"));
    }
    let reported_speech = if p.reported_speech_cues.is_empty() {
        None
    } else {
        Some(phrase_matcher(&p.reported_speech_cues, "reported_speech_cues")?)
    };
    Ok(Compiled::Doc(Box::new(Metadata {
        require: p.require,
        markers,
        reported_speech,
        min_density: p.min_markers_per_1000_words,
    })))
}

impl DocCheck for Metadata {
    fn needs(&self) -> Needs {
        Needs::NONE
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let m = &doc.metadata;
        // Document-level findings point at the start of the article.
        let at = Span::new(doc.body.start as usize, doc.body.start as usize);
        match self.require {
            Field::Byline if m.authors.is_empty() => out.push(Hit::new(at)),
            Field::Date if m.published.is_none() || m.published_from == Some("estimate") => out.push(Hit::new(at)),
            Field::Publisher if m.publisher.is_none() => out.push(Hit::new(at)),
            Field::OpinionLabel if m.genre_label.is_none() => {
                let Some(markers) = &self.markers else { return };
                let (mut words, mut hits) = (0usize, 0usize);
                let mut first = None;
                // Paragraph by paragraph: one automaton pass and one word count per
                // paragraph rather than per sentence (a fifth of the run time). Only a
                // sentence that holds a marker is tested for a reported-speech cue.
                for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Body) {
                    let text = b.span.slice(&doc.text);
                    let base = b.span.start as usize;
                    words += crate::doc::segment::word_count(text);
                    for mt in markers.find_iter(text) {
                        let span = Span::new(base + mt.start(), base + mt.end());
                        let i = doc.sentences.partition_point(|s| s.span.end <= span.start);
                        let Some(sentence) = doc.sentences.get(i).filter(|s| s.span.contains(span)) else { continue };
                        let reported = self.reported_speech.as_ref().is_some_and(|r| r.is_match(sentence.span.slice(&doc.text)));
                        if !reported && doc.quoted_at(span).is_none() {
                            hits += 1;
                            first.get_or_insert(sentence.span);
                        }
                    }
                }
                let density = if words == 0 { 0.0 } else { hits as f64 * 1000.0 / words as f64 };
                if words >= 150 && density >= self.min_density {
                    out.push(Hit::new(first.unwrap_or(at)).var("density", format!("{density:.1}")));
                }
            }
            _ => {}
        }
    }
}
