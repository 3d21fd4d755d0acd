//! Text from documents made safe for a terminal or a log: control characters
//! (C0 and C1, DEL) are written as visible escapes, so an article containing
//! `ESC[2J` or an OSC title sequence cannot clear the screen or retitle the window,
//! and a file name with a newline cannot forge a line of `line` output.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every control character escaped except newlines and tabs, which
/// lay out multi-line cells (table, markdown code blocks).
pub fn printable(text: &str) -> Cow<'_, str> {
    escape(text, |c| c != '\n' && c != '\t')
}

/// `text` on one line: newlines, carriage returns and tabs are escaped too. For
/// file names and anything a line-oriented format puts before its separator.
pub fn printable_line(text: &str) -> Cow<'_, str> {
    escape(text, |_| true)
}

fn escape(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && escaped(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            _ if !unsafe_char(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_become_visible_text() {
        assert_eq!(printable("a\x1b[2Jb"), "a\\x1b[2Jb");
        // OSC 0 (window title) ended by BEL, and the 8-bit CSI.
        assert_eq!(printable("\x1b]0;pwned\x07x"), "\\x1b]0;pwned\\x07x");
        assert_eq!(printable("\u{9b}31m"), "\\x9b31m");
        assert_eq!(printable("del\x7f"), "del\\x7f");
        assert_eq!(printable("two\nlines\tand tab"), "two\nlines\tand tab");
        assert!(matches!(printable("plain “text” é"), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_text_escapes_line_breaks() {
        assert_eq!(
            printable_line("a\nb.txt:1:1: error forged\r"),
            "a\\nb.txt:1:1: error forged\\r"
        );
        assert_eq!(printable_line("tab\there"), "tab\\there");
    }
}
