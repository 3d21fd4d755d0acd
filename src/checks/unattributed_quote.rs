//! `unattributed_quote`: a direct quote that nobody said.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::meta::BlockKind;
use crate::doc::{Document, Span};
use crate::extract::quotes::attribution::FUNCTION_CAPS;
use crate::extract::quotes::lexicon::Lexicon;
use crate::extract::quotes::tokens::tokenize;
use crate::extract::{Needs, Quote, QuoteKind};
use serde::Deserialize;
use std::collections::BTreeSet;

pub const DOCS: &str = "\
## What it checks
Direct quotations (full statements in quotation marks) of at least `min_words` words
for which the quote extractor finds no speaker: no cue before, after or inside the
quote (“…,” X said / X said: “…” / according to X), no introduction ending in a colon,
and no speaker carried over from the quote just before it.

## Why it matters
A quotation with no speaker cannot be checked: the reader cannot tell who is being
quoted, or whether anyone was.

## Flagged
A paragraph that is only “We will not accept these terms under any circumstances.”
with no one named nearby.

## Not flagged
Quotes with a speaker (named, vague or a pronoun; vague sources have their own rule);
quotes whose paragraph, or the sentence before them, still names a speaker the
extractor could not tie to the quote: outside the quotation, a verb of saying
(“tweeting,”, “added:”), a personal pronoun (“She sighs.”), a name inside a sentence
(“Trump also embraced …”), or a word for where it comes from (“issued a statement”); scare quotes and titles of
works; slogans, chants and the text of signs (“a sign reading …”); headlines,
headings, captions and list entries; quotes shorter than `min_words`.

## Params
- `min_words` (default 5): shorter quotes are ignored.
- `context_words`: words of the paragraph or the sentence before that say where the
  quote comes from or that it is displayed text, not speech (statement, ad, tweet,
  sign, banner, slogan, chant …).";

pub const PLACEHOLDERS: &[&str] = &["quote"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_min_words")]
    pub min_words: usize,
    #[serde(default)]
    pub context_words: Vec<String>,
}

fn default_min_words() -> usize {
    5
}

pub struct UnattributedQuote {
    min_words: usize,
    context_words: BTreeSet<String>,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.min_words == 0 {
        return Err(CompileError::new("min_words", "must be at least 1"));
    }
    Ok(Compiled::Doc(Box::new(UnattributedQuote {
        min_words: p.min_words,
        context_words: p.context_words.iter().map(|w| w.to_lowercase()).collect(),
    })))
}

/// The first words of a quote, for messages.
pub fn quote_excerpt(words: &str) -> String {
    const MAX_CHARS: usize = 60;
    let joined = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = joined.trim_end_matches([',', ';', ':']);
    if trimmed.chars().count() <= MAX_CHARS {
        return trimmed.to_string();
    }
    let cut: String = trimmed.chars().take(MAX_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut} …")
}

/// Personal pronouns that, as a word of the prose around a quote, name someone a
/// reader can take for its speaker.
const PERSON_PRONOUNS: &[&str] = &["he", "she", "i", "we", "they"];

/// A quote that is the whole first paragraph of the text: a headline in quotation
/// marks, as plain-text articles carry their title on the first line.
fn is_headline(d: &Document, block: Span, q: &Quote) -> bool {
    let first = d.blocks.iter().find(|b| !b.span.slice(&d.text).trim().is_empty());
    first.is_some_and(|b| b.span == block)
        && block.slice(&d.text).trim().len() == q.span.slice(&d.text).trim().len()
}

/// A paragraph that is an entry of a list: a bullet or a number opens its line.
fn is_list_entry(d: &Document, block: Span) -> bool {
    let raw = d.raw_span(block);
    let line_start = d.raw[..raw.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let line = d.raw[line_start..].trim_start();
    line.starts_with(['-', '*', '•', '+'])
        || line
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()))
}

fn lower_case_words(text: &str) -> BTreeSet<&str> {
    crate::adversarial::step(text.len());
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.starts_with(char::is_lowercase))
        .collect()
}

impl UnattributedQuote {
    /// Whether the prose around `q` — its paragraph and the sentence before it,
    /// quotations left out — names a speaker or marks the quote as displayed text.
    fn speaker_nearby(
        &self,
        d: &Document,
        lex: &Lexicon,
        q: &Quote,
        lower_words: &BTreeSet<&str>,
    ) -> bool {
        let Some(block) = d.block_at(q.span.start) else {
            return false;
        };
        // The sentence before the quote: the last one of the previous paragraph when
        // the quote opens its own.
        let before = d.sentences.partition_point(|s| s.span.end <= block.span.start);
        let floor = before
            .checked_sub(1)
            .map_or(block.span.start, |i| d.sentences[i].span.start);
        let around = Span::new(floor as usize, block.span.end.max(q.span.end) as usize);
        let mut from = around.start;
        let mut prose = Vec::new();
        // Quotes are sorted by start and nest: those that may overlap `around` are
        // the last outermost one starting before it and those starting inside it.
        let inside = d.quoted.partition_point(|x| x.outer.start < around.start);
        let first = d.quoted[..inside].iter().rposition(|x| x.depth == 0).unwrap_or(inside);
        let near = d.quoted[first..].iter().take_while(|x| x.outer.start < around.end);
        for quoted in near.filter(|x| x.depth == 0 && around.overlaps(x.outer)) {
            crate::adversarial::step(1);
            if quoted.outer.start > from {
                prose.push(Span::new(from as usize, quoted.outer.start as usize));
            }
            from = from.max(quoted.outer.end);
        }
        if from < around.end {
            prose.push(Span::new(from as usize, around.end as usize));
        }
        prose
            .iter()
            .any(|s| self.names_a_source(&d.text, *s, lex, lower_words))
    }

    /// Whether the prose `span` holds a verb of saying, a personal pronoun, a context
    /// word, or a name: a capitalised word inside a sentence, or opening one when the
    /// article never writes it in lower case (days and months aside).
    fn names_a_source(
        &self,
        text: &str,
        span: Span,
        lex: &Lexicon,
        lower_words: &BTreeSet<&str>,
    ) -> bool {
        let mut toks = Vec::new();
        tokenize(text, span, &mut toks);
        toks.iter().enumerate().any(|(i, t)| {
            if !t.word {
                return false;
            }
            let w = t.span.slice(text);
            let lower = w.to_lowercase();
            let opens_sentence = i == 0
                || matches!(toks[i - 1].span.slice(text), "." | "!" | "?" | "“" | "\"" | "‘");
            let name = (!opens_sentence
                || !(lower_words.contains(lower.as_str()) || FUNCTION_CAPS.contains(&lower.as_str())))
                && w.starts_with(char::is_uppercase)
                && !crate::time::MONTHS.contains(&lower.as_str())
                && crate::time::weekday_from_name(&lower).is_none();
            name || lex.verbs.contains(&lower)
                || lower == "according"
                || PERSON_PRONOUNS.contains(&lower.as_str())
                || self.context_words.contains(&lower)
        })
    }
}

impl DocCheck for UnattributedQuote {
    fn needs(&self) -> Needs {
        Needs::QUOTES
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        // Words the article writes in lower case: a capitalised one opening a
        // sentence is then a common word, not a name ("The", "Critics"). Gathered
        // once per document (once per quote was quadratic).
        let lower_words: std::cell::OnceCell<BTreeSet<&str>> = std::cell::OnceCell::new();
        for q in &cx.facts.quotes {
            if q.kind != QuoteKind::Direct || q.speaker.is_some() {
                continue;
            }
            let words = q.words(&cx.doc.text);
            if words.split_whitespace().count() < self.min_words {
                continue;
            }
            let Some(block) = cx.doc.block_at(q.span.start) else {
                continue;
            };
            if block.kind != BlockKind::Body
                || is_headline(cx.doc, block.span, q)
                || is_list_entry(cx.doc, block.span)
                || self.speaker_nearby(cx.doc, &cx.lexicons.cues, q, lower_words.get_or_init(|| lower_case_words(&cx.doc.text)))
            {
                continue;
            }
            out.push(Hit::new(q.span).var("quote", quote_excerpt(&words)));
        }
    }
}
