//! Quote-extraction accuracy on PolNeAR (brat standoff attributions).
//!
//!     cargo run --release --example eval_quotes -- ../shared/eval/quotes/polnear/dev
//!
//! The argument is a split directory holding `text/*.txt` and `attributions/*.ann`.
//! Options: `--misses N` and `--false N` print up to N missed gold quotes / wrong
//! predictions, `--speakers N` up to N wrong speakers (for error analysis; the data
//! stays on disk and is never copied into the repository).
//!
//! Scoring (issue #3): where an article has several .ann files (one per annotator) the
//! first in sorted order is used. Gold direct quotes are the Content spans whose first
//! fragment begins with a quotation mark. A gold quote is found when one predicted quote
//! of kind direct or partial covers at least half of its characters; precision counts
//! every predicted direct or partial quote, right when it overlaps any Content span;
//! speaker accuracy is over found gold quotes that have a Source, right when the
//! predicted speaker mention overlaps the Source or the resolved name's last name is a
//! word of the Source, a missing speaker counting as wrong.

use factlint::doc::{DocId, Document, ParseOptions, Span};
use factlint::extract::{quotes, Quote, QuoteKind};
#[path = "support/polnear.rs"]
mod polnear;
use polnear::{first_annotations, parse_ann};
use std::path::PathBuf;
use std::time::Instant;

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '\'' | '‘' | '’' | '«' | '»' | '„' | '`'
    )
}

fn overlap(a: Span, b: Span) -> usize {
    let start = a.start.max(b.start);
    let end = a.end.min(b.end);
    end.saturating_sub(start) as usize
}

fn counts_as_quote(q: &Quote) -> bool {
    matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial)
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
}

fn last_name(name: &str) -> Option<&str> {
    let name = name
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_end_matches(['’', '\'']);
    words(name)
        .filter(|w| {
            !matches!(
                w.to_ascii_lowercase().as_str(),
                "jr" | "sr" | "ii" | "iii" | "iv"
            )
        })
        .last()
}

/// Whether the predicted speaker agrees with the gold Source.
fn speaker_right(q: &Quote, text: &str, source: &[Span]) -> bool {
    let Some(sp) = &q.speaker else { return false };
    if source.iter().any(|&s| s.overlaps(sp.span)) {
        return true;
    }
    let predicted = sp.resolved.as_deref().unwrap_or(&sp.name);
    let Some(last) = last_name(predicted) else {
        return false;
    };
    if !last.starts_with(char::is_uppercase) {
        return false;
    }
    source
        .iter()
        .any(|s| words(s.slice(text)).any(|w| w == last))
}

struct Options {
    split: PathBuf,
    misses: usize,
    false_positives: usize,
    speakers: usize,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut split = None;
    let mut opts = Options {
        split: PathBuf::new(),
        misses: 0,
        false_positives: 0,
        speakers: 0,
    };
    while let Some(a) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match a.as_str() {
            "--misses" => opts.misses = number("--misses")?,
            "--false" => opts.false_positives = number("--false")?,
            "--speakers" => opts.speakers = number("--speakers")?,
            _ if split.is_none() => split = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    opts.split =
        split.ok_or("usage: eval_quotes <split dir> [--misses N] [--false N] [--speakers N]")?;
    Ok(opts)
}

fn excerpt(text: &str, span: Span, context: usize) -> String {
    let mut start = (span.start as usize).saturating_sub(context);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end as usize + context).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!(
        "{}[[{}]]{}",
        &text[start..span.start as usize],
        span.slice(text),
        &text[span.end as usize..end]
    )
    .replace('\n', "¶")
}

/// Nanoseconds this thread has run on a CPU (Linux), for timings on a busy machine.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    // The shipped data (rules/data), as `check` loads it with the built-in rules.
    let lexicons = factlint::extract::lexicons::Lexicons::shipped();
    let anns = match first_annotations(&opts.split.join("attributions")) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("cannot read {}: {e}", opts.split.display());
            std::process::exit(2);
        }
    };
    let (mut gold_n, mut found, mut pred_n, mut pred_right) = (0usize, 0usize, 0usize, 0usize);
    let (mut spk_n, mut spk_right, mut bytes) = (0usize, 0usize, 0usize);
    let (mut shown_miss, mut shown_false, mut shown_spk) = (0, 0, 0);
    let mut parse_time = std::time::Duration::ZERO;
    let mut docs = Vec::new();
    for (article, ann_path) in &anns {
        let text_path = opts.split.join("text").join(format!("{article}.txt"));
        let (Ok(raw), Ok(ann)) = (std::fs::read(&text_path), std::fs::read_to_string(ann_path))
        else {
            continue;
        };
        bytes += raw.len();
        let t0 = Instant::now();
        let doc = Document::parse(
            DocId(0),
            format!("{article}.txt"),
            raw,
            &ParseOptions::default(),
        );
        parse_time += t0.elapsed();
        let predicted = quotes::extract(&doc, &lexicons.cues, &lexicons.people);
        let text = &doc.text;
        let attributions = parse_ann(&ann, text);
        let predicted: Vec<&Quote> = predicted.iter().filter(|q| counts_as_quote(q)).collect();
        for q in &predicted {
            pred_n += 1;
            let right = attributions
                .iter()
                .any(|a| a.content.iter().any(|&c| c.overlaps(q.span)));
            if right {
                pred_right += 1;
            } else if shown_false < opts.false_positives {
                shown_false += 1;
                println!(
                    "FALSE {article} [{:?}] {}",
                    q.kind,
                    excerpt(text, q.span, 80)
                );
            }
        }
        for a in &attributions {
            let first = a.content[0].slice(text).chars().next();
            if !first.is_some_and(is_quote_mark) {
                continue;
            }
            gold_n += 1;
            let size: usize = a.content.iter().map(|c| c.len()).sum();
            let best = predicted
                .iter()
                .map(|q| {
                    (
                        a.content.iter().map(|&c| overlap(c, q.span)).sum::<usize>(),
                        q,
                    )
                })
                .max_by_key(|(covered, _)| *covered);
            let hit = best
                .filter(|(covered, _)| 2 * covered >= size)
                .map(|(_, q)| *q);
            let Some(q) = hit else {
                if shown_miss < opts.misses {
                    shown_miss += 1;
                    let all = quotes::extract(&doc, &lexicons.cues, &lexicons.people);
                    let kinds: Vec<String> = all
                        .iter()
                        .filter(|p| a.content.iter().any(|&c| c.overlaps(p.span)))
                        .map(|p| format!("{:?} {}", p.kind, p.span.slice(text).len()))
                        .collect();
                    println!(
                        "MISS {article} pred={kinds:?} {}",
                        excerpt(
                            text,
                            a.content[0].cover(*a.content.last().unwrap_or(&a.content[0])),
                            60
                        )
                    );
                }
                continue;
            };
            found += 1;
            if let Some(source) = &a.source {
                spk_n += 1;
                if speaker_right(q, text, source) {
                    spk_right += 1;
                } else if shown_spk < opts.speakers {
                    shown_spk += 1;
                    let got = q.speaker.as_ref().map(|s| {
                        format!(
                            "{} -> {:?} (cue {:?})",
                            s.name,
                            s.resolved,
                            q.cue.as_ref().map(|c| &c.text)
                        )
                    });
                    let gold: Vec<&str> = source.iter().map(|s| s.slice(text)).collect();
                    println!(
                        "SPEAKER {article} gold={gold:?} got={got:?} {}",
                        excerpt(text, q.span, 100)
                    );
                }
            }
        }
        docs.push(doc);
    }
    // Throughput: the best of five passes over the parsed documents, in CPU time of
    // this thread where Linux reports it (/proc/thread-self/schedstat), because the
    // machine is shared and wall-clock timings are noisy; wall clock otherwise.
    let extract_time = (0..5)
        .map(|_| {
            let (t, cpu) = (Instant::now(), thread_cpu_ns());
            let n: usize = docs
                .iter()
                .map(|d| quotes::extract(d, &lexicons.cues, &lexicons.people).len())
                .sum();
            std::hint::black_box(n);
            match (cpu, thread_cpu_ns()) {
                (Some(a), Some(b)) => std::time::Duration::from_nanos(b - a),
                _ => t.elapsed(),
            }
        })
        .min()
        .unwrap_or_default();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let recall = ratio(found, gold_n);
    let precision = ratio(pred_right, pred_n);
    let f1 = if recall + precision > 0.0 {
        2.0 * recall * precision / (recall + precision)
    } else {
        0.0
    };
    let mb = bytes as f64 / 1e6;
    println!("articles            {}", anns.len());
    println!("gold direct quotes  {gold_n}");
    println!("predicted quotes    {pred_n}");
    println!("recall              {recall:.3} ({found}/{gold_n})");
    println!("precision           {precision:.3} ({pred_right}/{pred_n})");
    println!("F1                  {f1:.3}");
    println!(
        "speaker accuracy    {:.3} ({spk_right}/{spk_n})",
        ratio(spk_right, spk_n)
    );
    println!(
        "throughput          extract {:.0} MB/s (CPU time), parse {:.0} MB/s (wall) ({mb:.1} MB, 1 thread)",
        mb / extract_time.as_secs_f64(),
        mb / parse_time.as_secs_f64()
    );
}
