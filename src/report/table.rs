//! `--format table`: a summary line per document, then the findings per document.
//! Everything fits the width (`--width`, the terminal, or 120 in a pipe): paths are
//! shortened from the left, headers are never split, and a wider table gets wider
//! message and excerpt columns.

use super::printable::{printable, printable_line};
use super::{explain, points_cell, RenderOptions, Report};
use crate::rules::{Category, Severity};
use comfy_table::{
    presets, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width,
};

/// Width used when neither `--width` nor a terminal gives one.
const DEFAULT_WIDTH: usize = 120;

fn new_table(opts: &RenderOptions, width: usize) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(width as u16);
    if opts.width.is_some() || !opts.color {
        t.force_no_tty();
    }
    t
}

/// The width to lay out for: `--width`, else the terminal's.
fn layout_width(opts: &RenderOptions) -> usize {
    opts.width
        .map(usize::from)
        .or_else(|| Table::new().width().map(usize::from))
        .unwrap_or(DEFAULT_WIDTH)
        .max(40)
}

/// ANSI colour of a grade, for the summary written without comfy-table.
fn grade_sgr(grade: &str) -> &'static str {
    match grade {
        "A" => "1;32",
        "B" => "32",
        "C" => "33",
        "D" => "1;33",
        _ => "1;31",
    }
}

fn severity_color(s: Severity) -> Color {
    match s {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Blue,
    }
}

/// `path` in at most `max` characters, cut from the left ("…/file.txt") so the
/// file name stays readable.
pub fn shorten_left(path: &str, max: usize) -> String {
    let n = path.chars().count();
    if n <= max {
        return path.to_string();
    }
    let tail: String = path.chars().skip(n - max.saturating_sub(1)).collect();
    // Cut at a directory boundary when one is in view.
    match tail.find('/') {
        Some(i) if i + 1 < tail.len() => format!("…{}", &tail[i..]),
        _ => format!("…{tail}"),
    }
}

/// Category labels: full names when the width allows, else short ones that still
/// read as words.
fn category_label(c: Category, short: bool) -> &'static str {
    match (c, short) {
        (Category::Transparency, true) => "transp",
        (Category::Consistency, true) => "consist",
        (Category::References, true) => "refs",
        _ => c.as_str(),
    }
}

fn summary(
    report: &Report,
    opts: &RenderOptions,
    width: usize,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let paths: Vec<_> = report
        .documents
        .iter()
        .map(|d| printable_line(&d.path))
        .collect();
    let longest = paths.iter().map(|p| p.chars().count()).max().unwrap_or(0);
    // A column is its label or a value such as "-12.5", right-aligned after a space.
    let columns = |short: bool| -> Vec<usize> {
        Category::ALL
            .iter()
            .map(|&c| category_label(c, short).len().max(5) + 1)
            .collect()
    };
    const SCORE: usize = 9; // "  100.0 A"
    let full = columns(false);
    let fixed_full: usize = SCORE + full.iter().sum::<usize>();
    let short = width < fixed_full + longest.clamp(8, 40);
    let cols = if short { columns(true) } else { full };
    let fixed = SCORE + cols.iter().sum::<usize>();
    let doc_width = longest.max(8).min(width.saturating_sub(fixed)).max(8);

    let group = "points per category";
    let block: usize = cols.iter().sum::<usize>() - 1;
    let fill = block.saturating_sub(group.len() + 2);
    writeln!(
        out,
        "{:doc_width$}{:>SCORE$} {} {group} {}",
        "",
        "",
        "─".repeat(fill / 2),
        "─".repeat(fill - fill / 2)
    )?;
    write!(out, "{:doc_width$}{:>SCORE$}", "document", "score")?;
    for (&c, w) in Category::ALL.iter().zip(&cols) {
        write!(out, "{:>w$}", category_label(c, short))?;
    }
    writeln!(out)?;
    for (d, path) in report.documents.iter().zip(&paths) {
        let grade = if opts.color {
            format!("\x1b[{}m{}\x1b[0m", grade_sgr(d.grade), d.grade)
        } else {
            d.grade.to_string()
        };
        write!(
            out,
            "{:doc_width$}{:>7.1} {grade}",
            shorten_left(path, doc_width),
            d.score
        )?;
        for (&c, w) in Category::ALL.iter().zip(&cols) {
            write!(out, "{:>w$}", points_cell(d, c))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

pub fn render(
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let width = layout_width(opts);
    if !opts.quiet {
        summary(report, opts, width, out)?;
    }
    for d in &report.documents {
        let findings = report.findings_of(&d.path);
        if findings.is_empty() && !opts.explain {
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{} — {:.1} ({})",
            printable_line(&d.path),
            d.score,
            d.grade
        )?;
        if let Some(profile) = d.profile.summary() {
            writeln!(out, "  {profile}")?;
        }
        if !findings.is_empty() {
            let at: Vec<String> = findings
                .iter()
                .map(|f| format!("{}:{}", f.location.line, f.location.column))
                .collect();
            let at_width = at.iter().map(String::len).max().unwrap_or(2).max(2);
            // Borders and padding of four columns take 13; what is left goes to the
            // message (rule id under it) and the excerpt, which grows with the width.
            let rest = width
                .saturating_sub(13 + at_width + "severity".len())
                .max(20);
            let excerpt_width = rest * 2 / 5;
            let message_width = rest - excerpt_width;
            let mut t = new_table(opts, width);
            t.set_header(vec!["at", "severity", "finding", "excerpt"]);
            for (f, at) in findings.iter().zip(at) {
                let mut sev = Cell::new(f.severity.as_str());
                if opts.color {
                    sev = sev.fg(severity_color(f.severity));
                }
                // About three lines: word wrapping leaves some of each line empty.
                let excerpt = if f.location.start == f.location.end {
                    "(whole document)".to_string()
                } else {
                    crate::finding::excerpt(
                        &f.location.text,
                        crate::doc::Span::new(0, f.location.text.len()),
                        excerpt_width * 5 / 2,
                    )
                };
                t.add_row(vec![
                    Cell::new(at).set_alignment(CellAlignment::Right),
                    sev,
                    Cell::new(format!("{}\n{}", printable(&f.message), f.rule)),
                    Cell::new(printable(&excerpt)),
                ]);
            }
            let fixed = |w: usize| ColumnConstraint::Absolute(Width::Fixed(w as u16 + 2));
            t.set_constraints(vec![
                fixed(at_width),
                fixed("severity".len()),
                fixed(message_width),
                fixed(excerpt_width),
            ]);
            writeln!(out, "{t}")?;
        }
        if opts.explain {
            for line in explain(d) {
                writeln!(out, "{line}")?;
            }
        }
    }
    if !opts.quiet && !report.suppressed.is_empty() {
        writeln!(out)?;
        writeln!(out, "Suppressed inline (not scored):")?;
        for f in &report.suppressed {
            let l = &f.location;
            writeln!(
                out,
                "  {}:{}:{} {} — {}",
                printable_line(&l.path),
                l.line,
                l.column,
                f.rule,
                printable_line(&super::justification(f))
            )?;
        }
    }
    if !opts.quiet {
        writeln!(out)?;
        writeln!(out, "{}", super::summary_line(report))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shortened_from_the_left() {
        assert_eq!(shorten_left("seeds/a.txt", 20), "seeds/a.txt");
        assert_eq!(
            shorten_left("archive/2024/politics/story.txt", 16),
            "…/story.txt"
        );
        assert_eq!(shorten_left("a_very_long_file_name.txt", 10), "…_name.txt");
    }
}
