//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's files, then a plain summary for the log.

use super::printable::{printable, printable_line};
use super::{RenderOptions, Report};
use crate::rules::Severity;

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
    for f in &report.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let l = &f.location;
        write!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% of\r\nall"), "50%25 of%0D%0Aall");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
