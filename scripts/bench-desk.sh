#!/usr/bin/env bash
# The handoff desk under load, on both stores: concurrent loopback clients
# post handoffs (made by the core, as the widget sends them) and event
# batches of 10 to a desk process; prints bench/REPORT.md's desk table.
# CLIENTS (default "4 16 64") and SECONDS_PER_RUN (default 10) set the runs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/build.sh >/dev/null
cmake --build build -j"$(nproc)" --target desk_load_bench >/dev/null
BENCH=build/tests/desk/desk_load_bench
echo "One run of \`bash scripts/bench-desk.sh\` ($(date -u +%F), commit $(git rev-parse --short HEAD), $(nproc) cores; SQLite synchronous=FULL, PostgreSQL 15 synchronous_commit=on, both on this machine's disk)."
echo
echo "| store | clients | handoffs/s | handoff p50 ms | p99 ms | max ms | events/s | events batch p50 ms | p99 ms | failed |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for store in sqlite postgresql; do
  for clients in ${CLIENTS:-4 16 64}; do
    "$BENCH" --store "$store" --clients "$clients" --seconds "${SECONDS_PER_RUN:-10}"
  done
done
