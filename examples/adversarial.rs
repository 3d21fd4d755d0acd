//! Adversarial input shapes at 1×, 2× and 4× size: time and peak RSS of
//! `factlint check` on each, so that growth faster than linear shows.
//!
//!     cargo build --release && cargo run --release --example adversarial [-- SHAPE…]
//!
//! Each shape is written to a temporary folder and checked with the release binary
//! (`--format json`, output discarded); wait4 gives the child's CPU time and peak
//! RSS. The ratio column is the time at this size over the time at 1×: linear
//! growth gives about 2 and 4.

#[path = "support/usage.rs"]
mod usage;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use usage::measure;

/// A shape: its name, what one unit of size is, and the files for `n` units.
struct Shape {
    name: &'static str,
    unit: &'static str,
    base: usize,
    files: fn(usize) -> Vec<(String, String)>,
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "quotes-in-one-paragraph",
        unit: "quotes",
        base: 10_000,
        files: |n| {
            let mut p = String::from("The council met on Tuesday. ");
            for i in 0..n {
                p.push_str(&format!("“w{}” ", i % 97));
            }
            vec![("quotes.txt".into(), p + "\n")]
        },
    },
    Shape {
        name: "dates-in-one-paragraph",
        unit: "dates",
        base: 20_000,
        files: |n| {
            let mut p = String::from("Published May 3, 2020.\n\n");
            for i in 0..n {
                p.push_str(&format!(
                    "on {} {}, 20{:02} ",
                    ["May", "June", "July"][i % 3],
                    1 + i % 28,
                    i % 30
                ));
            }
            vec![("dates.txt".into(), p + "\n")]
        },
    },
    Shape {
        name: "dated-sentences",
        unit: "sentences",
        base: 10_000,
        files: |n| {
            let mut p = String::from("Published May 3, 2020.\n\n");
            for i in 0..n {
                p.push_str(&format!(
                    "The council met in Leeds on May {}, 20{:02}. ",
                    1 + i % 28,
                    i % 30
                ));
            }
            vec![("dated.txt".into(), p + "\n")]
        },
    },
    Shape {
        name: "footnote-markers",
        unit: "markers",
        base: 10_000,
        files: |n| {
            let mut p = String::new();
            for i in 0..n {
                p.push_str(&format!("Fares rose.[^{i}] "));
            }
            p.push_str("\n\n");
            for i in 0..n {
                p.push_str(&format!("[^{i}]: Source {i}.\n"));
            }
            vec![("notes.md".into(), p)]
        },
    },
    Shape {
        name: "one-long-line",
        unit: "findings",
        base: 5_000,
        files: |n| {
            let mut p = String::new();
            for _ in 0..n {
                p.push_str("The cost is TK and rising; ");
            }
            vec![("line.txt".into(), p + "\n")]
        },
    },
    Shape {
        name: "duplicate-text-across-files",
        unit: "files",
        base: 250,
        files: |n| {
            let shared = "The regional transport authority confirmed on Tuesday that the new \
                          ferry timetable will take effect next month across all island routes, \
                          with earlier crossings, lower fares for students and a covered waiting \
                          room at the northern pier.";
            (0..n)
                .map(|i| {
                    (
                        format!("d{i:05}.txt"),
                        format!("Story number {i} opens here with its own words.\n\n{shared}\n"),
                    )
                })
                .collect()
        },
    },
];

fn write_shape(dir: &Path, files: &[(String, String)]) -> std::io::Result<u64> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0;
    for (name, text) in files {
        std::fs::write(dir.join(name), text)?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}

fn main() -> std::io::Result<()> {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let binary = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/factlint");
    if !binary.exists() {
        eprintln!("build the binary first: cargo build --release");
        std::process::exit(2);
    }
    let scratch = std::env::temp_dir().join(format!("factlint-adversarial-{}", std::process::id()));
    println!(
        "| shape | size | input | cpu s | wall s | ratio | peak RSS MB | exit |\n|---|---|---|---|---|---|---|---|"
    );
    for shape in SHAPES {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == shape.name) {
            continue;
        }
        let mut first = None;
        for factor in [1, 2, 4] {
            let n = shape.base * factor;
            let bytes = write_shape(&scratch, &(shape.files)(n))?;
            let u = measure(
                Command::new(&binary)
                    .args(["check", "--isolated", "--format", "json", "."])
                    .current_dir(&scratch)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null()),
            )?;
            let base = *first.get_or_insert(u.cpu.max(1e-3));
            println!(
                "| {} | {factor}× ({n} {}) | {:.0} KB | {:.2} | {:.2} | {:.1} | {:.0} | {} |",
                shape.name,
                shape.unit,
                bytes as f64 / 1024.0,
                u.cpu,
                u.wall,
                u.cpu / base,
                u.peak_rss_mb,
                u.status
            );
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}
