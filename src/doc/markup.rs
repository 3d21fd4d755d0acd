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

/// HTML: the article text with tags dropped, character references decoded and block
/// elements separated by blank lines, plus the map back to raw offsets. Tokenised by
/// html5gum (WHATWG tokenizer: every named character reference, quoted attribute
/// values, comments, raw-text elements), whose tokens carry raw byte spans.
pub fn html(raw: &str, body_start: usize) -> Markup {
    let mut p = HtmlPass {
        b: HtmlBuilder {
            raw,
            m: Markup::default(),
        },
        skip_depth: Vec::new(),
        open_link: None,
        open_heading: None,
        open_sup: None,
        title: None,
    };
    p.b.replace(0, body_start, "");
    let mut from = body_start;
    while from < raw.len() {
        from = p.tokenize(from);
    }
    // Footnote refs from <sup> were recorded with raw spans; store text spans instead.
    let mut m = p.b.m;
    let refs = std::mem::take(&mut m.footnote_refs);
    m.footnote_refs = refs
        .into_iter()
        .map(|r| {
            let t = text_offset_of(&m.map, r.span.start);
            FootnoteRef {
                span: Span { start: t, end: t },
                label: r.label,
            }
        })
        .collect();
    m
}

/// A tag as the pass needs it: lower-case name, and the attributes it reads.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Raw span of the whole tag.
    span: Span,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

struct HtmlPass<'a> {
    b: HtmlBuilder<'a>,
    skip_depth: Vec<&'static str>,
    open_link: Option<(u32, String)>,
    open_heading: Option<u32>,
    open_sup: Option<(usize, u32)>,
    /// The `<title>` text read so far.
    title: Option<String>,
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl HtmlPass<'_> {
    /// Tokenises from `from` to the end of the file, or to where a tag swallowed
    /// markup (a stray quote in an attribute, `title="a>Text</p><p class="`): that
    /// tag ends at its first `>` instead, and the returned offset is where
    /// tokenising resumes. A quoted value never closed reaches the end of the file
    /// and is handled the same way; as no such quote is left after it, this happens
    /// at most once per kind of quote, so the work stays linear.
    fn tokenize(&mut self, from: usize) -> usize {
        let raw = self.b.raw;
        let mut emitter = html5gum::DefaultEmitter::<usize>::new_with_span();
        // Script, style, title and the like hold text, not tags, as in a browser.
        emitter.naively_switch_states(true);
        let span = |s: html5gum::Span<usize>| Span::new(from + s.start, from + s.end);
        let mut done = from;
        for token in html5gum::Tokenizer::new_with_emitter(&raw[from..], emitter) {
            let Ok(token) = token;
            match token {
                html5gum::Token::String(s) => {
                    let sp = span(s.span);
                    self.string(sp, &String::from_utf8_lossy(&s.value));
                    done = sp.end as usize;
                }
                html5gum::Token::StartTag(t) => {
                    let sp = span(t.span);
                    if let Some(gt) = swallowed_markup(raw, sp) {
                        self.tag(recovered_tag(raw, sp.start as usize, gt));
                        return gt;
                    }
                    let name = lossy(&t.name);
                    // Only links and meta tags have attributes the pass reads.
                    let attrs = match name.as_str() {
                        "a" | "meta" => (t.attributes.iter())
                            .map(|(k, v)| (lossy(k), lossy(&v.value)))
                            .collect(),
                        _ => Vec::new(),
                    };
                    self.tag(Tag {
                        name,
                        closing: false,
                        self_closing: t.self_closing,
                        span: sp,
                        attrs,
                    });
                    done = sp.end as usize;
                }
                html5gum::Token::EndTag(t) => {
                    let sp = span(t.span);
                    self.tag(Tag {
                        name: lossy(&t.name),
                        closing: true,
                        self_closing: false,
                        span: sp,
                        attrs: Vec::new(),
                    });
                    done = sp.end as usize;
                }
                html5gum::Token::Comment(c) => {
                    let sp = span(c.span);
                    self.b.replace(sp.start as usize, sp.end as usize, "");
                    done = sp.end as usize;
                }
                html5gum::Token::Doctype(d) => {
                    let sp = span(d.span);
                    self.b.replace(sp.start as usize, sp.end as usize, "");
                    done = sp.end as usize;
                }
                html5gum::Token::Error(_) => {}
            }
        }
        // What the tokenizer left at the end of the file is a tag it never saw closed.
        if done < raw.len() {
            match memchr::memchr(b'>', &raw.as_bytes()[done..]) {
                Some(p) if raw.as_bytes()[done] == b'<' => {
                    let gt = done + p + 1;
                    self.tag(recovered_tag(raw, done, gt));
                    return gt;
                }
                _ => self.b.replace(done, raw.len(), ""),
            }
        }
        raw.len()
    }

    fn string(&mut self, span: Span, decoded: &str) {
        if let Some(title) = &mut self.title {
            title.push_str(decoded);
        }
        if self.skip_depth.is_empty() {
            self.b.text(span.start as usize, span.end as usize, decoded);
        }
    }

    fn tag(&mut self, tag: Tag) {
        let (lt, gt) = (tag.span.start as usize, tag.span.end as usize);
        let name = tag.name.as_str();
        if name == "title" {
            if tag.closing {
                if let Some(title) = self.title.take() {
                    self.b
                        .m
                        .html_meta
                        .push(("title".into(), title.trim().to_string()));
                }
            } else {
                self.title = Some(String::new());
            }
        }
        if name == "meta" && !tag.closing {
            if let (Some(key), Some(content)) = (
                tag.attr("name").or_else(|| tag.attr("property")),
                tag.attr("content"),
            ) {
                self.b
                    .m
                    .html_meta
                    .push((key.to_ascii_lowercase(), content.to_string()));
            }
        }
        if let Some(&skipped) = SKIPPED_ELEMENTS.iter().find(|n| **n == name) {
            if !tag.self_closing {
                if tag.closing {
                    if let Some(pos) = self.skip_depth.iter().rposition(|n| *n == name) {
                        self.skip_depth.truncate(pos);
                    }
                } else {
                    self.skip_depth.push(skipped);
                }
                self.b.replace(lt, gt, "");
                return;
            }
        }
        if !self.skip_depth.is_empty() {
            self.b.replace(lt, gt, "");
            return;
        }
        let b = &mut self.b;
        let here = b.m.text.len() as u32;
        match (name, tag.closing) {
            ("a", false) => self.open_link = tag.attr("href").map(|h| (here, h.to_string())),
            ("a", true) => {
                if let Some((start, target)) = self.open_link.take() {
                    b.m.links.push(Link {
                        span: Span { start, end: here },
                        target,
                        kind: LinkKind::Inline,
                    });
                }
            }
            ("sup", false) => self.open_sup = Some((lt, here)),
            ("sup", true) => {
                if let Some((raw_start, start)) = self.open_sup.take() {
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
                        return;
                    }
                }
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => self.open_heading = Some(here + 2),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => {
                if let Some(start) = self.open_heading.take() {
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
    }
}

/// Where a start tag that swallowed other markup should have ended: just past its
/// first `>`, when a `<` follows that `>` inside the tag (a quoted value ran on).
fn swallowed_markup(raw: &str, tag: Span) -> Option<usize> {
    let inner = &raw.as_bytes()[tag.start as usize + 1..tag.end as usize];
    let gt = memchr::memchr(b'>', inner)?;
    memchr::memchr(b'<', &inner[gt..])?;
    Some(tag.start as usize + 1 + gt + 1)
}

/// A tag cut short at `gt` after a stray quote: its name only (the attributes are
/// unreliable).
fn recovered_tag(raw: &str, lt: usize, gt: usize) -> Tag {
    let inner = &raw[lt + 1..gt - 1];
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/');
    let name_end = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    Tag {
        name: body[..name_end].to_ascii_lowercase(),
        closing,
        self_closing: false,
        span: Span::new(lt, gt),
        attrs: Vec::new(),
    }
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
    /// Appends a text token: `raw[start..end]` as the tokenizer `decoded` it. Runs
    /// between character references are copied byte for byte; each reference (and
    /// only it) is a replaced piece, so spans map back exactly.
    fn text(&mut self, start: usize, end: usize, decoded: &str) {
        let raw = &self.raw[start..end];
        if raw == decoded || !raw.contains('&') {
            self.copy_collapsing(start, end);
            return;
        }
        let mut pieces = memchr::memchr_iter(b'&', raw.as_bytes()).peekable();
        let first = pieces.peek().copied().unwrap_or(raw.len());
        self.copy_collapsing(start, start + first);
        while let Some(amp) = pieces.next() {
            let piece_end = pieces.peek().copied().unwrap_or(raw.len());
            let piece = &raw[amp..piece_end];
            // The piece is one reference (or a lone `&`) and literal text up to the
            // next `&`: decoded alone, its literal tail is the suffix both share.
            let piece_decoded = decode_alone(piece);
            let (raw_ref, dec_ref) = reference_lengths(piece, &piece_decoded);
            if raw_ref > 0 {
                let with: String = piece_decoded[..dec_ref]
                    .chars()
                    // A no-break space written as a reference reads as a space (the rules'
                    // classes are ASCII), as line breaks do.
                    .map(|c| {
                        if matches!(c, '\n' | '\r' | '\t' | '\u{a0}') {
                            ' '
                        } else {
                            c
                        }
                    })
                    .collect();
                self.replace(start + amp, start + amp + raw_ref, &with);
            }
            self.copy_collapsing(start + amp + raw_ref, start + piece_end);
        }
    }

    /// Copies raw text; line breaks and tabs become spaces.
    fn copy_collapsing(&mut self, start: usize, end: usize) {
        let mut pos = start;
        for i in memchr::memchr3_iter(b'\n', b'\r', b'\t', &self.raw.as_bytes()[start..end]) {
            let at = start + i;
            self.copy(pos, at);
            self.replace(at, at + 1, " ");
            pos = at + 1;
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

/// Text as the tokenizer decodes it in ordinary content.
fn decode_alone(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for token in html5gum::Tokenizer::new(text) {
        if let Ok(html5gum::Token::String(s)) = token {
            out.push_str(&String::from_utf8_lossy(&s.value));
        }
    }
    out
}

/// Bytes of the reference at the start of `raw` and of what it decoded to at the
/// start of `decoded`: all but the longest suffix the two share, a raw CR LF or
/// lone CR matching the LF the tokenizer makes of it.
fn reference_lengths(raw: &str, decoded: &str) -> (usize, usize) {
    let (r, d) = (raw.as_bytes(), decoded.as_bytes());
    let (mut i, mut j) = (r.len(), d.len());
    while i > 0 {
        if j > 0 && r[i - 1] == d[j - 1] {
            i -= 1;
            j -= 1;
        } else if r[i - 1] == b'\r' && r.get(i) == Some(&b'\n') {
            i -= 1;
        } else if j > 0 && r[i - 1] == b'\r' && d[j - 1] == b'\n' {
            i -= 1;
            j -= 1;
        } else {
            break;
        }
    }
    // Whole characters: a shared suffix may start inside a multi-byte one.
    while !raw.is_char_boundary(i) {
        i += 1;
    }
    while !decoded.is_char_boundary(j) {
        j += 1;
    }
    (i, j)
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
        let raw = "<p>Smith & Partners’ report and Smith &amp; Robertson’s reply.</p>";
        let m = html(raw, 0);
        assert!(
            m.text
                .contains("Smith & Partners’ report and Smith & Robertson’s reply."),
            "{:?}",
            m.text
        );
        let at = m.text.find("Robertson’s").unwrap();
        let span = m.map.span_to_raw(Span::new(at, at + "Robertson’s".len()));
        assert_eq!(span.slice(raw), "Robertson’s");
        let amp = m.text.find("Smith & Robertson").unwrap() + "Smith ".len();
        assert_eq!(
            m.map.span_to_raw(Span::new(amp, amp + 1)).slice(raw),
            "&amp;"
        );
    }

    #[test]
    fn every_named_character_reference_is_decoded() {
        let raw = "<p>Caf&eacute; &Ocirc;t&eacute; &frac12; &hearts; &notin; &Scaron;koda \
                   &#150; &#x2019; &copy 2024 AT&T &unknownname;</p>";
        let m = html(raw, 0);
        assert_eq!(
            m.text.trim(),
            "Café Ôté ½ ♥ ∉ Škoda – ’ © 2024 AT&T &unknownname;"
        );
        let at = m.text.find('½').unwrap();
        let span = m.map.span_to_raw(Span::new(at, at + '½'.len_utf8()));
        assert_eq!(span.slice(raw), "&frac12;");
    }

    #[test]
    fn script_and_style_text_is_not_article_text() {
        let m = html(
            "<p>Kept.</p><script>if (a<b) { x = \"</p><p>Lost\"; }</script>\
             <style>p::after { content: \"<b>Lost</b>\" }</style><nav>Lost</nav><p>Also kept.</p>",
            0,
        );
        assert!(!m.text.contains("Lost"), "{:?}", m.text);
        assert!(m.text.contains("Kept.") && m.text.contains("Also kept."));
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
