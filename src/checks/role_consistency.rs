//! `role_consistency`: a person given conflicting titles at the same time, or one
//! office given to two people at the same time. Roles change, so "the same time" is the
//! same document, or documents published within `max_days` of each other: Abe in
//! 2018, Kishida in 2023 and Takaichi in 2026 as Japan's prime minister is no conflict.
//! Mentions are grouped by office and by name word; only a group's members are
//! compared, and the less frequent side of a conflict is the one reported.

use super::{CompileError, Compiled, CorpusCheck, CorpusContext, CorpusHit, Hit};
use crate::doc::DocId;
use crate::extract::entities::RoleMention;
use crate::extract::Needs;
use crate::time::PartialDate;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

pub const DOCS: &str = "\
## What it checks
Person–title pairs (\"Japanese Prime Minister Fumio Kishida\", \"Kishida, Japan's
prime minister\"; not \"former\" or \"then\" titles) at the same time:
- one office (title and country or organisation) held by two different people;
- one person (\"Kishida\" and \"Fumio Kishida\" in either name order are one person)
  holding two public offices that exclude each other (rules/data/roles.yaml).
A title without a stated country takes the country the person is given elsewhere.
Of the two sides, the one with fewer mentions is reported, with the other as evidence.
Dated mentions are also checked against the people list (rules/data/people.yaml): a
country's office given to someone other than who held it on the document's date.

## Why it matters
A wrong title misinforms the reader about who decides what, and it is the kind of
error a correction has to fix.

## Flagged
\"Prime Minister Shinzo Abe\" in an article of May 2023, when articles of that week
call Fumio Kishida Japan's prime minister.

## Not flagged
The same office held by different people years apart; \"former Prime Minister Abe\";
a person's party and government roles side by side.

## Params
- `max_days` (default 7): documents this close count as the same time.
- `known_facts` (default true): check against the people list.";

pub const PLACEHOLDERS: &[&str] = &["stated", "other", "conflict"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_max_days")]
    pub max_days: i64,
    #[serde(default = "default_known_facts")]
    pub known_facts: bool,
}

fn default_known_facts() -> bool {
    true
}

fn default_max_days() -> i64 {
    7
}

pub struct RoleConsistency {
    max_days: i64,
    known_facts: bool,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.max_days < 0 {
        return Err(CompileError::new("max_days", "must not be negative"));
    }
    Ok(Compiled::Corpus(Box::new(RoleConsistency {
        max_days: p.max_days,
        known_facts: p.known_facts,
    })))
}

struct Mention<'a> {
    doc: DocId,
    role: &'a RoleMention,
    date: Option<PartialDate>,
    day: Option<i64>,
    qualifier: Option<&'a str>,
}

/// Whether two mentions may name one person (by [`RoleMention::same_person`]).
fn maybe_same(a: &Mention, b: &Mention) -> bool {
    RoleMention::same_person(&a.role.person_key, &b.role.person_key)
}

/// Whether two mentions surely name one person: a surname alone ("Governor Bush")
/// is that person only in the article that names them in full, not across articles.
fn surely_same(a: &Mention, b: &Mention) -> bool {
    maybe_same(a, b)
        && (a.doc == b.doc || a.role.person_key.len() > 1 && b.role.person_key.len() > 1)
}

/// Groups of mentions that name one person, by `same`.
fn people<'a>(
    members: &[&'a Mention<'a>],
    same: fn(&Mention, &Mention) -> bool,
) -> Vec<Vec<&'a Mention<'a>>> {
    let mut groups: Vec<Vec<&Mention>> = Vec::new();
    for &m in members {
        match groups.iter_mut().find(|g| same(g[0], m)) {
            Some(g) => g.push(m),
            None => groups.push(vec![m]),
        }
    }
    groups
}

impl RoleConsistency {
    fn same_time(&self, a: &Mention, b: &Mention) -> bool {
        a.doc == b.doc
            || matches!((a.day, b.day), (Some(x), Some(y)) if (x - y).abs() <= self.max_days)
    }

    /// Reports each mention of the smaller side that has a same-time counterpart.
    fn report(
        &self,
        cx: &CorpusContext,
        (a, b): (&[&Mention], &[&Mention]),
        conflict: &dyn Fn(&Mention, &Mention) -> String,
        seen: &mut BTreeSet<(DocId, u32)>,
        out: &mut Vec<CorpusHit>,
    ) {
        let (odd, usual) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let both = a.len() == b.len();
        for (side, other) in [(odd, usual), (usual, odd)].into_iter().take(1 + usize::from(both)) {
            // Hits count only in reported documents: the others are not compared.
            for m in side.iter().filter(|m| cx.reported(m.doc)) {
                let Some(o) = other.iter().find(|o| self.same_time(m, o)) else {
                    continue;
                };
                if !seen.insert((m.doc, m.role.span.start)) {
                    continue;
                }
                let hit = Hit::new(m.role.span)
                    .var("stated", m.role.stated.clone())
                    .var("other", o.role.stated.clone())
                    .var("conflict", conflict(m, o))
                    .related(o.doc, o.role.span);
                out.push(CorpusHit { doc: m.doc, hit });
            }
        }
    }
}

/// Lower-cased name words, honorifics and initials' dots dropped.
fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

impl RoleConsistency {
    /// A dated mention of a country's office that the people list gives to someone
    /// else on that date ("Prime Minister Shinzo Abe" in an article of May 2023).
    fn against_people_list(
        &self,
        cx: &CorpusContext,
        mentions: &[Mention],
        seen: &mut BTreeSet<(DocId, u32)>,
        out: &mut Vec<CorpusHit>,
    ) {
        let people = &cx.lexicons.people;
        for m in mentions.iter().filter(|m| cx.reported(m.doc)) {
            let (Some(date), Some(country)) = (m.date, m.qualifier) else {
                continue;
            };
            let holders = people.holders(&m.role.title, country, date);
            if holders.is_empty() {
                continue;
            }
            let is_holder = holders.iter().any(|p| {
                std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .any(|n| RoleMention::same_person(&m.role.person_key, &name_words(n)))
            });
            if is_holder || !seen.insert((m.doc, m.role.span.start)) {
                continue;
            }
            let names: Vec<&str> = holders.iter().map(|p| p.name.as_str()).collect();
            let hit = Hit::new(m.role.span)
                .var("stated", m.role.stated.clone())
                .var("other", "the people list")
                .var(
                    "conflict",
                    format!("{country}'s {} on {date} was {}", m.role.title, names.join(" and ")),
                );
            out.push(CorpusHit { doc: m.doc, hit });
        }
    }
}

impl CorpusCheck for RoleConsistency {
    fn needs(&self) -> Needs {
        Needs::ENTITIES
    }

    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        let roles = &cx.lexicons.roles;
        // The country each name word is given where a country is stated.
        let mut countries: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (_, r) in cx.index.roles.iter().filter(|(_, r)| r.qualifier_is_country) {
            if let (Some(q), Some(last)) = (&r.qualifier, r.person_key.last()) {
                countries.entry(last.as_str()).or_default().insert(q.as_str());
            }
        }
        let mut mentions: Vec<Mention> = Vec::new();
        for (doc, r) in &cx.index.roles {
            let date = cx.index.docs.get(doc.0 as usize).and_then(|e| e.published);
            let inferred = r
                .person_key
                .last()
                .and_then(|w| countries.get(w.as_str()))
                .filter(|c| c.len() == 1)
                .and_then(|c| c.first().copied());
            mentions.push(Mention {
                doc: *doc,
                role: r,
                date,
                day: date.map(|p| p.first_day()),
                qualifier: r.qualifier.as_deref().or(inferred),
            });
        }
        let mut seen = BTreeSet::new();
        if self.known_facts {
            self.against_people_list(cx, &mentions, &mut seen, out);
        }

        // One office, two people.
        let mut offices: BTreeMap<(&str, &str), Vec<&Mention>> = BTreeMap::new();
        for m in &mentions {
            if let Some(q) = m.qualifier {
                offices
                    .entry((roles.canonical_title(&m.role.title), q))
                    .or_default()
                    .push(m);
            }
        }
        let any_reported = |members: &[&Mention]| members.iter().any(|m| cx.reported(m.doc));
        for ((title, qualifier), members) in offices.iter().filter(|(_, m)| any_reported(m)) {
            // Two people only when they may not be one.
            let groups = people(members, maybe_same);
            for (i, a) in groups.iter().enumerate() {
                for b in &groups[i + 1..] {
                    let conflict = |m: &Mention, o: &Mention| {
                        format!(
                            "{} and {} both {qualifier}'s {title} at the same time",
                            m.role.person, o.role.person
                        )
                    };
                    self.report(cx, (a, b), &conflict, &mut seen, out);
                }
            }
        }

        // One person, two exclusive offices.
        let mut by_word: BTreeMap<&str, Vec<&Mention>> = BTreeMap::new();
        for m in mentions.iter().filter(|m| roles.is_exclusive_title(&m.role.title)) {
            for w in m.role.person_key.iter().filter(|w| w.chars().count() >= 3) {
                by_word.entry(w.as_str()).or_default().push(m);
            }
        }
        for members in by_word.values().filter(|m| any_reported(m)) {
            for person in people(members, surely_same) {
                let mut titles: BTreeMap<(&str, Option<&str>), Vec<&Mention>> = BTreeMap::new();
                for m in person {
                    titles
                        .entry((roles.canonical_title(&m.role.title), m.qualifier))
                        .or_default()
                        .push(m);
                }
                let titles: Vec<_> = titles.into_iter().collect();
                for (i, ((ta, qa), a)) in titles.iter().enumerate() {
                    for ((tb, qb), b) in &titles[i + 1..] {
                        if qa != qb || ta == tb {
                            continue;
                        }
                        let conflict = |m: &Mention, o: &Mention| {
                            format!(
                                "{} called {} and {} at the same time",
                                m.role.person, m.role.title, o.role.title
                            )
                        };
                        self.report(cx, (a, b), &conflict, &mut seen, out);
                    }
                }
            }
        }
    }
}
