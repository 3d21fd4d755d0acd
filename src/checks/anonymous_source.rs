//! `anonymous_source`: a quote whose speaker is unnamed or vague.

use super::unattributed_quote::quote_excerpt;
use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::extract::{Needs, QuoteKind};
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
Direct quotes (and, with `include_partial`, fragments of reported speech) whose speaker
is unnamed or vague: “officials said”, “a source close to the talks”, “experts say”,
“both governments”, “one aide”. The words that make a source vague are in
rules/data/cues.yaml (`anonymous`).

## Why it matters
An anonymous source may be justified, but the reader has to take the reporter's word
for it; an article resting on unnamed voices deserves an editor's second look.

## Flagged
“The deal is off,” a senior official said.

## Not flagged
Named speakers, including officials named with their office (“said Josh Earnest, the
White House press secretary”); pronouns that refer back to a named person.

## Params
- `include_partial` (default true): also flag quoted fragments (called the plan
  “unworkable”, officials said).";

pub const PLACEHOLDERS: &[&str] = &["speaker", "quote"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_true")]
    pub include_partial: bool,
}

fn default_true() -> bool {
    true
}

pub struct AnonymousSource {
    include_partial: bool,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    Ok(Compiled::Doc(Box::new(AnonymousSource {
        include_partial: p.include_partial,
    })))
}

impl DocCheck for AnonymousSource {
    fn needs(&self) -> Needs {
        Needs::QUOTES
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        for q in &cx.facts.quotes {
            let kind_counts = q.kind == QuoteKind::Direct
                || (self.include_partial && q.kind == QuoteKind::Partial);
            let Some(speaker) = q.speaker.as_ref().filter(|s| s.anonymous) else {
                continue;
            };
            if !kind_counts {
                continue;
            }
            out.push(
                Hit::new(q.span)
                    .var("speaker", speaker.name.clone())
                    .var("quote", quote_excerpt(&q.words(&cx.doc.text))),
            );
        }
    }
}
