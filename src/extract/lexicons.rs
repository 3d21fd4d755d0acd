//! The data extraction reads (rules/data/*.yaml, extended by a user's own data files),
//! loaded with the rule set and passed to extraction: nothing of it is process-global,
//! so a user's people list is honoured whatever ran before, and one process can hold
//! two rule sets.

use crate::extract::claims::figure_kind::KindWords;
use crate::extract::entities::Roles;
use crate::extract::quotes::lexicon::Lexicon;
use crate::extract::sources::{self, SourceList};
use crate::people::People;

pub struct Lexicons {
    /// rules/data/people.yaml and the users' `data/people.yaml` files.
    pub people: People,
    /// rules/data/cues.yaml: cue verbs, anonymous-source heads, titles, pronouns.
    pub cues: Lexicon,
    /// rules/data/sources.yaml: outlets, agencies, institutions and their domains.
    pub sources: SourceList,
    /// rules/data/figure_kinds.yaml: the words that tell a statistic from a figure of
    /// record or a detail.
    pub figure_kinds: KindWords,
    /// rules/data/roles.yaml: titles, offices and the person–title patterns.
    pub roles: Roles,
}

impl Lexicons {
    /// The shipped data files with `people` as the people list.
    pub fn with_people(people: People) -> Lexicons {
        Lexicons {
            people,
            cues: Lexicon::shipped(),
            sources: sources::shipped(),
            figure_kinds: KindWords::shipped(),
            roles: Roles::shipped(),
        }
    }

    /// The shipped data files only.
    pub fn shipped() -> Lexicons {
        Lexicons::with_people(People::shipped())
    }
}

/// The shipped data: what a rule set without user data files loads.
impl Default for Lexicons {
    fn default() -> Self {
        Lexicons::shipped()
    }
}

impl std::fmt::Debug for Lexicons {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicons")
            .field("people", &self.people.iter().count())
            .finish_non_exhaustive()
    }
}

/// The shipped data, loaded once for the unit tests of the extractors and checks.
#[cfg(test)]
pub(crate) fn for_tests() -> &'static Lexicons {
    static SHIPPED: std::sync::OnceLock<Lexicons> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(Lexicons::shipped)
}
