//! `quote_corroboration`: the same quote in other documents — corroborated by the
//! same speaker, misattributed to another, or altered in its wording.

use super::unattributed_quote::quote_excerpt;
use super::{CompileError, Compiled, CorpusCheck, CorpusContext, CorpusHit, Hit};
use crate::index::quotes::QuoteEntry;
use crate::index::DocEntry;
use crate::extract::Needs;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
Each direct or partial quote of at least five words is compared with the quotes of
the other documents of the run and of the `--corpus` archive that share its wording
(normalised: case, punctuation and spacing ignored; fuzzy-matched with a normalised
Levenshtein similarity, and one quote containing the other counts as the same). What
is reported is chosen by `report`:
- `corroborated`: the same speaker says the same words elsewhere (a positive signal;
  give the rule a negative weight so that it adds to the score);
- `misattributed`: the same words are given to a different named speaker, with both
  locations (full statements of eight words or more only: fragments and short phrases
  are quoted back and forth by different people);
- `altered`: the same speaker, but the wording differs beyond `same_wording`, with the
  two wordings.

Quotes are compared only within index buckets (a bottom-k sketch of word 3-grams), so
the cost grows with the number of quotes, not with its square.

## Why it matters
A quote found word for word in independent reporting is more likely genuine; the same
words in another mouth, or a “quote” whose words drift between outlets, is a classic
sign of error or fabrication.

## Flagged
(`misattributed`) “We will not retreat an inch” attributed to one minister here and to
another elsewhere.

## Not flagged
Quotes found nowhere else; quotes without a named speaker on either side; stock
phrases shared by many quotes. (`corroborated`) a copy from the same publisher (front
matter `publisher:` or the publisher recognised in the text, compared ignoring case
and surrounding spaces): an outlet reprinting its own story is not independent
reporting. When either document has no known publisher, the match counts.

## Params
- `report`: `corroborated` | `misattributed` | `altered`.
- `min_similarity` (default 0.75): quotes at least this alike are the same quote.
- `same_wording` (default 0.92): at or above this, the wording is unchanged.";

pub const PLACEHOLDERS: &[&str] = &["speaker", "other_speaker", "other", "quote", "other_quote", "similarity"];

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Report {
    Corroborated,
    Misattributed,
    Altered,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub report: Report,
    #[serde(default = "default_min_similarity")]
    pub min_similarity: f64,
    #[serde(default = "default_same_wording")]
    pub same_wording: f64,
}

fn default_min_similarity() -> f64 {
    0.75
}

fn default_same_wording() -> f64 {
    0.92
}

pub struct QuoteCorroboration {
    report: Report,
    min_similarity: f64,
    same_wording: f64,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if !(0.0..=1.0).contains(&p.min_similarity) || p.min_similarity == 0.0 {
        return Err(CompileError::new("min_similarity", "must be in (0, 1]"));
    }
    if !(p.min_similarity..=1.0).contains(&p.same_wording) {
        return Err(CompileError::new(
            "same_wording",
            "must be between min_similarity and 1",
        ));
    }
    Ok(Compiled::Corpus(Box::new(QuoteCorroboration {
        report: p.report,
        min_similarity: p.min_similarity,
        same_wording: p.same_wording,
    })))
}

/// Words a quote needs before different speakers for it count as misattribution:
/// shorter ones are stock phrases ("The numbers don't add up").
const MISATTRIBUTION_MIN_WORDS: usize = 8;

/// How a quote relates to a matching quote elsewhere. Misattribution needs two full
/// statements of some length: fragments and short phrases are quoted back and forth
/// by different people ("the highest, hardest glass ceiling").
fn relation(a: &QuoteEntry, b: &QuoteEntry, sim: f64, same_wording: f64) -> Option<Report> {
    let (Some(sa), Some(sb)) = (&a.speaker, &b.speaker) else {
        return None;
    };
    let statement = |q: &QuoteEntry| {
        q.direct && q.words().len() >= MISATTRIBUTION_MIN_WORDS
    };
    Some(if sa != sb {
        if !(statement(a) && statement(b)) {
            return None;
        }
        Report::Misattributed
    } else if sim >= same_wording {
        Report::Corroborated
    } else {
        Report::Altered
    })
}

/// Whether both documents name the same publisher: its own copies do not corroborate
/// a quote. Unknown on either side is not the same.
fn same_publisher(a: &DocEntry, b: &DocEntry) -> bool {
    let (Some(pa), Some(pb)) = (&a.publisher, &b.publisher) else {
        return false;
    };
    let folded = |p: &str| p.trim().to_lowercase();
    folded(pa) == folded(pb)
}

impl CorpusCheck for QuoteCorroboration {
    fn needs(&self) -> Needs {
        Needs::QUOTES
    }

    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        let index = &cx.index.quotes;
        let doc = |q: &QuoteEntry| &cx.index.docs[q.doc.0 as usize];
        for (q, matches) in index.quotes.iter().zip(cx.quote_matches()) {
            // The best match of the wanted relation: one finding per quote.
            let mut best: Option<(f64, &QuoteEntry)> = None;
            for m in matches {
                let (other, sim) = (&index.quotes[m.other as usize], m.similarity);
                if sim < self.min_similarity
                    || relation(q, other, sim, self.same_wording) != Some(self.report)
                    || best.is_some_and(|(s, _)| s >= sim)
                    || (self.report == Report::Corroborated
                        && same_publisher(doc(q), doc(other)))
                {
                    continue;
                }
                best = Some((sim, other));
            }
            let Some((sim, other)) = best else {
                continue;
            };
            let other_doc = doc(other);
            let hit = Hit::new(q.span)
                .var("speaker", q.speaker_name.clone().unwrap_or_default())
                .var("other_speaker", other.speaker_name.clone().unwrap_or_default())
                .var("other", other_doc.path.clone())
                .var("quote", quote_excerpt(&q.text))
                .var("other_quote", quote_excerpt(&other.text))
                .var("similarity", format!("{:.0}%", sim * 100.0))
                .related(other.doc, other.span);
            out.push(CorpusHit { doc: q.doc, hit });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{DocId, Span};

    fn entry(speaker: Option<&str>, words: &str) -> QuoteEntry {
        QuoteEntry::new(
            DocId(0),
            Span::default(),
            speaker.map(str::to_string),
            words.to_string(),
            true,
        )
    }

    #[test]
    fn relations_follow_speaker_and_wording() {
        let words = "we will defend the sea lanes with our partners";
        let a = entry(Some("Fumio Kishida"), words);
        assert_eq!(relation(&a, &entry(Some("Fumio Kishida"), words), 1.0, 0.92), Some(Report::Corroborated));
        assert_eq!(relation(&a, &entry(Some("Fumio Kishida"), words), 0.8, 0.92), Some(Report::Altered));
        assert_eq!(relation(&a, &entry(Some("Emmanuel Macron"), words), 1.0, 0.92), Some(Report::Misattributed));
        assert_eq!(relation(&a, &entry(None, words), 1.0, 0.92), None);
        let short = "numbers don t add up";
        assert_eq!(relation(&entry(Some("Ann Abel"), short), &entry(Some("Bo Berg"), short), 1.0, 0.92), None);
    }

    #[test]
    fn publishers_are_the_same_ignoring_case_and_spacing_and_never_when_unknown() {
        let doc = |publisher: Option<&str>| DocEntry {
            path: String::new(),
            reported: true,
            published: None,
            publisher: publisher.map(str::to_string),
            indexed_paragraphs: 0,
            indexed_words: 0,
            bytes: 0,
        };
        assert!(same_publisher(&doc(Some("Valley Courier")), &doc(Some(" valley COURIER "))));
        assert!(!same_publisher(&doc(Some("Valley Courier")), &doc(Some("Ridge Gazette"))));
        assert!(!same_publisher(&doc(None), &doc(None)));
        assert!(!same_publisher(&doc(Some("Valley Courier")), &doc(None)));
    }
}
