//! The paragraph bucket: each body paragraph's fingerprint and where it occurs, which
//! the duplicate-text rule groups across documents.

use super::{Bucket, CorpusIndex};
use crate::doc::meta::BlockKind;
use crate::doc::{DocId, Document, Span};
use crate::extract::lexicons::Lexicons;
use crate::extract::{Facts, Needs};
use serde::{Deserialize, Serialize};

/// Paragraphs shorter than this are never indexed (datelines, sign-offs).
pub const MIN_INDEXED_WORDS: u32 = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub doc: DocId,
    pub span: Span,
    pub words: u32,
}

/// Normalised body paragraphs (FNV-1a of their words): [`CorpusIndex::paragraphs`].
pub struct Paragraphs;

impl Bucket for Paragraphs {
    /// Each indexed paragraph's hash and place (`Occurrence::doc` is set on insert).
    type Part = Vec<(u64, Occurrence)>;
    type Pending = Vec<(u64, Occurrence)>;

    fn build(doc: &Document, _: &Facts, needs: Needs, _: &Lexicons) -> Self::Part {
        let mut paragraphs = Vec::new();
        // Fingerprinting every paragraph is work only the duplicate-text rule uses.
        for block in doc
            .blocks
            .iter()
            .filter(|b| needs.paragraphs && b.kind == BlockKind::Body)
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
        paragraphs
    }

    fn insert(_: &mut CorpusIndex, pending: &mut Self::Pending, doc: DocId, part: Self::Part) {
        pending.extend(
            part.into_iter()
                .map(|(hash, occ)| (hash, Occurrence { doc, ..occ })),
        );
    }

    fn merge(index: &mut CorpusIndex, pending: Self::Pending) {
        index.paragraphs.extend(pending);
    }
}

const SEPARATOR: u8 = 0;
const NON_ASCII: u8 = 0xff;
/// Per byte: the lower-cased ASCII letter or digit, `SEPARATOR` for other ASCII,
/// `NON_ASCII` for bytes of multi-byte characters.
static ASCII_FOLD: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            SEPARATOR
        };
        b += 1;
    }
    t
};

/// FNV-1a over the lower-cased alphanumeric words of `text` (punctuation, spacing and
/// markup do not change it), and the word count.
pub fn fingerprint_words(text: &str) -> (u64, u32) {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET;
    let mut words = 0;
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    // Byte-wise through a table (news copy is mostly ASCII); other characters are
    // decoded and folded with Unicode rules, so the hash is that of the lower-cased
    // characters either way.
    while i < bytes.len() {
        let folded = ASCII_FOLD[bytes[i] as usize];
        if folded == SEPARATOR {
            in_word = false;
            i += 1;
            continue;
        }
        let c = if folded == NON_ASCII {
            let c = text.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            i += c.len_utf8();
            if !c.is_alphanumeric() {
                in_word = false;
                continue;
            }
            Some(c)
        } else {
            i += 1;
            None
        };
        if !in_word {
            if words > 0 {
                hash = (hash ^ u64::from(b' ')).wrapping_mul(PRIME);
            }
            words += 1;
            in_word = true;
        }
        match c {
            None => hash = (hash ^ u64::from(folded)).wrapping_mul(PRIME),
            Some(c) => {
                for l in c.to_lowercase() {
                    let mut buf = [0; 4];
                    for &lb in l.encode_utf8(&mut buf).as_bytes() {
                        hash = (hash ^ u64::from(lb)).wrapping_mul(PRIME);
                    }
                }
            }
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
        // Non-ASCII letters fold like ASCII ones and join words.
        assert_eq!(
            fingerprint_words("ÉVIAN Café — talks"),
            fingerprint_words("évian café talks")
        );
        assert_eq!(fingerprint_words("naïve").1, 1);
    }
}
