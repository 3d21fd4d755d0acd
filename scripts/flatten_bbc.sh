#!/bin/sh
# Create /tmp/bbcflat/<folder>_<NNN>.txt symlinks to every BBC article (all five folders),
# so label doc ids are "<folder>_<NNN>" in one flat folder for the scorer.
set -eu
SRC=${1:-$(cd "$(dirname "$0")/../../shared/eval/news/bbc" && pwd)}
DST=${2:-/tmp/bbcflat}
mkdir -p "$DST"
n=0
for folder in business entertainment politics sport tech; do
  for f in "$SRC/$folder"/*.txt; do
    ln -sfn "$f" "$DST/${folder}_$(basename "$f")"
    n=$((n+1))
  done
done
echo "linked $n articles into $DST"
