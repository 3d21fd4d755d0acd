//! `--format table`: a summary row per document, then the findings per document.

use super::{explain, RenderOptions, Report};
use crate::rules::{Category, Severity};
use comfy_table::{presets, Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

fn new_table(opts: &RenderOptions) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = opts.width {
        t.force_no_tty();
        t.set_width(w);
    }
    if !opts.color {
        t.force_no_tty();
    }
    t
}

fn grade_color(grade: &str) -> Color {
    match grade {
        "A" => Color::Green,
        "B" => Color::DarkGreen,
        "C" => Color::Yellow,
        "D" => Color::DarkYellow,
        _ => Color::Red,
    }
}

fn severity_color(s: Severity) -> Color {
    match s {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Blue,
    }
}

pub fn render(
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if !opts.quiet {
        let mut summary = new_table(opts);
        let mut header = vec![
            Cell::new("document"),
            Cell::new("score"),
            Cell::new("grade"),
        ];
        header.extend(Category::ALL.iter().map(|c| Cell::new(c.as_str())));
        summary.set_header(header);
        for d in &report.documents {
            let mut grade = Cell::new(d.grade).set_alignment(CellAlignment::Center);
            if opts.color {
                grade = grade
                    .fg(grade_color(d.grade))
                    .add_attribute(Attribute::Bold);
            }
            let mut row = vec![
                Cell::new(&d.path),
                Cell::new(format!("{:.1}", d.score)).set_alignment(CellAlignment::Right),
                grade,
            ];
            row.extend(Category::ALL.iter().map(|c| {
                let n = d.counts.get(c).copied().unwrap_or(0);
                Cell::new(if n == 0 {
                    "·".to_string()
                } else {
                    n.to_string()
                })
                .set_alignment(CellAlignment::Right)
            }));
            summary.add_row(row);
        }
        writeln!(out, "{summary}")?;
    }
    for d in &report.documents {
        let findings = report.findings_of(&d.path);
        if findings.is_empty() && !opts.explain {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{} — {:.1} ({})", d.path, d.score, d.grade)?;
        if !findings.is_empty() {
            let mut t = new_table(opts);
            t.set_header(vec!["at", "severity", "rule", "message", "excerpt"]);
            for f in findings {
                let mut sev = Cell::new(f.severity.as_str());
                if opts.color {
                    sev = sev.fg(severity_color(f.severity));
                }
                let excerpt = crate::finding::excerpt(
                    &f.location.text,
                    crate::doc::Span::new(0, f.location.text.len()),
                    60,
                );
                t.add_row(vec![
                    Cell::new(format!("{}:{}", f.location.line, f.location.column)),
                    sev,
                    Cell::new(&f.rule),
                    Cell::new(&f.message),
                    Cell::new(excerpt),
                ]);
            }
            writeln!(out, "{t}")?;
        }
        if opts.explain {
            for line in explain(d) {
                writeln!(out, "{line}")?;
            }
        }
    }
    if !opts.quiet {
        writeln!(out)?;
        writeln!(out, "{}", super::summary_line(report))?;
    }
    Ok(())
}
