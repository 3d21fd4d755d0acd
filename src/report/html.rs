//! `--format html`: one self-contained page an editor opens. An index of the
//! documents by score, then each document as a reader sees it with every flagged
//! span highlighted (a `<mark>` per span, linked to its finding), the findings
//! beside the text, the score as a small chart, and the archive passage next to the
//! article's for cross-document findings.
//!
//! Nothing is fetched: the style and script are inline and a Content-Security-Policy
//! forbids every other source. Every byte from a document goes through [`esc`].

use super::{summary_line, DocReport, Report};
use crate::doc::meta::BlockKind;
use crate::doc::view::View;
use crate::doc::Span;
use crate::finding::Finding;
use crate::rules::{Category, Severity};
use std::fmt::Write as _;
use std::io::{self, Write};

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Text for an element or a quoted attribute: markup characters become entities,
/// and control characters (other than line breaks and tabs, which HTML treats as
/// spaces) become visible escapes.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn sev_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// A finding's id in the page: document position and finding position.
fn finding_id(doc: usize, k: usize) -> String {
    format!("f{doc}-{k}")
}

/// Where a finding sits in the view's text; `None` for a document-level finding.
fn text_span(view: &View, f: &Finding) -> Option<Span> {
    let l = &f.location;
    if l.start >= l.end {
        return None;
    }
    Some(view.text_span(Span {
        start: l.start,
        end: l.end,
    }))
    .filter(|s| !s.is_empty())
}

/// The directory every reported and related path starts with ("" when none), so
/// the page can show paths without it.
fn common_dir(report: &Report) -> String {
    let mut paths = report.documents.iter().map(|d| &*d.path).chain(
        report
            .findings
            .iter()
            .flat_map(|f| f.related.iter().map(|r| &*r.path)),
    );
    let Some(first) = paths.next() else {
        return String::new();
    };
    let mut prefix = first.rfind('/').map_or("", |i| &first[..=i]);
    for p in paths {
        while !p.starts_with(prefix) {
            prefix = prefix[..prefix.len() - 1]
                .rfind('/')
                .map_or("", |i| &prefix[..=i]);
        }
    }
    prefix.to_string()
}

/// Shows `path` without the common directory; the full path is its tooltip.
struct Paths(String);

impl Paths {
    fn show(&self, path: &str) -> String {
        let short = path.strip_prefix(self.0.as_str()).unwrap_or(path);
        format!("<span title=\"{}\">{}</span>", esc(path), esc(short))
    }
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let paths = Paths(common_dir(report));
    // Lowest score first: what needs an editor most comes first.
    let mut order: Vec<usize> = (0..report.documents.len()).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (&report.documents[a], &report.documents[b]);
        da.score.total_cmp(&db.score).then(da.path.cmp(&db.path))
    });
    let one = report.documents.len() == 1;
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>factlint report</title>\n<style>\n{}{}</style>\n</head>\n<body>\n",
        STYLE,
        filter_style()
    )?;
    header(report, &paths, out)?;
    index(report, &order, &paths, out)?;
    writeln!(out, "<main>")?;
    for &i in &order {
        document(report, i, one, &paths, out)?;
    }
    writeln!(
        out,
        "</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>"
    )
}

/// Rules that hide what the filters turn off, one per severity and category.
fn filter_style() -> String {
    let mut css = String::new();
    let names = SEVERITIES
        .iter()
        .map(|&s| format!("sev-{}", sev_name(s)))
        .chain(Category::ALL.iter().map(|c| format!("cat-{c}")));
    for n in names {
        let _ = writeln!(
            css,
            ".hide-{n} li.{n} {{ display: none; }}\n\
             .hide-{n} mark.{n} {{ background: none; text-decoration: none; }}"
        );
    }
    css
}

fn header(report: &Report, paths: &Paths, out: &mut dyn Write) -> io::Result<()> {
    let within = if paths.0.is_empty() {
        String::new()
    } else {
        format!(" Paths are shown within <code>{}</code>.", esc(&paths.0))
    };
    writeln!(
        out,
        "<header>\n<h1>factlint report</h1>\n<p class=\"summary\">{}.{within}</p>",
        esc(&summary_line(report))
    )?;
    writeln!(out, "<form class=\"filters\" aria-label=\"Filters\">")?;
    write!(out, "<fieldset><legend>Severity</legend>")?;
    for s in SEVERITIES {
        let n = sev_name(s);
        write!(
            out,
            "<label class=\"chip sev-{n}\"><input type=\"checkbox\" checked data-hide=\"sev-{n}\"> {n}</label>"
        )?;
    }
    write!(out, "</fieldset>\n<fieldset><legend>Category</legend>")?;
    for c in Category::ALL {
        write!(
            out,
            "<label class=\"chip cat-{c}\"><input type=\"checkbox\" checked data-hide=\"cat-{c}\"> {c}</label>"
        )?;
    }
    writeln!(
        out,
        "</fieldset>\n<fieldset><legend>Documents</legend>\
         <button type=\"button\" data-open=\"1\">expand all</button> \
         <button type=\"button\" data-open=\"0\">collapse all</button></fieldset>\n</form>\n</header>"
    )
}

/// The largest points any document loses or gains in one category: the bars' scale.
fn bar_scale(report: &Report) -> f64 {
    report
        .documents
        .iter()
        .flat_map(|d| d.breakdown.values())
        .fold(10.0_f64, |m, p| m.max(p.abs()))
}

fn index(report: &Report, order: &[usize], paths: &Paths, out: &mut dyn Write) -> io::Result<()> {
    let scale = bar_scale(report);
    writeln!(
        out,
        "<section class=\"index\">\n<h2>Documents by score</h2>\n<table>\n<thead>\
         <tr><th rowspan=\"2\">document</th><th rowspan=\"2\">score</th>\
         <th colspan=\"{}\">points per category (as in the JSON breakdown)</th></tr>\n<tr>",
        Category::ALL.len()
    )?;
    for c in Category::ALL {
        write!(out, "<th>{c}</th>")?;
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    for &i in order {
        let d = &report.documents[i];
        write!(
            out,
            "<tr><td class=\"path\"><a href=\"#doc{i}\">{}</a></td>\
             <td class=\"score\"><span class=\"grade g{}\">{}</span> {:.1}</td>",
            paths.show(&d.path),
            d.grade,
            d.grade,
            d.score
        )?;
        for c in Category::ALL {
            let p = d.breakdown.get(&c).copied().unwrap_or(0.0);
            if p == 0.0 {
                write!(
                    out,
                    "<td class=\"bar-cell\"><span class=\"num\">·</span></td>"
                )?;
                continue;
            }
            let width = (p.abs() / scale * 5.0).min(5.0);
            let sign = if p > 0.0 { "plus" } else { "minus" };
            write!(
                out,
                "<td class=\"bar-cell\" title=\"{c}: {p:+.1} points\">\
                 <span class=\"num\">{}</span>\
                 <span class=\"bar {sign} cat-{c}\" style=\"width:{width:.2}rem\"></span></td>",
                super::points_cell(d, c)
            )?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")
}

fn document(
    report: &Report,
    i: usize,
    open: bool,
    paths: &Paths,
    out: &mut dyn Write,
) -> io::Result<()> {
    let d = &report.documents[i];
    let findings = report.findings_of(&d.path);
    let count = |s: Severity, one: &str, many: &str| {
        let n = findings.iter().filter(|f| f.severity == s).count();
        format!("{n} {}", if n == 1 { one } else { many })
    };
    writeln!(
        out,
        "<details class=\"doc\" id=\"doc{i}\"{}>\n<summary><span class=\"grade g{}\">{}</span> \
         <span class=\"score\">{:.1}</span> <span class=\"path\">{}</span> \
         <span class=\"counts\">{}, {}, {}</span></summary>",
        if open { " open" } else { "" },
        d.grade,
        d.grade,
        d.score,
        paths.show(&d.path),
        count(Severity::Error, "error", "errors"),
        count(Severity::Warning, "warning", "warnings"),
        count(Severity::Info, "info", "info")
    )?;
    meta(d, out)?;
    let view = report.views.get(i).copied().flatten();
    let spans: Vec<Option<Span>> = findings
        .iter()
        .map(|f| view.and_then(|v| text_span(v, f)))
        .collect();
    writeln!(out, "<div class=\"doc-grid\">")?;
    match view {
        Some(v) => article(v, findings, &spans, i, out)?,
        None => writeln!(
            out,
            "<article class=\"text missing\"><p>The text was not kept for this report.</p></article>"
        )?,
    }
    writeln!(out, "<ol class=\"findings\">")?;
    for (k, f) in findings.iter().enumerate() {
        card(f, spans[k].is_some(), (i, k), paths, out)?;
    }
    if findings.is_empty() {
        writeln!(out, "<li class=\"none\">No findings.</li>")?;
    }
    writeln!(out, "</ol>\n</div>")?;
    explain_chart(d, out)?;
    writeln!(out, "</details>")
}

fn meta(d: &DocReport, out: &mut dyn Write) -> io::Result<()> {
    let m = &d.metadata;
    let mut parts = Vec::new();
    if let Some(t) = &m.title {
        parts.push(format!("<strong>{}</strong>", esc(t)));
    }
    parts.push(if m.authors.is_empty() {
        "<em>no byline</em>".to_string()
    } else {
        format!("by {}", esc(&m.authors.join(", ")))
    });
    parts.push(match &m.publisher {
        Some(p) => esc(p),
        None => "<em>no publisher</em>".to_string(),
    });
    parts.push(match (&m.published, m.published_from) {
        (Some(date), Some("estimate")) => format!("{} (estimated)", esc(date)),
        (Some(date), _) => esc(date),
        (None, _) => "<em>no date</em>".to_string(),
    });
    writeln!(out, "<p class=\"doc-meta\">{}</p>", parts.join(" · "))?;
    if let Some(profile) = d.profile.summary() {
        writeln!(out, "<p class=\"profile\">{}</p>", esc(&profile))?;
    }
    Ok(())
}

/// The element a block is shown as, and its class.
fn block_tag(kind: BlockKind) -> (&'static str, &'static str) {
    match kind {
        BlockKind::Title => ("h3", "title"),
        BlockKind::Heading => ("h4", "heading"),
        BlockKind::Body => ("p", "body"),
        BlockKind::Boilerplate => ("p", "boilerplate"),
        BlockKind::Caption => ("p", "caption"),
        BlockKind::Meta => ("p", "meta"),
        BlockKind::Note => ("p", "note"),
    }
}

/// The opening tag of one finding's highlight; the first piece of a span carries
/// the id its finding links to.
fn mark_open(f: &Finding, doc: usize, k: usize, first: bool) -> String {
    let id = finding_id(doc, k);
    format!(
        "<mark class=\"sev-{} cat-{}\" data-rule=\"{}\" data-finding=\"{id}\"{} title=\"{}\">",
        sev_name(f.severity),
        f.category,
        esc(&f.rule),
        if first {
            format!(" id=\"m{id}\"")
        } else {
            String::new()
        },
        esc(&f.message)
    )
}

/// `text[span]` with the findings that overlap it highlighted. Overlapping
/// findings nest: the text is cut at every span boundary and each piece is wrapped
/// in the marks of every finding covering it, widest outermost.
fn highlighted(
    text: &str,
    span: Span,
    marks: &[(usize, Span)],
    findings: &[&Finding],
    doc: usize,
    started: &mut [bool],
) -> String {
    let mut cuts = vec![span.start, span.end];
    for (_, s) in marks {
        cuts.push(s.start.clamp(span.start, span.end));
        cuts.push(s.end.clamp(span.start, span.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut html = String::new();
    for w in cuts.windows(2) {
        let piece = Span {
            start: w[0],
            end: w[1],
        };
        let mut covering: Vec<&(usize, Span)> = marks
            .iter()
            .filter(|(_, s)| s.start <= piece.start && piece.end <= s.end)
            .collect();
        covering.sort_by_key(|(k, s)| (std::cmp::Reverse(s.len()), *k));
        for &&(k, _) in &covering {
            html.push_str(&mark_open(findings[k], doc, k, !started[k]));
            started[k] = true;
        }
        html.push_str(&esc(piece.slice(text)));
        for _ in &covering {
            html.push_str("</mark>");
        }
    }
    html
}

fn article(
    view: &View,
    findings: &[&Finding],
    spans: &[Option<Span>],
    doc: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut placed: Vec<(usize, Span)> = spans
        .iter()
        .enumerate()
        .filter_map(|(k, s)| s.map(|s| (k, s)))
        .collect();
    placed.sort_by_key(|(k, s)| (s.start, *k));
    let mut started = vec![false; findings.len()];
    writeln!(out, "<article class=\"text\">")?;
    // Blocks are in order and findings sorted by start, so one pass finds each
    // block's findings: those starting before its end and ending after its start.
    let mut from = 0;
    for b in &view.blocks {
        while from < placed.len() && placed[from].1.end <= b.span.start {
            from += 1;
        }
        let mine: Vec<(usize, Span)> = placed[from..]
            .iter()
            .take_while(|(_, s)| s.start < b.span.end)
            .filter(|(_, s)| s.end > b.span.start)
            .copied()
            .collect();
        let (tag, class) = block_tag(b.kind);
        writeln!(
            out,
            "<{tag} class=\"blk {class}\">{}</{tag}>",
            highlighted(&view.text, b.span, &mine, findings, doc, &mut started)
        )?;
    }
    // Spans outside every block (front matter, a line the parser set aside).
    let outside: Vec<(usize, Span)> = placed
        .iter()
        .filter(|(k, _)| !started[*k])
        .copied()
        .collect();
    if !outside.is_empty() {
        writeln!(
            out,
            "<div class=\"outside\"><h4>Flagged outside the article text</h4>"
        )?;
        for (k, s) in outside {
            writeln!(
                out,
                "<p class=\"blk meta\">{}</p>",
                highlighted(&view.text, s, &[(k, s)], findings, doc, &mut started)
            )?;
        }
        writeln!(out, "</div>")?;
    }
    writeln!(out, "</article>")
}

/// An excerpt of flagged or related text for a card, in at most `max` characters.
fn passage(text: &str, max: usize) -> String {
    esc(&crate::finding::excerpt(
        text,
        Span::new(0, text.len()),
        max,
    ))
}

fn card(
    f: &Finding,
    highlighted: bool,
    (doc, k): (usize, usize),
    paths: &Paths,
    out: &mut dyn Write,
) -> io::Result<()> {
    let id = finding_id(doc, k);
    let l = &f.location;
    let at = if highlighted {
        format!(
            "<a class=\"at\" href=\"#m{id}\">{}:{}</a>",
            l.line, l.column
        )
    } else if l.start == l.end {
        // Document-level (0/0, CONTRACT): no place in the text to point at.
        "<span class=\"at\">whole document</span>".to_string()
    } else {
        format!("<span class=\"at\">{}:{}</span>", l.line, l.column)
    };
    write!(
        out,
        "<li id=\"{id}\" class=\"finding sev-{s} cat-{c}\" data-rule=\"{rule}\">\
         <div class=\"card-head\">{at} <span class=\"badge sev-{s}\">{s}</span> \
         <span class=\"badge cat-{c}\">{c}</span> \
         <span class=\"points\">{points:+.1}</span></div>\
         <p class=\"msg\">{msg}</p>",
        s = sev_name(f.severity),
        c = f.category,
        rule = esc(&f.rule),
        points = f.points,
        msg = esc(&f.message)
    )?;
    if let Some(help) = &f.help {
        write!(out, "<p class=\"help\">{}</p>", esc(help))?;
    }
    if !highlighted && !l.text.is_empty() {
        write!(out, "<blockquote>{}</blockquote>", passage(&l.text, 300))?;
    }
    if !f.related.is_empty() {
        write!(
            out,
            "<div class=\"compare\"><figure><figcaption>this article, line {}</figcaption>\
             <blockquote>{}</blockquote></figure>",
            l.line,
            passage(&l.text, 400)
        )?;
        for r in &f.related {
            write!(
                out,
                "<figure><figcaption>{}, line {}</figcaption><blockquote>{}</blockquote></figure>",
                paths.show(&r.path),
                r.line,
                passage(&r.text, 400)
            )?;
        }
        write!(out, "</div>")?;
    }
    writeln!(
        out,
        "<p class=\"rule\"><code>{}</code></p></li>",
        esc(&f.rule)
    )
}

/// The score as a sum: a bar per rule, scaled to the rule that weighs most.
fn explain_chart(d: &DocReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"explain\"><h4>How the score was computed</h4>\n<table>\
         <tr><td class=\"label\">start</td><td></td><td class=\"num\">100</td></tr>"
    )?;
    let mut rows: Vec<(&String, &(Category, usize, f64))> = d.detail.by_rule.iter().collect();
    rows.sort_by(|a, b| a.1 .2.total_cmp(&b.1 .2).then(a.0.cmp(b.0)));
    let scale = rows.iter().fold(1.0_f64, |m, (_, r)| m.max(r.2.abs()));
    for (rule, (category, n, points)) in rows {
        let sign = if *points > 0.0 { "plus" } else { "minus" };
        writeln!(
            out,
            "<tr><td class=\"label\"><code>{}</code> × {n}</td><td class=\"bar-cell\">\
             <span class=\"bar {sign} cat-{category}\" style=\"width:{:.0}%\"></span></td>\
             <td class=\"num\">{points:+.1}</td></tr>",
            esc(rule),
            points.abs() / scale * 100.0
        )?;
    }
    for (category, (raw, cap)) in &d.detail.capped {
        writeln!(
            out,
            "<tr class=\"cap\"><td class=\"label\">{category} capped</td><td></td>\
             <td class=\"num\">{raw:+.1} → -{cap:.1}</td></tr>"
        )?;
    }
    writeln!(
        out,
        "<tr class=\"total\"><td class=\"label\">score (0–100)</td><td></td>\
         <td class=\"num\">{:.1} {}</td></tr>\n</table></section>",
        d.score, d.grade
    )
}

const STYLE: &str = r##":root { --error: #f6b8b8; --warning: #fde3a0; --info: #d6e6fb;
  --quotes: #7c3aed; --dates: #0f766e; --claims: #c2410c; --transparency: #475569;
  --consistency: #be185d; --references: #1d4ed8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1400px; padding: 0 1.5rem 4rem; color: #1f2328; background: #fff; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #d0d7de; padding: .5rem 0; z-index: 2; }
h1 { font-size: 1.3rem; margin: .3rem 0; }
h2 { font-size: 1.1rem; }
.summary { margin: .2rem 0; color: #57606a; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: .3rem; align-items: center; flex-wrap: wrap; }
legend { float: left; font-weight: 600; margin-right: .3rem; }
.chip { border-radius: 1rem; padding: 0 .5rem; font-size: .85rem; border: 1px solid #d0d7de; cursor: pointer; }
button { font: inherit; font-size: .85rem; }
.index table { border-collapse: collapse; width: 100%; }
.index th, .index td { padding: .2rem .4rem; border-bottom: 1px solid #eaeef2; text-align: left; }
.index th { font-weight: 600; font-size: .85rem; }
.index td.path { word-break: break-all; }
.index td.score { white-space: nowrap; }
.bar-cell { white-space: nowrap; }
.bar { display: inline-block; height: .8rem; vertical-align: middle; border-radius: 2px; }
.bar.minus { opacity: .75; }
.bar.plus { background: #2da44e !important; }
.num { font-variant-numeric: tabular-nums; font-size: .85rem; }
.index .num { display: inline-block; width: 2.8rem; text-align: right; margin-right: .4rem; }
.grade { display: inline-block; width: 1.6rem; text-align: center; border-radius: 4px; font-weight: 700; color: #fff; }
.gA { background: #1a7f37; } .gB { background: #4d9e3a; } .gC { background: #bf8700; } .gD { background: #d1581b; } .gF { background: #cf222e; }
details.doc { border: 1px solid #d0d7de; border-radius: 6px; margin: .8rem 0; }
details.doc > summary { cursor: pointer; padding: .5rem .8rem; background: #f6f8fa; font-size: 1rem; }
details.doc[open] > summary { border-bottom: 1px solid #d0d7de; }
summary .path { font-weight: 600; word-break: break-all; }
summary .counts { color: #57606a; font-size: .85rem; margin-left: .5rem; }
.doc-meta, .profile { margin: .4rem .8rem; }
.profile { color: #57606a; }
.doc-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; padding: 0 .8rem; }
@media (max-width: 900px) { .doc-grid { grid-template-columns: 1fr; } }
article.text { font: 16px/1.6 Georgia, serif; max-width: 44rem; }
article.text .blk.title { font-size: 1.3rem; }
article.text .boilerplate, article.text .meta, article.text .caption, article.text .note { color: #6e7781; font-size: .9em; }
.outside { border-top: 1px dashed #d0d7de; margin-top: 1rem; }
.outside h4 { font: 600 .85rem system-ui, sans-serif; color: #57606a; }
mark { background: none; color: inherit; cursor: pointer; text-decoration: underline 2px; text-underline-offset: 3px; border-radius: 2px; }
mark.sev-error { background: var(--error); } mark.sev-warning { background: var(--warning); } mark.sev-info { background: var(--info); }
mark.cat-quotes { text-decoration-color: var(--quotes); } mark.cat-dates { text-decoration-color: var(--dates); }
mark.cat-claims { text-decoration-color: var(--claims); } mark.cat-transparency { text-decoration-color: var(--transparency); }
mark.cat-consistency { text-decoration-color: var(--consistency); } mark.cat-references { text-decoration-color: var(--references); }
mark:target, mark.flash, li.flash { outline: 2px solid #0969da; }
ol.findings { list-style: none; padding: 0; margin: 1rem 0; position: sticky; top: 7rem; max-height: calc(100vh - 8rem); overflow: auto; align-self: start; }
li.finding { border-left: 4px solid #d0d7de; padding: .3rem .6rem; margin-bottom: .6rem; background: #fafbfc; }
li.finding.cat-quotes { border-color: var(--quotes); } li.finding.cat-dates { border-color: var(--dates); }
li.finding.cat-claims { border-color: var(--claims); } li.finding.cat-transparency { border-color: var(--transparency); }
li.finding.cat-consistency { border-color: var(--consistency); } li.finding.cat-references { border-color: var(--references); }
.card-head { font-size: .8rem; color: #57606a; }
.rule { margin: .2rem 0 0; font-size: .75rem; color: #57606a; }
.points { float: right; font-variant-numeric: tabular-nums; }
.badge { border-radius: 3px; padding: 0 .3rem; }
.badge.sev-error { background: var(--error); } .badge.sev-warning { background: var(--warning); } .badge.sev-info { background: var(--info); }
.badge[class*="cat-"] { color: #fff; }
.badge.cat-quotes, .bar.cat-quotes { background: var(--quotes); } .badge.cat-dates, .bar.cat-dates { background: var(--dates); }
.badge.cat-claims, .bar.cat-claims { background: var(--claims); } .badge.cat-transparency, .bar.cat-transparency { background: var(--transparency); }
.badge.cat-consistency, .bar.cat-consistency { background: var(--consistency); } .badge.cat-references, .bar.cat-references { background: var(--references); }
.chip.cat-quotes { border-color: var(--quotes); } .chip.cat-dates { border-color: var(--dates); } .chip.cat-claims { border-color: var(--claims); }
.chip.cat-transparency { border-color: var(--transparency); } .chip.cat-consistency { border-color: var(--consistency); } .chip.cat-references { border-color: var(--references); }
.chip.sev-error { background: var(--error); } .chip.sev-warning { background: var(--warning); } .chip.sev-info { background: var(--info); }
.msg { margin: .2rem 0; font-weight: 600; }
.help { margin: .2rem 0; color: #57606a; font-size: .9rem; }
blockquote { margin: .3rem 0; padding: .2rem .6rem; border-left: 3px solid #d0d7de; font: .9rem/1.45 Georgia, serif; background: #fff; }
.compare { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; }
.compare figure { margin: 0; }
.compare figcaption { font-size: .75rem; color: #57606a; word-break: break-all; }
.explain { padding: 0 .8rem .8rem; }
.explain h4 { margin: .6rem 0 .3rem; }
.explain table { border-collapse: collapse; font-size: .85rem; }
.explain td { padding: .1rem .4rem; }
.explain td.bar-cell { width: 14rem; }
.explain tr.total td { border-top: 1px solid #d0d7de; font-weight: 600; }
.explain td.num { text-align: right; white-space: nowrap; }
"##;

const SCRIPT: &str = r##"document.querySelectorAll('input[data-hide]').forEach(function (box) {
  box.addEventListener('change', function () {
    document.body.classList.toggle('hide-' + box.dataset.hide, !box.checked);
  });
});
document.querySelectorAll('button[data-open]').forEach(function (b) {
  b.addEventListener('click', function () {
    document.querySelectorAll('details.doc').forEach(function (d) { d.open = b.dataset.open === '1'; });
  });
});
function flash(el) {
  el.classList.add('flash');
  setTimeout(function () { el.classList.remove('flash'); }, 1200);
}
function reveal(id) {
  var el = document.getElementById(id);
  if (!el) return;
  var d = el.closest('details');
  if (d) d.open = true;
  el.scrollIntoView({ block: 'center' });
  flash(el);
}
document.addEventListener('click', function (e) {
  var m = e.target.closest('mark[data-finding]');
  if (m) { reveal(m.dataset.finding); return; }
  var a = e.target.closest('a[href^="#"]');
  if (a) { e.preventDefault(); reveal(a.getAttribute('href').slice(1)); }
});
if (location.hash) reveal(location.hash.slice(1));
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_bytes_cannot_become_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("a\x1b[2Jb\r\n"), "a\\x1b[2Jb\r\n");
    }
}
