//! Statistics in the author's words: the figures a reader would want a source for.
//!
//! A statistic is a percentage, an amount of money, a rate ("one in three", "eight
//! of 10"), a margin ("a 17-point lead", "by double digits"), a share ("a quarter
//! of"), or a count from a hundred up ("55,000 volunteers", "tens of thousands of
//! voters"). Small and spelled-out counts ("six bankruptcies", "29 New Yorkers
//! wounded"), numbers that are part of a name or a model ("the FTSE 100 index", "his 757 jet"),
//! sizes and ages ("a 100-page report"), scores, years, dates, times,
//! ordinals, well-known constants ("270 electoral votes") and the figures of data
//! lines (market tables, results, tallies: "Euro/dollar: UP at $1.1104") are not:
//! narrative detail or data, not claims a source is asked for.

use crate::doc::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    /// The figure with the noun it counts when one follows ("55,000 volunteers").
    pub span: Span,
}

/// A word of the text with punctuation trimmed (currency signs and "%" kept).
#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// Punctuation follows it: a figure's noun does not reach past it.
    closes: bool,
}

impl Word<'_> {
    fn is(&self, any: &[&str]) -> bool {
        any.iter().any(|w| self.text.eq_ignore_ascii_case(w))
    }
}

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
];
const SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "bn", "mn", "m", "tn", "k",
];
const CURRENCY_WORDS: &[&str] = &["dollars", "euros", "pounds", "yen", "cents", "pence"];
const PERCENT_WORDS: &[&str] = &["percent", "per", "percentage"];
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];
const FRACTIONS: &[&str] = &[
    "half",
    "third",
    "quarter",
    "fifth",
    "tenth",
    "one-third",
    "two-thirds",
    "one-quarter",
    "three-quarters",
    "one-fifth",
    "one-tenth",
];
/// Words that end the noun a figure counts.
const STOP: &[&str] = &[
    "of", "to", "in", "on", "at", "for", "from", "by", "over", "than", "and", "or", "the", "a",
    "an", "with", "per", "since", "last", "this", "that", "which", "who", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "will", "would", "its", "their", "his", "her",
    "as", "into", "more", "less", "each", "every", "a", "year", "years", "ago",
];

fn words(text: &str, base: usize) -> Vec<Word<'_>> {
    let keep = |c: char| c.is_alphanumeric() || matches!(c, '$' | '€' | '£' | '¥' | '%');
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_whitespace() {
        let at = pos + text[pos..].find(raw).unwrap_or(0);
        pos = at + raw.len();
        let lead = raw.len() - raw.trim_start_matches(|c| !keep(c)).len();
        let trimmed = raw.trim_matches(|c| !keep(c));
        if !trimmed.is_empty() {
            out.push(Word {
                text: trimmed,
                start: base + at + lead,
                end: base + at + lead + trimmed.len(),
                closes: lead + trimmed.len() < raw.len(),
            });
        }
    }
    out
}

/// A year from 1500 to 2099, possibly a decade ("1960s").
fn is_year(w: &str) -> bool {
    let w = w.strip_suffix('s').unwrap_or(w);
    w.len() == 4 && value(w).is_some_and(|y| (1500.0..2100.0).contains(&y))
}

fn is_number_word(w: &Word) -> bool {
    let lower = w.text.to_ascii_lowercase();
    NUMBER_WORDS.contains(&lower.as_str())
        || lower
            .split_once('-')
            .is_some_and(|(a, b)| NUMBER_WORDS.contains(&a) && NUMBER_WORDS.contains(&b))
}

fn is_count(w: &Word) -> bool {
    w.text.bytes().all(|b| b.is_ascii_digit() || b == b',') || is_number_word(w)
}

/// The numeric value of a plain digit word ("55,000" -> 55000), if it is one.
fn value(w: &str) -> Option<f64> {
    let digits: String = w.chars().filter(|&c| c != ',').collect();
    digits.parse().ok()
}

/// Whether the words at `i..` start with one of `phrases` (lower-case, space-separated).
fn starts_with_phrase(ws: &[Word], i: usize, phrases: &[String]) -> bool {
    phrases.iter().any(|p| {
        let parts: Vec<&str> = p.split_whitespace().collect();
        !parts.is_empty()
            && parts.iter().enumerate().all(|(k, part)| {
                ws.get(i + k)
                    .is_some_and(|w| w.text.eq_ignore_ascii_case(part))
            })
    })
}

/// A line made of labels and figures rather than prose: a market table row, a
/// result, a tally ("Euro/dollar: UP at $1.1104", "Arsenal 2 Chelsea 1", "Ohio:
/// Trump 52%, Clinton 44%"). Short, no closing full stop, and either a short label
/// before a colon or a figure for every three words.
fn is_data_line(line: &str) -> bool {
    let trimmed = line
        .trim()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
    if trimmed.is_empty() || trimmed.ends_with(['.', '!', '?']) {
        return false;
    }
    let ws: Vec<&str> = trimmed.split_whitespace().collect();
    let figures = ws
        .iter()
        .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
        .count();
    let label = trimmed
        .find(':')
        .is_some_and(|at| trimmed[..at].split_whitespace().count() <= 4);
    ws.len() <= 14 && figures > 0 && (label || figures * 3 >= ws.len())
}

/// The figures of `text` (a piece of a sentence starting at byte `base` of the
/// document). `constants`: phrases that, right after a number, make it a well-known
/// constant ("electoral votes").
pub fn figures(text: &str, base: usize, constants: &[String]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if !is_data_line(line) {
            scan(&words(line, base + line_start), constants, &mut out);
        }
        line_start += line.len();
    }
    out
}

fn scan(ws: &[Word], constants: &[String], out: &mut Vec<Figure>) {
    let next_is = |i: usize, any: &[&str]| ws.get(i).is_some_and(|w| w.is(any));
    let mut i = 0;
    while i < ws.len() {
        let w = ws[i];
        let l = w.text.to_ascii_lowercase();
        // The number of words the figure takes.
        let used: Option<usize> = if is_count(&w)
            && (next_is(i + 1, &["in"]) && is_count_at(ws, i + 2)
                || next_is(i + 1, &["of"])
                    && (next_is(i + 2, &["every"]) && is_count_at(ws, i + 3)
                        || next_is(i + 2, &["10", "ten", "100"]))
                || next_is(i + 1, &["out"]) && next_is(i + 2, &["of"]) && is_count_at(ws, i + 3))
        {
            // A rate: "one in three", "one of every nine", "eight of 10", "1 out of 4";
            // not "one of three members".
            (i + 2..i + 4)
                .find(|&k| is_count_at(ws, k))
                .map(|last| last - i + 1)
        } else if w.is(&["tens", "hundreds"])
            && next_is(i + 1, &["of"])
            && next_is(i + 2, &["thousands", "millions", "billions"])
        {
            Some(3)
        } else if w.is(&["thousands", "millions", "billions"])
            && next_is(i + 1, &["of"])
            // "millions of Americans", "thousands of people": a crowd, not a count.
            && !ws.get(i + 2).is_some_and(|n| {
                n.text.starts_with(char::is_uppercase) || n.is(&["people", "others"])
            })
            // A margin: "by double digits".
            || w.is(&["double", "triple", "single"]) && next_is(i + 1, &["digits"])
        {
            Some(2)
        } else if l.ends_with("-digit")
            || l.ends_with("-point") && l.bytes().next().is_some_and(|b| b.is_ascii_digit())
        {
            Some(1)
        } else if w.is(&["a", "one", "two", "three"])
            && next_is(i + 1, FRACTIONS)
            && next_is(i + 2, &["of"])
        {
            // A share: "a quarter of", "two thirds of".
            Some(2)
        } else if (l == "half" || l.contains('-') && FRACTIONS.contains(&l.as_str()))
            && next_is(i + 1, &["of"])
            // "the second half of July": a period, not a share.
            && !(i > 0 && ws[i - 1].is(&["first", "second", "latter", "former"]))
        {
            Some(1)
        } else if l.bytes().any(|b| b.is_ascii_digit()) {
            digit_figure(ws, i, constants)
        } else {
            None
        };
        let Some(mut used) = used else {
            i += 1;
            continue;
        };
        // "tens of thousands of voters": the noun comes after one more "of".
        if ws[i + used - 1].is(&["thousands", "millions", "billions"]) && next_is(i + used, &["of"])
        {
            used += 1;
        }
        let mut end = ws[i + used - 1].end;
        let mut k = i + used;
        // The noun it counts (not after a percentage or an amount): the lower-case
        // word after it, unless a function word or punctuation comes first.
        let amount = ws[i].text.starts_with(['$', '€', '£', '¥'])
            || ws[k - 1].text.ends_with('%')
            || ws[k - 1].is(&["percent", "cent", "points", "point"])
            || ws[k - 1].is(CURRENCY_WORDS);
        if let Some(noun) = ws.get(k).filter(|n| {
            !amount
                && !ws[k - 1].closes
                && n.text.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && !STOP.contains(&n.text)
        }) {
            end = noun.end;
            k += 1;
        }
        out.push(Figure {
            span: Span::new(ws[i].start, end),
        });
        i = k;
    }
}

fn is_count_at(ws: &[Word], i: usize) -> bool {
    ws.get(i).is_some_and(is_count)
}

/// A statistic written with digits at `ws[i]`: the number of words it takes. None
/// for years, dates, times, ordinals, sizes, scores, constants and small counts.
fn digit_figure(ws: &[Word], i: usize, constants: &[String]) -> Option<usize> {
    let w = ws[i].text;
    let l = w.to_ascii_lowercase();
    let next_is = |k: usize, any: &[&str]| ws.get(k).is_some_and(|w| w.is(any));
    let currency = w.starts_with(['$', '€', '£', '¥']) || l.starts_with("us$");
    if !currency
        && !w.ends_with('%')
        && (is_year(w) && !next_is(i + 1, SCALES)
            // A rank or a span, not a statistic: "the first 100 days", "100 most".
            || i > 0 && ws[i - 1].is(&["first", "last", "next", "top"])
            || next_is(i + 1, &["most", "best", "largest", "biggest"])
            || w.contains(':')
            || ["st", "nd", "rd", "th"].iter().any(|s| l.ends_with(s))
            || i > 0 && ws[i - 1].is(MONTHS)
            || next_is(i + 1, MONTHS)
            || next_is(i + 1, &["a.m", "p.m", "am", "pm"]))
        || starts_with_phrase(ws, i + 1, constants)
    {
        return None;
    }
    let mut used = 1;
    let scaled = next_is(i + 1, SCALES);
    used += usize::from(scaled);
    let percent_word = next_is(i + used, PERCENT_WORDS);
    if percent_word {
        // "percent", "per cent", "percentage points"; a "per" that ends the line
        // takes one word, not two.
        used += if next_is(i + used, &["per"]) && next_is(i + used + 1, &["cent"]) {
            2
        } else {
            1
        };
    }
    let money_word = next_is(i + used, CURRENCY_WORDS);
    used += usize::from(money_word);
    let margin = next_is(i + used, &["points", "point"]);
    used += usize::from(margin);
    let suffixed = w.ends_with('%')
        || ["bn", "m", "k", "tn"].iter().any(|s| {
            l.strip_suffix(s).is_some_and(|n| {
                !n.is_empty() && value(n.trim_start_matches(['$', '€', '£', '¥'])).is_some()
            })
        });
    if suffixed && !currency && is_race_distance(ws, i) {
        return None;
    }
    let plain = w
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.');
    if !(currency || suffixed || plain) {
        // "27-year-old", "2-1", "2-to-1", "100-page": ages, scores and sizes.
        return None;
    }
    // A count is a statistic from a hundred up ("29 New Yorkers wounded" is detail),
    // unless it is part of a name or a model number.
    let large = value(w).is_some_and(|v| v >= 100.0) && !is_label(ws, i);
    (currency || suffixed || percent_word || money_word || margin || scaled || large)
        .then_some(used)
}

/// Words that make a bare "800m" a distance in metres, not 800 million: the event
/// ("800m runners", "the 400m race", "the 100m final") or whose it is ("the men's
/// 60m").
const RACE_WORDS: &[&str] = &[
    "race",
    "races",
    "runner",
    "runners",
    "run",
    "hurdles",
    "hurdler",
    "relay",
    "final",
    "finals",
    "heat",
    "heats",
    "sprint",
    "sprinter",
    "sprinters",
    "dash",
    "freestyle",
    "backstroke",
    "breaststroke",
    "butterfly",
    "medley",
    "title",
    "titles",
    "record",
    "records",
    "champion",
    "champions",
    "gold",
    "silver",
    "bronze",
    "event",
    "events",
];

fn is_race_distance(ws: &[Word], i: usize) -> bool {
    let metres = ws[i].text.ends_with('m');
    let event_after = !ws[i].closes && ws.get(i + 1).is_some_and(|n| n.is(RACE_WORDS));
    let owner_before = i > 0 && ws[i - 1].is(&["men's", "women's", "men’s", "women’s"]);
    metres && (event_after || owner_before)
}

/// Nouns counted in the plural without an "s".
const PLURALS: &[&str] = &[
    "people",
    "police",
    "staff",
    "personnel",
    "children",
    "men",
    "women",
    "cattle",
    "sheep",
    "fish",
    "aircraft",
    "crew",
    "feet",
    "data",
    "media",
    "military",
    "youth",
];

fn plural_looking(w: &Word) -> bool {
    let lower = w.text.to_ascii_lowercase();
    lower.ends_with('s') || PLURALS.contains(&lower.as_str())
}

/// A plain number that names rather than counts: right after a capitalised word
/// that does not open the text ("the FTSE 100 index", "a Fortune 500 firm", "the
/// Boeing 757"), or before a singular noun that no plural noun follows ("his 757
/// jet", "the 100 index"; not "271 scheduled flights", "2,000 marched").
fn is_label(ws: &[Word], i: usize) -> bool {
    let after_name = i > 1 && ws[i - 1].text.starts_with(char::is_uppercase) && !ws[i - 2].closes;
    let singular_noun = !ws[i].closes
        && ws.get(i + 1).is_some_and(|n| {
            n.text.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && !STOP.contains(&n.text)
                && !plural_looking(n)
                // A verb after a count: "2,000 marched", "300 died".
                && !n.text.ends_with("ed")
                && (n.closes
                    || ws
                        .get(i + 2)
                        .is_none_or(|m| !plural_looking(m) || STOP.contains(&m.text)))
        });
    after_name || singular_noun
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let constants = vec!["electoral votes".to_string()];
        figures(text, 0, &constants)
            .into_iter()
            .map(|f| f.span.slice(text))
            .collect()
    }

    #[test]
    fn statistics_of_every_form() {
        assert_eq!(
            found("A poll showed Reyes with a 17-point lead, ahead by double digits."),
            ["17-point lead", "double digits"]
        );
        assert_eq!(
            found("One in three households and about one of every nine voters agree."),
            ["One in three households", "one of every nine voters"]
        );
        assert_eq!(
            found("It would cost thousands of jobs and remove tens of thousands of voters."),
            ["thousands of jobs", "tens of thousands of voters"]
        );
        assert!(found("It threatens the homes of millions of Europeans and people.").is_empty());
        assert_eq!(
            found("Nearly 12% rose to $4.5 billion, 3 percentage points, 55,000 volunteers."),
            [
                "12%",
                "$4.5 billion",
                "3 percentage points",
                "55,000 volunteers"
            ]
        );
        assert_eq!(
            found("Less than a quarter of the donors gave £3.3bn, half of it 40 percent."),
            ["a quarter", "£3.3bn", "half", "40 percent"]
        );
    }

    #[test]
    fn a_per_that_ends_the_text_is_no_panic() {
        assert_eq!(found("They will send 8,000 per"), ["8,000 per"]);
        assert_eq!(found("It rose 5 per cent."), ["5 per cent"]);
    }

    #[test]
    fn narrative_counts_years_dates_constants_and_data_lines_are_not() {
        assert!(
            found("The 29 residents hurt and six bankruptcies in a 100-page filing.").is_empty()
        );
        assert!(found("In 2015, on Aug. 29 at 10:30, the 21st round began 2-1.").is_empty());
        assert!(found("The vote falls in the second half of July.").is_empty());
        assert!(found("A candidate needs 270 electoral votes to win.").is_empty());
        assert!(found("Euro/dollar: UP at $1.1104").is_empty());
        assert!(found("Harbour City 3 Riverside 1").is_empty());
        assert!(
            found("She is among the top 800m runners and won the women's 400m easily.").is_empty()
        );
        assert_eq!(found("The 400m race drew 5m viewers."), ["5m viewers"]);
        assert!(found("The firm joined the FTSE 100 index and flew in on his 737 jet.").is_empty());
        assert_eq!(
            found("It runs 271 scheduled flights for 1,200 police and 300 staff."),
            ["271 scheduled", "1,200 police", "300 staff"]
        );
        assert_eq!(found("Turnout was 54%."), ["54%"]);
    }
}
