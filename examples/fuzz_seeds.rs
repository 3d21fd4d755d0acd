//! Writes the fuzz seed corpus, built from the repository's fixtures
//! ([`factlint::fuzzing::seeds`]), to `fuzz/corpus/<target>/`:
//!
//!     cargo run --example fuzz_seeds
use std::path::Path;

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = factlint::fuzzing::seeds(root);
    for seed in &seeds {
        let dir = root.join("fuzz/corpus").join(seed.target);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(&seed.name), &seed.bytes)?;
    }
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{} seeds written to fuzz/corpus/", seeds.len());
    }
    Ok(())
}
