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

/// How far back the named person a description stands for is looked for (bytes):
/// a few paragraphs.
const DESCRIPTION_REACH: usize = 3000;

/// Words after a role noun that end its head: "minister of finance", "executive at
/// Acme", "senator who".
const POSTMODIFIERS: &[&str] = &[
    "of", "at", "for", "in", "from", "with", "who", "whose", "which", "that", "on", "to", "and",
    "or", "since", "under", "based", "until", "during", "between", "over",
];

/// The head noun of a role phrase, lower case: the last word before a postmodifier
/// ("the country's finance minister" → minister, "chief executive of Acme" →
/// executive). A possessive ("the country's") is no head.
fn role_head(words: &[String]) -> Option<&str> {
    let end = words
        .iter()
        .position(|w| POSTMODIFIERS.contains(&w.as_str()))
        .unwrap_or(words.len());
    let head = words[..end]
        .last()?
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    (!head.is_empty() && !head.ends_with('\'') && !head.ends_with("'s")).then_some(head)
}

/// Words that make a role someone else's than the plain description's: the vice
/// president is not "the president", a former minister not "the minister".
const RANK_QUALIFIERS: &[&str] = &[
    "vice",
    "deputy",
    "former",
    "ex",
    "assistant",
    "acting",
    "associate",
    "late",
    "then",
    "future",
    "would-be",
    "shadow",
    "junior",
    "interim",
    "under",
    "lieutenant",
    "vice-president",
];

/// Whether words set off by commas beside a name read as a description of it ("the
/// finance minister", "chief executive of Acme"), not a clause ("after meeting the
/// minister", "speaking to the senator").
fn describes(words: &[String]) -> bool {
    words.first().is_some_and(|w| {
        !w.ends_with("ing")
            && !matches!(
                w.as_str(),
                "after"
                    | "before"
                    | "when"
                    | "while"
                    | "as"
                    | "since"
                    | "if"
                    | "because"
                    | "though"
                    | "although"
                    | "until"
                    | "unlike"
                    | "like"
                    | "with"
                    | "without"
            )
    })
}

/// The role noun an abbreviated title stands for ("sen" → senator).
fn expand_title(title: &str) -> &str {
    match title {
        "sen" => "senator",
        "rep" => "representative",
        "gov" => "governor",
        "gen" => "general",
        "dr" => "doctor",
        "prof" => "professor",
        "amb" => "ambassador",
        "pres" => "president",
        "col" => "colonel",
        "capt" => "captain",
        "sgt" => "sergeant",
        "adm" => "admiral",
        "lt" => "lieutenant",
        "rev" => "reverend",
        t => t,
    }
}

/// The owner of the document a mention names: "her" in "her statement", "Acme" in
/// "Acme's email", "the ministry" in "the ministry's written statement".
fn possessor<'m>(mention: &'m str, lex: &Lexicon) -> Option<&'m str> {
    let words: Vec<&str> = mention.split_whitespace().collect();
    let (last, before) = words.split_last()?;
    let document = last
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if !lex.documents.contains(document.as_str()) {
        return None;
    }
    let owner = before.iter().rposition(|w| {
        let w = w.to_lowercase().replace('’', "'");
        possessive_pronoun(&w).is_some() || w.ends_with("'s") || w.ends_with("s'")
    })?;
    let word = before[owner];
    let offset = word.as_ptr() as usize - mention.as_ptr() as usize;
    let owner_end = offset
        + word
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .trim_end_matches(['’', '\''])
            .len();
    Some(&mention[..owner_end])
}

/// What a possessive pronoun refers back to ("her statement": a woman).
fn possessive_pronoun(word: &str) -> Option<PronounKind> {
    match word {
        "his" => Some(PronounKind::Male),
        "her" => Some(PronounKind::Female),
        "their" | "our" => Some(PronounKind::Plural),
        "my" => Some(PronounKind::Speaker),
        "its" => Some(PronounKind::Thing),
        _ => None,
    }
}

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
        // "Her statement said", "Acme's email said": the document's owner speaks.
        let subject = possessor(&name, self.lex).unwrap_or(&name);
        let lower = subject.to_lowercase();
        let pronoun = self.lex.pronouns.get(lower.as_str()).copied().or_else(|| {
            (subject.len() < name.len())
                .then(|| possessive_pronoun(&lower))
                .flatten()
        });
        // "Both sides", "Some officials": a capital that only opens the sentence is no
        // name.
        let has_name = subject
            .split_whitespace()
            .skip_while(|w| OPENING_DETERMINERS.contains(&w.to_lowercase().as_str()))
            .any(|w| w.starts_with(char::is_uppercase));
        let last = lower
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .replace('’', "'");
        let relative = matches!(lower.as_str(), "who" | "which" | "that");
        let mut anonymous = pronoun.is_none() && !has_name
            || (pronoun.is_none()
                && self.lex.anonymous.contains(last.as_str())
                && !self.proper_head(subject));
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
            // "Which" and "that" stand for things ("a counteroffensive by X that
            // put …"): only "who" is resolved to the name before it.
            None if relative => {
                let antecedent = (lower == "who")
                    .then(|| self.relative_antecedent(found.speaker.start as usize))
                    .flatten();
                anonymous &= antecedent.is_none();
                antecedent
            }
            // "The minister", "Acme's chief executive": a description, linked to the
            // one person the article gives it to, else left as written.
            None if anonymous || !self.proper_head(subject) => {
                let linked = self.description(subject, found.speaker);
                anonymous &= linked.is_none();
                linked
            }
            None => self.name(subject, found.speaker.start as usize),
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

    /// The person a definite description stands for: the name it is set beside
    /// ("the mayor, Tom Hale,"), else the one person named within
    /// [`DESCRIPTION_REACH`] before it whose title or apposition has the
    /// description's head noun ("Jane Doe, the country's finance minister" for "the
    /// minister"). Two such persons, or none: no link.
    fn description(&mut self, mention: &str, span: Span) -> Option<String> {
        let words: Vec<String> = mention
            .split_whitespace()
            .map(|w| w.to_lowercase().replace('’', "'"))
            .collect();
        let first = words.first()?;
        let definite = matches!(
            first.as_str(),
            "the" | "this" | "that" | "his" | "her" | "their"
        ) || first.ends_with("'s");
        if words.len() < 2 || !definite {
            return None;
        }
        let head = role_head(&words[1..])?;
        // "The senators", "the newspaper", "the company": no one person.
        let plural = head.ends_with('s') && !head.ends_with("ss");
        if plural || NOT_PERSON_LAST.contains(&head) || self.lex.title_cues.contains(head) {
            return None;
        }
        if let Some(named) = self.apposed_name(span.end as usize) {
            return Some(named);
        }
        let runs = self
            .runs
            .get_or_insert_with(|| std::rc::Rc::new(capitalised_runs(self.text)))
            .clone();
        let end = runs.partition_point(|r| r.start < span.start);
        let floor = (span.start as usize).saturating_sub(DESCRIPTION_REACH);
        let mut linked: Option<String> = None;
        let mut toks = Vec::new();
        for run in runs[..end].iter().rev() {
            if (run.end as usize) < floor {
                break;
            }
            if !self.described_as(*run, &words, head) {
                continue;
            }
            toks.clear();
            tokenize(self.text, *run, &mut toks);
            let name_words = self.capitalised_run_ending(&toks, toks.len());
            let Some((person, _)) = self.person_name(&name_words) else {
                continue;
            };
            match &linked {
                Some(other) if *other != person => return None,
                _ => linked = Some(person),
            }
        }
        linked
    }

    /// The person a relative pronoun speaker stands for: the name just before it
    /// ("Ana Ruiz, who said", "Ana Ruiz who tweeted").
    fn relative_antecedent(&mut self, at: usize) -> Option<String> {
        let before = self.text.get(..at)?.trim_end();
        let end = before.strip_suffix(',').unwrap_or(before).trim_end().len();
        let runs = self
            .runs
            .get_or_insert_with(|| std::rc::Rc::new(capitalised_runs(self.text)))
            .clone();
        let i = runs.partition_point(|r| (r.end as usize) < end);
        let run = runs.get(i).filter(|r| r.end as usize == end)?;
        let mut toks = Vec::new();
        tokenize(self.text, *run, &mut toks);
        let words = self.capitalised_run_ending(&toks, toks.len());
        self.person_name(&words).map(|(n, _)| n)
    }

    /// The person named in apposition right after a description: "the mayor, Tom
    /// Hale, said".
    fn apposed_name(&mut self, at: usize) -> Option<String> {
        let rest = self.text.get(at..)?;
        let inner = rest.strip_prefix(", ")?;
        let close = inner.find(',')?;
        let candidate = inner[..close].trim();
        let words: Vec<&str> = candidate.split_whitespace().collect();
        let capitalised = words.iter().all(|w| w.starts_with(char::is_uppercase));
        if !(2..=4).contains(&words.len()) || !capitalised {
            return None;
        }
        self.person_name(strip_titles(&words, self.lex))
            .map(|(n, _)| n)
    }

    /// Whether the capitalised run `run` names someone the text gives the role noun
    /// `head`: as the title just before the name ("Finance Minister Jane Doe",
    /// "rookie defenceman Jo Lind", "Sen. Al Ward") or as the head of the apposition
    /// after it ("Jane Doe, the country's finance minister,").
    fn described_as(&self, run: Span, mention: &[String], head: &str) -> bool {
        let text = self.text;
        let lower = |s: &str| -> Vec<String> {
            s.split_whitespace()
                .map(|w| w.to_lowercase().replace('’', "'"))
                .collect()
        };
        // "Vice President X" is no "president", "X, the former minister" no "minister",
        // nor the reverse: the description and the role have the same qualifiers.
        let qualifiers = |words: &[String]| -> Vec<String> {
            let mut q: Vec<String> = words
                .iter()
                .filter(|w| RANK_QUALIFIERS.contains(&w.as_str()))
                .cloned()
                .collect();
            q.sort();
            q.dedup();
            q
        };
        let wanted = qualifiers(mention);
        let fits = |phrase: &[String], phrase_head: Option<&str>| {
            phrase_head == Some(head) && qualifiers(phrase) == wanted
        };
        let words: Vec<&str> = run.slice(text).split_whitespace().collect();
        let name = strip_titles(&words, self.lex).len();
        // The title: the run's words before the name, with up to two lower-case
        // words before the run ("former Sen. X", "rookie defenceman X").
        let before = &text[..run.start as usize];
        let mut title: Vec<String> = before
            .trim_end()
            .rsplit(char::is_whitespace)
            .take(2)
            .take_while(|w| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-'))
            .map(str::to_string)
            .collect();
        title.reverse();
        let adjacent = before.ends_with(char::is_whitespace);
        if !adjacent {
            title.clear();
        }
        title.extend(lower(&words[..words.len() - name].join(" ")));
        let title_head = title
            .last()
            .map(|t| expand_title(t.trim_end_matches('.')).to_string());
        if fits(&title, title_head.as_deref()) {
            return true;
        }
        // "The mayor, Tom Hale, opened …": the description before the name.
        if let Some(lead) = before.trim_end_matches(' ').strip_suffix(',') {
            let from = lead
                .char_indices()
                .rfind(|&(_, c)| {
                    matches!(
                        c,
                        '.' | ',' | ';' | ':' | '(' | ')' | '—' | '–' | '"' | '“' | '”' | '\n'
                    )
                })
                .map_or(0, |(i, c)| i + c.len_utf8());
            let words = lower(&lead[from..]);
            if words.len() <= 8 && describes(&words) && fits(&words, role_head(&words)) {
                return true;
            }
        }
        let after = &text[run.end as usize..];
        let Some(apposition) = after.strip_prefix(", ") else {
            return false;
        };
        // "Jo Lind, 24, a rookie defenceman": past an age.
        let mut segments = apposition
            .split([',', '.', ';', ':', '(', ')', '—', '–', '"', '“', '”', '\n'])
            .take(2);
        let segment = match segments.next() {
            Some(s) if s.trim().chars().all(|c| c.is_ascii_digit()) => segments.next(),
            s => s,
        };
        let Some(segment) = segment.filter(|s| s.len() < 160) else {
            return false;
        };
        let words = lower(segment);
        describes(&words) && fits(&words, role_head(&words))
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

/// Whether the mention itself names the person it was resolved to ("Mrs. Clinton" →
/// Hillary Clinton), rather than a pronoun, a description or a document's owner
/// standing for them: only such a speaker is confident enough to compare across
/// documents.
pub fn names_resolved(speaker: &Speaker) -> bool {
    let last = |s: &str| {
        s.split_whitespace()
            .next_back()
            .map(|w| {
                w.trim_end_matches("’s")
                    .trim_end_matches("'s")
                    .trim_end_matches(['’', '\'', ',', '.'])
                    .to_string()
            })
            .filter(|w| w.starts_with(char::is_uppercase))
    };
    let Some(resolved) = speaker.resolved.as_deref() else {
        return false;
    };
    last(&speaker.name).is_some_and(|l| last(resolved).as_ref() == Some(&l))
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
