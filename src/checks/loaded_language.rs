//! `loaded_language`: weasel wording, peacock and certainty language, forecasts stated
//! as fact — phrase lists from rules/data/claims.yaml plus the rule's own phrases and
//! patterns — in the author's prose, never inside a quotation or a named speaker's
//! reported speech, one finding per span.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::meta::BlockKind;
use crate::doc::Span;
use crate::extract::claims::{self, lexicon::Lexicon};
use crate::extract::Needs;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
Phrases from the named lists of rules/data/claims.yaml (`weasel`, `peacock`,
`certainty`, `forecast`) and from the rule's own `phrases`, matched as whole words and
case-insensitively in the article's own prose, and the rule's own `patterns` (regular
expressions, for forms with a gap: \"some analysts fear\", \"most tax experts
agree\", \"is seen as\"). Text inside quotation marks is skipped: a speaker's words
are theirs to choose; so is a sentence of reported speech whose speaker is named
(\"Ana Ruiz said many fear a closure\", \"…, she said\", \"according to Ana
Ruiz\"): the speaker is the source. Of overlapping matches only the first is
reported.

## Why it matters
Weasel wording (\"widely seen as\", \"some say\") hides who holds a view; peacock and
certainty language (\"truly transformative\", \"undoubtedly\") asserts instead of
showing; a forecast stated as fact (\"will inevitably\") passes a guess off as news.

## Flagged
“The plan is widely seen as a turning point.” “It will undoubtedly succeed.” “Some
analysts fear a downturn.”

## Not flagged
“‘It will undoubtedly succeed,’ the minister said.” (inside a quotation); “Ana Ruiz
said many fear a downturn.” (a named speaker's reported speech)

## Params
- `lists` (list): names of lists in rules/data/claims.yaml.
- `phrases` (list, default empty): more phrases.
- `patterns` (list, default empty): regular expressions, ASCII and case-insensitive
  (`\\b`, `\\s`, `\\w` are ASCII; no negated classes).";

pub const PLACEHOLDERS: &[&str] = &["match"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default)]
    pub lists: Vec<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
}

pub struct LoadedLanguage {
    /// Bits of the shipped lists in [`claims::PhraseHits::loaded`]: the extractor
    /// matches them in its one pass over the document.
    lists: u64,
    /// The rule's own phrases, matched by the rule.
    own: Option<Lexicon>,
    /// The rule's own patterns, as one alternation.
    patterns: Option<regex::Regex>,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    let mut lists = 0;
    for name in &p.lists {
        let bit = claims::LOADED_LISTS
            .iter()
            .position(|l| l == name)
            .ok_or_else(|| {
                CompileError::new(
                    "lists",
                    format!(
                        "unknown list `{name}`; expected {}",
                        claims::LOADED_LISTS.join(", ")
                    ),
                )
            })?;
        lists |= 1 << bit;
    }
    let own = if p.phrases.iter().any(|p| !p.trim().is_empty()) {
        Some(Lexicon::new([&p.phrases[..]]).map_err(|e| CompileError::new("phrases", e))?)
    } else {
        None
    };
    let patterns = if p.patterns.is_empty() {
        None
    } else {
        let alternation = p
            .patterns
            .iter()
            .map(|re| format!("(?:{re})"))
            .collect::<Vec<_>>()
            .join("|");
        // ASCII classes keep the alternation on the fast DFA (see the guide, §11).
        Some(
            regex::RegexBuilder::new(&alternation)
                .case_insensitive(true)
                .unicode(false)
                .dfa_size_limit(32 << 20)
                .build()
                .map_err(|e| CompileError::new("patterns", format!("invalid regex: {e}")))?,
        )
    };
    if lists == 0 && own.is_none() && patterns.is_none() {
        return Err(CompileError::new(
            "lists",
            "give at least one list, phrase or pattern",
        ));
    }
    Ok(Compiled::Doc(Box::new(LoadedLanguage {
        lists,
        own,
        patterns,
    })))
}

impl DocCheck for LoadedLanguage {
    fn needs(&self) -> Needs {
        Needs::PHRASES
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let mut found: Vec<Span> = cx.facts.phrases.loaded(self.lists).collect();
        if let Some(own) = &self.own {
            own.for_each(&doc.text, |h| found.push(Span::new(h.start, h.end)));
        }
        if let Some(patterns) = &self.patterns {
            found.extend(
                patterns
                    .find_iter(&doc.text)
                    .map(|m| Span::new(m.start(), m.end())),
            );
        }
        // By end, and the longest first among those ending together: of overlapping
        // matches the one that ends first wins, as when one automaton reported them.
        found.sort_by_key(|s| (s.end, std::cmp::Reverse(s.len())));
        found.dedup();
        let body = doc.blocks.iter().filter(|b| b.kind == BlockKind::Body);
        let mut last_end = 0;
        for span in found {
            // Overlapping matches ("without doubt" in "without a doubt"): keep the first.
            if span.start < last_end
                || !body.clone().any(|b| b.span.contains(span))
                || doc.quoted.iter().any(|q| q.outer.overlaps(span))
            {
                continue;
            }
            let at = doc.sentences.partition_point(|s| s.span.end <= span.start);
            let speech = doc
                .sentences
                .get(at)
                .filter(|s| s.span.contains(span))
                .and_then(|s| Some(s.span.start + named_speech(s.span.slice(&doc.text))? as u32))
                .is_some_and(|from| span.start >= from);
            if speech {
                continue;
            }
            last_end = span.end;
            out.push(Hit::new(span).var("match", span.slice(&doc.text)));
        }
    }
}

/// Verbs of saying that put a sentence in a speaker's mouth.
const SAYING: &[&str] = &[
    "said", "says", "told", "tells", "wrote", "writes", "added", "argued", "argues",
    "explained", "noted", "warned", "insisted", "stated", "claimed", "acknowledged",
    "testified", "according",
];

/// Where a named speaker's reported speech starts in `sentence` (a byte offset), if
/// it is one: after a verb of saying whose subject is a name or a pronoun for one
/// ("Ana Ruiz said that many fear"), or the whole sentence when the attribution
/// closes it ("…, she said"), names the speaker after its verb ("…, said Ana Ruiz")
/// or is "according to" and a name. A capitalised plural opening the sentence is a
/// vague group ("Critics say").
fn named_speech(sentence: &str) -> Option<usize> {
    let raw: Vec<(usize, &str)> = sentence
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - sentence.as_ptr() as usize, w))
        .collect();
    let words: Vec<&str> = raw
        .iter()
        .map(|(_, w)| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    let name = |at: usize| {
        let Some(word) = words.get(at) else {
            return false;
        };
        let lower = word.to_lowercase();
        lower == "he"
            || lower == "she"
            || word.chars().next().is_some_and(char::is_uppercase)
                && !(at == 0 && lower.ends_with('s'))
                && !["some", "many", "most", "others", "they", "the", "it", "i", "we"]
                    .contains(&lower.as_str())
    };
    // The subject before an apposition: "Ana Ruiz, who chairs the board, said".
    let subject_before = |verb: usize| {
        let before = verb.checked_sub(1)?;
        if !raw[before].1.ends_with(',') {
            return Some(before);
        }
        (0..before).rev().find(|&j| raw[j].1.ends_with(','))
    };
    // An attribution closing the sentence covers all of it: "…, said Ana Ruiz",
    // "…, Ruiz said on Monday".
    let closing = |at: usize| at + 3 >= words.len();
    words.iter().enumerate().find_map(|(i, w)| {
        let lower = w.to_lowercase();
        let named = match lower.as_str() {
            // "according to Ana Ruiz" and "said Ana Ruiz" attribute the whole sentence.
            "according" if words.get(i + 1) == Some(&"to") && name(i + 2) => return Some(0),
            verb if SAYING.contains(&verb) && name(i + 1) => return Some(0),
            verb if SAYING.contains(&verb) => {
                i.checked_sub(1).is_some_and(name) || subject_before(i).is_some_and(name)
            }
            _ => false,
        };
        named.then(|| if closing(i) || i == 0 { 0 } else { raw[i].0 })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::flagged_spans;

    fn hits(params: &str, text: &str) -> Vec<String> {
        let p: Params = serde_yaml::from_str(params).unwrap();
        flagged_spans(&compile(p).unwrap(), text)
    }

    #[test]
    fn shipped_lists_and_own_phrases_in_the_authors_prose() {
        let text = "# A truly transformative plan\n\nIt is widely seen as a turning point and will inevitably pass, without a doubt. “It is truly transformative,” she said. It is a moonshot.\n";
        // Lists read from the document's one phrase pass; the rule's own phrases
        // from its own; not in the heading, not inside the quotation; of
        // overlapping matches the one that ends first ("It is widely", not
        // "widely seen as").
        assert_eq!(
            hits("{lists: [weasel, certainty], phrases: [moonshot]}", text),
            ["It is widely", "without a doubt", "moonshot"]
        );
        assert_eq!(hits("{lists: [forecast]}", text), ["will inevitably"]);
        // "truly transformative" stands only in the heading and the quotation.
        assert!(hits("{lists: [peacock]}", text).is_empty());
        assert_eq!(hits("{phrases: [turning point]}", text), ["turning point"]);
    }

    #[test]
    fn a_named_speakers_reported_speech_is_theirs() {
        for speech in [
            "Ana Ruiz said that many fear the mill will close.",
            "Many fear the mill will close, Ruiz said.",
            "Many fear the mill will close, said Ana Ruiz.",
            "Many fear the mill will close, according to Ana Ruiz.",
            "She said many fear the mill will close.",
        ] {
            assert!(hits("{lists: [weasel]}", speech).is_empty(), "{speech}");
        }
        for own in [
            "Many fear the mill will close.",
            "Many fear the mill will close because, until now, Ruiz said it was safe.",
            "Critics say many fear the mill will close.",
            "Many fear the mill will close, according to some.",
        ] {
            let found = hits("{lists: [weasel]}", own);
            assert!(
                found.len() == 1 && found[0].eq_ignore_ascii_case("many fear"),
                "{own}: {found:?}"
            );
        }
    }

    #[test]
    fn unknown_list_and_nothing_to_match_are_errors() {
        for params in ["{lists: [hype]}", "{phrases: ['  ']}", "{}"] {
            let p: Params = serde_yaml::from_str(params).unwrap();
            assert_eq!(compile(p).err().unwrap().key, "lists", "{params}");
        }
    }
}
