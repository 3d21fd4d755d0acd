//! Pairs quotation marks into quoted spans. Apostrophes (’s, don’t, D'Arc, the ’90s)
//! never open or close a quote; an unbalanced mark is dropped at the end of its
//! paragraph so the rest of the document still parses; a quote that runs over several
//! paragraphs (an opening mark at the start of each, closed only at the end) is one span.

use super::span::Span;

/// A quoted span: `outer` includes the marks, `inner` is the quoted text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    pub outer: Span,
    pub inner: Span,
    /// Nesting depth: 0 for an outermost quote.
    pub depth: u8,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    /// A mark that can only open: “ ‘ « „ ‚
    Open(char),
    /// A mark that can only close: ” ’ »
    Close(char),
    /// A straight mark whose role depends on its neighbours: " '
    Either(char),
}

fn classify(c: char) -> Option<Mark> {
    Some(match c {
        '“' | '«' | '„' | '‘' | '‚' => Mark::Open(c),
        '”' | '»' => Mark::Close(c),
        '’' => Mark::Close(c),
        '"' | '\'' => Mark::Either(c),
        _ => return None,
    })
}

/// The closing mark family of an opening mark.
fn closes(open: char, close: char) -> bool {
    match open {
        '“' => matches!(close, '”' | '"' | '“'),
        '„' => matches!(close, '“' | '”'),
        '«' => close == '»',
        '‘' | '‚' => matches!(close, '’' | '\''),
        '"' => matches!(close, '"' | '”'),
        '\'' => matches!(close, '\'' | '’'),
        _ => false,
    }
}

/// First bytes of the marks `classify` knows: `"`, `'`, and the lead bytes of
/// « » (C2) and the curly quotes (E2).
static MARK_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t
};

fn is_single(c: char) -> bool {
    matches!(c, '‘' | '’' | '\'' | '‚')
}

/// Finds quoted spans in `text` within the given paragraphs (sorted).
pub fn scan(text: &str, paragraphs: &[Span]) -> Vec<Quoted> {
    let mut out = Vec::new();
    // Open marks: (char, byte offset, paragraph index).
    let mut stack: Vec<(char, usize, usize)> = Vec::new();
    for (pi, para) in paragraphs.iter().enumerate() {
        let s = para.slice(text);
        let base = para.start as usize;
        // An unclosed double quote carries into this paragraph only if this paragraph
        // reopens it (the multi-paragraph convention); otherwise drop it.
        if let Some(&(open, _, _)) = stack.first() {
            let first = s.chars().next();
            let reopens = first.is_some_and(|f| {
                f == open || (open == '"' && f == '"') || (open == '“' && f == '“')
            });
            if !reopens || is_single(open) || stack.len() > 1 {
                stack.clear();
            }
        }
        // Jump from one possible mark to the next instead of decoding every
        // character: marks are rare, and this loop ran over all of the text.
        let bytes = s.as_bytes();
        let mut from = 0;
        while let Some(off) = bytes[from..].iter().position(|&b| MARK_LEAD[b as usize]) {
            let i = from + off;
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            from = i + c.len_utf8();
            let Some(mark) = classify(c) else {
                continue;
            };
            let at = base + i;
            let prev = text[..at].chars().next_back();
            let next = s[from..].chars().next();
            let letter_before = prev.is_some_and(|p| p.is_alphanumeric());
            let letter_after = next.is_some_and(|n| n.is_alphanumeric());
            // Apostrophes: inside a word (don’t, D'Arc), possessive (’s), elision (’90s).
            if is_single(c) {
                let elision = !letter_before && next.is_some_and(|n| n.is_ascii_digit());
                if (letter_before && letter_after) || elision {
                    continue;
                }
                // A closing single mark after a letter with no single quote open is a
                // possessive plural (the allies’ contributions).
                if letter_before && !stack.iter().any(|(o, _, _)| is_single(*o)) {
                    continue;
                }
            }
            // Continuation mark at the start of a paragraph: the quote is still open.
            if i == 0
                && stack.len() == 1
                && stack[0].2 < pi
                && !is_single(c)
                && matches!(mark, Mark::Open(_) | Mark::Either(_))
            {
                stack[0].2 = pi;
                continue;
            }
            let can_close = match mark {
                Mark::Close(_) => true,
                Mark::Either(_) => {
                    !letter_after
                        || letter_before
                        || prev.is_some_and(|p| {
                            matches!(p, '.' | ',' | '!' | '?' | ';' | ':' | '—' | '–' | '-')
                        })
                }
                Mark::Open(_) => false,
            };
            let can_open = match mark {
                Mark::Open(_) => true,
                Mark::Either(_) => !letter_before && next.is_some_and(|n| !n.is_whitespace()),
                Mark::Close(_) => false,
            };
            // Close the innermost open mark of the same family, if any.
            if can_close {
                if let Some(pos) = stack.iter().rposition(|&(o, _, _)| closes(o, c)) {
                    let (open, start, _) = stack[pos];
                    stack.truncate(pos);
                    let inner = Span::new(start + open.len_utf8(), at);
                    if !inner.is_empty() {
                        out.push(Quoted {
                            outer: Span::new(start, at + c.len_utf8()),
                            inner,
                            depth: pos as u8,
                        });
                    }
                    continue;
                }
            }
            if can_open && stack.len() < 4 {
                stack.push((c, at, pi));
            }
        }
        // Single marks never run past their paragraph.
        stack.retain(|(o, _, _)| !is_single(*o));
    }
    out.sort_by_key(|q| (q.outer.start, std::cmp::Reverse(q.outer.end)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        let paras = super::super::segment::paragraphs(text, Span::new(0, text.len()));
        scan(text, &paras)
            .iter()
            .map(|q| q.inner.slice(text))
            .collect()
    }

    #[test]
    fn curly_straight_and_nested() {
        assert_eq!(
            quotes("He said “a ‘b’ c” and \"d\"."),
            ["a ‘b’ c", "b", "d"]
        );
        assert_eq!(quotes("« oui » dit-il"), [" oui "]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            quotes("Japan’s allies’ view: don’t. Jeanne D'Arc in the ’90s said ‘no’."),
            ["no"]
        );
    }

    #[test]
    fn multi_paragraph_quote() {
        let text = "“First part.\n\n“Second part,” she said.";
        assert_eq!(quotes(text), ["First part.\n\n“Second part,"]);
    }

    #[test]
    fn unbalanced_mark_degrades_locally() {
        let text = "He said “never closed.\n\nLater “fine” here.";
        assert_eq!(quotes(text), ["fine"]);
    }
}
