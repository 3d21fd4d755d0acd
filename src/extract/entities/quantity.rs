//! Quantities and a model of what each one counts: the figure ("7,000", "€360 billion",
//! "4.5%"), the counted noun and its modifiers ("36 Rafale fighters"), the measure
//! ("deficit of €360 billion", "a $4bn deal"), who it belongs to (the capitalised names
//! of its sentence), the time it refers to (years, months, quarters), and whether it
//! is a change ("up 5%", "an extra 300"), a reference point ("from 7,000", "than 8%"),
//! a part ("20 of the 45 banks") or hedged ("about 7,000").
//!
//! Hand-written and ASCII-only: a sentence is tokenised only when it holds a digit,
//! and each number token is parsed by hand, so prose without figures costs one byte
//! scan.

use super::core;
use crate::doc::Span;
use serde::{Deserialize, Serialize, Serializer};
use std::sync::Arc;

/// A number with a unit and what the sentence says it counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub span: Span,
    /// The figure as written, hedge and unit included: "about 7,000 personnel",
    /// "€360 billion", "4.5%".
    pub stated: Box<str>,
    pub value: f64,
    /// Currency symbol ("$" for "US$"), "%", or the counted noun in the singular
    /// ("personnel", "fighter").
    pub unit: Box<str>,
    /// Words between the figure and its counted noun, lower-cased: "rafale" in
    /// "36 Rafale fighters", "boeing plane" in "a $4bn Boeing plane deal".
    pub modifiers: Words,
    /// What a currency or percentage measures, in the singular: "deal" in "a $4bn
    /// deal", "deficit" in "a deficit of €360 billion". Counted nouns leave it empty
    /// (the unit is what they count).
    pub measure: Option<Box<str>>,
    /// Stated as approximate or as a bound ("about", "more than", "up to").
    pub approx: bool,
    /// Smallest difference the figure as written can express: 1,000 for "7,000",
    /// 0.1e9 for "£3.3bn". A figure with trailing zeros may be rounded.
    pub precision: f64,
    /// A change rather than a level: "rose 5%", "up 64 pence", "an extra 300".
    pub change: bool,
    /// Which way a change goes: 1 up ("rose", "growth"), -1 down ("fell", "cut"), 0
    /// unstated or a level. A rise and a fall of similar size are two quantities.
    pub direction: i8,
    /// A reference value, not the quantity the sentence states: "from 7,000 (to
    /// 8,000)", "more than last year's 8%", "between 5 and 7", "7,000-8,000".
    pub reference: bool,
    /// A share of a larger figure or a rate's base: "20 of the 45 banks", "per 100
    /// people", "one in 10".
    pub part: bool,
    /// Content words of the figure's clause near it, lower-cased and stemmed
    /// ("profit" for "profits"): what the figure is about.
    pub context: Words,
    /// The nearest name before the figure in its clause: whose figure it is
    /// ("Lagardere" in "Lagardere, which owns 30% of EADS").
    pub owner: Option<Box<str>>,
    /// Years named in the same sentence.
    pub years: Arc<[u16]>,
    /// Months, weekdays and periods named in the sentence, lower-cased ("december",
    /// "quarter").
    pub periods: Words,
    /// Capitalised words of the sentence (its first word and time words excepted):
    /// who has, sends or spends the quantity, and where.
    pub names: Words,
    pub sentence: Span,
    /// Stated in a title or heading, whose terse wording shares few words with the
    /// body sentence that restates it.
    pub headline: bool,
}

/// What a hedged figure says of the quantity: about that much, at least that much
/// ("more than 30%", "at least 300,000") or at most ("up to 100%", "less than
/// $10bn", "nearly 7,000"). "More than 30%" and "40%" can both be true.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Exact,
    About,
    AtLeast,
    AtMost,
}

/// Hedges that make a figure a lower or an upper bound; the other hedges say
/// "about".
const LOWER_BOUNDS: &[&[&str]] = &[
    &["more", "than"],
    &["over"],
    &["at", "least"],
    &["just", "over"],
];
const UPPER_BOUNDS: &[&[&str]] = &[
    &["less", "than"],
    &["fewer", "than"],
    &["under"],
    &["just", "under"],
    &["up", "to"],
    &["at", "most"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["nearly"],
    &["almost"],
    &["close", "to"],
];

impl Quantity {
    /// The bound its hedge states, read from the figure as written (which starts
    /// with the hedge).
    pub fn bound(&self) -> Bound {
        if !self.approx {
            return Bound::Exact;
        }
        let words: Vec<&str> = self.stated.split_whitespace().collect();
        let opens = |hedges: &[&[&str]]| {
            hedges.iter().any(|h| {
                words.len() > h.len()
                    && words.iter().zip(*h).all(|(w, p)| w.eq_ignore_ascii_case(p))
            })
        };
        if opens(LOWER_BOUNDS) {
            Bound::AtLeast
        } else if opens(UPPER_BOUNDS) {
            Bound::AtMost
        } else {
            Bound::About
        }
    }
}

/// Short strings stored end to end, each followed by a NUL, in one allocation that
/// clones share. A large corpus holds hundreds of thousands of figures with a dozen
/// words each, which as `Vec<String>` cost an allocation per word; the lists of a
/// sentence (names, periods) are shared by all its figures. Serialised as a list of
/// strings, as `Vec<String>` was.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Words(Option<Arc<str>>);

impl Words {
    pub fn iter(&self) -> std::str::SplitTerminator<'_, char> {
        self.0.as_deref().unwrap_or("").split_terminator('\0')
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    pub fn contains(&self, word: &str) -> bool {
        self.iter().any(|w| w == word)
    }
}

impl Words {
    fn push(packed: &mut String, word: &str) {
        if word.contains('\0') {
            // Text with a NUL is never parsed (binary files are skipped); drop it anyway.
            packed.extend(word.chars().filter(|&c| c != '\0'));
        } else {
            packed.push_str(word);
        }
        packed.push('\0');
    }

    fn from_packed(packed: String) -> Words {
        Words((!packed.is_empty()).then(|| Arc::from(packed)))
    }
}

impl<S: AsRef<str>> FromIterator<S> for Words {
    fn from_iter<I: IntoIterator<Item = S>>(words: I) -> Words {
        let mut packed = String::new();
        for w in words {
            Words::push(&mut packed, w.as_ref());
        }
        Words::from_packed(packed)
    }
}

/// Reads a list of strings straight into the packed form, without a `String` per
/// word (the archive index decodes millions of them).
impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Words, D::Error> {
        struct List;
        struct Word<'a>(&'a mut String);
        impl<'de> serde::de::Visitor<'de> for List {
            type Value = Words;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of words")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Words, A::Error> {
                let mut packed = String::new();
                while seq.next_element_seed(Word(&mut packed))?.is_some() {}
                Ok(Words::from_packed(packed))
            }
        }
        impl<'de> serde::de::DeserializeSeed<'de> for Word<'_> {
            type Value = ();
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_str(self)
            }
        }
        impl<'de> serde::de::Visitor<'de> for Word<'_> {
            type Value = ();
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a word")
            }
            fn visit_str<E: serde::de::Error>(self, word: &str) -> Result<(), E> {
                Words::push(self.0, word);
                Ok(())
            }
        }
        d.deserialize_seq(List)
    }
}

impl Serialize for Words {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        // Binary formats (the archive index) need the length first.
        let mut seq = s.serialize_seq(Some(self.iter().count()))?;
        for w in self.iter() {
            seq.serialize_element(w)?;
        }
        seq.end()
    }
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

const HEDGES: &[&[&str]] = &[
    &["about"],
    &["around"],
    &["approximately"],
    &["roughly"],
    &["nearly"],
    &["almost"],
    &["some"],
    &["over"],
    &["under"],
    &["estimated"],
    &["just", "over"],
    &["just", "under"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["up", "to"],
    &["at", "least"],
    &["at", "most"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["close", "to"],
    &["an", "estimated"],
];

/// Words before a figure that make it a change: "rose 5%", "up 64 pence".
const CHANGE_BEFORE: &[&str] = &[
    "up",
    "down",
    "rose",
    "rise",
    "rises",
    "risen",
    "rising",
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "increase",
    "increased",
    "increases",
    "decrease",
    "decreased",
    "jump",
    "jumped",
    "jumps",
    "drop",
    "dropped",
    "drops",
    "gain",
    "gained",
    "gains",
    "climb",
    "climbed",
    "climbs",
    "grew",
    "grow",
    "grown",
    "slip",
    "slipped",
    "slid",
    "slump",
    "slumped",
    "sank",
    "sink",
    "dipped",
    "shed",
    "surge",
    "surged",
    "soar",
    "soared",
    "plunge",
    "plunged",
    "tumbled",
    "lost",
    "added",
    "extra",
    "another",
    "additional",
    "further",
    "by",
    "boost",
    "boosted",
];

/// Nouns after a figure that make it a change: "a 30% rise", "300 more troops".
const CHANGE_AFTER: &[&str] = &[
    "rise",
    "increase",
    "fall",
    "drop",
    "decline",
    "gain",
    "jump",
    "hike",
    "cut",
    "more",
    "fewer",
    "higher",
    "lower",
    "up",
    "down",
    "extra",
    "growth",
    "boost",
    "reduction",
];

/// Change words that say the quantity went down; the other change words say up,
/// except "by", "another" and "further", which say neither.
const FALLING: &[&str] = &[
    "down",
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "decrease",
    "decreased",
    "decreases",
    "drop",
    "dropped",
    "drops",
    "slip",
    "slipped",
    "slid",
    "slump",
    "slumped",
    "sank",
    "sink",
    "dipped",
    "shed",
    "plunge",
    "plunged",
    "tumbled",
    "lost",
    "decline",
    "fewer",
    "lower",
    "cut",
    "reduction",
];
const UNDIRECTED: &[&str] = &["by", "another", "further"];

fn direction_of(word: &Word) -> i8 {
    if word.is_any(FALLING) {
        -1
    } else if word.is_any(UNDIRECTED) {
        0
    } else {
        1
    }
}

/// Measures that are changes themselves: "growth of 8.1%", "a rise of 5%", "a $300m
/// profit revision".
const CHANGE_MEASURES: &[&str] = &[
    "growth", "rise", "increase", "gain", "fall", "drop", "decline", "revision",
];

/// Words of a clause that make its figure an average or a rate over a period:
/// "in the typical month", "on average", "a month".
const AVERAGE_WORDS: &[&str] = &["average", "typical", "mean"];
const RATE_PERIODS: &[&str] = &["month", "week", "day", "year"];

/// Words before a figure that make it a reference for another: "from 7,000",
/// "than 8%", "between 5 …", "compared with 6%", "against 5.1%".
const REFERENCE_BEFORE: &[&str] = &["from", "than", "between", "against", "versus", "vs", "with"];

/// Words before a figure that make it a share or a rate's base ("per 100 people").
const PART_BEFORE: &[&str] = &["per", "every", "including", "includes", "among"];

/// Period words that say when a figure applies, besides years and month names.
const PERIOD_WORDS: &[&str] = &["annual", "annually", "monthly", "weekly", "daily", "yearly"];

/// Ordinals that make "quarter" or "half" a period ("the third quarter"), not a
/// fraction ("a quarter point").
const PERIOD_ORDINALS: &[&str] = &["first", "second", "third", "fourth", "final", "last"];

/// Words that end a counted noun phrase, or never head one.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "and",
    "or",
    "for",
    "from",
    "with",
    "by",
    "per",
    "than",
    "that",
    "this",
    "its",
    "their",
    "his",
    "her",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "has",
    "have",
    "had",
    "it",
    "as",
    "into",
    "about",
    "over",
    "more",
    "less",
    "some",
    "up",
    "last",
    "since",
    "which",
    "who",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "said",
    "says",
    "also",
    "but",
    "not",
    "after",
    "before",
    "between",
    "while",
    "when",
    "where",
    "because",
    "if",
    "so",
    "then",
    "just",
    "only",
    "each",
    "all",
    "against",
    "compared",
    "down",
    "during",
    "under",
    "next",
    "earlier",
    "later",
    "out",
    "off",
    "ago",
    "old",
    "each",
    "per",
    "what",
    "whom",
    "whose",
    "they",
    "we",
    "you",
    "he",
    "she",
    "i",
    "there",
    "here",
    "now",
    "than",
    "too",
    "very",
    "such",
    "other",
    "others",
    "both",
    "either",
    "same",
    "own",
    "due",
    "like",
    "including",
    "across",
    "around",
    "through",
    "via",
];

/// Nouns without a plural -s that head a counted phrase ("7,000 personnel").
const INVARIANT_NOUNS: &[&str] = &[
    "people",
    "personnel",
    "staff",
    "police",
    "men",
    "women",
    "children",
    "cattle",
    "sheep",
    "fish",
    "aircraft",
    "equipment",
    "troops",
    "crew",
];

/// Scale words after a number, and their factor.
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("k", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("m", 1e6),
    ("mn", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("tn", 1e12),
];

const CURRENCIES: &[&str] = &["US$", "$", "€", "£", "¥"];

/// A whitespace-separated word of the sentence: byte range and its alphanumeric core.
#[derive(Clone, Copy)]
struct Word<'a> {
    start: usize,
    text: &'a str,
    core: &'a str,
}

impl Word<'_> {
    fn is(&self, w: &str) -> bool {
        self.core.eq_ignore_ascii_case(w)
    }

    fn is_any(&self, list: &[&str]) -> bool {
        list.iter().any(|w| self.is(w))
    }

    /// The word ends its clause: "7,000," or "jobs;".
    fn ends_clause(&self) -> bool {
        self.text.ends_with([',', ';', ':', '.', '?', '!', ')'])
            || self.text.ends_with(['"', '”', '’']) && self.text.len() > 1
    }

    fn core_start(&self) -> usize {
        self.start + (self.core.as_ptr() as usize - self.text.as_ptr() as usize)
    }

    fn core_end(&self) -> usize {
        self.core_start() + self.core.len()
    }

    fn capitalised(&self) -> bool {
        self.core.starts_with(|c: char| c.is_uppercase())
    }

    fn lower_alpha(&self) -> bool {
        !self.core.is_empty()
            && self
                .core
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
    }
}

/// A number token parsed by hand: "£3.3bn", "(7,000", "4.5%", "US$5".
struct Figure {
    /// Byte offsets of the whole figure (currency to suffix) within the sentence.
    start: usize,
    end: usize,
    currency: Option<&'static str>,
    value: f64,
    precision: f64,
    scale: f64,
    percent: bool,
    /// Four digits, no comma, no decimals: may be a year.
    four_digits: bool,
}

/// Parses the number in `word` (at `offset` in the sentence). Rejects identifiers,
/// times, ordinals, scores and compounds: "G7", "F-35", "14:30", "1st", "5-2",
/// "24-hour", "1990s".
fn parse_figure(word: &str, offset: usize) -> Option<Figure> {
    let lead = word.len()
        - word
            .trim_start_matches(['(', '"', '“', '‘', '\'', '['])
            .len();
    let mut rest = &word[lead..];
    let currency = CURRENCIES.iter().copied().find(|c| rest.starts_with(c));
    if let Some(c) = currency {
        rest = &rest[c.len()..];
    }
    let bytes = rest.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // Digits with optional thousands commas and one decimal point.
    let (mut i, mut value, mut decimals, mut seen_point, mut commas) = (0, 0f64, 0i32, false, 0);
    let mut group = 0;
    while i < bytes.len() {
        match bytes[i] {
            b @ b'0'..=b'9' => {
                value = value * 10.0 + f64::from(b - b'0');
                if seen_point {
                    decimals += 1;
                } else {
                    group += 1;
                }
            }
            b',' if !seen_point
                && bytes
                    .get(i + 1..i + 4)
                    .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
                && (commas > 0 && group == 3 || commas == 0 && (1..=3).contains(&group)) =>
            {
                commas += 1;
                group = 0;
            }
            b'.' if !seen_point && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                seen_point = true;
            }
            _ => break,
        }
        i += 1;
    }
    let digits_end = i;
    value /= 10f64.powi(decimals);
    let suffix = &rest[digits_end..];
    let (scale, percent, tail) = if let Some(t) = suffix.strip_prefix('%') {
        (1.0, true, t)
    } else {
        let letters = suffix.len()
            - suffix
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        let (unit, t) = suffix.split_at(letters);
        match unit {
            "" => (1.0, false, t),
            _ => (scale_of(unit)?, false, t),
        }
    };
    // Only closing punctuation may follow: "7,000," "(£195m)" "6%."
    if !tail.chars().all(|c| {
        matches!(
            c,
            ',' | '.' | ';' | ':' | ')' | '"' | '”' | '’' | '\'' | '?' | '!' | ']'
        )
    }) {
        return None;
    }
    let trailing_zeros = if seen_point {
        0
    } else {
        rest[..digits_end]
            .bytes()
            .rev()
            .filter(|&b| b != b',')
            .take_while(|&b| b == b'0')
            .count()
            .min(digits_end.saturating_sub(1))
    };
    let precision = 10f64.powi(trailing_zeros as i32 - decimals) * scale;
    let end =
        offset + lead + currency.map_or(0, str::len) + (suffix.len() - tail.len()) + digits_end;
    Some(Figure {
        start: offset + lead,
        end,
        currency: currency.map(|c| if c == "US$" { "$" } else { c }),
        value: value * scale,
        precision,
        scale,
        percent,
        four_digits: digits_end == 4 && commas == 0 && !seen_point,
    })
}

fn scale_of(word: &str) -> Option<f64> {
    SCALES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, f)| f)
}

/// The singular of a lower-case English noun, by its ending.
pub(super) fn singular(word: &str) -> String {
    let w = word.to_ascii_lowercase();
    if INVARIANT_NOUNS.contains(&w.as_str()) {
        return w;
    }
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{stem}y")
    } else if w.len() > 4
        && ["xes", "shes", "ches", "sses"]
            .iter()
            .any(|e| w.ends_with(e))
    {
        w[..w.len() - 2].to_string()
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w[..w.len() - 1].to_string()
    } else {
        w
    }
}

fn plural_looking(word: &str) -> bool {
    word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us")
        || INVARIANT_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(word))
}

/// The noun phrase after a figure: (modifiers, head). "36 Rafale fighters from" gives
/// (["rafale"], "fighters"); a capitalised word or an adjective is a modifier while
/// the phrase goes on; it ends at a function word or at the first plural.
fn noun_phrase<'w, 'a>(words: &'w [Word<'a>]) -> (Vec<&'a str>, Option<&'w Word<'a>>) {
    let mut phrase: Vec<&'w Word<'a>> = Vec::new();
    for w in words.iter().take(4) {
        // "300 more troops": the comparative says it is a change, the noun follows.
        if phrase.is_empty() && w.is_any(&["more", "fewer"]) {
            continue;
        }
        if w.text.starts_with(['(', '"', '“']) || w.is_any(STOP) || w.core.is_empty() {
            break;
        }
        let usable =
            w.lower_alpha() || w.capitalised() && w.core.bytes().all(|b| b.is_ascii_alphabetic());
        if !usable || crate::time::month_from_name(w.core).is_some() && w.capitalised() {
            break;
        }
        phrase.push(w);
        if plural_looking(w.core) && w.lower_alpha() || w.ends_clause() {
            break;
        }
    }
    // The head is lower case: "36 Rafale" alone counts nothing.
    while phrase.last().is_some_and(|h| !h.lower_alpha()) {
        phrase.pop();
    }
    match phrase.split_last() {
        Some((head, mods)) if head.core.len() > 2 => {
            (mods.iter().map(|m| m.core).collect(), Some(*head))
        }
        _ => (Vec::new(), None),
    }
}

/// "3% of GDP": a ratio to the whole economy is how deficits and debts are stated,
/// not a share of a figure of the article.
fn of_economy(following: &[Word]) -> bool {
    following
        .get(1)
        .is_some_and(|w| w.is_any(&["GDP", "GNP", "gross"]))
}

/// Whether a clause states its figure as an average or a rate over a period: "in
/// the typical month", "on average", "jobs a month" (but not "a year ago").
fn averaged(clause: &[Word]) -> bool {
    clause.iter().enumerate().any(|(k, w)| {
        w.is_any(AVERAGE_WORDS)
            || k > 0
                && clause[k - 1].is_any(&["a", "per", "each", "every"])
                && w.is_any(RATE_PERIODS)
                && !clause
                    .get(k + 1)
                    .is_some_and(|n| n.is_any(&["ago", "earlier", "before", "later"]))
    })
}

/// Words on each side of a figure that say what it is about.
const FRAME: usize = 6;

/// The first and last word index of the clause holding words `from..=to`: clauses
/// end at commas, semicolons, colons, brackets and dashes, but ", or 18%" restates
/// the figure before it and stays in its clause.
fn clause_around(words: &[Word], from: usize, to: usize) -> (usize, usize) {
    let breaks_after = |k: usize| {
        words[k].ends_clause() && !words.get(k + 1).is_some_and(|w| w.is("or"))
            || words
                .get(k + 1)
                .is_some_and(|w| matches!(w.text, "-" | "–" | "—") || w.text.starts_with('('))
    };
    let mut first = from;
    while first > 0 && !breaks_after(first - 1) {
        first -= 1;
    }
    let mut last = to;
    while last + 1 < words.len() && !breaks_after(last) {
        last += 1;
    }
    (first, last)
}

/// A capitalised word inside the sentence (its first word is capitalised anyway)
/// that names someone or something: not a month or a weekday.
fn is_name(w: &Word, index: usize) -> bool {
    index > 0
        && w.capitalised()
        && w.core.len() > 1
        && !w.text.starts_with(['"', '“', '‘'])
        && crate::time::month_from_name(w.core).is_none()
        && crate::time::weekday_from_name(w.core).is_none()
}

/// A sentence's first word that is a name rather than a capitalised function word or
/// a plural common noun: "France" in "France will send …", not "The" or "Planners".
fn starts_with_name(w: &Word) -> bool {
    !super::LEADING.contains(&w.core) && !plural_looking(w.core) && is_name(w, 1)
}

/// A crude stem, so that restatements in other inflections match: "profits" and
/// "profit", "Tories" and "Tory", "save", "saved" and "savings", "Singapore's" and
/// "Singapore".
pub fn stem(word: &str) -> String {
    let mut w = word.trim_end_matches("'s").to_ascii_lowercase();
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() >= 3) {
        return format!("{s}y");
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w.pop();
    }
    for suffix in ["ing", "ed"] {
        if let Some(s) = w.strip_suffix(suffix).filter(|s| s.len() >= 3) {
            w.truncate(s.len());
            break;
        }
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// Whether the words ending at index `end` (exclusive) spell `phrase`.
fn ends_with_phrase(words: &[Word], end: usize, phrase: &[&str]) -> bool {
    end >= phrase.len()
        && words[end - phrase.len()..end]
            .iter()
            .zip(phrase)
            .all(|(w, p)| w.is(p))
}

/// Scratch space reused between sentences, so sentences without a figure allocate
/// nothing and those with one reuse the word list.
#[derive(Default)]
pub(super) struct Scratch<'a> {
    words: Vec<Word<'a>>,
}

/// Appends the quantities of one sentence (`text`, at `base` in the document).
pub(super) fn quantities_in<'a>(
    text: &'a str,
    base: usize,
    sentence: Span,
    headline: bool,
    scratch: &mut Scratch<'a>,
    out: &mut Vec<Quantity>,
) {
    let words = &mut scratch.words;
    words.clear();
    let origin = text.as_ptr() as usize;
    words.extend(text.split_ascii_whitespace().map(|w| {
        let start = w.as_ptr() as usize - origin;
        Word {
            start,
            text: w,
            core: core(w),
        }
    }));
    let words = &words[..];
    let first_out = out.len();
    let mut sentence_years: Vec<u16> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !w.text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(fig) = parse_figure(w.text, w.start) else {
            continue;
        };
        let is_year = fig.four_digits
            && fig.currency.is_none()
            && !fig.percent
            && fig.scale == 1.0
            && (1800.0..2100.0).contains(&fig.value);
        if is_year {
            sentence_years.push(fig.value as u16);
            continue;
        }
        if let Some(q) = quantity_at(text, words, i, fig) {
            out.push(Quantity {
                span: Span::new(base + q.0, base + q.1),
                sentence,
                headline,
                ..q.2
            });
        }
    }
    if out.len() == first_out {
        return;
    }
    let speaker = speaker_words(words, out[first_out].span.start as usize - base);
    let names: Words = words
        .iter()
        .enumerate()
        .filter(|&(k, w)| is_name(w, k) && !speaker.contains(&k))
        .map(|(_, w)| w.core.trim_end_matches("'s"))
        .collect();
    let sentence_years: Arc<[u16]> = sentence_years.into();
    let periods: Words = words
        .iter()
        .enumerate()
        .filter_map(|(k, w)| {
            let named = w.is_any(PERIOD_WORDS)
                || w.is_any(&["quarter", "half"]) && k > 0 && words[k - 1].is_any(PERIOD_ORDINALS)
                || w.capitalised()
                    && (crate::time::month_from_name(w.core).is_some()
                        || crate::time::weekday_from_name(w.core).is_some());
            if named {
                Some(w.core.to_ascii_lowercase())
            } else {
                relative_period(words, k)
            }
        })
        .collect();
    mark_ranges(text, &mut out[first_out..]);
    for q in &mut out[first_out..] {
        q.years = sentence_years.clone();
        q.names = names.clone();
        q.periods = periods.clone();
    }
}

/// Verbs that introduce what a speaker says.
const SAYING: &[&str] = &[
    "said", "says", "told", "added", "argued", "warned", "claims", "claimed",
];

/// The words naming who speaks when every figure of the sentence comes after its
/// verb of saying ("Philip Shaw, chief economist at Investec, said rates would stay
/// at 4.75%"; "Robben told the Daily Star: …"): the speaker is not whose figure it is,
/// and a second sentence quoting someone else about the same figure is no other
/// quantity. The nearest name in the figure's own clause still owns it ("BA said it
/// would cut 8,000 jobs"). `first_figure` is the byte offset of the sentence's
/// first figure.
fn speaker_words(words: &[Word], first_figure: usize) -> std::ops::Range<usize> {
    let Some(verb) = words
        .iter()
        .position(|w| w.is_any(SAYING))
        .filter(|&v| words[v].start < first_figure)
    else {
        return 0..0;
    };
    // "told the Daily Star:": whom it was said to, up to the end of that clause.
    let mut end = verb + 1;
    if words[verb].is("told") {
        while end < words.len() && words[end].start < first_figure && !words[end - 1].ends_clause()
        {
            end += 1;
        }
    }
    0..end
}

/// A period named relative to the document's date, as `this-year`, `last-year`,
/// `next-year` (or month, week): "this year", "last month", "a year earlier", "the
/// previous year". The check resolves years against the publication date.
pub const RELATIVE_YEARS: &[(&str, i32)] = &[("this-year", 0), ("last-year", -1), ("next-year", 1)];

fn relative_period(words: &[Word], k: usize) -> Option<String> {
    let w = &words[k];
    let unit = ["year", "month", "week"].into_iter().find(|u| w.is(u))?;
    let before = k.checked_sub(1).map(|j| &words[j]);
    let when = if before.is_some_and(|b| b.is_any(&["this", "current"])) {
        "this"
    } else if before.is_some_and(|b| b.is_any(&["last", "previous", "prior"]))
        || before.is_some_and(|b| b.is("a"))
            && words
                .get(k + 1)
                .is_some_and(|n| n.is_any(&["ago", "earlier", "before"]))
    {
        "last"
    } else if before.is_some_and(|b| b.is_any(&["next", "coming"])) {
        "next"
    } else {
        return None;
    };
    Some(format!("{when}-{unit}"))
}

/// "7,000 to 8,000", "7,000-8,000", "between 5 and 7": both ends are references.
fn mark_ranges(text: &str, quantities: &mut [Quantity]) {
    for k in 1..quantities.len() {
        let (a, b) = (&quantities[k - 1], &quantities[k]);
        let gap = text
            .get(
                (a.span.end - a.sentence.start) as usize
                    ..(b.span.start - a.sentence.start) as usize,
            )
            .unwrap_or("")
            .trim();
        let range = matches!(gap, "to" | "and" | "-" | "–" | "or") && (gap != "to" || !a.reference);
        if range && a.unit == b.unit {
            quantities[k - 1].reference = true;
            quantities[k].reference = gap != "to" || quantities[k].reference;
        }
    }
}

/// The quantity around the figure in `words[i]`: (start, end, quantity) with
/// sentence-relative offsets, or `None` for a date, an identifier or a figure with no
/// unit.
fn quantity_at(
    text: &str,
    words: &[Word],
    i: usize,
    fig: Figure,
) -> Option<(usize, usize, Quantity)> {
    let prev = i.checked_sub(1).map(|j| &words[j]);
    // "January 9", "9 January".
    let month_near = |w: Option<&Word>| {
        w.is_some_and(|w| w.capitalised() && crate::time::month_from_name(w.core).is_some())
    };
    if month_near(prev) || month_near(words.get(i + 1)) {
        return None;
    }
    // A number glued to a name ("Radio 1", "Chapter 11") is part of it.
    let glued_to_name = prev.is_some_and(|p| {
        p.capitalised()
            && !p.ends_clause()
            && !super::LEADING.contains(&p.core)
            && !HEDGES.iter().any(|h| h.len() == 1 && p.is(h[0]))
    });
    if glued_to_name && fig.currency.is_none() {
        return None;
    }
    let mut end_word = i;
    let (mut value, mut precision, mut percent) = (fig.value, fig.precision, fig.percent);
    let mut end = fig.end;
    // A separate scale word: "3.3 trillion", "7 million".
    if fig.scale == 1.0 && !percent {
        if let Some(f) = words.get(i + 1).and_then(|w| scale_of(w.core)) {
            value *= f;
            precision *= f;
            end_word += 1;
            end = words[end_word].core_end();
        }
    }
    // "per cent", "percent", "percentage points".
    if !percent {
        let next = words.get(end_word + 1);
        if next.is_some_and(|w| w.is("percent")) {
            percent = true;
            end_word += 1;
        } else if next.is_some_and(|w| w.is("per"))
            && words.get(end_word + 2).is_some_and(|w| w.is("cent"))
        {
            percent = true;
            end_word += 2;
        }
        if percent {
            end = words[end_word].core_end();
        }
    }
    // Skip a converted figure in brackets: "$375m (£195m) loss".
    let mut after = end_word + 1;
    if words
        .get(after)
        .is_some_and(|w| w.text.starts_with('(') && w.text.ends_with(')'))
    {
        after += 1;
    }
    let following = words.get(after..).unwrap_or(&[]);
    let (modifiers, head) = if words[end_word].ends_clause() {
        (Vec::new(), None)
    } else {
        noun_phrase(following)
    };
    let (unit, measure) = match (fig.currency, percent) {
        (Some(c), _) => (c.to_string(), head.map(|h| singular(h.core))),
        (None, true) => ("%".to_string(), head.map(|h| singular(h.core))),
        (None, false) => (singular(head?.core), None),
    };
    // "a deficit of €360 billion", "growth of just 0.2%": the measure before "of".
    let mut lead = i;
    let mut approx = false;
    for hedge in HEDGES {
        if ends_with_phrase(words, lead, hedge) {
            lead -= hedge.len();
            approx = true;
            break;
        }
    }
    if ends_with_phrase(words, lead, &["just"]) || ends_with_phrase(words, lead, &["only"]) {
        lead -= 1;
    }
    // "a deficit of €360 billion" names its measure more surely than the word after
    // the figure, which may be a verb ("€360 billion came").
    let measure_before = (lead >= 2
        && (words[lead - 1].is("of")
            || words[lead - 1].is("at") && words[lead - 2].is_any(CHANGE_MEASURES))
        && words[lead - 2].lower_alpha()
        && !words[lead - 2].is_any(STOP))
    .then(|| singular(words[lead - 2].core));
    // "cut prices by an average of 34%": the change is stated before the measure.
    let by_measure = measure_before.is_some()
        && (lead >= 3 && words[lead - 3].is("by")
            || lead >= 4
                && words[lead - 3].is_any(&["a", "an", "the"])
                && words[lead - 4].is("by"));
    let measure = measure_before.or(measure);
    // The far end of a range: "between 5 and 7 ships", "7,000 to 8,000 personnel"
    // (but "from 7,000 to 8,000" ends at the level reached).
    // "between $30,000 (£16,000) and $50,000": the near end may carry a conversion.
    let near_end = lead.checked_sub(2).map(|k| {
        let converted = k > 0 && words[k].text.starts_with('(') && words[k].text.ends_with(')');
        if converted {
            k - 1
        } else {
            k
        }
    });
    let range_end = words[..lead]
        .last()
        .is_some_and(|w| w.is_any(&["and", "or", "to", "-"]))
        && near_end.is_some_and(|k| {
            parse_figure(words[k].text, 0)
                .is_some_and(|f| f.currency == fig.currency && f.percent == fig.percent)
                && !(k >= 1 && words[k - 1].is("from"))
        });
    // "a 30% rise", "300 more troops", "5% higher", "growth of 8.1%"; but "rose 12%
    // to 100 million" states the level reached.
    let level_reached = lead > 0 && words[lead - 1].is_any(&["to", "at"]);
    // "closed down 247p, or 28%": a figure that restates the one before it in
    // another unit is a change when that one is.
    let restating = lead >= 2
        && words[lead - 1].is("or")
        && words[lead - 2].ends_clause()
        && words[lead - 2].text.bytes().any(|b| b.is_ascii_digit());
    let change_from = if restating || by_measure {
        lead - 2
    } else {
        lead
    };
    let change_before = words[change_from.saturating_sub(3)..change_from]
        .iter()
        .rev()
        .take_while(|w| !w.ends_clause())
        .find(|w| w.is_any(CHANGE_BEFORE))
        .filter(|_| !level_reached);
    let change_word =
        change_before.or_else(|| following.iter().take(2).find(|w| w.is_any(CHANGE_AFTER)));
    let change_measure = measure.as_deref().filter(|m| CHANGE_MEASURES.contains(m));
    let change = change_word.is_some() || change_measure.is_some();
    let direction = match (change_word, change_measure) {
        (Some(w), _) => direction_of(w),
        (None, Some(m)) if ["fall", "drop", "decline"].contains(&m) => -1,
        (None, Some("revision")) => 0,
        (None, Some(_)) => 1,
        (None, None) => 0,
    };
    let reference = range_end
        || lead > 0 && words[lead - 1].is_any(REFERENCE_BEFORE)
        || ends_with_phrase(words, lead, &["compared", "with"])
        || ends_with_phrase(words, lead, &["compared", "to"]);
    // "per 100 people", "one in 10", "$2bn of the $10bn".
    let part = lead > 0 && words[lead - 1].is_any(PART_BEFORE)
        || ends_with_phrase(words, lead, &["one", "in"])
        || head.is_none()
            && following.first().is_some_and(|w| w.is("of") || w.is("out"))
            && !of_economy(following);
    let start = if lead == i {
        fig.start
    } else {
        words[lead].core_start()
    };
    // A counted quantity is stated with its noun: "36 Rafale fighters".
    let stated_end = match head {
        Some(h) if fig.currency.is_none() && !percent => h.core_end(),
        _ => end,
    };
    let (first, last) = clause_around(words, lead, end_word);
    let first = first.max(lead.saturating_sub(FRAME));
    let last = last.min(end_word + FRAME);
    let context = words[first..=last]
        .iter()
        .enumerate()
        .filter(|&(k, w)| {
            !(lead..=end_word).contains(&(first + k))
                && w.core.len() > 2
                && w.core
                    .bytes()
                    .all(|b| b.is_ascii_alphabetic() || b == b'\'')
                && !w.is_any(STOP)
                && !w.is_any(CHANGE_BEFORE)
                && !(w.capitalised()
                    && (crate::time::month_from_name(w.core).is_some()
                        || crate::time::weekday_from_name(w.core).is_some()))
        })
        .map(|(_, w)| stem(w.core))
        .chain(averaged(&words[first..=last]).then(|| stem("average")))
        .collect();
    // Who has, sends or spends it: the nearest name before the figure in its clause.
    let owner = words[first..lead]
        .iter()
        .enumerate()
        .rev()
        .find(|&(k, w)| is_name(w, first + k) || first + k == 0 && starts_with_name(w))
        .map(|(_, w)| w.core.trim_end_matches("'s").to_string());
    Some((
        start,
        stated_end,
        Quantity {
            span: Span::default(),
            stated: text.get(start..stated_end).unwrap_or("").into(),
            value,
            unit: unit.into(),
            modifiers: modifiers.iter().map(|m| m.to_ascii_lowercase()).collect(),
            measure: measure.map(Into::into),
            approx,
            precision,
            change,
            direction,
            reference,
            part,
            context,
            owner: owner.map(Into::into),
            years: Arc::default(),
            periods: Words::default(),
            names: Words::default(),
            sentence: Span::default(),
            headline: false,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantities(sentence: &str) -> Vec<Quantity> {
        let mut out = Vec::new();
        let span = Span::new(0, sentence.len());
        quantities_in(sentence, 0, span, false, &mut Scratch::default(), &mut out);
        out
    }

    #[test]
    fn a_change_stated_before_its_measure() {
        let q = quantities("The grocer has cut prices in its stores by an average of 14%.");
        assert!(q[0].change && q[0].measure.as_deref() == Some("average"));
        let q = quantities("Tenants in the city spent an average of 31% of their pay on rent.");
        assert!(!q[0].change);
    }

    #[test]
    fn a_ratio_to_gdp_is_not_a_part() {
        let q = quantities("The rules cap a member's deficit at 3% of GDP.");
        assert!(!q[0].part);
        let q = quantities("The bank wrote off 30% of the loans.");
        assert!(q[0].part);
    }

    #[test]
    fn packed_words_round_trip_as_lists() {
        let words: Words = ["deficit", "", "bo\0eing"].into_iter().collect();
        assert_eq!(words.iter().collect::<Vec<_>>(), ["deficit", "", "boeing"]);
        assert!(words.contains("") && !words.is_empty());
        assert!(Words::default().is_empty() && Words::default().iter().next().is_none());
        let json = serde_json::to_string(&words).unwrap();
        assert_eq!(json, r#"["deficit","","boeing"]"#);
        assert_eq!(serde_json::from_str::<Words>(&json).unwrap(), words);
        let bytes = postcard::to_allocvec(&words).unwrap();
        assert_eq!(
            bytes,
            postcard::to_allocvec(&vec!["deficit", "", "boeing"]).unwrap()
        );
        assert_eq!(postcard::from_bytes::<Words>(&bytes).unwrap(), words);
    }

    #[test]
    fn counted_noun_with_modifiers_and_owner() {
        let q =
            quantities("Officials said India signed for 36 Rafale fighters, not 7,000 personnel.");
        assert_eq!(&*q[0].stated, "36 Rafale fighters");
        assert_eq!(
            (&*q[0].unit, q[0].modifiers.iter().collect::<Vec<_>>()),
            ("fighter", vec!["rafale"])
        );
        assert_eq!(q[0].owner.as_deref(), Some("India"));
        assert_eq!((q[1].value, &*q[1].unit), (7000.0, "personnel"));
        assert_eq!(q[1].precision, 1000.0);
    }

    #[test]
    fn measure_of_amounts_and_percentages() {
        let q = quantities("The deficit of €360 billion came with a $4bn Boeing plane deal and growth of just 0.2%.");
        let got: Vec<(f64, &str, Option<&str>)> = q
            .iter()
            .map(|q| (q.value, &*q.unit, q.measure.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (360e9, "€", Some("deficit")),
                (4e9, "$", Some("deal")),
                (0.2, "%", Some("growth"))
            ]
        );
        assert_eq!(
            q[1].modifiers.iter().collect::<Vec<_>>(),
            ["boeing", "plane"]
        );
    }

    #[test]
    fn changes_references_ranges_and_parts() {
        let q = quantities("Profits rose 5% to £1bn, from £800m, and 300 more troops left; between 5 and 7 ships sailed.");
        let flags: Vec<(&str, bool, bool)> = q
            .iter()
            .map(|q| (&*q.stated, q.change, q.reference))
            .collect();
        assert_eq!(
            flags,
            [
                ("5%", true, false),
                ("£1bn", false, false),
                ("£800m", false, true),
                ("300 more troops", true, false),
                ("7 ships", false, true),
            ]
        );
        let q = quantities(
            "There are 7.5 connections per 100 people and 20 staff including 12 engineers.",
        );
        assert_eq!(
            q.iter().map(|q| q.part).collect::<Vec<_>>(),
            [false, true, false, true]
        );
    }

    #[test]
    fn hedges_years_and_periods() {
        let q = quantities(
            "About 7,000 personnel went in the third quarter of 2004, up to 8,000 troops in March.",
        );
        assert!(q[0].approx && q[1].approx);
        assert_eq!(q[0].years[..], [2004]);
        assert_eq!(
            q[0].periods.iter().collect::<Vec<_>>(),
            ["quarter", "march"]
        );
    }

    #[test]
    fn directions_averages_and_relative_periods() {
        let q = quantities("Wages rose 1.9% and prices fell 1.8%, after growth of 2% last year.");
        let got: Vec<(bool, i8)> = q.iter().map(|q| (q.change, q.direction)).collect();
        assert_eq!(got, [(true, 1), (true, -1), (true, 1)]);
        assert_eq!(q[0].periods.iter().collect::<Vec<_>>(), ["last-year"]);
        let q = quantities("Firms added 150,000 jobs in the typical month this year.");
        assert!(q[0].context.contains(&stem("average")));
        assert_eq!(q[0].periods.iter().collect::<Vec<_>>(), ["this-year"]);
        let q = quantities("Sales were 40,000 cars, against 30,000 cars a year ago.");
        assert!(!q[0].context.contains(&stem("average")));
    }

    #[test]
    fn stems_meet_across_inflections() {
        for (a, b) in [
            ("save", "savings"),
            ("saved", "saving"),
            ("Tories", "Tory"),
            ("profits", "profit"),
            ("rates", "rate"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
        }
        assert_ne!(stem("business"), stem("bus"));
        assert_ne!(stem("need"), stem("ne"));
    }

    #[test]
    fn speakers_are_not_owners() {
        let q = quantities(
            "Philip Shaw, chief economist at Investec, said rates would stay at 4.75% in Britain.",
        );
        assert_eq!(q[0].names.iter().collect::<Vec<_>>(), ["Britain"]);
        let q = quantities("Rates will stay at 4.75%, Philip Shaw of Investec said.");
        assert_eq!(
            q[0].names.iter().collect::<Vec<_>>(),
            ["Philip", "Shaw", "Investec"]
        );
        let q = quantities("The carmaker BA said it would cut 8,000 jobs.");
        assert_eq!(q[0].owner.as_deref(), Some("BA"));
    }

    #[test]
    fn bounds_from_hedges() {
        let q = quantities(
            "At least 300 fans came, more than 30% stayed, up to 100 left, about 50 ate and 20 sang.",
        );
        let got: Vec<Bound> = q.iter().map(Quantity::bound).collect();
        assert_eq!(
            got,
            [
                Bound::AtLeast,
                Bound::AtLeast,
                Bound::AtMost,
                Bound::About,
                Bound::Exact
            ]
        );
    }

    #[test]
    fn not_quantities() {
        for text in [
            "The G7 met on January 9 and the F-35 flew at 14:30 after a 5-2 win.",
            "Radio 1 said the 1990s were the 1st decade in 2004.",
            "Chapter 11 bankruptcy and 24-hour news.",
        ] {
            assert_eq!(quantities(text), [], "{text}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "£",
            "1,",
            "1,00",
            "9.",
            "€1,000,0",
            "(((3",
            "US$",
            "5 per",
            "１２ people",
            "3 é",
        ] {
            quantities(text);
        }
    }
}
