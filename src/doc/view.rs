//! A document as a reader sees it, kept for the HTML report after the document
//! itself is dropped: the analysis text (markup removed or blanked), its blocks, and
//! the map that places the findings' raw-file offsets in it.

use super::markup::OffsetMap;
use super::meta::Block;
use super::{Document, Span};

#[derive(Clone, Debug)]
pub struct View {
    pub text: String,
    /// Paragraphs, headings, captions … in order, as spans of `text`.
    pub blocks: Vec<Block>,
    map: OffsetMap,
}

impl View {
    pub fn of(doc: &Document) -> View {
        View {
            text: doc.text.clone(),
            blocks: doc.blocks.clone(),
            map: doc.map.clone(),
        }
    }

    /// The span of `text` a raw-file span covers (the inverse of
    /// [`Document::raw_span`]), on character boundaries.
    pub fn text_span(&self, raw: Span) -> Span {
        let len = self.text.len() as u32;
        let (start, end) = if self.map.is_identity() {
            (raw.start.min(len), raw.end.min(len))
        } else {
            // `to_raw` never decreases, so the first text offset reaching each raw
            // bound is found by bisection.
            let first = |target: u32, is_end: bool| {
                let (mut lo, mut hi) = (0u32, len);
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if self.map.to_raw(mid, is_end) < target {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                lo
            };
            (first(raw.start, false), first(raw.end, true))
        };
        let mut start = start as usize;
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (end as usize).max(start);
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{DocId, ParseOptions};

    fn view_of(path: &str, text: &str) -> (Document, View) {
        let doc = Document::parse(
            DocId(0),
            path.into(),
            text.as_bytes().to_vec(),
            &ParseOptions::default(),
        );
        let view = View::of(&doc);
        (doc, view)
    }

    #[test]
    fn raw_spans_map_back_to_the_text_a_reader_sees() {
        let html = "<html><body><p>The mayor &amp; the council said <b>“we will act”</b> today.</p></body></html>";
        let (doc, view) = view_of("a.html", html);
        let at = doc.text.find("we will act").unwrap();
        let span = Span::new(at, at + "we will act".len());
        let raw = doc.raw_span(span);
        assert_eq!(&html[raw.range()], "we will act");
        assert_eq!(view.text_span(raw), span);
        let (doc, view) = view_of("a.md", "Some *text* here.\n");
        let span = Span::new(5, 11);
        assert_eq!(view.text_span(doc.raw_span(span)), span);
    }
}
