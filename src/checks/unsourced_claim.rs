//! `unsourced_claim`: check-worthy sentences of the author's own prose with no source
//! in or beside them; with `summary` the rule reports, once for the document, the
//! share of them left unsourced, and costs in proportion to it.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::Span;
use crate::extract::claims::figure_kind::{figures_of_kind, FigureKind, KindWords};
use crate::extract::{claims, Claim, Needs, Sourcing};
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
Sentences of the article's own prose (quotations excluded: they are the speaker's
claims) whose check-worthiness score (statistics, rankings, trends, causes, history,
what a state or group wants; see rules/data/claims.yaml) is at least `min_score`, and
that name no source in them or beside them. A sentence is sourced by attribution
(\"according to X\", \"X said\", \"X estimated\", \"a new poll showed\", \"city
documents say\", \"the agency's data\"), a named document or dataset, a footnote
marker or link, an attributed sentence next to it in its paragraph, a reported
statement it continues, or when each of its figures was stated by an earlier
sourced sentence. Vague sourcing (\"experts say\", \"polls show\") does not count,
and neither does a share of people holding a view (\"only 32 percent of voters
opposed the levy\": a poll result that needs its poll). On record without a cue: a
company's results where the company is named as their owner (\"Lenovo's profit was
$42m\", \"profits at Harbour Foods fell 5%\"), later
figures of the measures a sourced report gave (\"Sales rose 8%\" after \"X reported a
12% rise in profit\"), the moves of market prices, and the shares that follow an
attributed poll until other figures come.

A statistic is a percentage, an amount of money, a rate (\"one in three\"), a margin
(\"a 17-point lead\", \"by double digits\"), a share (\"a quarter of\") or a count
from a hundred up. Small counts, years, dates, sizes, scores, well-known constants
(\"270 electoral votes\"), numbers in names and models (\"the FTSE 100 index\") and
data lines (market tables, results, tallies) are not.

With `vague_sources` the rule reports, instead, the claims whose only source is an
unnamed report, estimate, poll or rumour (\"reportedly\", \"by one estimate\",
\"according to some reports\", \"analysts estimate\", \"a poll from the north
showed\"), one finding on those words. Unnamed people who say something (\"experts
say\") are `quotes.anonymous-source`'s, views in no one's mouth (\"many believe\")
`claims.weasel-wording`'s; a rule with `weak_is_sourced` leaves all of them to those
rules.

A figure that is a named actor's own action or decision (\"the committee approved
$4 million\", \"Harbour Foods cut 300 jobs\", \"her campaign began a $1 million ad
buy\") is the reporter's account of a public event, not a statistic to source.

## Why it matters
A reader can check a claim only if they know where it comes from. An article where
most check-worthy claims are unsourced asks for more trust than one with a lapse: the
`summary` finding costs the rule's weight times the share of the document's
check-worthy claims that are unsourced beyond `free_share`, so one lapse in a sourced
article costs little and an article that sources nothing costs the whole weight.

## Flagged
“The deficit reached €360 billion in 2025.” with no source anywhere near it.

## Not flagged
“The deficit reached €360 billion in 2025, according to Eurostat.”; the same figure
inside a quotation; opinions and plans (“We should cut the deficit”); “Euro/dollar:
UP at $1.1104”.

## Params
- `min_score` (default 0.6): check-worthiness threshold in [0, 1].
- `statistics` (default false): only claims stating a statistic.
- `skip_statistics` (default false): leave claims stating a statistic to another rule.
- `figure_kind` (`statistic` or `record`, default any figure): only claims with a
  figure of that kind (see rules/data/figure_kinds.yaml): a `statistic` someone
  measured or estimated (\"70% of voters\", \"an estimated 150,000 dead\") or, in
  claims with none, a figure of `record` (a price, a deal, results, a stake, a prize,
  a penalty, takings); times, specifications and distances are neither.
- `require_signals` (list, default empty): only claims where one of these signals
  fired (names from rules/data/claims.yaml: `superlative`, `trend`, `causal`, …).
- `weak_is_sourced` (default false): accept vague sourcing (other rules report it).
- `vague_sources` (default false): report the unnamed report, estimate or poll a
  claim rests on (`{source}`), instead of unsourced claims.
- `summary` (default false): one document-level finding with the share of
  check-worthy claims left unsourced (`{share}`), instead of one per claim.
- `free_share` (default 0, with `summary`): the unsourced share in [0, 1) that costs
  nothing; above it the cost grows linearly to the full weight at 1, and at or
  below it there is no finding.

Message placeholders: `{figures}` the statistics named (\"'55,000 volunteers'\"),
`{claim}` the claim's opening words, `{source}` the vague source's words, `{sourcing}` \"no source\" or \"only vague
sourcing\", `{share}` \"3 of 5\", `{score}`, `{signals}`.";

pub const PLACEHOLDERS: &[&str] = &[
    "score", "signals", "sourcing", "share", "figures", "claim", "source",
];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "default_min_score")]
    pub min_score: f32,
    #[serde(default)]
    pub statistics: bool,
    #[serde(default)]
    pub skip_statistics: bool,
    #[serde(default)]
    pub figure_kind: Option<FigureKind>,
    #[serde(default)]
    pub require_signals: Vec<String>,
    #[serde(default)]
    pub weak_is_sourced: bool,
    #[serde(default)]
    pub vague_sources: bool,
    #[serde(default)]
    pub summary: bool,
    #[serde(default)]
    pub free_share: f64,
}

fn default_min_score() -> f32 {
    0.6
}

pub struct UnsourcedClaim {
    min_score: f32,
    statistics: bool,
    skip_statistics: bool,
    figure_kind: Option<FigureKind>,
    require_signals: Vec<&'static str>,
    weak_is_sourced: bool,
    vague_sources: bool,
    summary: bool,
    free_share: f64,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if !(0.0..=1.0).contains(&p.min_score) {
        return Err(CompileError::new("min_score", "must be in [0, 1]"));
    }
    if !(0.0..1.0).contains(&p.free_share) {
        return Err(CompileError::new("free_share", "must be in [0, 1)"));
    }
    if p.free_share > 0.0 && !p.summary {
        return Err(CompileError::new(
            "free_share",
            "only a `summary` rule costs by the share",
        ));
    }
    if p.vague_sources && (p.summary || p.weak_is_sourced) {
        return Err(CompileError::new(
            "vague_sources",
            "reports vague sources, so excludes `summary` and `weak_is_sourced`",
        ));
    }
    if p.statistics && p.skip_statistics {
        return Err(CompileError::new(
            "skip_statistics",
            "`statistics` and `skip_statistics` exclude each other",
        ));
    }
    if p.figure_kind == Some(FigureKind::Detail) {
        return Err(CompileError::new(
            "figure_kind",
            "a detail is no statistic; use `statistic` or `record`",
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
        figure_kind: p.figure_kind,
        weak_is_sourced: p.weak_is_sourced,
        vague_sources: p.vague_sources,
        summary: p.summary,
        free_share: p.free_share,
    })))
}

impl UnsourcedClaim {
    /// Whether the claim is of the kind this rule looks at.
    fn selected(&self, text: &str, kinds: &KindWords, c: &Claim) -> bool {
        let statistic = !c.figures.is_empty();
        !(self.statistics && !statistic || self.skip_statistics && statistic)
            && self.figure_kind.is_none_or(|_| !self.figures(text, kinds, c).is_empty())
            && (self.require_signals.is_empty()
                || c.signals.iter().any(|s| self.require_signals.contains(s)))
    }

    /// The figures the rule names: those of its `figure_kind`; a claim with a
    /// statistic is the statistics rule's, so it names no figure of record.
    fn figures(&self, text: &str, kinds: &KindWords, c: &Claim) -> Vec<Span> {
        match self.figure_kind {
            None => c.figures.clone(),
            Some(FigureKind::Record)
                if !figures_of_kind(text, kinds, c, FigureKind::Statistic).is_empty() =>
            {
                Vec::new()
            }
            Some(kind) => figures_of_kind(text, kinds, c, kind),
        }
    }

    fn unsourced(&self, c: &Claim) -> bool {
        if self.vague_sources {
            return c.sourcing == Sourcing::Weak && c.vague_source.is_some();
        }
        match c.sourcing {
            Sourcing::Sourced => false,
            Sourcing::Weak => !self.weak_is_sourced,
            Sourcing::None => true,
        }
    }
}

/// The statistics named in a message: each quoted, the first three.
fn named_figures(text: &str, figures: &[Span]) -> String {
    let mut named: Vec<String> = Vec::new();
    for f in figures {
        let t = format!("'{}'", f.slice(text));
        if !named.contains(&t) {
            named.push(t);
        }
    }
    let more = named.len().saturating_sub(3);
    named.truncate(3);
    let list = named.join(", ");
    if more > 0 {
        format!("{list} and {more} more")
    } else {
        list
    }
}

/// A claim's opening words, quoted: "'China has increased its naval spending…'".
fn opening(text: &str, span: Span) -> String {
    const WORDS: usize = 8;
    let sentence = span.slice(text).trim();
    let end = sentence
        .split_whitespace()
        .nth(WORDS)
        .map_or(sentence.len(), |w| {
            w.as_ptr() as usize - sentence.as_ptr() as usize
        });
    let head = sentence[..end].trim_end();
    if end < sentence.len() {
        format!("'{}…'", head.trim_end_matches([',', ';', ':']))
    } else {
        format!("'{head}'")
    }
}

impl DocCheck for UnsourcedClaim {
    fn needs(&self) -> Needs {
        Needs::CLAIMS.union(Needs::QUOTES)
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let text = &cx.doc.text;
        let kinds = &cx.lexicons.figure_kinds;
        let worthy: Vec<&Claim> = cx
            .facts
            .claims
            .iter()
            // The share counts the claims the statistics and claims rules report (a
            // statistic whatever its score), not details or figures of record.
            .filter(|c| {
                if self.summary {
                    c.counts_in_share(self.min_score)
                } else {
                    c.score >= self.min_score
                }
            })
            .filter(|c| self.selected(text, kinds, c))
            .collect();
        let unsourced = worthy.iter().filter(|c| self.unsourced(c)).count();
        if unsourced == 0 {
            return;
        }
        let total = worthy.len();
        if self.summary {
            let share = unsourced as f64 / total as f64;
            if share > self.free_share {
                let mut hit =
                    Hit::new(Span::empty()).var("share", format!("{unsourced} of {total}"));
                hit.scale = (share - self.free_share) / (1.0 - self.free_share);
                out.push(hit);
            }
            return;
        }
        for c in worthy.into_iter().filter(|c| self.unsourced(c)) {
            let span = match c.vague_source {
                Some(source) if self.vague_sources => source,
                _ => c.span,
            };
            let hit = Hit::new(span)
                .var("source", format!("'{}'", c.vague_source.unwrap_or(span).slice(text)))
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
                .var("figures", named_figures(text, &self.figures(text, kinds, c)))
                .var("claim", opening(text, c.span))
                .var("share", format!("{unsourced} of {total}"));
            out.push(hit);
        }
    }
}
