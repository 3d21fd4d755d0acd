//! `references`: links and notes that point nowhere.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::markup::LinkKind;
use crate::extract::Needs;
use serde::Deserialize;
use std::collections::BTreeSet;

pub const DOCS: &str = "\
## What it checks
One kind of broken reference, chosen by `problem`:
- `placeholder_link`: a link whose target is a placeholder (`#`, empty, `javascript:`,
  a bare scheme, TODO);
- `missing_note`: a footnote marker (`[^3]`, `<sup>3</sup>`, `³`) with no note;
- `uncited_note`: a note that no marker cites;
- `dangling_ibid`: a note that says “ibid.” (or “op. cit.”) with no earlier note to
  point back to.

## Why it matters
A reference that leads nowhere looks like sourcing but cannot be checked.

## Flagged
`[In Amenas attacks](#)`; a `<sup>7</sup>` when the notes stop at 6; note 1 reading
“Ibid., p. 4.”

## Not flagged
Real targets; markers and notes that match; “ibid.” after a note with a source.

## Params
- `problem`: `placeholder_link` | `missing_note` | `uncited_note` | `dangling_ibid`.
- `placeholder_targets` (placeholder_link only): targets that count as placeholders,
  compared case-insensitively after trimming; a target ending in `:` or `://` always
  counts.";

pub const PLACEHOLDERS: &[&str] = &["target", "label"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub problem: ProblemKind,
    #[serde(default)]
    pub placeholder_targets: Vec<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    PlaceholderLink,
    MissingNote,
    UncitedNote,
    DanglingIbid,
}

pub struct References {
    problem: ProblemKind,
    placeholders: BTreeSet<String>,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    if p.problem != ProblemKind::PlaceholderLink && !p.placeholder_targets.is_empty() {
        return Err(CompileError::new("placeholder_targets", "only applies to `problem: placeholder_link`"));
    }
    let placeholders = p.placeholder_targets.iter().map(|t| t.trim().to_ascii_lowercase()).collect();
    Ok(Compiled::Doc(Box::new(References { problem: p.problem, placeholders })))
}

impl References {
    fn is_placeholder(&self, target: &str) -> bool {
        let t = target.trim().to_ascii_lowercase();
        t.is_empty() || t.ends_with("://") || t.ends_with(':') || self.placeholders.contains(&t)
    }
}

fn is_ibid(note: &str) -> bool {
    let lower = note.trim_start_matches(['*', '_', ' ']).to_ascii_lowercase();
    lower.starts_with("ibid") || lower.starts_with("op. cit") || lower.starts_with("id.")
}

impl DocCheck for References {
    fn needs(&self) -> Needs {
        Needs::NONE
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        let doc = cx.doc;
        match self.problem {
            ProblemKind::PlaceholderLink => {
                for link in doc.links.iter().filter(|l| l.kind != LinkKind::Bare) {
                    if self.is_placeholder(&link.target) {
                        out.push(Hit::new(link.span).var("target", link.target.clone()));
                    }
                }
            }
            ProblemKind::MissingNote => {
                let defined: BTreeSet<&str> = doc.footnote_defs.iter().map(|d| d.label.as_str()).collect();
                for r in doc.footnote_refs.iter().filter(|r| !defined.contains(r.label.as_str())) {
                    out.push(Hit::new(r.span).var("label", r.label.clone()));
                }
            }
            ProblemKind::UncitedNote => {
                // Numbered notes with no markers at all are a bibliography, not notes.
                if doc.footnote_refs.is_empty() {
                    return;
                }
                let cited: BTreeSet<&str> = doc.footnote_refs.iter().map(|r| r.label.as_str()).collect();
                for d in doc.footnote_defs.iter().filter(|d| !cited.contains(d.label.as_str())) {
                    out.push(Hit::new(d.span).var("label", d.label.clone()));
                }
            }
            ProblemKind::DanglingIbid => {
                let mut previous_has_source = false;
                for d in &doc.footnote_defs {
                    let text = d.span.slice(&doc.text);
                    if is_ibid(text) {
                        if !previous_has_source {
                            out.push(Hit::new(d.span).var("label", d.label.clone()));
                        }
                    } else {
                        previous_has_source = crate::doc::segment::word_count(text) >= 2;
                    }
                }
            }
        }
    }
}
