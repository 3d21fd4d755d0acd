#!/bin/sh
# Runs every fuzz target for MINUTES minutes each (default 1), after writing the
# seed corpus from the repository's fixtures. Extra arguments go to libFuzzer,
# e.g. `fuzz/run.sh 10 -jobs=2 -workers=2`. Needs nightly and cargo-fuzz.
# Crashes land in fuzz/artifacts/<target>/; keep a fixed one as a regression
# input in fuzz/crashes/<target>/ (replayed by `cargo test`).
set -eu
cd "$(dirname "$0")/.."
minutes=${1:-1}
[ $# -gt 0 ] && shift
cargo run --quiet --example fuzz_seeds
for target in document check front_matter rule_file config archive; do
    echo "== $target: $minutes min"
    # `-s none`: safe Rust needs no AddressSanitizer; it only slows the runs.
    cargo +nightly fuzz run -s none "$target" "fuzz/corpus/$target" -- \
        -max_total_time=$((minutes * 60)) -max_len=65536 -timeout=10 -rss_limit_mb=2048 "$@"
done
