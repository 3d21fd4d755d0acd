//! `completeness`: copy that is truncated or stops at a paywall.

use super::{phrase_matcher, CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::meta::BlockKind;
use crate::extract::Needs;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
Signs that the text is not the whole article: a paywall or subscription prompt
(`markers`), or, with `check_ending`, an article whose last paragraph of prose stops
mid-sentence.

## Why it matters
Checking a truncated copy misses what the rest of the article says: its sources, its
corrections, its caveats.

## Flagged
“Want to read more? Subscribe for full access.”; an article ending “…and the
government will”.

## Not flagged
Prose that mentions subscriptions in passing; an article that ends with a full stop,
a question mark or a closing quotation mark.

## Params
- `markers`: phrases that mark a paywall or cut-off, matched case-insensitively at
  the start of a paragraph.
- `check_ending` (default false): also flag prose that ends mid-sentence.";

pub const PLACEHOLDERS: &[&str] = &["marker"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default)]
    pub markers: Vec<String>,
    #[serde(default)]
    pub check_ending: bool,
}

pub struct Completeness {
    markers: Option<aho_corasick::AhoCorasick>,
    /// Bytes of the longest marker: a marker must start a paragraph, so only this
    /// much of each paragraph is searched.
    longest_marker: usize,
    check_ending: bool,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.markers.is_empty() && !p.check_ending {
        return Err(CompileError::new("markers", "give `markers`, `check_ending: true`, or both"));
    }
    let markers = if p.markers.is_empty() { None } else { Some(phrase_matcher(&p.markers, "markers")?) };
    let longest_marker = p.markers.iter().map(String::len).max().unwrap_or(0);
    Ok(Compiled::Doc(Box::new(Completeness { markers, longest_marker, check_ending: p.check_ending })))
}

impl DocCheck for Completeness {
    fn needs(&self) -> Needs {
        Needs::NONE
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        if let Some(markers) = &self.markers {
            // The first marker is enough: one cut-off, one finding.
            let found = doc.blocks.iter().find_map(|b| {
                let text = b.span.slice(&doc.text);
                let mut end = self.longest_marker.min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                let m = markers.find(&text[..end]).filter(|m| m.start() == 0)?;
                Some(crate::doc::Span::new(b.span.start as usize, b.span.start as usize + m.end()))
            });
            if let Some(span) = found {
                out.push(Hit::new(span).var("marker", span.slice(&doc.text)));
            }
        }
        if self.check_ending {
            let last = doc.blocks.iter().rev().find(|b| b.kind == BlockKind::Body);
            if let Some(b) = last {
                let text = b.span.slice(&doc.text).trim_end();
                let ends = text.chars().next_back().is_some_and(|c| {
                    matches!(c, '.' | '!' | '?' | '"' | '”' | '’' | '»' | ')' | ']' | '…' | ':')
                });
                if !ends && crate::doc::segment::word_count(text) >= 8 {
                    let tail_start = text.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
                    let span = crate::doc::Span::new(b.span.start as usize + tail_start, b.span.start as usize + text.len());
                    out.push(Hit::new(span).var("marker", "text ends mid-sentence"));
                }
            }
        }
    }
}
