//! `name_consistency`: one name spelt two ways ("Toyko" beside "Tokyo"), within a
//! document or across the corpus. Candidates come from a deletion index (two spellings
//! one edit or one transposition apart share a key), never from all pairs; corpus
//! frequencies tell the usual spelling from the odd one.

use super::{CompileError, Compiled, CorpusCheck, CorpusContext, CorpusHit, Hit};
use crate::doc::DocId;
use crate::extract::entities::NameToken;
use crate::extract::Needs;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

pub const DOCS: &str = "\
## What it checks
Capitalised name words (not sentence starts, not acronyms) of at least `min_length`
letters that differ from a more frequent name word by one edit (a letter dropped,
added, changed, or two letters swapped), with the same first letter. The odd spelling
is reported when it is rare (at most `max_odd` uses in the corpus) and the usual one
is at least `min_ratio` times as frequent, and when the evidence is close: the usual
spelling is in the same document, or stands next to the same other name word
elsewhere (\"Tony Blare\" against \"Tony Blair\").

## Why it matters
A misspelt name makes an article look careless and breaks search and corrections; a
reader cannot tell whether \"Toyko\" is a typo or another place.

## Flagged
\"Toyko\" in a caption of an article that says \"Tokyo\" five times.

## Not flagged
Capitalised common words (\"Statue\" beside \"State\": \"statue\" is used in lower case
elsewhere); name-order variants (\"Kishida Fumio\", \"Fumio Kishida\": the same words); inflected
forms (\"Korea\", \"Korean\"); two frequent names one letter apart (\"Austria\",
\"Australia\" are two edits anyway; \"Hansen\" and \"Hanson\" when both are common).

## Params
- `min_length` (default 5).
- `max_odd` (default 2): the odd spelling's uses in the corpus at most.
- `min_ratio` (default 3.0).";

pub const PLACEHOLDERS: &[&str] = &["name", "usual", "count"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_min_length")]
    pub min_length: usize,
    #[serde(default = "default_max_odd")]
    pub max_odd: usize,
    #[serde(default = "default_min_ratio")]
    pub min_ratio: f64,
}

fn default_min_length() -> usize {
    5
}

fn default_max_odd() -> usize {
    2
}

fn default_min_ratio() -> f64 {
    3.0
}

pub struct NameConsistency {
    min_length: usize,
    max_odd: usize,
    min_ratio: f64,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.min_length < 3 {
        return Err(CompileError::new("min_length", "must be at least 3"));
    }
    if p.min_ratio < 1.0 {
        return Err(CompileError::new("min_ratio", "must be at least 1"));
    }
    Ok(Compiled::Corpus(Box::new(NameConsistency {
        min_length: p.min_length,
        max_odd: p.max_odd.max(1),
        min_ratio: p.min_ratio,
    })))
}

/// Endings that make another word of the same name: Korea/Korean, Blair/Blairs.
const INFLECTIONS: &[&str] = &["s", "n", "an", "ian", "i", "es", "e", "a", "o"];

fn inflected(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short)
        .is_some_and(|rest| INFLECTIONS.contains(&rest))
        // Argentina/Argentine, Bosnia/Bosnio: the same stem with another final vowel.
        || short.len() == long.len()
            && short.ends_with(['a', 'e', 'o', 'i'])
            && long.ends_with(['a', 'e', 'o', 'i'])
            && short.get(..short.len() - 1) == long.get(..long.len() - 1)
}

/// The word and every form of it with one character deleted.
fn deletion_keys(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut keys = vec![word.to_string()];
    for i in 0..chars.len() {
        let k: String = chars
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, c)| c)
            .collect();
        keys.push(k);
    }
    keys
}

struct Use<'a> {
    doc: DocId,
    token: &'a NameToken,
}

impl CorpusCheck for NameConsistency {
    fn needs(&self) -> Needs {
        Needs::ENTITIES
    }

    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        // Spelling (case-sensitive, as written) -> its uses.
        let mut uses: BTreeMap<&str, Vec<Use>> = BTreeMap::new();
        for (i, facts) in cx.facts.iter().enumerate() {
            for t in &facts.entities.names {
                if t.text.chars().count() >= self.min_length {
                    uses.entry(t.text.as_str()).or_default().push(Use {
                        doc: DocId(i as u32),
                        token: t,
                    });
                }
            }
        }
        let mut by_key: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for &word in uses.keys() {
            for k in deletion_keys(&word.to_lowercase()) {
                by_key.entry(k).or_default().push(word);
            }
        }
        let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
        for words in by_key.values().filter(|w| w.len() > 1) {
            for (i, &a) in words.iter().enumerate() {
                for &b in &words[i + 1..] {
                    if a != b {
                        pairs.insert(if a < b { (a, b) } else { (b, a) });
                    }
                }
            }
        }
        let mut suspects: Vec<(&str, &str, usize)> = Vec::new();
        for (a, b) in pairs {
            let (la, lb) = (a.to_lowercase(), b.to_lowercase());
            if la == lb
                || la.chars().next() != lb.chars().next()
                || inflected(&la, &lb)
                || strsim::damerau_levenshtein(&la, &lb) != 1
            {
                continue;
            }
            let (na, nb) = (uses[a].len(), uses[b].len());
            let (odd, usual) = if na < nb { (a, b) } else { (b, a) };
            let (n_odd, n_usual) = (na.min(nb), na.max(nb));
            if n_odd <= self.max_odd && (n_usual as f64) >= self.min_ratio * n_odd as f64 {
                suspects.push((odd, usual, n_usual));
            }
        }
        // A capitalised English word ("Statue" beside "State") is no misspelt name:
        // drop odd spellings that the corpus also uses in lower case.
        let common = lower_case_uses(cx, suspects.iter().map(|s| s.0));
        for (odd, usual, n_usual) in suspects {
            if common.contains(&odd.to_lowercase()) {
                continue;
            }
            for u in &uses[odd] {
                let evidence = uses[usual]
                    .iter()
                    .find(|v| v.doc == u.doc)
                    .or_else(|| {
                        uses[usual].iter().find(|v| {
                            let shared = |x: &Option<String>, y: &Option<String>| {
                                x.is_some() && x == y
                            };
                            shared(&u.token.prev, &v.token.prev)
                                || shared(&u.token.next, &v.token.next)
                        })
                    });
                let Some(e) = evidence else { continue };
                let hit = Hit::new(u.token.span)
                    .var("name", odd)
                    .var("usual", usual)
                    .var("count", n_usual.to_string())
                    .related(e.doc, e.token.span);
                out.push(CorpusHit { doc: u.doc, hit });
            }
        }
    }
}

/// Which of `words` (lower-cased) occur in lower case as whole words in any document.
fn lower_case_uses<'a>(cx: &CorpusContext, words: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let lower: Vec<String> = words.map(str::to_lowercase).collect::<BTreeSet<_>>().into_iter().collect();
    let mut found = BTreeSet::new();
    let Ok(automaton) = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&lower)
    else {
        return found;
    };
    for doc in cx.docs {
        for m in automaton.find_iter(&doc.text) {
            if super::is_whole_word(&doc.text, m.start(), m.end()) {
                found.insert(lower[m.pattern().as_usize()].clone());
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletion_keys_join_transpositions_and_edits() {
        let a: BTreeSet<String> = deletion_keys("toyko").into_iter().collect();
        let b: BTreeSet<String> = deletion_keys("tokyo").into_iter().collect();
        assert!(a.intersection(&b).count() > 0);
        assert!(inflected("korea", "korean"));
        assert!(inflected("argentina", "argentine"));
        assert!(!inflected("tokyo", "toyko"));
    }
}
