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

#[derive(Debug, Deserialize)]
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

impl CorpusCheck for DuplicateText {
    fn needs(&self) -> Needs {
        Needs::NONE
    }

    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        // (reported doc, other doc) -> shared paragraphs (mine, theirs).
        let mut shared: BTreeMap<(DocId, DocId), Vec<(Occurrence, Occurrence)>> = BTreeMap::new();
        for (_, occurrences) in cx.index.paragraphs.groups() {
            if occurrences.len() < 2 || occurrences[0].words < self.min_words {
                continue;
            }
            for a in occurrences.iter().filter(|o| cx.reported(o.doc)) {
                // The first occurrence in another document stands for all of them.
                let mut seen = Vec::new();
                for b in occurrences.iter().filter(|b| b.doc != a.doc) {
                    if !seen.contains(&b.doc) {
                        seen.push(b.doc);
                        shared.entry((a.doc, b.doc)).or_default().push((*a, *b));
                    }
                }
            }
        }
        for ((doc, other), pairs) in shared {
            let total = cx.index.docs[doc.0 as usize].indexed_words.max(1);
            let words: u32 = pairs.iter().map(|(a, _)| a.words).sum();
            let share = f64::from(words) / f64::from(total);
            let other_path = cx.index.docs[other.0 as usize].path.clone();
            if share >= self.article_share {
                let (first, theirs) = pairs[0];
                let hit = Hit::new(first.span)
                    .var("other", other_path)
                    .var("words", words.to_string())
                    .var("share", format!("{:.0}%", share * 100.0))
                    .related(other, theirs.span);
                out.push(CorpusHit { doc, hit });
            } else {
                for (mine, theirs) in pairs {
                    let hit = Hit::new(mine.span)
                        .var("other", other_path.clone())
                        .var("words", mine.words.to_string())
                        .var("share", format!("{:.0}%", share * 100.0))
                        .related(other, theirs.span);
                    out.push(CorpusHit { doc, hit });
                }
            }
        }
    }
}
