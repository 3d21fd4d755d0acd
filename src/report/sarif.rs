//! `--format sarif`: SARIF 2.1.0 (OASIS), the format code-scanning services ingest.
//! Private serde structs, so the wire format is not the internal type (ruff does the
//! same). Columns count Unicode code points, as CONTRACT.md's do; the run says so.
//!
//! Relative paths (and absolute ones under the working directory) are URIs relative
//! to `%SRCROOT%`, the working directory, which `originalUriBaseIds` gives as a
//! `file://` URI; other absolute paths are `file://` URIs. Suppressed and baselined
//! findings are results with `suppressions` and `baselineState`, not left out, and
//! positive signals (a finding that adds points) are not results at all: a
//! code-scanning service would open an alert for good news.
//!
//! GitHub rejects a run of more than 25,000 results, or a result of more than 1,000
//! locations ("SARIF results exceed limit"; it shows 5,000 results, by severity):
//! a larger report keeps the shown findings before the baselined and suppressed
//! ones, the most severe first, and the run's invocation says, in a
//! `toolExecutionNotifications` entry, how many it left out and where the whole
//! report is.

use super::{Report, RuleInfo};
use crate::finding::{Finding, Fingerprint, Location};
use crate::rules::Severity;
use serde::Serialize;
use std::collections::BTreeMap;

/// The base id of relative artifact locations (the name GitHub and the spec use).
const SRCROOT: &str = "%SRCROOT%";

/// Where the rule pages (`docs/rules/<id>.md`) are published when `--docs-base` is
/// not given: set when a release is built (`FACTLINT_DOCS_BASE`), absent otherwise.
const DEFAULT_DOCS_BASE: Option<&str> = option_env!("FACTLINT_DOCS_BASE");

/// The documentation base to use: `given` (`--docs-base`; empty for none), else the
/// one the release was built with.
pub fn docs_base(given: Option<&str>) -> Option<String> {
    given
        .or(DEFAULT_DOCS_BASE)
        .filter(|b| !b.is_empty())
        .map(String::from)
}

/// What SARIF says about the run beyond its findings; the CLI fills it in (the
/// library reads no environment and runs no programs).
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The working directory, absolute: what relative paths are relative to.
    pub source_root: Option<String>,
    pub version_control: Option<VersionControl>,
    /// The run's exit status, for `invocations`.
    pub exit_code: Option<u8>,
    /// URL of the folder holding `<rule id>.md` for each rule: `helpUri`.
    pub docs_base: Option<String>,
}

/// The git work tree the run was in (`versionControlProvenance`), as git says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VersionControl {
    /// The work tree's top directory, absolute.
    pub top_level: String,
    /// The `origin` remote's URL, if there is one.
    pub remote: Option<String>,
    pub revision: Option<String>,
    pub branch: Option<String>,
}

/// A remote's URL as an absolute URI without credentials: `https://user:token@host/x`
/// → `https://host/x`, scp-like `git@host:owner/repo.git` → `ssh://host/owner/repo.git`.
/// `None` for a local path (the caller then names the work tree).
fn remote_uri(remote: &str) -> Option<String> {
    if let Some((scheme, rest)) = remote.split_once("://") {
        let valid = !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !valid || scheme == "file" {
            return None;
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let host = authority.rsplit('@').next().unwrap_or(authority);
        return Some(format!("{scheme}://{host}{path}"));
    }
    // scp-like syntax: [user@]host:path, where the host has no slash.
    let (host, path) = remote.split_once(':')?;
    let host = host.rsplit('@').next().unwrap_or(host);
    if host.is_empty() || host.contains('/') || drive_path(remote) {
        return None;
    }
    Some(format!("ssh://{host}/{}", path.trim_start_matches('/')))
}

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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invocations: Vec<Invocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    version_control_provenance: Vec<VersionControlOut<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, BaseUri>,
    column_kind: &'static str,
    results: Vec<ResultOut<'a>>,
    properties: RunProperties<'a>,
}

/// GitHub's limits on a SARIF run (code scanning rejects a file beyond them).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub results: usize,
    /// Locations of one result, related ones included.
    pub locations: usize,
}

pub const GITHUB_LIMITS: Limits = Limits {
    results: 25_000,
    locations: 1_000,
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code_description: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    working_directory: Option<BaseUri>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    descriptor: Descriptor,
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
struct Descriptor {
    id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VersionControlOut<'a> {
    repository_uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    branch: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mapped_to: Option<ArtifactLocation>,
}

#[derive(Serialize)]
struct BaseUri {
    uri: String,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<String>,
    rules: Vec<RuleOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleOut<'a> {
    id: &'a str,
    name: String,
    short_description: Text,
    full_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    properties: ResultProperties,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<&'a str>,
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
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
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
pub(crate) fn uri(path: &str) -> String {
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

/// A Windows path with a drive letter (`C:\x` or `C:/x`).
fn drive_path(path: &str) -> bool {
    let b = path.as_bytes();
    b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'/' | b'\\')
}

fn is_absolute(path: &str) -> bool {
    path.starts_with('/') || drive_path(path)
}

/// `file://` URI of an absolute path (`/a b` → `file:///a%20b`, `C:\x` → `file:///C:/x`).
fn file_uri(path: &str) -> String {
    if drive_path(path) {
        format!(
            "file:///{}:{}",
            &path[..1],
            uri(&path[2..].replace('\\', "/"))
        )
    } else {
        format!("file://{}", uri(path))
    }
}

/// Backslashes separate a Windows path; elsewhere they may be part of a name.
fn slashed(path: &str) -> std::borrow::Cow<'_, str> {
    if drive_path(path) {
        path.replace('\\', "/").into()
    } else {
        path.into()
    }
}

/// A directory's `file://` URI, ending in `/` as a base URI must.
fn dir_uri(path: &str) -> String {
    let mut u = file_uri(path);
    if !u.ends_with('/') {
        u.push('/');
    }
    u
}

/// Where a path is: relative to `%SRCROOT%` when it is relative or lies under the
/// source root, a `file://` URI otherwise.
fn artifact(path: &str, source_root: Option<&str>) -> ArtifactLocation {
    let path = slashed(path);
    if !is_absolute(&path) {
        return ArtifactLocation {
            uri: uri(path.strip_prefix("./").unwrap_or(&path)),
            uri_base_id: Some(SRCROOT),
        };
    }
    let under_root = source_root.and_then(|root| {
        let root = slashed(root);
        let rest = path.strip_prefix(root.trim_end_matches('/'))?;
        rest.strip_prefix('/')
            .filter(|r| !r.is_empty())
            .map(String::from)
    });
    match under_root {
        Some(rel) => ArtifactLocation {
            uri: uri(&rel),
            uri_base_id: Some(SRCROOT),
        },
        None => ArtifactLocation {
            uri: file_uri(&path),
            uri_base_id: None,
        },
    }
}

/// `helpUri` of a rule: its page under the documentation base.
pub(crate) fn help_uri(base: &str, id: &str) -> String {
    format!("{}/{}.md", base.trim_end_matches('/'), uri(id))
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

fn rule_out<'a>(r: &'a RuleInfo, docs_base: Option<&str>) -> RuleOut<'a> {
    let help = r.help.clone().unwrap_or_else(|| r.description.clone());
    let full = section(r.docs, "## What it checks").unwrap_or(&r.description);
    RuleOut {
        id: &r.id,
        name: friendly_name(&r.id),
        short_description: sentence(&r.description),
        full_description: sentence(full),
        help_uri: docs_base.map(|b| help_uri(b, &r.id)),
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

fn location_out(
    l: &Location,
    id: Option<usize>,
    message: Option<Text>,
    cx: &Context,
) -> LocationOut {
    LocationOut {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact(&l.path, cx.source_root.as_deref()),
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

/// How a shown finding came to be in the report.
#[derive(Clone, Copy, PartialEq)]
enum Standing {
    Shown,
    Baselined,
    Suppressed,
}

fn result_out<'a>(
    f: &'a Finding,
    standing: Standing,
    report: &Report,
    cx: &Context,
) -> ResultOut<'a> {
    let baselined = standing == Standing::Baselined || f.baselined;
    ResultOut {
        rule_id: &f.rule,
        rule_index: report
            .rules
            .iter()
            .position(|r| *r.id == *f.rule)
            .unwrap_or(0),
        level: level(f.severity),
        message: sentence(&f.message),
        locations: [location_out(&f.location, None, None, cx)],
        related_locations: f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| location_out(r, Some(i + 1), Some(sentence("Related evidence")), cx))
            .collect(),
        partial_fingerprints: Fingerprints {
            factlint: &f.fingerprint,
        },
        suppressions: if standing == Standing::Suppressed {
            f.suppressions
                .iter()
                .map(|s| Suppression {
                    kind: s.kind,
                    justification: s.justification.as_deref(),
                })
                .collect()
        } else {
            Vec::new()
        },
        baseline_state: report.baseline_applied.then_some(if baselined {
            "unchanged"
        } else {
            "new"
        }),
        properties: ResultProperties {
            category: f.category.as_str(),
            points: f.points,
        },
    }
}

/// Shown, baselined and suppressed findings in the report's order, positive
/// signals left out, within `limits`; also what was left out, as notifications.
fn results<'a>(
    report: &'a Report,
    cx: &Context,
    limits: Limits,
) -> (Vec<ResultOut<'a>>, Vec<Notification>) {
    let mut all: Vec<(&Finding, Standing)> = report
        .findings
        .iter()
        .map(|f| (*f, Standing::Shown))
        .chain(report.baselined.iter().map(|f| (*f, Standing::Baselined)))
        .chain(report.suppressed.iter().map(|f| (*f, Standing::Suppressed)))
        .filter(|(f, _)| f.points <= 0.0)
        .collect();
    let mut notifications = Vec::new();
    if all.len() > limits.results {
        // What an editor must act on first: shown before baselined or suppressed,
        // then the most severe, then the report's order.
        all.sort_by(|a, b| {
            let rank = |(f, standing): &(&Finding, Standing)| {
                (*standing != Standing::Shown, std::cmp::Reverse(f.severity))
            };
            rank(a)
                .cmp(&rank(b))
                .then_with(|| a.0.sort_key().cmp(&b.0.sort_key()))
        });
        let left_out = &all[limits.results..];
        let count = |s: Severity| left_out.iter().filter(|(f, _)| f.severity == s).count();
        notifications.push(Notification {
            descriptor: Descriptor {
                id: "results-left-out",
            },
            level: "warning",
            message: sentence(&format!(
                "{} of {} results left out to stay within GitHub's limit of {} per run \
                 ({} error, {} warning, {} note; shown findings and the most severe kept \
                 first); the whole report: --format json",
                left_out.len(),
                all.len(),
                limits.results,
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            )),
        });
        all.truncate(limits.results);
    }
    all.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
    let mut results: Vec<ResultOut> = all
        .into_iter()
        .map(|(f, standing)| result_out(f, standing, report, cx))
        .collect();
    // One location is the result's own; the rest of the limit is related evidence.
    let related_room = limits.locations.saturating_sub(1);
    let cut = results
        .iter_mut()
        .filter(|r| r.related_locations.len() > related_room)
        .map(|r| r.related_locations.truncate(related_room))
        .count();
    if cut > 0 {
        notifications.push(Notification {
            descriptor: Descriptor {
                id: "related-locations-left-out",
            },
            level: "warning",
            message: sentence(&format!(
                "{cut} result{} kept only {related_room} related locations, to stay within \
                 GitHub's limit of {} locations per result; the whole report: --format json",
                if cut == 1 { "" } else { "s" },
                limits.locations
            )),
        });
    }
    (results, notifications)
}

/// The run's invocation: its exit status when known, and what the report left out.
fn invocation(cx: &Context, notifications: Vec<Notification>) -> Option<Invocation> {
    if cx.exit_code.is_none() && notifications.is_empty() {
        return None;
    }
    let description = cx.exit_code.map(|code| match code {
        0 => "No threshold crossed",
        1 => "A threshold (--fail-on or --fail-under) was crossed",
        _ => "factlint failed on some document (input.internal-error)",
    });
    Some(Invocation {
        execution_successful: cx.exit_code.is_none_or(|code| code <= 1),
        exit_code: cx.exit_code,
        exit_code_description: description,
        working_directory: cx
            .source_root
            .as_deref()
            .map(|r| BaseUri { uri: dir_uri(r) }),
        tool_execution_notifications: notifications,
    })
}

fn version_control<'a>(v: &'a VersionControl, cx: &Context) -> VersionControlOut<'a> {
    // The repository's root is %SRCROOT% only when the run started there.
    let at_root = cx.source_root.as_deref() == Some(v.top_level.as_str());
    VersionControlOut {
        repository_uri: v
            .remote
            .as_deref()
            .and_then(remote_uri)
            .unwrap_or_else(|| dir_uri(&v.top_level)),
        revision_id: v.revision.as_deref(),
        branch: v.branch.as_deref(),
        mapped_to: at_root.then(|| ArtifactLocation {
            uri: String::new(),
            uri_base_id: Some(SRCROOT),
        }),
    }
}

pub fn render(report: &Report, cx: &Context, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    render_within(report, cx, GITHUB_LIMITS, out)
}

/// [`render`] with the limits given (a test cannot make 25,000 findings cheaply).
pub fn render_within(
    report: &Report,
    cx: &Context,
    limits: Limits,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let docs_base = cx.docs_base.as_deref();
    let (results, notifications) = results(report, cx, limits);
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: report.tool.name,
                    version: report.tool.version,
                    semantic_version: report.tool.version,
                    information_uri: docs_base.map(|b| help_uri(b, "README")),
                    rules: report
                        .rules
                        .iter()
                        .map(|r| rule_out(r, docs_base))
                        .collect(),
                },
            },
            invocations: invocation(cx, notifications).into_iter().collect(),
            version_control_provenance: cx
                .version_control
                .iter()
                .map(|v| version_control(v, cx))
                .collect(),
            original_uri_base_ids: cx
                .source_root
                .iter()
                .map(|r| (SRCROOT, BaseUri { uri: dir_uri(r) }))
                .collect(),
            column_kind: "unicodeCodePoints",
            results,
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
    fn paths_are_relative_to_the_source_root_or_file_uris() {
        let at = |p: &str, root: Option<&str>| {
            let a = artifact(p, root);
            (a.uri, a.uri_base_id)
        };
        let rel = |u: &str| (u.to_string(), Some(SRCROOT));
        assert_eq!(at("seeds/a.txt", None), rel("seeds/a.txt"));
        assert_eq!(at("./seeds/a.txt", None), rel("seeds/a.txt"));
        assert_eq!(at("/work/seeds/a.txt", Some("/work")), rel("seeds/a.txt"));
        assert_eq!(at("/work/seeds/a.txt", Some("/work/")), rel("seeds/a.txt"));
        // A sibling whose name starts like the root is not under it.
        assert_eq!(
            at("/worker/a.txt", Some("/work")),
            ("file:///worker/a.txt".to_string(), None)
        );
        assert_eq!(
            at("/elsewhere/a.txt", None),
            ("file:///elsewhere/a.txt".to_string(), None)
        );
    }

    #[test]
    fn remotes_lose_their_credentials() {
        let r = |s: &str| remote_uri(s);
        assert_eq!(
            r("https://bot:s3cret@github.com/news/desk.git").as_deref(),
            Some("https://github.com/news/desk.git")
        );
        assert_eq!(
            r("git@github.com:news/desk.git").as_deref(),
            Some("ssh://github.com/news/desk.git")
        );
        assert_eq!(
            r("ssh://git@host:2222/desk").as_deref(),
            Some("ssh://host:2222/desk")
        );
        assert_eq!(r("/srv/git/desk.git"), None);
        assert_eq!(r("file:///srv/git/desk.git"), None);
        assert_eq!(r("C:\\repos\\desk"), None);
    }

    #[test]
    fn names_uris_and_sections() {
        assert_eq!(
            friendly_name("transparency.missing-byline"),
            "TransparencyMissingByline"
        );
        assert_eq!(uri("a b/ü.md"), "a%20b/%C3%BC.md");
        assert_eq!(file_uri("/tmp/a b.md"), "file:///tmp/a%20b.md");
        assert_eq!(file_uri("C:\\news\\x.md"), "file:///C:/news/x.md");
        assert_eq!(dir_uri("/work"), "file:///work/");
        assert_eq!(
            help_uri("https://example.org/docs/rules/", "quotes.unknown-speaker"),
            "https://example.org/docs/rules/quotes.unknown-speaker.md"
        );
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
