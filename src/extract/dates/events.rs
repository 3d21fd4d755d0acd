//! What a dated sentence is about, well enough to tell whether two dates describe
//! the same event: who took part (capitalised names), what happened (an action
//! class: "met", "meeting", "talks" are all `meet`) and where (a name after "in"
//! or "at"). A noun alone never makes an event: the 2016 and the 2025 Shangri-La
//! Dialogues share every word but their year.

use crate::doc::{Document, Span};
use crate::extract::DateMention;
use crate::time::{Granule, Precision};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventKey {
    /// The action class ("meet", "gathering", "visit").
    pub action: String,
    /// Lower-cased name words (titles left out), sorted and deduplicated: "Prime
    /// Minister Kishida" and "Kishida" share "kishida".
    pub participants: Vec<String>,
    pub place: Option<String>,
}

impl EventKey {
    /// Two keys name the same event: the same action at the same stated place, with
    /// two participants in common, or one when both name a gathering ("the G7
    /// summit"), whose name is the event's. Sentences that name no place are never
    /// matched: names and an action alone fit too many events.
    pub fn same_event(&self, other: &EventKey) -> bool {
        let compatible = self.action == other.action
            || matches!(
                (self.action.as_str(), other.action.as_str()),
                ("meet", "gathering") | ("gathering", "meet")
            );
        if !compatible || self.place.is_none() || self.place != other.place {
            return false;
        }
        let shared = self
            .participants
            .iter()
            .filter(|p| other.participants.binary_search(p).is_ok())
            .count();
        // Most of the smaller cast must be shared: political stories name the same
        // few people around many different events.
        let cast = self.participants.len().min(other.participants.len());
        let named_gathering = self.action == "gathering" && other.action == "gathering";
        (shared >= 2 || (named_gathering && shared >= 1)) && 2 * shared >= cast
    }
}

/// The action a word names, if it is one the event key uses.
fn action(word: &str) -> Option<&'static str> {
    Some(match word {
        "met" | "meet" | "meets" | "meeting" | "meetings" | "talks" => "meet",
        "visit" | "visited" | "visits" | "toured" => "visit",
        "signed" | "sign" | "signs" | "signing" => "sign",
        "attack" | "attacked" | "bombing" | "bombed" | "struck" => "attack",
        "elected" | "election" | "voted" | "vote" | "referendum" => "vote",
        "announced" | "announce" | "announces" | "unveiled" | "launched" | "launch" => "announce",
        "died" | "killed" | "death" => "die",
        "resigned" | "resignation" | "resigns" => "resign",
        "opened" | "opens" | "inaugurated" => "open",
        "summit" | "dialogue" | "conference" | "forum" | "congress" | "convention" => "gathering",
        "published" | "released" | "appeared" => "publish",
        _ => return None,
    })
}

/// Capitalised words that start sentences or name dates, not participants.
fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "in"
            | "on"
            | "at"
            | "he"
            | "she"
            | "they"
            | "it"
            | "we"
            | "i"
            | "but"
            | "and"
            | "when"
            | "after"
            | "before"
            | "this"
            | "that"
            | "last"
            | "his"
            | "her"
            | "their"
            | "its"
            | "as"
            | "for"
            | "with"
            | "by"
            | "from"
            | "of"
            | "then"
            | "there"
            | "since"
            | "while"
            | "both"
            | "during"
            | "until"
    ) || crate::time::month_from_name(word).is_some()
        || crate::time::weekday_from_name(word).is_some()
}

fn is_title(word: &str) -> bool {
    matches!(
        word,
        "president"
            | "prime"
            | "minister"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "secretary"
            | "general"
            | "chancellor"
            | "king"
            | "queen"
            | "premier"
            | "foreign"
            | "defence"
            | "defense"
            | "leader"
            | "chairman"
            | "governor"
            | "senator"
            | "deputy"
    )
}

/// The event of the sentence `sentence` of `text`, leaving out the words of the
/// date mentions in `dates` (disjoint, in text order), so "May" is never a participant.
pub fn event_of(text: &str, sentence: Span, dates: &[Span]) -> Option<EventKey> {
    let mut act = None;
    let mut participants: Vec<String> = Vec::new();
    let mut place = None;
    let mut name: Vec<&str> = Vec::new();
    let mut after_locative = false;
    let mut name_after_locative = false;
    let flush = |name: &mut Vec<&str>,
                 locative: bool,
                 participants: &mut Vec<String>,
                 place: &mut Option<String>| {
        if name.is_empty() {
            return;
        }
        if locative && place.is_none() {
            *place = Some(name.join(" ").to_lowercase());
        } else {
            participants.extend(
                name.iter()
                    .map(|w| w.to_lowercase())
                    .filter(|w| !is_title(w)),
            );
        }
        name.clear();
    };
    let start = sentence.start as usize;
    let body = sentence.slice(text);
    for (offset, word) in words(body) {
        let at = start + offset;
        // `dates` are disjoint and in text order: a binary search, not a scan of
        // every date per word (quadratic on a long run of dated sentences).
        let in_date = dates
            .get(dates.partition_point(|d| (d.end as usize) <= at))
            .is_some_and(|d| (d.start as usize) <= at);
        let lower = word.to_lowercase();
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        if capitalised && !in_date && !is_function_word(&lower) {
            if name.is_empty() {
                name_after_locative = after_locative;
            }
            name.push(word);
        } else {
            flush(
                &mut name,
                name_after_locative,
                &mut participants,
                &mut place,
            );
        }
        if act.is_none() {
            act = action(&lower);
        }
        after_locative = lower == "in" || lower == "at";
    }
    flush(
        &mut name,
        name_after_locative,
        &mut participants,
        &mut place,
    );
    participants.sort();
    participants.dedup();
    Some(EventKey {
        action: act?.to_string(),
        participants,
        place,
    })
}

/// Words (letters, digits, inner hyphens and apostrophes) with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if c.is_alphanumeric() {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if c.is_alphanumeric() || ((c == '-' || c == '\'' || c == '’') && i > start) {
                end = i + c.len_utf8();
                rest.next();
            } else {
                break;
            }
        }
        let word = text.get(start..end)?.trim_end_matches(['-', '\'', '’']);
        Some((start, word))
    })
}

/// The sentence containing `span`.
pub fn sentence_of(doc: &Document, span: Span) -> Option<Span> {
    let i = doc.sentences.partition_point(|s| s.span.end <= span.start);
    doc.sentences
        .get(i)
        .map(|s| s.span)
        .filter(|s| s.start <= span.start)
}

/// The calendar date of a mention precise to the day, a month, a season, a quarter
/// or a half (weeks are too loosely written to date an event).
pub fn calendar_date(m: &DateMention) -> Option<Granule> {
    m.value.granule().filter(|g| {
        matches!(
            g.precision(),
            Precision::Day
                | Precision::Month
                | Precision::Season
                | Precision::Quarter
                | Precision::Half
        )
    })
}

/// The event a date mention dates: the event of its sentence, when that sentence
/// has no other calendar date (with two, which date goes with which event is
/// unknown) and does not say "again" (a repeat is another event).
pub fn dated_event(
    doc: &Document,
    dates: &[DateMention],
    spans: &[Span],
    m: &DateMention,
) -> Option<(EventKey, Span)> {
    if !doc.in_body(m.span.start) {
        return None;
    }
    let sentence = sentence_of(doc, m.span)?;
    // Mentions are in text order (the tagger reads left to right): only the
    // sentence's own are looked at, and two are enough to know (scanning every
    // mention for every mention was quadratic).
    let from = dates.partition_point(|d| d.span.start < sentence.start);
    let dated = dates[from..]
        .iter()
        .inspect(|_| crate::adversarial::step(1))
        .take_while(|d| d.span.start < sentence.end)
        .filter(|d| d.span.end <= sentence.end)
        .filter(|d| calendar_date(d).is_some())
        .take(2)
        .count();
    if dated != 1
        || sentence
            .slice(&doc.text)
            .to_ascii_lowercase()
            .contains("again")
    {
        return None;
    }
    Some((event_of(&doc.text, sentence, spans)?, sentence))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> EventKey {
        event_of(s, Span::new(0, s.len()), &[]).expect("an event")
    }

    #[test]
    fn participants_action_place() {
        let k = key("Prime Minister Kishida and President Yoon met in Tokyo on March 16.");
        assert_eq!(k.action, "meet");
        assert_eq!(k.place.as_deref(), Some("tokyo"));
        assert_eq!(k.participants, ["kishida", "yoon"]);
    }

    #[test]
    fn same_and_different_events() {
        let a = key("Kishida and Yoon held talks in Tokyo on March 16.");
        let b = key("When Kishida and Yoon met in Tokyo on March 18, they agreed.");
        let elsewhere = key("Kishida and Yoon met in Seoul on May 7.");
        assert!(a.same_event(&b));
        assert!(!a.same_event(&elsewhere));
        let summit = key("The G7 summit in Hiroshima opened on May 19.");
        let again = key("Leaders left the G7 summit in Hiroshima on May 21.");
        let nowhere = key("Kishida and Yoon met on March 16.");
        assert!(summit.same_event(&again));
        assert!(!nowhere.same_event(&nowhere));
    }
}
