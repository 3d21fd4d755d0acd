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
hedged: \"about\", \"more than\"). Across documents only for documents published
within `max_days` of each other (both dated).

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
- `min_shared` (default 3), `min_overlap` (default 0.5).
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

/// Context-word buckets bigger than this are too common to say anything.
const MAX_BUCKET: usize = 200;

impl NumberConsistency {
    fn conflict(&self, a: &Quantity, b: &Quantity) -> bool {
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
        let ca: BTreeSet<&str> = a.context.iter().map(String::as_str).collect();
        let cb: BTreeSet<&str> = b.context.iter().map(String::as_str).collect();
        let shared = ca.intersection(&cb).count();
        let union = ca.union(&cb).count();
        shared >= self.p.min_shared && shared as f64 >= self.p.min_overlap * union as f64
    }
}

impl CorpusCheck for NumberConsistency {
    fn needs(&self) -> Needs {
        Needs::ENTITIES
    }

    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        let all: Vec<(DocId, &Quantity)> = cx
            .facts
            .iter()
            .enumerate()
            .flat_map(|(i, f)| f.entities.quantities.iter().map(move |q| (DocId(i as u32), q)))
            .collect();
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
            if !self.conflict(a, b) {
                continue;
            }
            let text = |d: DocId, q: &Quantity| q.span.slice(&cx.docs[d.0 as usize].text).to_string();
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
                    .var("stated", text(d, q))
                    .var("other", text(od, oq))
                    .related(od, oq.span);
                out.push(CorpusHit { doc: d, hit });
            }
        }
    }
}
