#!/usr/bin/env bash
# Runs every test: builds what they need, then CTest (GoogleTest, the module under Node).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/build.sh
source scripts/env.sh

# The fuzzer over hints and ask, for a bounded time (FUZZ_SECONDS, default 60):
# an input is a conversation, a turn per line. Seeded with each sample query
# alone and with all of them as one conversation; a crash fails the run and
# leaves its input in build-fuzz/.
echo "[test] libFuzzer: hints and ask (${FUZZ_SECONDS:-60} s)"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFIRSTLINE_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target firstline_fuzz_engine >/dev/null
rm -rf build-fuzz/corpus && mkdir -p build-fuzz/corpus
n=0
while IFS= read -r line; do printf '%s' "$line" >"build-fuzz/corpus/seed$n"; n=$((n + 1)); done <tests/fixtures/sample-queries.txt
cp tests/fixtures/sample-queries.txt build-fuzz/corpus/conversation
(cd build-fuzz && FIRSTLINE_FUZZ_INDEX="$ROOT/out/index/public.db" tests/fuzz/firstline_fuzz_engine \
   -max_total_time="${FUZZ_SECONDS:-60}" -max_len=4096 -rss_limit_mb=4096 -print_final_stats=1 corpus 2>fuzz.log) \
  || { tail -40 build-fuzz/fuzz.log; echo "[test] the fuzzer found a crash"; exit 1; }
grep -E "stat::number_of_executed_units" build-fuzz/fuzz.log || true

echo "[test] CTest"
cd build
ctest --output-on-failure -j"$(nproc)"
