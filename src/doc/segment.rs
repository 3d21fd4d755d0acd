//! Paragraphs and abbreviation-aware sentences over the analysis text.

use super::span::Span;

/// Characters after which a line is complete rather than hard-wrapped.
fn ends_complete(line: &str) -> bool {
    line.trim_end().chars().next_back().is_none_or(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | ';' | '"' | '”' | '’' | ')' | ']' | '…'
        )
    })
}

/// A line continues the previous one when it starts in lower case (or with an
/// opening bracket before lower case): hard wraps and page breaks in copied PDFs.
fn continues(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    match chars.next() {
        Some('(') => chars.next().is_some_and(|c| c.is_lowercase()),
        Some(c) => c.is_lowercase(),
        None => false,
    }
}

/// The number of whitespace-separated words, as `text.split_whitespace().count()`
/// but byte-wise: checks count the words of whole articles, and the iterator decoded
/// every character.
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    if has_unicode_space(bytes) {
        return text.split_whitespace().count();
    }
    // ASCII whitespace only: a word starts wherever a non-space byte follows a space
    // (bytes of multi-byte characters are never spaces), which vectorises.
    let space = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
    let first = bytes.first().is_some_and(|&b| !space(b));
    usize::from(first)
        + bytes
            .windows(2)
            .filter(|w| space(w[0]) && !space(w[1]))
            .count()
}

/// Whether `bytes` may hold a non-ASCII whitespace character: U+0085 and U+00A0
/// (C2 85, C2 A0), U+1680 (E1 …), U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
/// (E2 80 …, E2 81 9F) and U+3000 (E3 …).
fn has_unicode_space(bytes: &[u8]) -> bool {
    if memchr::memchr2(0xe1, 0xe3, bytes).is_some() {
        // Rare in news copy; the exact count is then taken.
        return true;
    }
    // £ and curly quotes share the lead bytes C2 and E2 with whitespace: look closer.
    let after = |i: usize, n: usize| bytes.get(i + n).copied();
    memchr::memchr_iter(0xc2, bytes).any(|i| matches!(after(i, 1), Some(0x85 | 0xa0)))
        || memchr::memchr_iter(0xe2, bytes).any(|i| {
            matches!(
                (after(i, 1), after(i, 2)),
                (Some(0x80), Some(0x80..=0x8a | 0xa8 | 0xa9 | 0xaf)) | (Some(0x81), Some(0x9f))
            )
        })
}

/// Paragraph spans within `body` (trimmed, never empty). Blank lines separate
/// paragraphs; so does a single line break after a complete line, because much
/// scraped copy puts one paragraph per line.
pub fn paragraphs(text: &str, body: Span) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut current: Option<Span> = None;
    let mut prev_line = "";
    let mut pos = body.start as usize;
    let end = body.end as usize;
    while pos < end {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[pos..end]).map_or(end, |i| pos + i);
        let line = &text[pos..line_end];
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let span = Span::new(pos + lead, pos + lead + trimmed.len());
            let joins = match current {
                Some(_) => !ends_complete(prev_line) && continues(trimmed),
                None => false,
            };
            match (current.as_mut(), joins) {
                (Some(c), true) => c.end = span.end,
                _ => {
                    out.extend(current.take());
                    current = Some(span);
                }
            }
            prev_line = trimmed;
        }
        pos = line_end + 1;
    }
    out.extend(current);
    out
}

/// Abbreviations that never end a sentence.
const TITLES: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
    "adm", "maj", "rev", "hon", "amb", "pres", "messrs", "mme", "mlle", "cpl", "cmdr", "supt",
    "insp", "det", "fr", "vs", "cf", "approx", "mt", "ft", "ave", "blvd", "dept", "univ", "assn",
    "esp", "etc", "ca", "viz", "al",
];
/// Abbreviations that do not end a sentence when a number follows ("No. 117").
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "vol", "vols", "p", "pp", "art", "sec", "fig", "ch", "op", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ed",
];
/// Words that start a new sentence after an ambiguous abbreviation ("in the U.S. The").
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "A",
    "An",
    "As",
    "If",
    "When",
    "While",
    "Yet",
    "So",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "There",
    "Meanwhile",
    "However",
    "Still",
    "Now",
    "Then",
    "After",
    "Before",
    "Some",
    "Many",
    "Most",
    "Officials",
    "According",
    "For",
    "Since",
    "With",
    "Although",
];

/// Appends the sentences of `para` to `out`.
pub fn sentences(text: &str, para: Span, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let (start, end) = (para.start as usize, para.end as usize);
    let mut sent_start = start;
    let mut search = start;
    while let Some(rel) = memchr::memchr3(b'.', b'!', b'?', &bytes[search..end]) {
        let p = search + rel;
        search = p + 1;
        // Extend over the punctuation run and closing quotes or brackets.
        let mut q = p + 1;
        while q < end {
            let c = text[q..].chars().next().unwrap_or(' ');
            if matches!(
                c,
                '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | ']' | '»'
            ) {
                q += c.len_utf8();
            } else {
                break;
            }
        }
        let rest = &text[q..end];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() && !rest.is_empty() {
            continue; // "3.5", "U.S.-led", "e.g.,"
        }
        if trimmed.is_empty() {
            break;
        }
        let next_word = trimmed
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
            .next()
            .unwrap_or("");
        let next = trimmed.chars().next().unwrap_or(' ');
        if next.is_lowercase() {
            continue;
        }
        if bytes[p] == b'.' && !breaks_after_period(&text[sent_start..p], next, next_word) {
            continue;
        }
        out.push(trim(text, sent_start, q));
        sent_start = end - trimmed.len();
        search = sent_start.max(search);
    }
    if sent_start < end {
        let s = trim(text, sent_start, end);
        if !s.is_empty() {
            out.push(s);
        }
    }
}

fn trim(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    Span::new(start + lead, start + s.trim_end().len())
}

/// Whether a period after `before` ends the sentence, given what follows.
fn breaks_after_period(before: &str, next: char, next_word: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '—' | '–'))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    if next.is_ascii_digit() && BEFORE_NUMBER.contains(&lower.as_str()) {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // An initial: "M. Tsuruoka", "John F. Kennedy".
    if first.is_uppercase() && chars.next().is_none() {
        return false;
    }
    // Dotted abbreviations (U.S., a.m., Ph.D.) end a sentence only before a typical
    // sentence opener.
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return SENTENCE_STARTERS.contains(&next_word);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for p in paragraphs(text, Span::new(0, text.len())) {
            sentences(text, p, &mut out);
        }
        out.iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("Dr. Akio Shibata met Prof. Dupont in the U.S. on Friday. It went well."),
            [
                "Dr. Akio Shibata met Prof. Dupont in the U.S. on Friday.",
                "It went well."
            ]
        );
        assert_eq!(
            split("See No. 117, Ifri. Then M. Tsuruoka wrote 3.5 pages."),
            ["See No. 117, Ifri.", "Then M. Tsuruoka wrote 3.5 pages."]
        );
        assert_eq!(
            split("He lives in the U.S. The rest stayed."),
            ["He lives in the U.S.", "The rest stayed."]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            split("“It is new.” Then he left! Did he? Yes."),
            ["“It is new.”", "Then he left!", "Did he?", "Yes."]
        );
    }

    #[test]
    fn lines_and_page_breaks() {
        let text = "Title Line\nFirst para ends.\nSecond para of their military\n\ncapabilities continues.\n\nThird.";
        let paras: Vec<&str> = paragraphs(text, Span::new(0, text.len()))
            .iter()
            .map(|p| p.slice(text))
            .collect();
        assert_eq!(
            paras,
            [
                "Title Line",
                "First para ends.",
                "Second para of their military\n\ncapabilities continues.",
                "Third."
            ]
        );
    }

    #[test]
    fn word_count_matches_split_whitespace() {
        for t in [
            "",
            "  ",
            "one",
            " two  words ",
            "a\u{a0}b\u{2003}c — d",
            "café\tnaïve\r\nx",
            "\u{3000}end",
            "£5 “x” — y",
            "a\u{2009}b\u{205f}c\u{85}d",
        ] {
            assert_eq!(word_count(t), t.split_whitespace().count(), "{t:?}");
        }
    }
}
