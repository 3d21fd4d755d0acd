//! `--format rdjson`: reviewdog's Diagnostic Format (rdjson), for `reviewdog
//! -f=rdjson`, which comments on the changed lines of a pull request or merge
//! request on any forge it supports.
//!
//! reviewdog counts columns in UTF-8 bytes, factlint's reports in characters; the
//! byte columns come from the byte offsets and each file's line starts, read once
//! per file. A file that cannot be read again (standard input, one decoded from
//! another encoding) keeps its character columns, which agree on ASCII lines.

use super::{Report, RuleInfo};
use crate::finding::{Finding, Location};
use crate::rules::Severity;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
struct DiagnosticResult<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: LocationOut<'a>,
    severity: &'static str,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct LocationOut<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Related<'a> {
    message: &'static str,
    location: LocationOut<'a>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// Byte offsets at which each line of a file starts, for the files a report cites.
#[derive(Default)]
struct LineStarts {
    files: HashMap<String, Option<Vec<u32>>>,
}

impl LineStarts {
    fn of(&mut self, path: &str) -> Option<&[u32]> {
        self.files
            .entry(path.to_string())
            .or_insert_with(|| {
                let bytes = std::fs::read(path).ok()?;
                // Offsets of a decoded file refer to the decoded text, not these bytes.
                std::str::from_utf8(&bytes).ok()?;
                let mut starts = vec![0u32];
                starts.extend(
                    memchr::memchr_iter(b'\n', &bytes)
                        .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)),
                );
                Some(starts)
            })
            .as_deref()
    }

    /// 1-based UTF-8 byte column of `offset` on `line`, or `fallback` (characters).
    fn column(&mut self, path: &str, line: u32, offset: u32, fallback: u32) -> u32 {
        let start = line
            .checked_sub(1)
            .and_then(|i| self.of(path)?.get(i as usize).copied());
        match start {
            Some(s) if offset >= s => offset - s + 1,
            _ => fallback.max(1),
        }
    }
}

fn location<'a>(l: &'a Location, lines: &mut LineStarts) -> LocationOut<'a> {
    let (line, end_line) = (l.line.max(1), l.end_line.max(1));
    LocationOut {
        path: &l.path,
        range: Range {
            start: Position {
                line,
                column: lines.column(&l.path, line, l.start, l.column),
            },
            end: Position {
                line: end_line,
                column: lines.column(&l.path, end_line, l.end, l.end_column),
            },
        },
    }
}

fn diagnostic<'a>(
    f: &'a Finding,
    rules: &[RuleInfo],
    docs_base: Option<&str>,
    lines: &mut LineStarts,
) -> Diagnostic<'a> {
    let rule = rules.iter().find(|r| *r.id == *f.rule);
    let mut message = super::line::one_line(&f.message);
    if let Some(help) = &f.help {
        message.push_str(&format!("\n{}", super::line::one_line(help)));
    }
    Diagnostic {
        message,
        location: location(&f.location, lines),
        severity: severity(f.severity),
        code: Code {
            value: &f.rule,
            url: docs_base
                .zip(rule)
                .map(|(base, r)| super::sarif::help_uri(base, &r.id)),
        },
        related_locations: f
            .related
            .iter()
            .map(|r| Related {
                message: "Related evidence",
                location: location(r, lines),
            })
            .collect(),
    }
}

pub fn render(
    report: &Report,
    docs_base: Option<&str>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut lines = LineStarts::default();
    let result = DiagnosticResult {
        source: Source {
            name: report.tool.name,
            url: docs_base.map(|b| super::sarif::help_uri(b, "README")),
        },
        diagnostics: report
            .findings
            .iter()
            .filter(|f| f.points <= 0.0)
            .map(|f| diagnostic(f, &report.rules, docs_base, &mut lines))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &result)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_columns_from_line_starts() {
        let mut lines = LineStarts::default();
        lines.files.insert("a.md".into(), Some(vec![0, 10, 25]));
        // Line 2 starts at byte 10: byte 14 is column 5, whatever the characters.
        assert_eq!(lines.column("a.md", 2, 14, 3), 5);
        // A line the file does not have, or a file not read: the character column.
        assert_eq!(lines.column("a.md", 9, 14, 3), 3);
        lines.files.insert("-".into(), None);
        assert_eq!(lines.column("-", 1, 4, 5), 5);
    }
}
