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
        '”' => matches!(close, '”' | '"' | '“'),
        '«' => close == '»',
        '‘' | '‚' => matches!(close, '’' | '\''),
        '"' => matches!(close, '"' | '”'),
        '\'' => matches!(close, '\'' | '’'),
        _ => false,
    }
}

fn is_single(c: char) -> bool {
    matches!(c, '‘' | '’' | '\'' | '‚')
}

/// Two ASCII apostrophes stand for a double quotation mark in some wire copy
/// (''like this''); the pair is read as one straight double mark.
const DOUBLED_APOSTROPHE: &str = "''";

/// An open mark waiting for its closing partner.
#[derive(Clone, Copy, Debug)]
struct Open {
    mark: char,
    at: usize,
    len: usize,
    paragraph: usize,
}

/// The mark at `s[i..]`, its byte length, and the character after it.
fn mark_at(s: &str, i: usize, c: char) -> (char, usize) {
    if c == '\'' && s[i..].starts_with(DOUBLED_APOSTROPHE) {
        ('"', 2)
    } else {
        (c, c.len_utf8())
    }
}

/// Finds quoted spans in `text` within the given paragraphs (sorted).
pub fn scan(text: &str, paragraphs: &[Span]) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    for (pi, para) in paragraphs.iter().enumerate() {
        let s = para.slice(text);
        let base = para.start as usize;
        // An unclosed double quote carries into this paragraph only if this paragraph
        // reopens it (the multi-paragraph convention); otherwise drop it.
        if let Some(open) = stack.first() {
            let first = s.chars().next().map(|f| mark_at(s, 0, f).0);
            let reopens = first.is_some_and(|f| {
                f == open.mark || (open.mark == '"' && f == '“') || (open.mark == '“' && f == '"')
            });
            if !reopens || is_single(open.mark) || stack.len() > 1 {
                stack.clear();
            }
        }
        let mut prev: Option<char> = text[..base].chars().next_back();
        let mut skip_to = 0;
        for (i, c) in s.char_indices() {
            if i < skip_to {
                continue;
            }
            if classify(c).is_none() {
                prev = Some(c);
                continue;
            }
            let (c, len) = mark_at(s, i, c);
            let Some(mut mark) = classify(c) else {
                continue;
            };
            skip_to = i + len;
            let at = base + i;
            let next = s[i + len..].chars().next();
            let letter_before = prev.is_some_and(|p| p.is_alphanumeric());
            let letter_after = next.is_some_and(|n| n.is_alphanumeric());
            // Marks typed the wrong way round: “…,“ closes and ”… opens.
            let double_open = stack.iter().any(|o| !is_single(o.mark));
            let after_stop = prev.is_some_and(|p| matches!(p, ',' | '.' | '!' | '?' | '…'));
            if c == '“' && double_open && after_stop && next.is_none_or(char::is_whitespace) {
                mark = Mark::Close(c);
            } else if c == '”' && !double_open && letter_after && !letter_before {
                mark = Mark::Open(c);
            }
            // Apostrophes: inside a word (don’t, D'Arc), possessive (’s), elision (’90s).
            if is_single(c) {
                let elision = !letter_before && next.is_some_and(|n| n.is_ascii_digit());
                if (letter_before && letter_after) || elision {
                    prev = Some(c);
                    continue;
                }
                // A closing single mark after a letter with no single quote open is a
                // possessive plural (the allies’ contributions).
                if letter_before && !stack.iter().any(|o| is_single(o.mark)) {
                    prev = Some(c);
                    continue;
                }
            }
            // Continuation mark at the start of a paragraph: the quote is still open.
            if i == 0
                && stack.len() == 1
                && stack[0].paragraph < pi
                && !is_single(c)
                && matches!(mark, Mark::Open(_) | Mark::Either(_))
            {
                stack[0].paragraph = pi;
                prev = Some(c);
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
                if let Some(pos) = stack.iter().rposition(|o| closes(o.mark, c)) {
                    let open = stack[pos];
                    stack.truncate(pos);
                    let inner = Span::new(open.at + open.len, at);
                    if !inner.is_empty() {
                        out.push(Quoted {
                            outer: Span::new(open.at, at + len),
                            inner,
                            depth: pos as u8,
                        });
                    }
                    prev = Some(c);
                    continue;
                }
            }
            if can_open && stack.len() < 4 {
                stack.push(Open {
                    mark: c,
                    at,
                    len,
                    paragraph: pi,
                });
            }
            prev = Some(c);
        }
        // Single marks never run past their paragraph.
        stack.retain(|o| !is_single(o.mark));
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
    fn doubled_apostrophes_are_double_quotes() {
        assert_eq!(
            quotes("''We won,'' Ms. Gil said of the ''best'' team's day."),
            ["We won,", "best"]
        );
    }

    #[test]
    fn marks_typed_the_wrong_way_round() {
        assert_eq!(
            quotes("“It is late,“ said Ann. ”Go home,” he said."),
            ["It is late,", "Go home,"]
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
