#!/usr/bin/env bash
# Benchmarks firstline against MiniSearch, FlexSearch, Lunr, Orama and Pagefind on every
# set in ../shared/datasets (or the SET_DIRs given), in the browser too, and at growing KB
# sizes; writes bench/REPORT.md, bench/plots/*.png and bench/results.json.
#   bash scripts/bench.sh [SET_DIR...] [--limit N] [--no-browser] [--no-scale]
# Takes about half an hour on 2 cores. Not part of the tests (tests/bench runs a smoke version).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/build.sh
source scripts/env.sh
args=(--scale)
for a in "$@"; do
  if [[ $a == --no-scale ]]; then args=(); fi
done
filtered=()
for a in "$@"; do [[ $a == --no-scale ]] || filtered+=("$a"); done
# The engines' processes choose their own Node options (Pagefind needs fetch, the module's glue must not see it).
BENCH_COMMAND="bash scripts/bench.sh $*" NODE_OPTIONS= node bench/bench.mjs "${args[@]}" "${filtered[@]+"${filtered[@]}"}"
