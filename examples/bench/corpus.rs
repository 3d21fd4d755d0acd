//! Builds a synthetic archive from real text: BBC articles and the seed documents,
//! re-mixed so that quotes, speakers, dated events and names recur across documents
//! the way they do in a newsroom archive.
//!
//! Every document is a pure function of its number, so a corpus of N documents is a
//! prefix of a corpus of M > N documents, and reruns produce the same bytes.
//!
//! The recurrence mix is fixed per document, never per corpus: each quote slot is
//! fresh with probability 0.80, otherwise it repeats a quote from one of the 200
//! preceding documents — verbatim (0.12), altered by one word (0.05) or put in
//! another speaker's mouth (0.03). A quote's expected number of copies is therefore
//! constant (about 1.25) whatever the corpus size, as in a real archive.

use regex::Regex;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Documents per subdirectory, so that a prefix of the corpus can be named by a few
/// directory arguments.
pub const SHARD: usize = 1000;

/// splitmix64: tiny, good enough, and stable across platforms and crate versions.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

struct Article {
    title: String,
    paragraphs: Vec<String>,
}

/// The raw material: articles, and pools of speakers, quote halves and event names
/// harvested from them.
pub struct Material {
    articles: Vec<Article>,
    speakers: Vec<String>,
    quote_heads: Vec<String>,
    quote_tails: Vec<String>,
    organisations: Vec<String>,
    /// Lower-case words of the source texts, for rewording paragraphs.
    vocabulary: Vec<String>,
}

const EVENT_KINDS: &[&str] = &[
    "summit",
    "conference",
    "inquiry",
    "vote",
    "launch",
    "trial",
    "hearing",
];
const PUBLISHERS: &[&str] = &[
    "The Daily Ledger",
    "Northern Courier",
    "Metro Wire",
    "Harbour Times",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const CUES: &[&str] = &["said", "told reporters", "added", "insisted", "warned"];

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            text_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") && !p.ends_with("README.TXT") {
            out.push(p);
        }
    }
}

impl Material {
    pub fn load(sources: &[PathBuf]) -> Result<Material, String> {
        let mut files = Vec::new();
        for s in sources {
            text_files(s, &mut files);
        }
        let mut articles = Vec::new();
        for f in &files {
            let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
            let text = String::from_utf8_lossy(&bytes);
            let mut paras = text
                .split("\n\n")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "));
            let title = paras.by_ref().find(|p| !p.is_empty()).unwrap_or_default();
            let paragraphs: Vec<String> = paras.filter(|p| p.len() > 40).collect();
            if !paragraphs.is_empty() {
                articles.push(Article { title, paragraphs });
            }
        }
        if articles.len() < 50 {
            return Err(format!(
                "found only {} usable articles under {sources:?}",
                articles.len()
            ));
        }
        let speaker_re = Regex::new(
            r"(?:Mr|Ms|Mrs|Dr)?\s?\b([A-Z][a-z]{2,} [A-Z][a-z]{2,})\s+(?:said|told|added)",
        )
        .unwrap();
        let quote_re = Regex::new(r#""([^"]{60,280})""#).unwrap();
        let org_re = Regex::new(r"\bthe ([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b").unwrap();
        let (mut speakers, mut heads, mut tails, mut organisations) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut vocabulary = Vec::new();
        for a in &articles {
            for p in &a.paragraphs {
                vocabulary.extend(
                    p.split(' ')
                        .filter(|w| w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase()))
                        .map(str::to_string),
                );
                speakers.extend(speaker_re.captures_iter(p).map(|c| c[1].to_string()));
                organisations.extend(org_re.captures_iter(p).map(|c| c[1].to_string()));
                for c in quote_re.captures_iter(p) {
                    let q = c[1].trim_end_matches(['.', ',']);
                    // Split near the middle at a space: heads and tails recombine into
                    // quotes that are new but read like speech.
                    let mid = q.len() / 2;
                    if let Some(cut) = q.get(mid..).and_then(|r| r.find(' ')).map(|i| mid + i) {
                        let (head, tail) = (q[..cut].trim(), q[cut + 1..].trim());
                        if head.len() >= 20
                            && tail.len() >= 20
                            && head.starts_with(|c: char| c.is_ascii_uppercase())
                        {
                            heads.push(head.to_string());
                            tails.push(tail.to_string());
                        }
                    }
                }
            }
        }
        for v in [
            &mut speakers,
            &mut heads,
            &mut tails,
            &mut organisations,
            &mut vocabulary,
        ] {
            v.sort();
            v.dedup();
        }
        if speakers.is_empty()
            || heads.is_empty()
            || organisations.is_empty()
            || vocabulary.is_empty()
        {
            return Err(
                "the source texts yielded no speakers, quotes, organisations or words".into(),
            );
        }
        Ok(Material {
            articles,
            speakers,
            quote_heads: heads,
            quote_tails: tails,
            organisations,
            vocabulary,
        })
    }

    /// Paragraph `j` of the article behind document `n`, reworded for that document:
    /// some names swapped for other people's, and at least one word changed, so that
    /// two documents built on the same article share no paragraph word for word
    /// unless one copies the other on purpose.
    fn paragraph(&self, n: usize, j: usize) -> String {
        let article = &self.articles[Rng::new(n as u64).below(self.articles.len())];
        let source = &article.paragraphs[j % article.paragraphs.len()];
        let mut r = Rng::new((n as u64) << 20 ^ j as u64 ^ 0xabcd_ef01);
        let mut words: Vec<String> = source.split(' ').map(str::to_string).collect();
        let mut changed = false;
        for i in 1..words.len() {
            let sentence_start = words[i - 1].ends_with(['.', '!', '?', ':']);
            let w = &words[i];
            if !sentence_start && w.starts_with(|c: char| c.is_ascii_uppercase()) && r.chance(0.4) {
                let tail: String = w.chars().skip_while(|c| c.is_alphanumeric()).collect();
                let name = &self.speakers[r.below(self.speakers.len())];
                let surname = name.rsplit(' ').next().unwrap_or(name);
                words[i] = format!("{surname}{tail}");
                changed = true;
            }
        }
        let plain: Vec<usize> = (0..words.len())
            .filter(|&i| words[i].len() >= 4 && words[i].bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        if !changed || r.chance(0.5) {
            if let Some(&i) = plain.get(r.below(plain.len().max(1))) {
                words[i] = self.vocabulary[r.below(self.vocabulary.len())].clone();
            }
        }
        words.join(" ")
    }

    /// The words of quote number `id`: a head and a tail from different real quotes,
    /// with every fourth word replaced by one chosen for this id. Without that, the
    /// halves would recur in a number of quotes that grows with the corpus, which no
    /// real archive does; with it, nearly every 3-word shingle is the quote's own.
    fn quote(&self, id: u64) -> String {
        let mut r = Rng::new(id.wrapping_mul(0x51_7cc1_b727_220a));
        let head = &self.quote_heads[r.below(self.quote_heads.len())];
        let tail = &self.quote_tails[r.below(self.quote_tails.len())];
        let offset = r.below(4);
        let words: Vec<&str> = head
            .split(' ')
            .chain(tail.split(' '))
            .enumerate()
            .map(|(i, w)| {
                if i % 4 == offset {
                    self.vocabulary[r.below(self.vocabulary.len())].as_str()
                } else {
                    w
                }
            })
            .collect();
        words.join(" ")
    }

    fn speaker(&self, id: u64) -> &str {
        let mut r = Rng::new(id.wrapping_mul(0x2545_f491_4f6c_dd1d));
        &self.speakers[r.below(self.speakers.len())]
    }

    /// Event number `id`: a name and the day it happens.
    fn event(&self, id: u64) -> (String, (i32, u32, u32)) {
        let mut r = Rng::new(id.wrapping_mul(0x9e6c_63d0_676a_9a99));
        let org = &self.organisations[r.below(self.organisations.len())];
        let kind = EVENT_KINDS[r.below(EVENT_KINDS.len())];
        (
            format!("the {org} {kind}"),
            (
                2004 + r.below(3) as i32,
                1 + r.below(12) as u32,
                1 + r.below(28) as u32,
            ),
        )
    }

    /// Document number `n`: its file name and contents.
    pub fn document(&self, n: usize) -> (String, String) {
        let mut r = Rng::new(n as u64);
        let base = &self.articles[r.below(self.articles.len())];
        let mut paragraphs: Vec<String> = (0..base.paragraphs.len())
            .map(|j| self.paragraph(n, j))
            .collect();
        // Mix in paragraphs of other articles, as follow-ups and round-ups do.
        for k in 0..r.below(4) {
            let p = self.paragraph(n + 1_000_003 * (k + 1), r.below(64));
            let at = r.below(paragraphs.len() + 1);
            paragraphs.insert(at, p);
        }
        // Syndication: a few documents reuse a paragraph of a recent one verbatim.
        if n > 0 && r.chance(0.03) {
            let p = self.paragraph(n.saturating_sub(1 + r.below(200)), r.below(8));
            let at = r.below(paragraphs.len() + 1);
            paragraphs.insert(at, p);
        }
        // Substitute the numbers of some paragraphs (figures differ between versions).
        let shift = (1 + r.below(9)) as u8;
        for p in paragraphs.iter_mut() {
            if r.chance(0.3) {
                *p = p
                    .bytes()
                    .map(|b| {
                        if b.is_ascii_digit() {
                            (b'0' + (b - b'0' + shift) % 10) as char
                        } else {
                            b as char
                        }
                    })
                    .collect::<String>();
            }
        }
        // Quotes: 1–3 slots with the fixed recurrence mix.
        for slot in 0..1 + r.below(3) as u64 {
            let mut id = n as u64 * 4 + slot;
            let roll = r.below(100);
            let (mut words, mut speaker) = (None, None);
            if roll >= 80 && n > 0 {
                let earlier = n.saturating_sub(1 + r.below(200)) as u64;
                id = earlier * 4 + r.below(3) as u64;
                if (92..97).contains(&roll) {
                    let q = self.quote(id);
                    let replacement = ["never", "always", "certainly", "not"][r.below(4)];
                    let mut ws: Vec<&str> = q.split(' ').collect();
                    let i = r.below(ws.len());
                    ws[i] = replacement;
                    words = Some(ws.join(" "));
                } else if roll >= 97 {
                    speaker = Some(self.speakers[r.below(self.speakers.len())].clone());
                }
            }
            let words = words.unwrap_or_else(|| self.quote(id));
            let speaker = speaker.unwrap_or_else(|| self.speaker(id).to_string());
            let cue = CUES[r.below(CUES.len())];
            let line = if r.chance(0.5) {
                format!("{speaker} {cue}: \u{201c}{words}.\u{201d}")
            } else {
                format!("\u{201c}{words},\u{201d} {speaker} {cue}.")
            };
            let at = 1 + r.below(paragraphs.len());
            paragraphs.insert(at.min(paragraphs.len()), line);
        }
        // Dated events: some documents announce one; a few get its date wrong.
        if r.chance(0.6) {
            let id = if r.chance(0.7) {
                n as u64
            } else {
                n.saturating_sub(1 + r.below(300)) as u64
            };
            let (name, (y, m, mut d)) = self.event(id);
            if r.chance(0.05) {
                d = d % 28 + 1;
            }
            let month = MONTHS[m as usize - 1];
            let org = &self.organisations[r.below(self.organisations.len())];
            paragraphs.insert(
                r.below(paragraphs.len() + 1),
                format!("Officials at the {org} confirmed that {name} will take place on {d} {month} {y}, after months of delay."),
            );
        }
        // Occasional misspelt name (entity spelling variants).
        if r.chance(0.05) {
            let name = self.speaker(n as u64 * 7);
            let mut chars: Vec<char> = name.chars().collect();
            let i = 1 + r.below(chars.len().saturating_sub(2).max(1));
            chars.remove(i.min(chars.len() - 1));
            let misspelt: String = chars.into_iter().collect();
            paragraphs.push(format!("{misspelt} was unavailable for comment."));
        }
        let author = self.speaker(n as u64 * 13 + 5);
        let publisher = PUBLISHERS[r.below(PUBLISHERS.len())];
        let days = r.below(1096) as i64;
        let (y, m, d) = factlint::time::civil_from_days(days + 12_418); // 2004-01-01 onwards
        let shard = n / SHARD;
        let body = paragraphs.join("\n\n");
        match r.below(10) {
            0..=5 => (
                format!("{shard:04}/{n:07}.md"),
                format!(
                    "---\ntitle: \"{}\"\nauthor: {author}\ndate: {y:04}-{m:02}-{d:02}\npublisher: {publisher}\n---\n\n# {}\n\n{body}\n",
                    base.title.replace('"', "'"),
                    base.title
                ),
            ),
            6..=8 => (
                format!("{shard:04}/{n:07}.txt"),
                format!("{}\n\nBy {author}\n\n{} {d} {}, {y}\n\n{body}\n", base.title, publisher, MONTHS[m as usize - 1]),
            ),
            _ => {
                let html_body: String = paragraphs.iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
                (
                    format!("{shard:04}/{n:07}.html"),
                    format!(
                        "<!doctype html><html><head><title>{t}</title><meta name=\"author\" content=\"{author}\">\
                         <meta property=\"article:published_time\" content=\"{y:04}-{m:02}-{d:02}\"></head>\n<body><article>\n<h1>{t}</h1>\n{html_body}</article></body></html>\n",
                        t = escape(&base.title)
                    ),
                )
            }
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Writes documents `range` under `dir` (skipping files already there, so a larger
/// corpus extends a smaller one). Returns their total size in bytes.
pub fn write(
    material: &Material,
    dir: &Path,
    range: std::ops::Range<usize>,
) -> std::io::Result<u64> {
    let mut total = 0;
    for n in range {
        let (name, text) = material.document(n);
        let path = dir.join(&name);
        total += text.len() as u64;
        if path.exists() {
            continue;
        }
        if n % SHARD == 0 {
            std::fs::create_dir_all(path.parent().expect("documents live in a shard directory"))?;
        }
        std::fs::File::create(&path)?.write_all(text.as_bytes())?;
    }
    Ok(total)
}

/// The shard directories holding documents `0..count` (count a multiple of SHARD, or
/// the last shard is partial and the whole corpus is named).
pub fn shards(dir: &Path, count: usize) -> Vec<PathBuf> {
    (0..count.div_ceil(SHARD))
        .map(|s| dir.join(format!("{s:04}")))
        .collect()
}
