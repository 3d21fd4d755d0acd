//! The attribution lexicon (rules/data/cues.yaml): cue verbs, anonymous-source heads,
//! titles, pronouns. Built in, and extensible by users with a file of the same shape.

use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the look-ups are short words, where SipHash's setup dominates.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type WordSet = HashSet<String, BuildHasherDefault<Fnv>>;

const BUILTIN: &str = include_str!("../../../rules/data/cues.yaml");

/// What a speaker pronoun can refer back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PronounKind {
    Male,
    Female,
    Plural,
    /// "I": the quote's speaker refers to themself; the antecedent is still a person.
    Speaker,
    Thing,
}

/// The YAML shape; every key is optional so a user file can add to one list only.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    adverbs: Vec<String>,
    #[serde(default)]
    according: Vec<String>,
    #[serde(default)]
    anonymous: Vec<String>,
    #[serde(default)]
    pronouns: HashMap<String, PronounKind>,
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    title_cues: Vec<String>,
    #[serde(default)]
    scare_cues: Vec<String>,
    #[serde(default)]
    documents: Vec<String>,
}

/// Word lists, lower case.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub verbs: WordSet,
    pub adverbs: WordSet,
    /// Multi-word cues whose speaker follows, as word sequences.
    pub according: Vec<Vec<String>>,
    pub anonymous: WordSet,
    pub pronouns: HashMap<String, PronounKind, BuildHasherDefault<Fnv>>,
    pub titles: WordSet,
    pub title_cues: WordSet,
    pub scare_cues: WordSet,
    /// What a source speaks through: "her statement said" is her speaking.
    pub documents: WordSet,
}

impl Lexicon {
    /// The shipped lexicon (loaded into each rule set's [`crate::extract::lexicons::Lexicons`]).
    pub fn shipped() -> Lexicon {
        let mut lexicon = Lexicon::default();
        lexicon
            .extend_from_yaml(BUILTIN)
            .expect("the built-in cue lexicon is valid YAML");
        lexicon
    }

    /// Adds the words of a cues file (same keys as rules/data/cues.yaml).
    pub fn extend_from_yaml(&mut self, yaml: &str) -> Result<(), String> {
        let file: LexiconFile =
            crate::yaml::parse_yaml("cues.yaml", yaml).map_err(|e| e.to_string())?;
        let lower = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase());
        self.verbs.extend(lower(file.verbs));
        self.adverbs.extend(lower(file.adverbs));
        self.according.extend(
            lower(file.according).map(|p| p.split_whitespace().map(str::to_string).collect()),
        );
        self.anonymous.extend(lower(file.anonymous));
        self.pronouns.extend(
            file.pronouns
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v)),
        );
        self.titles.extend(lower(file.titles));
        self.title_cues.extend(lower(file.title_cues));
        self.scare_cues.extend(lower(file.scare_cues));
        self.documents.extend(lower(file.documents));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_and_extends() {
        let lex = Lexicon::shipped();
        assert!(lex.verbs.contains("said") && lex.verbs.contains("elaborated"));
        assert_eq!(lex.pronouns.get("she"), Some(&PronounKind::Female));
        let mut own = Lexicon::default();
        own.extend_from_yaml("verbs: [Opined]\naccording: [as told by]")
            .unwrap();
        assert!(own.verbs.contains("opined"));
        assert_eq!(own.according, [vec!["as", "told", "by"]]);
        assert!(own.extend_from_yaml("verb: [x]").is_err());
    }
}
