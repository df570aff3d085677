#!/usr/bin/env bash
# The input-size benchmark (not a test): one article of 0.25 to 4 MiB (its
# snippet, and a search through the real pipeline; the indexer refuses an
# article over 1 MiB) and the agent console's gaps over event logs of 5k to
# 40k questions, medians of 3. Prints Markdown tables (bench/REPORT.md,
# "Input size"). A minute or two on 2 cores. Extra arguments go to the
# program (--articles 0.5,1 --events 5000 --repeats N --budget S).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target firstline-bench-input-size >/dev/null
exec build/bench/native/firstline-bench-input-size --kb kb-content "$@"
