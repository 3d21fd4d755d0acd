//! `--format line`: one finding per line, `path:line:col: severity rule message`, the
//! shape compilers use, so grep, editors' quickfix lists and `sort` all understand it.

use super::Report;

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for f in &report.findings {
        writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            f.location.path,
            f.location.line,
            f.location.column,
            f.severity,
            f.rule,
            one_line(&f.message)
        )?;
    }
    Ok(())
}

/// Messages quote flagged text, which may span lines; a line format must not.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
