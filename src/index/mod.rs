//! The corpus index: what cross-document checks compare, built once per run from
//! every document's extracted facts. Plain owned data (serde), so it can be saved to
//! disk and reused; buckets are BTreeMaps so iteration order is deterministic.
//!
//! Each kind of evidence is a bucket, one module each behind [`Bucket`]: what one
//! document contributes is built from its facts in the parallel per-document phase
//! ([`DocPart::build`]), then inserted in `DocId` order and merged
//! ([`CorpusIndex::merge`]). A new cross-document check adds its bucket as a module
//! and one line in the `buckets!` list below (and its field in [`CorpusIndex`]).
//!
//! Corpus checks read nothing else: documents are dropped after their phase. So
//! `check --index ARCHIVE` gives the results of `--corpus` by construction: the
//! archive index (src/archive.rs) stores each document's part and its buckets by
//! key, gives back the part of the index the new documents' parts can meet, and
//! their parts are appended to it ([`CorpusIndex::append`]); the same checks run
//! over it. Parts hold no `DocId`s of their own; `merge` and `append` assign them.

pub mod entities;
pub mod events;
pub mod names;
pub mod paragraphs;
pub mod quotes;

use crate::doc::{DocId, Document};
use crate::extract::entities::{Quantity, RoleMention};
use crate::extract::lexicons::Lexicons;
use crate::extract::{Facts, Needs};
use crate::postings::Postings;
use crate::time::PartialDate;
use events::DatedEvent;
use names::NameUse;
use quotes::QuoteIndex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use paragraphs::{fingerprint_words, Occurrence, MIN_INDEXED_WORDS};

/// One kind of cross-document evidence. A document's `Part` is built from its text
/// and facts in the parallel per-document phase (and stored per document by the
/// archive); parts are inserted in `DocId` order, and `merge` files what the
/// insertions held back (one sort and merge for many documents costs less than
/// filing each document as it comes).
pub trait Bucket {
    type Part: Clone + std::fmt::Debug + Default + Serialize + for<'de> Deserialize<'de>;
    /// What insertions hold until [`Bucket::merge`].
    type Pending: Default;

    fn build(doc: &Document, facts: &Facts, needs: Needs, lexicons: &Lexicons) -> Self::Part;
    fn insert(index: &mut CorpusIndex, pending: &mut Self::Pending, doc: DocId, part: Self::Part);
    fn merge(index: &mut CorpusIndex, pending: Self::Pending);
}

/// The buckets, in the order of their parts in [`DocPart`] (its serialised form):
/// the part's field name and the bucket's type.
macro_rules! buckets {
    ($($field:ident: $bucket:ty,)*) => {
        /// One document's contribution to the index, computed in the parallel phase.
        #[derive(Clone, Debug, Default, Serialize, Deserialize)]
        pub struct DocPart {
            pub(crate) path: String,
            pub(crate) bytes: u64,
            pub(crate) published: Option<PartialDate>,
            pub(crate) publisher: Option<String>,
            $(pub(crate) $field: <$bucket as Bucket>::Part,)*
        }

        /// What the insertions of an [`Appender`] hold, per bucket.
        #[derive(Default)]
        struct Pending {
            $($field: <$bucket as Bucket>::Pending,)*
        }

        impl DocPart {
            pub fn build(doc: &Document, facts: &Facts, needs: Needs, lexicons: &Lexicons) -> DocPart {
                DocPart {
                    path: doc.path.to_string(),
                    bytes: doc.raw.len() as u64,
                    published: doc.metadata.published,
                    publisher: doc.metadata.publisher.clone(),
                    $($field: <$bucket>::build(doc, facts, needs, lexicons),)*
                }
            }

            fn insert(self, index: &mut CorpusIndex, pending: &mut Pending, doc: DocId) {
                $(<$bucket>::insert(index, &mut pending.$field, doc, self.$field);)*
            }
        }

        impl Pending {
            fn merge(self, index: &mut CorpusIndex) {
                $(<$bucket>::merge(index, self.$field);)*
            }
        }
    };
}

buckets! {
    paragraphs: paragraphs::Paragraphs,
    quotes: quotes::Quotes,
    names: names::Names,
    lower_words: names::Vocabulary,
    quantities: entities::Quantities,
    roles: entities::Roles,
    events: events::Events,
}

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

/// Archive documents and where each lives on disk: the part of the archive's corpus
/// index that a run reads.
#[derive(Debug, Default)]
pub struct StoredIndex {
    pub index: CorpusIndex,
    /// `locations[i]` is the file of `index.docs[i]`.
    pub locations: Vec<std::path::PathBuf>,
}

impl DocPart {
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
            pending: Pending::default(),
        }
    }
}

/// Documents being added to a [`CorpusIndex`]: each bucket holds what it files at
/// the end ([`Bucket::merge`]).
pub struct Appender<'a> {
    index: &'a mut CorpusIndex,
    pending: Pending,
}

impl Appender<'_> {
    /// Adds the next document and returns its id.
    pub fn add(&mut self, part: DocPart, reported: bool) -> DocId {
        let index = &mut *self.index;
        let id = DocId(index.docs.len() as u32);
        index.docs.push(part.entry(reported));
        part.insert(index, &mut self.pending, id);
        id
    }

    pub fn finish(self) {
        self.pending.merge(self.index);
    }
}

/// Keeps the items whose flag in `keep` is true (items past its end are kept).
pub fn retain_flagged<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    items.retain(|_| flags.next().copied().unwrap_or(true));
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
        let lexicons = crate::extract::lexicons::for_tests();
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
            let h = quotes::word_hash(w);
            (appended.lower_words.binary_search(&h).ok())
                .map_or(0, |at| appended.lower_word_docs[at])
        };
        assert_eq!(
            (docs_writing("onlyword4"), docs_writing("residents")),
            (1, 6)
        );
    }
}
