//! The check-worthiness scorer: a transparent weighted sum of signals, squashed to
//! [0, 1] by the logistic function. The signals, their phrase lists and their weights
//! are data (rules/data/claims.yaml); this module only detects them.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScorerSpec {
    pub bias: f32,
    /// Scores at or above this are check-worthy.
    pub threshold: f32,
    pub signals: Vec<SignalSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalSpec {
    pub name: String,
    pub weight: f32,
    /// Absent for the built-in detectors.
    #[serde(default)]
    pub phrases: Option<Vec<String>>,
}

/// Signals detected by code rather than phrase lists; see claims.yaml.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Builtin {
    Number,
    Year,
    ProperNoun,
    ProperNouns,
    Question,
    Short,
    Long,
}

impl Builtin {
    fn from_name(name: &str) -> Option<Builtin> {
        Some(match name {
            "number" => Builtin::Number,
            "year" => Builtin::Year,
            "proper_noun" => Builtin::ProperNoun,
            "proper_nouns" => Builtin::ProperNouns,
            "question" => Builtin::Question,
            "short" => Builtin::Short,
            "long" => Builtin::Long,
            _ => return None,
        })
    }
}

pub struct Scorer {
    bias: f32,
    pub threshold: f32,
    /// Signal names (leaked once: the scorer lives for the whole run) and weights, in
    /// the order of the data file.
    names: Vec<&'static str>,
    weights: Vec<f32>,
    /// The signal index of each built-in detector present in the data.
    builtins: Vec<(Builtin, usize)>,
    /// Phrase list `i` (matched by the caller) belongs to signal `phrase_signal[i]`.
    phrase_signal: Vec<usize>,
}

/// What the detectors saw in a piece of text (a sentence, or the parts of a sentence
/// outside quotations): a bit per signal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fired(pub u64);

impl Fired {
    pub fn has(self, signal: usize) -> bool {
        self.0 & (1 << signal) != 0
    }
}

/// Word statistics the built-in detectors need, accumulated over the pieces of one
/// sentence.
#[derive(Default)]
struct Words {
    count: usize,
    capitalised: usize,
}

impl ScorerSpec {
    /// The phrase lists of the signals that have them, in order: list `i` of the
    /// scorer's lexicon (and of any lexicon that starts with these lists).
    pub fn phrase_lists(&self) -> Vec<&[String]> {
        self.signals
            .iter()
            .filter_map(|s| s.phrases.as_deref())
            .collect()
    }
}

impl Scorer {
    pub fn new(spec: &ScorerSpec) -> Result<Scorer, String> {
        if spec.signals.len() > 64 {
            return Err("more than 64 claim signals".into());
        }
        let mut builtins = Vec::new();
        let mut phrase_signal = Vec::new();
        for (i, s) in spec.signals.iter().enumerate() {
            match (&s.phrases, Builtin::from_name(&s.name)) {
                (Some(_), _) => phrase_signal.push(i),
                (None, Some(b)) => builtins.push((b, i)),
                (None, None) => {
                    return Err(format!(
                        "claim signal `{}` has no phrases and is not a built-in detector",
                        s.name
                    ))
                }
            }
        }
        Ok(Scorer {
            bias: spec.bias,
            threshold: spec.threshold,
            names: spec
                .signals
                .iter()
                .map(|s| &*Box::leak(s.name.clone().into_boxed_str()))
                .collect(),
            weights: spec.signals.iter().map(|s| s.weight).collect(),
            builtins,
            phrase_signal,
        })
    }

    pub fn signal_names(&self) -> &[&'static str] {
        &self.names
    }

    /// The number of phrase lists (bits `0..n` of [`Scorer::fire`]'s lists).
    pub fn list_count(&self) -> usize {
        self.phrase_signal.len()
    }

    /// The signals that fire in the concatenation of `pieces` (parts of one
    /// sentence), each with the phrase lists found in it (bit `i` for list `i`).
    pub fn fire<'a>(&self, pieces: impl IntoIterator<Item = (&'a str, u64)>) -> Fired {
        let mut fired = 0u64;
        let mut words = Words::default();
        let mut digits = false;
        let mut year = false;
        let mut last = "";
        for (piece, lists) in pieces {
            for (list, &signal) in self.phrase_signal.iter().enumerate() {
                if lists & (1 << list) != 0 {
                    fired |= 1 << signal;
                }
            }
            for word in piece.split_whitespace() {
                let w = word.trim_matches(|c: char| !c.is_alphanumeric());
                if w.is_empty() {
                    continue;
                }
                let first = words.count == 0;
                words.count += 1;
                digits |= w.bytes().any(|b| b.is_ascii_digit());
                year |= is_year(w);
                if !first && w != "I" && w.chars().next().is_some_and(char::is_uppercase) {
                    words.capitalised += 1;
                }
            }
            if !piece.trim().is_empty() {
                last = piece;
            }
        }
        let question = last.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')')
        });
        for &(b, i) in &self.builtins {
            let on = match b {
                Builtin::Number => digits,
                Builtin::Year => year,
                Builtin::ProperNoun => words.capitalised >= 1,
                Builtin::ProperNouns => words.capitalised >= 3,
                Builtin::Question => question.ends_with('?'),
                Builtin::Short => words.count < 8,
                Builtin::Long => words.count >= 20,
            };
            if on {
                fired |= 1 << i;
            }
        }
        Fired(fired)
    }

    pub fn score(&self, fired: Fired) -> f32 {
        let z = self.bias
            + (0..self.weights.len())
                .filter(|&i| fired.has(i))
                .map(|i| self.weights[i])
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Names of the fired signals with a positive weight, strongest first: the
    /// reasons for the score.
    pub fn reasons(&self, fired: Fired) -> Vec<&'static str> {
        let mut idx: Vec<usize> = (0..self.names.len())
            .filter(|&i| fired.has(i) && self.weights[i] > 0.0)
            .collect();
        idx.sort_by(|&a, &b| self.weights[b].total_cmp(&self.weights[a]));
        idx.into_iter().map(|i| self.names[i]).collect()
    }
}

/// A four-digit year from 1800 to 2099, possibly followed by "s" ("1960s").
fn is_year(word: &str) -> bool {
    let w = word.strip_suffix('s').unwrap_or(word);
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (w.starts_with("18") || w.starts_with("19") || w.starts_with("20"))
}
