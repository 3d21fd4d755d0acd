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
    /// Why `date_text` could not be read (ambiguous, or not a date).
    pub date_problem: Option<String>,
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
    let (date, date_problem) = match date_text.as_deref().map(stated_date) {
        Some(Ok(d)) => (Some(d), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
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
        date_problem,
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

/// A front-matter `date`: what [`crate::time::parse_stated_date`] reads ("2005-10-02",
/// "Oct 2, 2005", "2 October 2005"), or digits separated by `/`, `.` or `-` with a
/// four-digit year ("25/12/2005", "12.25.2005", "2005/10/02") when only one reading
/// is a date; otherwise why not, for an `input.front-matter` finding.
fn stated_date(text: &str) -> Result<PartialDate, String> {
    if let Some(d) = crate::time::parse_stated_date(text) {
        return Ok(d);
    }
    let iso_hint = "write it as YYYY-MM-DD";
    let not_a_date = || {
        Err(format!(
            "date `{text}` is not a date factlint can read; {iso_hint}"
        ))
    };
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    let (Some(n), 3) = (numbers, parts.len()) else {
        return not_a_date();
    };
    let date = |y: u32, m: u32, d: u32| {
        let date = PartialDate::ymd(y as i32, u8::try_from(m).ok()?, u8::try_from(d).ok()?);
        date.is_valid().then_some(date)
    };
    let readings: Vec<PartialDate> = if parts[0].len() == 4 {
        date(n[0], n[1], n[2]).into_iter().collect()
    } else if parts[2].len() == 4 {
        let mut r: Vec<PartialDate> = [date(n[2], n[1], n[0]), date(n[2], n[0], n[1])]
            .into_iter()
            .flatten()
            .collect();
        r.dedup();
        r
    } else {
        return Err(format!("date `{text}` has no four-digit year; {iso_hint}"));
    };
    match readings[..] {
        [d] => Ok(d),
        [a, b] => Err(format!(
            "date `{text}` is ambiguous ({a} or {b}); {iso_hint}"
        )),
        _ => not_a_date(),
    }
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
    fn non_iso_dates_are_read_when_unambiguous_and_explained_when_not() {
        let date = |t: &str| parse(&format!("date: {t}")).unwrap();
        for (text, expected) in [
            ("Oct 2, 2005", PartialDate::ymd(2005, 10, 2)),
            ("\"2 October 2005\"", PartialDate::ymd(2005, 10, 2)),
            ("25/12/2005", PartialDate::ymd(2005, 12, 25)),
            ("12/25/2005", PartialDate::ymd(2005, 12, 25)),
            ("2005/10/02", PartialDate::ymd(2005, 10, 2)),
            ("10.10.2005", PartialDate::ymd(2005, 10, 10)),
        ] {
            let fm = date(text);
            assert_eq!(fm.date, Some(expected), "{text}");
            assert_eq!(fm.date_problem, None, "{text}");
        }
        for (text, problem) in [
            ("10/02/2005", "is ambiguous (2005-02-10 or 2005-10-02)"),
            ("10/02/05", "has no four-digit year"),
            ("soon", "is not a date factlint can read"),
            ("31/31/2005", "is not a date factlint can read"),
        ] {
            let fm = date(text);
            assert_eq!(fm.date, None, "{text}");
            let p = fm.date_problem.unwrap();
            assert!(p.contains(problem), "{text}: {p}");
            assert!(p.ends_with("write it as YYYY-MM-DD"), "{p}");
        }
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
