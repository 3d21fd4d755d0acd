//! `number_consistency`: the same quantity stated with two values ("7,000 personnel"
//! against "8,000 personnel" for the same deployment), within a document or across
//! documents of the same time. Quantities are grouped by unit and, across documents,
//! by unit and context word; only mentions in one group are compared.

use super::{CompileError, Compiled, CorpusCheck, CorpusContext, CorpusHit, Hit};
use crate::doc::DocId;
use crate::extract::entities::Quantity;
use crate::extract::Needs;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

pub const DOCS: &str = "\
## What it checks
Two numbers with the same unit (a currency, a percentage, or the counted noun:
\"personnel\", \"fighters\") in different sentences whose surroundings say they are the
same quantity — at least `min_shared` content words in common within eight words of
the number, and at least `min_overlap` of them (Jaccard), the same years named — but
whose values differ by more than `tolerance` (`approx_tolerance` when either is
hedged: \"about\", \"more than\"). Within one document a counted noun (\"hunts\",
\"personnel\"; not a currency, a percentage or a word like \"people\") needs only
`min_shared_noun` shared words. Across documents, only for documents published within
`max_days` of each other (both dated), and only when the two sentences name the same
people and places (capitalised words, at least `min_overlap` of them).

## Why it matters
Two figures for one thing cannot both be right: one is a typo, an outdated figure or
a misreading, and the reader cannot tell which.

## Flagged
\"France will send 7,000 personnel to the Pacific exercise\" … \"the 8,000 personnel
France will send to the Pacific exercise\".

## Not flagged
Figures for different things or years; a comparison inside one sentence (\"rose from
7,000 to 8,000\"); \"about 7,000\" against \"7,200\".

## Params
- `min_shared` (default 3), `min_overlap` (default 0.5), `min_shared_noun` (default 1).
- `tolerance` (default 0.005), `approx_tolerance` (default 0.15): relative difference.
- `max_days` (default 7).";

pub const PLACEHOLDERS: &[&str] = &["stated", "other"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_min_shared")]
    pub min_shared: usize,
    #[serde(default = "default_min_overlap")]
    pub min_overlap: f64,
    #[serde(default = "default_min_shared_noun")]
    pub min_shared_noun: usize,
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
    #[serde(default = "default_approx_tolerance")]
    pub approx_tolerance: f64,
    #[serde(default = "default_max_days")]
    pub max_days: i64,
}

fn default_min_shared() -> usize {
    3
}
fn default_min_shared_noun() -> usize {
    1
}
fn default_min_overlap() -> f64 {
    0.5
}
fn default_tolerance() -> f64 {
    0.005
}
fn default_approx_tolerance() -> f64 {
    0.15
}
fn default_max_days() -> i64 {
    7
}

pub struct NumberConsistency {
    p: Params,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if !(0.0..=1.0).contains(&p.min_overlap) {
        return Err(CompileError::new("min_overlap", "must be in [0, 1]"));
    }
    if p.tolerance < 0.0 || p.approx_tolerance < 0.0 {
        return Err(CompileError::new("tolerance", "must not be negative"));
    }
    if p.max_days < 0 {
        return Err(CompileError::new("max_days", "must not be negative"));
    }
    Ok(Compiled::Corpus(Box::new(NumberConsistency { p })))
}

/// Units too general to name a quantity by themselves.
const GENERIC_UNITS: &[&str] = &[
    "%", "$", "€", "£", "¥", "euro", "dollar", "pound", "yen", "yuan", "rouble", "ruble",
    "franc", "peso", "rupee", "won", "people", "year", "month", "week", "day", "hour",
    "minute", "time", "point", "cent", "per", "other", "more", "new", "million", "billion",
    "litre", "metre", "kilometre", "mile", "tonne", "ton", "barrel", "unit", "share",
];

fn is_counted_noun(unit: &str) -> bool {
    !GENERIC_UNITS.contains(&unit)
}

/// Context-word buckets bigger than this are too common to say anything.
const MAX_BUCKET: usize = 200;

impl NumberConsistency {
    fn conflict(&self, a: &Quantity, b: &Quantity, same_doc: bool) -> bool {
        if a.unit != b.unit || a.years != b.years {
            return false;
        }
        let tolerance = if a.approx || b.approx {
            self.p.approx_tolerance
        } else {
            self.p.tolerance
        };
        let scale = a.value.abs().max(b.value.abs());
        if scale == 0.0 || (a.value - b.value).abs() / scale <= tolerance {
            return false;
        }
        // Across documents the same quantity is about the same named things.
        if !same_doc {
            let na: BTreeSet<&str> = a.names.iter().map(String::as_str).collect();
            let nb: BTreeSet<&str> = b.names.iter().map(String::as_str).collect();
            let shared = na.intersection(&nb).count();
            if shared == 0 || (shared as f64) < self.p.min_overlap * na.union(&nb).count() as f64 {
                return false;
            }
        }
        let ca: BTreeSet<&str> = a.context.iter().map(String::as_str).collect();
        let cb: BTreeSet<&str> = b.context.iter().map(String::as_str).collect();
        let shared = ca.intersection(&cb).count();
        let union = ca.union(&cb).count();
        // In one document, a counted noun restated ("270 hunts" … "370 hunts") is the
        // same quantity more often than not: its own name is evidence enough.
        if same_doc && is_counted_noun(&a.unit) && ca.contains(a.unit.as_str()) == cb.contains(a.unit.as_str()) {
            return shared >= self.p.min_shared_noun;
        }
        shared >= self.p.min_shared && shared as f64 >= self.p.min_overlap * union as f64
    }
}

impl CorpusCheck for NumberConsistency {
    fn needs(&self) -> Needs {
        Needs::ENTITIES
    }

    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        let all: Vec<(DocId, &Quantity)> = cx.index.quantities.iter().map(|(d, q)| (*d, q)).collect();
        // Candidates: same document and unit; or same unit and a shared context word.
        let mut buckets: BTreeMap<(Option<DocId>, &str, &str), Vec<usize>> = BTreeMap::new();
        for (i, (doc, q)) in all.iter().enumerate() {
            buckets.entry((Some(*doc), &q.unit, "")).or_default().push(i);
            for w in &q.context {
                buckets.entry((None, &q.unit, w)).or_default().push(i);
            }
        }
        let days = |d: DocId| {
            cx.index
                .docs
                .get(d.0 as usize)
                .and_then(|e| e.published)
                .map(|p| p.first_day())
        };
        let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
        for members in buckets.values().filter(|m| m.len() > 1 && m.len() <= MAX_BUCKET) {
            for (k, &i) in members.iter().enumerate() {
                for &j in &members[k + 1..] {
                    let ((da, a), (db, b)) = (all[i], all[j]);
                    let same_time = da == db
                        || matches!((days(da), days(db)), (Some(x), Some(y)) if (x - y).abs() <= self.p.max_days);
                    if (da != db || a.sentence != b.sentence) && same_time {
                        pairs.insert((i, j));
                    }
                }
            }
        }
        let mut reported: BTreeSet<(DocId, u32)> = BTreeSet::new();
        for (i, j) in pairs {
            let ((da, a), (db, b)) = (all[i], all[j]);
            if !self.conflict(a, b, da == db) {
                continue;
            }
            // "36" alone says little: name the counted noun beside it.
            let text = |q: &Quantity| {
                if q.unit.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    format!("{} ({})", q.stated, q.unit)
                } else {
                    q.stated.clone()
                }
            };
            // Within a document: once, at the later mention. Across: once in each.
            let sides: &[(DocId, &Quantity, DocId, &Quantity)] = if da == db {
                &[(db, b, da, a)]
            } else {
                &[(da, a, db, b), (db, b, da, a)]
            };
            for &(d, q, od, oq) in sides {
                if !reported.insert((d, q.span.start)) {
                    continue;
                }
                let hit = Hit::new(q.span)
                    .var("stated", text(q))
                    .var("other", text(oq))
                    .related(od, oq.span);
                out.push(CorpusHit { doc: d, hit });
            }
        }
    }
}
