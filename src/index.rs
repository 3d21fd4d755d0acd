//! The corpus index: what cross-document checks compare, built once per run from
//! every document's extracted facts. Plain owned data (serde), so it can be saved to
//! disk and reused; buckets are BTreeMaps so iteration order is deterministic.
//!
//! Building is two-step so the expensive part runs in the parallel per-document
//! phase: [`DocPart::build`] per document, then [`CorpusIndex::merge`] in `DocId`
//! order. A new cross-document check adds its bucket to both.

use crate::doc::{DocId, Document, Span};
use crate::extract::Facts;
use crate::time::PartialDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Paragraphs shorter than this are never indexed (datelines, sign-offs).
pub const MIN_INDEXED_WORDS: u32 = 12;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CorpusIndex {
    pub docs: Vec<DocEntry>,
    /// Normalised body paragraph (FNV-1a of its words) -> where it occurs.
    pub paragraphs: BTreeMap<u64, Vec<Occurrence>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DocEntry {
    pub path: String,
    /// False for archive documents (`--corpus`): indexed, not reported.
    pub reported: bool,
    pub published: Option<PartialDate>,
    /// Indexed body paragraphs, to tell a recycled article from a shared paragraph.
    pub indexed_paragraphs: u32,
    pub indexed_words: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub doc: DocId,
    pub span: Span,
    pub words: u32,
}

/// One document's contribution to the index, computed in the parallel phase.
#[derive(Clone, Debug, Default)]
pub struct DocPart {
    paragraphs: Vec<(u64, Occurrence)>,
}

impl DocPart {
    pub fn build(doc: &Document, _facts: &Facts) -> DocPart {
        let mut paragraphs = Vec::new();
        for block in doc
            .blocks
            .iter()
            .filter(|b| b.kind == crate::doc::meta::BlockKind::Body)
        {
            let (hash, words) = fingerprint_words(block.span.slice(&doc.text));
            if words >= MIN_INDEXED_WORDS {
                paragraphs.push((
                    hash,
                    Occurrence {
                        doc: doc.id,
                        span: block.span,
                        words,
                    },
                ));
            }
        }
        DocPart { paragraphs }
    }
}

impl CorpusIndex {
    /// Merges per-document parts; `parts[i]` belongs to `docs[i]`.
    pub fn merge(docs: &[Document], reported: &[bool], parts: Vec<DocPart>) -> CorpusIndex {
        let mut index = CorpusIndex::default();
        for (doc, part) in docs.iter().zip(parts) {
            index.docs.push(DocEntry {
                path: doc.path.clone(),
                reported: reported.get(doc.id.0 as usize).copied().unwrap_or(true),
                published: doc.metadata.published,
                indexed_paragraphs: part.paragraphs.len() as u32,
                indexed_words: part.paragraphs.iter().map(|(_, o)| o.words).sum(),
            });
            for (hash, occ) in part.paragraphs {
                index.paragraphs.entry(hash).or_default().push(occ);
            }
        }
        index
    }
}

/// FNV-1a over the lower-cased alphanumeric words of `text` (punctuation, spacing and
/// markup do not change it), and the word count.
pub fn fingerprint_words(text: &str) -> (u64, u32) {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET;
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if !in_word && words > 0 {
                hash = (hash ^ u64::from(b' ')).wrapping_mul(PRIME);
            }
            if !in_word {
                words += 1;
            }
            for l in c.to_lowercase() {
                let mut buf = [0; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
                }
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    (hash, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_case_punctuation_and_spacing() {
        let a = fingerprint_words("The leaders met, on Friday.");
        let b = fingerprint_words("the  leaders met on\nFriday");
        assert_eq!(a, b);
        assert_eq!(a.1, 5);
        assert_ne!(a.0, fingerprint_words("The leaders met on Thursday.").0);
    }
}
