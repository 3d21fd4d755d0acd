//! The quote part of the corpus index: plain serialisable data that the
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
//! - `names`: person names (capitalised runs, titles dropped) → documents that
//!   mention them, so a speaker named elsewhere in the corpus can be recognised.

use super::lexicon::Lexicon;
use super::resolve::bare_name;
use super::tokens::capitalised_runs;
use crate::doc::{DocId, Document, Span};
use crate::extract::{Quote, QuoteKind};
use crate::index::fingerprint_words;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// Lower-case words joined by single spaces.
    pub words: String,
    /// The quoted words as written, for messages.
    pub text: String,
    /// A full statement (`direct`) rather than a fragment of reported speech.
    pub direct: bool,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct QuoteIndex {
    pub quotes: Vec<QuoteEntry>,
    pub by_shingle: BTreeMap<u64, Vec<u32>>,
    pub names: BTreeMap<String, Vec<DocId>>,
}

/// One document's contribution, built in the parallel phase. Serialisable so the
/// archive index can store it; `QuoteIndex::add` assigns the document id.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct QuotePart {
    quotes: Vec<(QuoteEntry, Vec<u64>)>,
    names: Vec<String>,
}

/// Lower-case alphanumeric words of `text`, joined by single spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The `SKETCH` smallest hashes of the content-word shingles of normalised words.
pub fn sketch(words: &str) -> Vec<u64> {
    let list: Vec<&str> = words
        .split(' ')
        .filter(|w| !w.is_empty() && !FUNCTION_WORDS.contains(w))
        .collect();
    let mut hashes: Vec<u64> = list
        .windows(SHINGLE_WORDS.min(list.len().max(1)))
        .map(|w| fingerprint_words(&w.join(" ")).0)
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes.truncate(SKETCH);
    hashes
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

/// Index key of a person name: lower case, titles dropped.
pub fn name_key(name: &str, lex: &Lexicon) -> Option<String> {
    let words = bare_name(name, lex);
    (words.len() >= 2).then(|| words.join(" ").to_lowercase())
}

impl QuotePart {
    pub fn build(doc: &Document, quotes: &[Quote]) -> QuotePart {
        let lex = Lexicon::builtin();
        let mut part = QuotePart::default();
        for q in quotes {
            if !matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial) {
                continue;
            }
            let text = q.words(&doc.text).into_owned();
            let words = normalise(&text);
            if words.split(' ').count() < MIN_QUOTE_WORDS {
                continue;
            }
            let named = q
                .speaker
                .as_ref()
                .filter(|s| !s.anonymous)
                .and_then(|s| s.resolved.clone());
            let entry = QuoteEntry {
                doc: doc.id,
                span: q.span,
                speaker: named.as_deref().and_then(speaker_key),
                speaker_name: named,
                words,
                text,
                direct: q.kind == QuoteKind::Direct,
            };
            let shingles = sketch(&entry.words);
            part.quotes.push((entry, shingles));
        }
        let mut names: Vec<String> = capitalised_runs(&doc.text)
            .iter()
            .filter_map(|r| name_key(r.slice(&doc.text), lex))
            .collect();
        names.sort();
        names.dedup();
        part.names = names;
        part
    }
}

impl QuoteIndex {
    /// Documents of `self` that `other`'s quotes can be compared with: those sharing a
    /// shingle bucket with one of its quotes, and a few that name one of its speakers
    /// (enough to show the speaker appears elsewhere). Used by `check --index`.
    pub fn related_docs(&self, other: &QuoteIndex) -> Vec<DocId> {
        const PER_SPEAKER: usize = 4;
        let mut out = Vec::new();
        for ids in other
            .by_shingle
            .keys()
            .filter_map(|h| self.by_shingle.get(h))
        {
            out.extend(
                ids.iter()
                    .take(PER_BUCKET)
                    .filter_map(|&i| self.quotes.get(i as usize))
                    .map(|q| q.doc),
            );
        }
        for name in other
            .quotes
            .iter()
            .filter_map(|q| q.speaker_name.as_deref())
            .filter_map(|n| name_key(n, Lexicon::builtin()))
        {
            if let Some(docs) = self.names.get(&name) {
                out.extend(docs.iter().take(PER_SPEAKER));
            }
        }
        out
    }

    /// Adds one document's part (call in `DocId` order).
    pub fn add(&mut self, doc: DocId, part: QuotePart) {
        for (mut entry, shingles) in part.quotes {
            entry.doc = doc;
            let id = self.quotes.len() as u32;
            self.quotes.push(entry);
            for h in shingles {
                self.by_shingle.entry(h).or_default().push(id);
            }
        }
        for name in part.names {
            self.names.entry(name).or_default().push(doc);
        }
    }

    /// Quotes of other documents that may be the same as quote `i`: the first
    /// `PER_BUCKET` entries of its `PROBES` rarest sketch buckets, each once, in index
    /// order. The same quote elsewhere shares its rare shingles, so the common ones
    /// (stock phrases, frequent names) add cost without adding matches.
    pub fn candidates(&self, i: usize) -> Vec<u32> {
        let Some(q) = self.quotes.get(i) else {
            return Vec::new();
        };
        let mut buckets: Vec<&Vec<u32>> = sketch(&q.words)
            .iter()
            .filter_map(|h| self.by_shingle.get(h))
            .filter(|b| b.len() >= 2)
            .collect();
        buckets.sort_by_key(|b| b.len());
        let mut out: Vec<u32> = buckets
            .into_iter()
            .take(PROBES)
            .flat_map(|b| b.iter().take(PER_BUCKET))
            .copied()
            .filter(|&j| self.quotes[j as usize].doc != q.doc)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Documents other than `doc` that mention the person `name`.
    pub fn mentioned_elsewhere(&self, name: &str, doc: DocId, lex: &Lexicon) -> bool {
        name_key(name, lex)
            .and_then(|k| self.names.get(&k))
            .is_some_and(|docs| docs.iter().any(|&d| d != doc))
    }
}

/// How alike two normalised quotes are, in [0, 1]: 1 when one contains the other,
/// else the normalised Levenshtein similarity of their word sequences (a changed,
/// added or dropped word costs one edit). Words, not characters: a quote of 200
/// characters is ~35 words, so the quadratic distance costs ~30× less (GUIDE §11
/// measured ~75 µs a pair for character Levenshtein, which dominated whole runs), and
/// "altered" is about words changed anyway. Pairs that cannot reach 0.5 (lengths too
/// different, too few words in common) get a cheap estimate instead.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.contains(short) {
        return 1.0;
    }
    // Levenshtein distance is at least the length difference.
    let length_bound = short.len() as f64 / long.len().max(1) as f64;
    if length_bound < 0.5 {
        return length_bound;
    }
    let words = |s: &str| -> Vec<u64> { s.split(' ').map(|w| fingerprint_words(w).0).collect() };
    let (x, y) = (words(a), words(b));
    let dice = word_dice(&x, &y);
    if dice < 0.5 {
        return dice.min(length_bound);
    }
    1.0 - levenshtein(&x, &y) as f64 / x.len().max(y.len()).max(1) as f64
}

/// Sørensen–Dice coefficient of two word sets.
fn word_dice(x: &[u64], y: &[u64]) -> f64 {
    let set = |v: &[u64]| {
        let mut v = v.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (x, y) = (set(x), set(y));
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
fn levenshtein(x: &[u64], y: &[u64]) -> usize {
    let mut prev: Vec<usize> = (0..=y.len()).collect();
    let mut cur = vec![0; y.len() + 1];
    for (i, a) in x.iter().enumerate() {
        cur[0] = i + 1;
        for (j, b) in y.iter().enumerate() {
            let substitute = prev[j] + usize::from(a != b);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[y.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_and_sketch_ignore_punctuation_and_case() {
        assert_eq!(
            normalise("“We’ll act — now,” he said."),
            "we ll act now he said"
        );
        let a = sketch(&normalise(
            "The alliance will coordinate closely on supply chains.",
        ));
        let b = sketch(&normalise(
            "the alliance will coordinate closely on supply chains",
        ));
        assert_eq!(a, b);
        assert!(a.len() <= SKETCH);
    }

    #[test]
    fn similarity_tolerates_small_changes_and_containment() {
        let a = normalise("We will coordinate closely with our partners in Europe.");
        let b = normalise("We will coordinate very closely with our partners in Europe.");
        assert!(similarity(&a, &b) > 0.85);
        let c = normalise("coordinate closely with our partners");
        assert_eq!(similarity(&a, &c), 1.0);
        assert!(similarity(&a, &normalise("Nothing of the kind was ever agreed.")) < 0.5);
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
