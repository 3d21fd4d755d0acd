//! Reports: findings, scores and summary as plain data, and one renderer per format.
//! Renderers only lay out data and write to any `io::Write`.

pub mod extract;
pub mod github;
pub mod html;
pub mod json;
pub mod line;
pub mod markdown;
pub mod printable;
pub mod rdjson;
pub mod sarif;
pub mod table;

use crate::doc::view::View;
use crate::doc::Problem;
use crate::engine::{Failure, Outcome};
use crate::extract::profile::Profile;
use crate::finding::Finding;
use crate::rules::{Category, RuleSet, Severity};
use crate::score::{self, Score};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Also the `--format` values (clap), so that the command line and factlint.yaml
/// accept the same names from one list.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, clap::ValueEnum, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Table,
    Json,
    Sarif,
    Github,
    Markdown,
    Line,
    Html,
    Rdjson,
}

impl Format {
    pub const ALL: [(&'static str, Format); 8] = [
        ("table", Format::Table),
        ("json", Format::Json),
        ("sarif", Format::Sarif),
        ("github", Format::Github),
        ("markdown", Format::Markdown),
        ("line", Format::Line),
        ("html", Format::Html),
        ("rdjson", Format::Rdjson),
    ];

    pub fn name(self) -> &'static str {
        Format::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("table", |(n, _)| n)
    }
}

#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Fixed table width; `None`: the terminal's, or 120 when there is none.
    pub width: Option<u16>,
    pub color: bool,
    pub quiet: bool,
    pub explain: bool,
    /// What SARIF says about the run beyond the findings.
    pub sarif: sarif::Context,
    /// `--link-base`: markdown links each finding to `URL + path + #L<line>`.
    pub link_base: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ToolInfo {
    pub name: &'static str,
    pub version: &'static str,
    pub rules: String,
}

/// Metadata as reported (CONTRACT.md `metadata`).
#[derive(Clone, Debug, Serialize)]
pub struct MetadataOut {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub published_from: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl MetadataOut {
    pub fn new(m: &crate::doc::meta::Metadata, estimate: Option<crate::time::PartialDate>) -> Self {
        let (published, published_from) = match (m.published, estimate) {
            (Some(d), _) => (Some(d.timex()), m.published_from),
            (None, Some(d)) => (Some(d.timex()), Some("estimate")),
            (None, None) => (None, None),
        };
        MetadataOut {
            title: m.title.clone(),
            authors: m.authors.clone(),
            publisher: m.publisher.clone(),
            published,
            published_from,
            url: m.url.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct DocReport {
    pub path: Arc<str>,
    pub score: f64,
    pub grade: &'static str,
    pub breakdown: BTreeMap<Category, f64>,
    pub metadata: MetadataOut,
    /// Check-worthy claims sourced, quotes with an identified speaker.
    pub profile: Profile,
    #[serde(skip)]
    pub detail: Score,
}

/// What the renderers need to know about a rule (SARIF's rule descriptors).
#[derive(Clone, Debug)]
pub struct RuleInfo {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub weight: f64,
    pub description: String,
    pub help: Option<String>,
    /// The check kind's documentation (`## What it checks` …).
    pub docs: &'static str,
}

#[derive(Clone, Debug)]
pub struct Report<'a> {
    pub tool: ToolInfo,
    /// Every rule of the run, sorted by id.
    pub rules: Vec<RuleInfo>,
    pub documents: Vec<DocReport>,
    /// Findings to show (baselined ones are left out here but counted in scores),
    /// borrowed from the outcome: a large run has hundreds of thousands.
    pub findings: Vec<&'a Finding>,
    /// Findings left out by `--min-severity` (they count in the scores).
    pub hidden: usize,
    /// Findings a baseline holds: not shown, but SARIF reports them as unchanged.
    pub baselined: Vec<&'a Finding>,
    /// Findings an inline suppression covers (not scored).
    pub suppressed: Vec<&'a Finding>,
    /// Whether a baseline was applied, so that every SARIF result has a
    /// `baselineState` (a baseline that matched nothing makes every result new).
    pub baseline_applied: bool,
    /// Each document's text as a reader sees it, by position in `documents`, when
    /// the run kept it (`--format html`).
    pub views: Vec<Option<&'a View>>,
    pub warnings: Vec<String>,
    /// Stages that failed inside factlint: the run's, and scoring a document (that
    /// document is left out of `documents`; its findings stay).
    pub failures: Vec<Failure>,
}

impl<'a> Report<'a> {
    /// The shown findings of one document. Findings are sorted by path first, so this
    /// is a binary search, not a scan per document (renderers call it per document).
    pub fn findings_of(&self, path: &str) -> &[&'a Finding] {
        let start = self.findings.partition_point(|f| &*f.location.path < path);
        let end = start + self.findings[start..].partition_point(|f| &*f.location.path == path);
        &self.findings[start..end]
    }

    pub fn build(outcome: &'a Outcome, rules: &RuleSet) -> Report<'a> {
        Report::scored_by(outcome, rules, |mine, scoring| {
            score::score(
                mine.iter().map(|f| (&*f.rule, f.category, f.points)),
                scoring,
            )
        })
    }

    /// `build` with the scoring function given, so that a test can make it fail.
    fn scored_by(
        outcome: &'a Outcome,
        rules: &RuleSet,
        score: impl Fn(&[&Finding], &crate::rules::Scoring) -> Score,
    ) -> Report<'a> {
        let mut failures = outcome.failures.clone();
        let uncapped = crate::rules::Scoring {
            caps: BTreeMap::new(),
            ..rules.scoring.clone()
        };
        let mut documents = Vec::new();
        let mut views = Vec::new();
        // Findings per document, grouped once: filtering all findings for every
        // document was quadratic (a fifth of the run time at 57k documents).
        let mut by_doc: Vec<Vec<&Finding>> = vec![Vec::new(); outcome.summaries.len()];
        for f in &outcome.findings {
            if let Some(v) = by_doc.get_mut(f.doc.0 as usize) {
                v.push(f);
            }
        }
        for (i, doc) in outcome.summaries.iter().enumerate() {
            if !doc.reported {
                continue;
            }
            let mine = by_doc.get_mut(i).map(std::mem::take).unwrap_or_default();
            // A document with nothing to check (not read, too large, empty) takes its
            // input findings whole: uncapped, they give a score no gate passes.
            let nothing_to_check = doc.problems.iter().any(Problem::leaves_nothing_to_check);
            let scoring = if nothing_to_check {
                &uncapped
            } else {
                &rules.scoring
            };
            let detail = match crate::engine::isolated(|| score(&mine, scoring)) {
                Ok(detail) => detail,
                Err(message) => {
                    failures.push(Failure {
                        stage: format!("scoring {}", doc.path),
                        message,
                        lost: "it has no score, and its findings are listed without it".into(),
                    });
                    continue;
                }
            };
            documents.push(DocReport {
                path: doc.path.clone(),
                score: detail.score,
                grade: detail.grade,
                breakdown: detail.breakdown.clone(),
                metadata: MetadataOut::new(&doc.metadata, doc.published_estimate),
                profile: doc.profile,
                detail,
            });
            views.push(doc.view.as_ref());
        }
        Report {
            tool: ToolInfo {
                name: "factlint",
                version: env!("CARGO_PKG_VERSION"),
                rules: rules.hash.clone(),
            },
            rules: rules
                .rules
                .iter()
                .map(|r| RuleInfo {
                    id: r.id.to_string(),
                    category: r.category,
                    severity: r.severity,
                    weight: r.weight,
                    description: r.description.clone(),
                    help: r.help.as_deref().map(String::from),
                    docs: crate::checks::docs(r.kind).unwrap_or(""),
                })
                .collect(),
            documents,
            findings: outcome.findings.iter().filter(|f| !f.baselined).collect(),
            hidden: 0,
            baselined: outcome.findings.iter().filter(|f| f.baselined).collect(),
            suppressed: outcome.suppressed.iter().collect(),
            baseline_applied: false,
            views,
            warnings: outcome.warnings.clone(),
            failures,
        }
    }

    /// The same report with only `documents` (by position) and `findings`.
    fn select(&self, documents: &[usize], findings: Vec<&'a Finding>) -> Report<'a> {
        let paths: std::collections::BTreeSet<&str> = documents
            .iter()
            .map(|&i| &*self.documents[i].path)
            .collect();
        let of_selected = |list: &[&'a Finding]| -> Vec<&'a Finding> {
            list.iter()
                .copied()
                .filter(|f| paths.contains(&*f.location.path))
                .collect()
        };
        Report {
            baselined: of_selected(&self.baselined),
            suppressed: of_selected(&self.suppressed),
            baseline_applied: self.baseline_applied,
            documents: documents
                .iter()
                .map(|&i| self.documents[i].clone())
                .collect(),
            views: documents.iter().map(|&i| self.views[i]).collect(),
            findings,
            tool: self.tool.clone(),
            rules: self.rules.clone(),
            hidden: self.hidden,
            warnings: self.warnings.clone(),
            failures: self.failures.clone(),
        }
    }
}

impl Report<'_> {
    /// Leaves out findings below `min` (`--min-severity`); scores keep them.
    pub fn hide_below(&mut self, min: Severity) {
        let before = self.findings.len();
        self.findings.retain(|f| f.severity >= min);
        self.hidden += before - self.findings.len();
        self.baselined.retain(|f| f.severity >= min);
        self.suppressed.retain(|f| f.severity >= min);
    }

    /// Keeps only the documents a change touched and their findings, or with
    /// `by_line` only the findings on changed lines (`--changed-since`,
    /// `--files-from`): a pull request answers for what it changed.
    pub fn keep_changed(&mut self, changes: &crate::changes::Changes, by_line: bool) {
        let mut touched: BTreeMap<Arc<str>, bool> = BTreeMap::new();
        let mut file_changed = |path: &Arc<str>| {
            *touched
                .entry(path.clone())
                .or_insert_with(|| changes.touches(path, None))
        };
        let mut keep_doc = Vec::with_capacity(self.documents.len());
        for d in &self.documents {
            keep_doc.push(file_changed(&d.path));
        }
        let mut flags = keep_doc.iter();
        self.documents
            .retain(|_| flags.next().copied().unwrap_or(false));
        let mut flags = keep_doc.iter();
        self.views
            .retain(|_| flags.next().copied().unwrap_or(false));
        let mut keep = |f: &&Finding| {
            let l = &f.location;
            // A document-level finding (an empty span) goes with its file.
            let line = (by_line && l.start != l.end).then_some(l.line);
            file_changed(&l.path) && (line.is_none() || changes.touches(&l.path, line))
        };
        self.findings.retain(&mut keep);
        self.baselined.retain(&mut keep);
        self.suppressed.retain(&mut keep);
    }
}

/// Why a suppressed finding is suppressed: the reasons its directives give (after
/// ` -- `), or a note that none does.
pub fn justification(f: &Finding) -> String {
    let reasons: Vec<&str> = f
        .suppressions
        .iter()
        .filter_map(|s| s.justification.as_deref())
        .collect();
    if reasons.is_empty() {
        "(no reason given)".into()
    } else {
        reasons.join("; ")
    }
}

/// Findings, errors and warnings in `findings`: the summary line of several formats.
pub fn summary_line(report: &Report) -> String {
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let (docs, total) = (report.documents.len(), report.findings.len());
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let mut line = format!(
        "{docs} document{}, {total} finding{} ({errors} error{}, {warnings} warning{}, {} info)",
        plural(docs),
        plural(total),
        plural(errors),
        plural(warnings),
        count(Severity::Info)
    );
    if report.hidden > 0 {
        line.push_str(&format!(
            "; {} below --min-severity not shown, still scored",
            report.hidden
        ));
    }
    line
}

/// How a score was computed, one line per rule and capped category.
pub fn explain(d: &DocReport) -> Vec<String> {
    let mut lines = vec!["  score: 100 to start".to_string()];
    for (rule, (category, n, points)) in &d.detail.by_rule {
        let plural = if *n == 1 { "" } else { "s" };
        // Only the costliest findings of a rule count (scoring.yaml).
        let counted = match d.detail.rule_capped.get(rule) {
            Some((kept, _)) => format!("{kept} of "),
            None => String::new(),
        };
        lines.push(format!(
            "  {points:+6.1}  {rule} ({category}, {counted}{n} finding{plural})"
        ));
    }
    for (category, (raw, cap)) in &d.detail.capped {
        lines.push(format!(
            "  capped: {category} {raw:+.1} limited to -{cap:.1}"
        ));
    }
    lines.push(format!(
        "  = {:.1} ({}), clamped to 0-100",
        d.score, d.grade
    ));
    lines
}

/// A category's points for a summary column ("-4.5", "+2", "·" for none).
pub fn points_cell(d: &DocReport, category: Category) -> String {
    match d.breakdown.get(&category).copied().unwrap_or(0.0) {
        0.0 => "·".to_string(),
        p if p.fract() == 0.0 => format!("{p:+.0}"),
        p => format!("{p:+.1}"),
    }
}

/// The score's sum on one line: "76.0 (B) = 100 -8.0 claims.unsourced-claim ×8 …".
pub fn explain_inline(d: &DocReport) -> String {
    let mut line = format!("{:.1} ({}) = 100", d.score, d.grade);
    for (rule, (_, n, points)) in &d.detail.by_rule {
        line.push_str(&format!(" {points:+.1} {rule} ×{n}"));
    }
    for (category, (raw, cap)) in &d.detail.capped {
        line.push_str(&format!(", {category} {raw:+.1} capped at -{cap:.1}"));
    }
    line
}

/// `render`, with a failure inside a renderer (a bug) kept from taking the report
/// down. The report is held in memory up to a few megabytes before it is written;
/// if the renderer fails before that, the documents that make it fail on their own
/// are found and left out, and the rest is rendered again. If no document alone
/// makes it fail, the report is written in the `line` format instead; if it fails
/// after writing began, the output stops there. What was lost is returned.
pub fn render_isolated(
    report: &Report,
    format: Format,
    opts: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Vec<Failure>> {
    let in_format = |r: &Report, o: &mut dyn std::io::Write| render(r, format, opts, o);
    let in_lines = |r: &Report, o: &mut dyn std::io::Write| render(r, Format::Line, opts, o);
    let fallback = (format != Format::Line).then_some(&in_lines as &Renderer);
    render_or_fall_back(report, (format.name(), &in_format), fallback, out)
}

type Renderer<'r> = dyn Fn(&Report, &mut dyn std::io::Write) -> std::io::Result<()> + 'r;

/// [`render_isolated`] with the renderers given, so that a test can make one fail.
fn render_or_fall_back(
    report: &Report,
    (format, render): (&str, &Renderer),
    in_lines: Option<&Renderer>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Vec<Failure>> {
    let mut failures = Vec::new();
    let written = guarded(report, format, render, out, &mut failures)?;
    if let (false, Some(in_lines)) = (written, in_lines) {
        if let Some(last) = failures.last_mut() {
            last.lost = "the report follows in the `line` format instead".into();
        }
        guarded(report, "line", in_lines, out, &mut failures)?;
    }
    Ok(failures)
}

/// Renders `report` with `render`, failures caught (see [`render_isolated`]);
/// whether anything was written.
fn guarded(
    report: &Report,
    format: &str,
    render: &Renderer,
    out: &mut dyn std::io::Write,
    failures: &mut Vec<Failure>,
) -> std::io::Result<bool> {
    const HOLD: usize = 8 << 20;
    let mut held = Held::new(out, HOLD);
    let message = match crate::engine::isolated(|| render(report, &mut held)) {
        Ok(done) => {
            done?;
            held.finish()?;
            return Ok(true);
        }
        Err(message) => message,
    };
    let stage = format!("rendering the {format} report");
    if held.spilled {
        held.out.flush()?;
        failures.push(Failure {
            stage,
            message,
            lost: "the report stops where it failed".into(),
        });
        return Ok(true);
    }
    // Which documents make it fail on their own?
    let mut failing = Vec::new();
    for (i, d) in report.documents.iter().enumerate() {
        let alone = report.select(&[i], report.findings_of(&d.path).to_vec());
        if let Err(message) = crate::engine::isolated(|| render(&alone, &mut std::io::sink())) {
            failing.push((i, message));
        }
    }
    if !failing.is_empty() {
        let left_out = |path: &str| {
            failing
                .iter()
                .any(|&(i, _)| &*report.documents[i].path == path)
        };
        let kept: Vec<usize> = (0..report.documents.len())
            .filter(|i| !failing.iter().any(|(f, _)| f == i))
            .collect();
        let findings = report
            .findings
            .iter()
            .copied()
            .filter(|f| !left_out(&f.location.path))
            .collect();
        let rest = report.select(&kept, findings);
        let mut held = Held::new(held.out, HOLD);
        if let Ok(done) = crate::engine::isolated(|| render(&rest, &mut held)) {
            done?;
            held.finish()?;
            failures.extend(failing.into_iter().map(|(i, message)| Failure {
                stage: format!(
                    "rendering the {format} report of {}",
                    report.documents[i].path
                ),
                message,
                lost: "that document is left out of the report".into(),
            }));
            return Ok(true);
        }
    }
    failures.push(Failure {
        stage,
        message,
        lost: "no report was written".into(),
    });
    Ok(false)
}

/// Holds the first `limit` bytes written before passing anything on, so that a
/// renderer that fails early leaves nothing behind.
struct Held<'w> {
    out: &'w mut dyn std::io::Write,
    held: Vec<u8>,
    limit: usize,
    spilled: bool,
}

impl<'w> Held<'w> {
    fn new(out: &'w mut dyn std::io::Write, limit: usize) -> Self {
        Held {
            out,
            held: Vec::new(),
            limit,
            spilled: false,
        }
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.spill()?;
        self.out.flush()
    }

    fn spill(&mut self) -> std::io::Result<()> {
        self.spilled = true;
        self.out.write_all(&std::mem::take(&mut self.held))
    }
}

impl std::io::Write for Held<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.spilled && self.held.len() + buf.len() <= self.limit {
            self.held.extend_from_slice(buf);
            return Ok(buf.len());
        }
        if !self.spilled {
            self.spill()?;
        }
        self.out.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.spilled {
            self.out.flush()
        } else {
            Ok(())
        }
    }
}

pub fn render(
    report: &Report,
    format: Format,
    opts: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => table::render(report, opts, out),
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, &opts.sarif, out),
        Format::Github => github::render(report, opts, out),
        Format::Markdown => markdown::render(report, opts, out),
        Format::Line => line::render(report, opts, out),
        Format::Html => html::render(report, out),
        Format::Rdjson => rdjson::render(report, opts.sarif.docs_base.as_deref(), out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Input, Origin};
    use crate::engine::{self, RunOptions};
    use crate::rules::LoadOptions;

    fn rules() -> RuleSet {
        crate::rules::load(&LoadOptions {
            include_builtin: true,
            dirs: vec![],
        })
        .expect("built-in rules load")
    }

    /// Three documents with findings; the one called `bad.md` stands for the
    /// document a bug fails on.
    fn outcome(rules: &RuleSet) -> Outcome {
        let inputs = ["a.md", "bad.md", "c.md"]
            .map(|path| Input {
                path: path.into(),
                origin: Origin::Stdin(b"The route will cost TK million.\n".to_vec()),
                reported: true,
            })
            .into();
        let opts = RunOptions {
            threads: 1,
            ..RunOptions::default()
        };
        engine::run(rules, inputs, &opts)
    }

    fn paths(report: &Report) -> Vec<String> {
        report
            .documents
            .iter()
            .map(|d| d.path.to_string())
            .collect()
    }

    fn panics_on_bad(r: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if r.documents.iter().any(|d| d.path.contains("bad")) {
            panic!("injected rendering failure");
        }
        json::render(r, out)
    }

    #[test]
    fn a_document_that_fails_to_score_is_left_out_and_said() {
        let rules = rules();
        let outcome = outcome(&rules);
        let report = Report::scored_by(&outcome, &rules, |mine, scoring| {
            if mine.iter().any(|f| f.location.path.contains("bad")) {
                panic!("injected scoring failure");
            }
            score::score(
                mine.iter().map(|f| (&*f.rule, f.category, f.points)),
                scoring,
            )
        });
        assert_eq!(paths(&report), ["a.md", "c.md"]);
        assert_eq!(report.failures.len(), 1);
        assert_eq!(report.failures[0].stage, "scoring bad.md");
        assert_eq!(report.failures[0].message, "injected scoring failure");
        // Its findings are still listed.
        assert!(!report.findings_of("bad.md").is_empty());
    }

    #[test]
    fn a_document_that_fails_to_render_is_left_out_and_the_rest_is_written() {
        let rules = rules();
        let outcome = outcome(&rules);
        let report = Report::build(&outcome, &rules);
        let mut out = Vec::new();
        let failures =
            render_or_fall_back(&report, ("json", &panics_on_bad), None, &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).expect("one whole report");
        let shown: Vec<&str> = json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap())
            .collect();
        assert_eq!(shown, ["a.md", "c.md"]);
        let findings = json["findings"].as_array().unwrap();
        assert!(!findings.is_empty());
        assert!(findings.iter().all(|f| f["path"] != "bad.md"));
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].stage, "rendering the json report of bad.md");
        assert_eq!(failures[0].message, "injected rendering failure");
    }

    #[test]
    fn a_renderer_that_fails_on_everything_falls_back_to_lines() {
        let rules = rules();
        let outcome = outcome(&rules);
        let report = Report::build(&outcome, &rules);
        let always = |_: &Report, out: &mut dyn std::io::Write| -> std::io::Result<()> {
            out.write_all(b"{\"partial\": ")?;
            panic!("injected rendering failure")
        };
        let opts = RenderOptions::default();
        let in_lines = |r: &Report, o: &mut dyn std::io::Write| line::render(r, &opts, o);
        let mut out = Vec::new();
        let failures =
            render_or_fall_back(&report, ("json", &always), Some(&in_lines), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains("partial"), "{text}");
        for path in ["a.md", "bad.md", "c.md"] {
            assert!(text.lines().any(|l| l.starts_with(path)), "{text}");
        }
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].stage, "rendering the json report");
        assert!(failures[0].lost.contains("`line`"), "{}", failures[0]);
        // Without a fallback, nothing is written.
        let mut out = Vec::new();
        let failures = render_or_fall_back(&report, ("line", &always), None, &mut out).unwrap();
        assert!(out.is_empty());
        assert_eq!(failures[0].lost, "no report was written");
    }

    #[test]
    fn a_renderer_that_fails_late_keeps_what_it_wrote() {
        let rules = rules();
        let outcome = outcome(&rules);
        let report = Report::build(&outcome, &rules);
        let late = |_: &Report, out: &mut dyn std::io::Write| -> std::io::Result<()> {
            out.write_all(&vec![b'x'; (8 << 20) + 1])?;
            panic!("injected late failure")
        };
        let mut out = Vec::new();
        let failures = render_or_fall_back(&report, ("json", &late), None, &mut out).unwrap();
        assert_eq!(out.len(), (8 << 20) + 1);
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].lost, "the report stops where it failed");
    }
}
