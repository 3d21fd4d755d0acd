//! `completeness`: copy that is truncated, stops at a paywall or lost words when it
//! was extracted from its page.

use super::{phrase_matcher, CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::meta::BlockKind;
use crate::doc::segment::word_count;
use crate::doc::Span;
use crate::extract::Needs;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
Signs that the text is not the whole article: a paywall or subscription prompt
(`markers`); with `check_ending`, an article whose last paragraph of prose stops
mid-sentence (on a lower-case word, a comma or a dash); with `min_words`, a titled
article of two paragraphs or more too short to be more than a lead; with
`check_openings`, paragraphs that open on a comma, colon or semicolon, where a linked
name or a bold label was lost when the copy was taken from its page.

## Why it matters
Checking a truncated copy misses what the rest of the article says: its sources, its
corrections, its caveats.

## Flagged
“Want to read more? Subscribe for full access.”; an article ending “…and the
government will”; a paragraph “, who won the title last season, said …” or
“: Reid, Cole.” (with `check_openings`: one finding per document, counting them).

## Not flagged
Prose that mentions subscriptions in passing; an article that ends with a full stop,
a question mark or a closing quotation mark (also `''`); a last paragraph that is a
sign-off, an author bio, a credit (\"With files from …\", \"Follow her on Twitter\"), a
running time or a tagline (these are not prose); a list or table line that ends on a
name or a figure (\"Best film: The Quiet Harbour\", \"Subs not used: Reid, Cole\").

## Params
- `markers`: phrases that mark a paywall or cut-off, matched case-insensitively at
  the start of a paragraph.
- `check_ending` (default false): also flag prose that ends mid-sentence.
- `min_words` (default 0, off): flag an article whose prose has fewer words than this.
- `check_openings` (default false): flag paragraphs that open on `,`, `:` or `;`.";

pub const PLACEHOLDERS: &[&str] = &["marker"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default)]
    pub markers: Vec<String>,
    #[serde(default)]
    pub check_ending: bool,
    #[serde(default)]
    pub min_words: usize,
    #[serde(default)]
    pub check_openings: bool,
}

pub struct Completeness {
    markers: Option<aho_corasick::AhoCorasick>,
    /// Bytes of the longest marker: a marker must start a paragraph, so only this
    /// much of each paragraph is searched.
    longest_marker: usize,
    check_ending: bool,
    min_words: usize,
    check_openings: bool,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.markers.is_empty() && !p.check_ending && p.min_words == 0 && !p.check_openings {
        return Err(CompileError::new(
            "markers",
            "give `markers`, `check_ending: true`, `min_words` or `check_openings: true`",
        ));
    }
    let markers = if p.markers.is_empty() { None } else { Some(phrase_matcher(&p.markers, "markers")?) };
    let longest_marker = p.markers.iter().map(String::len).max().unwrap_or(0);
    Ok(Compiled::Doc(Box::new(Completeness {
        markers,
        longest_marker,
        check_ending: p.check_ending,
        min_words: p.min_words,
        check_openings: p.check_openings,
    })))
}

impl DocCheck for Completeness {
    fn needs(&self) -> Needs {
        Needs::NONE
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        if self.check_openings {
            self.lost_openings(cx, out);
        }
        if let Some(markers) = &self.markers {
            // The first marker is enough: one cut-off, one finding.
            let found = doc.blocks.iter().find_map(|b| {
                let text = b.span.slice(&doc.text);
                let mut end = self.longest_marker.min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                let m = markers.find(&text[..end]).filter(|m| m.start() == 0)?;
                Some(Span::new(b.span.start as usize, b.span.start as usize + m.end()))
            });
            if let Some(span) = found {
                out.push(Hit::new(span).var("marker", span.slice(&doc.text)));
                return;
            }
        }
        let Some(last) = doc.blocks.iter().rev().find(|b| b.kind == BlockKind::Body) else { return };
        let text = last.span.slice(&doc.text).trim_end();
        let tail_start = text.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
        let tail = Span::new(last.span.start as usize + tail_start, last.span.start as usize + text.len());
        if self.check_ending && stops_mid_sentence(text) && word_count(text) >= 8 {
            out.push(Hit::new(tail).var("marker", "text ends mid-sentence"));
            return;
        }
        if self.min_words > 0 {
            // A lead cut from a longer story: a title and two paragraphs or more, yet
            // too few words (a one-paragraph note is a note, not a cut).
            let body: Vec<&str> = doc.blocks.iter().filter(|b| b.kind == BlockKind::Body).map(|b| b.span.slice(&doc.text)).collect();
            let words: usize = body.iter().map(|p| word_count(p)).sum();
            if doc.metadata.title.is_some() && body.len() >= 2 && words < self.min_words {
                out.push(Hit::new(tail).var("marker", format!("only {words} words of article text")));
            }
        }
    }
}

impl Completeness {
    /// One finding at the first paragraph that opens on punctuation, counting the
    /// others: one extraction fault, however many paragraphs it broke.
    fn lost_openings(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let mut broken = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Body && after_blank_line(&doc.text, b.span.start as usize))
            .filter(|b| opens_on_punctuation(b.span.slice(&doc.text)));
        let Some(first) = broken.next() else { return };
        let others = broken.count();
        let text = first.span.slice(&doc.text);
        let mark = &text[..1];
        let shown_end = text.char_indices().nth(40).map_or(text.len(), |(i, _)| i);
        let span = Span::new(first.span.start as usize, first.span.start as usize + shown_end);
        let marker = match others {
            0 => format!("a paragraph opens with '{mark}': words before it were lost"),
            n => format!("{} paragraphs open with ',', ':' or ';': words before them were lost", n + 1),
        };
        out.push(Hit::new(span).var("marker", marker));
    }
}

/// Only a paragraph of its own counts: in wrapped text or a definition list ("Term",
/// then ": meaning") a line may open on punctuation and lose nothing.
fn after_blank_line(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with("\n\n") || before.ends_with("\n\r\n") || before.ends_with("---\n")
}

/// A paragraph that opens on a comma, colon or semicolon lost what came before it (a
/// linked name, a bold label) when the copy was taken from its page.
fn opens_on_punctuation(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(',' | ':' | ';')) && chars.next().is_some_and(|c| c == ' ' || c.is_alphabetic())
}

/// Prose that stops mid-sentence ends on a lower-case word, a comma or a dash. A
/// paragraph that ends on a capitalised word or a figure is a list or table line
/// ("Best film: The Quiet Harbour", "Growth in 2003: 1.3%"), not a cut sentence.
fn stops_mid_sentence(text: &str) -> bool {
    let Some(last) = text.chars().next_back() else { return false };
    if matches!(last, ',' | ';' | '-' | '–' | '—') {
        return true;
    }
    let last_word = text.rsplit(char::is_whitespace).next().unwrap_or("");
    last.is_alphabetic() && last_word.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::{opens_on_punctuation, stops_mid_sentence};

    #[test]
    fn openings_that_lost_words_and_openings_that_did_not() {
        assert!(opens_on_punctuation(", who won the title last season, said he was ready."));
        assert!(opens_on_punctuation(": Reid, Cole."));
        assert!(opens_on_punctuation("; Hart 12, Moss 40."));
        assert!(!opens_on_punctuation("Reid and Cole were booked."));
        assert!(!opens_on_punctuation(":-) was his reply."));
        assert!(!opens_on_punctuation("...and then the lights went out."));
        assert!(!opens_on_punctuation(","));
    }

    #[test]
    fn endings_that_are_cut_and_endings_that_are_not() {
        assert!(stops_mid_sentence("The council said it would consider the"));
        assert!(stops_mid_sentence("Residents were led out by the stewards,"));
        assert!(!stops_mid_sentence("He said it was over.''"));
        assert!(!stops_mid_sentence("Best documentary: The Quiet Harbour"));
        assert!(!stops_mid_sentence("Output grew by 2.4%"));
        assert!(!stops_mid_sentence("Subs not used: Reid, Cole"));
    }
}
