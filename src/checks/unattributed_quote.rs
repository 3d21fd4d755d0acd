//! `unattributed_quote`: a direct quote that nobody said.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::extract::{Needs, QuoteKind};
use serde::Deserialize;

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
scare quotes and titles of works; a quote that continues the previous paragraph's
speaker; quotes shorter than `min_words`.

## Params
- `min_words` (default 5): shorter quotes are ignored.";

pub const PLACEHOLDERS: &[&str] = &["quote"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_min_words")]
    pub min_words: usize,
}

fn default_min_words() -> usize {
    5
}

pub struct UnattributedQuote {
    min_words: usize,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.min_words == 0 {
        return Err(CompileError::new("min_words", "must be at least 1"));
    }
    Ok(Compiled::Doc(Box::new(UnattributedQuote {
        min_words: p.min_words,
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

impl DocCheck for UnattributedQuote {
    fn needs(&self) -> Needs {
        Needs::QUOTES
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        for q in &cx.facts.quotes {
            if q.kind != QuoteKind::Direct || q.speaker.is_some() {
                continue;
            }
            let words = q.words(&cx.doc.text);
            if words.split_whitespace().count() < self.min_words {
                continue;
            }
            out.push(Hit::new(q.span).var("quote", quote_excerpt(&words)));
        }
    }
}
