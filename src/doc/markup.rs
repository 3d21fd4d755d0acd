//! Markup layer: turns the raw file into the analysis text the extractors read.
//!
//! Plain text and Markdown keep their byte length: markup characters are blanked with
//! spaces, so a span in the analysis text is also a span in the raw file. HTML cannot
//! (tags and entities collapse), so it records an [`OffsetMap`] back to the raw file.
//! Plain text goes through the Markdown path too: scraped copy mixes links, footnote
//! markers and inline HTML into .txt files, and Markdown syntax is rare enough in
//! ordinary prose that treating it as markup costs nothing.

use super::span::Span;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// `[text](target)` or `<a href>`.
    Inline,
    /// `<https://…>`.
    Auto,
    /// A URL written out in the text.
    Bare,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Link {
    /// The link text (for bare URLs, the URL itself) in analysis-text coordinates.
    pub span: Span,
    pub target: String,
    pub kind: LinkKind,
}

/// A footnote marker in the text: `[^3]`, `<sup>3</sup>`, `³`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FootnoteRef {
    pub span: Span,
    pub label: String,
}

/// A footnote's text: `[^3]: …` or a numbered item in a notes section.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FootnoteDef {
    pub span: Span,
    pub label: String,
}

/// Maps analysis-text offsets back to raw-file offsets. Empty means identity.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

#[derive(Clone, Copy, Debug)]
struct Segment {
    text_start: u32,
    raw_start: u32,
    raw_end: u32,
    /// Copied byte for byte (else a replacement such as a decoded entity or a tag).
    copied: bool,
}

impl OffsetMap {
    pub fn is_identity(&self) -> bool {
        self.segments.is_empty()
    }

    /// Raw offset of text offset `t`. Inside a replaced piece, a start maps to the
    /// start of the raw piece and an end to its end, so spans widen rather than split.
    pub fn to_raw(&self, t: u32, is_end: bool) -> u32 {
        if self.segments.is_empty() {
            return t;
        }
        // An end maps to just after the character before it, so that it never jumps
        // over markup that follows the span.
        let probe = if is_end { t.saturating_sub(1) } else { t };
        let i = self.segments.partition_point(|s| s.text_start <= probe);
        if i == 0 {
            return 0;
        }
        let seg = self.segments[i - 1];
        if seg.copied {
            seg.raw_start
                .saturating_add(t - seg.text_start)
                .min(seg.raw_end)
        } else if is_end && t > seg.text_start {
            seg.raw_end
        } else {
            seg.raw_start
        }
    }

    pub fn span_to_raw(&self, span: Span) -> Span {
        Span {
            start: self.to_raw(span.start, false),
            end: self.to_raw(span.end, true),
        }
    }
}

/// The analysis text and the structure found while producing it.
#[derive(Debug, Default)]
pub struct Markup {
    pub text: String,
    pub map: OffsetMap,
    pub links: Vec<Link>,
    pub footnote_refs: Vec<FootnoteRef>,
    pub footnote_defs: Vec<FootnoteDef>,
    /// Heading text spans (Markdown `#` lines, HTML `<h1>`–`<h6>`).
    pub headings: Vec<Span>,
    /// Offsets of thematic breaks (`---`, `<hr>`): a notes section often follows one.
    pub breaks: Vec<u32>,
    /// `<title>` and `<meta name|property=… content=…>` pairs from HTML.
    pub html_meta: Vec<(String, String)>,
}

// ASCII-only classes throughout: Unicode-aware patterns fall off the DFA (GUIDE §11).
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]{0,3}(#{1,6})[ \t]+([^\n]*?)[ \t#]*$").unwrap());
static THEMATIC_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]{0,3}(?:-[ \t]*){3,}$|^[ \t]{0,3}(?:\*[ \t]*){3,}$|^[ \t]{0,3}(?:_[ \t]*){3,}$",
    )
    .unwrap()
});
static LINE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]*(?:>[ \t]?|[*+][ \t]+|-[ \t]*$)").unwrap());
static FOOTNOTE_DEF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]{0,3}\[\^([^\]\s]{1,20})\]:[ \t]*").unwrap());
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<image>!\[[^\]\n]*\]\([^)\n]*\))",
        r"|(?P<fnref>\[\^(?P<fnlabel>[^\]\s]{1,20})\])",
        r"|(?P<link>\[(?P<ltext>[^\]\n]*)\]\((?P<ltarget>[^)\s]*)(?:[ \t]+[^)\n]*)?\))",
        r"|(?P<auto><(?P<autotarget>(?:https?|mailto):[^>\s]+)>)",
        r"|(?P<sup><sup>[ \t]*(?P<suplabel>[0-9]{1,3}|[a-z]|[*])[ \t]*</sup>)",
        r"|(?P<comment><!--.*?-->)",
        r"|(?P<tag></?[A-Za-z][A-Za-z0-9]*(?:[ \t][^<>\n]*)?/?>)",
        r"|(?P<emph>\*{1,3})",
        r"|(?P<escape>\\[!-/:-@\[-`{-~])",
        r"|(?P<bare>(?:https?://|www\.)[A-Za-z0-9][^\s<>()\[\]]*[A-Za-z0-9/])",
    ))
    .unwrap()
});
static FENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ms)^[ \t]{0,3}```[^\n]*\n.*?(?:^[ \t]{0,3}```[ \t]*$|\z)").unwrap()
});
const SUPERSCRIPT_DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// Markdown and plain text: blank the markup, keep every byte offset.
/// `body_start` is where the article begins (after front matter).
pub fn markdown(raw: &str, body_start: usize) -> Markup {
    let mut bytes = raw.as_bytes().to_vec();
    let mut m = Markup::default();
    blank(&mut bytes, 0, body_start);
    if raw.starts_with('\u{feff}') {
        blank(&mut bytes, 0, 3);
    }
    let body = &raw[body_start..];
    let at = |i: usize| i + body_start;

    // Cheap bounds first: each pass scans the whole body, and most articles have no
    // fences, headings or footnote definitions, whose required bytes memchr rules out.
    let has = |needle: &[u8]| memchr::memmem::find(body.as_bytes(), needle).is_some();
    let (fences, headings, footnotes) = (has(b"```"), has(b"#"), has(b"[^"));
    // Every INLINE alternative starts with one of these bytes or a URL prefix.
    let inline = memchr::memchr3(b'[', b'<', b'*', body.as_bytes()).is_some()
        || memchr::memchr(b'\\', body.as_bytes()).is_some()
        || has(b"http")
        || has(b"www.");
    // THEMATIC_BREAK and LINE_MARKER match only lines whose first byte after spaces
    // and tabs is one of their markers; one look at each line start rules them out.
    let (mut rule_lead, mut marker_lead) = (false, false);
    for start in
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', body.as_bytes()).map(|i| i + 1))
    {
        let lead = body.as_bytes()[start..]
            .iter()
            .find(|&&b| b != b' ' && b != b'\t');
        match lead {
            Some(b'-' | b'*') => (rule_lead, marker_lead) = (true, true),
            Some(b'_') => rule_lead = true,
            Some(b'>' | b'+') => marker_lead = true,
            _ => {}
        }
    }
    let mut code = Vec::new();
    for f in fences.then(|| FENCE.find_iter(body)).into_iter().flatten() {
        blank(&mut bytes, at(f.start()), at(f.end()));
        code.push(Span::new(at(f.start()), at(f.end())));
    }
    let in_code = |i: usize| code.iter().any(|c| c.range().contains(&i));

    for c in headings
        .then(|| HEADING.captures_iter(body))
        .into_iter()
        .flatten()
    {
        let (whole, hashes, content) = (c.get(0).unwrap(), c.get(1).unwrap(), c.get(2).unwrap());
        if in_code(at(whole.start())) {
            continue;
        }
        blank(&mut bytes, at(hashes.start()), at(hashes.end()));
        blank(&mut bytes, at(content.end()), at(whole.end()));
        m.headings
            .push(Span::new(at(content.start()), at(content.end())));
    }
    for b in rule_lead
        .then(|| THEMATIC_BREAK.find_iter(body))
        .into_iter()
        .flatten()
    {
        if !in_code(at(b.start())) {
            blank(&mut bytes, at(b.start()), at(b.end()));
            m.breaks.push(at(b.start()) as u32);
        }
    }
    for l in marker_lead
        .then(|| LINE_MARKER.find_iter(body))
        .into_iter()
        .flatten()
    {
        if !in_code(at(l.start())) {
            blank(&mut bytes, at(l.start()), at(l.end()));
        }
    }
    for c in footnotes
        .then(|| FOOTNOTE_DEF.captures_iter(body))
        .into_iter()
        .flatten()
    {
        let whole = c.get(0).unwrap();
        let line_end = body[whole.end()..]
            .find('\n')
            .map_or(body.len(), |e| whole.end() + e);
        blank(&mut bytes, at(whole.start()), at(whole.end()));
        m.footnote_defs.push(FootnoteDef {
            span: Span::new(at(whole.end()), at(line_end)),
            label: c[1].to_string(),
        });
    }
    for c in inline
        .then(|| INLINE.captures_iter(body))
        .into_iter()
        .flatten()
    {
        let whole = c.get(0).unwrap();
        let (s, e) = (at(whole.start()), at(whole.end()));
        if in_code(s) {
            continue;
        }
        if c.name("image").is_some() || c.name("comment").is_some() || c.name("tag").is_some() {
            blank(&mut bytes, s, e);
        } else if let Some(label) = c.name("fnlabel") {
            blank(&mut bytes, s, e);
            m.footnote_refs.push(FootnoteRef {
                span: Span::new(s, e),
                label: label.as_str().into(),
            });
        } else if let Some(label) = c.name("suplabel") {
            blank(&mut bytes, s, e);
            m.footnote_refs.push(FootnoteRef {
                span: Span::new(s, e),
                label: label.as_str().into(),
            });
        } else if let Some(text) = c.name("ltext") {
            let target = c.name("ltarget").unwrap();
            blank(&mut bytes, s, at(text.start()));
            blank(&mut bytes, at(text.end()), e);
            m.links.push(Link {
                span: Span::new(at(text.start()), at(text.end())),
                target: target.as_str().to_string(),
                kind: LinkKind::Inline,
            });
        } else if let Some(target) = c.name("autotarget") {
            blank(&mut bytes, s, s + 1);
            blank(&mut bytes, e - 1, e);
            m.links.push(Link {
                span: Span::new(at(target.start()), at(target.end())),
                target: target.as_str().to_string(),
                kind: LinkKind::Auto,
            });
        } else if c.name("emph").is_some() {
            if is_emphasis(body, whole.start(), whole.end()) {
                blank(&mut bytes, s, e);
            }
        } else if c.name("escape").is_some() {
            blank(&mut bytes, s, s + 1);
        } else if c.name("bare").is_some() {
            m.links.push(Link {
                span: Span::new(s, e),
                target: whole.as_str().to_string(),
                kind: LinkKind::Bare,
            });
        }
    }
    for (i, ch) in body.char_indices() {
        if let Some(d) = SUPERSCRIPT_DIGITS.iter().position(|&s| s == ch) {
            m.footnote_refs.push(FootnoteRef {
                span: Span::new(at(i), at(i + ch.len_utf8())),
                label: d.to_string(),
            });
        }
    }
    m.footnote_refs.sort_by_key(|r| r.span);
    m.links.sort_by_key(|l| l.span);
    m.headings.sort();
    m.breaks.sort();
    // Only ASCII markup bytes were replaced by ASCII spaces, so this stays UTF-8.
    m.text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    m
}

/// A run of `*` is emphasis when it hugs a word on one side (`**bold**`, `*x*`),
/// not when it stands alone between spaces (`2 * 3`).
fn is_emphasis(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    word(before) != word(after) || (word(before) && word(after) && end - start >= 2)
}

fn blank(bytes: &mut [u8], start: usize, end: usize) {
    let end = end.min(bytes.len());
    for b in &mut bytes[start..end] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

/// Elements whose content is not article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "footer", "aside", "form",
    "button", "select", "head",
];
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "blockquote",
    "tr",
    "table",
    "figure",
    "figcaption",
    "header",
    "main",
    "hr",
    "dd",
    "dt",
    "dl",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "body",
    "html",
];

/// HTML: the article text with tags dropped, entities decoded and block elements
/// separated by blank lines, plus the map back to raw offsets.
pub fn html(raw: &str, body_start: usize) -> Markup {
    let mut b = HtmlBuilder {
        raw,
        m: Markup::default(),
    };
    b.replace(0, body_start, "");
    let mut i = body_start;
    let mut skip_depth: Vec<&str> = Vec::new();
    let mut open_link: Option<(u32, String)> = None;
    let mut open_heading: Option<u32> = None;
    let mut open_sup: Option<(usize, u32)> = None;
    let mut in_title: Option<usize> = None;
    let bytes = raw.as_bytes();
    let mut no_quote_from = [usize::MAX; 2];
    while i < raw.len() {
        let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| p + i) else {
            if skip_depth.is_empty() {
                b.text(i, raw.len());
            }
            break;
        };
        if skip_depth.is_empty() && lt > i {
            b.text(i, lt);
        }
        if raw[lt..].starts_with("<!--") {
            let end = raw[lt..].find("-->").map_or(raw.len(), |e| lt + e + 3);
            b.replace(lt, end, "");
            i = end;
            continue;
        }
        // `a < b` is text: a tag opens with a letter, `/`, `!` or `?`.
        let opens_tag = bytes
            .get(lt + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'));
        if !opens_tag {
            if skip_depth.is_empty() {
                b.text(lt, lt + 1);
            }
            i = lt + 1;
            continue;
        }
        let Some(gt) = tag_end(bytes, lt, &mut no_quote_from) else {
            b.text(lt, raw.len());
            break;
        };
        let tag = Tag::parse(&raw[lt + 1..gt - 1]);
        let name = tag.name.as_str();
        if name == "title" {
            if tag.closing {
                if let Some(start) = in_title.take() {
                    let title = decode_entities(&raw[start..lt]);
                    b.m.html_meta
                        .push(("title".into(), title.trim().to_string()));
                }
            } else {
                in_title = Some(gt);
            }
        }
        if name == "meta" {
            if let (Some(key), Some(content)) = (
                tag.attr("name").or_else(|| tag.attr("property")),
                tag.attr("content"),
            ) {
                b.m.html_meta
                    .push((key.to_ascii_lowercase(), decode_entities(content)));
            }
        }
        if SKIPPED_ELEMENTS.contains(&name) && !tag.self_closing {
            if tag.closing {
                if let Some(pos) = skip_depth.iter().rposition(|n| *n == name) {
                    skip_depth.truncate(pos);
                }
            } else {
                skip_depth.push(
                    SKIPPED_ELEMENTS
                        .iter()
                        .find(|n| **n == name)
                        .copied()
                        .unwrap_or("div"),
                );
            }
            b.replace(lt, gt, "");
            i = gt;
            continue;
        }
        if !skip_depth.is_empty() {
            b.replace(lt, gt, "");
            i = gt;
            continue;
        }
        let here = b.m.text.len() as u32;
        match (name, tag.closing) {
            ("a", false) => open_link = tag.attr("href").map(|h| (here, decode_entities(h))),
            ("a", true) => {
                if let Some((start, target)) = open_link.take() {
                    b.m.links.push(Link {
                        span: Span { start, end: here },
                        target,
                        kind: LinkKind::Inline,
                    });
                }
            }
            ("sup", false) => open_sup = Some((lt, here)),
            ("sup", true) => {
                if let Some((raw_start, start)) = open_sup.take() {
                    let label = b.m.text[start as usize..].trim().to_string();
                    if !label.is_empty()
                        && label.len() <= 3
                        && label.chars().all(|c| c.is_ascii_alphanumeric())
                    {
                        b.m.text.truncate(start as usize);
                        b.m.map.segments.retain(|s| s.text_start < start);
                        b.replace(raw_start, gt, "");
                        b.m.footnote_refs.push(FootnoteRef {
                            span: Span::new(raw_start, gt),
                            label,
                        });
                        i = gt;
                        continue;
                    }
                }
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => open_heading = Some(here + 2),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => {
                if let Some(start) = open_heading.take() {
                    let span = Span {
                        start: start.min(here),
                        end: here,
                    };
                    let t = span.slice(&b.m.text);
                    let trimmed = Span::new(
                        span.start as usize + (t.len() - t.trim_start().len()),
                        span.end as usize - (t.len() - t.trim_end().len()),
                    );
                    if !trimmed.is_empty() {
                        b.m.headings.push(trimmed);
                    }
                }
            }
            _ => {}
        }
        if name == "hr" {
            b.m.breaks.push(here);
        }
        let sep = if name == "br" {
            "\n"
        } else if BLOCK_ELEMENTS.contains(&name) {
            "\n\n"
        } else {
            ""
        };
        b.replace(lt, gt, sep);
        i = gt;
    }
    // Footnote refs from <sup> were recorded with raw spans; store text spans instead.
    let refs = std::mem::take(&mut b.m.footnote_refs);
    b.m.footnote_refs = refs
        .into_iter()
        .map(|r| {
            let t = text_offset_of(&b.m.map, r.span.start);
            FootnoteRef {
                span: Span { start: t, end: t },
                label: r.label,
            }
        })
        .collect();
    b.m
}

/// Just past the `>` that closes the tag opening at `lt`; a `>` inside a quoted
/// attribute value (`title="a>b"`) does not close it. A value whose closing quote
/// is missing, or comes only after another `<` (broken markup, or a stray quote
/// swallowing the article), falls back to the first `>`. `no_quote_from[q]` is where
/// quote `q` (`"`, `'`) is known to have no partner left in the file, so that many
/// unterminated values cost one scan to the end, not one each.
fn tag_end(bytes: &[u8], lt: usize, no_quote_from: &mut [usize; 2]) -> Option<usize> {
    let first_gt = || memchr::memchr(b'>', &bytes[lt..]).map(|p| p + lt + 1);
    let mut i = lt + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i + 1),
            b'=' => {
                let value = i
                    + 1
                    + bytes[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_whitespace())
                        .count();
                let Some(&quote @ (b'"' | b'\'')) = bytes.get(value) else {
                    i = value;
                    continue;
                };
                let slot = usize::from(quote == b'\'');
                let close = (value + 1 < no_quote_from[slot])
                    .then(|| memchr::memchr(quote, &bytes[value + 1..]))
                    .flatten()
                    .map(|p| p + value + 1);
                match close {
                    Some(c) if memchr::memchr(b'<', &bytes[value + 1..c]).is_none() => i = c + 1,
                    Some(_) => return first_gt(),
                    None => {
                        no_quote_from[slot] = no_quote_from[slot].min(value + 1);
                        return first_gt();
                    }
                }
            }
            _ => i += 1,
        }
    }
    None
}

fn text_offset_of(map: &OffsetMap, raw: u32) -> u32 {
    let i = map.segments.partition_point(|s| s.raw_start <= raw);
    if i == 0 {
        return 0;
    }
    map.segments[i - 1].text_start
}

struct HtmlBuilder<'a> {
    raw: &'a str,
    m: Markup,
}

impl HtmlBuilder<'_> {
    /// Copy raw text, decoding entities; whitespace runs collapse to one space.
    fn text(&mut self, start: usize, end: usize) {
        let chunk = &self.raw[start..end];
        let mut pos = start;
        for (i, c) in chunk.char_indices() {
            let at = start + i;
            if at < pos {
                continue;
            }
            if c == '&' {
                if let Some((decoded, len)) = entity_at(&chunk[i..]) {
                    self.copy(pos, at);
                    self.replace(at, at + len, decoded.encode_utf8(&mut [0; 4]));
                    pos = at + len;
                }
            } else if c == '\n' || c == '\r' || c == '\t' {
                self.copy(pos, at);
                self.replace(at, at + 1, " ");
                pos = at + 1;
            }
        }
        self.copy(pos, end);
    }

    fn copy(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        self.m.map.segments.push(Segment {
            text_start: self.m.text.len() as u32,
            raw_start: start as u32,
            raw_end: end as u32,
            copied: true,
        });
        self.m.text.push_str(&self.raw[start..end]);
    }

    fn replace(&mut self, start: usize, end: usize, with: &str) {
        self.m.map.segments.push(Segment {
            text_start: self.m.text.len() as u32,
            raw_start: start as u32,
            raw_end: end as u32,
            copied: false,
        });
        self.m.text.push_str(with);
    }
}

struct Tag<'a> {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: &'a str,
}

impl<'a> Tag<'a> {
    fn parse(inner: &'a str) -> Self {
        let closing = inner.starts_with('/');
        let body = inner.trim_start_matches('/');
        let name_end = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len());
        Tag {
            name: body[..name_end].to_ascii_lowercase(),
            closing,
            self_closing: inner.ends_with('/'),
            attrs: &body[name_end..],
        }
    }

    fn attr(&self, key: &str) -> Option<&'a str> {
        let lower = self.attrs.to_ascii_lowercase();
        let mut from = 0;
        while let Some(p) = lower[from..].find(key) {
            let at = from + p;
            from = at + key.len();
            let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
            let rest = self.attrs[from..].trim_start();
            if !before_ok || !rest.starts_with('=') {
                continue;
            }
            let rest = rest[1..].trim_start();
            return Some(match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            });
        }
        None
    }
}

/// Decodes `&name;` / `&#N;` / `&#xN;` at the start of `s`: the character and the
/// entity's length in bytes.
fn entity_at(s: &str) -> Option<(char, usize)> {
    // Searched in bytes: the 12th byte may fall inside a character ("& Partners’").
    let end = memchr::memchr(b';', &s.as_bytes()[..s.len().min(12)])?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "laquo" => '«',
            "raquo" => '»',
            "bdquo" => '„',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "copy" => '©',
            "eacute" => 'é',
            "egrave" => 'è',
            "agrave" => 'à',
            "ccedil" => 'ç',
            "euro" => '€',
            "pound" => '£',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        match entity_at(&rest[p..]) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[p + len..];
            }
            None => {
                out.push('&');
                rest = &rest[p + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_offsets_and_records_links() {
        let raw = "# Title\n\nSee **the** [report](https://x.org/r) and [gone](#).<sup>2</sup>\n";
        let m = markdown(raw, 0);
        assert_eq!(m.text.len(), raw.len());
        assert_eq!(m.headings.len(), 1);
        assert_eq!(m.headings[0].slice(raw), "Title");
        assert_eq!(m.links.len(), 2);
        assert_eq!(m.links[0].span.slice(&m.text), "report");
        assert_eq!(m.links[1].target, "#");
        assert_eq!(m.footnote_refs[0].label, "2");
        assert!(m.text.contains("See   the    report"), "{:?}", m.text);
        assert!(!m.text.contains("<sup>"));
    }

    #[test]
    fn multiplication_is_not_emphasis() {
        let m = markdown("2 * 3 and *x*", 0);
        assert_eq!(m.text, "2 * 3 and  x ");
    }

    #[test]
    fn footnote_definitions_and_refs() {
        let m = markdown("Claim.[^a]\n\n[^a]: Source, 2020.\n", 0);
        assert_eq!(m.footnote_refs[0].label, "a");
        assert_eq!(m.footnote_defs[0].label, "a");
        assert_eq!(m.footnote_defs[0].span.slice(&m.text), "Source, 2020.");
    }

    #[test]
    fn html_text_links_and_map() {
        let raw = "<html><head><title>T &amp; U</title><meta name=\"author\" content=\"Ann Lee\"></head>\
                   <body><h1>Head</h1><p>He said &ldquo;hi&rdquo; <a href=\"https://e.org\">here</a>.<sup>1</sup></p>\
                   <script>var x = 1;</script></body></html>";
        let m = html(raw, 0);
        assert!(m.text.contains("He said “hi” here."), "{:?}", m.text);
        assert!(!m.text.contains("var x"));
        assert_eq!(m.html_meta[0], ("title".into(), "T & U".into()));
        assert_eq!(m.html_meta[1], ("author".into(), "Ann Lee".into()));
        let link = &m.links[0];
        assert_eq!(link.span.slice(&m.text), "here");
        assert_eq!(m.map.span_to_raw(link.span).slice(raw), "here");
        let hi = m.text.find("“hi”").unwrap();
        let span = m.map.span_to_raw(Span::new(hi, hi + "“hi”".len()));
        assert_eq!(span.slice(raw), "&ldquo;hi&rdquo;");
        assert_eq!(m.headings[0].slice(&m.text), "Head");
        assert_eq!(m.footnote_refs[0].label, "1");
    }

    #[test]
    fn an_ampersand_before_multibyte_text_is_text() {
        let raw = "<p>Smith & Partners’ report was published.</p>";
        let m = html(raw, 0);
        assert!(m.text.contains("Smith & Partners’ report"), "{:?}", m.text);
        assert_eq!(decode_entities("& Partners’ x &amp;"), "& Partners’ x &");
        assert_eq!(decode_entities("&ééééééé;"), "&ééééééé;");
    }

    #[test]
    fn a_quoted_gt_does_not_end_a_tag() {
        let m = html("<p title=\"a>b\" class='c>d'>Text here.</p>", 0);
        assert_eq!(m.text.trim(), "Text here.");
        // An unterminated value or one running into the next tag ends at the first `>`.
        let m = html("<p title=\"a>Kept.</p><p>Also kept.</p>", 0);
        assert!(
            m.text.contains("Kept.") && m.text.contains("Also kept."),
            "{:?}",
            m.text
        );
        let m = html("<p title=\"a>First.</p><p class=\"b\">Second.</p>", 0);
        assert!(
            m.text.contains("First.") && m.text.contains("Second."),
            "{:?}",
            m.text
        );
    }

    #[test]
    fn a_less_than_sign_in_prose_is_text() {
        let m = html("<p>Turnout was 3 < 5 per cent and rising > 2.</p>", 0);
        assert!(
            m.text.contains("3 < 5 per cent and rising > 2."),
            "{:?}",
            m.text
        );
    }
}
