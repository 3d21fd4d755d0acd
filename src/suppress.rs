//! Inline suppressions written in the documents themselves.
//!
//! ```text
//! <!-- factlint-disable RULE[, RULE…] -->      from here …
//! <!-- factlint-enable RULE[, RULE…] -->       … to here (no RULE: every open one)
//! <!-- factlint-disable-next-line RULE -->     the next non-blank line only
//! [//]: # (factlint-disable RULE)              the same, for plain text
//! ```
//!
//! No RULE means every rule; `group.*` means every rule of a group. The comment form
//! works in Markdown, HTML and plain text (plain text is scanned for inline HTML, so
//! the comment is blanked from the analysis text); the `[//]: # (…)` line, Markdown's
//! comment idiom, reads naturally in plain text and renders as nothing in Markdown.
//! A finding is suppressed when the line it starts on is covered. Document-level
//! findings (an empty span, e.g. "no byline") are suppressed by any `factlint-disable`
//! block for their rule. Text after ` -- ` is the reason, reported as the
//! suppression's `justification` (JSON, SARIF) and beside the suppressed finding.
//!
//! Directives are read from the raw file (the analysis text has comments blanked).
//! Suppressed findings are removed before scoring. Suppressions that did nothing
//! (matched no finding, ended no block, or are misspelt) can be listed
//! (`--report-unused-suppressions`).

use crate::doc::Document;
use crate::finding::{Applied, Finding};
use std::sync::Arc;

/// A suppression that did nothing: it matched no finding, closed nothing, or is not
/// a directive factlint knows (a misspelling would otherwise fail silently).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unused {
    pub path: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub message: String,
    /// The rule pattern of a suppression that matched nothing (to tell a rule
    /// that had no finding from a rule that does not exist).
    pub rule: Option<String>,
}

impl std::fmt::Display for Unused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

const COMMANDS: [&str; 3] = [
    "factlint-disable",
    "factlint-enable",
    "factlint-disable-next-line",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Command {
    Disable,
    Enable,
    DisableNextLine,
    /// A `factlint-…` word that is none of the above, kept to be reported.
    Unknown,
}

#[derive(Debug)]
struct Directive {
    command: Command,
    word: String,
    /// Rule patterns; empty means all rules.
    rules: Vec<String>,
    /// The text after ` -- `.
    justification: Option<Arc<str>>,
    line: u32,
    column: u32,
}

/// Lines `[from, to]` (1-based, inclusive) where findings of `rule` are suppressed.
#[derive(Debug)]
struct Range {
    rule: String,
    from: u32,
    to: u32,
    /// A `factlint-disable` block (not a next-line directive).
    block: bool,
    justification: Option<Arc<str>>,
    line: u32,
    column: u32,
    used: bool,
}

/// Whether a suppression's rule pattern (`*`, an id, `group.*`) covers rule `id`.
pub fn matches(pattern: &str, id: &str) -> bool {
    pattern == "*"
        || pattern == id
        || pattern
            .strip_suffix('*')
            .is_some_and(|prefix| prefix.ends_with('.') && id.starts_with(prefix))
}

/// The directive a line holds, if any: `factlint-…` inside `<!-- … -->` or
/// `[//]: # (…)`, and the reason written after ` -- `, if any.
fn directive(line: &str) -> Option<(usize, &str, Option<&str>)> {
    let at = line.find("factlint-")?;
    let before = line[..at].trim_end();
    let inner = &line[at..];
    let (offset, inner) = if before.ends_with("<!--") {
        (before.len() - 4, &inner[..inner.find("-->")?])
    } else if before.trim_start() == "[//]: # (" {
        (
            before.len() - before.trim_start().len(),
            &inner[..inner.rfind(')')?],
        )
    } else {
        return None;
    };
    let (inner, reason) = match inner.split_once(" -- ") {
        Some((inner, reason)) => (inner, Some(reason.trim()).filter(|r| !r.is_empty())),
        None => (inner, None),
    };
    Some((offset, inner.trim(), reason))
}

fn parse(doc: &Document) -> Vec<Directive> {
    let raw = doc.raw.as_str();
    let mut out = Vec::new();
    let mut last_line_start = usize::MAX;
    for hit in memchr::memmem::find_iter(raw.as_bytes(), b"factlint-") {
        let start = raw[..hit].rfind('\n').map_or(0, |i| i + 1);
        if start == last_line_start {
            continue; // one directive per line
        }
        last_line_start = start;
        let end = raw[hit..].find('\n').map_or(raw.len(), |i| hit + i);
        let Some((offset, inner, reason)) = raw.get(start..end).and_then(directive) else {
            continue;
        };
        let mut words = inner.split([' ', '\t', ',']).filter(|w| !w.is_empty());
        let word = words.next().unwrap_or_default();
        let command = match word {
            "factlint-disable" => Command::Disable,
            "factlint-enable" => Command::Enable,
            "factlint-disable-next-line" => Command::DisableNextLine,
            _ => Command::Unknown,
        };
        let at = doc.line_col((start + offset) as u32);
        out.push(Directive {
            command,
            word: word.to_string(),
            rules: words.map(str::to_string).collect(),
            justification: reason.map(Arc::from),
            line: at.line,
            column: at.column,
        });
    }
    out
}

/// The next line after `line` with text on it (1-based), if any.
fn next_nonblank_line(raw: &str, line: u32) -> Option<u32> {
    raw.lines()
        .enumerate()
        .skip(line as usize)
        .find(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i as u32 + 1)
}

/// The suppressed line ranges, and messages for directives that can do nothing.
fn ranges(doc: &Document, directives: Vec<Directive>) -> (Vec<Range>, Vec<Unused>) {
    let mut done = Vec::new();
    let mut open: Vec<Range> = Vec::new();
    let mut problems = Vec::new();
    let problem = |d: &Directive, message: String| Unused {
        path: doc.path.clone(),
        line: d.line,
        column: d.column,
        message,
        rule: None,
    };
    for d in directives {
        let rules = if d.rules.is_empty() {
            vec!["*".to_string()]
        } else {
            d.rules.clone()
        };
        let range = |rule: String, from: u32, to: u32, block: bool| Range {
            rule,
            from,
            to,
            block,
            justification: d.justification.clone(),
            line: d.line,
            column: d.column,
            used: false,
        };
        match d.command {
            Command::Disable => {
                open.extend(rules.into_iter().map(|r| range(r, d.line, u32::MAX, true)))
            }
            Command::Enable => {
                let closing = |r: &Range| rules.iter().any(|p| p == "*" || *p == r.rule);
                let (closed, still): (Vec<Range>, Vec<Range>) =
                    open.into_iter().partition(|r| closing(r));
                open = still;
                if closed.is_empty() {
                    problems.push(problem(
                        &d,
                        format!("`{}` with no open factlint-disable to end", d.word),
                    ));
                }
                done.extend(closed.into_iter().map(|r| Range { to: d.line, ..r }));
            }
            Command::DisableNextLine => {
                let target = next_nonblank_line(&doc.raw, d.line).unwrap_or(0);
                done.extend(rules.into_iter().map(|r| range(r, target, target, false)));
            }
            Command::Unknown => {
                let hint = crate::yaml::closest(&d.word, COMMANDS.into_iter())
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default();
                problems.push(problem(&d, format!("unknown directive `{}`{hint}", d.word)));
            }
        }
    }
    done.extend(open);
    (done, problems)
}

/// A document's suppressions, read in the per-document phase (the raw text is not
/// kept after it).
#[derive(Debug, Default)]
pub struct Suppressions {
    path: Arc<str>,
    ranges: Vec<Range>,
    /// Directives that can do nothing (unknown, or closing nothing).
    problems: Vec<Unused>,
}

impl Suppressions {
    pub fn of(doc: &Document) -> Suppressions {
        let (ranges, problems) = ranges(doc, parse(doc));
        Suppressions {
            path: doc.path.clone(),
            ranges,
            problems,
        }
    }
}

/// Moves the suppressed findings out of `findings` into `suppressed`, each with the
/// suppressions that cover it (SARIF reports them as suppressed rather than dropping
/// them); returns the suppressions that matched nothing and the directives that can
/// do nothing, sorted. `per_doc[i]` belongs to `DocId(i)` (empty for documents that
/// are not reported).
pub fn apply(
    mut per_doc: Vec<Suppressions>,
    findings: &mut Vec<Finding>,
    suppressed: &mut Vec<Finding>,
) -> Vec<Unused> {
    let mut kept = Vec::with_capacity(findings.len());
    for mut f in std::mem::take(findings) {
        if let Some(doc) = per_doc.get_mut(f.doc.0 as usize) {
            let document_level = f.location.start == f.location.end;
            for r in doc.ranges.iter_mut().filter(|r| matches(&r.rule, &f.rule)) {
                let covers = (r.from..=r.to).contains(&f.location.line);
                if covers || (document_level && r.block) {
                    r.used = true;
                    f.suppressions.push(Applied {
                        kind: "inSource",
                        line: r.line,
                        column: r.column,
                        justification: r.justification.clone(),
                    });
                }
            }
        }
        if f.suppressions.is_empty() {
            kept.push(f);
        } else {
            suppressed.push(f);
        }
    }
    *findings = kept;
    let mut unused = Vec::new();
    for doc in per_doc {
        unused.extend(doc.problems);
        unused.extend(doc.ranges.iter().filter(|r| !r.used).map(|r| Unused {
            path: doc.path.clone(),
            line: r.line,
            column: r.column,
            message: format!("unused suppression of {}", r.rule),
            rule: Some(r.rule.clone()),
        }));
    }
    unused.sort();
    unused
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_forms() {
        assert_eq!(
            directive("<!-- factlint-disable a.b -->"),
            Some((0, "factlint-disable a.b", None))
        );
        assert_eq!(
            directive("Text <!-- factlint-disable-next-line -- checked by hand -->"),
            Some((5, "factlint-disable-next-line", Some("checked by hand")))
        );
        assert_eq!(
            directive("[//]: # (factlint-enable a.b -- )"),
            Some((0, "factlint-enable a.b", None))
        );
        assert_eq!(
            directive("[//]: # (factlint-disable a.b -- quoted from the (signed) letter)"),
            Some((
                0,
                "factlint-disable a.b",
                Some("quoted from the (signed) letter")
            ))
        );
        assert_eq!(directive("We discuss factlint-disable in prose."), None);
    }

    #[test]
    fn rule_patterns() {
        assert!(matches("*", "a.b"));
        assert!(matches("quotes.*", "quotes.x"));
        assert!(!matches("quotes.*", "dates.x"));
        assert!(!matches("quo*", "quotes.x"));
        assert!(matches("a.b", "a.b"));
    }
}
