#!/usr/bin/env bash
# The replay benchmark (bench/replay.mjs says each step): half of a labelled
# set's dev queries act as customers through the native core and a real desk
# on SQLite; the suggestions the desk derives from their events are accepted
# (every one seen for at least --min-customers customers, default 1), written
# into the KB's intents.yaml by `firstline-index suggestions apply`, and the KB
# rebuilt; the other half is measured before and after (top-1, wrong answers,
# clarifications). Prints the figures and writes bench/REPORT.md's replay section.
#
#   bash scripts/bench-replay.sh                      # clinc150, banking77, smp2020-zh from ../shared/datasets (DATASETS=path)
#   bash scripts/bench-replay.sh --dataset ../shared/datasets/banking77 --min-customers 2
#   bash scripts/bench-replay.sh --tiny               # tests/fixtures/replay-tiny, no report (CTest)
# Needs a build (bash scripts/build.sh); BUILD=dir for another build folder.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-$ROOT/build}
if [[ "${1:-}" == "--tiny" ]]; then
  shift
  exec node bench/replay.mjs --dataset tests/fixtures/replay-tiny --work "$BUILD/bench-replay-tiny" --build "$BUILD" --check "$@"
fi
cmake --build "$BUILD" -j2 --target firstline-index firstline-desk firstline-replay >/dev/null
exec node bench/replay.mjs --build "$BUILD" --report "$@"
