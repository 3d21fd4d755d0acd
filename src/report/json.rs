//! `--format json`: the versioned envelope of CONTRACT.md.

use super::{DocReport, Report, ToolInfo};
use crate::finding::Finding;
use serde::Serialize;

#[derive(Serialize)]
struct Envelope<'a> {
    version: u32,
    tool: &'a ToolInfo,
    documents: &'a [DocReport],
    findings: &'a [&'a Finding],
    /// Findings an inline suppression covers, each with its `suppressions`.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    suppressed: &'a [&'a Finding],
}

pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let env = Envelope {
        version: 1,
        tool: &report.tool,
        documents: &report.documents,
        findings: &report.findings,
        suppressed: &report.suppressed,
    };
    serde_json::to_writer_pretty(&mut *out, &env)?;
    writeln!(out)
}
