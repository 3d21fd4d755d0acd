//! Check-worthy claims. First version: sentences with numbers; issue #5 replaces this
//! with the scored signal set.

use super::{Claim, Quote, Sourcing};
use crate::doc::Document;

pub fn extract(doc: &Document, quotes: &[Quote]) -> Vec<Claim> {
    doc.body_sentences()
        .filter(|s| !quotes.iter().any(|q| q.span.contains(s.span)))
        .filter(|s| s.span.slice(&doc.text).bytes().any(|b| b.is_ascii_digit()))
        .map(|s| Claim {
            span: s.span,
            checkworthy: true,
            score: 0.5,
            sourcing: Sourcing::None,
            signals: vec!["number"],
        })
        .collect()
}
