#!/usr/bin/env bash
# Benchmarks firstline against MiniSearch, FlexSearch, Lunr, Orama and Pagefind on every
# set in ../shared/datasets (or the SET_DIRs given), in the browser too, and at growing KB
# sizes (afqmc-zh); writes bench/REPORT.md, bench/plots/*.png and bench/results.json.
#   bash scripts/bench.sh [SET_DIR...] [--limit N] [--no-browser] [--no-scale]
# About 40 minutes on 2 cores. Not part of the tests (tests/bench runs a small version).
# See bench/README.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/build.sh
source scripts/env.sh
# Each engine's process gets its own Node options (Pagefind's search needs fetch; the
# module's Emscripten glue must not see it), so none are inherited here.
BENCH_COMMAND="bash scripts/bench.sh $*" NODE_OPTIONS= node bench/bench.mjs --scale "$@"
