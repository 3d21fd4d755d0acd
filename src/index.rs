//! The corpus index: what cross-document checks compare, built once per run from
//! every document's extracted facts. Plain owned data (serde), so it can be saved to
//! disk and reused; buckets are BTreeMaps so iteration order is deterministic.
//!
//! Building is two-step so the expensive part runs in the parallel per-document
//! phase: [`DocPart::build`] per document, then [`CorpusIndex::merge`] in `DocId`
//! order. A new cross-document check adds its bucket to both.
//!
//! Corpus checks read nothing else: documents are dropped after their phase. So
//! `check --index ARCHIVE` gives the results of `--corpus` by construction: the
//! archive index (src/archive.rs) stores each document's part and its buckets by
//! key, gives back the part of the index the new documents' parts can meet, and
//! their parts are appended to it ([`CorpusIndex::append`]); the same checks run
//! over it. Parts hold no `DocId`s of their own; `merge` and `append` assign them.

use crate::checks::event_date_conflict::{dated_events, DatedEvent};
use crate::checks::name_consistency::{lower_case_words, NamePart, NameUse};
use crate::doc::{DocId, Document, Span};
use crate::extract::entities::{Quantity, RoleMention};
use crate::extract::quotes::corpus::{QuoteIndex, QuotePart};
use crate::extract::{Facts, Needs};
use crate::lexicons::Lexicons;
use crate::postings::Postings;
use crate::time::PartialDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Paragraphs shorter than this are never indexed (datelines, sign-offs).
pub const MIN_INDEXED_WORDS: u32 = 12;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CorpusIndex {
    pub docs: Vec<DocEntry>,
    /// Normalised body paragraph (FNV-1a of its words) -> where it occurs, in
    /// document order.
    pub paragraphs: Postings<Occurrence>,
    /// Quotes by sketch shingle, and person names (the quote rules).
    pub quotes: QuoteIndex,
    /// Capitalised spelling -> its uses (the name rule).
    pub names: BTreeMap<String, Vec<NameUse>>,
    /// Hashes of every word the corpus writes in lower case, sorted (the name rule).
    pub lower_words: Vec<u32>,
    /// How many documents write each of `lower_words`: what lets an archive update
    /// forget the words of a removed document exactly.
    pub lower_word_docs: Vec<u32>,
    /// Numbers with units (the number rule).
    pub quantities: Vec<(DocId, Quantity)>,
    /// Person–title mentions (the role rule).
    pub roles: Vec<(DocId, RoleMention)>,
    /// Dates of events at a stated place (the event-date rule).
    pub events: Vec<(DocId, DatedEvent)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DocEntry {
    pub path: String,
    /// False for archive documents (`--corpus`): indexed, not reported.
    pub reported: bool,
    pub published: Option<PartialDate>,
    /// From front matter or recognised in the text: copies of one publisher do not
    /// corroborate each other.
    pub publisher: Option<String>,
    /// Indexed body paragraphs, to tell a recycled article from a shared paragraph.
    pub indexed_paragraphs: u32,
    pub indexed_words: u32,
    /// Size of the file as read: whether it changed before it is read again to place
    /// a finding.
    pub bytes: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub doc: DocId,
    pub span: Span,
    pub words: u32,
}

/// One document's contribution to the index, computed in the parallel phase.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DocPart {
    pub(crate) path: String,
    pub(crate) bytes: u64,
    pub(crate) published: Option<PartialDate>,
    pub(crate) publisher: Option<String>,
    /// `Occurrence::doc` is set by `merge`.
    pub(crate) paragraphs: Vec<(u64, Occurrence)>,
    pub(crate) quotes: QuotePart,
    pub(crate) names: NamePart,
    pub(crate) lower_words: Vec<u32>,
    pub(crate) quantities: Vec<Quantity>,
    pub(crate) roles: Vec<RoleMention>,
    pub(crate) events: Vec<DatedEvent>,
}

impl DocPart {
    pub fn build(doc: &Document, facts: &Facts, needs: Needs, lexicons: &Lexicons) -> DocPart {
        let mut paragraphs = Vec::new();
        // Fingerprinting every paragraph is work only the duplicate-text rule uses.
        for block in doc
            .blocks
            .iter()
            .filter(|b| needs.paragraphs && b.kind == crate::doc::meta::BlockKind::Body)
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
        DocPart {
            path: doc.path.to_string(),
            bytes: doc.raw.len() as u64,
            published: doc.metadata.published,
            publisher: doc.metadata.publisher.clone(),
            paragraphs,
            quotes: QuotePart::build(doc, &facts.quotes, needs.quotes, &lexicons.cues),
            names: NamePart::build(&facts.entities.names),
            lower_words: if needs.entities {
                lower_case_words(&doc.text)
            } else {
                Vec::new()
            },
            quantities: facts.entities.quantities.clone(),
            roles: facts.entities.roles.clone(),
            events: dated_events(doc, &facts.dates),
        }
    }

    /// What the index keeps of the document itself.
    pub fn entry(&self, reported: bool) -> DocEntry {
        DocEntry {
            path: self.path.clone(),
            reported,
            published: self.published,
            publisher: self.publisher.clone(),
            indexed_paragraphs: self.paragraphs.len() as u32,
            indexed_words: self.paragraphs.iter().map(|(_, o)| o.words).sum(),
            bytes: self.bytes,
        }
    }
}

impl CorpusIndex {
    /// Merges per-document parts; `parts[i]` becomes `DocId(i)`, reported if
    /// `reported[i]` (default true).
    pub fn merge(parts: Vec<DocPart>, reported: &[bool]) -> CorpusIndex {
        let mut index = CorpusIndex::default();
        index.append(parts, reported);
        index
    }

    /// Adds documents after those already indexed: `parts[i]` becomes
    /// `DocId(self.docs.len() + i)`, reported if `reported[i]` (default true).
    pub fn append(&mut self, parts: Vec<DocPart>, reported: &[bool]) {
        let mut appender = self.appender();
        for (i, part) in parts.into_iter().enumerate() {
            appender.add(part, reported.get(i).copied().unwrap_or(true));
        }
        appender.finish();
    }

    /// Adds documents one at a time, as they are produced, so that their parts
    /// are never all held at once; [`Appender::finish`] completes the index.
    pub fn appender(&mut self) -> Appender<'_> {
        Appender {
            index: self,
            lower_words: Vec::new(),
            paragraphs: Vec::new(),
            quote_parts: Vec::new(),
            spellings: Default::default(),
            name_uses: Vec::new(),
        }
    }

    /// Adds `words` (one entry per document that writes the word) to the vocabulary's
    /// counts; empties `words`.
    fn count_lower_words(&mut self, words: &mut Vec<u32>) {
        words.sort_unstable();
        let changes = words
            .chunk_by(|a, b| a == b)
            .map(|c| (c[0], c.len() as u32));
        add_word_counts((&mut self.lower_words, &mut self.lower_word_docs), changes);
        words.clear();
    }
}

/// Documents being added to a [`CorpusIndex`]: paragraphs, quotes and name uses are
/// gathered and filed at the end, in one sort and merge each. (Filing each name use
/// in its spelling's list as documents come in cost twice as much: the lists are
/// cold in the cache by the time the next document is done.)
pub struct Appender<'a> {
    index: &'a mut CorpusIndex,
    paragraphs: Vec<(u64, Occurrence)>,
    quote_parts: Vec<(DocId, QuotePart)>,
    spellings: HashMap<String, u32>,
    name_uses: Vec<(u32, NameUse)>,
    /// Lower-case words of documents not yet counted in the vocabulary.
    lower_words: Vec<u32>,
}

impl Appender<'_> {
    /// Adds the next document and returns its id.
    pub fn add(&mut self, part: DocPart, reported: bool) -> DocId {
        let index = &mut *self.index;
        let id = DocId(index.docs.len() as u32);
        index.docs.push(part.entry(reported));
        self.paragraphs.extend(
            part.paragraphs
                .into_iter()
                .map(|(hash, occ)| (hash, Occurrence { doc: id, ..occ })),
        );
        self.quote_parts.push((id, part.quotes));
        let mut last: Option<(&str, u32)> = None;
        for (spelling, name_use) in part.names.uses(id) {
            let n = match last {
                Some((s, n)) if s == spelling => n,
                _ => {
                    let next = self.spellings.len() as u32;
                    let n = match self.spellings.get(spelling) {
                        Some(&n) => n,
                        None => *self.spellings.entry(spelling.to_string()).or_insert(next),
                    };
                    last = Some((spelling, n));
                    n
                }
            };
            self.name_uses.push((n, name_use));
        }
        self.lower_words.extend(part.lower_words);
        // Counted as it grows: every document repeats the common words.
        if self.lower_words.len() > index.lower_words.len() + (1 << 20) {
            index.count_lower_words(&mut self.lower_words);
        }
        index
            .quantities
            .extend(part.quantities.into_iter().map(|q| (id, q)));
        index.roles.extend(part.roles.into_iter().map(|r| (id, r)));
        index
            .events
            .extend(part.events.into_iter().map(|e| (id, e)));
        id
    }

    pub fn finish(self) {
        let Appender {
            index,
            paragraphs,
            quote_parts,
            spellings,
            mut name_uses,
            mut lower_words,
            ..
        } = self;
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
        index.count_lower_words(&mut lower_words);
        index.quotes.add(quote_parts);
        index.paragraphs.extend(paragraphs);
    }
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

/// Keeps the items whose flag in `keep` is true (items past its end are kept).
pub fn retain_flagged<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    items.retain(|_| flags.next().copied().unwrap_or(true));
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

    fn part(i: usize) -> DocPart {
        let mut text = format!(
            "# Story {i}\n\nMayor Tom Brandt said the bridge would close, and residents wrote onlyword{i} in reply to the council about the closure.\n\n"
        );
        if i % 2 == 0 {
            text.push_str("“We will reopen the bridge to lorries before the first snow of winter,” said Kim Osei, who met Governor Ella Park in Harwick on March 3, 2024, to discuss the repairs.\n\nThe council will hire 120 inspectors for the bridge repairs over the coming months, officials said on Tuesday.\n\n");
        }
        let doc = Document::parse(
            DocId(0),
            format!("d{i}.md"),
            text.into_bytes(),
            &crate::doc::ParseOptions::default(),
        );
        let lexicons = crate::lexicons::for_tests();
        DocPart::build(
            &doc,
            &crate::extract::extract(&doc, Needs::ALL, lexicons),
            Needs::ALL,
            lexicons,
        )
    }

    #[test]
    fn appending_documents_equals_merging_them_at_once() {
        // One at a time and in two batches, as `check --index` appends articles to
        // the archive's part of the index.
        let mut appended = CorpusIndex::merge((0..3).map(part).collect(), &[]);
        appended.append((3..6).map(part).collect(), &[false, true]);
        let fresh = CorpusIndex::merge((0..6).map(part).collect(), &[true, true, true, false]);
        assert_eq!(format!("{appended:?}"), format!("{fresh:?}"));
        assert!(!appended.docs[3].reported && appended.docs[4].reported);
        // The vocabulary counts the documents writing each word.
        let docs_writing = |w: &str| {
            let h = crate::extract::quotes::corpus::word_hash(w);
            (appended.lower_words.binary_search(&h).ok())
                .map_or(0, |at| appended.lower_word_docs[at])
        };
        assert_eq!(
            (docs_writing("onlyword4"), docs_writing("residents")),
            (1, 6)
        );
    }

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
