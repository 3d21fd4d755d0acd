//! `unknown_speaker`: a named speaker nothing lets a reader check.

use super::unattributed_quote::quote_excerpt;
use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::Document;
use crate::extract::quotes::resolve::is_person_name;
use crate::extract::{Needs, Quote, QuoteKind, Speaker};
use crate::people::People;
use serde::Deserialize;
use std::collections::BTreeSet;

pub const DOCS: &str = "\
## What it checks
Direct quotes attributed to a named person whom nothing lets a reader check: the
name is not in the people list (rules/data/people.yaml), it appears in no other
document of the run or of the `--corpus` archive, and the quote comes with no
occasion — no “told Reuters”, “at the Y conference”, “in a statement”, no link in
the paragraph, no date, day or year. One finding per speaker and document; the message names
the speaker and says what is missing.

## Why it matters
“Dr. X, a Senior Fellow at Y, said” is the shape of a fabricated or misremembered
quote as much as a real one. A known public figure, a name other reporting confirms,
or a stated occasion gives an editor something to verify.

## Flagged
“This changes everything,” said Dr. Ilse Marquardt, a senior fellow at an institute,
in a document that names her nowhere else and says nothing of when or where.

## Not flagged
Officials in the people list; speakers named in other documents; quotes with an
occasion (told whom, where, when, in what statement, or a link); anonymous sources,
pronouns that resolve to no name (other rules cover them), and organisations or
publications given as the source.

## Params
- `min_words` (default 5): shorter quotes are ignored.
- `occasion_words`: words that, in the sentence of the quote, state an occasion even
  when the extractor found none (default: statement, interview, conference, briefing,
  hearing, speech, press, told, tweet, wrote, weekdays and months).";

pub const PLACEHOLDERS: &[&str] = &["speaker", "missing", "quote"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_min_words")]
    pub min_words: usize,
    #[serde(default = "default_occasion_words")]
    pub occasion_words: Vec<String>,
}

fn default_min_words() -> usize {
    5
}

fn default_occasion_words() -> Vec<String> {
    [
        "statement", "interview", "conference", "briefing", "hearing", "speech", "press",
        "told", "tweet", "tweeted", "wrote", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december",
    ]
    .map(String::from)
    .to_vec()
}

pub struct UnknownSpeaker {
    min_words: usize,
    occasion_words: BTreeSet<String>,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.min_words == 0 {
        return Err(CompileError::new("min_words", "must be at least 1"));
    }
    Ok(Compiled::Doc(Box::new(UnknownSpeaker {
        min_words: p.min_words,
        occasion_words: p.occasion_words.iter().map(|w| w.to_lowercase()).collect(),
    })))
}

impl UnknownSpeaker {
    /// Whether the quote states when, where or to whom it was said.
    fn has_occasion(&self, d: &Document, q: &Quote, s: &Speaker) -> bool {
        if s.occasion.is_some() {
            return true;
        }
        let Some(block) = d.block_at(q.span.start) else {
            return false;
        };
        let linked = d.links.iter().any(|l| block.span.overlaps(l.span));
        // The words of the paragraph outside the quote itself.
        let text = &d.text;
        let before = crate::doc::Span::new(block.span.start as usize, q.span.start as usize);
        // A quote left open may run past its paragraph.
        let after = crate::doc::Span::new(
            q.span.end.min(block.span.end) as usize,
            block.span.end as usize,
        );
        // An occasion word, or a year ("wrote in 2015").
        let stated = [before, after].iter().any(|s| {
            s.slice(text).split(|c: char| !c.is_alphanumeric()).any(|w| {
                self.occasion_words.contains(&w.to_lowercase())
                    || (w.len() == 4
                        && w.chars().all(|c| c.is_ascii_digit())
                        && (w.starts_with("19") || w.starts_with("20")))
            })
        });
        linked || stated
    }
}

/// Per document; each hit is dropped by the engine when another document of the run
/// or archive names the speaker (the corpus index's person names).
impl DocCheck for UnknownSpeaker {
    fn needs(&self) -> Needs {
        Needs::QUOTES
    }

    fn reads_corpus(&self) -> bool {
        true
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let people = People::builtin();
        let text = &cx.doc.text;
        // Speakers already judged in this document (one finding per speaker), and
        // whether any of their quotes had an occasion.
        let mut judged: Vec<(String, bool)> = Vec::new();
        let mut candidates: Vec<(String, &Quote, &Speaker)> = Vec::new();
        for q in cx.facts.quotes.iter().filter(|q| q.kind == QuoteKind::Direct) {
            let Some(s) = q.speaker.as_ref().filter(|s| !s.anonymous) else {
                continue;
            };
            let Some(name) = s.resolved.clone().filter(|n| is_person_name(n)) else {
                continue;
            };
            if q.words(text).split_whitespace().count() < self.min_words {
                continue;
            }
            let occasion = self.has_occasion(cx.doc, q, s);
            match judged.iter_mut().find(|(n, _)| *n == name) {
                Some((_, seen)) => *seen |= occasion,
                None => {
                    judged.push((name.clone(), occasion));
                    candidates.push((name, q, s));
                }
            }
        }
        for (name, q, s) in candidates {
            let with_occasion = judged.iter().any(|(n, o)| *n == name && *o);
            if with_occasion || people.resolve(&name).is_some() {
                continue;
            }
                let mut missing = vec![
                    "not in the people list",
                    "named in no other document",
                    "no occasion (to whom, where or when it was said)",
                ];
                if s.role.is_some() {
                    missing.push("introduced only by a title or affiliation");
                }
                // The name the reader should look up: the resolved one, with the
                // mention when it differs ("he", "Kishida").
                let mut notes = Vec::new();
                // A pronoun or other mention that does not end in the same surname.
                let surname = |n: &str| n.split_whitespace().next_back().map(str::to_lowercase);
                if surname(&s.name) != surname(&name) {
                    notes.push(format!("“{}”", s.name));
                }
                notes.extend(s.role.clone());
                let speaker = if notes.is_empty() {
                    name.clone()
                } else {
                    format!("{name} ({})", notes.join("; "))
                };
            out.push(
                Hit::new(q.span)
                    .var("speaker", speaker)
                    .var("missing", missing.join(", "))
                    .var("quote", quote_excerpt(&q.words(text)))
                    .unless_named_elsewhere(&name),
            );
        }
    }
}
