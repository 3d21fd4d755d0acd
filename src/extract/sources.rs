//! The sources an article cites or links, each with a class (official, wire, academic,
//! outlet, social, unknown) from a YAML list of domains and names
//! (rules/data/sources.yaml) that users extend. Classes, not verdicts.

use crate::doc::meta::BlockKind;
use crate::doc::{Document, Span};
use crate::extract::claims::PhraseHits;
use crate::extract::Sourcing;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::{Deserialize, Serialize};

pub const SOURCES_YAML: &str = include_str!("../../rules/data/sources.yaml");

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SourceClass {
    Official,
    Wire,
    Academic,
    Outlet,
    Social,
    Unknown,
}

/// How the article points at the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    Link,
    /// Named next to an attribution cue ("according to Reuters").
    Attribution,
    /// Named in a footnote or endnote.
    Note,
    /// A social-media handle ("@MofaJapan_en").
    Handle,
    /// A credit line: "Reuters contributed to this report".
    Credit,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceRef {
    pub span: Span,
    /// The host of a link, or the name as written.
    pub name: String,
    pub class: SourceClass,
    pub via: Via,
    /// A user's rating (0-100) when their list gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
}

/// One entry of a sources list.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub class: SourceClass,
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub rating: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    sources: Vec<SourceEntry>,
}

/// A compiled list: later entries win, so a user's entries override the shipped ones.
pub struct SourceList {
    /// (domain or ".suffix", class, rating), in priority order (last wins).
    domains: Vec<(String, SourceClass, Option<u8>)>,
    names: AhoCorasick,
    name_info: Vec<(SourceClass, Option<u8>)>,
}

impl SourceList {
    pub fn new(entries: &[SourceEntry]) -> Result<SourceList, String> {
        let mut domains = Vec::new();
        let mut names: Vec<(String, SourceClass, Option<u8>)> = Vec::new();
        for e in entries {
            if e.rating.is_some_and(|r| r > 100) {
                return Err("rating must be 0-100".into());
            }
            for d in &e.domains {
                domains.push((d.trim().to_ascii_lowercase(), e.class, e.rating));
            }
            for n in e.names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                // A later entry for the same name replaces the earlier one.
                names.retain(|(m, _, _)| m != n);
                names.push((n.to_string(), e.class, e.rating));
            }
        }
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|(n, _, _)| n))
            .map_err(|e| e.to_string())?;
        Ok(SourceList {
            domains,
            names: automaton,
            name_info: names.into_iter().map(|(_, c, r)| (c, r)).collect(),
        })
    }

    pub fn parse(yaml: &str) -> Result<Vec<SourceEntry>, String> {
        crate::yaml::parse_yaml::<SourcesFile>("sources.yaml", yaml)
            .map(|f| f.sources)
            .map_err(|e| e.to_string())
    }

    /// Class and rating of a host name ("www.reuters.com"): the last matching entry.
    pub fn classify_host(&self, host: &str) -> (SourceClass, Option<u8>) {
        let host = host.trim_start_matches("www.").to_ascii_lowercase();
        self.domains
            .iter()
            .rev()
            .find(|(d, _, _)| {
                if let Some(bare) = d.strip_prefix('.') {
                    host.ends_with(d.as_str()) || host == bare
                } else {
                    host == *d || host.ends_with(&format!(".{d}"))
                }
            })
            .map_or((SourceClass::Unknown, None), |&(_, c, r)| (c, r))
    }

    /// Class and rating of a name as written ("Reuters"); unknown when not listed.
    pub fn classify_name(&self, name: &str) -> (SourceClass, Option<u8>) {
        self.names
            .find(name)
            .filter(|m| m.start() == 0 && m.end() == name.len())
            .map_or((SourceClass::Unknown, None), |m| {
                self.name_info[m.pattern().as_usize()]
            })
    }

    /// Whole-word name matches in `text`: (start, end, class, rating).
    fn names_in<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, SourceClass, Option<u8>)> + 'a {
        self.names
            .find_iter(text)
            .filter(|m| super::claims::lexicon::is_whole(text, m.start(), m.end()))
            .map(|m| {
                let (c, r) = self.name_info[m.pattern().as_usize()];
                (m.start(), m.end(), c, r)
            })
    }
}

/// Names of outlets and wire agencies in the shipped list: a line at the top of a
/// document that is one of them is the masthead (the publisher).
pub fn masthead_names() -> Vec<String> {
    SourceList::parse(SOURCES_YAML)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| matches!(e.class, SourceClass::Outlet | SourceClass::Wire))
        .flat_map(|e| e.names)
        .collect()
}

/// The shipped list (loaded into each rule set's [`crate::extract::lexicons::Lexicons`]). A
/// unit test guarantees it parses.
pub fn shipped() -> SourceList {
    let entries = SourceList::parse(SOURCES_YAML).expect("rules/data/sources.yaml");
    SourceList::new(&entries).expect("rules/data/sources.yaml")
}

/// The host of a URL, if it has one ("https://www.x.org/a" -> "www.x.org").
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    if url.starts_with('#') || url.starts_with("mailto:") || !url.contains('.') {
        return None;
    }
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.rsplit('@').next()?;
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// Social-media handles: "@" then 2-30 word characters, not part of an e-mail
/// address (a letter or dot before the "@").
fn handles_in(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    memchr::memchr_iter(b'@', text.as_bytes()).filter_map(move |at| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        if before.is_some_and(|c| c.is_alphanumeric() || c == '.') {
            return None;
        }
        let rest = text.get(at + 1..)?;
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let after = rest.get(len..).and_then(|t| t.chars().next());
        ((2..=30).contains(&len) && after != Some('@')).then_some((at, at + 1 + len))
    })
}

/// A line crediting other newsrooms for the report.
fn is_credit(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("contributed to this") || lower.contains("reporting by")
}

/// Sources of one document: links (body and notes), outlet and body names next to an
/// attribution cue, in notes or in a credit line, and social handles. One entry per distinct name
/// and way of citing it, at its first place.
/// `phrases`: the document's claims phrases, for its attribution cues.
pub fn extract(doc: &Document, list: &SourceList, phrases: &PhraseHits) -> Vec<SourceRef> {
    let mut out: Vec<SourceRef> = Vec::new();
    // A set, not a scan of `out`: a document citing thousands of sources was quadratic.
    let mut seen = std::collections::HashSet::new();
    let mut push = |r: SourceRef| {
        if seen.insert((r.name.clone(), r.via)) {
            out.push(r);
        }
    };
    for link in &doc.links {
        let kind = doc.block_at(link.span.start).map(|b| b.kind);
        if !matches!(
            kind,
            Some(BlockKind::Body | BlockKind::Note | BlockKind::Caption)
        ) {
            continue;
        }
        if let Some(host) = host_of(&link.target) {
            let (class, rating) = list.classify_host(host);
            push(SourceRef {
                span: link.span,
                name: host.trim_start_matches("www.").to_ascii_lowercase(),
                class,
                via: Via::Link,
                rating,
            });
        }
    }
    for s in &doc.sentences {
        let block = doc.blocks[s.block as usize].kind;
        let text = s.span.slice(&doc.text);
        let base = s.span.start as usize;
        let via = match block {
            BlockKind::Note => Via::Note,
            _ if is_credit(text) => Via::Credit,
            BlockKind::Body | BlockKind::Caption
                if phrases.sourcing_in(&doc.text, s.span) == Sourcing::Sourced =>
            {
                Via::Attribution
            }
            _ => Via::Handle,
        };
        if via != Via::Handle {
            for (start, end, class, rating) in list.names_in(text) {
                push(SourceRef {
                    span: Span::new(base + start, base + end),
                    name: text[start..end].to_string(),
                    class,
                    via,
                    rating,
                });
            }
        }
        if matches!(
            block,
            BlockKind::Body | BlockKind::Caption | BlockKind::Note
        ) {
            for (start, end) in handles_in(text) {
                push(SourceRef {
                    span: Span::new(base + start, base + end),
                    name: text[start..end].to_string(),
                    class: SourceClass::Social,
                    via: Via::Handle,
                    rating: None,
                });
            }
        }
    }
    // A note that names nothing listed still cites something: an unknown source.
    let mut named: Vec<Span> = out.iter().map(|r| r.span).collect();
    named.sort_unstable();
    for def in &doc.footnote_defs {
        let from = named.partition_point(|r| r.start < def.span.start);
        let inside = named[from..]
            .iter()
            .inspect(|_| crate::adversarial::step(1))
            .take_while(|r| r.start < def.span.end.max(def.span.start + 1));
        if inside.clone().any(|r| def.span.contains(*r)) {
            continue;
        }
        let text = def.span.slice(&doc.text).trim();
        let cut = text.char_indices().nth(60).map_or(text.len(), |(i, _)| i);
        if !text.is_empty() {
            out.push(SourceRef {
                span: def.span,
                name: text[..cut].to_string(),
                class: SourceClass::Unknown,
                via: Via::Note,
                rating: None,
            });
        }
    }
    out.sort_by_key(|r| r.span);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{DocId, ParseOptions};

    #[test]
    fn shipped_list_classifies_hosts_and_names() {
        let l = &crate::extract::lexicons::for_tests().sources;
        assert_eq!(l.classify_host("www.reuters.com").0, SourceClass::Wire);
        assert_eq!(l.classify_host("data.census.gov").0, SourceClass::Official);
        assert_eq!(l.classify_host("www.stat.go.jp").0, SourceClass::Official);
        assert_eq!(l.classify_host("x.com").0, SourceClass::Social);
        assert_eq!(l.classify_host("www.gov.uk").0, SourceClass::Official);
        assert_eq!(l.classify_host("example.org").0, SourceClass::Unknown);
        assert_eq!(l.classify_name("Reuters").0, SourceClass::Wire);
        assert_eq!(
            host_of("https://user@www.bbc.co.uk/news?x=1"),
            Some("www.bbc.co.uk")
        );
        assert_eq!(host_of("#top"), None);
    }

    #[test]
    fn user_entries_override_and_rate() {
        let mut entries = SourceList::parse(SOURCES_YAML).unwrap();
        entries.extend(
            SourceList::parse("sources:\n  - {class: outlet, domains: [example.org], names: [Daily Rumour], rating: 20}\n")
                .unwrap(),
        );
        let l = SourceList::new(&entries).unwrap();
        assert_eq!(
            l.classify_host("news.example.org"),
            (SourceClass::Outlet, Some(20))
        );
        assert_eq!(
            l.classify_name("Daily Rumour"),
            (SourceClass::Outlet, Some(20))
        );
    }

    #[test]
    fn sources_of_a_document() {
        let text = "Exports fell 4%, according to Reuters. The BBC is a broadcaster.\n\nSee [the data](https://www.ons.gov.uk/x) and the post by @MofaJapan_en or mail a@b.com.\n";
        let doc = Document::parse(
            DocId(0),
            "a.md".into(),
            text.as_bytes().to_vec(),
            &ParseOptions::default(),
        );
        let refs = extract(
            &doc,
            &crate::extract::lexicons::for_tests().sources,
            &PhraseHits::of(&doc.text),
        );
        let got: Vec<(&str, SourceClass, Via)> = refs
            .iter()
            .map(|r| (r.name.as_str(), r.class, r.via))
            .collect();
        assert_eq!(
            got,
            [
                ("Reuters", SourceClass::Wire, Via::Attribution),
                ("ons.gov.uk", SourceClass::Official, Via::Link),
                ("@MofaJapan_en", SourceClass::Social, Via::Handle),
            ]
        );
    }
}
