#!/usr/bin/env bash
# Runs every test: builds what they need, then CTest (GoogleTest, the module under Node).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/build.sh
source scripts/env.sh
cd build
ctest --output-on-failure -j"$(nproc)"
