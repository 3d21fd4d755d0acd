//! `--format sarif`: SARIF 2.1.0 (OASIS), the format code-scanning services ingest.
//! Private serde structs, so the wire format is not the internal type (ruff does the
//! same). Columns count Unicode code points, as CONTRACT.md's do; the run says so.

use super::{Report, RuleInfo};
use crate::finding::{Finding, Fingerprint, Location};
use crate::rules::Severity;
use serde::Serialize;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<ResultOut<'a>>,
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<RuleOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleOut<'a> {
    id: &'a str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: &'static str,
    weight: f64,
    tags: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [LocationOut; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<LocationOut>,
    partial_fingerprints: Fingerprints<'a>,
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LocationOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: u32,
    byte_length: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "factlint/v1")]
    factlint: &'a Fingerprint,
}

#[derive(Serialize)]
struct ResultProperties {
    category: &'static str,
    points: f64,
}

#[derive(Serialize)]
struct RunProperties<'a> {
    documents: Vec<DocumentScore<'a>>,
}

#[derive(Serialize)]
struct DocumentScore<'a> {
    path: &'a str,
    score: f64,
    grade: &'static str,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF asks for messages that are sentences; factlint's messages have no period.
fn sentence(text: &str) -> Text {
    let text = super::line::one_line(text);
    let text = if text.ends_with(['.', '!', '?']) {
        text
    } else {
        format!("{text}.")
    };
    Text { text }
}

/// A relative URI reference for a path: `/`-separated, everything but unreserved
/// characters and `/` percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `transparency.missing-byline` → `TransparencyMissingByline` (SARIF's friendly name).
fn friendly_name(id: &str) -> String {
    id.split(['.', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The text of a `## Heading` section of a kind's DOCS.
fn section<'a>(docs: &'a str, heading: &str) -> Option<&'a str> {
    let start = docs.find(heading)? + heading.len();
    let rest = &docs[start..];
    Some(rest[..rest.find("\n## ").unwrap_or(rest.len())].trim())
}

fn rule_out(r: &RuleInfo) -> RuleOut<'_> {
    let help = r.help.clone().unwrap_or_else(|| r.description.clone());
    let full = section(r.docs, "## What it checks").unwrap_or(&r.description);
    RuleOut {
        id: &r.id,
        name: friendly_name(&r.id),
        short_description: sentence(&r.description),
        full_description: sentence(full),
        help: Help {
            markdown: format!("{help}\n\n{}", r.docs.trim()),
            text: help,
        },
        default_configuration: Configuration {
            level: level(r.severity),
        },
        properties: RuleProperties {
            category: r.category.as_str(),
            weight: r.weight,
            tags: [r.category.as_str()],
        },
    }
}

fn location_out(l: &Location, id: Option<usize>, message: Option<Text>) -> LocationOut {
    LocationOut {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri(&l.path) },
            region: Region {
                start_line: l.line.max(1),
                start_column: l.column.max(1),
                end_line: l.end_line.max(1),
                end_column: l.end_column.max(1),
                byte_offset: l.start,
                byte_length: l.end.saturating_sub(l.start),
                snippet: (!l.text.is_empty()).then(|| Text {
                    text: l.text.clone(),
                }),
            },
        },
        message,
    }
}

fn result_out<'a>(f: &'a Finding, rules: &[RuleInfo]) -> ResultOut<'a> {
    ResultOut {
        rule_id: &f.rule,
        rule_index: rules.iter().position(|r| *r.id == *f.rule).unwrap_or(0),
        level: level(f.severity),
        message: sentence(&f.message),
        locations: [location_out(&f.location, None, None)],
        related_locations: f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| location_out(r, Some(i + 1), Some(sentence("Related evidence"))))
            .collect(),
        partial_fingerprints: Fingerprints {
            factlint: &f.fingerprint,
        },
        properties: ResultProperties {
            category: f.category.as_str(),
            points: f.points,
        },
    }
}

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: report.tool.name,
                    version: report.tool.version,
                    semantic_version: report.tool.version,
                    rules: report.rules.iter().map(rule_out).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results: report
                .findings
                .iter()
                .map(|f| result_out(f, &report.rules))
                .collect(),
            properties: RunProperties {
                documents: report
                    .documents
                    .iter()
                    .map(|d| DocumentScore {
                        path: &d.path,
                        score: d.score,
                        grade: d.grade,
                    })
                    .collect(),
            },
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_uris_and_sections() {
        assert_eq!(
            friendly_name("transparency.missing-byline"),
            "TransparencyMissingByline"
        );
        assert_eq!(uri("a b/ü.md"), "a%20b/%C3%BC.md");
        assert_eq!(
            section(
                "## What it checks\nX\n## Why it matters\nY",
                "## What it checks"
            ),
            Some("X")
        );
        assert_eq!(sentence("Done").text, "Done.");
        assert_eq!(sentence("Done?").text, "Done?");
    }
}
