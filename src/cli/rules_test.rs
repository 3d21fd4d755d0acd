//! `factlint rules test`: rule files carry their own examples,
//! `tests: {flag: [...], pass: [...]}`, as Vale's rule tests do. Each example is a
//! small Markdown document; the rule alone runs over it. A `flag` example must give at
//! least one finding, a `pass` example none. For cross-document kinds the `flag`
//! examples form one corpus in which each must be flagged, and the `pass` examples
//! another that must stay clean.

use factlint::corpus::{Input, Origin};
use factlint::engine::{self, RunOptions};
use factlint::rules::{Rule, RuleSet};

/// An example that did not behave as its rule file says.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub rule: String,
    /// The rule file.
    pub origin: String,
    /// `flag` or `pass`.
    pub list: &'static str,
    /// 1-based position in its list.
    pub index: usize,
    pub example: String,
    /// The findings a `pass` example produced (empty for an unflagged `flag` one).
    pub findings: Vec<String>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let example = factlint::finding::excerpt(
            &self.example,
            factlint::doc::Span::new(0, self.example.len()),
            70,
        );
        if self.findings.is_empty() {
            write!(
                f,
                "{}: {}: tests.flag[{}] was not flagged: {example}",
                self.origin, self.rule, self.index
            )
        } else {
            write!(
                f,
                "{}: {}: tests.pass[{}] was flagged ({}): {example}",
                self.origin,
                self.rule,
                self.index,
                self.findings.join("; ")
            )
        }
    }
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// Rules with examples, and the examples run.
    pub tested: usize,
    pub examples: usize,
    /// Rule ids without any `tests:`.
    pub untested: Vec<String>,
    pub failures: Vec<Failure>,
}

/// Runs every rule's examples. Takes the set because each rule runs alone.
pub fn run(set: RuleSet) -> Outcome {
    let mut out = Outcome::default();
    for rule in set.rules {
        let Some(tests) = rule.tests.clone() else {
            out.untested.push(rule.id.to_string());
            continue;
        };
        out.tested += 1;
        out.examples += tests.flag.len() + tests.pass.len();
        let corpus = rule.check.is_cross_document();
        let single = RuleSet {
            rules: vec![rule],
            lexicons: set.lexicons.clone(),
            user_data: Default::default(),
            scoring: Default::default(),
            hash: String::new(),
        };
        let flag = tests.flag.iter().enumerate().map(|(i, e)| ("flag", i, e));
        let pass = tests.pass.iter().enumerate().map(|(i, e)| ("pass", i, e));
        // Per-document kinds: every example is its own document, so one run does.
        let batches: Vec<Vec<Example>> = if corpus {
            vec![flag.collect(), pass.collect()]
        } else {
            vec![flag.chain(pass).collect()]
        };
        for batch in batches {
            check(&single, &batch, &mut out.failures);
        }
    }
    out
}

/// (list, index in it, text).
type Example<'a> = (&'static str, usize, &'a String);

fn check(set: &RuleSet, docs: &[Example], failures: &mut Vec<Failure>) {
    if docs.is_empty() {
        return;
    }
    let rule: &Rule = &set.rules[0];
    let inputs = docs
        .iter()
        .map(|(list, i, text)| Input {
            path: format!("{list}-{}.md", i + 1),
            origin: Origin::Stdin(text.as_bytes().to_vec()),
            reported: true,
        })
        .collect();
    let result = engine::run(
        set,
        inputs,
        &RunOptions {
            threads: 1,
            ..RunOptions::default()
        },
    );
    for (list, i, text) in docs {
        let path = format!("{list}-{}.md", i + 1);
        let found: Vec<String> = result
            .findings
            .iter()
            .filter(|f| *f.location.path == *path)
            .map(|f| format!("{}:{}: {}", f.location.line, f.location.column, f.message))
            .collect();
        let ok = match *list {
            "flag" => !found.is_empty(),
            _ => found.is_empty(),
        };
        if !ok {
            failures.push(Failure {
                rule: rule.id.to_string(),
                origin: rule.origin.clone(),
                list,
                index: i + 1,
                example: text.to_string(),
                findings: found,
            });
        }
    }
}
