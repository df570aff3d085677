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

# The readers of what people write or paste, each fuzzed for a quarter of
# FUZZ_SECONDS (15 s by default): the indexer's readers of an article, of
# Markdown and of each YAML file, seeded with kb-content/'s files, and the
# console's readers of a handoff payload and an event log, seeded with
# tests/fixtures/console/. A crash, a broken promise, an input slower than
# 10 s or over 2 GB fails the run and leaves its input in build-fuzz/.
reader_seconds=$(( (${FUZZ_SECONDS:-60} + 3) / 4 ))
readers=(article markdown intents synonyms escalation first_screen console_handoff)
echo "[test] libFuzzer: the readers (${#readers[@]} targets, ${reader_seconds} s each)"
cmake --build build-fuzz -j"$(nproc)" $(printf -- '--target firstline_fuzz_%s ' "${readers[@]}") >/dev/null
for reader in "${readers[@]}"; do
  corpus=build-fuzz/corpus-$reader
  rm -rf "$corpus" && mkdir -p "$corpus"
  case $reader in
    article | markdown) cp kb-content/articles/*/*.md "$corpus/" ;;
    console_handoff) cp tests/fixtures/console/* "$corpus/" ;;
    *) cp kb-content/*.yaml "$corpus/" ;;  # every YAML file: each reader meets the others' shapes
  esac
  (cd build-fuzz && FIRSTLINE_FUZZ_AGENT_INDEX="$ROOT/out/index/agent.db" "tests/fuzz/firstline_fuzz_$reader" \
     -max_total_time="$reader_seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "corpus-$reader" \
     2>"fuzz-$reader.log") \
    || { tail -40 "build-fuzz/fuzz-$reader.log"; echo "[test] the fuzzer of $reader found a problem"; exit 1; }
  echo "  $reader: $(grep -oE "stat::number_of_executed_units: [0-9]+" "build-fuzz/fuzz-$reader.log" | grep -oE "[0-9]+") inputs"
done

echo "[test] CTest"
cd build
ctest --output-on-failure -j"$(nproc)"
