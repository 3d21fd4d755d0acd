//! The sourcing profile of a document: how many of its check-worthy claims are
//! sourced and how many of its quotes name their speaker, counted from the facts
//! in the per-document phase (the facts are dropped after it).

use super::{Facts, Needs, QuoteKind, Sourcing};
use serde::Serialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClaimCounts {
    /// Check-worthy claims.
    pub checkworthy: u32,
    /// Of those, attributed or cited.
    pub sourced: u32,
    /// Of those, resting on vague sourcing only ("experts say").
    pub vague: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct QuoteCounts {
    /// Direct quotations (statements, not scare quotes or titles).
    pub direct: u32,
    /// Of those, with a speaker who is named or described.
    pub identified: u32,
    /// Of those, from an unnamed or vague source.
    pub anonymous: u32,
    /// Of those, with no speaker found.
    pub unattributed: u32,
}

/// The check-worthiness from which a claim is counted: the bar of the shipped
/// `claims.unsourced-share` rule (`min_score`), so that the profile line and that
/// finding count the same claims (see [`super::Claim::counts_in_share`]).
pub const MIN_SCORE: f32 = 0.5;

/// `None` for what the run's rules did not extract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub claims: Option<ClaimCounts>,
    pub quotes: Option<QuoteCounts>,
}

impl Profile {
    pub fn of(facts: &Facts, needs: Needs) -> Profile {
        let claims = needs.claims.then(|| {
            let mut c = ClaimCounts::default();
            let counted = |c: &&super::Claim| c.counts_in_share(MIN_SCORE);
            for claim in facts.claims.iter().filter(counted) {
                c.checkworthy += 1;
                match claim.sourcing {
                    Sourcing::Sourced => c.sourced += 1,
                    Sourcing::Weak => c.vague += 1,
                    Sourcing::None => {}
                }
            }
            c
        });
        let quotes = needs.quotes.then(|| {
            let mut q = QuoteCounts::default();
            for quote in facts.quotes.iter().filter(|q| q.kind == QuoteKind::Direct) {
                q.direct += 1;
                match &quote.speaker {
                    Some(s) if s.anonymous => q.anonymous += 1,
                    Some(_) => q.identified += 1,
                    None => q.unattributed += 1,
                }
            }
            q
        });
        Profile { claims, quotes }
    }

    /// One line for an editor: "12 claims, 9 sourced; 7 quotes, 6 identified,
    /// 1 anonymous". Parts that are zero after the first of each group are left out.
    pub fn summary(&self) -> Option<String> {
        let plural =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = Vec::new();
        if let Some(c) = self.claims {
            let mut s = plural(c.checkworthy, "check-worthy claim", "check-worthy claims");
            if c.checkworthy > 0 {
                s.push_str(&format!(", {} sourced", c.sourced));
                if c.vague > 0 {
                    s.push_str(&format!(", {} vaguely sourced", c.vague));
                }
            }
            parts.push(s);
        }
        if let Some(q) = self.quotes {
            let mut s = plural(q.direct, "quote", "quotes");
            if q.direct > 0 {
                s.push_str(&format!(", {} identified", q.identified));
                for (n, what) in [(q.anonymous, "anonymous"), (q.unattributed, "unattributed")] {
                    if n > 0 {
                        s.push_str(&format!(", {n} {what}"));
                    }
                }
            }
            parts.push(s);
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_claims_the_unsourced_share_rule_counts() {
        let rule: serde_yaml::Value =
            serde_yaml::from_str(include_str!("../../rules/claims/unsourced-share.yaml")).unwrap();
        assert_eq!(
            rule["check"]["params"]["min_score"].as_f64(),
            Some(MIN_SCORE as f64)
        );
    }

    #[test]
    fn summary_names_what_was_counted() {
        let p = Profile {
            claims: Some(ClaimCounts {
                checkworthy: 12,
                sourced: 9,
                vague: 1,
            }),
            quotes: Some(QuoteCounts {
                direct: 7,
                identified: 6,
                anonymous: 1,
                unattributed: 0,
            }),
        };
        assert_eq!(
            p.summary().unwrap(),
            "12 check-worthy claims, 9 sourced, 1 vaguely sourced; 7 quotes, 6 identified, 1 anonymous"
        );
        let none = Profile {
            claims: Some(ClaimCounts::default()),
            quotes: None,
        };
        assert_eq!(none.summary().unwrap(), "0 check-worthy claims");
        assert_eq!(Profile::default().summary(), None);
    }
}
