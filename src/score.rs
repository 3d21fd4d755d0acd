//! Scoring: 100 plus the points of a document's findings, at most a few findings'
//! worth per rule, capped per category, clamped to 0–100. Pure functions over plain
//! data.

use crate::rules::{Category, Scoring};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    pub score: f64,
    pub grade: &'static str,
    /// Points per category after caps.
    pub breakdown: BTreeMap<Category, f64>,
    /// Per rule: (category, findings, points counted), for `--explain`.
    #[serde(skip)]
    pub by_rule: BTreeMap<String, (Category, usize, f64)>,
    /// Rules with more findings than are counted: (findings counted, points of all).
    #[serde(skip)]
    pub rule_capped: BTreeMap<String, (usize, f64)>,
    /// Categories whose cap applied: (uncapped points, cap).
    #[serde(skip)]
    pub capped: BTreeMap<Category, (f64, f64)>,
}

/// Works in hundredths of a point so sums are exact and independent of order.
fn fixed(points: f64) -> i64 {
    (points * 100.0).round() as i64
}

pub fn grade(score: f64) -> &'static str {
    match score {
        s if s >= 90.0 => "A",
        s if s >= 75.0 => "B",
        s if s >= 60.0 => "C",
        s if s >= 40.0 => "D",
        _ => "F",
    }
}

/// Scores one document from its findings: `(rule id, category, points)`.
pub fn score<'a>(
    findings: impl Iterator<Item = (&'a str, Category, f64)>,
    scoring: &Scoring,
) -> Score {
    let mut per_rule: BTreeMap<&str, (Category, Vec<i64>)> = BTreeMap::new();
    for (rule, category, points) in findings {
        per_rule
            .entry(rule)
            .or_insert((category, Vec::new()))
            .1
            .push(fixed(points));
    }
    let mut per_category: BTreeMap<Category, i64> = BTreeMap::new();
    let mut by_rule = BTreeMap::new();
    let mut rule_capped = BTreeMap::new();
    for (rule, (category, mut points)) in per_rule {
        let all: i64 = points.iter().sum();
        // The costliest findings count: the tenth unsourced figure of a long article
        // says little the first few did not.
        points.sort_by_key(|p| std::cmp::Reverse(p.abs()));
        let kept = points.len().min(scoring.findings_per_rule());
        let counted: i64 = points[..kept].iter().sum();
        if kept < points.len() {
            rule_capped.insert(rule.to_string(), (kept, all as f64 / 100.0));
        }
        *per_category.entry(category).or_default() += counted;
        by_rule.insert(
            rule.to_string(),
            (category, points.len(), counted as f64 / 100.0),
        );
    }
    let mut breakdown = BTreeMap::new();
    let mut capped = BTreeMap::new();
    let mut total: i64 = 100 * 100;
    for category in Category::ALL {
        let raw = per_category.get(&category).copied().unwrap_or(0);
        let value = match scoring.caps.get(&category) {
            Some(&cap) => {
                let c = fixed(cap.abs());
                let v = raw.clamp(-c, c);
                if v != raw {
                    capped.insert(category, (raw as f64 / 100.0, cap.abs()));
                }
                v
            }
            None => raw,
        };
        total += value;
        breakdown.insert(category, value as f64 / 100.0);
    }
    let score = (total.clamp(0, 100 * 100) as f64 / 100.0 * 10.0).round() / 10.0;
    Score {
        score,
        grade: grade(score),
        breakdown,
        by_rule,
        rule_capped,
        capped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_bonuses_and_clamping() {
        let mut scoring = Scoring::default();
        scoring.caps.insert(Category::Quotes, 10.0);
        let findings = vec![
            ("q.a", Category::Quotes, -6.0),
            ("q.a", Category::Quotes, -6.0),
            ("d.b", Category::Dates, -2.5),
            ("q.c", Category::Quotes, 1.0),
        ];
        let s = score(findings.into_iter(), &scoring);
        assert_eq!(s.breakdown[&Category::Quotes], -10.0);
        assert_eq!(s.capped[&Category::Quotes], (-11.0, 10.0));
        assert_eq!(s.score, 87.5);
        assert_eq!(s.grade, "B");
        assert_eq!(s.by_rule["q.a"], (Category::Quotes, 2, -12.0));
        // Only the costliest findings of a rule count.
        scoring.findings_per_rule = Some(2);
        let findings = vec![
            ("c.a", Category::Claims, -1.0),
            ("c.a", Category::Claims, -4.0),
            ("c.a", Category::Claims, -2.0),
            ("c.b", Category::Claims, -1.0),
        ];
        let s = score(findings.into_iter(), &scoring);
        assert_eq!(s.by_rule["c.a"], (Category::Claims, 3, -6.0));
        assert_eq!(s.rule_capped["c.a"], (2, -7.0));
        assert!(!s.rule_capped.contains_key("c.b"));
        assert_eq!(s.score, 93.0);
        let s = score(
            std::iter::repeat_n(("x", Category::Claims, -30.0), 5),
            &Scoring::default(),
        );
        assert_eq!(s.score, 0.0);
        assert_eq!(s.grade, "F");
        let s = score(
            std::iter::once(("x", Category::Quotes, 5.0)),
            &Scoring::default(),
        );
        assert_eq!(s.score, 100.0);
    }
}
