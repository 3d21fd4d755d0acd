//! `unanchored_time`: relative time expressions in a document with no stated
//! publication date.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::extract::Needs;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
Relative time expressions (\"on Friday\", \"last year\", \"two weeks ago\", \"in December\")
in a document that states no publication date, so a reader cannot tell which Friday
or which year is meant. The tagger still resolves them against an estimate of the
date (the latest date the text states), but that is a guess.

## Why it matters
An undated article that says \"yesterday\" cannot be checked against any calendar; a
reader arriving months later is misled.

## Flagged
A document without a `date:` that says \"The ministers met on Friday.\"

The finding costs half the rule's weight when the text states a full date that the
publication date could be estimated from.

## Not flagged
Headings, captions and boilerplate (only the article's prose counts); the same sentence in a document with a publication date; absolute dates (\"May 19,
2023\"); durations (\"for six months\").

## Params
- `min_mentions` (default 1): how many relative expressions it takes to report.";

pub const PLACEHOLDERS: &[&str] = &["text", "count"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "one")]
    pub min_mentions: usize,
}

fn one() -> usize {
    1
}

pub struct UnanchoredTime {
    min_mentions: usize,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.min_mentions == 0 {
        return Err(CompileError::new("min_mentions", "must be at least 1"));
    }
    Ok(Compiled::Doc(Box::new(UnanchoredTime {
        min_mentions: p.min_mentions,
    })))
}

impl DocCheck for UnanchoredTime {
    fn needs(&self) -> Needs {
        Needs::DATES
    }

    /// One finding per document, at the first relative expression: the problem is
    /// the missing date, not each expression.
    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        if cx.doc.metadata.published.is_some() {
            return;
        }
        let unanchored: Vec<_> = cx
            .facts
            .dates
            .iter()
            .filter(|m| m.unresolved && cx.doc.in_body(m.span.start))
            .collect();
        if unanchored.len() < self.min_mentions {
            return;
        }
        let first = unanchored[0];
        let mut hit = Hit::new(first.span)
            .var("text", first.span.slice(&cx.doc.text))
            .var("count", unanchored.len().to_string());
        // With full dates in the text a reader can place most of them: half the cost.
        if cx.facts.published_estimate.is_some_and(|d| d.day.is_some()) {
            hit.scale = 0.5;
        }
        out.push(hit);
    }
}
