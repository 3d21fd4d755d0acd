//! Name buckets: every use of each capitalised spelling (the name rule compares
//! spellings across documents), and the corpus's lower-case vocabulary, which tells
//! a capitalised common word ("Statue") from a name.

use super::quotes::word_hash;
use super::{Bucket, CorpusIndex};
use crate::doc::{DocId, Document, Span};
use crate::extract::entities::NameToken;
use crate::extract::lexicons::Lexicons;
use crate::extract::{Facts, Needs};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One use of a capitalised spelling: what the corpus index keeps of each name token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameUse {
    pub doc: DocId,
    pub span: Span,
    /// Hashes of the capitalised words just before and after it ("Tony" before
    /// "Blair"), `NO_NEIGHBOUR` for none: evidence that two spellings in two
    /// documents name one thing. Not `Option<u32>`, which would take a third more
    /// room in an index that holds every name use.
    pub prev: u32,
    pub next: u32,
}

pub const NO_NEIGHBOUR: u32 = 0;

/// The hash of a neighbouring name word (never `NO_NEIGHBOUR`).
fn neighbour_hash(word: Option<&str>) -> u32 {
    word.map_or(NO_NEIGHBOUR, |w| word_hash(w).max(1))
}

/// A document's name tokens, compactly: its distinct spellings (case-sensitive, as
/// written) one per line, and each use with the line of its spelling. Two
/// allocations per document, however many names it has.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NamePart {
    spellings: String,
    uses: Vec<(u32, NameUse)>,
}

impl NamePart {
    /// `doc` in the uses is a placeholder until [`NamePart::uses`] is given the id.
    pub fn build(names: &[NameToken]) -> NamePart {
        let mut distinct: Vec<&str> = names.iter().map(|t| t.text.as_str()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let mut uses: Vec<(u32, NameUse)> = names
            .iter()
            .map(|t| {
                let line = distinct.binary_search(&t.text.as_str()).unwrap_or(0) as u32;
                let use_ = NameUse {
                    doc: DocId(0),
                    span: t.span,
                    prev: neighbour_hash(t.prev.as_deref()),
                    next: neighbour_hash(t.next.as_deref()),
                };
                (line, use_)
            })
            .collect();
        // Grouped by spelling (in text order within one), so that the index looks
        // each spelling up once.
        uses.sort_by_key(|&(line, _)| line);
        NamePart {
            spellings: distinct.join("\n"),
            uses,
        }
    }

    /// Each use with its spelling, as uses of document `doc`, grouped by spelling.
    pub fn uses(&self, doc: DocId) -> impl Iterator<Item = (&str, NameUse)> {
        let spellings: Vec<&str> = self.spellings.split('\n').collect();
        self.uses.iter().map(move |&(line, u)| {
            let spelling = spellings.get(line as usize).copied().unwrap_or_default();
            (spelling, NameUse { doc, ..u })
        })
    }
}

/// Hashes of the words of `text` written entirely in lower case, sorted and
/// deduplicated: what tells a capitalised English word ("Statue") from a name.
pub fn lower_case_words(text: &str) -> Vec<u32> {
    let mut out: Vec<u32> = text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.len() >= 3 && !w.chars().any(char::is_uppercase))
        .map(word_hash)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Capitalised spellings and their uses: [`CorpusIndex::names`].
pub struct Names;

/// Name uses held until they are filed: spellings numbered as they come, and each
/// use with its spelling's number. (Filing each name use in its spelling's list as
/// documents come in cost twice as much: the lists are cold in the cache by the
/// time the next document is done.)
#[derive(Default)]
pub struct PendingNames {
    spellings: HashMap<String, u32>,
    uses: Vec<(u32, NameUse)>,
}

impl Bucket for Names {
    type Part = NamePart;
    type Pending = PendingNames;

    fn build(_: &Document, facts: &Facts, _: Needs, _: &Lexicons) -> NamePart {
        NamePart::build(&facts.entities.names)
    }

    fn insert(_: &mut CorpusIndex, pending: &mut PendingNames, doc: DocId, part: NamePart) {
        let mut last: Option<(&str, u32)> = None;
        for (spelling, name_use) in part.uses(doc) {
            let n = match last {
                Some((s, n)) if s == spelling => n,
                _ => {
                    let next = pending.spellings.len() as u32;
                    let n = match pending.spellings.get(spelling) {
                        Some(&n) => n,
                        None => *pending
                            .spellings
                            .entry(spelling.to_string())
                            .or_insert(next),
                    };
                    last = Some((spelling, n));
                    n
                }
            };
            pending.uses.push((n, name_use));
        }
    }

    fn merge(index: &mut CorpusIndex, pending: PendingNames) {
        let PendingNames {
            spellings,
            uses: mut name_uses,
        } = pending;
        let mut by_number: Vec<(u32, String)> =
            spellings.into_iter().map(|(s, n)| (n, s)).collect();
        by_number.sort_unstable_by_key(|&(n, _)| n);
        // Stable: each spelling's uses stay in document order.
        name_uses.sort_by_key(|&(n, _)| n);
        for same in name_uses.chunk_by(|a, b| a.0 == b.0) {
            let spelling = std::mem::take(&mut by_number[same[0].0 as usize].1);
            let uses = same.iter().map(|&(_, u)| u);
            match index.names.get_mut(&spelling) {
                Some(list) => list.extend(uses),
                None => {
                    index.names.insert(spelling, uses.collect());
                }
            }
        }
    }
}

/// The words the corpus writes in lower case, with how many documents write each:
/// [`CorpusIndex::lower_words`] and [`CorpusIndex::lower_word_docs`].
pub struct Vocabulary;

impl Bucket for Vocabulary {
    /// The document's distinct lower-case word hashes, sorted.
    type Part = Vec<u32>;
    /// Lower-case words of documents not yet counted in the vocabulary.
    type Pending = Vec<u32>;

    fn build(doc: &Document, _: &Facts, needs: Needs, _: &Lexicons) -> Vec<u32> {
        if needs.entities {
            lower_case_words(&doc.text)
        } else {
            Vec::new()
        }
    }

    fn insert(index: &mut CorpusIndex, pending: &mut Vec<u32>, _: DocId, part: Vec<u32>) {
        pending.extend(part);
        // Counted as it grows: every document repeats the common words.
        if pending.len() > index.lower_words.len() + (1 << 20) {
            count_lower_words(index, pending);
        }
    }

    fn merge(index: &mut CorpusIndex, mut pending: Vec<u32>) {
        count_lower_words(index, &mut pending);
    }
}

/// Adds `words` (one entry per document that writes the word) to the vocabulary's
/// counts; empties `words`.
fn count_lower_words(index: &mut CorpusIndex, words: &mut Vec<u32>) {
    words.sort_unstable();
    let changes = words
        .chunk_by(|a, b| a == b)
        .map(|c| (c[0], c.len() as u32));
    add_word_counts(
        (&mut index.lower_words, &mut index.lower_word_docs),
        changes,
    );
    words.clear();
}

/// Adds to the document count of each word in `changes`, which are sorted and
/// distinct, in a vocabulary of sorted words and their counts.
fn add_word_counts(
    (words, counts): (&mut Vec<u32>, &mut Vec<u32>),
    changes: impl IntoIterator<Item = (u32, u32)>,
) {
    let mut changes = changes.into_iter().peekable();
    if changes.peek().is_none() {
        return;
    }
    let mut held = std::mem::take(words)
        .into_iter()
        .zip(std::mem::take(counts))
        .peekable();
    let mut change = changes.next();
    words.reserve(held.len());
    counts.reserve(held.len());
    loop {
        let (word, docs) = match (held.peek().copied(), change) {
            (Some((w, n)), Some((cw, cn))) if w == cw => {
                held.next();
                change = changes.next();
                (w, n.saturating_add(cn))
            }
            (Some((w, n)), Some((cw, _))) if w < cw => {
                held.next();
                (w, n)
            }
            (None, None) => break,
            (Some(h), None) => {
                held.next();
                h
            }
            (_, Some(added)) => {
                change = changes.next();
                added
            }
        };
        words.push(word);
        counts.push(docs);
    }
}
