//! Coreference-lite for speakers: a pronoun goes to the nearest preceding person's
//! name, a surname or titled surname ("Kishida", "Mr. Brown") to the full name
//! introduced earlier in the document or in the people list. Deterministic, and it
//! reads only the text just before each mention.

use super::attribution::{Found, FUNCTION_CAPS};
use super::lexicon::{Lexicon, PronounKind};
use super::tokens::{capitalised_runs, tokenize, Token};
use crate::doc::Span;
use crate::extract::Speaker;
use crate::people::{Gender, People};
use std::collections::HashMap;

/// How far back a pronoun's antecedent is looked for (bytes).
const PRONOUN_REACH: usize = 1500;

/// Last words of a capitalised run that make it an organisation or a place, not a
/// person.
const NOT_PERSON_LAST: &[&str] = &[
    "party",
    "committee",
    "house",
    "department",
    "news",
    "times",
    "post",
    "journal",
    "street",
    "states",
    "campaign",
    "foundation",
    "university",
    "institute",
    "council",
    "court",
    "congress",
    "senate",
    "agency",
    "office",
    "bureau",
    "association",
    "network",
    "press",
    "club",
    "center",
    "centre",
    "group",
    "fund",
    "union",
    "republicans",
    "democrats",
    "administration",
    "service",
    "company",
    "inc.",
    "corp.",
    "co.",
    "today",
    "magazine",
    "county",
    "city",
    "state",
    "america",
    "hampshire",
    "carolina",
    "dakota",
    "jersey",
    "york",
    "virginia",
    "iowa",
    "nations",
    "kingdom",
    "ministry",
    "government",
    "television",
    "radio",
    "tv",
    "channel",
    "reuters",
    "twitter",
    "facebook",
    "organization",
    "organisation",
    "pac",
    "caucus",
    "convention",
    "day",
    "week",
    "month",
    "year",
    "debate",
    "act",
    "bill",
    "law",
    "review",
    "report",
    "commission",
    "board",
    "corporation",
    "bank",
    "school",
    "college",
    "church",
    "airport",
    "hotel",
    "center",
    "square",
    "hall",
    "avenue",
    "road",
    "park",
    "awards",
    "ceremony",
    "festival",
    "show",
    "volcano",
    "mountain",
    "river",
    "lake",
    "bridge",
    "pipeline",
    "more",
    "images",
    "photo",
    "photos",
];
/// First words of a capitalised run that make it a place or an institution (month
/// and weekday names are checked through `crate::time`).
const NOT_PERSON_FIRST: &[&str] = &[
    "new",
    "los",
    "las",
    "san",
    "santa",
    "south",
    "north",
    "west",
    "east",
    "united",
    "des",
    "fort",
    "saint",
    "the",
    "republican",
    "democratic",
    "white",
    "supreme",
    "federal",
    "national",
    "american",
    "european",
    "british",
    "french",
    "japanese",
    "chinese",
    "russian",
    "german",
    "islamic",
    "super",
    "mount",
    "mt.",
    "lake",
    "read",
    "photo",
    "getty",
];

/// Determiners and quantifiers that open a noun phrase; capitalised at a sentence's
/// start they do not make it a name.
const OPENING_DETERMINERS: &[&str] = &[
    "the", "a", "an", "both", "some", "many", "several", "most", "all", "each", "other", "another",
    "these", "those", "two", "three", "four", "five",
];

/// The words of a name without determiners, titles or a possessive ending.
pub fn bare_name<'t>(mention: &'t str, lex: &Lexicon) -> Vec<&'t str> {
    let words: Vec<&str> = mention
        .split_whitespace()
        .map(|w| {
            w.trim_end_matches("’s")
                .trim_end_matches("'s")
                .trim_end_matches(['’', '\'', ','])
        })
        .filter(|w| !w.is_empty())
        .collect();
    strip_titles(&words, lex).to_vec()
}

/// `words` without the titles, demonyms and determiners before the name ("Greek Prime
/// Minister", "Former Arkansas Gov.", "the"): the words after the last title word,
/// keeping at least one word.
fn strip_titles<'w, 't>(words: &'w [&'t str], lex: &Lexicon) -> &'w [&'t str] {
    let is_title = |w: &str| {
        let lower = w.to_lowercase();
        lex.titles.contains(&lower)
            || lex.titles.contains(lower.trim_end_matches('.'))
            || matches!(lower.as_str(), "the" | "of")
    };
    let start = words.iter().rposition(|w| is_title(w)).map_or(0, |i| i + 1);
    if start < words.len() {
        &words[start..]
    } else {
        // The name itself is a title word ("Martin Luther King"): keep what follows the
        // leading titles only.
        let lead = words.iter().take_while(|w| is_title(w)).count();
        &words[lead.min(words.len().saturating_sub(1))..]
    }
}

pub struct Resolver<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    people: &'a People,
    /// Full names met so far (multi-word), in document order, with the gender when
    /// known.
    named: Vec<(String, Option<Gender>)>,
    /// Capitalised word runs of the whole text, computed at the first pronoun.
    runs: Option<std::rc::Rc<Vec<Span>>>,
    /// Surnames already searched for in the text, with the full name found.
    looked_up: HashMap<String, Option<String>>,
}

impl<'a> Resolver<'a> {
    pub fn new(text: &'a str, lex: &'a Lexicon, people: &'a People) -> Self {
        Resolver {
            text,
            lex,
            people,
            named: Vec::new(),
            looked_up: HashMap::new(),
            runs: None,
        }
    }

    /// The speaker record for an attribution: mention, resolved name, role, occasion,
    /// and whether the source is anonymous.
    pub fn speaker(&mut self, found: &Found) -> Speaker {
        let name = found.speaker.slice(self.text).to_string();
        let lower = name.to_lowercase();
        let pronoun = self.lex.pronouns.get(lower.as_str()).copied();
        // "Both sides", "Some officials": a capital that only opens the sentence is no
        // name.
        let has_name = name
            .split_whitespace()
            .skip_while(|w| OPENING_DETERMINERS.contains(&w.to_lowercase().as_str()))
            .any(|w| w.starts_with(char::is_uppercase));
        let last = lower
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .replace('’', "'");
        let anonymous = pronoun.is_none() && !has_name
            || (pronoun.is_none()
                && self.lex.anonymous.contains(last.as_str())
                && !self.proper_head(&name));
        let resolved = match pronoun {
            Some(kind @ (PronounKind::Male | PronounKind::Female | PronounKind::Speaker)) => {
                let gender = match kind {
                    PronounKind::Male => Some(Gender::Male),
                    PronounKind::Female => Some(Gender::Female),
                    _ => None,
                };
                self.antecedent(found.speaker.start as usize, gender)
            }
            Some(_) => None,
            None if anonymous => None,
            None => self.name(&name, found.speaker.start as usize),
        };
        Speaker {
            name,
            span: found.speaker,
            resolved,
            role: found
                .role
                .map(|r| r.slice(self.text).trim().to_string())
                .filter(|r| !r.is_empty()),
            anonymous,
            occasion: found
                .occasion
                .map(|o| o.slice(self.text).trim().to_string())
                .filter(|o| !o.is_empty()),
        }
    }

    /// Whether the last word of a phrase is capitalised (a name, not "officials").
    fn proper_head(&self, name: &str) -> bool {
        name.split_whitespace()
            .next_back()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    }

    /// Full name of a named mention.
    fn name(&mut self, mention: &str, at: usize) -> Option<String> {
        let words = bare_name(mention, self.lex);
        if words.is_empty() {
            return None;
        }
        let joined = words.join(" ");
        let gender = title_gender(mention);
        if let Some(p) = self.people.resolve(&joined) {
            let full = p.name.clone();
            self.remember(&full, p.gender.or(gender));
            return Some(full);
        }
        if words.len() >= 2 {
            self.remember(&joined, gender);
            return Some(joined);
        }
        let surname = words[0];
        if let Some(full) = self.known_surname(surname) {
            return Some(full);
        }
        // Introduced earlier in the text but never as a speaker: "Bill Skelly … Skelly".
        let full = self.earlier_full_name(surname, at);
        if let Some(f) = &full {
            self.remember(f, gender);
        }
        full
    }

    fn known_surname(&self, surname: &str) -> Option<String> {
        self.named
            .iter()
            .rev()
            .find(|(n, _)| n.rsplit(' ').next() == Some(surname))
            .map(|(n, _)| n.clone())
    }

    fn remember(&mut self, full: &str, gender: Option<Gender>) {
        if let Some(i) = self.named.iter().position(|(n, _)| n == full) {
            let (n, g) = self.named.remove(i);
            self.named.push((n, g.or(gender)));
        } else {
            self.named.push((full.to_string(), gender));
        }
    }

    /// The first "First Last" before `at` whose last word is `surname`.
    fn earlier_full_name(&mut self, surname: &str, at: usize) -> Option<String> {
        if let Some(known) = self.looked_up.get(surname) {
            return known.clone();
        }
        let full = self.search_full_name(surname, at);
        self.looked_up.insert(surname.to_string(), full.clone());
        full
    }

    fn search_full_name(&self, surname: &str, at: usize) -> Option<String> {
        let head = self.text.get(..at)?;
        for (pos, _) in head.match_indices(surname) {
            let end = pos + surname.len();
            let after = head[end..].chars().next();
            if after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let start = pos.saturating_sub(60);
            let mut toks = Vec::new();
            tokenize(self.text, span_on_chars(self.text, start, end), &mut toks);
            let run = self.capitalised_run_ending(&toks, toks.len());
            if run.len() >= 2 && !place_or_institution(&run) {
                return Some(run.join(" "));
            }
        }
        None
    }

    /// The capitalised words (titles dropped) that end at token `end`.
    fn capitalised_run_ending(&self, toks: &[Token], end: usize) -> Vec<&'a str> {
        let text: &'a str = self.text;
        let mut a = end;
        while a > 0 {
            let t = toks[a - 1];
            if !t.word || !t.span.slice(text).starts_with(char::is_uppercase) {
                break;
            }
            a -= 1;
        }
        let run: Vec<&'a str> = toks[a..end].iter().map(|t| t.span.slice(text)).collect();
        let skip = run
            .iter()
            .take_while(|w| run.len() > 1 && FUNCTION_CAPS.contains(&w.to_lowercase().as_str()))
            .count()
            .min(run.len().saturating_sub(1));
        strip_titles(&run[skip..], self.lex).to_vec()
    }

    /// The nearest person named before `at` whose gender does not contradict the
    /// pronoun's (for he, she, I).
    fn antecedent(&mut self, at: usize, gender: Option<Gender>) -> Option<String> {
        let runs = self
            .runs
            .get_or_insert_with(|| std::rc::Rc::new(capitalised_runs(self.text)))
            .clone();
        let end = runs.partition_point(|r| (r.start as usize) < at);
        let floor = at.saturating_sub(PRONOUN_REACH);
        let mut toks = Vec::new();
        for run in runs[..end].iter().rev() {
            if (run.end as usize) < floor {
                break;
            }
            toks.clear();
            tokenize(self.text, *run, &mut toks);
            let words = self.capitalised_run_ending(&toks, toks.len());
            if let Some((name, g)) = self.person_name(&words) {
                if gender.is_none() || g.is_none() || g == gender {
                    return Some(name);
                }
            }
        }
        self.named
            .iter()
            .rev()
            .find(|(_, g)| gender.is_none() || g.is_none() || *g == gender)
            .map(|(n, _)| n.clone())
    }

    /// A capitalised run that names a person, as a full name with its gender when
    /// known.
    fn person_name(&mut self, run: &[&str]) -> Option<(String, Option<Gender>)> {
        // "Then Brafman", "But Bill Skelly": a sentence-initial word is not a name.
        let skip = run
            .iter()
            .take_while(|w| FUNCTION_CAPS.contains(&w.to_lowercase().as_str()))
            .count();
        let clean: Vec<&str> = run[skip..]
            .iter()
            .map(|w| w.trim_end_matches("’s").trim_end_matches("'s"))
            .collect();
        if clean.is_empty() || place_or_institution(&clean) {
            return None;
        }
        let joined = clean.join(" ");
        if let Some(p) = self.people.resolve(&joined) {
            return Some((p.name.clone(), p.gender));
        }
        let known = |full: &str| {
            self.named
                .iter()
                .find(|(n, _)| n == full)
                .and_then(|(_, g)| *g)
        };
        if clean.len() >= 2 && clean.len() <= 4 {
            let g = known(&joined);
            return Some((joined, g));
        }
        let full = self.known_surname(clean[0])?;
        let g = known(&full);
        Some((full, g))
    }
}

/// Whether a capitalised run names a place, an institution, a date or a row of
/// glued words rather than a person.
fn place_or_institution(run: &[&str]) -> bool {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return true;
    };
    let first = first.to_lowercase();
    let last = last.to_lowercase();
    run.iter().any(|w| glued_words(w))
        || NOT_PERSON_FIRST.contains(&first.as_str())
        || crate::time::MONTHS.contains(&first.as_str())
        || crate::time::weekday_from_name(&first).is_some()
        || NOT_PERSON_LAST.contains(&last.as_str())
}

/// Whether a word is several words run together, as share-button rows and scraped
/// captions are ("FoleyFlagShareLike"): a capital after three lower-case letters.
/// Names with an inner capital keep it after a short prefix (McCain, MacArthur,
/// DeSantis, LaGuardia).
fn glued_words(word: &str) -> bool {
    let mut lower_run = 0;
    for c in word.chars() {
        if c.is_uppercase() && lower_run >= 3 {
            return true;
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
    }
    false
}

/// The gender an honorific states: Mr. / Ms., Mrs.
fn title_gender(mention: &str) -> Option<Gender> {
    let first = mention.split_whitespace().next()?.trim_end_matches('.');
    match first.to_ascii_lowercase().as_str() {
        "mr" | "sir" | "lord" | "king" | "prince" | "father" => Some(Gender::Male),
        "ms" | "mrs" | "miss" | "lady" | "dame" | "queen" | "princess" => Some(Gender::Female),
        _ => None,
    }
}

/// Whether a resolved speaker name looks like a person's rather than an
/// organisation's or a publication's ("Cleveland's Plain Dealer", "the Global Times").
pub fn is_person_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    let last = last.to_lowercase();
    let possessive = words.iter().any(|w| w.ends_with("’s") || w.ends_with("'s"));
    !possessive
        && !NOT_PERSON_LAST.contains(&last.as_str())
        && !matches!(
            last.as_str(),
            "dealer" | "herald" | "tribune" | "gazette" | "globe" | "sun" | "examiner"
        )
}

/// A span from `start` to `end`, moved onto character boundaries.
fn span_on_chars(text: &str, mut start: usize, end: usize) -> Span {
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    Span::new(start, end)
}
