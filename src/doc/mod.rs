//! The document model: parsed once per document and shared by every rule.
//!
//! All spans are byte offsets into `text`, the analysis text. For plain text and
//! Markdown `text` has the same length as the raw file (markup is blanked), so the
//! spans are also raw-file offsets; for HTML, [`Document::raw_span`] maps them back.

pub mod decode;
pub mod frontmatter;
pub mod markup;
pub mod meta;
pub mod quoted;
pub mod segment;
pub mod span;
pub mod view;

use decode::Encoding;
use frontmatter::FrontMatter;
use markup::{FootnoteDef, FootnoteRef, Link, Markup, OffsetMap};
use meta::{Block, BlockKind, Metadata};
use quoted::Quoted;
use serde::Serialize;
pub use span::{LineCol, LineIndex, Span};
use std::sync::Arc;

/// Index of a document in the sorted input order.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub struct DocId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Plain,
    Markdown,
    Html,
}

impl Format {
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Format::Markdown
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            Format::Html
        } else {
            Format::Plain
        }
    }
}

/// Front matter is a few keys; more than this is not parsed (a finding says so).
const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Something wrong with the input itself, reported by the `input` rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Unreadable(String),
    /// Not UTF-8; decoded as this encoding (UTF-16 or, failing all else,
    /// Windows-1252).
    Encoding(&'static str),
    TooLarge {
        size: u64,
        limit: u64,
    },
    FrontMatter(String),
    /// factlint itself failed on this document (a bug): the panic's message.
    Internal(String),
    /// No letter or digit outside the front matter and markup: nothing to check.
    Empty,
}

impl Problem {
    /// Whether the document's text could not be analysed at all (not read, or
    /// nothing in it): only the `input` rules apply to it.
    pub fn leaves_nothing_to_check(&self) -> bool {
        matches!(
            self,
            Problem::Unreadable(_) | Problem::TooLarge { .. } | Problem::Empty
        )
    }
}

/// A sentence and the paragraph (block) it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    pub block: u32,
}

/// What the parser needs besides the bytes.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// Outlet names that identify a masthead line (from the sources data).
    pub outlets: Vec<String>,
}

#[derive(Debug)]
pub struct Document {
    pub id: DocId,
    /// The path as given on the command line, with `/` separators; shared with
    /// the findings located in the document.
    pub path: Arc<str>,
    pub format: Format,
    /// The file as read (decoded); offsets in reports refer to it.
    pub raw: String,
    /// The analysis text: what the extractors read.
    pub text: String,
    map: OffsetMap,
    lines: LineIndex,
    /// The article after any front matter, in `text` coordinates.
    pub body: Span,
    pub front_matter: Option<FrontMatter>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub links: Vec<Link>,
    pub footnote_refs: Vec<FootnoteRef>,
    pub footnote_defs: Vec<FootnoteDef>,
    pub headings: Vec<Span>,
    pub quoted: Vec<Quoted>,
    pub metadata: Metadata,
    pub problems: Vec<Problem>,
}

impl Document {
    /// Parses a document from its bytes. Never fails: problems become [`Problem`]s.
    pub fn parse(id: DocId, path: String, bytes: Vec<u8>, opts: &ParseOptions) -> Document {
        let format = Format::from_path(&path);
        let (raw, encoding) = decode::decode(bytes);
        let mut problems = Vec::new();
        if encoding != Encoding::Utf8 {
            problems.push(Problem::Encoding(encoding.name()));
        }
        let bom = if raw.starts_with('\u{feff}') { 3 } else { 0 };
        let (front_matter, body_start) = match frontmatter::find(&raw, bom) {
            Some((yaml_start, end)) => {
                // The closing fence may end in any whitespace `find` allows (a
                // no-break space too): trimmed all, the text ends in the 3-byte fence.
                let yaml_end = raw[..end].trim_end().len().saturating_sub(3);
                let yaml = &raw[yaml_start..yaml_end.max(yaml_start)];
                let parsed = crate::yaml::check_yaml_shape(yaml, MAX_FRONT_MATTER_BYTES)
                    .map_err(|(line, column, e)| format!("{e} (line {line} column {column})"))
                    .and_then(|()| frontmatter::parse(yaml));
                match parsed {
                    Ok(fm) => {
                        if let Some(e) = &fm.date_problem {
                            problems.push(Problem::FrontMatter(e.clone()));
                        }
                        (Some(fm), end)
                    }
                    Err(e) => {
                        problems.push(Problem::FrontMatter(format!("not valid YAML: {e}")));
                        (None, end)
                    }
                }
            }
            None => (None, bom),
        };
        let markup = match format {
            Format::Html => markup::html(&raw, body_start),
            Format::Plain | Format::Markdown => markup::markdown(&raw, body_start),
        };
        Self::build(
            id,
            path,
            format,
            raw,
            markup,
            front_matter,
            body_start,
            problems,
            opts,
        )
    }

    /// Whether nothing in the document could be checked (see
    /// [`Problem::leaves_nothing_to_check`]).
    pub fn nothing_to_check(&self) -> bool {
        self.problems.iter().any(Problem::leaves_nothing_to_check)
    }

    /// A document that could not be read: no text, one problem.
    pub fn unreadable(id: DocId, path: String, problem: Problem) -> Document {
        let mut doc = Self::parse(id, path, Vec::new(), &ParseOptions::default());
        // Not `Empty` as well: it was not read.
        doc.problems = vec![problem];
        doc
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        id: DocId,
        path: String,
        format: Format,
        raw: String,
        markup: Markup,
        front_matter: Option<FrontMatter>,
        body_start: usize,
        problems: Vec<Problem>,
        opts: &ParseOptions,
    ) -> Document {
        let Markup {
            text,
            map,
            links,
            footnote_refs,
            mut footnote_defs,
            headings,
            breaks,
            html_meta,
        } = markup;
        let body = if map.is_identity() {
            Span::new(body_start, text.len())
        } else {
            Span::new(0, text.len())
        };
        let mut problems = problems;
        if !body.slice(&text).chars().any(char::is_alphanumeric) {
            problems.push(Problem::Empty);
        }
        let paragraphs = segment::paragraphs(&text, body);
        let known = meta::Known {
            headings: &headings,
            breaks: &breaks,
            outlets: &opts.outlets,
        };
        let (blocks, mut metadata) = meta::analyse(&text, &paragraphs, &known);
        let mut sentences = Vec::new();
        let mut buf = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            buf.clear();
            segment::sentences(&text, b.span, &mut buf);
            sentences.extend(buf.iter().map(|&span| Sentence {
                span,
                block: i as u32,
            }));
        }
        for b in blocks.iter().filter(|b| b.kind == BlockKind::Note) {
            let t = b.span.slice(&text);
            if let Some((num, rest)) = t.split_once(['.', ')']) {
                if !num.is_empty() && num.len() <= 3 && num.chars().all(|c| c.is_ascii_digit()) {
                    let start = b.span.start as usize
                        + num.len()
                        + 1
                        + (rest.len() - rest.trim_start().len());
                    footnote_defs.push(FootnoteDef {
                        span: Span::new(start, b.span.end as usize),
                        label: num.to_string(),
                    });
                }
            }
        }
        footnote_defs.sort_by_key(|d| d.span);
        merge_stated_metadata(&mut metadata, front_matter.as_ref(), &html_meta);
        let quoted = quoted::scan(&text, &paragraphs);
        let lines = LineIndex::new(&raw);
        Document {
            id,
            path: path.into(),
            format,
            raw,
            text,
            map,
            lines,
            body,
            front_matter,
            blocks,
            sentences,
            links,
            footnote_refs,
            footnote_defs,
            headings,
            quoted,
            metadata,
            problems,
        }
    }

    /// Maps a span of `text` to the raw file.
    pub fn raw_span(&self, span: Span) -> Span {
        // Clamped: a span past the text (a check's bug) still names a place in the file.
        let raw = self.map.span_to_raw(span);
        let len = self.raw.len() as u32;
        Span {
            start: raw.start.min(len),
            end: raw.end.min(len),
        }
    }

    /// Line and column (1-based, characters) of a raw-file offset.
    pub fn line_col(&self, raw_offset: u32) -> LineCol {
        self.lines.line_col(&self.raw, raw_offset)
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }

    /// The block containing `offset`, if any.
    pub fn block_at(&self, offset: u32) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.span.end <= offset);
        self.blocks.get(i).filter(|b| b.span.start <= offset)
    }

    /// Whether `offset` lies in the article's own prose (not boilerplate, captions,
    /// bylines or notes).
    pub fn in_body(&self, offset: u32) -> bool {
        self.block_at(offset)
            .is_some_and(|b| b.kind == BlockKind::Body)
    }

    /// Sentences of the article's own prose.
    pub fn body_sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(|s| self.blocks[s.block as usize].kind == BlockKind::Body)
    }

    /// The innermost quoted span containing `span`, if any.
    pub fn quoted_at(&self, span: Span) -> Option<&Quoted> {
        // Quotes are sorted by start, outermost first, and nest: only the last
        // outermost quote that starts at or before `span`, and those inside it, can
        // hold it (a scan of every quote per lookup was quadratic).
        let before = &self.quoted[..self.quoted.partition_point(|q| q.outer.start <= span.start)];
        let from = before.iter().rposition(|q| q.depth == 0).unwrap_or(0);
        crate::adversarial::step(before.len() - from);
        before[from..]
            .iter()
            .filter(|q| q.inner.contains(span))
            .max_by_key(|q| q.depth)
    }
}

/// Front matter and HTML meta tags state metadata explicitly: they win over what
/// the text suggests.
fn merge_stated_metadata(meta: &mut Metadata, fm: Option<&FrontMatter>, html: &[(String, String)]) {
    let html_get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| {
                html.iter()
                    .find(|(name, v)| name == k && !v.trim().is_empty())
            })
            .map(|(_, v)| v.trim().to_string())
    };
    if let Some(t) = html_get(&["og:title", "title"]) {
        meta.title = Some(t);
        meta.title_from = Some("html-meta");
    }
    if let Some(a) = html_get(&["author", "article:author", "byl", "dc.creator"]) {
        meta.authors = meta::split_names(a.trim_start_matches("By ").trim_start_matches("by "));
        meta.authors_from = Some("html-meta");
    }
    if let Some(p) = html_get(&["og:site_name", "publisher", "dc.publisher"]) {
        meta.publisher = Some(p);
        meta.publisher_from = Some("html-meta");
    }
    if let Some(d) = html_get(&[
        "article:published_time",
        "date",
        "pubdate",
        "dc.date",
        "publish-date",
        "publication_date",
    ])
    .and_then(|d| crate::time::parse_stated_date(&d))
    {
        meta.published = Some(d);
        meta.published_from = Some("html-meta");
        meta.published_span = None;
    }
    if let Some(u) = html_get(&["og:url", "canonical"]) {
        meta.url = Some(u);
    }
    let Some(fm) = fm else { return };
    if let Some(t) = &fm.title {
        meta.title = Some(t.clone());
        meta.title_from = Some("front-matter");
    }
    if !fm.authors.is_empty() {
        meta.authors = fm.authors.clone();
        meta.authors_from = Some("front-matter");
    }
    if let Some(p) = &fm.publisher {
        meta.publisher = Some(p.clone());
        meta.publisher_from = Some("front-matter");
    }
    if let Some(d) = fm.date {
        meta.published = Some(d);
        meta.published_from = Some("front-matter");
        meta.published_span = None;
    }
    if fm.url.is_some() {
        meta.url = fm.url.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::PartialDate;

    fn parse(path: &str, text: &str) -> Document {
        Document::parse(
            DocId(0),
            path.into(),
            text.as_bytes().to_vec(),
            &ParseOptions::default(),
        )
    }

    #[test]
    fn front_matter_wins_and_body_follows_it() {
        let doc = parse(
            "a.md",
            "---\ntitle: Stated\nauthor: Ann Lee\ndate: 2026-04-02\npublisher: Planet\n---\n# Other Title\n\nBy Bo Li\n\nText here.\n",
        );
        let m = &doc.metadata;
        assert_eq!(m.title.as_deref(), Some("Stated"));
        assert_eq!(m.authors, ["Ann Lee"]);
        assert_eq!(m.published, Some(PartialDate::ymd(2026, 4, 2)));
        assert_eq!(m.published_from, Some("front-matter"));
        assert!(doc.text[..doc.body.start as usize].trim().is_empty());
        assert_eq!(
            doc.body_sentences()
                .map(|s| s.span.slice(&doc.text))
                .collect::<Vec<_>>(),
            ["Text here."]
        );
    }

    #[test]
    fn html_document_maps_back_to_raw() {
        let raw = "<html><head><meta property=\"article:published_time\" content=\"2023-05-19T08:00\"></head>\
                   <body><p>Kishida said &ldquo;we agree.&rdquo;</p></body></html>";
        let doc = parse("a.html", raw);
        assert_eq!(doc.metadata.published, Some(PartialDate::ymd(2023, 5, 19)));
        let q = doc.quoted[0];
        assert_eq!(doc.raw_span(q.outer).slice(raw), "&ldquo;we agree.&rdquo;");
    }

    #[test]
    fn unreadable_and_bad_front_matter_are_problems() {
        let doc = Document::unreadable(
            DocId(0),
            "x.txt".into(),
            Problem::Unreadable("denied".into()),
        );
        assert_eq!(doc.problems, [Problem::Unreadable("denied".into())]);
        let doc = parse("b.md", "---\ntitle: [x\n---\nText.");
        assert!(matches!(doc.problems[0], Problem::FrontMatter(_)));
    }
}
