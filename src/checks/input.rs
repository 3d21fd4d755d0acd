//! `input`: problems reading a document, reported as findings rather than aborts.

use super::{CompileError, Compiled, DocCheck, DocContext, Hit};
use crate::doc::{Problem, Span};
use crate::extract::Needs;
use serde::Deserialize;

pub const DOCS: &str = "\
## What it checks
A problem with the file itself, chosen by `problem`: `unreadable` (permission denied,
vanished, an I/O error), `encoding` (not UTF-8: decoded as UTF-16 or Windows-1252;
offsets then refer to the decoded text), `too_large` (over the size limit: skipped),
`front_matter` (YAML front matter that does not parse, or a `date` that is not a
date), `empty` (no text outside the front matter and markup), `internal_error` (factlint
itself failed on the document: a bug, reported with its message instead of ending the
run; the exit status is then 3).

## Why it matters
A document that was not read was not checked; its score says nothing about it. A
document with nothing to check (not read, too large, empty) gets only these findings,
and its score counts them without the category caps, so it cannot pass a score gate.

## Flagged
A Latin-1 file; a file the process may not read.

## Not flagged
Valid UTF-8 with or without a BOM.

## Params
- `problem`: `unreadable` | `encoding` | `too_large` | `front_matter` | `empty` |
  `internal_error`.";

pub const PLACEHOLDERS: &[&str] = &["detail"];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub problem: ProblemKind,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    Unreadable,
    Encoding,
    TooLarge,
    FrontMatter,
    Empty,
    InternalError,
}

pub struct Input {
    problem: ProblemKind,
}

pub fn compile(p: Params) -> Result<Compiled, CompileError> {
    Ok(Compiled::Doc(Box::new(Input { problem: p.problem })))
}

impl DocCheck for Input {
    fn needs(&self) -> Needs {
        Needs::NONE
    }

    fn check(&self, cx: &DocContext, out: &mut Vec<Hit>) {
        for problem in &cx.doc.problems {
            let detail = match (self.problem, problem) {
                (ProblemKind::Unreadable, Problem::Unreadable(e)) => e.clone(),
                (ProblemKind::Encoding, Problem::Encoding(name)) => format!("decoded as {name}"),
                (ProblemKind::TooLarge, Problem::TooLarge { size, limit }) => format!("{size} bytes, limit {limit}"),
                (ProblemKind::FrontMatter, Problem::FrontMatter(e)) => e.clone(),
                (ProblemKind::InternalError, Problem::Internal(e)) => e.clone(),
                (ProblemKind::Empty, Problem::Empty) => String::new(),
                _ => continue,
            };
            out.push(Hit::new(Span::empty()).var("detail", detail));
        }
    }
}
