#!/usr/bin/env bash
# Builds everything: native tools and tests (build/), the WebAssembly module
# (build-wasm/), the sample KB's indexes (out/index/) and the demo site (out/site/).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh
source scripts/env.sh
JOBS=$(nproc)

echo "[build] native (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFIRSTLINE_WASM_BUILD_DIR="$ROOT/build-wasm" >/dev/null
cmake --build build -j"$JOBS"

echo "[build] WebAssembly (build-wasm/)"
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release -DFIRSTLINE_BUILD_TESTS=OFF >/dev/null
cmake --build build-wasm -j"$JOBS"

echo "[build] sample knowledge base (out/index/)"
build/indexer/firstline-index build kb-content --out out/index

echo "[build] demo site (out/site/)"
rm -rf out/site
mkdir -p out/site
cp -r web/. out/site/
cp build-wasm/wasm/firstline-core.js build-wasm/wasm/firstline-core.wasm out/site/
# The worker's files named by their content, for caching for good.
node scripts/publish-worker.mjs out/site
# The public index as a host publishes it: an entry file and a build's chunks.
cp -r out/index/web/. out/site/
# The agent console's page and module; its index (agent.db) is internal and is
# never copied here: serve.mjs --agent-index serves it on loopback only.
cp build-wasm/console/app/firstline-console.{js,wasm,data} out/site/console/
# The contact channels beside the demo pages, for when the index cannot load.
node scripts/export-channels.mjs build-wasm/wasm/firstline-core.js out/index/public.db >out/site/demo/channels.json
