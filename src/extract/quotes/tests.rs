//! Pattern and trap tests for quote extraction. Texts are written for these tests.

use super::*;
use crate::doc::{DocId, ParseOptions};

fn doc(text: &str) -> Document {
    Document::parse(
        DocId(0),
        "t.txt".into(),
        text.as_bytes().to_vec(),
        &ParseOptions::default(),
    )
}

/// (quoted words, kind, speaker mention, resolved name) for each quote.
fn quotes(text: &str) -> Vec<(String, QuoteKind, Option<String>, Option<String>)> {
    let d = doc(text);
    extract(&d)
        .iter()
        .map(|q| {
            (
                q.words(&d.text).into_owned(),
                q.kind,
                q.speaker.as_ref().map(|s| s.name.clone()),
                q.speaker.as_ref().and_then(|s| s.resolved.clone()),
            )
        })
        .collect()
}

fn speaker_of(text: &str) -> Option<String> {
    quotes(text).into_iter().next().and_then(|q| q.2)
}

#[test]
fn colon_introduction_in_previous_paragraph() {
    let text = "Officials met on Monday in the capital to discuss the plan.\n\nReporter Jane Okafor says:\n\n“The streets were quiet all night and nobody came out.”\n";
    assert_eq!(speaker_of(text).as_deref(), Some("Reporter Jane Okafor"));
}
