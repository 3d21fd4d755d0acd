#!/usr/bin/env python3
"""Does the score rank trust? Reads the `--json` output of score_labels.py.

usage: score_ranking.py STATS.json

Prints the median score, the lowest score of an article the editor labelled clean (no
must-flag item), and the mean scores of clean and flagged articles (flagged ones should
score lower on average). Issue #14's targets: median >= 80, no clean article below 65.
"""
import json
import statistics
import sys


def main():
    stats = json.load(open(sys.argv[1], encoding="utf-8"))
    scores, must = stats["scores"], stats["must_per_doc"]
    clean = sorted((s, d) for d, s in scores.items() if must.get(d, 0) == 0)
    flagged = sorted((s, d) for d, s in scores.items() if must.get(d, 0) > 0)
    print(f"articles {len(scores)}: median {statistics.median(scores.values()):.1f}")
    if clean:
        print(f"clean ({len(clean)}): mean {statistics.mean(s for s, _ in clean):.1f}, "
              f"lowest {clean[0][0]:.1f} ({clean[0][1]})")
    if flagged:
        print(f"with must-flags ({len(flagged)}): mean {statistics.mean(s for s, _ in flagged):.1f}, "
              f"lowest {flagged[0][0]:.1f} ({flagged[0][1]})")


if __name__ == "__main__":
    main()
