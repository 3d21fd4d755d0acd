//! Quote extraction: kind, speaker and cue for every quoted span.
//! First version: every quoted span of the body, classified by length only; issue #3
//! replaces this with real attribution.

use super::{Quote, QuoteKind};
use crate::doc::Document;

pub fn extract(doc: &Document) -> Vec<Quote> {
    doc.quoted
        .iter()
        .filter(|q| q.depth == 0 && doc.in_body(q.outer.start))
        .map(|q| {
            let words = q.inner.slice(&doc.text).split_whitespace().count();
            Quote {
                span: q.outer,
                inner: q.inner,
                kind: if words >= 6 {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Scare
                },
                speaker: None,
                cue: None,
            }
        })
        .collect()
}
