//! PolNeAR's brat standoff attributions, shared by the evaluation examples.
//!
//! Scoring convention (issue #3): where an article has several .ann files (one per
//! annotator) the first in sorted order is used.

use factlint::doc::Span;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One brat text-bound annotation: label and byte fragments (sorted).
struct Annotation {
    label: String,
    fragments: Vec<Span>,
}

/// A Content span with its Source, both in byte offsets of the text.
pub struct Attribution {
    pub content: Vec<Span>,
    pub source: Option<Vec<Span>>,
}

fn char_to_byte_table(text: &str) -> Vec<usize> {
    let mut table: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    table.push(text.len());
    table
}

/// The attributions of an .ann file, in byte offsets of `text`.
pub fn parse_ann(ann: &str, text: &str) -> Vec<Attribution> {
    let table = char_to_byte_table(text);
    let to_byte = |c: usize| table.get(c).copied().unwrap_or(text.len());
    let mut spans: BTreeMap<String, Annotation> = BTreeMap::new();
    let mut out = Vec::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((label, ranges)) = body.split_once(' ') else {
                continue;
            };
            let mut fragments = Vec::new();
            for r in ranges.split(';') {
                let mut nums = r.split_whitespace().map(|n| n.parse::<usize>());
                if let (Some(Ok(a)), Some(Ok(b))) = (nums.next(), nums.next()) {
                    if a <= b {
                        fragments.push(Span::new(to_byte(a), to_byte(b)));
                    }
                }
            }
            if fragments.is_empty() {
                continue;
            }
            fragments.sort();
            spans.insert(
                id.to_string(),
                Annotation {
                    label: label.to_string(),
                    fragments,
                },
            );
        } else if id.starts_with('E') {
            events.push(body.to_string());
        }
    }
    for event in events {
        let mut content = None;
        let mut source = None;
        for arg in event.split_whitespace() {
            let Some((role, target)) = arg.split_once(':') else {
                continue;
            };
            let Some(a) = spans.get(target) else { continue };
            match (role, a.label.as_str()) {
                ("Content", "Content") => content = Some(a.fragments.clone()),
                ("Source", "Source") => source = Some(a.fragments.clone()),
                _ => {}
            }
        }
        if let Some(content) = content {
            out.push(Attribution { content, source });
        }
    }
    out
}

/// Article stem → first .ann file in sorted order.
pub fn first_annotations(dir: &Path) -> std::io::Result<BTreeMap<String, PathBuf>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    names.sort();
    let mut out = BTreeMap::new();
    for n in names {
        // Annotator id after the last underscore.
        let stem = n.trim_end_matches(".ann");
        let article = stem.rsplit_once('_').map_or(stem, |(a, _)| a).to_string();
        out.entry(article).or_insert_with(|| dir.join(&n));
    }
    Ok(out)
}
