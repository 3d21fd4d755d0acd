//! YAML front matter between `---` lines at the top of a document.

use crate::time::PartialDate;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub date: Option<PartialDate>,
    /// The date as written, when it could not be read as a date.
    pub date_text: Option<String>,
    pub url: Option<String>,
    /// Keys factlint does not use, kept for `extract`.
    pub other: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Raw {
    title: Option<serde_yaml::Value>,
    authors: Option<serde_yaml::Value>,
    author: Option<serde_yaml::Value>,
    publisher: Option<serde_yaml::Value>,
    date: Option<serde_yaml::Value>,
    url: Option<serde_yaml::Value>,
    #[serde(flatten)]
    other: BTreeMap<String, serde_yaml::Value>,
}

/// Where the front matter ends (the byte after the closing `---` line), if the text
/// starts with one. `start` skips a BOM.
pub fn find(text: &str, start: usize) -> Option<(usize, usize)> {
    let rest = &text[start..];
    let first_line = rest.split_inclusive('\n').next()?;
    if first_line.trim_end() != "---" {
        return None;
    }
    let mut pos = start + first_line.len();
    let yaml_start = pos;
    for line in text[pos..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Some((yaml_start, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.trim().to_string()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// Parses the YAML between the markers; an error message when it is not a mapping.
pub fn parse(yaml: &str) -> Result<FrontMatter, String> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let raw: Raw = serde_yaml::from_str(yaml).map_err(|e| e.to_string())?;
    let list = |v: &serde_yaml::Value| -> Vec<String> {
        match v {
            serde_yaml::Value::Sequence(items) => items.iter().filter_map(scalar).collect(),
            other => scalar(other)
                .map(|s| crate::doc::meta::split_names(&s))
                .unwrap_or_default(),
        }
    };
    let date_text = raw.date.as_ref().and_then(scalar);
    let date = date_text
        .as_deref()
        .and_then(crate::time::parse_stated_date);
    Ok(FrontMatter {
        title: raw.title.as_ref().and_then(scalar),
        authors: raw
            .authors
            .as_ref()
            .or(raw.author.as_ref())
            .map(list)
            .unwrap_or_default(),
        publisher: raw.publisher.as_ref().and_then(scalar),
        date_text: if date.is_none() { date_text } else { None },
        date,
        url: raw.url.as_ref().and_then(scalar),
        other: raw
            .other
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    scalar(v).unwrap_or_else(|| {
                        serde_yaml::to_string(v)
                            .unwrap_or_default()
                            .trim()
                            .to_string()
                    }),
                )
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_parses() {
        let text = "---\ntitle: T\nauthors: [Ann Lee, Bo Li]\ndate: 2026-04-02\ntags: x\n---\nBody";
        let (s, e) = find(text, 0).unwrap();
        assert_eq!(&text[e..], "Body");
        let fm = parse(&text[s..e - 4]).unwrap();
        assert_eq!(fm.title.as_deref(), Some("T"));
        assert_eq!(fm.authors, ["Ann Lee", "Bo Li"]);
        assert_eq!(fm.date, Some(PartialDate::ymd(2026, 4, 2)));
        assert_eq!(fm.other["tags"], "x");
    }

    #[test]
    fn single_author_and_bad_yaml() {
        assert_eq!(
            parse("author: Ann Lee and Bo Li").unwrap().authors,
            ["Ann Lee", "Bo Li"]
        );
        assert!(parse("title: [unclosed").is_err());
        assert!(find("--- not\n", 0).is_none());
    }
}
