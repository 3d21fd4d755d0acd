//! TempEval-3 measures for the date tagger on TimeML gold data, and its speed.
//!
//!     cargo run --release --example eval_dates -- ../shared/eval/timeml/timex3_gold_aquaint.jsonl
//!     cargo run --release --example eval_dates -- --errors FILE.jsonl   (list every miss)
//!     cargo run --release --example eval_dates -- --speed ../shared/eval/news/bbc
//!
//! Input: one JSON object per line with `text`, `dct.value` and `timex3` (gold
//! spans as character offsets). Each text is tagged with its document creation
//! time as the publication date. Strict = same span, relaxed = overlapping span,
//! value = relaxed match with the same value; each over all types and over DATE
//! and TIME alone.

use factlint::extract::dates::tag;
use factlint::extract::TimexType;
use factlint::time::parse_stated_date;
use serde::Deserialize;
use std::time::Instant;

#[derive(Deserialize)]
struct Doc {
    #[serde(default)]
    docid: String,
    text: String,
    dct: Dct,
    timex3: Vec<Gold>,
}

#[derive(Deserialize)]
struct Dct {
    value: String,
}

#[derive(Deserialize)]
struct Gold {
    start: usize,
    end: usize,
    text: String,
    #[serde(rename = "type")]
    kind: String,
    value: String,
}

struct Timex {
    start: usize,
    end: usize,
    text: String,
    date_or_time: bool,
    value: String,
}

#[derive(Default)]
struct Counts {
    gold: usize,
    predicted: usize,
    strict: usize,
    relaxed: usize,
    value: usize,
}

impl Counts {
    fn f1(&self, hits: usize) -> (f64, f64, f64) {
        let p = hits as f64 / self.predicted.max(1) as f64;
        let r = hits as f64 / self.gold.max(1) as f64;
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    fn print(&self, label: &str) {
        println!("{label}: {} gold, {} predicted", self.gold, self.predicted);
        for (name, hits) in [
            ("strict", self.strict),
            ("relaxed", self.relaxed),
            ("value", self.value),
        ] {
            let (p, r, f) = self.f1(hits);
            println!("  {name:<8} P {p:.3}  R {r:.3}  F1 {f:.3}");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--speed") {
        speed(args.get(1).expect("--speed DIR"));
        return;
    }
    let errors = args.iter().any(|a| a == "--errors");
    let mut all = Counts::default();
    let mut date_time = Counts::default();
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let doc: Doc = serde_json::from_str(line).expect("a JSON document per line");
            evaluate(&doc, errors, &mut all, &mut date_time);
        }
    }
    all.print("all types");
    date_time.print("DATE+TIME");
}

fn evaluate(doc: &Doc, errors: bool, all: &mut Counts, date_time: &mut Counts) {
    let anchor = parse_stated_date(doc.dct.value.get(..10).unwrap_or(&doc.dct.value));
    // Byte offsets to character offsets.
    let mut char_at = vec![0usize; doc.text.len() + 1];
    let mut chars = 0;
    for (byte, c) in doc.text.char_indices() {
        for slot in &mut char_at[byte..byte + c.len_utf8()] {
            *slot = chars;
        }
        chars += 1;
    }
    char_at[doc.text.len()] = chars;
    let predicted: Vec<Timex> = tag(&doc.text, anchor)
        .into_iter()
        .map(|m| Timex {
            start: char_at[m.span.start as usize],
            end: char_at[m.span.end as usize],
            text: doc.text[m.span.start as usize..m.span.end as usize].to_string(),
            date_or_time: matches!(m.kind, TimexType::Date | TimexType::Time),
            value: m.value.timex(),
        })
        .collect();
    let gold: Vec<Timex> = doc
        .timex3
        .iter()
        .map(|g| Timex {
            start: g.start,
            end: g.end,
            text: g.text.clone(),
            date_or_time: g.kind == "DATE" || g.kind == "TIME",
            value: g.value.clone(),
        })
        .collect();
    score(&gold, &predicted, |_| true, all, errors.then_some(doc));
    score(&gold, &predicted, |t| t.date_or_time, date_time, None);
}

/// Counts one document's matches: each gold expression is matched to at most one
/// prediction, preferring the same span, then any overlap.
fn score(
    gold: &[Timex],
    predicted: &[Timex],
    keep: impl Fn(&Timex) -> bool,
    counts: &mut Counts,
    report: Option<&Doc>,
) {
    let gold: Vec<&Timex> = gold.iter().filter(|t| keep(t)).collect();
    let predicted: Vec<&Timex> = predicted.iter().filter(|t| keep(t)).collect();
    counts.gold += gold.len();
    counts.predicted += predicted.len();
    let mut used = vec![false; predicted.len()];
    for g in &gold {
        let exact = predicted
            .iter()
            .position(|p| p.start == g.start && p.end == g.end);
        let overlap = || {
            predicted
                .iter()
                .enumerate()
                .position(|(i, p)| !used[i] && p.start < g.end && g.start < p.end)
        };
        let found = match exact {
            Some(i) if !used[i] => Some(i),
            _ => overlap(),
        };
        let Some(i) = found else {
            if let Some(doc) = report {
                println!(
                    "MISS  {} {:?} {} [{}]",
                    doc.dct.value,
                    g.text,
                    g.value,
                    context(doc, g)
                );
            }
            continue;
        };
        used[i] = true;
        let p = predicted[i];
        counts.relaxed += 1;
        if p.start == g.start && p.end == g.end {
            counts.strict += 1;
        } else if let Some(doc) = report {
            println!("SPAN  {:?} gold {:?}", p.text, g.text);
            let _ = doc;
        }
        if p.value == g.value {
            counts.value += 1;
        } else if let Some(doc) = report {
            println!(
                "VALUE {} {:?} got {} gold {} [{}]",
                doc.dct.value,
                g.text,
                p.value,
                g.value,
                context(doc, g)
            );
        }
    }
    if let Some(doc) = report {
        for (i, p) in predicted.iter().enumerate() {
            if !used[i] {
                println!(
                    "EXTRA {} {:?} {} [{}] {}",
                    doc.dct.value,
                    p.text,
                    p.value,
                    context(doc, p),
                    doc.docid
                );
            }
        }
    }
}

fn context(doc: &Doc, t: &Timex) -> String {
    let chars: Vec<char> = doc.text.chars().collect();
    let from = t.start.saturating_sub(50);
    let to = (t.end + 30).min(chars.len());
    chars[from..to]
        .iter()
        .collect::<String>()
        .replace('\n', " ")
}

/// Tags every file under `dir` with a fixed anchor and reports throughput.
fn speed(dir: &str) {
    let mut texts = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path)
                .expect("readable directory")
                .flatten()
            {
                stack.push(entry.path());
            }
        } else if let Ok(bytes) = std::fs::read(&path) {
            texts.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let anchor = parse_stated_date("2005-06-01");
    let rounds = 20;
    let cpu_started = cpu_seconds();
    let started = Instant::now();
    let mut mentions = 0;
    for _ in 0..rounds {
        for text in &texts {
            mentions += tag(text, anchor).len();
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let megabytes = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} files, {:.1} MB, {} mentions per pass; one thread, {rounds} passes: {:.0} MB/s wall clock",
        texts.len(),
        bytes as f64 / 1e6,
        mentions / rounds,
        megabytes / seconds
    );
    // On a shared machine the wall clock counts other processes' time too.
    if let (Some(before), Some(after)) = (cpu_started, cpu_seconds()) {
        println!("  {:.0} MB/s of CPU time", megabytes / (after - before));
    }
}

/// Time this process has spent on a CPU (Linux: /proc/self/schedstat, in ns).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let nanos: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}
