//! `unsourced_claim`: check-worthy sentences of the author's own prose with no source
//! in or beside them. The cost of each grows with the share of the document's
//! check-worthy claims that are unsourced.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::extract::{claims, Claim, Facts, Needs, Sourcing};
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
Sentences of the article's own prose (quotations excluded: they are the speaker's
claims) whose check-worthiness score (statistics, rankings, trends, causes, history,
what a state or group wants; see rules/data/claims.yaml) is at least `min_score`, and
that name no source: no attribution (\"according to\", \"the ministry said\"), no named
document or dataset, no footnote marker or link in the sentence or right after it.
Vague sourcing (\"experts say\", \"reports suggest\") does not count as a source.

## Why it matters
A reader can check a claim only if they know where it comes from. An article where
most check-worthy claims are unsourced asks for more trust than one with a lapse, so
each finding costs the rule's weight times the share of the document's check-worthy
claims that are unsourced.

## Flagged
“The deficit reached €360 billion in 2025.” with no source anywhere near it.

## Not flagged
“The deficit reached €360 billion in 2025, according to Eurostat.”; the same figure
inside a quotation; opinions and plans (“We should cut the deficit”).

## Params
- `min_score` (default 0.6): check-worthiness threshold in [0, 1].
- `statistics` (default false): only claims stating a quantity with a unit
  (\"7,000 personnel\", \"4.5%\", \"€360 billion\").
- `skip_statistics` (default false): leave claims stating a quantity to another rule.
- `require_signals` (list, default empty): only claims where one of these signals
  fired (names from rules/data/claims.yaml: `superlative`, `trend`, `causal`, …).
- `weak_is_sourced` (default false): accept vague sourcing.";

pub const PLACEHOLDERS: &[&str] = &["score", "signals", "sourcing", "share"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_min_score")]
    pub min_score: f32,
    #[serde(default)]
    pub statistics: bool,
    #[serde(default)]
    pub skip_statistics: bool,
    #[serde(default)]
    pub require_signals: Vec<String>,
    #[serde(default)]
    pub weak_is_sourced: bool,
}

fn default_min_score() -> f32 {
    0.6
}

pub struct UnsourcedClaim {
    min_score: f32,
    statistics: bool,
    skip_statistics: bool,
    require_signals: Vec<&'static str>,
    weak_is_sourced: bool,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if !(0.0..=1.0).contains(&p.min_score) {
        return Err(CompileError::new("min_score", "must be in [0, 1]"));
    }
    if p.statistics && p.skip_statistics {
        return Err(CompileError::new(
            "skip_statistics",
            "`statistics` and `skip_statistics` exclude each other",
        ));
    }
    let known = claims::scorer().signal_names();
    let mut require_signals = Vec::new();
    for name in &p.require_signals {
        match known.iter().find(|k| *k == name) {
            Some(k) => require_signals.push(*k),
            None => {
                return Err(CompileError::new(
                    "require_signals",
                    format!("unknown signal `{name}`; known: {}", known.join(", ")),
                ))
            }
        }
    }
    Ok(Compiled::Doc(Box::new(UnsourcedClaim {
        require_signals,
        min_score: p.min_score,
        statistics: p.statistics,
        skip_statistics: p.skip_statistics,
        weak_is_sourced: p.weak_is_sourced,
    })))
}

fn states_quantity(facts: &Facts, claim: &Claim) -> bool {
    facts
        .entities
        .quantities
        .iter()
        .any(|q| claim.span.contains(q.span))
}

impl UnsourcedClaim {
    /// Whether the claim is of the kind this rule looks at.
    fn selected(&self, facts: &Facts, c: &Claim) -> bool {
        let quantity = states_quantity(facts, c);
        !(self.statistics && !quantity || self.skip_statistics && quantity)
            && (self.require_signals.is_empty()
                || c.signals.iter().any(|s| self.require_signals.contains(s)))
    }

    fn unsourced(&self, c: &Claim) -> bool {
        match c.sourcing {
            Sourcing::Sourced => false,
            Sourcing::Weak => !self.weak_is_sourced,
            Sourcing::None => true,
        }
    }
}

impl DocCheck for UnsourcedClaim {
    fn needs(&self) -> Needs {
        Needs::CLAIMS.union(Needs::QUOTES).union(Needs::ENTITIES)
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let facts = cx.facts;
        let worthy: Vec<&Claim> = facts
            .claims
            .iter()
            .filter(|c| c.score >= self.min_score)
            .filter(|c| self.selected(facts, c))
            .collect();
        let unsourced = worthy.iter().filter(|c| self.unsourced(c)).count();
        if unsourced == 0 {
            return;
        }
        // Density: the share of check-worthy claims left unsourced, never below a
        // quarter so that a lone lapse still counts for something.
        let total = worthy.len();
        let share = unsourced as f64 / total as f64;
        for c in worthy.into_iter().filter(|c| self.unsourced(c)) {
            let mut hit = Hit::new(c.span)
                .var("score", format!("{:.2}", c.score))
                // The three strongest signals say enough.
                .var("signals", c.signals[..c.signals.len().min(3)].join(", "))
                .var(
                    "sourcing",
                    if c.sourcing == Sourcing::Weak {
                        "only vague sourcing"
                    } else {
                        "no source"
                    },
                )
                .var("share", format!("{unsourced} of {total}"));
            hit.scale = share.max(0.25);
            out.push(hit);
        }
    }
}
