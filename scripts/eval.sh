#!/usr/bin/env bash
# Evaluates intent suggestion and out-of-scope detection on every labelled set
# in ../shared/datasets (or DATASETS=path): writes out/eval/report.{json,md}.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target firstline-eval
build/tools/firstline-eval --all "${DATASETS:-$ROOT/../shared/datasets}" --out out/eval "$@"
