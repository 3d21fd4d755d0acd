//! `--format markdown`: for pull-request comments. A summary table of the documents,
//! then each document's findings as a table with the flagged text, linked to its
//! line when `--link-base` is given. A comment on GitHub holds at most 65,536
//! characters, so the report stops before that and says what it left out.

use super::{explain, DocReport, RenderOptions, Report};
use crate::finding::Finding;
use crate::rules::Category;

/// GitHub's limit on a comment's length, in characters.
pub const COMMENT_LIMIT: usize = 65_536;
/// Room kept for the note on what was left out.
const NOTE_ROOM: usize = 400;
/// Characters of flagged text shown per finding.
const EXCERPT: usize = 80;

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

/// The flagged text, cut to [`EXCERPT`] characters at a word, in a table cell.
fn excerpt(text: &str) -> String {
    let flat = super::line::one_line(text);
    if flat.chars().count() <= EXCERPT {
        return cell(&flat);
    }
    let cut: String = flat.chars().take(EXCERPT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    cell(&format!("{cut}…"))
}

/// `line:column`, linked to `base + path + #L<line>` when there is a base.
fn position(f: &Finding, link_base: Option<&str>) -> String {
    let l = &f.location;
    let text = format!("{}:{}", l.line, l.column);
    match link_base {
        Some(base) if !base.is_empty() => {
            let path = l.path.strip_prefix("./").unwrap_or(&l.path);
            let sep = if base.ends_with('/') { "" } else { "/" };
            format!(
                "[{text}]({base}{sep}{}#L{})",
                super::sarif::uri(path.trim_start_matches('/')),
                l.line
            )
        }
        _ => text,
    }
}

/// How long a report may be: GitHub counts a comment in characters, a job summary
/// in bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Limit {
    Characters(usize),
    Bytes(usize),
}

impl Limit {
    fn size(self) -> usize {
        match self {
            Limit::Characters(n) | Limit::Bytes(n) => n,
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Limit::Characters(_) => "characters",
            Limit::Bytes(_) => "bytes",
        }
    }
}

/// Output that stops growing before `limit`, keeping room for a note.
struct Page<'w> {
    out: &'w mut dyn std::io::Write,
    used: usize,
    limit: usize,
    /// Whether `used` and `limit` count bytes (else characters).
    bytes: bool,
    full: bool,
}

impl Page<'_> {
    fn measure(&self, text: &str) -> usize {
        if self.bytes {
            text.len()
        } else {
            text.chars().count()
        }
    }

    /// Writes `text` if it fits; once something did not, nothing more is written.
    fn push(&mut self, text: &str) -> std::io::Result<bool> {
        let n = self.measure(text);
        if self.full || self.used + n + NOTE_ROOM > self.limit {
            self.full = true;
            return Ok(false);
        }
        self.used += n;
        self.out.write_all(text.as_bytes())?;
        Ok(true)
    }
}

pub fn render(
    report: &Report,
    opts: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    render_within(report, opts, Limit::Characters(COMMENT_LIMIT), out)
}

/// The markdown report within `limit`. A report that does not fit
/// puts the lowest scores first, keeps the documents table to half the page so that
/// findings follow it, and ends with a note of what it left out.
pub fn render_within(
    report: &Report,
    opts: &RenderOptions,
    limit: Limit,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let bytes = matches!(limit, Limit::Bytes(_));
    let mut docs: Vec<&DocReport> = report.documents.iter().collect();
    let mut whole = Vec::new();
    // No note is needed when it fits: the first attempt may use the note's room.
    let mut page = Page {
        out: &mut whole,
        used: 0,
        limit: limit.size() + NOTE_ROOM,
        bytes,
        full: false,
    };
    write_page(report, opts, &docs, usize::MAX, &mut page)?;
    if !page.full {
        return out.write_all(&whole);
    }
    drop(whole);
    docs.sort_by(|a, b| {
        a.score
            .total_cmp(&b.score)
            .then_with(|| a.path.cmp(&b.path))
    });
    let mut page = Page {
        out,
        used: 0,
        limit: limit.size(),
        bytes,
        full: false,
    };
    let shown = write_page(report, opts, &docs, limit.size() / 2, &mut page)?;
    let findings_left = report.findings.len() - shown.findings;
    let mut note = format!(
        "\n> **Cut short** to stay within {} {}, lowest scores first: \
         {findings_left} of {} findings",
        limit.size(),
        limit.unit(),
        report.findings.len()
    );
    if !opts.quiet && shown.rows < report.documents.len() {
        note.push_str(&format!(
            " and {} of {} document rows",
            report.documents.len() - shown.rows,
            report.documents.len()
        ));
    }
    note.push_str(" not shown. The full report: `--format json`, `sarif` or `html`.\n");
    page.out.write_all(note.as_bytes())
}

/// Rows of the documents table and findings a page showed.
struct Shown {
    rows: usize,
    findings: usize,
}

/// The report's documents in the order of `docs`, the table's rows stopping once
/// the page holds `table_room` characters.
fn write_page(
    report: &Report,
    opts: &RenderOptions,
    docs: &[&DocReport],
    table_room: usize,
    page: &mut Page,
) -> std::io::Result<Shown> {
    let mut shown = Shown {
        rows: 0,
        findings: 0,
    };
    if !opts.quiet {
        let mut head = format!(
            "## factlint report\n\n{}\n\nPoints per category, as in the JSON `breakdown` (· for none).\n\n| Document | Score | Grade |",
            super::summary_line(report)
        );
        for c in Category::ALL {
            head.push_str(&format!(" {c} |"));
        }
        head.push_str("\n| --- | ---: | :---: |");
        for _ in Category::ALL {
            head.push_str(" ---: |");
        }
        head.push('\n');
        page.push(&head)?;
        for d in docs {
            let mut row = format!("| {} | {:.1} | {} |", cell(&d.path), d.score, d.grade);
            for c in Category::ALL {
                row.push_str(&format!(" {} |", super::points_cell(d, c)));
            }
            row.push('\n');
            if page.used + page.measure(&row) > table_room || !page.push(&row)? {
                break;
            }
            shown.rows += 1;
        }
    }
    let link_base = opts.link_base.as_deref();
    for d in docs {
        let findings = report.findings_of(&d.path);
        if page.full || (findings.is_empty() && !opts.explain) {
            continue;
        }
        let mut head = format!("\n### {} — {:.1} ({})\n\n", cell(&d.path), d.score, d.grade);
        if let Some(profile) = d.profile.summary() {
            head.push_str(&format!("{profile}\n\n"));
        }
        if !findings.is_empty() {
            head.push_str("| Line | Severity | Rule | Message | Text |\n");
            head.push_str("| ---: | --- | --- | --- | --- |\n");
        }
        if !page.push(&head)? {
            break;
        }
        for f in findings {
            let row = format!(
                "| {} | {} | `{}` | {} | {} |\n",
                position(f, link_base),
                f.severity,
                f.rule,
                cell(&f.message),
                excerpt(&f.location.text)
            );
            if !page.push(&row)? {
                break;
            }
            shown.findings += 1;
        }
        if opts.explain {
            let mut block = String::from("\n```text\n");
            for line in explain(d) {
                block.push_str(&line);
                block.push('\n');
            }
            block.push_str("```\n");
            page.push(&block)?;
        }
    }
    if !opts.quiet && !report.suppressed.is_empty() {
        page.push(
            "\n### Suppressed inline (not scored)\n\n| Document | Line | Rule | Justification |\n\
             | --- | ---: | --- | --- |\n",
        )?;
        for f in &report.suppressed {
            let row = format!(
                "| {} | {} | `{}` | {} |\n",
                cell(&f.location.path),
                position(f, link_base),
                f.rule,
                cell(&super::justification(f))
            );
            if !page.push(&row)? {
                break;
            }
        }
    }
    Ok(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_in_their_column() {
        assert_eq!(cell("a | b\n`c` <i>"), "a \\| b \\`c\\` &lt;i&gt;");
    }

    #[test]
    fn excerpts_end_at_a_word() {
        assert_eq!(excerpt("short | text"), "short \\| text");
        let long = "word ".repeat(30);
        let e = excerpt(&long);
        assert!(e.ends_with("word…"), "{e}");
        assert!(e.chars().count() <= EXCERPT + 1);
    }

    #[test]
    fn a_page_stops_before_its_limit() {
        let mut buf = Vec::new();
        let mut page = Page {
            out: &mut buf,
            used: 0,
            limit: NOTE_ROOM + 10,
            bytes: false,
            full: false,
        };
        assert!(page.push("12345").unwrap());
        assert!(!page.push("123456").unwrap());
        // Once full, even what would fit is refused: the note follows at once.
        assert!(!page.push("1").unwrap());
        assert_eq!(buf, b"12345");
        // Counted in bytes, "é" is two.
        let mut buf = Vec::new();
        let mut page = Page {
            out: &mut buf,
            used: 0,
            limit: NOTE_ROOM + 3,
            bytes: true,
            full: false,
        };
        assert!(page.push("éa").unwrap());
        assert!(!page.push("é").unwrap());
    }
}
