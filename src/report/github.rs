//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's files, then a plain summary for the log.
//!
//! GitHub shows at most 10 annotations of each type (error, warning, notice) from a
//! step and 50 from a job, and drops the rest without a word. So the most severe
//! findings are annotated, up to those limits, and one notice says how many were
//! left out; the job summary (`$GITHUB_STEP_SUMMARY`, [`step_summary`]) lists them.

use super::printable::{printable, printable_line};
use super::{RenderOptions, Report};
use crate::finding::Finding;
use crate::rules::Severity;

/// Annotations GitHub shows per type from one step.
pub const PER_TYPE: usize = 10;
/// Annotations GitHub shows from one job.
pub const PER_JOB: usize = 50;
/// GitHub's limit on a step summary: 1 MiB.
const SUMMARY_LIMIT: usize = 1 << 20;

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The findings to annotate: the most severe first, at most [`PER_TYPE`] of a type
/// and [`PER_JOB`] in all, keeping a notice's place for the note on the rest when
/// something is left out. Within a severity, the report's order.
fn annotated<'a>(findings: &[&'a Finding]) -> Vec<&'a Finding> {
    let mut by_severity: Vec<&Finding> = findings.to_vec();
    by_severity.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let overflow = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .any(|s| count(s) > PER_TYPE)
        || findings.len() > PER_JOB;
    let mut taken = Vec::new();
    for f in by_severity {
        let limit = match f.severity {
            Severity::Info if overflow => PER_TYPE - 1,
            _ => PER_TYPE,
        };
        let same = taken
            .iter()
            .filter(|t: &&&Finding| t.severity == f.severity)
            .count();
        if same < limit && taken.len() < PER_JOB - usize::from(overflow) {
            taken.push(f);
        }
    }
    taken
}

/// "4 errors, 120 warnings and 3,000 notices" of the findings not annotated.
fn left_out(findings: &[&Finding], annotated: &[&Finding]) -> Option<String> {
    let missing = |s: Severity| {
        findings.iter().filter(|f| f.severity == s).count()
            - annotated.iter().filter(|f| f.severity == s).count()
    };
    let parts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "notice"),
    ]
    .into_iter()
    .filter_map(|(s, name)| {
        let n = missing(s);
        (n > 0).then(|| format!("{n} {name}{}", if n == 1 { "" } else { "s" }))
    })
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Escapes a command's message (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property (`escapeProperty`): also `:` and `,`, which delimit them.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let shown = annotated(&report.findings);
    for f in &shown {
        let l = &f.location;
        write!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(f.severity),
            escape_property(&printable(&l.path)),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            escape_property(&f.rule),
            escape_data(&printable(&f.message))
        )?;
        if let Some(help) = &f.help {
            write!(out, "{}", escape_data(&printable(&format!("\n{help}"))))?;
        }
        writeln!(out)?;
    }
    if let Some(rest) = left_out(&report.findings, &shown) {
        writeln!(
            out,
            "::notice title=factlint::{}",
            escape_data(&format!(
                "{rest} not annotated (GitHub shows at most {PER_TYPE} annotations of a type \
                 per step, {PER_JOB} per job); the job summary lists them, as far as \
                 its size limit allows, and --format sarif uploads them all to code scanning"
            ))
        )?;
    }
    // The log's summary; `--explain` shows the sums even with `--quiet`.
    if !opts.quiet || opts.explain {
        for d in &report.documents {
            let path = printable_line(&d.path);
            writeln!(out, "{path}: {:.1} ({})", d.score, d.grade)?;
            if let Some(profile) = d.profile.summary().filter(|_| !opts.quiet) {
                writeln!(out, "  {profile}")?;
            }
            if opts.explain {
                for line in super::explain(d) {
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    if !opts.quiet {
        writeln!(out, "{}", super::summary_line(report))?;
    }
    Ok(())
}

/// The job summary: the markdown report, within GitHub's limit for a step summary.
pub fn step_summary(
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let opts = RenderOptions {
        quiet: false,
        ..opts.clone()
    };
    super::markdown::render_within(
        report,
        &opts,
        super::markdown::Limit::Bytes(SUMMARY_LIMIT),
        out,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% of\r\nall"), "50%25 of%0D%0Aall");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
