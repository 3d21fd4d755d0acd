//! Replays every fuzz target's seed inputs and its regression files
//! (`fuzz/crashes/<target>/`) through the target bodies the fuzzers run
//! (`factlint::fuzzing`), so that a crash once found stays fixed.

use crate::support::root;
use factlint::fuzzing::{seeds, Target, TARGETS};

fn target(name: &str) -> Target {
    TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no fuzz target `{name}`"))
        .1
}

#[test]
fn every_target_has_seeds_and_survives_them() {
    let seeds = seeds(&root());
    for (name, _) in TARGETS {
        assert!(
            seeds.iter().any(|s| s.target == *name),
            "no seed for fuzz target `{name}`"
        );
    }
    for seed in &seeds {
        target(seed.target)(&seed.bytes);
    }
}

#[test]
fn crash_files_stay_fixed() {
    let dir = root().join("fuzz/crashes");
    let Ok(targets) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in targets.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let run = target(&name);
        for file in std::fs::read_dir(entry.path())
            .expect("crash folder")
            .flatten()
        {
            let bytes = std::fs::read(file.path()).expect("crash file");
            run(&bytes);
        }
    }
}
