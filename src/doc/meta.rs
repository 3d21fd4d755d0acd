//! Metadata (title, authors, publisher, publication date, each with its source) and
//! the classification of paragraphs into article text and everything around it.

use super::span::Span;
use crate::time::{parse_stated_date, PartialDate};
use regex::{Regex, RegexSet};
use serde::Serialize;
use std::sync::LazyLock;

/// What a paragraph is, for the extractors: only `Body` is the article's own prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Body,
    Title,
    Heading,
    /// Navigation, subscription prompts, addresses, legal lines, related links.
    Boilerplate,
    /// A photo caption or credit: its dates still count, its claims do not.
    Caption,
    /// Byline, author biography, citation block: metadata, not claims.
    Meta,
    /// Footnote or endnote text.
    Note,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub title_from: Option<&'static str>,
    pub authors: Vec<String>,
    pub authors_from: Option<&'static str>,
    pub publisher: Option<String>,
    pub publisher_from: Option<&'static str>,
    pub published: Option<PartialDate>,
    pub published_from: Option<&'static str>,
    /// Where the publication date was stated, when it was (0/0 for front matter).
    pub published_span: Option<Span>,
    pub url: Option<String>,
    /// A label such as "Opinion" or an authors'-views disclaimer.
    pub genre_label: Option<String>,
}

// Paragraph-level boilerplate. Patterns are ASCII and case-insensitive; they match a
// whole paragraph, so they cannot catch prose that merely mentions "subscribe".
// Word boundaries are ASCII (`(?-u:\b)`): a Unicode `\b` makes the lazy DFA give up
// on the first curly quote, and the PikeVM fallback cost a quarter of the run time.
static BOILERPLATE: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        r"(?i)^(?:skip to (?:main )?content|menu|search|home|overview|share(?: this(?: article)?)?|print|e-?mail|facebook|twitter|linkedin|whatsapp|sign (?:in|up)|log ?in|register|subscribe(?: now)?|advertisement|related(?: articles| stories| content)?|read more|most (?:read|popular)|trending|topics?|tags?|more on this story|back to top)[.:!]?$",
        r"(?i)^(?:already a subscriber|want to read more|subscribe (?:for|to) (?:full|unlimited) access|(?:sign up|subscribe) (?:for|to) (?:our|the) newsletter|to continue reading|you have reached your (?:free )?article limit|this (?:article|content) is (?:for|available to) subscribers)",
        r"(?i)^(?:\(c\)|copyright(?-u:\b)|\x{a9})",
        r"(?i)^(?:isbn|issn|doi)\s*:?\s*[0-9x-]",
        r"(?i)^(?:tel|phone|fax|e-?mail|website)\s*\.?\s*:",
        r"(?i)^[0-9]{1,5},?\s+(?:rue|avenue|av\.|street|st\.|road|rd\.|boulevard|blvd\.?|place|lane|way|drive|square)(?-u:\b)",
        r"(?i)^[0-9]{4,5}\s+[a-z][a-z -]+(?:cedex\s*[0-9]*)?$",
        r"(?i)^(?:www\.|https?://)\S+$",
        r"(?i)^the (?:opinions|views) expressed (?:in|here)",
        r"(?i)^(?:follow|like) us on(?-u:\b)",
        r"(?i)^(?:we use cookies|accept (?:all )?cookies)",
    ])
    .unwrap()
});
/// Boilerplate recognised by how the paragraph ends; matched against the last
/// [`TAIL_BYTES`] only (the set above is anchored at the start, so neither scans
/// whole paragraphs of prose).
static BOILERPLATE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:all rights reserved|contributed to this (?:report|article|story))\.?$")
        .unwrap()
});
/// Longer than any match of `BOILERPLATE_TAIL`, even with multi-byte case variants.
const TAIL_BYTES: usize = 128;

fn is_boilerplate(p: &str) -> bool {
    let mut start = p.len().saturating_sub(TAIL_BYTES);
    while !p.is_char_boundary(start) {
        start += 1;
    }
    BOILERPLATE.is_match(p) || BOILERPLATE_TAIL.is_match(&p[start..])
}

fn is_caption(p: &str) -> bool {
    let ends_like_credit = p.ends_with(')') || {
        let tail = p
            .as_bytes()
            .get(p.len().saturating_sub(3)..)
            .unwrap_or_default();
        tail.eq_ignore_ascii_case(b"com") || tail.eq_ignore_ascii_case(b"org")
    };
    CAPTION_LABEL.is_match(p) || (ends_like_credit && CAPTION_CREDIT.is_match(p))
}

static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:image|photo|photograph|picture|illustration|credit|caption)\s*:").unwrap()
});
/// Credits end the paragraph with `)` or `.com`/`.org`; [`is_caption`] tests that
/// before running this unanchored pattern over the paragraph.
static CAPTION_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:[^()]*/)?[^()]*(?:getty images|reuters|afp|ap photo|associated press|shutterstock|/pool|epa|xinhua|bloomberg)[^()]*\)$|\x{a9}\s*[A-Za-z][^.]*/[^.]*\.(?:com|org)$").unwrap()
});
static PAYWALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:want to read more|subscribe (?:for|to) (?:full|unlimited) access|to continue reading|already a subscriber|this (?:article|content) is (?:for|available to) subscribers)").unwrap()
});
static CITE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:how to (?:cite|quote|reference) this|cite this|suggested citation|citation)(?-u:\b)",
    )
    .unwrap()
});
static NOTES_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:notes?|end ?notes|foot ?notes|references|sources|bibliography)\s*:?$")
        .unwrap()
});
static AUTHORS_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:the |about the )?authors?\s*:?$").unwrap());
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|da|del|la|le|bin)){1,4}(?:\s*(?:,|(?-u:\b)and(?-u:\b)|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,4})*)").unwrap()
});
static NAME_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{L}'’-]+\.?(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$").unwrap());
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:published|posted|first published|updated|date)(?:\s+on)?\s*:?\s+(.{6,40}?)(?:\s+(?:at|\||-|–|—)\s|\s*$)").unwrap()
});
static GENRE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:opinion|analysis|commentary|op-ed|editorial|perspective|column|viewpoint|comment|essay|guest essay|news analysis)\s*[:|]?|the (?:opinions|views) expressed .{0,60}(?:author|writer)|(?:solely|only) (?:those|the responsibility) of the author").unwrap()
});
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\s+(?:(?:is|was|serves as|works as)\s+(?i:a|an|the|director|head|professor|senior|research|editor|chief|associate|assistant|fellow|lecturer|reporter|correspondent)|reports (?:for|on)|writes (?:for|about)|covers)(?-u:\b)").unwrap()
});
/// The bio that signs off a story names a writing role ("… is a health reporter",
/// "… is the former mayor of …", "… writes about"): "X is an injury doubt" is news.
static SIGN_OFF_BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}\s+(?:(?:is|was)\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,3}?(?:reporter|correspondent|writer|columnist|editor|journalist|commentator|contributor|producer|critic|fellow|professor|author|former)|reports|writes|covers)(?-u:\b)").unwrap()
});
/// Sign-offs and credits that close (or open) a story: not prose, and never a cut-off.
/// Group 1, when present, names contributors.
static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:follow (?:him|her|them|me|us)\b.{0,40}\bon (?:twitter|x|instagram|facebook|threads|bluesky)|[^.]{0,60}\bon (?:twitter|x)\s*:?\s*@\w+$|with files from\b|(?:contributing|contributors?)\s*:\s*(.+)$|(?:additional )?reporting by\s+([^;.]+)|(?:written|edited|compiled) by\b|(?:running|run) ?time\s*:|runtime\s*:|rated\s+(?:g|pg|pg-13|r|nc-17|14a|18a)\b)").unwrap()
});
/// Words that make the part after a credit line's comma an outlet: "Ana Ruiz, The
/// Associated Press", "By Ana Ruiz, Reuters".
static OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[Tt]he\s+)?(?:\p{Lu}[\p{L}&.'’-]*\s+){0,4}(?i:press|news|reuters|afp|agence france-presse|bloomberg|times|post|journal|herald|globe|star|tribune|gazette|telegraph|guardian|chronicle|examiner|wire|service|network|media|radio|television|broadcasting|cbc|bbc|cnn|npr|abc|nbc|cbs|ap)(?:\s+(?i:news|online))?$").unwrap()
});
/// "WASHINGTON (AFP) –": a wire dateline names the agency.
static WIRE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}{2,}[\p{L}\s.,'’-]{0,40}?\s*\(([\p{L}][\p{L}&. ]{0,30}[\p{L}.])\)\s*[-–—]")
        .unwrap()
});

/// A paragraph with what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

/// Inputs the classifier needs besides the text.
pub struct Known<'a> {
    pub headings: &'a [Span],
    pub breaks: &'a [u32],
    /// Outlet names that identify a masthead line.
    pub outlets: &'a [String],
}

/// Classifies paragraphs and reads the metadata stated in the text. Front-matter
/// and HTML meta values are merged by the caller (they take precedence).
pub fn analyse(text: &str, paragraphs: &[Span], known: &Known) -> (Vec<Block>, Metadata) {
    let mut meta = Metadata::default();
    let mut blocks: Vec<Block> = paragraphs
        .iter()
        .map(|&span| Block {
            span,
            kind: BlockKind::Body,
        })
        .collect();
    let n = blocks.len();
    let para = |i: usize| blocks_text(text, paragraphs[i]);

    // Everything after a paywall prompt is page furniture, bar an author bio.
    let mut after_paywall = false;
    let mut cite_until: Option<usize> = None;
    let mut pending_publisher = None;
    let mut in_authors_section = false;
    let notes_start = notes_section_start(text, paragraphs, known);
    for i in 0..n {
        let p = para(i);
        let kind = &mut blocks[i].kind;
        if notes_start.is_some_and(|s| paragraphs[i].start >= s) {
            *kind = if NOTES_HEADER.is_match(p) {
                BlockKind::Heading
            } else {
                BlockKind::Note
            };
            continue;
        }
        if PAYWALL.is_match(p) {
            after_paywall = true;
        }
        if CITE_HEADER.is_match(p) {
            *kind = BlockKind::Meta;
            cite_until = Some(i + 8);
            continue;
        }
        if let Some(limit) = cite_until {
            *kind = BlockKind::Meta;
            read_citation(p, paragraphs[i], &mut meta, &mut pending_publisher);
            if i >= limit || p.ends_with('.') {
                cite_until = None;
            }
            continue;
        }
        if AUTHORS_HEADER.is_match(p) {
            *kind = BlockKind::Meta;
            in_authors_section = true;
            continue;
        }
        if let Some(c) = SIGN_OFF.captures(p) {
            *kind = BlockKind::Meta;
            if let Some(names) = c.get(1).or(c.get(2)).filter(|_| meta.authors.is_empty()) {
                meta.authors = split_names(names.as_str().trim());
                meta.authors_from = Some("credit");
            }
            continue;
        }
        // A short bio among the last paragraphs is a sign-off ("Ana Ruiz reports on
        // city hall for the Courier"; an op-ed's "X is the former mayor of Y").
        let sign_off = i + 3 >= n && p.split_whitespace().count() <= 40 && SIGN_OFF_BIO.is_match(p);
        if let Some(c) = BIO.captures(p) {
            if in_authors_section || i < 12 || after_paywall || sign_off {
                *kind = BlockKind::Meta;
                if meta.authors.is_empty() && (in_authors_section || after_paywall || sign_off) {
                    meta.authors.push(c[1].to_string());
                    meta.authors_from = Some("bio");
                }
                continue;
            }
        }
        if after_paywall || is_boilerplate(p) {
            *kind = BlockKind::Boilerplate;
            if p.starts_with('©')
                || p.to_ascii_lowercase().starts_with("copyright")
                || p.starts_with("(c)")
            {
                read_copyright(p, paragraphs[i], &mut meta);
            }
            if meta.genre_label.is_none() && GENRE_LABEL.is_match(p) {
                meta.genre_label = Some(p.to_string());
            }
            continue;
        }
        if is_caption(p) {
            *kind = BlockKind::Caption;
            continue;
        }
        if known
            .headings
            .iter()
            .any(|h| paragraphs[i].overlaps(*h) && paragraphs[i].len() <= h.len() + 8)
            || looks_like_heading(p)
        {
            *kind = BlockKind::Heading;
        }
    }

    // Masthead, title, byline and genre label live at the top.
    let top = (0..n)
        .filter(|&i| blocks[i].kind != BlockKind::Boilerplate)
        .take(8)
        .collect::<Vec<_>>();
    // The title comes before the prose starts; a heading printed twice at the top
    // (site navigation, then the article) is the title rather than a section name.
    let prose_starts = top
        .iter()
        .copied()
        .find(|&i| blocks[i].kind == BlockKind::Body && para(i).split_whitespace().count() >= 30)
        .unwrap_or(n);
    let repeated_heading = top
        .iter()
        .copied()
        .filter(|&i| i < prose_starts && blocks[i].kind == BlockKind::Heading)
        .rfind(|&i| top.iter().any(|&j| j < i && para(j) == para(i)));
    for &i in &top {
        let p = para(i);
        if let Some(c) = DATELINE.captures(p) {
            if meta.published_from.is_none_or(|f| f == "copyright") {
                if let Some(d) = parse_stated_date(&c[1]) {
                    meta.published = Some(d);
                    meta.published_from = Some("dateline");
                    meta.published_span = Some(paragraphs[i]);
                    blocks[i].kind = BlockKind::Meta;
                    continue;
                }
            }
        }
        if meta.publisher.is_none() && known.outlets.iter().any(|o| o.eq_ignore_ascii_case(p)) {
            meta.publisher = Some(p.to_string());
            meta.publisher_from = Some("masthead");
            blocks[i].kind = BlockKind::Meta;
            continue;
        }
        if meta.genre_label.is_none() && GENRE_LABEL.is_match(p) && p.len() < 200 {
            meta.genre_label = Some(p.to_string());
            blocks[i].kind = BlockKind::Meta;
            continue;
        }
        if let Some((names, outlet)) = credit_line(p) {
            if meta.authors.is_empty()
                || matches!(meta.authors_from, Some("bio" | "citation" | "credit"))
            {
                meta.authors = names;
                meta.authors_from = Some("credit-line");
            }
            if meta.publisher.is_none() {
                meta.publisher = Some(outlet.to_string());
                meta.publisher_from = Some("credit-line");
            }
            blocks[i].kind = BlockKind::Meta;
            continue;
        }
        if let Some(c) = WIRE_DATELINE
            .captures(p)
            .filter(|_| meta.publisher.is_none())
        {
            meta.publisher = Some(c[1].to_string());
            meta.publisher_from = Some("wire-dateline");
        }
        let title_here = repeated_heading.map_or(i < prose_starts, |r| r == i);
        // A Title Case headline reads like a name ("Ferry Route Approved"); before any
        // title, it is the title.
        let headline = blocks[i].kind == BlockKind::Heading
            || (blocks[i].kind == BlockKind::Body
                && is_name_line(p)
                && !p.ends_with('.')
                && i + 1 < n);
        if meta.title.is_none() && headline && title_here {
            meta.title = Some(p.to_string());
            meta.title_from = Some("heading");
            blocks[i].kind = BlockKind::Title;
            continue;
        }
        if let Some(c) = BYLINE.captures(p) {
            if meta.authors.is_empty()
                || matches!(meta.authors_from, Some("bio" | "citation" | "author-line"))
            {
                meta.authors = split_names(&c[1]);
                meta.authors_from = Some("byline");
            }
            // "By Ana Ruiz, Reuters"
            let rest = p[c.get(0).map_or(0, |m| m.end())..].trim_start();
            if let Some(outlet) = rest
                .strip_prefix(',')
                .map(str::trim)
                .filter(|o| OUTLET.is_match(o))
            {
                if meta.publisher.is_none() {
                    meta.publisher = Some(outlet.to_string());
                    meta.publisher_from = Some("credit-line");
                }
            }
            blocks[i].kind = BlockKind::Meta;
            continue;
        }
        let after_title = meta.title.is_some()
            && i > 0
            && blocks[..i]
                .iter()
                .rev()
                .take(2)
                .any(|b| b.kind == BlockKind::Title);
        let weak_authors =
            meta.authors.is_empty() || matches!(meta.authors_from, Some("bio" | "citation"));
        if after_title && weak_authors && is_name_line(p) {
            meta.authors = vec![normalise_name_case(p)];
            meta.authors_from = Some("author-line");
            blocks[i].kind = BlockKind::Meta;
            continue;
        }
    }
    // Repeats of the title further down (scraped pages often print it twice).
    if let Some(title) = meta.title.clone() {
        for b in blocks.iter_mut().filter(|b| b.kind == BlockKind::Heading) {
            if b.span.slice(text).trim() == title {
                b.kind = BlockKind::Title;
            }
        }
    }
    (blocks, meta)
}

/// "Ana Ruiz, The Associated Press" or "By Ana Ruiz and Bo Li, Reuters": the authors
/// and the outlet of a credit line.
fn credit_line(p: &str) -> Option<(Vec<String>, &str)> {
    let (names, outlet) = p.rsplit_once(", ")?;
    let names = names.strip_prefix("By ").unwrap_or(names);
    let names = split_names(names);
    let all_names = !names.is_empty() && names.iter().all(|n| is_name_line(n));
    (all_names && p.len() < 120 && OUTLET.is_match(outlet.trim())).then(|| (names, outlet.trim()))
}

fn blocks_text(text: &str, span: Span) -> &str {
    span.slice(text).trim()
}

/// The notes section: after a "Notes"/"References" heading or the last thematic
/// break, when what follows is mostly numbered notes.
fn notes_section_start(text: &str, paragraphs: &[Span], known: &Known) -> Option<u32> {
    let numbered = |p: &Span| {
        p.slice(text)
            .trim_start()
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| {
                !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
            })
    };
    let mostly_notes = |from: u32| {
        let after: Vec<&Span> = paragraphs.iter().filter(|p| p.start >= from).collect();
        let notes = after.iter().filter(|p| numbered(p)).count();
        notes > 0 && notes * 5 >= after.len() * 3
    };
    let by_heading = paragraphs
        .iter()
        .filter(|p| NOTES_HEADER.is_match(p.slice(text).trim()))
        .map(|p| p.start)
        .next_back();
    let by_break = known.breaks.last().copied();
    [by_heading, by_break]
        .into_iter()
        .flatten()
        .filter(|&s| mostly_notes(s))
        .max()
}

/// A short line with no sentence punctuation that is not a name: short lines
/// (sentence-case titles such as "Ad sales boost profit") or Title Case ones.
fn looks_like_heading(p: &str) -> bool {
    let last = p.chars().next_back().unwrap_or('.');
    // Cheap bounds first: most paragraphs are long sentences.
    if p.len() >= 160 || matches!(last, '.' | ',' | ';' | '"' | '”') {
        return false;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    let long_words: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 4).collect();
    let capitalised = long_words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    let title_case = !long_words.is_empty() && capitalised * 5 >= long_words.len() * 3;
    (1..=16).contains(&words.len())
        && (words.len() <= 8 || title_case)
        && p.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"')
        && !is_name_line(p)
}

fn is_name_line(p: &str) -> bool {
    p.len() < 60
        && NAME_LINE.is_match(p)
        && !p
            .split_whitespace()
            .any(|w| matches!(w, "The" | "And" | "Of" | "In" | "To" | "For" | "On"))
}

/// "Marc JULIENNE" -> "Marc Julienne".
fn normalise_name_case(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            if w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase()) {
                let mut cs = w.chars();
                let first = cs.next().unwrap_or(' ');
                std::iter::once(first)
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Ann Lee and Bo Li" / "Ann Lee, Bo Li & Cy Wu" -> names.
pub fn split_names(s: &str) -> Vec<String> {
    s.split(',')
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split('&')))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// A citation block: "Marc Julienne, "Title," Series, No. 117, Ifri, April 2, 2026."
/// The first segment names the author, the last one the date and the segment before
/// the date the publisher.
fn read_citation(p: &str, span: Span, meta: &mut Metadata, pending_publisher: &mut Option<String>) {
    // Quoted titles may contain commas: cut them out first.
    let mut flat = String::with_capacity(p.len());
    let mut in_quote = false;
    for c in p.chars() {
        match c {
            '“' | '”' | '"' | '«' | '»' => in_quote = !in_quote && c != '”' && c != '»',
            _ if in_quote => {}
            _ => flat.push(c),
        }
    }
    let segs: Vec<&str> = flat
        .split([',', '\n'])
        .map(|s| s.trim().trim_matches(['*', '_']))
        .filter(|s| !s.is_empty())
        .collect();
    let mut i = 0;
    while i < segs.len() {
        // "April 2, 2026" spans two comma-separated segments.
        if let Some(next) = segs.get(i + 1) {
            let joined = format!("{}, {next}", segs[i]);
            if parse_stated_date(&joined).is_some_and(|d| d.day.is_some()) {
                citation_segment(&joined, span, meta, pending_publisher);
                i += 2;
                continue;
            }
        }
        citation_segment(segs[i], span, meta, pending_publisher);
        i += 1;
    }
}

/// One comma-separated segment of a citation block, in order; `pending_publisher`
/// holds the last name-like segment until a date shows it was the publisher.
fn citation_segment(
    seg: &str,
    span: Span,
    meta: &mut Metadata,
    pending_publisher: &mut Option<String>,
) {
    if let Some(date) = parse_stated_date(seg) {
        if meta.published_from.is_none_or(|f| f == "copyright") {
            meta.published = Some(date);
            meta.published_from = Some("citation");
            meta.published_span = Some(span);
        }
        if let Some(prev) = pending_publisher.take() {
            if meta
                .publisher_from
                .is_none_or(|f| f == "copyright" || f == "masthead")
            {
                meta.publisher = Some(prev);
                meta.publisher_from = Some("citation");
            }
        }
        return;
    }
    if meta.authors.is_empty() && is_name_line(seg) {
        meta.authors = vec![normalise_name_case(seg)];
        meta.authors_from = Some("citation");
        return;
    }
    if !seg.chars().any(|c| c.is_ascii_digit()) {
        *pending_publisher = Some(seg.to_string());
    }
}

/// Cities that appear beside publishers in copyright and imprint lines.
const PUBLISHING_CITIES: &[&str] = &[
    "Paris",
    "London",
    "New York",
    "Washington",
    "Washington, DC",
    "Berlin",
    "Tokyo",
    "Brussels",
    "Geneva",
    "Madrid",
    "Rome",
    "Lisbon",
    "Vienna",
    "Amsterdam",
    "Stockholm",
    "Oslo",
    "Copenhagen",
    "Dublin",
    "Edinburgh",
    "Oxford",
    "Cambridge",
    "Boston",
    "Chicago",
    "Los Angeles",
    "San Francisco",
    "Toronto",
    "Ottawa",
    "Sydney",
    "Canberra",
    "Singapore",
    "Hong Kong",
    "Seoul",
    "Beijing",
    "Delhi",
    "New Delhi",
    "Mumbai",
    "Moscow",
    "Warsaw",
    "Prague",
    "Zurich",
    "Munich",
    "Frankfurt",
    "Hamburg",
    "Milan",
    "Barcelona",
    "Athens",
    "Istanbul",
    "Cairo",
    "Nairobi",
    "Johannesburg",
];

/// "© All rights reserved, Paris, Ifri, 2026." -> publisher Ifri, year 2026.
fn read_copyright(p: &str, span: Span, meta: &mut Metadata) {
    let body = p
        .trim_start_matches('©')
        .trim_start_matches("(c)")
        .trim_start_matches("Copyright")
        .trim_start_matches("copyright")
        .trim_end_matches('.');
    let mut year = None;
    let mut names = Vec::new();
    // "© Ifri, Paris, 2026" and "© Paris, Ifri, 2026" both occur: drop the city.
    for seg in body
        .split([',', '.'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let lower = seg.to_ascii_lowercase();
        if lower.contains("rights reserved") {
            continue;
        }
        let mut rest = seg;
        if let Some((first, tail)) = seg.split_once(' ') {
            if first.len() == 4 && first.chars().all(|c| c.is_ascii_digit()) {
                year = first.parse::<i32>().ok();
                rest = tail;
            }
        }
        if rest.len() == 4 && rest.chars().all(|c| c.is_ascii_digit()) {
            year = rest.parse().ok();
        } else if !PUBLISHING_CITIES.contains(&rest.trim()) {
            names.push(rest.trim());
        }
    }
    if meta.publisher.is_none() {
        if let Some(name) = names.last().filter(|n| !n.is_empty()) {
            meta.publisher = Some(name.to_string());
            meta.publisher_from = Some("copyright");
        }
    }
    if meta.published.is_none() {
        if let Some(y) = year {
            meta.published = Some(PartialDate::y(y));
            meta.published_from = Some("copyright");
            meta.published_span = Some(span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::segment::paragraphs;

    fn run(text: &str, outlets: &[String]) -> (Vec<(BlockKind, String)>, Metadata) {
        let paras = paragraphs(text, Span::new(0, text.len()));
        let known = Known {
            headings: &[],
            breaks: &[],
            outlets,
        };
        let (blocks, meta) = analyse(text, &paras, &known);
        (
            blocks
                .iter()
                .map(|b| (b.kind, b.span.slice(text).to_string()))
                .collect(),
            meta,
        )
    }

    #[test]
    fn title_author_line_citation_and_copyright() {
        let text = "A Big Title for Tests\n\nMarc JULIENNE\n\nSome prose about things that happened here.\n\n\
                    © All rights reserved, Paris, Ifri, 2026.\n\nHow to cite this publication:\n\n\
                    Marc Julienne,\n\"A Big Title, for Tests,\"\nLettre du Centre Asie,\nNo. 117, Ifri,\nApril 2, 2026.\n\nMore prose follows here.";
        let (blocks, meta) = run(text, &[]);
        assert_eq!(meta.title.as_deref(), Some("A Big Title for Tests"));
        assert_eq!(meta.authors, ["Marc Julienne"]);
        assert_eq!(meta.authors_from, Some("author-line"));
        assert_eq!(meta.publisher.as_deref(), Some("Ifri"));
        assert_eq!(meta.publisher_from, Some("citation"));
        assert_eq!(meta.published, Some(PartialDate::ymd(2026, 4, 2)));
        assert_eq!(meta.published_from, Some("citation"));
        assert_eq!(blocks.last().unwrap().0, BlockKind::Body);
        assert_eq!(blocks[2].0, BlockKind::Body);
    }

    #[test]
    fn byline_masthead_paywall_and_bio() {
        let outlets = vec!["The Daily Planet".to_string()];
        let text = "The Daily Planet\n\nA Title\n\nBy Lois Lane and Clark Kent\n\nStory text goes here.\n\n\
                    Want to read more?\n\nSubscribe\n\nThe Authors\n\nLois Lane is a reporter at the Planet.";
        let (blocks, meta) = run(text, &outlets);
        assert_eq!(meta.publisher.as_deref(), Some("The Daily Planet"));
        assert_eq!(meta.authors, ["Lois Lane", "Clark Kent"]);
        assert_eq!(meta.authors_from, Some("byline"));
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.0).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Meta,
                BlockKind::Title,
                BlockKind::Meta,
                BlockKind::Body,
                BlockKind::Boilerplate,
                BlockKind::Boilerplate,
                BlockKind::Meta,
                BlockKind::Meta
            ]
        );
    }

    #[test]
    fn captions_dateline_and_copyright_year() {
        let text = "Published: May 19, 2023\n\nLeaders met on Friday. (Jane Doe/Pool/Getty Images)\n\nCopyright 2023 The Times";
        let (blocks, meta) = run(text, &[]);
        assert_eq!(meta.published, Some(PartialDate::ymd(2023, 5, 19)));
        assert_eq!(meta.published_from, Some("dateline"));
        assert_eq!(meta.publisher.as_deref(), Some("The Times"));
        assert_eq!(blocks[1].0, BlockKind::Caption);
    }
}
