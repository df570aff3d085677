#!/usr/bin/env bash
# The widget's benchmark in headless Chromium (not a test): builds a KB from the
# clinc150 set in ../shared/datasets (or DATASETS=path), serves the demo site
# with that index, types a few hundred dev queries keystroke by keystroke and
# prints keystroke-to-hints latency, page load to first answer, bytes
# transferred and the module's size. Extra arguments go to the benchmark
# (--json: one JSON object on stdout; --queries N).
# Needs the build (scripts/build.sh) first.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DATASET="${DATASETS:-$ROOT/../shared/datasets}/clinc150"
WORK=build/bench-widget
log() { echo "[bench-widget] $*" >&2; }

[[ -f out/site/firstline.js ]] || { log "no built site in out/site: run scripts/build.sh first"; exit 1; }
if [[ ! -f $WORK/index/public.db || $DATASET/train.jsonl -nt $WORK/index/public.db ]]; then
  log "building the clinc150 KB ($DATASET)"
  build/indexer/firstline-index convert-dataset "$DATASET" --out "$WORK/kb" >&2
  build/indexer/firstline-index build "$WORK/kb" --out "$WORK/index" --quiet >&2
fi
rm -rf "$WORK/site"
cp -r out/site "$WORK/site"
# The clinc150 KB's published index in place of the sample KB's.
rm -rf "$WORK"/site/public.*/ "$WORK/site/firstline-index.json"
cp -r "$WORK/index/web/." "$WORK/site/"
# playwright-core needs Node's fetch, which scripts/env.sh turns off for Emscripten's glue.
NODE_OPTIONS= exec node tests/browser/widget-bench.mjs --site "$WORK/site" --queries-file "$DATASET/dev.jsonl" "$@"
