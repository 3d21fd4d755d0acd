//! `loaded_language`: weasel wording, peacock and certainty language, forecasts stated
//! as fact — phrase lists from rules/data/claims.yaml plus the rule's own — in the
//! author's prose, never inside a quotation.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::meta::BlockKind;
use crate::doc::Span;
use crate::extract::claims::{self, lexicon::Lexicon};
use crate::extract::Needs;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
Phrases from the named lists of rules/data/claims.yaml (`weasel`, `peacock`,
`certainty`, `forecast`) and from the rule's own `phrases`, matched as whole words and
case-insensitively in the article's own prose. Text inside quotation marks is skipped:
a speaker's words are theirs to choose.

## Why it matters
Weasel wording (\"widely seen as\", \"some say\") hides who holds a view; peacock and
certainty language (\"truly transformative\", \"undoubtedly\") asserts instead of
showing; a forecast stated as fact (\"will inevitably\") passes a guess off as news.

## Flagged
“The plan is widely seen as a turning point.” “It will undoubtedly succeed.”

## Not flagged
“‘It will undoubtedly succeed,’ the minister said.” (inside a quotation)

## Params
- `lists` (list): names of lists in rules/data/claims.yaml.
- `phrases` (list, default empty): more phrases.";

pub const PLACEHOLDERS: &[&str] = &["match"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default)]
    pub lists: Vec<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
}

pub struct LoadedLanguage {
    lexicon: Lexicon,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    let data = claims::data();
    let mut phrases = p.phrases;
    for name in &p.lists {
        let list = data.phrase_list(name).ok_or_else(|| {
            CompileError::new(
                "lists",
                format!("unknown list `{name}`; expected weasel, peacock, certainty or forecast"),
            )
        })?;
        phrases.extend(list.iter().cloned());
    }
    if phrases.iter().all(|p| p.trim().is_empty()) {
        return Err(CompileError::new("lists", "give at least one list or phrase"));
    }
    let lexicon = Lexicon::new([&phrases[..]]).map_err(|e| CompileError::new("phrases", e))?;
    Ok(Compiled::Doc(Box::new(LoadedLanguage { lexicon })))
}

impl DocCheck for LoadedLanguage {
    fn needs(&self) -> Needs {
        Needs::NONE
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Body) {
            let text = b.span.slice(&doc.text);
            let base = b.span.start as usize;
            let mut last_end = 0;
            self.lexicon.for_each(text, |h| {
                // Overlapping matches ("without doubt" in "without a doubt"): keep the first.
                if h.start < last_end {
                    return;
                }
                let span = Span::new(base + h.start, base + h.end);
                if doc.quoted.iter().any(|q| q.outer.overlaps(span)) {
                    return;
                }
                last_end = h.end;
                out.push(Hit::new(span).var("match", span.slice(&doc.text)));
            });
        }
    }
}
