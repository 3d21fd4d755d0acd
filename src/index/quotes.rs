//! The quote bucket of the corpus index: plain serialisable data that the
//! cross-document quote rules read.
//!
//! - `quotes`: every direct or partial quote of every document (archive included),
//!   with its speaker key and its normalised words.
//! - `by_shingle`: candidate buckets. Each quote is filed under the `SKETCH` smallest
//!   hashes of its shingles — pairs of consecutive content words, function words
//!   dropped (a bottom-k sketch of rare-word shingles) — so two quotes that share most
//!   of their wording share a bucket with high probability, while comparing a quote
//!   costs only a bounded slice of its three rarest buckets: N quotes cost O(N)
//!   comparisons, never all pairs.
//! - `names`: person names (capitalised runs, titles dropped, hashed) → the
//!   documents that mention them, so a speaker named elsewhere in the corpus can be
//!   recognised.

use super::paragraphs::fingerprint_words;
use super::{Bucket, CorpusIndex};
use crate::doc::{DocId, Document, Span};
use crate::extract::lexicons::Lexicons;
use crate::extract::quotes::lexicon::Lexicon;
use crate::extract::quotes::resolve::{bare_name, is_person_name, names_resolved};
use crate::extract::quotes::tokens::capitalised_runs;
use crate::extract::{Facts, Needs};
use crate::extract::{Quote, QuoteKind};
use crate::postings::Postings;
use serde::{Deserialize, Serialize};
use std::sync::{LazyLock, OnceLock};

/// Shingles kept per quote.
pub const SKETCH: usize = 6;
/// Content words per shingle.
const SHINGLE_WORDS: usize = 2;
/// Words too common to make a shingle distinctive.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as", "and", "or",
    "but", "if", "that", "this", "these", "those", "it", "its", "is", "are", "was", "were", "be",
    "been", "being", "will", "would", "can", "could", "should", "may", "might", "must", "shall",
    "do", "does", "did", "have", "has", "had", "not", "no", "we", "i", "you", "he", "she", "they",
    "our", "us", "my", "me", "your", "his", "her", "their", "them", "him", "there", "here", "so",
    "very", "all", "s", "t", "ll", "re", "ve", "d", "m",
];
/// Buckets probed per quote, rarest first.
pub const PROBES: usize = 3;
/// Entries read per probed bucket: a quote costs at most `PROBES * PER_BUCKET`
/// comparisons whatever the corpus size.
pub const PER_BUCKET: usize = 16;
/// Quotes shorter than this many words are not indexed ("We’ll see.").
pub const MIN_QUOTE_WORDS: usize = 5;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteEntry {
    pub doc: DocId,
    /// The quote's span in its document (marks included).
    pub span: Span,
    /// Lower-case last name of the resolved speaker ("kishida"), when named.
    pub speaker: Option<String>,
    /// The speaker as resolved, for messages.
    pub speaker_name: Option<String>,
    /// The quoted words as written, for messages and comparison.
    pub text: String,
    /// A full statement (`direct`) rather than a fragment of reported speech.
    pub direct: bool,
    /// `text` as word hashes (see [`QuoteEntry::words`]). Not stored in the archive
    /// index: most archive quotes are never anyone's candidate, and the hashes were
    /// most of the index's size.
    #[serde(skip)]
    words: OnceLock<Vec<u32>>,
}

impl QuoteEntry {
    pub fn new(
        doc: DocId,
        span: Span,
        speaker_name: Option<String>,
        text: String,
        direct: bool,
    ) -> QuoteEntry {
        QuoteEntry {
            doc,
            span,
            speaker: speaker_name.as_deref().and_then(speaker_key),
            speaker_name,
            text,
            direct,
            words: OnceLock::new(),
        }
    }

    /// The quoted words as hashes of their lower-case forms, in order: what quotes
    /// are compared by, computed once per quote, not once per comparison.
    pub fn words(&self) -> &[u32] {
        self.words.get_or_init(|| word_hashes(&self.text))
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct QuoteIndex {
    pub quotes: Vec<QuoteEntry>,
    /// Shingle key -> quotes (positions in `quotes`).
    pub by_shingle: Postings<u32>,
    /// Person name (hash of its [`name_key`]) -> the documents naming it, in order.
    /// Every one, not just two: an archive update that removes a document must know
    /// whether another still names the person.
    pub names: Postings<DocId>,
    /// Entries of a bucket left out of this index (an archive index read for a few
    /// articles holds only the first `PER_BUCKET` of each): counted in the bucket's
    /// size, which ranks the buckets a quote probes, never read.
    #[serde(skip)]
    pub omitted: std::collections::HashMap<u64, usize>,
}

/// One document's contribution, built in the parallel phase. Serialisable so the
/// archive index can store it; `QuoteIndex::add` assigns the document id. Each
/// quote comes with its bucket keys, so that merging stored parts needs no hashing.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct QuotePart {
    quotes: Vec<(QuoteEntry, Vec<u64>)>,
    /// The person names the document mentions, hashed (see [`name_hash`]).
    names: Vec<u64>,
}

/// The hash a word is compared by: FNV-1a of its lower-case form, folded to 32 bits
/// (two words of one comparison collide once in ~4 billion).
pub fn word_hash(word: &str) -> u32 {
    let h = fingerprint_words(word).0;
    (h ^ (h >> 32)) as u32
}

/// Hashes of the lower-case alphanumeric words of `text`, in order: case,
/// punctuation and spacing do not change them.
pub fn word_hashes(text: &str) -> Vec<u32> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect()
}

static FUNCTION_WORD_HASHES: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut h: Vec<u32> = FUNCTION_WORDS.iter().map(|w| word_hash(w)).collect();
    h.sort_unstable();
    h
});

/// The `SKETCH` smallest keys of the content-word shingles of a quote's word hashes.
/// A shingle's key is its words mixed (splitmix64), so the smallest keys are a
/// uniform sample of the shingles, not those of words with small hashes.
pub fn sketch(words: &[u32]) -> Vec<u64> {
    let function = &*FUNCTION_WORD_HASHES;
    let content: Vec<u32> = words
        .iter()
        .copied()
        .filter(|w| function.binary_search(w).is_err())
        .collect();
    let mut keys: Vec<u64> = content
        .windows(SHINGLE_WORDS.min(content.len().max(1)))
        .map(|w| mix(w.iter().fold(0, |acc, &x| (acc << 32) | u64::from(x))))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys.truncate(SKETCH);
    keys
}

/// splitmix64's finaliser: a bijection that scatters nearby inputs.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The key a speaker is compared by: the last word of the resolved name, lower case
/// and without accents ("Calderón" and "Calderon" are one speaker).
pub fn speaker_key(name: &str) -> Option<String> {
    let last = name
        .split_whitespace()
        .next_back()?
        .trim_end_matches("’s")
        .trim_end_matches("'s");
    last.starts_with(char::is_uppercase).then(|| {
        last.chars()
            .flat_map(char::to_lowercase)
            .map(fold_accent)
            .collect()
    })
}

/// The base letter of a common accented Latin letter (lower case).
fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'ý' | 'ÿ' => 'y',
        c => c,
    }
}

/// The key person names are filed under: a hash of their [`name_key`].
pub fn name_hash(key: &str) -> u64 {
    fingerprint_words(key).0
}

/// Index key of a person name: lower case, titles dropped.
pub fn name_key(name: &str, lex: &Lexicon) -> Option<String> {
    let words = bare_name(name, lex);
    (words.len() >= 2).then(|| words.join(" ").to_lowercase())
}

impl QuotePart {
    /// The document's quotes, each with its bucket keys.
    pub fn quotes(&self) -> &[(QuoteEntry, Vec<u64>)] {
        &self.quotes
    }

    /// The person names the document mentions, hashed.
    pub fn names(&self) -> &[u64] {
        &self.names
    }

    /// `names`: also file the person names the document mentions (only the quote
    /// rules that ask whether a speaker is named elsewhere read them).
    pub fn build(doc: &Document, quotes: &[Quote], names: bool, lex: &Lexicon) -> QuotePart {
        let mut part = QuotePart::default();
        for q in quotes {
            if !matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial) {
                continue;
            }
            let text = q.words(&doc.text).into_owned();
            // Only a confidently resolved person is compared across documents: a
            // name given as such, not a pronoun's guess, a description linked to a
            // name ("the minister"), a document's owner, an outlet or an event.
            let named = q
                .speaker
                .as_ref()
                .filter(|s| !s.anonymous && names_resolved(s))
                .and_then(|s| s.resolved.clone())
                .filter(|n| is_person_name(n) && n.split_whitespace().count() >= 2);
            let entry = QuoteEntry::new(doc.id, q.span, named, text, q.kind == QuoteKind::Direct);
            if entry.words().len() < MIN_QUOTE_WORDS {
                continue;
            }
            let keys = sketch(entry.words());
            part.quotes.push((entry, keys));
        }
        if names {
            let mut names: Vec<u64> = capitalised_runs(&doc.text)
                .iter()
                .filter_map(|r| name_key(r.slice(&doc.text), lex))
                .map(|k| name_hash(&k))
                .collect();
            names.sort();
            names.dedup();
            part.names = names;
        }
        part
    }
}

/// A candidate quote and how alike it is (see [`similarity`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    pub other: u32,
    pub similarity: f64,
}

/// Quotes and person names: [`CorpusIndex::quotes`].
pub struct Quotes;

impl Bucket for Quotes {
    type Part = QuotePart;
    /// Parts are filed together: [`QuoteIndex::add`] sorts their shingles once.
    type Pending = Vec<(DocId, QuotePart)>;

    fn build(doc: &Document, facts: &Facts, needs: Needs, lexicons: &Lexicons) -> QuotePart {
        QuotePart::build(doc, &facts.quotes, needs.quotes, &lexicons.cues)
    }

    fn insert(_: &mut CorpusIndex, pending: &mut Self::Pending, doc: DocId, part: QuotePart) {
        pending.push((doc, part));
    }

    fn merge(index: &mut CorpusIndex, pending: Self::Pending) {
        index.quotes.add(pending);
    }
}

impl QuoteIndex {
    /// Adds documents' parts, in `DocId` order.
    pub fn add(&mut self, parts: impl IntoIterator<Item = (DocId, QuotePart)>) {
        let mut shingles = Vec::new();
        let mut names = Vec::new();
        for (doc, part) in parts {
            for (mut entry, keys) in part.quotes {
                entry.doc = doc;
                let id = self.quotes.len() as u32;
                shingles.extend(keys.into_iter().map(|h| (h, id)));
                self.quotes.push(entry);
            }
            names.extend(part.names.into_iter().map(|h| (h, doc)));
        }
        self.by_shingle.extend(shingles);
        self.names.extend(names);
    }

    /// Quotes of other documents that may be the same as quote `i`: the first
    /// `PER_BUCKET` entries of its `PROBES` rarest sketch buckets, each once, in index
    /// order. The same quote elsewhere shares its rare shingles, so the common ones
    /// (stock phrases, frequent names) add cost without adding matches.
    pub fn candidates(&self, i: usize) -> Vec<u32> {
        let Some(q) = self.quotes.get(i) else {
            return Vec::new();
        };
        let mut buckets: [(usize, &[u32]); SKETCH] = [(0, &[]); SKETCH];
        let mut found = 0;
        for h in sketch(q.words()) {
            let b = self.by_shingle.get(h);
            let size = b.len() + self.omitted.get(&h).copied().unwrap_or(0);
            if size >= 2 && found < SKETCH {
                buckets[found] = (size, b);
                found += 1;
            }
        }
        let buckets = &mut buckets[..found];
        buckets.sort_by_key(|&(size, _)| size);
        let mut out: Vec<u32> = buckets
            .iter()
            .take(PROBES)
            .flat_map(|(_, b)| b.iter().take(PER_BUCKET))
            .copied()
            .filter(|&j| self.quotes[j as usize].doc != q.doc)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The candidates of every quote for which `wanted` holds, with their similarity,
    /// in candidate order (empty for the others). One pass serves every quote rule:
    /// the corroborated, misattributed and altered rules read the same comparisons.
    pub fn matches(
        &self,
        wanted: impl Fn(&QuoteEntry) -> bool + Sync,
        threads: usize,
    ) -> Vec<Vec<Match>> {
        let ids: Vec<usize> = (0..self.quotes.len()).collect();
        crate::parallel::map_chunks(&ids, threads, |chunk| {
            let mut scratch = Scratch::default();
            chunk
                .iter()
                .map(|&i| {
                    if !wanted(&self.quotes[i]) {
                        return Vec::new();
                    }
                    let words = self.quotes[i].words();
                    self.candidates(i)
                        .into_iter()
                        .map(|j| Match {
                            other: j,
                            similarity: scratch.similarity(words, self.quotes[j as usize].words()),
                        })
                        .collect()
                })
                .collect()
        })
    }

    /// Whether a document other than `doc` mentions the person `name`.
    pub fn mentioned_elsewhere(&self, name: &str, doc: DocId, lex: &Lexicon) -> bool {
        name_key(name, lex).is_some_and(|k| self.names.get(name_hash(&k)).iter().any(|&d| d != doc))
    }
}

/// How alike two quotes (word hashes) are, in [0, 1].
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    Scratch::default().similarity(a, b)
}

/// Buffers reused across comparisons: a run compares hundreds of thousands of pairs.
#[derive(Default)]
pub struct Scratch {
    x: Vec<u32>,
    y: Vec<u32>,
    prev: Vec<u32>,
    cur: Vec<u32>,
}

impl Scratch {
    /// 1 when one quote's words run inside the other's, else the normalised Levenshtein
    /// similarity of their word sequences (a changed, added or dropped word costs one
    /// edit). Words, not characters: a quote of 200 characters is ~35 words, so the
    /// quadratic distance costs ~30× less (GUIDE §11 measured ~75 µs a pair for
    /// character Levenshtein), and "altered" is about words changed anyway. Pairs that
    /// cannot reach 0.5 (lengths too different, too few words in common) get a cheap
    /// estimate instead.
    pub fn similarity(&mut self, a: &[u32], b: &[u32]) -> f64 {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let Some(&first) = short.first() else {
            return 0.0;
        };
        // Containment, testing whole runs only where the first word matches.
        let contained = (0..=long.len() - short.len())
            .any(|k| long[k] == first && long[k..k + short.len()] == *short);
        if contained {
            return 1.0;
        }
        // Levenshtein distance is at least the length difference.
        let length_bound = short.len() as f64 / long.len() as f64;
        if length_bound < 0.5 {
            return length_bound;
        }
        let dice = self.word_dice(a, b);
        if dice < 0.5 {
            return dice.min(length_bound);
        }
        1.0 - self.levenshtein(a, b) as f64 / long.len() as f64
    }

    /// Sørensen–Dice coefficient of two word sets.
    fn word_dice(&mut self, a: &[u32], b: &[u32]) -> f64 {
        let set = |v: &mut Vec<u32>, from: &[u32]| {
            v.clear();
            v.extend_from_slice(from);
            v.sort_unstable();
            v.dedup();
        };
        set(&mut self.x, a);
        set(&mut self.y, b);
        let (x, y) = (&self.x, &self.y);
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (2 * common) as f64 / (x.len() + y.len()).max(1) as f64
    }

    /// Edit distance between two word sequences (two-row dynamic programme).
    fn levenshtein(&mut self, x: &[u32], y: &[u32]) -> usize {
        self.prev.clear();
        self.prev.extend(0..=y.len() as u32);
        self.cur.clear();
        self.cur.resize(y.len() + 1, 0);
        for (i, a) in x.iter().enumerate() {
            self.cur[0] = i as u32 + 1;
            for (j, b) in y.iter().enumerate() {
                let substitute = self.prev[j] + u32::from(a != b);
                self.cur[j + 1] = substitute.min(self.prev[j + 1] + 1).min(self.cur[j] + 1);
            }
            std::mem::swap(&mut self.prev, &mut self.cur);
        }
        self.prev[y.len()] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sketch_ignore_punctuation_and_case() {
        assert_eq!(
            word_hashes("“We’ll act — now,” he said."),
            word_hashes("we ll act now he said")
        );
        let a = sketch(&word_hashes(
            "The alliance will coordinate closely on supply chains.",
        ));
        let b = sketch(&word_hashes(
            "the alliance will coordinate closely on supply chains",
        ));
        assert_eq!(a, b);
        assert!(!a.is_empty() && a.len() <= SKETCH);
        // Function words make no shingle of their own.
        assert_eq!(
            sketch(&word_hashes("the alliance")),
            sketch(&word_hashes("alliance"))
        );
    }

    #[test]
    fn similarity_tolerates_small_changes_and_containment() {
        let a = word_hashes("We will coordinate closely with our partners in Europe.");
        let b = word_hashes("We will coordinate very closely with our partners in Europe.");
        assert!(similarity(&a, &b) > 0.85);
        let c = word_hashes("coordinate closely with our partners");
        assert_eq!(similarity(&a, &c), 1.0);
        // Containment is of whole words: "act now" is not inside "react now".
        assert!(similarity(&word_hashes("they react now"), &word_hashes("act now")) < 1.0);
        assert!(similarity(&a, &word_hashes("Nothing of the kind was ever agreed.")) < 0.5);
    }

    #[test]
    fn only_speakers_named_as_such_are_compared_across_documents() {
        let text = "Lena Koval, the trade minister, arrived on Monday.\n\n\
            “This agreement secures our trade routes for a decade,” Koval said.\n\n\
            “The second agreement covers the ports on the coast,” the minister said.\n\n\
            “The third agreement covers the rail lines to the north,” her statement said.\n\n\
            “The fourth agreement covers the airports of the region,” she said.\n";
        let doc = Document::parse(
            DocId(0),
            "t.txt".into(),
            text.as_bytes().to_vec(),
            &crate::doc::ParseOptions::default(),
        );
        let lexicons = crate::extract::lexicons::for_tests();
        let quotes = crate::extract::quotes::extract(&doc, &lexicons.cues, &lexicons.people);
        // Each speaker resolves to Lena Koval; only the one named so is compared.
        assert!(quotes
            .iter()
            .all(|q| q.speaker.as_ref().and_then(|s| s.resolved.as_deref()) == Some("Lena Koval")));
        let part = QuotePart::build(&doc, &quotes, false, &lexicons.cues);
        let keys: Vec<Option<&str>> = part
            .quotes()
            .iter()
            .map(|(e, _)| e.speaker.as_deref())
            .collect();
        assert_eq!(keys, [Some("koval"), None, None, None]);
    }

    #[test]
    fn speaker_keys_are_last_names() {
        assert_eq!(speaker_key("Fumio Kishida").as_deref(), Some("kishida"));
        assert_eq!(speaker_key("officials"), None);
        assert_eq!(
            speaker_key("Felipe Calderón"),
            speaker_key("Felipe Calderon")
        );
    }
}
