#!/usr/bin/env bash
# Builds everything, then serves the demo on http://127.0.0.1:${PORT:-8080}/
# and the agent console on http://127.0.0.1:${PORT:-8080}/console/ (Ctrl-C stops it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/build.sh
source scripts/env.sh
exec node web/demo/serve.mjs --root out/site --port "${PORT:-8080}" --agent-index out/index/agent.db
