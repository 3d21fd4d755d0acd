//! Sourcing by a document or dataset the sentence names: "a new Quinnipiac poll
//! showed", "city documents say", "the agency's figures", "a study by Harvard", "the
//! Observer found". A source noun counts when something names it — a capitalised
//! name, a possessive, a noun of its kind ("fundraising documents") or a definite
//! article pointing back at one named before ("the poll") in front of it, or
//! "by"/"for" and a name after it; an unnamed one with a verb of showing ("a poll
//! showed", "polls show", "one study found", "a new survey found") is vague sourcing.

use super::lexicon::Hit;
use super::{Sourcing, SHOWING, SOURCE_NOUN, VAGUE, VOICES};
use crate::doc::Span;

/// Words that open a noun phrase without naming anything, also as the first word of
/// a sentence ("Recent polls show").
const UNNAMING: &[&str] = &[
    "a",
    "an",
    "the",
    "one",
    "another",
    "this",
    "that",
    "these",
    "those",
    "new",
    "recent",
    "latest",
    "previous",
    "earlier",
    "last",
    "other",
    "several",
    "most",
    "some",
    "many",
    "national",
    "independent",
    "private",
    "internal",
    "exit",
    "opinion",
    "public",
    "early",
    "separate",
    "online",
    "two",
    "three",
    "and",
    "but",
    "yet",
    "in",
    "still",
    "even",
    "such",
    "to",
    "of",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "as",
    "or",
    "than",
    "which",
    "who",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "not",
    "no",
    "more",
    "all",
    "both",
    "any",
    "own",
    "say",
    "says",
    "said",
    "show",
    "shows",
    "showed",
];

/// How the source nouns and verbs of showing among `hits` (the sourcing hits of the
/// sentence at `sentence_start..`, offsets into `text`) source it; when vaguely, the
/// unnamed source and its verb ("a poll from the north showed").
pub fn shown_by(text: &str, sentence_start: usize, hits: &[Hit]) -> (Sourcing, Option<Span>) {
    let mut found = (Sourcing::None, None);
    let vague = |h: &Hit| {
        hits.iter()
            .any(|v| v.lists & (VAGUE | VOICES) != 0 && v.start <= h.start && h.end <= v.end)
    };
    for noun in hits
        .iter()
        .filter(|h| h.lists & SOURCE_NOUN != 0 && !vague(h))
    {
        if named_before(text, sentence_start, noun.start) || named_after(text, noun.end) {
            return (Sourcing::Sourced, None);
        }
        let shows = hits.iter().find(|v| {
            v.lists & SHOWING != 0
                && v.start >= noun.end
                && v.start - noun.end <= 80
                && !text[noun.end..v.start].contains(['.', ';', '!', '?'])
        });
        if let (Some(verb), (Sourcing::None, _)) = (shows, found) {
            found = (Sourcing::Weak, Some(Span::new(noun.start, verb.end)));
        }
    }
    // A name or a pronoun for one right before the verb: "Gallup found", "the
    // Observer found", "they found" (not "Researchers found"); after "and", the
    // sentence's subject: "TheBlaze did the math and found".
    let names = |word: &str, first: bool| {
        let lower = word.to_ascii_lowercase();
        ["he", "she", "they", "it"].contains(&lower.as_str())
            || word.chars().next().is_some_and(char::is_uppercase)
                && !(first && (word.ends_with('s') || UNNAMING.contains(&lower.as_str())))
    };
    let named_subject = hits.iter().filter(|v| v.lists & SHOWING != 0).any(|v| {
        let before = text[sentence_start..v.start].trim_end();
        let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        if word == "and" {
            let subject = before.split_whitespace().next().unwrap_or("");
            return subject != word && names(subject, true);
        }
        names(word, before.len() == word.len())
    });
    if named_subject {
        (Sourcing::Sourced, None)
    } else {
        found
    }
}

/// Words that end a noun phrase on its left: what comes before them names another
/// thing ("closing on Clinton in national polls": Clinton does not name the polls).
const PHRASE_EDGES: &[&str] = &[
    "in", "to", "of", "on", "at", "by", "for", "from", "with", "as", "or", "and", "but", "than",
    "which", "who", "that", "is", "are", "was", "were", "be", "been", "has", "have", "had", "say",
    "says", "said", "show", "shows", "showed", "about", "into", "over", "after", "before", "among",
    "under", "against", "despite", "while", "when", "if",
];

/// A name, a possessive, a noun of its kind or a definite article among the (up to
/// four) words before a source noun in its noun phrase.
fn named_before(text: &str, sentence_start: usize, at: usize) -> bool {
    let before = &text[sentence_start..at];
    let words: Vec<&str> = before.split_whitespace().collect();
    for (back, raw) in words.iter().rev().take(4).enumerate() {
        if raw.ends_with([',', ';', ':', '(', ')']) {
            break;
        }
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}');
        if w.is_empty() {
            break;
        }
        let lower = w.to_ascii_lowercase();
        if PHRASE_EDGES.contains(&lower.as_str()) {
            break;
        }
        let first = words.len() == back + 1;
        if lower.ends_with("'s")
            || lower.ends_with("\u{2019}s")
            || lower.ends_with("s'")
            || w.chars().next().is_some_and(char::is_uppercase)
                && !UNNAMING.contains(&lower.as_str())
                && !(first && lower.ends_with('s'))
        {
            return true;
        }
        // "the poll", "this study", "its figures": one named before.
        if [
            "the", "this", "that", "these", "those", "its", "their", "his", "her",
        ]
        .contains(&lower.as_str())
        {
            return true;
        }
        // Any other determiner opens the noun phrase: nothing before it names the noun.
        if ["a", "an", "one", "another"].contains(&lower.as_str()) {
            break;
        }
        // A noun naming the kind of source: "fundraising documents", "campaign-finance
        // reports" (not an adjective that names nothing: "new", "exit", "internal").
        if back == 0
            && !UNNAMING.contains(&lower.as_str())
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            return true;
        }
    }
    false
}

/// "by" or "for" and a name right after a source noun: "a study by Harvard", "a poll
/// for the Daily Courier".
fn named_after(text: &str, at: usize) -> bool {
    let mut words = text[at..].split_whitespace();
    let Some(prep) = words.next() else {
        return false;
    };
    if !["by", "for"].contains(&prep) {
        return false;
    }
    let next = match words.next() {
        Some("the") => words.next(),
        w => w,
    };
    next.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::super::PhraseHits;
    use crate::doc::Span;
    use crate::extract::Sourcing;

    fn sourcing_in(text: &str) -> Sourcing {
        PhraseHits::of(text).sourcing_in(text, Span::new(0, text.len()))
    }

    #[test]
    fn a_name_in_another_phrase_does_not_name_the_source() {
        assert_eq!(
            sourcing_in("Okafor gained on the mayor in national polls and led by 4 points."),
            Sourcing::None
        );
        assert_eq!(
            sourcing_in("The Harbour Institute poll gave Okafor 46 percent."),
            Sourcing::Sourced
        );
    }

    #[test]
    fn a_named_subject_sources_its_coordinated_verb() {
        assert_eq!(
            sourcing_in("TheGazette did the sums and found that the odds were 1 in 64."),
            Sourcing::Sourced
        );
    }
}
