//! Byte spans and the line index used only when rendering.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn empty() -> Self {
        Span::default()
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The slice of `text` this span covers; empty when out of range or not on a
    /// character boundary, so callers never panic on a bad span.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

/// 1-based line and character column of a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Line starts of a text, for converting byte offsets to line/column on output.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// `chars_before[k]`: characters in the first `k * CHECKPOINT` bytes, so that a
    /// column on a very long line is not counted from the line start for every
    /// finding (which made a one-line file with many findings quadratic).
    chars_before: Vec<u32>,
}

const CHECKPOINT: usize = 4096;

/// Characters in a byte range that starts and ends on character boundaries: the
/// bytes that do not continue a UTF-8 sequence.
fn count_chars(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        let mut chars_before = vec![0];
        let mut total = 0;
        for chunk in text.as_bytes().chunks_exact(CHECKPOINT) {
            total += count_chars(chunk);
            chars_before.push(total);
        }
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// Characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_upto(&self, text: &str, offset: usize) -> u32 {
        let k = offset / CHECKPOINT;
        crate::adversarial::step(offset - k * CHECKPOINT);
        self.chars_before[k] + count_chars(&text.as_bytes()[k * CHECKPOINT..offset])
    }

    /// Line and column (counted in Unicode scalar values) of `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = offset.min(text.len() as u32);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line] as usize;
        let mut end = offset as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = if end - start <= CHECKPOINT {
            crate::adversarial::step(end - start);
            count_chars(&text.as_bytes()[start..end])
        } else {
            self.chars_upto(text, end) - self.chars_upto(text, start)
        } + 1;
        LineCol {
            line: line as u32 + 1,
            column,
        }
    }

    /// Byte span of line `line` (1-based) without its line break.
    pub fn line_span(&self, text: &str, line: u32) -> Span {
        let i = (line.max(1) - 1) as usize;
        let start = self.starts.get(i).copied().unwrap_or(text.len() as u32);
        let end = self
            .starts
            .get(i + 1)
            .map(|&s| s - 1)
            .unwrap_or(text.len() as u32);
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nÉvian x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        let x = text.find('x').unwrap() as u32;
        assert_eq!(idx.line_col(text, x), LineCol { line: 2, column: 7 });
        assert_eq!(
            idx.line_col(text, text.len() as u32),
            LineCol { line: 3, column: 1 }
        );
    }

    #[test]
    fn columns_on_long_lines_count_characters() {
        let text = format!("{}\n{}x", "é".repeat(5000), "aé€🙂".repeat(3000));
        let idx = LineIndex::new(&text);
        for offset in [
            0,
            2,
            9_998,
            10_001,
            10_001 + 10 * 2_000,
            10_001 + 10 * 2_000 + 3,
            text.len() - 1,
            text.len(),
        ] {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = text[line_start..offset].chars().count() as u32 + 1;
            assert_eq!(
                idx.line_col(&text, offset as u32).column,
                expected,
                "{offset}"
            );
        }
    }

    #[test]
    fn slice_never_panics() {
        assert_eq!(Span::new(1, 2).slice("é"), "");
        assert_eq!(Span::new(5, 9).slice("abc"), "");
    }
}
