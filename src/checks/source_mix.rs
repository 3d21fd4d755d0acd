//! `source_mix`: an article that leans only on unknown or low-rated sources. The
//! sources are what it cites or links (see `factlint extract`), classified by
//! rules/data/sources.yaml plus the rule's own entries, which may carry ratings.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::extract::sources::{self, SourceClass, SourceEntry, SourceList, SourceRef};
use crate::extract::Needs;
use serde::Deserialize;
use std::collections::BTreeMap;

pub const DOCS: &str = "\
## What it checks
The sources a document cites or links: link hosts, outlets and bodies named next to an
attribution (\"according to Reuters\"), names in its notes, social-media handles. Each
has a class (official, wire, academic, outlet, social, unknown) from
rules/data/sources.yaml and the rule's `extra` entries. A document with at least
`min_sources` sources, every one of them in `weak_classes` or rated below `min_rating`,
is reported once, at its first source.

## Why it matters
What an article leans on matters as much as whether it names it: a story resting only
on sources nobody can place, or on social-media posts, deserves a second look.

## Flagged
An article whose only sources are links to two unlisted blogs and a social-media post.

## Not flagged
The same article with one official, wire, academic or outlet source among them;
an article with fewer than `min_sources` sources (unsourced claims have their own
rules).

## Params
- `min_sources` (default 2).
- `weak_classes` (default [unknown, social]).
- `min_rating` (default 50): a rated source below this is weak whatever its class.
- `extra` (list, default empty): entries shaped like those of sources.yaml
  (`class`, `domains`, `names`, `rating`); they override the shipped ones.";

pub const PLACEHOLDERS: &[&str] = &["count", "classes"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_min_sources")]
    pub min_sources: usize,
    #[serde(default = "default_weak_classes")]
    pub weak_classes: Vec<SourceClass>,
    #[serde(default = "default_min_rating")]
    pub min_rating: u8,
    #[serde(default)]
    pub extra: Vec<SourceEntry>,
}

fn default_min_sources() -> usize {
    2
}

fn default_weak_classes() -> Vec<SourceClass> {
    vec![SourceClass::Unknown, SourceClass::Social]
}

fn default_min_rating() -> u8 {
    50
}

pub struct SourceMix {
    min_sources: usize,
    weak_classes: Vec<SourceClass>,
    min_rating: u8,
    /// The shipped list extended by the rule's entries; None when it adds nothing.
    list: Option<SourceList>,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.min_sources == 0 {
        return Err(CompileError::new("min_sources", "must be at least 1"));
    }
    if p.min_rating > 100 {
        return Err(CompileError::new("min_rating", "must be 0-100"));
    }
    let list = if p.extra.is_empty() {
        None
    } else {
        let mut entries = SourceList::parse(sources::SOURCES_YAML)
            .map_err(|e| CompileError::new("extra", e))?;
        entries.extend(p.extra);
        Some(SourceList::new(&entries).map_err(|e| CompileError::new("extra", e))?)
    };
    Ok(Compiled::Doc(Box::new(SourceMix {
        min_sources: p.min_sources,
        weak_classes: p.weak_classes,
        min_rating: p.min_rating,
        list,
    })))
}

impl SourceMix {
    fn weak(&self, s: &SourceRef) -> bool {
        self.weak_classes.contains(&s.class) || s.rating.is_some_and(|r| r < self.min_rating)
    }
}

impl DocCheck for SourceMix {
    fn needs(&self) -> Needs {
        Needs::SOURCES
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let own;
        let refs: &[SourceRef] = match &self.list {
            Some(list) => {
                own = sources::extract(cx.doc, list, &cx.facts.phrases);
                &own
            }
            None => &cx.facts.sources,
        };
        if refs.len() < self.min_sources || !refs.iter().all(|s| self.weak(s)) {
            return;
        }
        let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
        for s in refs {
            let label = match (s.rating, s.class) {
                (Some(r), _) if r < self.min_rating => "low-rated",
                (_, SourceClass::Social) => "social",
                (_, SourceClass::Unknown) => "unknown",
                (_, SourceClass::Official) => "official",
                (_, SourceClass::Wire) => "wire",
                (_, SourceClass::Academic) => "academic",
                (_, SourceClass::Outlet) => "outlet",
            };
            *classes.entry(label).or_default() += 1;
        }
        let summary = classes
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            Hit::new(refs[0].span)
                .var("count", refs.len().to_string())
                .var("classes", summary),
        );
    }
}
