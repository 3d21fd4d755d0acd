//! `pattern`: a regex or a phrase list, scoped to part of the document.

use super::{is_whole_word, phrase_matcher, CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::meta::BlockKind;
use crate::doc::Span;
use crate::extract::Needs;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
Text that matches a regular expression or one of a list of phrases, in the part of the
document the rule names: the body, the headings, inside quotations or outside them.

## Why it matters
Lets editors write house rules (placeholders left in copy, banned phrasings, loaded
terms) in YAML without touching Rust.

## Flagged
With `phrases: [\"TK\"]`: “The minister said TK in his speech.”

## Not flagged
Text outside the scope: with `scope: outside_quotes`, a phrase inside a quotation.

## Params
- `regex` (string) or `phrases` (list of strings): exactly one of them.
- `scope`: `body` (default; the article's prose), `headings`, `inside_quotes`,
  `outside_quotes`, `all` (everything, boilerplate included).
- `case_sensitive` (default false).
- `unicode` (default true): Unicode-aware classes and word boundaries. Turn it off
  for ASCII patterns: it is much faster.
- `whole_words` (default true, phrases only): a phrase must not start or end inside a word.";

pub const PLACEHOLDERS: &[&str] = &["match"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default)]
    pub regex: Option<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default = "yes")]
    pub unicode: bool,
    #[serde(default = "yes")]
    pub whole_words: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Body,
    Headings,
    InsideQuotes,
    OutsideQuotes,
    All,
}

enum Matcher {
    Regex(regex::Regex),
    Phrases { automaton: aho_corasick::AhoCorasick, whole_words: bool },
}

pub struct Pattern {
    matcher: Matcher,
    scope: Scope,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    let matcher = match (p.regex, p.phrases.is_empty()) {
        (Some(_), false) => return Err(CompileError::new("regex", "give either `regex` or `phrases`, not both")),
        (None, true) => return Err(CompileError::new("regex", "give a `regex` or a list of `phrases`")),
        (Some(re), true) => Matcher::Regex(
            regex::RegexBuilder::new(&re)
                .case_insensitive(!p.case_sensitive)
                .unicode(p.unicode)
                .dfa_size_limit(32 << 20)
                .build()
                .map_err(|e| CompileError::new("regex", format!("invalid regex: {e}")))?,
        ),
        (None, false) => {
            if p.phrases.iter().any(|s| s.trim().is_empty()) {
                return Err(CompileError::new("phrases", "phrases must not be empty"));
            }
            let ascii = p.phrases.iter().all(|s| s.is_ascii());
            if !p.case_sensitive && p.unicode && !ascii {
                // Unicode case folding ("évian" ~ "Évian"): the automaton folds ASCII only.
                let alternation = p.phrases.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|");
                let boundary = if p.whole_words { r"\b" } else { "" };
                let re = regex::RegexBuilder::new(&format!("{boundary}(?:{alternation}){boundary}"))
                    .case_insensitive(true)
                    .dfa_size_limit(32 << 20)
                    .build()
                    .map_err(|e| CompileError::new("phrases", e.to_string()))?;
                Matcher::Regex(re)
            } else if p.case_sensitive {
                let automaton = aho_corasick::AhoCorasick::builder()
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .build(&p.phrases)
                    .map_err(|e| CompileError::new("phrases", e.to_string()))?;
                Matcher::Phrases { automaton, whole_words: p.whole_words }
            } else {
                Matcher::Phrases { automaton: phrase_matcher(&p.phrases, "phrases")?, whole_words: p.whole_words }
            }
        }
    };
    Ok(Compiled::Doc(Box::new(Pattern { matcher, scope: p.scope })))
}

impl Pattern {
    fn find(&self, text: &str, region: Span, out: &mut Vec<Span>) {
        let Some(hay) = text.get(region.range()) else { return };
        let base = region.start as usize;
        match &self.matcher {
            Matcher::Regex(re) => {
                out.extend(re.find_iter(hay).filter(|m| !m.is_empty()).map(|m| Span::new(base + m.start(), base + m.end())));
            }
            Matcher::Phrases { automaton, whole_words } => {
                for m in automaton.find_iter(hay) {
                    if !whole_words || is_whole_word(hay, m.start(), m.end()) {
                        out.push(Span::new(base + m.start(), base + m.end()));
                    }
                }
            }
        }
    }
}

impl DocCheck for Pattern {
    fn needs(&self) -> Needs {
        Needs::NONE
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        let mut spans = Vec::new();
        match self.scope {
            Scope::All => self.find(&doc.text, doc.body, &mut spans),
            Scope::Headings => {
                for b in doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Heading | BlockKind::Title)) {
                    self.find(&doc.text, b.span, &mut spans);
                }
            }
            Scope::InsideQuotes => {
                for q in doc.quoted.iter().filter(|q| q.depth == 0 && doc.in_body(q.outer.start)) {
                    self.find(&doc.text, q.inner, &mut spans);
                }
            }
            Scope::Body | Scope::OutsideQuotes => {
                for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Body) {
                    self.find(&doc.text, b.span, &mut spans);
                }
                if self.scope == Scope::OutsideQuotes {
                    spans.retain(|s| doc.quoted_at(*s).is_none());
                }
            }
        }
        out.extend(spans.into_iter().map(|s| Hit::new(s).var("match", s.slice(&doc.text))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{DocId, Document, ParseOptions};
    use crate::extract::Facts;

    fn hits(params: &str, text: &str) -> Vec<String> {
        let p: Params = serde_yaml::from_str(params).unwrap();
        let Compiled::Doc(check) = compile(p).unwrap() else { panic!("doc check") };
        let doc = Document::parse(DocId(0), "t.txt".into(), text.as_bytes().to_vec(), &ParseOptions::default());
        let mut out = Vec::new();
        check.check(&DocContext { doc: &doc, facts: &Facts::default(), lexicons: crate::extract::lexicons::for_tests() }, &mut out);
        out.iter().map(|h| h.span.slice(&doc.text).to_string()).collect()
    }

    #[test]
    fn unicode_phrases_and_scopes() {
        assert_eq!(hits("{phrases: [évian]}", "The Évian summit opens."), ["Évian"]);
        assert_eq!(hits("{phrases: [tk]}", "He said TK and “TK” and atkins."), ["TK", "TK"]);
        assert_eq!(hits("{phrases: [tk], scope: outside_quotes}", "He said TK and “TK here” too."), ["TK"]);
        assert_eq!(hits("{phrases: [tk], scope: inside_quotes}", "He said TK and “TK here” too."), ["TK"]);
        assert_eq!(hits("{regex: '\\bx+\\b', unicode: false}", "a xx b"), ["xx"]);
    }

    #[test]
    fn bad_params_are_errors() {
        let p: Params = serde_yaml::from_str("{regex: '('}").unwrap();
        assert_eq!(compile(p).err().unwrap().key, "regex");
        let p: Params = serde_yaml::from_str("{}").unwrap();
        assert!(compile(p).is_err());
    }
}
