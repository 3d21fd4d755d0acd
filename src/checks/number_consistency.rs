//! `number_consistency`: the same quantity stated with two values ("7,000 personnel"
//! against "8,000 personnel" for the same deployment), within a document or across
//! documents of the same time. Quantities are bucketed by document and unit, and
//! across documents by unit and a name of their sentence; only mentions in one
//! bucket are compared, on the model of what each figure counts (see DOCS).

use super::{CompileError, Compiled, CorpusCheck, CorpusContext, CorpusHit, Hit};
use crate::doc::DocId;
use crate::extract::entities::{stem, Bound, Quantity, Words, RELATIVE_YEARS};
use crate::extract::Needs;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

pub const DOCS: &str = "\
## What it checks
Two statements of what reads as one quantity with different values. The extractor
models what each figure counts: the unit (a currency, a percentage, or the counted
noun: \"personnel\", \"fighters\") with its modifiers (\"Rafale\"), what an amount
measures (\"a deficit of\", \"a $4bn deal\"), whose it is (the nearest name before
it in its clause, and the names of its sentence), the time (years, months, quarters;
a figure with no year belongs to its document's year or the one before; \"this year\",
\"last year\" are resolved against the publication date), and whether it is a change
and which way (\"up 5%\", \"fell 2%\", \"growth of 8%\"), a reference (\"from 7,000\",
\"than 8%\", a range end), a part (\"per 100 people\", \"including 12\"; not a ratio to GDP: \"3% of GDP\"), an average or
rate (\"in the typical month\", \"a month\") or hedged (\"about\").
Two figures are compared when unit, kind, direction, qualifiers (net, pre-tax,
overall, total, average …) and everything else they state agree, neither is the sum
of the other and the figures beside it, and the words of their clauses (words of
time and the counted noun left out) share at least `min_shared_noun` (amounts,
percentages, durations; a measure both name counts as one), one more (\"people\"),
or one for a specific counted
noun (\"270 hunts\" … \"370 hunts\"); a headline needs one. Names of the sentence tell
two figures apart when they share none (an acronym's plural is the acronym: \"PCs\",
\"PC\"). A headline's figure is
also compared with the first body sentence after it that states a figure near it in
the same unit, where reports restate their headline in other words (\"Enron bosses in
$168m payout\" … \"directors have agreed a $268m settlement\"): it conflicts when
nothing there matches it and exactly one figure there is of the same kind. Across documents
(published within `max_days`), a shared name and
`min_shared` clause words with `min_overlap` Jaccard are needed.

## Why it matters
Two figures for one thing cannot both be right: one is a typo, an outdated figure or
a misreading, and the reader cannot tell which.

## Flagged
\"France will send 7,000 personnel to the Pacific exercise\" … \"the 8,000 personnel
France will send to the Pacific exercise\"; \"Some 270 hunts met\" … \"riders met at 370
hunts\"; a headline's \"$6bn order\" against the body's \"$4bn order\".

## Not flagged
Figures for different owners, things, years or periods; a rise against a fall; a
net against a pre-tax profit, a division against the whole, an average against a
single month; parts and their sum (\"$13m … as well as $15.5m\" against \"$28.5m\");
parts and rates; ranges and comparisons (\"rose from 7,000 to 8,000\"); a change against a level; \"about 7,000\"
against \"7,200\" (hedges and the rounding that trailing zeros imply; a hedged figure
or a headline covers less than a whole unit of its last digit: \"$16bn\" for
$16.6bn); a bound and a value it allows (\"more than 30%\" and \"40%\", \"at least
300,000 copies\" and \"400,000 copies\"); values more than `max_ratio` apart (two
quantities, not a slip).

## Params
- `min_shared` (default 3), `min_overlap` (default 0.5): across documents.
- `min_shared_noun` (default 1): shared clause words for amounts and percentages in
  one document.
- `tolerance` (default 0.005), `approx_tolerance` (default 0.03, with a hedged
  figure): relative difference allowed beyond the rounding.
- `max_ratio` (default 3): larger ratios are different quantities.
- `max_days` (default 7).";

pub const PLACEHOLDERS: &[&str] = &["stated", "other"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
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
    #[serde(default = "default_max_ratio")]
    pub max_ratio: f64,
}

fn default_max_ratio() -> f64 {
    3.0
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
    0.03
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
    if p.max_ratio < 1.0 {
        return Err(CompileError::new("max_ratio", "must be at least 1"));
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
    "minute", "second", "time", "point", "cent", "per", "other", "more", "new", "million",
    "billion", "litre", "metre", "kilometre", "mile", "tonne", "ton", "barrel", "unit", "share",
];

fn is_counted_noun(unit: &str) -> bool {
    !GENERIC_UNITS.contains(&unit)
}

/// Buckets bigger than this are too common to say anything (a name such as "UK").
pub(crate) const MAX_BUCKET: usize = 200;

/// A name as compared: stemmed, and an acronym's plural as the acronym ("PCs" is
/// "PC", "MPs" is "MP").
fn name_key(name: &str) -> String {
    match name.strip_suffix('s') {
        Some(acronym) if acronym.len() >= 2 && acronym.bytes().all(|b| b.is_ascii_uppercase()) => {
            acronym.to_ascii_lowercase()
        }
        _ => stem(name),
    }
}

/// Whether `q` names something `other` mentions as the first word of its sentence
/// ("… for former Shell boss" and "Shell is to pay …").
fn names_one(q: &Quantity, other: &Quantity) -> bool {
    q.names.iter().any(|n| other.context.contains(&stem(n)))
}

/// Publication years of the documents of a pair, when known.
type Published = (Option<i32>, Option<i32>);

/// A figure without a year refers to about its document's time: the current or the
/// last year ("profits rose 15%" in a 2005 report may be 2004's), so it cannot be the
/// same quantity as one stated for a year further away.
fn near_publication(yearless: &Quantity, published: Option<i32>, other: &Quantity) -> bool {
    match published {
        Some(p) if yearless.years.is_empty() && !other.years.is_empty() => other
            .years
            .iter()
            .any(|&y| (p - 1..=p).contains(&i32::from(y))),
        _ => true,
    }
}

/// The years a figure refers to: those its sentence names, and "this year", "last
/// year", "next year" resolved against its document's publication year.
fn years_of(q: &Quantity, published: Option<i32>) -> Vec<i32> {
    let mut years: Vec<i32> = q.years.iter().map(|&y| i32::from(y)).collect();
    if let Some(p) = published {
        years.extend(
            RELATIVE_YEARS
                .iter()
                .filter(|(token, _)| q.periods.contains(token))
                .map(|(_, offset)| p + offset),
        );
    }
    years
}

/// Words that say what kind of figure of a thing it is: a net and a pre-tax profit, a
/// division's sales and the overall sales, an average and a single month are two
/// quantities, so figures compare only when they say the same of these.
const QUALIFIERS: &[&str] = &[
    "net", "gross", "pre-tax", "pretax", "operating", "underlying", "overall", "total",
    "combined", "core", "median", "average", "cumulative", "adjusted",
];

fn qualifiers(q: &Quantity) -> BTreeSet<String> {
    QUALIFIERS
        .iter()
        .map(|w| stem(w))
        .filter(|w| q.context.contains(w))
        .collect()
}

/// Words of time and ordinals, which two clauses share without being about one thing
/// ("the third quarter's 5.1%" … "4% in the third quarter"); periods are compared on
/// their own. "Average" is not one of them: two averages over one period ("in the
/// typical month this year", "a month so far this year") are one quantity.
const FRAME_WORDS: &[&str] = &[
    "year", "month", "week", "day", "quarter", "half", "first", "second", "third", "fourth",
    "annual", "period", "time",
];

/// Whether one figure is the sum of the other and the figures of the other's
/// sentence in the same unit: "$13m in penalties, as well as $15.5m" against "pay
/// $28.5m".
fn sum_of_parts(whole: &Quantity, part: &Quantity, sentence_figures: &[&Quantity]) -> bool {
    let others: Vec<f64> = sentence_figures
        .iter()
        .filter(|f| f.unit == part.unit && f.span != part.span && !f.reference)
        .map(|f| f.value)
        .collect();
    if others.is_empty() {
        return false;
    }
    let sum: f64 = part.value + others.iter().sum::<f64>();
    let near = |x: f64| (x - whole.value).abs() <= whole.precision.max(part.precision) / 2.0 + 1e-9 * whole.value.abs();
    near(sum) || others.iter().any(|&o| near(part.value + o))
}

/// Both lists say something and share nothing: "in 2003" against "in 2004".
fn disjoint<T: PartialEq>(
    mut a: impl Iterator<Item = T> + Clone,
    b: impl Iterator<Item = T> + Clone,
) -> bool {
    a.clone().next().is_some() && b.clone().next().is_some() && !a.any(|x| b.clone().any(|y| x == y))
}

/// Distinct words in common, and distinct words in all.
fn shared(a: &Words, b: &Words) -> (usize, usize) {
    let sa: BTreeSet<&str> = a.iter().collect();
    let sb: BTreeSet<&str> = b.iter().collect();
    (sa.intersection(&sb).count(), sa.union(&sb).count())
}

impl NumberConsistency {
    /// Whether `a` and `b` read as one quantity: same unit and kind of figure, nothing
    /// telling them apart (time, owner, measure, modifiers), and enough in common.
    fn same_quantity(&self, a: &Quantity, b: &Quantity, same_doc: bool, years: Published) -> bool {
        let comparable = |q: &Quantity| !q.reference && !q.part;
        if a.unit != b.unit || !comparable(a) || !comparable(b) || a.change != b.change {
            return false;
        }
        // A rise against a fall, or a net against a gross figure, are two quantities.
        if a.direction * b.direction < 0 || qualifiers(a) != qualifiers(b) {
            return false;
        }
        let (years_a, years_b) = (years_of(a, years.0), years_of(b, years.1));
        if disjoint(years_a.iter(), years_b.iter())
            || !near_publication(a, years.0, b)
            || !near_publication(b, years.1, a)
            || disjoint(a.periods.iter(), b.periods.iter())
            || disjoint(a.modifiers.iter(), b.modifiers.iter())
            || disjoint(a.names.iter().map(name_key), b.names.iter().map(name_key))
                && !names_one(a, b)
                && !names_one(b, a)
            || matches!((&a.owner, &b.owner), (Some(x), Some(y)) if stem(x) != stem(y))
            || !measures_agree(a, b)
        {
            return false;
        }
        let (names, _) = shared(&a.names, &b.names);
        let (words, union) = shared(&a.context, &b.context);
        // The counted noun itself and words of time are in many contexts; they are no
        // evidence of one thing.
        let framing: BTreeSet<String> = FRAME_WORDS
            .iter()
            .copied()
            .chain(std::iter::once(&*a.unit))
            .map(stem)
            .filter(|w| a.context.contains(w) && b.context.contains(w))
            .collect();
        let framing = framing.len();
        let words = words.saturating_sub(framing);
        if !same_doc {
            return names > 0
                && words >= self.p.min_shared
                && words as f64 >= self.p.min_overlap * union as f64;
        }
        // In one document a specific counted noun restated ("270 hunts met" … "met
        // at 370 hunts") needs one word of its clause in common (two candidates'
        // delegates share the noun alone); a percentage or an amount needs more: what
        // it measures.
        let needed = if is_counted_noun(&a.unit) {
            1
        } else if &*a.unit == "people" {
            self.p.min_shared_noun + 1
        } else {
            self.p.min_shared_noun
        };
        // A headline shares few words with the sentence that restates it; a measure
        // both name ("a deficit of …") is a word in common.
        let needed = if a.headline || b.headline { needed.min(1) } else { needed };
        let same_measure = a.measure.as_deref().is_some_and(|m| {
            a.measure == b.measure && !(a.context.contains(&stem(m)) && b.context.contains(&stem(m)))
        });
        words + usize::from(same_measure) >= needed
    }

    /// Whether the two values differ by more than the wording allows: the rounding
    /// that trailing zeros imply ("7,000" covers 7,200), less than a whole unit of
    /// the last digit for a hedged figure or a headline (which round: "$16bn" for
    /// $16.6bn), and bounds ("more than 30%" allows 40%).
    fn values_differ(&self, a: &Quantity, b: &Quantity) -> bool {
        let (low, high) = (a.value.abs().min(b.value.abs()), a.value.abs().max(b.value.abs()));
        // Far apart, two figures are two quantities: a misstatement is a slip, not
        // another order of magnitude.
        if high == 0.0 || high > self.p.max_ratio * low {
            return false;
        }
        let relative = if a.approx || b.approx {
            self.p.approx_tolerance
        } else {
            self.p.tolerance
        };
        let covers = |q: &Quantity, gap: f64| {
            if q.approx || q.headline {
                gap < q.precision
            } else {
                gap <= q.precision / 2.0
            }
        };
        // How far `x` falls short of `y`, when it does by more than either allows.
        let short = |x: &Quantity, y: &Quantity| {
            let gap = y.value - x.value;
            gap > relative * high && !covers(x, gap) && !covers(y, gap)
        };
        match (a.bound(), b.bound()) {
            (Bound::AtLeast, Bound::AtLeast) | (Bound::AtMost, Bound::AtMost) => {
                short(a, b) || short(b, a)
            }
            (Bound::AtLeast, _) => short(b, a),
            (_, Bound::AtLeast) => short(a, b),
            (Bound::AtMost, _) => short(a, b),
            (_, Bound::AtMost) => short(b, a),
            _ => short(a, b) || short(b, a),
        }
    }

    /// Whether `q` could restate `head` or be mistaken for it: the same unit, within
    /// `max_ratio` of it.
    fn near(&self, head: &Quantity, q: &Quantity) -> bool {
        let (low, high) = (head.value.abs().min(q.value.abs()), head.value.abs().max(q.value.abs()));
        q.unit == head.unit && high > 0.0 && high <= self.p.max_ratio * low
    }

    /// A headline's figure against the first body sentence after it that states a
    /// figure in the same unit: that sentence is where a report restates its
    /// headline ("Enron bosses in $168m payout" … "directors have agreed a $168m
    /// settlement"), in other words, so the pair rule's shared words are not needed.
    /// It conflicts when nothing in that sentence matches the headline's figure and
    /// exactly one figure there is of the same kind (a change for a change, the same
    /// direction and time, within `max_ratio`) and is not a sum with the rest.
    fn headline_restatement<'q>(
        &self,
        head: &'q Quantity,
        body: &[&'q Quantity],
        published: Option<i32>,
    ) -> Option<&'q Quantity> {
        let stated = |q: &&Quantity| !q.reference && !q.part && self.near(head, q);
        let first = body
            .iter()
            .filter(|q| q.sentence.start >= head.sentence.end && stated(q))
            .map(|q| q.sentence)
            .min_by_key(|s| s.start)?;
        let sentence: Vec<&Quantity> = body
            .iter()
            .copied()
            .filter(|q| q.sentence == first && q.unit == head.unit)
            .collect();
        if sentence
            .iter()
            .any(|q| self.near(head, q) && !self.values_differ(head, q))
        {
            return None;
        }
        let years = years_of(head, published);
        let mut same_kind = sentence.iter().copied().filter(|q| {
            stated(q)
                && q.change == head.change
                && q.direction * head.direction >= 0
                && qualifiers_agree(head, q)
                && !disjoint(years.iter(), years_of(q, published).iter())
                && !disjoint(head.periods.iter(), q.periods.iter())
        });
        let restated = same_kind.next()?;
        (same_kind.next().is_none()
            && self.values_differ(head, restated)
            && !sum_of_parts(head, restated, &sentence))
        .then_some(restated)
    }
}

/// Measures agree when either is unstated, they are the same, or one names the
/// other's noun phrase ("a new 50% tax" and "a new 60% tax band").
fn measures_agree(a: &Quantity, b: &Quantity) -> bool {
    match (a.measure.as_deref(), b.measure.as_deref()) {
        (Some(x), Some(y)) => x == y || a.modifiers.contains(y) || b.modifiers.contains(x),
        _ => true,
    }
}

/// Qualifiers agree when both state the same, or the headline leaves them out (a
/// headline's "profits" is the body's "pre-tax profits").
fn qualifiers_agree(head: &Quantity, body: &Quantity) -> bool {
    let (h, b) = (qualifiers(head), qualifiers(body));
    h.is_empty() || h == b
}

/// The figure as written, with what it measures when the figure alone does not say.
fn described(q: &Quantity) -> String {
    match &q.measure {
        Some(m) if !q.stated.to_ascii_lowercase().contains(&**m) => {
            format!("{} ({m})", q.stated)
        }
        _ => q.stated.to_string(),
    }
}

/// The buckets a figure is compared in: its document and unit, and its unit with
/// each name of its sentence.
fn bucket_keys(doc: DocId, q: &Quantity) -> impl Iterator<Item = (Option<DocId>, &str, &str)> {
    std::iter::once((Some(doc), &*q.unit, ""))
        .chain(q.names.iter().map(|n| (None, &*q.unit, n)))
}

impl CorpusCheck for NumberConsistency {
    fn needs(&self) -> Needs {
        Needs::ENTITIES
    }

    fn check(&self, cx: &CorpusContext, out: &mut Vec<CorpusHit>) {
        let all: Vec<(DocId, &Quantity)> = cx
            .index
            .quantities
            .iter()
            .map(|(doc, q)| (*doc, q))
            .filter(|(_, q)| !q.reference && !q.part)
            .collect();
        // Candidates: in one document, the same unit; across documents, the same unit
        // and a name of the owner (who has, sends or spends it). Only buckets that hold
        // a figure of a reported document are built (whole, so that their size limit
        // means the same), so one article against a large archive index is cheap.
        let wanted: HashSet<(Option<DocId>, &str, &str)> = all
            .iter()
            .filter(|(doc, _)| cx.reported(*doc))
            .flat_map(|&(doc, q)| bucket_keys(doc, q))
            .collect();
        let mut buckets: BTreeMap<(Option<DocId>, &str, &str), Vec<usize>> = BTreeMap::new();
        for (i, &(doc, q)) in all.iter().enumerate() {
            for key in bucket_keys(doc, q).filter(|k| wanted.contains(k)) {
                buckets.entry(key).or_default().push(i);
            }
        }
        let year = |d: DocId| {
            cx.index
                .docs
                .get(d.0 as usize)
                .and_then(|e| e.published)
                .map(|p| p.year)
        };
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
                    if !cx.reported(da) && !cx.reported(db) {
                        continue;
                    }
                    let same_time = da == db
                        || matches!((days(da), days(db)), (Some(x), Some(y)) if (x - y).abs() <= self.p.max_days);
                    if (da != db || a.sentence != b.sentence) && same_time {
                        pairs.insert((i, j));
                    }
                }
            }
        }
        // Figures by sentence (including references and parts), to tell a sum from
        // its parts.
        let mut by_sentence: BTreeMap<(DocId, u32), Vec<&Quantity>> = BTreeMap::new();
        for (doc, q) in cx.index.quantities.iter() {
            if cx.reported(*doc) {
                by_sentence.entry((*doc, q.sentence.start)).or_default().push(q);
            }
        }
        let sentence_of = |d: DocId, q: &Quantity| {
            by_sentence
                .get(&(d, q.sentence.start))
                .map_or(&[][..], Vec::as_slice)
        };
        let mut reported: BTreeSet<(DocId, u32)> = BTreeSet::new();
        for (i, j) in pairs {
            let ((da, a), (db, b)) = (all[i], all[j]);
            if !self.values_differ(a, b)
                || !self.same_quantity(a, b, da == db, (year(da), year(db)))
                || sum_of_parts(a, b, sentence_of(db, b))
                || sum_of_parts(b, a, sentence_of(da, a))
            {
                continue;
            }
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
                out.push(conflict(d, q, od, oq));
            }
        }
        let mut by_doc: BTreeMap<DocId, Vec<&Quantity>> = BTreeMap::new();
        for (doc, q) in cx.index.quantities.iter() {
            if cx.reported(*doc) {
                by_doc.entry(*doc).or_default().push(q);
            }
        }
        for (&doc, quantities) in &by_doc {
            let body: Vec<&Quantity> = quantities.iter().copied().filter(|q| !q.headline).collect();
            for head in quantities.iter().filter(|q| q.headline && !q.reference && !q.part) {
                if let Some(restated) = self.headline_restatement(head, &body, year(doc)) {
                    if reported.insert((doc, restated.span.start)) {
                        out.push(conflict(doc, restated, doc, head));
                    }
                }
            }
        }
    }
}

/// The finding on `q`, with `other` as its related location.
fn conflict(doc: DocId, q: &Quantity, other_doc: DocId, other: &Quantity) -> CorpusHit {
    let hit = Hit::new(q.span)
        .var("stated", described(q))
        .var("other", described(other))
        .related(other_doc, other.span);
    CorpusHit { doc, hit }
}
