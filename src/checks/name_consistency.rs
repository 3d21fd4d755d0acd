//! `name_consistency`: one name spelt two ways ("Toyko" beside "Tokyo"), within a
//! document or across the corpus. Candidates come from a deletion index (two spellings
//! one edit or one transposition apart share a key), never from all pairs; corpus
//! frequencies tell the usual spelling from the odd one.

use super::{CompileError, Compiled, CorpusCheck, CorpusContext, CorpusHit, Hit};
use crate::index::names::{NameUse, NO_NEIGHBOUR};
use crate::index::quotes::word_hash;
use crate::extract::Needs;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const DOCS: &str = "\
## What it checks
Capitalised name words (not sentence starts, not acronyms) of at least `min_length`
letters that differ from a more frequent name word by one edit (a letter dropped,
added, changed, or two letters swapped), with the same first letter. The odd spelling
is reported when it is rare (at most `max_odd` uses in the corpus) and the usual one
is at least `min_ratio` times as frequent, and when the evidence is close: the usual
spelling is in the same document, or stands next to the same other name word
elsewhere (\"Tony Blare\" against \"Tony Blair\"). In one document an earlier full name
is evidence however rare (\"Terence Crutcher\" … \"justice for Terrence\"), and a
spelling recased inside (\"PayPal\", \"Paypal\") is a variant, the one with fewer capitals
inside reported (\"YouTube\" is deliberate however rare). Both must be the same
kind of name: a spelling beside name words the usual one never has, a surname
against a first name, a lone word against one only ever in longer names, or a word
against a common word written in lower case is another name; so is a first name in a
full name (\"Osama bin Laden\", a particle joins its words) against a name that ten
uses or more show to be a surname (\"President Obama\", \"Obama said\").

## Why it matters
A misspelt name makes an article look careless and breaks search and corrections; a
reader cannot tell whether \"Toyko\" is a typo or another place.

## Flagged
\"Toyko\" in a caption of an article that says \"Tokyo\" five times.

## Not flagged
Names of another kind: \"Kelvin Stroud\" beside \"Kevin Marsh\", \"Shane Warne\" beside
\"Wayne Rooney\", the union \"Unite\" beside \"United States\" and \"Manchester United\",
\"Sunda Strait\" beside \"Sunday\", \"Bovard\" beside \"Board\", \"Franck Muller\" beside
\"Paul Miller\" in one article. Capitalised common words (\"Statue\" beside \"State\": \"statue\" is used in lower case
elsewhere); name-order variants (\"Kishida Fumio\", \"Fumio Kishida\": the same words); inflected
forms (\"Korea\", \"Korean\"); two frequent names one letter apart (\"Austria\",
\"Australia\" are two edits anyway; \"Hansen\" and \"Hanson\" when both are common).

## Params
- `min_length` (default 5).
- `max_odd` (default 2): the odd spelling's uses in the corpus at most.
- `min_ratio` (default 3.0).";

pub const PLACEHOLDERS: &[&str] = &["name", "usual", "count"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
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
    if !(p.min_ratio >= 1.0 && p.min_ratio.is_finite()) {
        return Err(CompileError::new("min_ratio", "must be a number of at least 1"));
    }
    Ok(Compiled::Corpus(Box::new(NameConsistency {
        min_length: p.min_length,
        max_odd: p.max_odd.max(1),
        min_ratio: p.min_ratio,
    })))
}

/// Endings that make another word of the same name: Korea/Korean, Blair/Blairs.
const INFLECTIONS: &[&str] = &["s", "n", "an", "ian", "i", "es", "e", "a", "o", "y"];

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

/// The stem two words share when both are it with an ending, either in the plural
/// ("Americas" and "American(s)" on "America"). Only a stem that is itself a name
/// makes them two words of one name: "Australan" is not "Austral" with an ending.
/// One of the two is at most a letter longer than the stem, so the stem is among
/// the spellings an archive reads for it (those one deletion away).
fn common_stem<'a>(a: &'a str, b: &str) -> Option<&'a str> {
    let ending = |rest: &str| {
        rest.is_empty()
            || INFLECTIONS.contains(&rest)
            || rest.strip_suffix('s').is_some_and(|r| INFLECTIONS.contains(&r))
    };
    let at = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let near = a.len().min(b.len()) <= at + 1;
    (at >= 4 && near && ending(&a[at..]) && b.get(at..).is_some_and(ending)).then(|| &a[..at])
}

/// The same name with and without one accent ("Erdoğan", "Erdogan"): a style choice
/// or a keyboard's, not a misspelling.
fn transliterated(a: &str, b: &str) -> bool {
    let mut differ = a.chars().zip(b.chars()).filter(|(x, y)| x != y);
    a.chars().count() == b.chars().count()
        && differ
            .next()
            .is_some_and(|(x, y)| x.is_ascii() != y.is_ascii() && x.is_alphabetic() && y.is_alphabetic())
        && differ.next().is_none()
}

/// Hashes of a lower-cased word and of every form of it with one character deleted:
/// two words within one edit (a letter changed, added, dropped or two swapped) share
/// one. Polynomial hashes from prefix and suffix sums, so no string is built; a
/// collision only adds a pair that the edit distance then rejects. The buffers are
/// reused from word to word.
#[derive(Default)]
struct DeletionHasher {
    chars: Vec<char>,
    /// `suffix[i]`: hash of `chars[i..]`.
    suffix: Vec<u64>,
    /// `power[i]`: `BASE^i`.
    power: Vec<u64>,
    hashes: Vec<u64>,
}

impl DeletionHasher {
    const BASE: u64 = 0x0100_0000_01b3;

    fn hashes(&mut self, word: &str) -> &[u64] {
        let code = |c: char| u64::from(c) + 1;
        self.chars.clear();
        self.chars.extend(word.chars().flat_map(char::to_lowercase));
        let n = self.chars.len();
        self.suffix.clear();
        self.suffix.resize(n + 1, 0);
        self.power.clear();
        self.power.resize(n + 1, 1);
        for i in (0..n).rev() {
            self.power[n - i] = self.power[n - i - 1].wrapping_mul(Self::BASE);
            self.suffix[i] = code(self.chars[i])
                .wrapping_mul(self.power[n - i - 1])
                .wrapping_add(self.suffix[i + 1]);
        }
        self.hashes.clear();
        self.hashes.push(self.suffix[0]);
        let mut prefix = 0u64;
        for i in 0..n {
            // chars[..i] followed by chars[i + 1..].
            self.hashes.push(
                prefix
                    .wrapping_mul(self.power[n - i - 1])
                    .wrapping_add(self.suffix[i + 1]),
            );
            prefix = prefix.wrapping_mul(Self::BASE).wrapping_add(code(self.chars[i]));
        }
        &self.hashes
    }
}

/// Whether the corpus writes `spelling` in lower case in at least a quarter as many
/// documents as it writes it capitalised: a common word, not a name.
fn usually_lower(cx: &CorpusContext, spelling: &str, uses: &[NameUse]) -> bool {
    let index = cx.index;
    let Ok(at) = index
        .lower_words
        .binary_search(&word_hash(&spelling.to_lowercase()))
    else {
        return false;
    };
    let lower_docs = index.lower_word_docs.get(at).copied().unwrap_or(0) as usize;
    let capitalised_docs = uses.iter().map(|u| u.doc).collect::<BTreeSet<_>>().len();
    lower_docs * 4 >= capitalised_docs
}

/// Whether a use of the odd spelling names something of another kind than the
/// usual spelling's uses: it stands beside a name word the usual spelling never
/// stands beside where the usual one has others ("Kelvin Davis" against "Kevin
/// Keegan"), or it is a surname where the usual one is only a first name ("Shane
/// Warne" against "Wayne Rooney"), or the reverse; or it stands alone where the
/// usual spelling is almost always (nine uses in ten) a word of several longer names ("Unite" against
/// "United States", "Manchester United", "United Nations"; "Sunday Times"); or it
/// follows another first name than the usual spelling in the same document ("Franck
/// Muller" beside "Paul Miller").
fn other_kind(odd: &NameUse, usual: &[NameUse], calendar: bool) -> bool {
    let alone = |u: &NameUse| u.prev == NO_NEIGHBOUR && u.next == NO_NEIGHBOUR;
    // Two first names in one document are two people: "Paul Miller" and "Franck
    // Muller", "Anna Boyle" and "Allan Bogle".
    if odd.prev != NO_NEIGHBOUR
        && usual
            .iter()
            .any(|v| v.doc == odd.doc && v.prev != NO_NEIGHBOUR && v.prev != odd.prev)
    {
        return true;
    }
    // A first name where the usual spelling is a surname, or the reverse (of a
    // person, not a month: `calendar`), in a name
    // the usual spelling never stands in ("Osama bin Laden" against "President
    // Obama", "Obama said"): with ten uses or more to judge by, one in ten may
    // differ ("the Obama White House").
    let role = |has: fn(&NameUse) -> u32, lacks: fn(&NameUse) -> u32| {
        has(odd) != NO_NEIGHBOUR
            && lacks(odd) == NO_NEIGHBOUR
            && usual.len() >= 10
            && usual.iter().filter(|v| has(v) != NO_NEIGHBOUR).count() * 10 <= usual.len()
            && usual.iter().any(|v| lacks(v) != NO_NEIGHBOUR)
            && usual.iter().all(|v| has(v) != has(odd))
    };
    let prev = |u: &NameUse| u.prev;
    let next = |u: &NameUse| u.next;
    if !calendar && (role(next, prev) || role(prev, next)) {
        return true;
    }
    // Used alone in the odd spelling's own document ("Mr Kennedy"), it is that name.
    if usual.iter().any(|v| v.doc == odd.doc && alone(v)) {
        return false;
    }
    let partners: BTreeSet<(u32, u32)> = usual.iter().map(|v| (v.prev, v.next)).collect();
    let usual_alone = usual.iter().filter(|v| alone(v)).count();
    // A word of a longer name ("Sunda Strait") against one never in one ("Sunday").
    if !alone(odd) && usual.len() >= 3 && usual_alone == usual.len() {
        return true;
    }
    if alone(odd) && partners.len() >= 2 && usual_alone * 10 < usual.len() {
        return true;
    }
    let shares = |of: fn(&NameUse) -> u32| {
        of(odd) != NO_NEIGHBOUR && usual.iter().any(|v| of(v) == of(odd))
    };
    if shares(prev) || shares(next) {
        return false;
    }
    // A new neighbour is telling only for a spelling that is mostly part of a full
    // name; a word often used alone ("Australian") takes new neighbours freely.
    let side = |of: fn(&NameUse) -> u32| {
        of(odd) != NO_NEIGHBOUR
            && usual_alone * 2 < usual.len()
            && usual.iter().any(|v| of(v) != NO_NEIGHBOUR)
    };
    let only = |has: fn(&NameUse) -> u32, lacks: fn(&NameUse) -> u32| {
        has(odd) != NO_NEIGHBOUR
            && lacks(odd) == NO_NEIGHBOUR
            && usual.iter().all(|v| has(v) == NO_NEIGHBOUR)
            && usual.iter().any(|v| lacks(v) != NO_NEIGHBOUR)
    };
    side(prev) || side(next) || only(prev, next) || only(next, prev)
}

impl CorpusCheck for NameConsistency {
    fn needs(&self) -> Needs {
        Needs::ENTITIES
    }

    fn reported_spelling_uses(&self) -> Option<usize> {
        Some(self.max_odd)
    }

    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        // Spelling -> its uses.
        let uses: BTreeMap<&str, &[NameUse]> = cx
            .index
            .names
            .iter()
            .filter(|(spelling, _)| spelling.chars().count() >= self.min_length)
            .map(|(spelling, uses)| (spelling.as_str(), uses.as_slice()))
            .collect();
        // Candidate pairs share a deletion-neighbourhood hash. Only spellings used in a
        // reported document are probed for, so checking one article against a large
        // archive index costs one hashing pass over the archive's spellings.
        let mut hasher = DeletionHasher::default();
        let mut probe: HashMap<u64, Vec<&str>> = HashMap::new();
        for (&word, uses) in &uses {
            if uses.iter().any(|u| cx.reported(u.doc)) {
                for &h in hasher.hashes(word) {
                    probe.entry(h).or_default().push(word);
                }
            }
        }
        let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
        for &word in uses.keys() {
            for h in hasher.hashes(word) {
                for &other in probe.get(h).into_iter().flatten() {
                    if other != word {
                        pairs.insert(if other < word { (other, word) } else { (word, other) });
                    }
                }
            }
        }
        let is_common = |lower: &str| cx.index.lower_words.binary_search(&word_hash(lower)).is_ok();
        for (a, b) in pairs {
            let (la, lb) = (a.to_lowercase(), b.to_lowercase());
            // A name recased inside ("PayPal", "Paypal") is a variant; otherwise one
            // edit apart and not an inflection.
            let recased = la == lb && a.get(..1) == b.get(..1);
            if !recased
                && (la == lb
                    || la.chars().next() != lb.chars().next()
                    || inflected(&la, &lb)
                    || common_stem(a, b).is_some_and(|stem| uses.contains_key(stem))
                    || transliterated(&la, &lb)
                    || strsim::damerau_levenshtein(&la, &lb) != 1)
            {
                continue;
            }
            let (na, nb) = (uses[a].len(), uses[b].len());
            // Equally rare spellings: the later one is the odd one.
            let a_first = uses[a].first().map(|u| (u.doc, u.span.start))
                <= uses[b].first().map(|u| (u.doc, u.span.start));
            // Recased, the spelling with capitals inside is the deliberate one
            // ("PayPal", "YouTube"): nobody capitalises the middle of a word by slip.
            let inner_capitals =
                |w: &str| w.chars().skip(1).filter(|c| c.is_uppercase()).count();
            let a_odd = if recased && inner_capitals(a) != inner_capitals(b) {
                inner_capitals(a) < inner_capitals(b)
            } else {
                na < nb || na == nb && !a_first
            };
            let (odd, usual, odd_lower) = if a_odd { (a, b, &la) } else { (b, a, &lb) };
            let (n_odd, n_usual) = (uses[odd].len(), uses[usual].len());
            // A capitalised English word ("Statue" beside "State") is no misspelt
            // name: the corpus also uses it in lower case.
            if n_odd > self.max_odd || !recased && is_common(odd_lower) {
                continue;
            }
            // Nor is a name one edit from a common word ("Bovard" beside "Board")
            // unless it stands beside the same name word ("Prmeier League").
            let usual_common = !recased && usually_lower(cx, usual, uses[usual]);
            let frequent = n_usual as f64 >= self.min_ratio * n_odd as f64;
            // A month or a day is no one's first name or surname ("Septmber Tankan").
            let calendar = crate::time::month_from_name(usual).is_some()
                || crate::time::weekday_from_name(usual).is_some();
            for u in uses[odd] {
                if other_kind(u, uses[usual], calendar) {
                    continue;
                }
                let shared = |x: u32, y: u32| x != NO_NEIGHBOUR && x == y;
                let beside = uses[usual]
                    .iter()
                    .find(|v| shared(u.prev, v.prev) || shared(u.next, v.next));
                // In one document, a spelling earlier in a full name ("Terence
                // Crutcher") is evidence even when it is as rare as the odd one.
                let same_doc = uses[usual].iter().find(|v| {
                    v.doc == u.doc
                        && (frequent
                            || v.span.start < u.span.start
                                && (v.prev != NO_NEIGHBOUR || v.next != NO_NEIGHBOUR))
                });
                let evidence = if usual_common {
                    beside
                } else if frequent {
                    same_doc.or(beside)
                } else {
                    same_doc
                };
                let Some(e) = evidence else { continue };
                let hit = Hit::new(u.span)
                    .var("name", odd)
                    .var("usual", usual)
                    .var("count", n_usual.to_string())
                    .related(e.doc, e.span);
                out.push(CorpusHit { doc: u.doc, hit });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletion_hashes_join_one_edit_apart() {
        let mut hasher = DeletionHasher::default();
        let mut set = |w: &str| -> BTreeSet<u64> { hasher.hashes(w).iter().copied().collect() };
        let shared = |a: &BTreeSet<u64>, b: &BTreeSet<u64>| a.intersection(b).count() > 0;
        let tokyo = set("Tokyo");
        assert!(shared(&tokyo, &set("Toyko")), "swapped");
        assert!(shared(&tokyo, &set("Tokio")), "changed");
        assert!(shared(&tokyo, &set("Tokkyo")), "added");
        assert!(shared(&tokyo, &set("Toko")), "dropped");
        assert!(!shared(&tokyo, &set("Kyoto")));
        assert!(!shared(&tokyo, &set("Osaka")));
        assert!(inflected("korea", "korean"));
        assert!(inflected("argentina", "argentine"));
        assert!(!inflected("tokyo", "toyko"));
        assert_eq!(common_stem("Americas", "American"), Some("America"));
        assert_eq!(common_stem("Americas", "Americans"), Some("America"));
        assert_eq!(common_stem("Australan", "Australian"), None);
        assert_eq!(common_stem("Daveport", "Davenport"), None);
        assert_eq!(common_stem("Malcom", "Malcolm"), None);
        assert!(transliterated("erdoğan", "erdogan"));
        assert!(!transliterated("toyko", "tokyo"));
    }
}
