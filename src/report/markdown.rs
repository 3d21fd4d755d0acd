//! `--format markdown`: for pull-request comments. A summary table of the documents,
//! then each document's findings as a table.

use super::{explain, RenderOptions, Report};
use crate::rules::Category;

/// Text safe inside a Markdown table cell: one line, pipes and backticks escaped,
/// and no HTML a comment box would render.
fn cell(text: &str) -> String {
    super::line::one_line(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('`', "\\`")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn render(
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if !opts.quiet {
        writeln!(out, "## factlint report\n")?;
        writeln!(out, "{}\n", super::summary_line(report))?;
        writeln!(
            out,
            "Points per category, as in the JSON `breakdown` (· for none).\n"
        )?;
        write!(out, "| Document | Score | Grade |")?;
        for c in Category::ALL {
            write!(out, " {c} |")?;
        }
        write!(out, "\n| --- | ---: | :---: |")?;
        for _ in Category::ALL {
            write!(out, " ---: |")?;
        }
        writeln!(out)?;
        for d in &report.documents {
            write!(out, "| {} | {:.1} | {} |", cell(&d.path), d.score, d.grade)?;
            for c in Category::ALL {
                write!(out, " {} |", super::points_cell(d, c))?;
            }
            writeln!(out)?;
        }
    }
    for d in &report.documents {
        let findings = report.findings_of(&d.path);
        if findings.is_empty() && !opts.explain {
            continue;
        }
        writeln!(
            out,
            "\n### {} — {:.1} ({})\n",
            cell(&d.path),
            d.score,
            d.grade
        )?;
        if let Some(profile) = d.profile.summary() {
            writeln!(out, "{profile}\n")?;
        }
        if !findings.is_empty() {
            writeln!(out, "| Line | Severity | Rule | Message |")?;
            writeln!(out, "| ---: | --- | --- | --- |")?;
            for f in findings {
                writeln!(
                    out,
                    "| {}:{} | {} | `{}` | {} |",
                    f.location.line,
                    f.location.column,
                    f.severity,
                    f.rule,
                    cell(&f.message)
                )?;
            }
        }
        if opts.explain {
            writeln!(out, "\n```text")?;
            for line in explain(d) {
                writeln!(out, "{line}")?;
            }
            writeln!(out, "```")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_stay_in_their_column() {
        assert_eq!(super::cell("a | b\n`c` <i>"), "a \\| b \\`c\\` &lt;i&gt;");
    }
}
