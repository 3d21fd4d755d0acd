//! Adversarial input shapes (`factlint::adversarial::SHAPES`, whose work the unit
//! tests there count) at 1×, 2× and 4× size: time and peak RSS of `factlint check`
//! on each, so that growth faster than linear shows.
//!
//!     cargo build --release && cargo run --release --example adversarial [-- SHAPE…]
//!
//! Each shape is written to a temporary folder and checked with the release binary
//! (`--format json`, output discarded); wait4 gives the child's CPU time and peak
//! RSS. The ratio column is the time at this size over the time at 1×: linear
//! growth gives about 2 and 4.

#[path = "support/usage.rs"]
mod usage;

use factlint::adversarial::SHAPES;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use usage::measure;

fn write_shape(dir: &Path, files: &[(String, String)]) -> std::io::Result<u64> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0;
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
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
                    .args(["check", "--format", "json", "."])
                    .args(shape.args)
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
