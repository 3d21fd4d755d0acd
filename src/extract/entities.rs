//! Entities for the consistency rules: capitalised name tokens (spelling), numbers
//! with units (quantities), and person–title pairs (roles). Only the article's own
//! prose and captions are read; quotations count (a name is spelt the same inside
//! one), headings do not (title case).

use crate::doc::meta::BlockKind;
use crate::doc::{Document, Span};
use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod quantity;
pub use quantity::{stem, Bound, Quantity, Words, RELATIVE_YEARS};

pub const ROLES_YAML: &str = include_str!("../../rules/data/roles.yaml");

#[derive(Clone, Debug, Default, Serialize)]
pub struct Entities {
    pub names: Vec<NameToken>,
    pub quantities: Vec<Quantity>,
    pub roles: Vec<RoleMention>,
}

/// A capitalised word inside a sentence (never its first word): a name or part of one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NameToken {
    pub span: Span,
    pub text: String,
    /// The capitalised word just before and after it, when there is one ("Tony" for
    /// "Blair"): what tells two similar tokens apart or joins them.
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// "Japanese Prime Minister Fumio Kishida", "Kishida, Japan's prime minister".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleMention {
    pub span: Span,
    /// The mention as written, for messages.
    pub stated: String,
    /// The name as written.
    pub person: String,
    /// Lower-cased name words, honorifics dropped: "Fumio Kishida" and "Kishida
    /// Fumio" give the same set.
    pub person_key: Vec<String>,
    /// Normalised office: "prime minister", "defence minister".
    pub title: String,
    /// Country key ("Japan") or organisation ("Microsoft") the office belongs to.
    pub qualifier: Option<String>,
    pub qualifier_is_country: bool,
}

impl RoleMention {
    /// Whether two mentions may name the same person: one's words contain the
    /// other's ("Kishida" and "Fumio Kishida", in either order).
    pub fn same_person(a: &[String], b: &[String]) -> bool {
        !a.is_empty()
            && !b.is_empty()
            && (a.iter().all(|w| b.contains(w)) || b.iter().all(|w| a.contains(w)))
    }
}

impl Roles {
    /// The name that stands for a group of equivalent titles.
    pub fn canonical_title<'t>(&'t self, title: &'t str) -> &'t str {
        self.canonical.get(title).map_or(title, String::as_str)
    }

    /// Whether no one holds `title` together with another exclusive office.
    pub fn is_exclusive_title(&self, title: &str) -> bool {
        self.exclusive.iter().any(|t| t == title)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesData {
    titles: Vec<String>,
    exclusive: Vec<String>,
    equivalent: Vec<Vec<String>>,
    organisational: Vec<String>,
    not_current: Vec<String>,
    honorifics: Vec<String>,
    countries: BTreeMap<String, Vec<String>>,
}

/// rules/data/roles.yaml, compiled: the titles, which of them exclude each other or
/// name one office, and the patterns of a person–title pair.
pub struct Roles {
    /// Normalised titles, to extend a title by the word before it.
    titles: Vec<String>,
    exclusive: Vec<String>,
    /// Title -> its canonical name among equivalents.
    canonical: BTreeMap<String, String>,
    organisational: Vec<String>,
    /// Any title, as a quick filter before the role patterns.
    title_words: aho_corasick::AhoCorasick,
    role_before: Regex,
    role_after: Regex,
    not_current: Vec<String>,
    honorifics: Vec<String>,
    /// Alias (as written) -> country key.
    countries: BTreeMap<String, String>,
}

/// Function words that start sentences and so look capitalised before a title.
const LEADING: &[&str] = &[
    "The",
    "A",
    "An",
    "With",
    "In",
    "On",
    "At",
    "And",
    "But",
    "As",
    "For",
    "By",
    "From",
    "To",
    "Of",
    "While",
    "When",
    "After",
    "Before",
    "Meanwhile",
    "However",
    "Then",
    "Now",
    "Yesterday",
    "Today",
    "Last",
    "This",
    "That",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "Both",
    "Under",
    "Since",
    "During",
    "Earlier",
    "Later",
    "Also",
    "It",
    "He",
    "She",
];

const GENERIC_ORGS: &[&str] = &[
    "Committee",
    "Party",
    "Group",
    "Board",
    "Union",
    "Council",
    "Association",
    "Commission",
    "Federation",
    "Club",
    "Company",
    "Bank",
    "Court",
    "Assembly",
    "Team",
    "Department",
    // A chamber alone: "state House Speaker" and "House Speaker" are different houses.
    "House",
    "Senate",
    "Legislature",
    "Parliament",
];

/// A personal name after or before a title: a middle initial ("George W. Bush") and a
/// particle ("Bill de Blasio") are part of it, so "Mayor Bill" is never a whole name.
fn name_pattern() -> String {
    let particles = NAME_PARTICLES.join("|");
    format!(
        r"\p{{Lu}}[\p{{L}}'’-]+(?:\s+(?:(?:{particles})\s+)?(?:\p{{Lu}}[\p{{L}}'’-]+|\p{{Lu}}\.?)){{0,2}}"
    )
}
const QUAL: &str = r"\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2}";

impl Roles {
    /// The shipped data (loaded into each rule set's [`crate::extract::lexicons::Lexicons`]).
    pub fn shipped() -> Roles {
        let data: RolesData = crate::yaml::parse_yaml("rules/data/roles.yaml", ROLES_YAML)
            .unwrap_or_else(|e| panic!("built-in data file: {e}"));
        let mut titles = data.titles.clone();
        titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let titles = titles
            .iter()
            .map(|t| regex::escape(t).replace(' ', r"\s+"))
            .collect::<Vec<_>>()
            .join("|");
        let build = |pattern: String| {
            RegexBuilder::new(&pattern)
                .size_limit(32 << 20)
                .dfa_size_limit(32 << 20)
                .build()
                .expect("role pattern")
        };
        let name = name_pattern();
        let role_before = build(format!(
            r"(?:(?P<qual>{QUAL})\s+)?(?P<title>(?i:{titles}))\s+(?P<name>{name})"
        ));
        let role_after = build(format!(
            r"(?P<name>{name}),\s+(?:the\s+)?(?:(?P<qual>{QUAL})\s+)?(?P<title>(?i:{titles}))(?:\s+of\s+(?:the\s+)?(?P<qual2>{QUAL}))?[,.;:)]"
        ));
        let countries = data
            .countries
            .iter()
            .flat_map(|(key, aliases)| aliases.iter().map(move |a| (a.clone(), key.clone())))
            .collect();
        let title_words = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(&data.titles)
            .expect("title list");
        Roles {
            title_words,
            titles: data.titles.iter().map(|t| normalise_title(t)).collect(),
            exclusive: data.exclusive.iter().map(|t| normalise_title(t)).collect(),
            canonical: data
                .equivalent
                .iter()
                .filter_map(|group| {
                    let head = normalise_title(group.first()?);
                    Some(
                        group
                            .iter()
                            .map(move |t| (normalise_title(t), head.clone())),
                    )
                })
                .flatten()
                .collect(),
            organisational: data
                .organisational
                .iter()
                .map(|t| normalise_title(t))
                .collect(),
            role_before,
            role_after,
            not_current: data.not_current,
            honorifics: data.honorifics,
            countries,
        }
    }
}

pub fn extract(doc: &Document, roles: &Roles) -> Entities {
    let mut out = Entities::default();
    let mut scratch = quantity::Scratch::default();
    for s in &doc.sentences {
        let kind = doc.blocks[s.block as usize].kind;
        let text = s.span.slice(&doc.text);
        let base = s.span.start as usize;
        // A headline restates the article's main figure: a conflict with the body is
        // one a reader sees first.
        if matches!(
            kind,
            BlockKind::Body | BlockKind::Title | BlockKind::Heading
        ) && text.bytes().any(|b| b.is_ascii_digit())
        {
            let headline = kind != BlockKind::Body || is_headline_line(doc, s.block as usize);
            quantity::quantities_in(
                text,
                base,
                s.span,
                headline,
                &mut scratch,
                &mut out.quantities,
            );
        }
        if !matches!(kind, BlockKind::Body | BlockKind::Caption) {
            continue;
        }
        names_in(text, base, &mut out.names);
        // "When the country voted in 1979, Tory leader Margaret Thatcher …": a title in
        // a sentence about an earlier year is history, not the person's role today.
        if names_an_earlier_year(text, doc.metadata.published.map(|p| p.year)) {
            continue;
        }
        // The role patterns need Unicode classes: run them only around a title, in a
        // window wide enough for a qualifier and a name on either side.
        let mut searched_to = 0;
        for m in roles.title_words.find_iter(text) {
            if m.start() < searched_to
                || !crate::extract::claims::lexicon::is_whole(text, m.start(), m.end())
            {
                continue;
            }
            // Start the window at a word start, so no word is cut in half.
            let mut start = floor_char_boundary(text, m.start().saturating_sub(ROLE_WINDOW));
            if start > 0 {
                start = text[start..m.start()]
                    .char_indices()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(start, |(i, c)| start + i + c.len_utf8());
            }
            let end = floor_char_boundary(text, (m.end() + ROLE_WINDOW).min(text.len()));
            roles_in(roles, &text[start..end], base + start, &mut out.roles);
            searched_to = end;
        }
        out.roles.sort_by_key(|r| r.span);
        out.roles.dedup_by_key(|r| r.span);
    }
    // "Governor Bush" in an article that names Jeb Bush and George W. Bush is neither.
    out.roles.retain(|r| match r.person_key.as_slice() {
        [_] => given_names_before(roles, &doc.text, &r.person).len() < 2,
        _ => true,
    });
    out
}

/// Whether a sentence names a year before the publication year's previous one, or any
/// year when the publication date is unknown.
fn names_an_earlier_year(sentence: &str, published: Option<i32>) -> bool {
    sentence
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() == 4)
        .filter_map(|d| d.parse::<i32>().ok())
        .filter(|y| (1900..=2099).contains(y))
        .any(|y| published.is_none_or(|p| y < p - 1))
}

/// The distinct given names written before `surname` in `text` ("Jeb" and "George" for
/// "Bush"), a middle initial skipped, the words of titles ("Minister") and honorifics
/// not counted.
fn given_names_before(model: &Roles, text: &str, surname: &str) -> BTreeSet<String> {
    let mut given = BTreeSet::new();
    for (at, _) in text.match_indices(surname) {
        let end = at + surname.len();
        let whole = !text[..at].ends_with(|c: char| c.is_alphanumeric())
            && !text[end..].starts_with(|c: char| c.is_alphanumeric());
        if !whole {
            continue;
        }
        // The word just before on the same line, so "… on Friday. Bush" has none.
        let word_before = |end: usize| {
            let head = text[..end].strip_suffix(' ')?;
            head.rsplit(char::is_whitespace)
                .next()
                .map(|w| (head.len() - w.len(), w))
        };
        let Some((start, mut prev)) = word_before(at) else {
            continue;
        };
        if prev.len() == 2 && prev.ends_with('.') {
            prev = word_before(start).map_or("", |(_, w)| w);
        }
        let lower = prev.to_lowercase();
        if is_name_word(prev)
            && !LEADING.contains(&prev)
            && !model.honorifics.contains(&lower)
            && !model
                .titles
                .iter()
                .any(|t| t.split(' ').any(|w| w == lower))
        {
            given.insert(lower);
        }
    }
    given
}

/// A plain-text headline: the document's first block, one short line without a full
/// stop ("UK homes hit £3.3 trillion total").
fn is_headline_line(doc: &Document, block: usize) -> bool {
    let first_body = doc.blocks.iter().position(|b| b.kind == BlockKind::Body);
    let text = doc.blocks[block].span.slice(&doc.text).trim();
    first_body == Some(block)
        && text.len() <= 120
        && !text.contains('\n')
        && !text.ends_with(['.', '!', '?', '"', '”'])
}

/// Whitespace-separated words with their byte offsets in `text`.
fn words_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - base, w))
}

/// The word's alphabetic core: possessive and surrounding punctuation removed.
fn core(word: &str) -> &str {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 3
        && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        // Acronyms and shouted words are not spellings of names.
        && chars.any(char::is_lowercase)
}

/// Lower-case words inside personal names: "bin" in "Osama bin Laden", "van" in
/// "Vincent van Gogh".
const NAME_PARTICLES: &[&str] = &[
    "bin", "ibn", "al", "el", "van", "von", "de", "da", "del", "della", "der", "di", "du", "dos",
];

fn names_in(text: &str, base: usize, out: &mut Vec<NameToken>) {
    // (offset, word, after a break such as a colon or an opening quote).
    let mut words: Vec<(usize, &str, bool)> = Vec::new();
    for (at, w) in words_at(text) {
        let prev_char = text
            .get(..at)
            .and_then(|t| t.trim_end().chars().next_back());
        let opens = w.starts_with(['"', '“', '‘', '\'', '(', '[']);
        let after_break = opens || matches!(prev_char, Some(':' | ';' | '—' | '–'));
        words.push((at, w, after_break));
    }
    let cores: Vec<&str> = words.iter().map(|(_, w, _)| core(w)).collect();
    for (i, &(at, w, after_break)) in words.iter().enumerate() {
        let c = cores[i];
        if i == 0 || after_break || !is_name_word(c) {
            continue;
        }
        // `c` is a sub-slice of `w`: its offset is pointer arithmetic.
        let off = c.as_ptr() as usize - w.as_ptr() as usize;
        let neighbour = |j: Option<usize>| {
            j.and_then(|j| cores.get(j))
                .filter(|n| is_name_word(n))
                .map(|n| n.to_string())
        };
        // A neighbour is a word of the same name only with no punctuation between
        // ("Kennedy. \"And" is two sentences).
        // A possessive ends its name: "France's Arcelor" is two names.
        let joined = |left: &str, right: &str| {
            !left.ends_with(|c: char| !c.is_alphanumeric())
                && !left.ends_with("'s")
                && !left.ends_with("’s")
                && !right.starts_with(|c: char| !c.is_alphanumeric())
        };
        // "Osama bin Laden", "Vincent van Gogh": a particle joins the name words on
        // either side of it, so "Osama" has a neighbour that "Obama" never has.
        let particle = |j: usize| cores.get(j).is_some_and(|p| NAME_PARTICLES.contains(p));
        let (prev_at, prev_joined) = if i > 2
            && particle(i - 1)
            && joined(words[i - 2].1, words[i - 1].1)
            && joined(words[i - 1].1, w)
        {
            (i - 2, true)
        } else {
            (i - 1, i > 1 && joined(words[i - 1].1, w))
        };
        let (next_at, next_joined) = if particle(i + 1)
            && joined(w, words[i + 1].1)
            && words
                .get(i + 2)
                .is_some_and(|n| joined(words[i + 1].1, n.1))
        {
            (i + 2, true)
        } else {
            (i + 1, words.get(i + 1).is_some_and(|n| joined(w, n.1)))
        };
        out.push(NameToken {
            span: Span::new(base + at + off, base + at + off + c.len()),
            text: c.to_string(),
            prev: neighbour(Some(prev_at)).filter(|_| prev_joined),
            next: neighbour(Some(next_at)).filter(|_| next_joined),
        });
    }
}

/// Bytes searched on each side of a title for its qualifier and name.
const ROLE_WINDOW: usize = 120;

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn roles_in(model: &Roles, text: &str, base: usize, out: &mut Vec<RoleMention>) {
    for re in [&model.role_before, &model.role_after] {
        for m in re.captures_iter(text) {
            let (Some(whole), Some(title), Some(name)) =
                (m.get(0), m.name("title"), m.name("name"))
            else {
                continue;
            };
            let qual = m
                .name("qual2")
                .or(m.name("qual"))
                .map(|q| q.as_str())
                .unwrap_or("");
            // "former Prime Minister …", "then-President …": not a current role.
            let lead_start = m.name("qual").map_or(title.start(), |q| q.start());
            let lead = text[..lead_start].trim_end().to_lowercase();
            let lead_word = lead.rsplit(char::is_whitespace).next().unwrap_or("");
            // "how good a prime minister Gordon Brown would make": a role described,
            // not a title held.
            if matches!(lead_word, "a" | "an") {
                continue;
            }
            // A name cut inside a word ("FranÃ§ois" read with the wrong encoding) is
            // not the person's name.
            if text[name.end()..].chars().next().is_some_and(|c| {
                !c.is_whitespace() && !c.is_ascii_punctuation() && !"’”“‘–—".contains(c)
            }) {
                continue;
            }
            let qual_lower = qual.to_lowercase();
            if model.not_current.iter().any(|n| {
                lead_word == n
                    || lead.ends_with(n.as_str()) && n.ends_with('-')
                    || qual_lower.split_whitespace().any(|w| w == n)
            }) {
                continue;
            }
            let person_key: Vec<String> = name
                .as_str()
                .split_whitespace()
                .map(|w| core(w).to_lowercase())
                .filter(|w| !model.honorifics.contains(w))
                .collect();
            if person_key.is_empty() {
                continue;
            }
            // "US Vice President": the qualifier's last word may belong to the title.
            let (mut qual, mut title_text) = (qual.to_string(), normalise_title(title.as_str()));
            while let Some((rest, last)) = qual
                .rsplit_once(char::is_whitespace)
                .or(Some(("", qual.as_str())))
                .filter(|(_, last)| !last.is_empty())
            {
                let longer = normalise_title(&format!("{last} {title_text}"));
                if !model.titles.contains(&longer) {
                    break;
                }
                title_text = longer;
                qual = rest.to_string();
            }
            // "the king Mr Howard": a one-word title in lower case with nothing
            // qualifying it is a common noun, not a title.
            if !title.as_str().contains(char::is_whitespace)
                && title.as_str().starts_with(|c: char| c.is_lowercase())
                && qual.trim().is_empty()
            {
                continue;
            }
            let (qualifier, is_country) = if model.organisational.contains(&title_text) {
                match resolve_qualifier(&qual, &BTreeMap::new()) {
                    // "UK chief executive": a country alone does not name a company.
                    (Some(org), _) if model.countries.contains_key(&org) => (None, false),
                    other => other,
                }
            } else {
                resolve_qualifier(&qual, &model.countries)
            };
            let span = Span::new(base + whole.start(), base + whole.end());
            if out
                .iter()
                .rev()
                .take(8)
                .any(|r: &RoleMention| r.span.overlaps(span))
            {
                continue;
            }
            out.push(RoleMention {
                span,
                stated: whole.as_str().to_string(),
                person: name
                    .as_str()
                    .split_whitespace()
                    .map(core)
                    .collect::<Vec<_>>()
                    .join(" "),
                person_key,
                title: title_text,
                qualifier,
                qualifier_is_country: is_country,
            });
        }
    }
    out.sort_by_key(|r| r.span);
}

/// The country (when the qualifier is its name: "president of NARAL Pro-Choice
/// America" is an organisation's) or the organisation.
fn resolve_qualifier(qual: &str, countries: &BTreeMap<String, String>) -> (Option<String>, bool) {
    let org: Vec<&str> = qual
        .split_whitespace()
        .map(core)
        .skip_while(|w| LEADING.contains(w))
        .collect();
    if let Some(key) = countries.get(&org.join(" ")) {
        return (Some(key.clone()), true);
    }
    // "Committee chairman": a bare generic noun names no organisation in particular.
    if org.is_empty() || org.len() == 1 && GENERIC_ORGS.contains(&org[0]) {
        (None, false)
    } else {
        (Some(org.join(" ")), false)
    }
}

fn normalise_title(title: &str) -> String {
    let t = title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('-', " ")
        .replace("defense", "defence");
    match t.as_str() {
        "ceo" | "chief executive officer" => "chief executive".into(),
        "chairwoman" | "chair" => "chairman".into(),
        "chancellor of the exchequer" => "chancellor".into(),
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{DocId, ParseOptions};

    fn entities(text: &str) -> (Document, Entities) {
        let doc = Document::parse(
            DocId(0),
            "a.txt".into(),
            text.as_bytes().to_vec(),
            &ParseOptions::default(),
        );
        let e = extract(&doc, &crate::extract::lexicons::for_tests().roles);
        (doc, e)
    }

    #[test]
    fn roles_before_and_after_the_name() {
        let (_, e) = entities(
            "On Friday, Japanese Prime Minister Fumio Kishida met Macron. Rishi Sunak, the British prime minister, agreed. Microsoft chief executive Steve Ballmer spoke. Former President Bill Clinton watched.\n",
        );
        let got: Vec<(&str, &str, Option<&str>)> = e
            .roles
            .iter()
            .map(|r| (r.person.as_str(), r.title.as_str(), r.qualifier.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Fumio Kishida", "prime minister", Some("Japan")),
                ("Rishi Sunak", "prime minister", Some("United Kingdom")),
                ("Steve Ballmer", "chief executive", Some("Microsoft")),
            ]
        );
        assert!(RoleMention::same_person(
            &["kishida".into()],
            &["fumio".into(), "kishida".into()]
        ));
    }

    #[test]
    fn quantities_in_headlines_and_body_not_captions() {
        let (_, e) = entities("UK homes hit £3.3 trillion total\n\nThe value reached the £3.3 trillion mark in 2004.\n");
        let got: Vec<(&str, bool)> = e
            .quantities
            .iter()
            .map(|q| (&*q.stated, q.headline))
            .collect();
        assert_eq!(got, [("£3.3 trillion", true), ("£3.3 trillion", false)]);
    }

    #[test]
    fn role_windows_survive_long_multibyte_sentences() {
        let filler = "Ça\u{a0}é ".repeat(40);
        let text = format!("# Title\n\nIntro.\n\n{filler} and Japanese Prime Minister Fumio Kishida spoke {filler}.\n");
        let (_, e) = entities(&text);
        assert_eq!(e.roles.len(), 1);
        assert_eq!(e.roles[0].person, "Fumio Kishida");
    }

    #[test]
    fn name_tokens_skip_sentence_starts_and_acronyms() {
        let (_, e) = entities("The talks in Toyko with NATO and Tony Blair's aides ended.\n");
        let names: Vec<&str> = e.names.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(names, ["Toyko", "Tony", "Blair"]);
        assert_eq!(e.names[2].prev.as_deref(), Some("Tony"));
    }
}
