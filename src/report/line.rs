//! `--format line`: one finding per line, `path:line:col: severity rule message`, the
//! shape compilers use, so grep, editors' quickfix lists and `sort` all understand it.
//! With `--explain`, each document's score follows on one line of its own.

use super::printable::printable_line;
use super::{RenderOptions, Report};

pub fn render(
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for f in &report.findings {
        writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            printable_line(&f.location.path),
            f.location.line,
            f.location.column,
            f.severity,
            f.rule,
            one_line(&f.message)
        )?;
    }
    if opts.explain {
        for d in &report.documents {
            writeln!(
                out,
                "{}: score {}",
                printable_line(&d.path),
                super::explain_inline(d)
            )?;
        }
    }
    Ok(())
}

/// Messages quote flagged text, which may span lines or hold control characters; a
/// line format must not.
pub fn one_line(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    printable_line(&flat).into_owned()
}
