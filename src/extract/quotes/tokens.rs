//! A small tokenizer for the text around a quote: words (with their internal
//! apostrophes, hyphens and abbreviation periods) and single punctuation marks.

use crate::doc::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub word: bool,
}

/// Abbreviations whose period belongs to the word (and so does not end a sentence).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "adm", "sgt", "capt",
    "rev", "amb", "pres", "jr", "sr", "st", "no", "vs", "maj", "cmdr", "supt", "sens", "reps",
    "govs", "atty", "lieut", "messrs", "mt", "ft", "fr", "hon", "corp", "inc", "co", "ltd", "jan",
    "feb", "aug", "sept", "sep", "oct", "nov", "dec",
    // US state abbreviations in datelines and party labels ("Cambridge, Mass.", "D-Nev.").
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
];

fn is_one_char(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some() && chars.next().is_none()
}

fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‑')
}

/// Tokens of `text[range]`, appended to `out`.
pub fn tokenize(text: &str, range: Span, out: &mut Vec<Token>) {
    let Some(s) = text.get(range.range()) else {
        return;
    };
    let base = range.start as usize;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                span: Span::new(base + i, base + i + c.len_utf8()),
                word: false,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut dotted = false;
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            // A joiner stays inside the word only when a letter or digit follows it.
            let after = s[j + d.len_utf8()..].chars().next();
            if joins_word(d) && after.is_some_and(char::is_alphanumeric) {
                dotted |= d == '.';
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            break;
        }
        let word = &s[i..end];
        // A trailing period belongs to an initial (J.), a dotted abbreviation (U.S.)
        // or a title (Mr.).
        if s[end..].starts_with('.') {
            let initial = is_one_char(word) && c.is_uppercase();
            // "(R-Fla.)": a party and state abbreviation joined by a hyphen.
            let last_part = word.rsplit(['-', '‑']).next().unwrap_or(word);
            let known = ABBREVIATIONS
                .iter()
                .any(|a| a.eq_ignore_ascii_case(word) || a.eq_ignore_ascii_case(last_part));
            if initial || dotted || known {
                end += 1;
                chars.next();
            }
        }
        out.push(Token {
            span: Span::new(base + i, base + end),
            word: true,
        });
    }
}

/// Runs of capitalised words ("Prime Minister Fumio Kishida", "The White House"):
/// one pass over the text, used to find the names a pronoun can point back to. Most
/// chunks start with a lower-case ASCII letter and are skipped on their first byte.
pub fn capitalised_runs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut run: Option<Span> = None;
    let mut pos = 0;
    while pos < bytes.len() {
        if bytes[pos].is_ascii_whitespace() {
            pos += 1;
            continue;
        }
        let start = pos;
        while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if bytes[start].is_ascii_lowercase() || bytes[start].is_ascii_digit() {
            out.extend(run.take());
            continue;
        }
        // Both ends are ASCII whitespace or the text's ends: char boundaries.
        let chunk = &text[start..pos];
        let lead = chunk.len()
            - chunk
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let word = chunk.trim_matches(|c: char| !c.is_alphanumeric());
        if !word.starts_with(char::is_uppercase) {
            out.extend(run.take());
            continue;
        }
        let span = Span::new(start + lead, start + lead + word.len());
        run = Some(match run {
            Some(r) if lead == 0 => r.cover(span),
            _ => {
                out.extend(run.take());
                span
            }
        });
        // Punctuation after the word ends the run, except an abbreviation's period.
        let tail = &chunk[lead + word.len()..];
        let abbreviation = tail == "."
            && (is_one_char(word) || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)));
        if !tail.is_empty() && !abbreviation {
            out.extend(run.take());
        }
    }
    out.extend(run);
    out
}

/// Start of the sentence that contains byte `at`, not before `floor`: just after the
/// last `.`, `!` or `?` (with any closing quote mark) that is followed by a space and
/// does not end an abbreviation or an initial.
pub fn sentence_start(text: &str, floor: usize, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at.min(bytes.len());
    while i > floor {
        i -= 1;
        if !matches!(bytes[i], b'.' | b'!' | b'?') {
            continue;
        }
        let mut end = i + 1;
        // A closing quote mark may follow the stop: .” or ."
        for mark in ["”", "\"", "’", "'"] {
            if text[end..].starts_with(mark) {
                end += mark.len();
                break;
            }
        }
        if end >= at || !bytes[end].is_ascii_whitespace() {
            continue;
        }
        if bytes[i] == b'.' {
            let word_start = text[floor..i]
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_alphanumeric() && c != '.')
                .map_or(floor, |(p, c)| floor + p + c.len_utf8());
            let word = &text[word_start..i];
            let initial = is_one_char(word) && word.starts_with(char::is_uppercase);
            if initial || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
                continue;
            }
        }
        return end + 1;
    }
    floor
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut out);
        out.iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn words_keep_apostrophes_titles_and_initials() {
        assert_eq!(
            words("Mr. O'Reilly’s U.S. trip, said J. Smith-Jones."),
            [
                "Mr.",
                "O'Reilly’s",
                "U.S.",
                "trip",
                ",",
                "said",
                "J.",
                "Smith-Jones",
                "."
            ]
        );
        assert_eq!(
            words("“Yes,” he said"),
            ["“", "Yes", ",", "”", "he", "said"]
        );
    }

    #[test]
    fn capitalised_runs_stop_at_punctuation() {
        let text = "Yesterday Prime Minister Fumio Kishida met Mr. J. Smith, and “The Times” said.";
        let runs: Vec<&str> = capitalised_runs(text)
            .iter()
            .map(|r| r.slice(text))
            .collect();
        assert_eq!(
            runs,
            [
                "Yesterday Prime Minister Fumio Kishida",
                "Mr. J. Smith",
                "The Times"
            ]
        );
    }

    #[test]
    fn sentence_starts_skip_abbreviations() {
        let text = "It rained. Then Mr. J. Smith said: “Yes.” He left";
        let quote = text.find('“').unwrap();
        assert_eq!(
            &text[sentence_start(text, 0, quote)..quote],
            "Then Mr. J. Smith said: "
        );
        assert_eq!(&text[sentence_start(text, 0, text.len())..], "He left");
        assert_eq!(sentence_start(text, 0, 5), 0);
    }
}
