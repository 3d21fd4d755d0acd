//! Quote extraction: every quotation in the article's prose with its kind, speaker,
//! cue, role and occasion.
//!
//! The quote-mark pairing is done once by the document model ([`crate::doc::quoted`]);
//! here the paired spans are grouped into utterances (a quote split by its cue,
//! “…,” she said, “…”, is one), each utterance gets its speaker from the words
//! around it ([`attribution`]), its kind from its shape and context, and pronouns and
//! surnames are resolved to full names ([`resolve`]). Only the text near each quote is
//! tokenized, so the cost grows with the number of quotes, not the document length.

pub mod attribution;
pub mod lexicon;
pub mod resolve;
pub mod tokens;

use super::{Cue, Quote, QuoteKind, Speaker};
use crate::doc::meta::BlockKind;
use crate::doc::quoted::Quoted;
use crate::doc::{Document, Span};
use crate::people::People;
use attribution::{Found, Window};
use lexicon::Lexicon;

/// How far past a quote its attribution is looked for (bytes).
const AFTER_REACH: usize = 260;
/// How many tokens may separate a cue before a full-sentence quote from its opening
/// mark ("said in a statement on Monday that “…”").
const REACH_DIRECT: usize = 12;
/// The same for a fragment inside reported speech (pledged to “coordinate closely”).
const REACH_PARTIAL: usize = 30;
/// Quotes of this many words or more are statements even with no cue nearby.
const STATEMENT_WORDS: usize = 6;

/// A quote as found before its speaker is resolved.
struct Utterance {
    parts: Vec<Quoted>,
    block: usize,
    found: Option<Found>,
}

/// Extracts the quotes of `doc` with the given lexicon and people list.
pub fn extract(doc: &Document, lex: &Lexicon, people: &People) -> Vec<Quote> {
    let text = doc.text.as_str();
    let mut utterances = group(doc, lex);
    let mut quotes = Vec::with_capacity(utterances.len());
    let mut resolver = resolve::Resolver::new(text, lex, people);
    let mut last_speaker: Option<(usize, Speaker)> = None;
    for u in &mut utterances {
        let before = sentence_before(doc, lex, doc.blocks[u.block].span, u.parts[0].outer.start);
        if u.found.is_none() {
            u.found = attribute(doc, lex, u, &before);
        }
        let kind = classify(doc, lex, u, &before);
        let mut speaker = u.found.as_ref().map(|f| resolver.speaker(f));
        let cue = u.found.as_ref().map(|f| Cue {
            text: f.cue.slice(text).to_string(),
            span: f.cue,
        });
        let mut cue = cue;
        // A quote with no cue of its own continues the previous speaker when it opens
        // a sentence of the same paragraph, follows another quote in the same
        // sentence ((1) “…,” (2) “…”), or opens the next paragraph.
        let after_quote = (0..before.len()).any(|i| before.is_quote_mark(i));
        if speaker.is_none() && kind == QuoteKind::Direct && (before.is_empty() || after_quote) {
            if let Some((block, s)) = &last_speaker {
                let same = *block == u.block;
                if same || starts_block(doc, u) && u.block - *block <= 2 {
                    speaker = Some(s.clone());
                    cue = None;
                }
            }
        }
        if let Some(s) = &speaker {
            if matches!(kind, QuoteKind::Direct | QuoteKind::Partial) {
                // The paragraph where the quote ends (a quote may run over several).
                let last = u.parts[u.parts.len() - 1];
                let end_block =
                    block_index(doc, last.outer.end.saturating_sub(1)).unwrap_or(u.block);
                last_speaker = Some((end_block, s.clone()));
            }
        }
        let first = u.parts[0];
        let last = u.parts[u.parts.len() - 1];
        quotes.push(Quote {
            span: first.outer.cover(last.outer),
            inner: Span::new(first.inner.start as usize, last.inner.end as usize),
            parts: if u.parts.len() > 1 {
                u.parts.iter().map(|p| p.inner).collect()
            } else {
                Vec::new()
            },
            kind,
            speaker,
            cue,
        });
    }
    quotes
}

fn block_index(doc: &Document, offset: u32) -> Option<usize> {
    let i = doc.blocks.partition_point(|b| b.span.end <= offset);
    doc.blocks
        .get(i)
        .filter(|b| b.span.start <= offset)
        .map(|_| i)
}

fn starts_block(doc: &Document, u: &Utterance) -> bool {
    let block = doc.blocks[u.block].span;
    let before = Span::new(block.start as usize, u.parts[0].outer.start as usize);
    before.slice(&doc.text).trim().is_empty()
}

/// Whether a quote's words end with punctuation (past a nested quote's closing mark).
fn ends_with_punct(text: &str, q: &Quoted) -> bool {
    last_char(text, q)
        .is_some_and(|c| matches!(c, ',' | '.' | '!' | '?' | '—' | '–' | '-' | '…' | ':' | ';'))
}

/// Outermost quoted spans of the body and title, grouped into utterances: parts
/// separated only by space, or by an attribution after a part that does not end its
/// sentence (“…,” she said, “…”), are one utterance.
fn group(doc: &Document, lex: &Lexicon) -> Vec<Utterance> {
    let text = doc.text.as_str();
    let mut out: Vec<Utterance> = Vec::new();
    for q in doc.quoted.iter().filter(|q| q.depth == 0) {
        let Some(block) = block_index(doc, q.outer.start) else {
            continue;
        };
        // Headings too: a one-line paragraph holding a quote ("Schilling told WEEI:
        // “…”") can be taken for a subhead.
        if !matches!(
            doc.blocks[block].kind,
            BlockKind::Body | BlockKind::Title | BlockKind::Heading
        ) {
            continue;
        }
        if let Some(prev) = out.last_mut() {
            let last = prev.parts[prev.parts.len() - 1];
            if prev.block == block && last.outer.end <= q.outer.start {
                let gap = Span::new(last.outer.end as usize, q.outer.start as usize);
                let gap_text = gap.slice(text);
                if gap_text.trim().is_empty() && ends_with_punct(text, &last) {
                    prev.parts.push(*q);
                    continue;
                }
                let open_ended = last_char(text, &last)
                    .is_some_and(|c| matches!(c, ',' | '!' | '?' | '—' | '–' | '-' | '…'));
                let closes = gap_text.trim_end().ends_with([',', '.', ':', ';', '—']);
                if open_ended && closes && gap_text.len() < 200 && prev.found.is_none() {
                    let window = Window::new(text, gap, lex);
                    if let Some(found) = window.after() {
                        prev.found = Some(found);
                        // “A,” he said. “B,” he added.: two quotes, each with its cue.
                        if !has_own_cue_after(doc, lex, block, q) {
                            prev.parts.push(*q);
                            continue;
                        }
                    }
                }
            }
        }
        out.push(Utterance {
            parts: vec![*q],
            block,
            found: None,
        });
    }
    out
}

/// Whether a quote that leaves its sentence open is followed by its own attribution
/// (“…,” he added).
fn has_own_cue_after(doc: &Document, lex: &Lexicon, block: usize, q: &Quoted) -> bool {
    let text = doc.text.as_str();
    let open_ended =
        last_char(text, q).is_some_and(|c| matches!(c, ',' | '!' | '?' | '—' | '–' | '-' | '…'));
    if !open_ended {
        return false;
    }
    let block_end = doc.blocks[block].span.end;
    // A quote left open runs past its paragraph: nothing of the paragraph follows it.
    if q.outer.end >= block_end {
        return false;
    }
    let mut end = (block_end as usize).min(q.outer.end as usize + AFTER_REACH);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Window::new(text, Span::new(q.outer.end as usize, end), lex)
        .after()
        .is_some()
}

/// How far before a quote its sentence is read. Without a bound, each of many
/// quotes in one long sentence tokenized everything before it (quadratic); an
/// attribution sits well within this of its quote.
const BEFORE_REACH: usize = 1_000;

/// The sentence before `at` within `block` (its last [`BEFORE_REACH`] bytes, from
/// a word start), tokenized.
fn sentence_before<'a>(doc: &'a Document, lex: &'a Lexicon, block: Span, at: u32) -> Window<'a> {
    let text = &doc.text;
    let mut floor = (block.start as usize).max((at as usize).saturating_sub(BEFORE_REACH));
    if floor > block.start as usize {
        while !text.is_char_boundary(floor) {
            floor += 1;
        }
        floor += text[floor..at as usize]
            .find(char::is_whitespace)
            .unwrap_or(0);
    }
    let start = tokens::sentence_start(text, floor, at as usize);
    crate::adversarial::step(at as usize - start);
    Window::new(text, Span::new(start, at as usize), lex)
}

/// How many tokens of an introduction ending in a colon may stand between its cue
/// and the colon ("Breitbart’s Joel Pollak reported after the FBI …:").
const REACH_COLON: usize = 40;

fn attribute(doc: &Document, lex: &Lexicon, u: &Utterance, before: &Window) -> Option<Found> {
    let text = doc.text.as_str();
    let block = doc.blocks[u.block].span;
    let first = u.parts[0];
    let last = u.parts[u.parts.len() - 1];
    // After: “…,” X said. Only when the quote ends its clause: a mid-sentence term
    // (the “night vision” I began …) is not attributed to what follows it.
    let end_block =
        block_index(doc, last.outer.end.saturating_sub(1)).map_or(block, |b| doc.blocks[b].span);
    let mut after_end = (end_block.end as usize).min(last.outer.end as usize + AFTER_REACH);
    while !text.is_char_boundary(after_end) {
        after_end -= 1;
    }
    let after = Window::new(text, Span::new(last.outer.end as usize, after_end), lex);
    let open_ended = last_char(text, &last)
        .is_some_and(|c| matches!(c, ',' | '!' | '?' | '—' | '–' | '-' | '…' | ';' | ':'));
    // “X responded: “…?” Her critics cited it …”: a question or exclamation after a
    // colon introduction closes its sentence; the next sentence is not its attribution.
    let closes_introduced = before.ends_with_colon()
        && last_char(text, &last).is_some_and(|c| matches!(c, '?' | '!'))
        && after.starts_with_capital();
    let found_after = if closes_introduced {
        None
    } else if open_ended || after.starts_with_break() {
        after.after()
    } else if before.ends_with_colon() {
        // “X told Y: “….” Y denied it.”: the introduction, not the next sentence,
        // names the speaker of a quote that closes its own sentence.
        None
    } else if ends_with_punct(text, &last) || before.is_empty() {
        after.after_sentence()
    } else {
        None
    };
    if found_after.is_some() {
        return found_after;
    }
    if open_ended && !closes_introduced {
        if let Some(found) = after.after_any_verb() {
            return Some(found);
        }
    }
    // A quotation dash in the same paragraph: “…” ― Name.
    if let Some(found) = after.dash_line() {
        return Some(found);
    }
    // Before: X said: “…”, according to X, “…”, a headline's "Name: ‘…’".
    let reach = if before.ends_with_colon() {
        REACH_COLON
    } else if is_fragment(text, &first) {
        REACH_PARTIAL
    } else {
        REACH_DIRECT
    };
    let found = before
        .before(reach)
        .or_else(|| before.name_colon())
        .or_else(|| before.colon_intro())
        .or_else(|| {
            // A full sentence after "X cracked,": the subject speaks.
            let sentence = !is_fragment(text, &first);
            sentence.then(|| before.comma_intro()).flatten()
        });
    if found.is_some() {
        return found;
    }
    if doc.blocks[u.block].kind == BlockKind::Title {
        let headline = Window::new(
            text,
            Span::new(block.start as usize, first.outer.start as usize),
            lex,
        );
        return headline.headline_subject();
    }
    if before.is_empty() {
        // An introduction ending the previous paragraph ("He explained:"), which the
        // paragraph classifier may have taken for a heading.
        if let Some(prev) = u.block.checked_sub(1).map(|b| doc.blocks[b]) {
            if matches!(
                prev.kind,
                BlockKind::Body | BlockKind::Title | BlockKind::Heading
            ) {
                let window = sentence_before(doc, lex, prev.span, prev.span.end);
                if window.ends_with_colon() {
                    if let Some(found) = window.before(REACH_COLON).or_else(|| window.colon_intro())
                    {
                        return Some(found);
                    }
                }
            }
        }
    }
    // A name label on its own line before the quote's paragraph (vox pops).
    if before.is_empty() && starts_block(doc, u) {
        if let Some(prev) = u.block.checked_sub(1).map(|b| doc.blocks[b]) {
            if let Some(found) = Window::new(text, prev.span, lex).name_line() {
                return Some(found);
            }
        }
    }
    // After the quote's paragraph: a dash line under an embedded post (“…” — Name
    // (@handle) May 19, 2023) or a name label.
    let next = block_index(doc, last.outer.end.saturating_sub(1)).map(|b| b + 1);
    if let Some(next_block) = next.and_then(|n| doc.blocks.get(n)) {
        if after.is_empty() {
            let window = Window::new(text, next_block.span, lex);
            if let Some(found) = window.dash_line().or_else(|| window.name_line()) {
                return Some(found);
            }
        }
    }
    if before.is_empty() {
        // The sentence before names the speaker ("Sam Lau said in a statement. “…”"):
        // in the same paragraph, or the last one of the previous paragraph when the
        // quote opens its own.
        let start = first.outer.start as usize;
        let previous = if start > block.start as usize {
            Some((block.start as usize, start))
        } else {
            u.block
                .checked_sub(1)
                .map(|b| doc.blocks[b])
                .filter(|b| b.kind == BlockKind::Body)
                .map(|b| (b.span.start as usize, b.span.end as usize))
        };
        if let Some((floor, end)) = previous {
            let prev_start = tokens::sentence_start(text, floor, end.saturating_sub(2));
            let window = Window::new(text, Span::new(prev_start, end), lex);
            match (0..window.len()).rev().find(|&i| window.is_quote_mark(i)) {
                None => {
                    if let Some(found) = window.before(REACH_COLON) {
                        return Some(found);
                    }
                }
                // “…,” said Khin Zaw Win, an activist. “…”: the attribution that ends
                // the sentence before, after its quote.
                Some(mark) => {
                    let from = window.toks[mark].span.end as usize;
                    let tail = Window::new(text, Span::new(from, end), lex);
                    if let Some(found) = tail.after() {
                        return Some(found);
                    }
                }
            }
        }
    }
    None
}

/// A quote that starts in lower case: a fragment of reported speech.
fn is_fragment(text: &str, q: &Quoted) -> bool {
    q.inner
        .slice(text)
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// The last character of a quote's words. A nested quote that ends the quote (“… is,
/// ‘I'm for it,’”) is looked through: its punctuation ends the outer quote too.
fn last_char(text: &str, q: &Quoted) -> Option<char> {
    let words = q.inner.slice(text).trim_end();
    let bare = words.trim_end_matches(['’', '\'', '”', '"']).trim_end();
    let nested = bare.len() < words.len()
        && bare.ends_with([',', '.', '!', '?', '…'])
        && words.contains(['‘', '\'', '“', '"']);
    if nested { bare } else { words }.chars().next_back()
}

/// Words with a capital that make a quoted name a title: every word longer than three
/// letters is capitalised ("Meet the Press", "State of the Union").
fn title_case(words: &[&str]) -> bool {
    words
        .first()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words
            .iter()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

fn classify(doc: &Document, lex: &Lexicon, u: &Utterance, before: &Window) -> QuoteKind {
    let text = doc.text.as_str();
    let first = u.parts[0];
    let last = u.parts[u.parts.len() - 1];
    let mut words: Vec<&str> = Vec::new();
    for p in &u.parts {
        words.extend(
            p.inner
                .slice(text)
                .split(|c: char| c.is_whitespace() || c == '—')
                .filter(|w| w.chars().any(char::is_alphanumeric)),
        );
    }
    let near: Vec<&str> = before.last_words(3).collect();
    let stop = last_char(text, &last).is_some_and(|c| matches!(c, '.' | '!' | '?' | '…'));
    let sentence_like = words.len() >= STATEMENT_WORDS
        || (words.len() >= 2 && ends_with_punct(text, &last))
        || (stop
            && words
                .first()
                .is_some_and(|w| w.starts_with(char::is_uppercase)));
    if words.len() < STATEMENT_WORDS && near.iter().any(|w| lex.scare_cues.contains(*w)) {
        return QuoteKind::Scare;
    }
    // A work's title: title case, no sentence stop or question, and a title cue, a
    // possessive (CNN’s “New Day”) or a preposition before it.
    let attributed_after = u
        .found
        .as_ref()
        .is_some_and(|f| f.cue.start >= first.outer.end);
    let exclaims = last_char(text, &last).is_some_and(|c| matches!(c, '!' | '?'));
    if u.parts.len() == 1
        && words.len() <= 8
        && title_case(&words)
        && !attributed_after
        && !exclaims
    {
        let introduced = near.first().is_some_and(|w| {
            lex.title_cues.contains(*w)
                || w.ends_with("'s")
                || matches!(*w, "on" | "in" | "of" | "to" | "from" | "host" | "star")
        }) || near.iter().any(|w| lex.title_cues.contains(*w));
        if introduced {
            return QuoteKind::Title;
        }
    }
    // A fragment of reported speech: lower case, or embedded mid-sentence after a
    // word that is not a cue (his concerns over “China’s intensification …”).
    let embedded = !before.is_empty()
        && !stop
        && !exclaims
        && !before.ends_with_cue()
        && !before.ends_with_comma();
    let fragment =
        (is_fragment(text, &first) || embedded) && !before.is_empty() && !before.ends_with_colon();
    let kind = if fragment {
        QuoteKind::Partial
    } else {
        QuoteKind::Direct
    };
    if u.found.is_some() || sentence_like {
        return kind;
    }
    if before.has_cue() {
        QuoteKind::Partial
    } else {
        QuoteKind::Scare
    }
}

#[cfg(test)]
mod tests;
