//! `anonymous_source`: speech, direct or reported, attributed to an unnamed or vague
//! source ("officials said", "a source close to", "critics say").

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::meta::BlockKind;
use crate::doc::Span;
use crate::extract::quotes::tokens::{tokenize, Token};
use crate::extract::Needs;
use serde::Deserialize;
use std::collections::HashSet;

pub const DOCS: &str = "\
## What it checks
Statements, quoted or reported, whose source is unnamed or vague: a subject such as
“officials”, “a source close to the talks”, “people familiar with the matter”,
“McConnell aides”, “some economists” or “critics” with a verb of saying (“said”,
“told”, “acknowledged”, “say”), the inverted “…,” said a senior official,
“according to sources”, and “who spoke on condition of anonymity”. One finding per
sentence, on the source and its verb, and on the quotation the attribution follows
(“…,” said one aide / “…,” officials said).

## Why it matters
An anonymous source may be justified, but the reader has to take the reporter's word
for it; a claim resting on unnamed voices deserves an editor's second look.

## Flagged
The plan will be dropped next week, two officials familiar with the talks said.
“We are not there yet,” said one aide.

## Not flagged
Named speakers, and descriptions set beside a name (“the mayor's spokeswoman, Ana
Ruiz, said”); descriptions that point back to one named person or body (“the
newspaper”, “the minister”, “the official” — only “the source” stays anonymous);
a vague subject inside someone else's quotation; headings and captions.

## Params
- `heads`: nouns that make a subject a vague source (officials, sources, aides,
  analysts, critics …).
- `qualified_heads`: nouns that do so only with a qualifier after them (people
  familiar with, those close to): `qualifiers` lists the qualifiers.
- `verbs`: verbs of saying that attribute reported speech.
- `anonymity`: phrases that state anonymity by themselves (on condition of
  anonymity).";

pub const PLACEHOLDERS: &[&str] = &["speaker"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub heads: Vec<String>,
    #[serde(default)]
    pub qualified_heads: Vec<String>,
    #[serde(default)]
    pub qualifiers: Vec<String>,
    pub verbs: Vec<String>,
    #[serde(default)]
    pub anonymity: Vec<String>,
}

pub struct AnonymousSource {
    heads: HashSet<String>,
    qualified_heads: HashSet<String>,
    qualifiers: HashSet<String>,
    verbs: HashSet<String>,
    anonymity: Vec<String>,
}

fn lower_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.trim().to_lowercase()).collect()
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.heads.is_empty() {
        return Err(CompileError::new("heads", "must list at least one noun"));
    }
    if p.verbs.is_empty() {
        return Err(CompileError::new("verbs", "must list at least one verb"));
    }
    if !p.qualified_heads.is_empty() && p.qualifiers.is_empty() {
        return Err(CompileError::new(
            "qualifiers",
            "must list at least one qualifier when qualified_heads is set",
        ));
    }
    if let Some(bad) = p.anonymity.iter().find(|a| !a.is_ascii() || a.trim().is_empty()) {
        return Err(CompileError::new(
            "anonymity",
            format!("“{bad}”: phrases must be non-empty ASCII"),
        ));
    }
    Ok(Compiled::Doc(Box::new(AnonymousSource {
        heads: lower_set(&p.heads),
        qualified_heads: lower_set(&p.qualified_heads),
        qualifiers: lower_set(&p.qualifiers),
        verbs: lower_set(&p.verbs),
        anonymity: p.anonymity.iter().map(|a| a.trim().to_lowercase()).collect(),
    })))
}

/// Words that may stand between a subject and its verb ("officials have long said").
const BETWEEN: &[&str] = &[
    "also", "have", "has", "had", "would", "will", "privately", "publicly", "reportedly",
    "later", "now", "still", "often", "long", "repeatedly", "previously", "recently",
    "were", "are", "is", "was", "quickly", "already", "since", "then",
];
/// Words that end a subject when walking back from its verb.
const CLAUSE_BREAKS: &[&str] = &[
    "that", "but", "while", "after", "as", "because", "when", "if", "though", "although",
    "so", "where", "and", "or", "what", "how", "why", "than", "before", "until", "unless",
    "which", "whom",
];
/// Words after which the head of a subject has ended ("officials in Ohio",
/// "advisers to Mr. Obama", "sources close to").
const POST_HEAD: &[&str] = &[
    "in", "from", "to", "at", "for", "with", "on", "of", "who", "close", "familiar",
    "knowledgeable", "briefed", "involved", "inside", "within", "across", "around", "near",
    "under", "outside", "working", "based", "by",
];
/// Quantifiers that take "of" ("one of the aides", "some of his advisers").
const QUANTIFIERS: &[&str] = &[
    "one", "two", "three", "four", "five", "some", "many", "several", "most", "few", "all",
    "none", "each", "both",
];
/// How many words may stand before the head ("a senior administration official").
const MAX_MODIFIERS: usize = 3;
/// How many more may, when one of them states rank or tenure ("a former senior law
/// enforcement official"): that is how an official is described without a name.
const RANK_EXTRA_MODIFIERS: usize = 2;
const RANK_MODIFIERS: &[&str] = &["former", "current", "senior", "retired", "serving", "top"];
/// Modifiers coordinated before a head: "current and former officials".
const COORDINATED_MODIFIERS: &[&str] = &["current", "former", "past", "present", "serving", "retired"];
/// Possessives that make a singular head one particular person ("his former chief
/// adviser"), whom the article usually names.
const POSSESSIVES: &[&str] = &["his", "her", "their", "its"];
/// Words that cannot stand before the head of a subject.
const NOT_MODIFIERS: &[&str] = &[
    "he", "she", "they", "i", "we", "it", "you", "had", "has", "have", "is", "was", "were",
    "are", "be", "been", "did", "does", "do", "not", "there",
];
/// Singular heads that stay anonymous after "the": the article's own earlier source.
const DEFINITE_ANONYMOUS: &[&str] = &["source"];

fn is_mark(text: &str, t: &Token) -> bool {
    !t.word && !matches!(t.span.slice(text), "'" | "’")
}

impl AnonymousSource {
    /// Whether `subject` (tokens of a noun phrase in order) is a vague source.
    fn vague(&self, text: &str, subject: &[Token], sentence_start: bool) -> bool {
        let words: Vec<&str> = subject.iter().map(|t| t.span.slice(text)).collect();
        if words.is_empty() || subject.iter().any(|t| !t.word) {
            return false;
        }
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        // "one of the aides": the head is after the quantifier's "of".
        let mut from = 0;
        if lower.len() > 2 && QUANTIFIERS.contains(&lower[0].as_str()) && lower[1] == "of" {
            from = 2;
        }
        let end = (from..lower.len())
            .find(|&i| i > from && POST_HEAD.contains(&lower[i].as_str()))
            .unwrap_or(lower.len());
        let head_index = end - 1;
        let head = lower[head_index].as_str();
        // Only a determiner and a few modifiers before the head: "he had a source"
        // and "Obama rebuked critics" are clauses, not subjects.
        let modifiers = &lower[from..head_index];
        let ranked = modifiers.iter().any(|w| RANK_MODIFIERS.contains(&w.as_str()));
        let limit = MAX_MODIFIERS + if ranked { RANK_EXTRA_MODIFIERS } else { 0 };
        if modifiers.len() > limit
            || lower[from..head_index].iter().any(|w| NOT_MODIFIERS.contains(&w.as_str()))
        {
            return false;
        }
        // A capitalised head is a name ("Sources" opening a sentence excepted).
        let capital = words[head_index].starts_with(char::is_uppercase);
        if capital && !(sentence_start && head_index == 0) {
            return false;
        }
        let qualified = end < lower.len() && self.qualifiers.contains(&lower[end]);
        let vague = self.heads.contains(head) || (qualified && self.qualified_heads.contains(head));
        if !vague {
            return false;
        }
        // "the official", "this aide", "his adviser", "Obama's former strategist": one
        // person the article has introduced.
        let possessor = lower[from].ends_with("'s") || lower[from].ends_with("’s");
        let definite = head_index > from
            && (matches!(lower[from].as_str(), "the" | "this" | "that")
                || POSSESSIVES.contains(&lower[from].as_str())
                || possessor)
            && !head.ends_with('s');
        !definite || DEFINITE_ANONYMOUS.contains(&head)
    }

    /// The vague subject before the verb at `verb`, as a token range.
    fn subject_before(&self, text: &str, toks: &[Token], verb: usize) -> Option<usize> {
        let mut end = verb;
        while end > 0 && BETWEEN.contains(&toks[end - 1].span.slice(text).to_lowercase().as_str())
        {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && end - start < 14 {
            let t = toks[start - 1];
            let w = t.span.slice(text).to_lowercase();
            // "Current and former officials": two modifiers of one head.
            let coordinated = matches!(w.as_str(), "and" | "or")
                && start >= 2
                && [start - 2, start].iter().all(|&i| {
                    let m = toks[i].span.slice(text).to_lowercase();
                    COORDINATED_MODIFIERS.contains(&m.as_str())
                });
            if coordinated {
                start -= 2;
                continue;
            }
            // "observers in Ohio and around the country": a conjunction inside a
            // prepositional phrase does not end the subject.
            let joins_phrase = matches!(w.as_str(), "and" | "or")
                && toks.get(start).is_some_and(|n| {
                    POST_HEAD.contains(&n.span.slice(text).to_lowercase().as_str())
                });
            if is_mark(text, &t) || (CLAUSE_BREAKS.contains(&w.as_str()) && !joins_phrase) {
                break;
            }
            start -= 1;
        }
        if start == end {
            return None;
        }
        // The subject starts at a clause boundary, not in the middle of a longer one.
        if start > 0 {
            let before = toks[start - 1];
            let w = before.span.slice(text).to_lowercase();
            if !is_mark(text, &before) && !CLAUSE_BREAKS.contains(&w.as_str()) {
                return None;
            }
            // "Josh Earnest and other officials": partly named.
            if matches!(w.as_str(), "and" | "or")
                && start >= 2
                && toks[start - 2].span.slice(text).starts_with(char::is_uppercase)
            {
                return None;
            }
        }
        self.vague(text, &toks[start..end], start == 0)
            .then_some(start)
    }

    /// The vague subject after an inverted verb (“…,” said a senior official) or
    /// "according to".
    fn subject_after(&self, text: &str, toks: &[Token], from: usize) -> Option<usize> {
        let mut end = from;
        let relative = |t: &Token| {
            t.word
                && matches!(
                    t.span.slice(text).to_lowercase().as_str(),
                    "who" | "whose" | "whom"
                )
        };
        while end < toks.len()
            && end - from < 12
            && !is_mark(text, &toks[end])
            && !(end > from && relative(&toks[end]))
        {
            end += 1;
        }
        // The phrase ends the clause: “…,” said one aide. / said one aide, who … /
        // said a former official who oversaw the case.
        let closes = end == toks.len()
            || relative(&toks[end])
            || matches!(toks[end].span.slice(text), "," | "." | ";" | ":" | "—" | ")");
        if end == from || !closes {
            return None;
        }
        // "say those who feel …": the relative pronoun qualifies the head.
        let end = end + usize::from(end < toks.len() && relative(&toks[end]));
        self.vague(text, &toks[from..end], false).then_some(end)
    }

    /// The span of the first vague attribution in `sentence`.
    fn attribution(&self, text: &str, toks: &[Token], quoted: &[Span]) -> Option<Span> {
        // `quoted` is disjoint and in text order: only the last quotation starting at
        // or before the token can hold it (a scan of all per token was quadratic).
        let inside_quote = |t: &Token| {
            crate::adversarial::step(1);
            let i = quoted.partition_point(|q| q.start <= t.span.start);
            i.checked_sub(1).is_some_and(|i| t.span.end <= quoted[i].end)
        };
        for (i, t) in toks.iter().enumerate() {
            if !t.word || inside_quote(t) {
                continue;
            }
            let w = t.span.slice(text).to_lowercase();
            let according = w == "according"
                && toks
                    .get(i + 1)
                    .is_some_and(|n| n.span.slice(text).eq_ignore_ascii_case("to"));
            if according {
                if let Some(end) = self.subject_after(text, toks, i + 2) {
                    return Some(t.span.cover(toks[end - 1].span));
                }
                continue;
            }
            if !self.verbs.contains(&w) {
                continue;
            }
            if let Some(start) = self.subject_before(text, toks, i) {
                return Some(toks[start].span.cover(t.span));
            }
            // Inverted only right after a quote or a comma: “…,” said one aide.
            let inverted = i > 0 && matches!(toks[i - 1].span.slice(text), "," | "”" | "\"");
            if inverted {
                if let Some(end) = self.subject_after(text, toks, i + 1) {
                    return Some(t.span.cover(toks[end - 1].span));
                }
            }
        }
        None
    }

    /// A phrase that states anonymity ("spoke on condition of anonymity").
    fn anonymity_phrase(&self, text: &str, sentence: Span) -> Option<Span> {
        let s = sentence.slice(text).to_ascii_lowercase();
        self.anonymity.iter().find_map(|p| {
            s.find(p.as_str()).map(|at| {
                let start = sentence.start as usize + at;
                Span::new(start, start + p.len())
            })
        })
    }
}

/// The quotation an attribution follows (“…,” said one aide): the finding
/// covers the quoted statement that rests on the unnamed source, not only its verb.
fn quoted_before(text: &str, quoted: &[Span], attribution: Span) -> Option<Span> {
    let i = quoted.partition_point(|q| q.end <= attribution.start);
    let q = *quoted.get(i.checked_sub(1)?)?;
    let gap = text.get(q.end as usize..attribution.start as usize)?;
    // The quote leaves its sentence open for the attribution (“…,” / “…?”), on the
    // same line: a quote that ends its sentence is not the next sentence's.
    let open = q
        .slice(text)
        .trim_end()
        .ends_with([',', '?', '!', '—', '–']);
    let joined = gap
        .chars()
        .all(|c| matches!(c, ' ' | '\u{a0}' | ',' | '”' | '"' | '’' | '\'' | '—'));
    (open && joined).then_some(q)
}

impl DocCheck for AnonymousSource {
    fn needs(&self) -> Needs {
        Needs::NONE
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        // Words inside quotations are the speaker's, not the article's sourcing.
        let quoted: Vec<Span> = doc
            .quoted
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| q.inner)
            .collect();
        let mut toks = Vec::new();
        for sentence in &doc.sentences {
            let body = doc
                .blocks
                .get(sentence.block as usize)
                .is_some_and(|b| b.kind == BlockKind::Body);
            if !body {
                continue;
            }
            toks.clear();
            tokenize(text, sentence.span, &mut toks);
            let found = self
                .attribution(text, &toks, &quoted)
                .or_else(|| self.anonymity_phrase(text, sentence.span));
            if let Some(span) = found {
                let words = span.slice(text).split_whitespace().collect::<Vec<_>>();
                let statement = quoted_before(text, &quoted, span).map_or(span, |q| q.cover(span));
                out.push(Hit::new(statement).var("speaker", words.join(" ")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::flagged_spans;

    /// Spans flagged by the shipped rule's params.
    fn flagged(text: &str) -> Vec<String> {
        let rule: serde_yaml::Value =
            serde_yaml::from_str(include_str!("../../rules/quotes/anonymous-source.yaml")).unwrap();
        let p: Params = serde_yaml::from_value(rule["check"]["params"].clone()).unwrap();
        flagged_spans(&compile(p).unwrap(), text)
    }

    #[test]
    fn reported_speech_from_vague_groups_is_flagged() {
        for (text, span) in [
            (
                "The deal will slip to March, two officials familiar with the talks said.",
                "two officials familiar with the talks said",
            ),
            ("Critics of the levy say it will hurt small farms.", "Critics of the levy say"),
            (
                "Harbour board aides acknowledged a close working relationship.",
                "Harbour board aides acknowledged",
            ),
            (
                "Those close to the mayor say she will not run again.",
                "Those close to the mayor say",
            ),
            (
                "One of the governor's budget advisers pointed out that the fund is empty.",
                "One of the governor's budget advisers pointed",
            ),
            (
                "The ferry was delayed, according to people familiar with the schedule.",
                "according to people familiar with the schedule",
            ),
            (
                "Observers in the valley and across the region say the dam is safe.",
                "Observers in the valley and across the region say",
            ),
            (
                "The memo was drafted in May, the source added.",
                "the source added",
            ),
            (
                "The levy, which critics claimed would close farms, passed.",
                "critics claimed",
            ),
            (
                "Current and former officials who spoke with the Valley Courier said the fund was empty.",
                "Current and former officials who spoke with the Valley Courier said",
            ),
        ] {
            assert_eq!(flagged(text), vec![span.to_string()], "{text}");
        }
    }

    #[test]
    fn inverted_and_anonymity_phrases_are_flagged() {
        assert_eq!(
            flagged("“We are not there yet,” said one senior aide."),
            vec!["We are not there yet,” said one senior aide".to_string()]
        );
        assert_eq!(
            flagged("The memo, which was seen by this newspaper, was drafted by staff speaking on condition of anonymity."),
            vec!["on condition of anonymity".to_string()]
        );
        // Several modifiers after the determiner, and a relative clause after the head.
        for (text, span) in [
            (
                "“The vote is close,” said one former harbour board aide.",
                "The vote is close,” said one former harbour board aide",
            ),
            (
                "The port will close, according to a senior port authority official.",
                "according to a senior port authority official",
            ),
            (
                "“It was handled far too lightly,” said a former senior customs official who led the inquiry.",
                "It was handled far too lightly,” said a former senior customs official who",
            ),
            (
                "The levy will never pay for itself, say those who want the project dropped.",
                "say those who",
            ),
            // A quote that ends its sentence is not the next sentence's statement.
            (
                "The mayor called her a \"one-term mayor.\"\n\nHarbour board aides acknowledged a close relationship.",
                "Harbour board aides acknowledged",
            ),
        ] {
            assert_eq!(flagged(text), vec![span.to_string()], "{text}");
        }
    }

    #[test]
    fn named_and_back_referring_sources_are_not_flagged() {
        for text in [
            "The Valley Courier reported the closure on Monday. The newspaper said the mill would reopen.",
            "The mayor's spokeswoman, Ana Ruiz, said the budget was final.",
            "Lena Koval took office in May. The minister said the talks would resume.",
            "Lena Koval, the country's finance minister, met the unions.\n\n“We will not raise the levy,” the minister said.",
            "Jo Lind, a rookie defenceman, scored twice.\n\n“I was lucky tonight,” the rookie defenceman said.",
            "Lena Koval left the board.\n\n“I was never told of the loan,” her statement said.",
            "Lena Koval met the unions in May. The official said the talks would resume.",
            "A senior official, Tomas Berg, said the plan was sound.",
            "“Officials said nothing to us,” Ana Ruiz said.",
            "The mayor told officials that the bridge would close.",
            "Ana Ruiz and other aides said the plan was sound.",
            "The mayor insisted he had a well-placed source who told him the truth.",
            "The mayor angrily dismissed critics who say the bridge is unsafe.",
            "Ana Ruiz and former aides said the plan was sound.",
            "“It was handled far too lightly,” said Ana Ruiz, a former senior customs official.",
            "The budget will balance, according to his former chief economic adviser.",
            "According to an advance text released by officials, the mayor will resign.",
            "The film will win, according to the city's leading film critics.",
            "Lena Koval met the unions.\n\n“That was outrageous,” the mayor's former campaign strategist said.",
        ] {
            assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
        }
    }
}
