//! `factlint extract --format json`: what the analysis saw, per document.

use super::MetadataOut;
use crate::doc::{Document, Span};
use crate::extract::dates::DateValue;
use crate::extract::entities::Words;
use crate::extract::sources::{SourceClass, Via};
use crate::extract::{Facts, QuoteKind, Sourcing, TimexType};
use serde::Serialize;

#[derive(Serialize)]
struct DocOut<'a> {
    path: &'a str,
    metadata: MetadataOut,
    quotes: Vec<QuoteOut>,
    dates: Vec<DateOut<'a>>,
    claims: Vec<ClaimOut>,
    quantities: Vec<QuantityOut<'a>>,
    sources: Vec<SourceOut<'a>>,
}

/// A quantity with what the extractor read it as counting (src/extract/entities).
#[derive(Serialize)]
struct QuantityOut<'a> {
    #[serde(flatten)]
    at: SpanText,
    value: f64,
    unit: &'a str,
    #[serde(skip_serializing_if = "Words::is_empty")]
    modifiers: &'a Words,
    #[serde(skip_serializing_if = "Option::is_none")]
    measure: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a str>,
    approx: bool,
    change: bool,
    reference: bool,
    part: bool,
    #[serde(skip_serializing_if = "<[u16]>::is_empty")]
    years: &'a [u16],
    #[serde(skip_serializing_if = "Words::is_empty")]
    periods: &'a Words,
}

#[derive(Serialize)]
struct SpanText {
    start: u32,
    end: u32,
    text: String,
}

impl SpanText {
    fn new(doc: &Document, span: Span) -> Self {
        let raw = doc.raw_span(span);
        SpanText {
            start: raw.start,
            end: raw.end,
            text: span.slice(&doc.text).to_string(),
        }
    }
}

#[derive(Serialize)]
struct QuoteOut {
    #[serde(flatten)]
    at: SpanText,
    kind: QuoteKind,
    speaker: Option<SpeakerOut>,
    cue: Option<SpanText>,
}

#[derive(Serialize)]
struct SpeakerOut {
    name: String,
    start: u32,
    end: u32,
    resolved: Option<String>,
    role: Option<String>,
    anonymous: bool,
    occasion: Option<String>,
}

#[derive(Serialize)]
struct DateOut<'a> {
    #[serde(flatten)]
    at: SpanText,
    #[serde(rename = "type")]
    kind: TimexType,
    /// Rendered as TIMEX3.
    value: &'a DateValue,
    #[serde(skip_serializing_if = "Option::is_none")]
    modifier: Option<&'a str>,
    relative: bool,
    unresolved: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ambiguous: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    invalid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    range_end: Option<&'a DateValue>,
}

#[derive(Serialize)]
struct ClaimOut {
    #[serde(flatten)]
    at: SpanText,
    checkworthy: bool,
    score: f32,
    sourced: bool,
    sourcing: Sourcing,
    signals: Vec<&'static str>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    #[serde(flatten)]
    at: SpanText,
    name: &'a str,
    class: SourceClass,
    via: Via,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<u8>,
}

pub fn render(
    docs: &[Document],
    facts: &[Facts],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let items: Vec<DocOut> = docs
        .iter()
        .zip(facts)
        .map(|(doc, f)| DocOut {
            path: &doc.path,
            metadata: MetadataOut::new(&doc.metadata, f.published_estimate),
            quotes: f
                .quotes
                .iter()
                .map(|q| QuoteOut {
                    at: SpanText::new(doc, q.span),
                    kind: q.kind,
                    speaker: q.speaker.as_ref().map(|s| {
                        let raw = doc.raw_span(s.span);
                        SpeakerOut {
                            name: s.name.clone(),
                            start: raw.start,
                            end: raw.end,
                            resolved: s.resolved.clone(),
                            role: s.role.clone(),
                            anonymous: s.anonymous,
                            occasion: s.occasion.clone(),
                        }
                    }),
                    cue: q.cue.as_ref().map(|c| SpanText::new(doc, c.span)),
                })
                .collect(),
            dates: f
                .dates
                .iter()
                .map(|d| DateOut {
                    at: SpanText::new(doc, d.span),
                    kind: d.kind,
                    value: &d.value,
                    modifier: d.modifier.as_deref(),
                    relative: d.relative,
                    unresolved: d.unresolved,
                    ambiguous: d.ambiguous,
                    invalid: d.invalid,
                    range_end: d.range_end.as_ref(),
                })
                .collect(),
            claims: f
                .claims
                .iter()
                .map(|c| ClaimOut {
                    at: SpanText::new(doc, c.span),
                    checkworthy: c.checkworthy,
                    score: (c.score * 100.0).round() / 100.0,
                    sourced: c.sourcing == Sourcing::Sourced,
                    sourcing: c.sourcing,
                    signals: c.signals.clone(),
                })
                .collect(),
            quantities: f
                .entities
                .quantities
                .iter()
                .map(|q| QuantityOut {
                    at: SpanText::new(doc, q.span),
                    value: q.value,
                    unit: &q.unit,
                    modifiers: &q.modifiers,
                    measure: q.measure.as_deref(),
                    owner: q.owner.as_deref(),
                    approx: q.approx,
                    change: q.change,
                    reference: q.reference,
                    part: q.part,
                    years: &q.years[..],
                    periods: &q.periods,
                })
                .collect(),
            sources: f
                .sources
                .iter()
                .map(|r| SourceOut {
                    at: SpanText::new(doc, r.span),
                    name: &r.name,
                    class: r.class,
                    via: r.via,
                    rating: r.rating,
                })
                .collect(),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}
