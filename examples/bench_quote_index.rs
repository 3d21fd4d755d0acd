//! Micro-benchmark of the cross-document quote index: how many quote comparisons the
//! corpus quote rules make, against all pairs, as the corpus grows.
//!
//!     cargo run --release --example bench_quote_index -- ../shared/eval/quotes/polnear/train/text
//!
//! The argument is a directory of plain-text articles. For the first quarter, half and
//! all of them it builds the quote index the way the engine does (per-document parts,
//! merged in order) and counts the candidate comparisons of every quote. With
//! `--exhaustive` it also compares all pairs of the full set once, to tell how many
//! of the matching pairs the index finds.

use factlint::doc::{DocId, Document, ParseOptions};
use factlint::extract::quotes;
use factlint::index::quotes::{similarity, QuoteIndex, QuotePart};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let exhaustive = args.iter().any(|a| a == "--exhaustive");
    let lexicons = factlint::extract::lexicons::Lexicons::shipped();
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: bench_quote_index <directory of .txt articles> [--exhaustive]");
        std::process::exit(2);
    };
    let mut paths: Vec<_> = match std::fs::read_dir(dir) {
        Ok(d) => d.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("cannot read {dir}: {e}");
            std::process::exit(2);
        }
    };
    paths.sort();
    let mut parts = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let Ok(bytes) = std::fs::read(p) else {
            continue;
        };
        let doc = Document::parse(
            DocId(i as u32),
            p.display().to_string(),
            bytes,
            &ParseOptions::default(),
        );
        let found = quotes::extract(&doc, &lexicons.cues, &lexicons.people);
        parts.push(QuotePart::build(&doc, &found, false, &lexicons.cues));
    }
    println!("documents  quotes  comparisons  per quote  all pairs  matches  time");
    let mut index = QuoteIndex::default();
    for share in [4, 2, 1] {
        let n_docs = parts.len() / share;
        let t = Instant::now();
        index = QuoteIndex::default();
        index.add(
            parts
                .iter()
                .take(n_docs)
                .enumerate()
                .map(|(i, part)| (DocId(i as u32), part.clone())),
        );
        let (mut comparisons, mut matches) = (0usize, 0usize);
        for i in 0..index.quotes.len() {
            for j in index.candidates(i) {
                comparisons += 1;
                if similarity(index.quotes[i].words(), index.quotes[j as usize].words()) >= 0.75 {
                    matches += 1;
                }
            }
        }
        let n = index.quotes.len();
        println!(
            "{n_docs:>9}  {n:>6}  {comparisons:>11}  {:>9.2}  {:>9}  {matches:>7}  {:.1} ms",
            comparisons as f64 / n.max(1) as f64,
            n * n.saturating_sub(1) / 2,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    if exhaustive {
        // Ordered pairs across documents, as the index counts them.
        let t = Instant::now();
        let q = &index.quotes;
        let mut matches = 0usize;
        for i in 0..q.len() {
            for j in 0..q.len() {
                if q[i].doc != q[j].doc && similarity(q[i].words(), q[j].words()) >= 0.75 {
                    matches += 1;
                }
            }
        }
        println!(
            "all pairs: {matches} matching (ordered) pairs in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
}
