#!/usr/bin/env bash
# The loading benchmark (not a test): firstline and the peers answering one
# question on the sample KB, clinc150 and afqmc-zh (57k questions) in headless
# Chromium on emulated 4G and 3G links, cold and on a second view; writes
# bench/loading.json and the "Loading" section of bench/REPORT.md. About 15
# minutes on 2 cores. Needs the build (scripts/build.sh) and ../shared/datasets
# (or --sets DIR). Extra arguments go to bench/loading.mjs (--repeats N, --kbs a,b).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[[ -x build/tools/firstline && -f build-wasm/wasm/firstline-core.wasm ]] || { echo "run scripts/build.sh first" >&2; exit 1; }
# playwright-core needs Node's fetch; each engine's process sets its own options.
NODE_OPTIONS= exec node bench/loading.mjs "$@"
