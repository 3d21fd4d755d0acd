//! Phrase lists as one case-insensitive Aho-Corasick DFA, matched on whole words.
//! Every list entry maps to a bit set of the lists it belongs to, so a phrase shared by
//! two lists is matched once and reported to both.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Lists of phrases (at most 64 lists), each given a bit by its position.
pub struct Lexicon {
    ac: AhoCorasick,
    /// For each Aho-Corasick pattern: the lists it belongs to.
    lists: Vec<u64>,
}

/// A phrase match: byte range in the searched text and the lists it belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub lists: u64,
}

impl Lexicon {
    /// Builds the matcher. A straight apostrophe in a phrase also matches a curly one.
    pub fn new<'a>(lists: impl IntoIterator<Item = &'a [String]>) -> Result<Self, String> {
        let mut phrases: Vec<String> = Vec::new();
        let mut bits: Vec<u64> = Vec::new();
        for (i, list) in lists.into_iter().enumerate() {
            if i >= 64 {
                return Err("more than 64 phrase lists".into());
            }
            for phrase in list {
                let phrase = phrase.trim().to_ascii_lowercase();
                if phrase.is_empty() {
                    continue;
                }
                let curly = phrase.replace('\'', "\u{2019}");
                let variants = if curly != phrase {
                    vec![phrase, curly]
                } else {
                    vec![phrase]
                };
                for v in variants {
                    match phrases.iter().position(|p| *p == v) {
                        Some(j) => bits[j] |= 1 << i,
                        None => {
                            phrases.push(v);
                            bits.push(1 << i);
                        }
                    }
                }
            }
        }
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&phrases)
            .map_err(|e| e.to_string())?;
        Ok(Lexicon { ac, lists: bits })
    }

    /// Calls `f` for every whole-word phrase match in `text`, overlapping ones included.
    /// A phrase edge that is not a letter or digit ("%", "$") needs no word boundary.
    pub fn for_each(&self, text: &str, mut f: impl FnMut(Hit)) {
        let bytes = text.as_bytes();
        for m in self.ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let starts_word = bytes.get(s).is_some_and(|b| b.is_ascii_alphanumeric());
            let ends_word = e > 0 && bytes.get(e - 1).is_some_and(|b| b.is_ascii_alphanumeric());
            if starts_word && word_before(text, s) || ends_word && word_after(text, e) {
                continue;
            }
            f(Hit {
                start: s,
                end: e,
                lists: self.lists[m.pattern().as_usize()],
            });
        }
    }
}

/// Whether `[start, end)` of `text` has no word character just outside it.
pub fn is_whole(text: &str, start: usize, end: usize) -> bool {
    !word_before(text, start) && !word_after(text, end)
}

fn word_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|t| t.chars().next_back())
        .is_some_and(is_word_char)
}

fn word_after(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_word_char)
}

/// A phrase next to one of these is part of a longer word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The union of the lists matched anywhere in `text`.
    fn lists_in(l: &Lexicon, text: &str) -> u64 {
        let mut all = 0;
        l.for_each(text, |h| all |= h.lists);
        all
    }

    fn lex(lists: &[&[&str]]) -> Lexicon {
        let owned: Vec<Vec<String>> = lists
            .iter()
            .map(|l| l.iter().map(|s| s.to_string()).collect())
            .collect();
        Lexicon::new(owned.iter().map(|v| v.as_slice())).unwrap()
    }

    #[test]
    fn whole_words_shared_phrases_and_symbols() {
        let l = lex(&[&["cut", "more than"], &["cut"], &["%"]]);
        assert_eq!(lists_in(&l, "They cut taxes"), 0b011);
        assert_eq!(lists_in(&l, "a shortcut"), 0);
        assert_eq!(lists_in(&l, "cuts"), 0);
        assert_eq!(lists_in(&l, "rose 5% in MORE THAN a year"), 0b101);
    }

    #[test]
    fn curly_apostrophes_match_and_multibyte_neighbours_do_not_break() {
        let l = lex(&[&["i don't"]]);
        assert_eq!(lists_in(&l, "I don\u{2019}t know"), 1);
        assert_eq!(lists_in(&l, "\u{e9}i don't"), 0);
        assert_eq!(lists_in(&l, "\u{201c}I don't\u{201d}"), 1);
    }
}
