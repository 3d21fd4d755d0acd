//! `duplicate_text`: the same article or the same substantial paragraph in two
//! documents (syndicated or recycled copy). Compares only within index buckets.

use super::{CompileError, Compiled, CorpusCheck, CorpusContext, CorpusHit, Hit};
use crate::doc::DocId;
use crate::extract::Needs;
use crate::index::{Occurrence, MIN_INDEXED_WORDS};
use serde::Deserialize;
use std::collections::BTreeMap;

pub const DOCS: &str = "\
## What it checks
Body paragraphs of at least `min_words` words that occur, word for word (ignoring
case, punctuation and spacing), in another document of the run or of the `--corpus`
archive. When at least `article_share` of a document's indexed words are shared with
one other document, it is reported once as the same article rather than paragraph by
paragraph.

## Why it matters
Recycled or syndicated copy should say so; an unacknowledged copy passes someone
else's reporting off as new, and a corrected original may live on uncorrected.

## Flagged
Two documents sharing a 60-word paragraph.

## Not flagged
Short shared lines (datelines, sign-offs, boilerplate); paragraphs that differ in
wording.

## Params
- `min_words` (default 30, at least 12): paragraphs shorter than this are ignored.
- `article_share` (default 0.8): share of words that makes it the same article.";

pub const PLACEHOLDERS: &[&str] = &["other", "words", "share"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_min_words")]
    pub min_words: u32,
    #[serde(default = "default_share")]
    pub article_share: f64,
}

fn default_min_words() -> u32 {
    30
}

fn default_share() -> f64 {
    0.8
}

pub struct DuplicateText {
    min_words: u32,
    article_share: f64,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.min_words < MIN_INDEXED_WORDS {
        return Err(CompileError::new("min_words", format!("must be at least {MIN_INDEXED_WORDS}")));
    }
    if !(0.0..=1.0).contains(&p.article_share) || p.article_share == 0.0 {
        return Err(CompileError::new("article_share", "must be in (0, 1]"));
    }
    Ok(Compiled::Corpus(Box::new(DuplicateText { min_words: p.min_words, article_share: p.article_share })))
}

/// Other documents tracked per shared paragraph to find a same-article partner:
/// a document that repeats a whole article shares every paragraph with it, so it is
/// among the first few of each group; tracking every pair made 1,000 files sharing
/// one paragraph a million pairs.
const PARTNERS_TRACKED: usize = 8;
/// Other occurrences cited as evidence in one finding.
const EXAMPLES: usize = 3;

impl CorpusCheck for DuplicateText {
    fn needs(&self) -> Needs {
        Needs::PARAGRAPHS
    }

    /// One finding per shared paragraph of a reported document, naming the first
    /// other document with it and how many more there are, with a few of their
    /// occurrences as evidence; or one for the whole document when it is the same
    /// article as another. Findings and work grow with the paragraphs, not with the
    /// pairs of documents.
    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        // Per reported document: its shared paragraphs (mine, the other documents'
        // first occurrences in document order), and the words it shares with each
        // tracked partner, with the first pair of paragraphs they share.
        let mut paragraphs: BTreeMap<DocId, Vec<(Occurrence, usize, Vec<Occurrence>)>> =
            BTreeMap::new();
        let mut partners: BTreeMap<(DocId, DocId), (u32, Occurrence, Occurrence)> = BTreeMap::new();
        let mut firsts: Vec<Occurrence> = Vec::new();
        for (_, occurrences) in cx.index.paragraphs.groups() {
            if occurrences.len() < 2 || occurrences[0].words < self.min_words {
                continue;
            }
            // The first occurrence in each document stands for all of them there.
            firsts.clear();
            let mut seen = std::collections::HashSet::new();
            firsts.extend(occurrences.iter().filter(|o| seen.insert(o.doc)));
            firsts.sort_by_key(|o| o.doc);
            if firsts.len() < 2 {
                continue;
            }
            for a in firsts.iter().filter(|o| cx.reported(o.doc)) {
                let others = firsts.iter().filter(|b| b.doc != a.doc);
                for b in others.clone().take(PARTNERS_TRACKED) {
                    let entry = partners.entry((a.doc, b.doc)).or_insert((0, *a, *b));
                    entry.0 += a.words;
                }
                let cited = others.take(EXAMPLES).copied().collect();
                paragraphs.entry(a.doc).or_default().push((*a, firsts.len() - 1, cited));
            }
        }
        let share_of = |doc: DocId, words: u32| {
            f64::from(words) / f64::from(cx.index.docs[doc.0 as usize].indexed_words.max(1))
        };
        let path = |doc: DocId| cx.index.docs[doc.0 as usize].path.clone();
        let count = |n: usize| match n {
            0 => String::new(),
            1 => " and 1 other document".to_string(),
            n => format!(" and {n} other documents"),
        };
        for (doc, shared) in paragraphs {
            let articles: Vec<_> = partners
                .range((doc, DocId(0))..=(doc, DocId(u32::MAX)))
                .filter(|(_, (words, _, _))| share_of(doc, *words) >= self.article_share)
                .collect();
            if let Some(((_, other), (words, first, theirs))) = articles.first() {
                // Counted over the documents with its first shared paragraph: the
                // partners tracked are only the first few.
                let sharing = shared
                    .iter()
                    .find(|(mine, _, _)| mine.span == first.span)
                    .map_or(1, |(_, n, _)| *n);
                let hit = Hit::new(first.span)
                    .var("other", format!("{}{}", path(*other), count(sharing.max(1) - 1)))
                    .var("words", words.to_string())
                    .var("share", format!("{:.0}%", share_of(doc, *words) * 100.0))
                    .related(*other, theirs.span);
                out.push(CorpusHit { doc, hit });
                continue;
            }
            for (mine, sharing, others) in shared {
                let first = others[0].doc;
                // The share is of the words shared with that first other document.
                let words = partners.get(&(doc, first)).map_or(mine.words, |p| p.0);
                let mut hit = Hit::new(mine.span)
                    .var("other", format!("{}{}", path(first), count(sharing - 1)))
                    .var("words", mine.words.to_string())
                    .var("share", format!("{:.0}%", share_of(doc, words) * 100.0));
                for o in others.iter().take(EXAMPLES) {
                    hit = hit.related(o.doc, o.span);
                }
                out.push(CorpusHit { doc, hit });
            }
        }
    }
}
