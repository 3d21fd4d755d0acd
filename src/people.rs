//! The people list (rules/data/people.yaml, extensible by users): public figures with
//! their aliases and the roles they held, with dates. It resolves quote speakers
//! ("Kishida" → "Fumio Kishida") and tells who held an office on a date, for the
//! role-consistency rule.
//!
//! ```
//! use factlint::people::People;
//! use factlint::time::PartialDate;
//! let people = People::shipped();
//! let kishida = people.resolve("Kishida Fumio").unwrap();
//! assert_eq!(kishida.name, "Fumio Kishida");
//! let on = PartialDate::ymd(2023, 5, 19);
//! assert!(kishida.roles_at(on).any(|r| r.title == "Prime Minister"));
//! assert_eq!(people.holders("prime minister", "japan", on)[0].name, "Fumio Kishida");
//! ```

use crate::time::{parse_stated_date, PartialDate};
use serde::Deserialize;
use std::collections::HashMap;

const BUILTIN: &str = include_str!("../rules/data/people.yaml");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
}

/// An office held over a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// "Prime Minister", "Secretary of State".
    pub title: String,
    /// The country or body: "Japan", "NATO".
    pub of: String,
    pub from: Option<PartialDate>,
    /// `None` while the role is held.
    pub to: Option<PartialDate>,
}

impl Role {
    /// Whether the role was held on `date` (any day of a partial date counts).
    pub fn held_on(&self, date: PartialDate) -> bool {
        self.from.is_none_or(|f| f.first_day() <= date.last_day())
            && self.to.is_none_or(|t| date.first_day() <= t.last_day())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub aliases: Vec<String>,
    pub gender: Option<Gender>,
    pub roles: Vec<Role>,
}

impl Person {
    /// The roles held on `date`.
    pub fn roles_at(&self, date: PartialDate) -> impl Iterator<Item = &Role> {
        self.roles.iter().filter(move |r| r.held_on(date))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonFile {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    gender: Option<Gender>,
    #[serde(default)]
    roles: Vec<RoleFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleFile {
    title: String,
    of: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

/// Lower case, curly apostrophes straightened, spaces collapsed.
fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('’', "'")
}

#[derive(Debug, Default)]
pub struct People {
    people: Vec<Person>,
    /// Full names and aliases → people.
    by_name: HashMap<String, Vec<usize>>,
    /// Last word of each full name → people (used when unambiguous).
    by_surname: HashMap<String, Vec<usize>>,
}

impl People {
    /// The shipped list (rules/data/people.yaml); a user's lists extend it
    /// ([`People::extend_from_yaml`]) in the rule set's [`crate::extract::lexicons::Lexicons`].
    pub fn shipped() -> People {
        People::from_yaml(BUILTIN).expect("the built-in people list is valid")
    }

    pub fn from_yaml(yaml: &str) -> Result<People, String> {
        let mut people = People::default();
        people.extend_from_yaml(yaml)?;
        Ok(people)
    }

    /// Adds the people of a file shaped like rules/data/people.yaml.
    pub fn extend_from_yaml(&mut self, yaml: &str) -> Result<(), String> {
        let file: Vec<PersonFile> =
            crate::yaml::parse_yaml("people.yaml", yaml).map_err(|e| e.to_string())?;
        for p in file {
            let date = |d: Option<String>| -> Result<Option<PartialDate>, String> {
                d.map(|s| parse_stated_date(&s).ok_or(format!("{}: bad date {s:?}", p.name)))
                    .transpose()
            };
            let mut roles = Vec::new();
            for r in p.roles {
                roles.push(Role {
                    title: r.title,
                    of: r.of,
                    from: date(r.from)?,
                    to: date(r.to)?,
                });
            }
            self.add(Person {
                name: p.name,
                aliases: p.aliases,
                gender: p.gender,
                roles,
            });
        }
        Ok(())
    }

    /// Adds the people of another list after these.
    pub fn append(&mut self, other: People) {
        for person in other.people {
            self.add(person);
        }
    }

    fn add(&mut self, person: Person) {
        let i = self.people.len();
        for n in std::iter::once(&person.name).chain(&person.aliases) {
            let ids = self.by_name.entry(key(n)).or_default();
            if !ids.contains(&i) {
                ids.push(i);
            }
        }
        if let Some(last) = person.name.split_whitespace().next_back() {
            self.by_surname.entry(key(last)).or_default().push(i);
        }
        self.people.push(person);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Person> {
        self.people.iter()
    }

    /// The person a name refers to: a full name, an alias or name-order variant, or a
    /// surname that only one person in the list has. Case-insensitive.
    pub fn resolve(&self, name: &str) -> Option<&Person> {
        let k = key(name);
        let unique = |ids: &Vec<usize>| (ids.len() == 1).then(|| &self.people[ids[0]]);
        if let Some(ids) = self.by_name.get(&k) {
            return unique(ids);
        }
        if k.contains(' ') {
            return None;
        }
        self.by_surname.get(&k).and_then(unique)
    }

    /// Who held `title` of `of` (case-insensitive) on `date`.
    pub fn holders(&self, title: &str, of: &str, date: PartialDate) -> Vec<&Person> {
        self.people
            .iter()
            .filter(|p| {
                p.roles_at(date)
                    .any(|r| r.title.eq_ignore_ascii_case(title) && r.of.eq_ignore_ascii_case(of))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_names_variants_and_surnames() {
        let people = People::shipped();
        assert_eq!(
            people.resolve("Fumio Kishida").unwrap().name,
            "Fumio Kishida"
        );
        assert_eq!(
            people.resolve("kishida fumio").unwrap().name,
            "Fumio Kishida"
        );
        assert_eq!(people.resolve("Macron").unwrap().name, "Emmanuel Macron");
        // Two Clintons: a bare surname is ambiguous.
        assert!(people.resolve("Clinton").is_none());
        assert!(people.resolve("Nobody Known").is_none());
    }

    #[test]
    fn roles_follow_dates() {
        let people = People::shipped();
        let abe = people.resolve("Shinzo Abe").unwrap();
        assert_eq!(abe.roles_at(PartialDate::ymd(2019, 1, 1)).count(), 1);
        assert_eq!(abe.roles_at(PartialDate::ymd(2021, 1, 1)).count(), 0);
        let pm = |y, m, d| {
            people
                .holders("Prime Minister", "Japan", PartialDate::ymd(y, m, d))
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(pm(2025, 11, 1), ["Sanae Takaichi"]);
        assert_eq!(pm(2024, 10, 1), ["Fumio Kishida", "Shigeru Ishiba"]);
    }

    #[test]
    fn user_files_are_checked() {
        assert!(People::from_yaml("- name: X\n  role: []").is_err());
        assert!(
            People::from_yaml("- name: X\n  roles: [{title: T, of: O, from: 2020-13-01}]").is_err()
        );
        let p = People::from_yaml("- name: Ada Lovelace\n  aliases: [Lovelace]").unwrap();
        assert_eq!(p.resolve("lovelace").unwrap().name, "Ada Lovelace");
    }
}
