#!/usr/bin/env bash
# Builds everything, then serves the demo on http://127.0.0.1:${PORT:-8080}/,
# the agent console on http://127.0.0.1:${PORT:-8080}/console/, and the
# handoff desk behind them (on 127.0.0.1:${DESK_PORT:-8090}; the demo server
# passes the site's /api/ to it). Ctrl-C stops both.
# The desk keeps its cases in out/desk/desk.sqlite; the demo agent is
# "demo", password "firstline-demo" (created on the first run).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/build.sh
source scripts/env.sh
PORT=${PORT:-8080}
DESK_PORT=${DESK_PORT:-8090}

mkdir -p out/desk
cat >out/desk/desk.json <<JSON
{
  "\$comment": "Written by scripts/demo.sh: the demo's desk, behind the demo server's /api/. desk/README.md documents every field.",
  "store": "desk.sqlite",
  "host": "127.0.0.1",
  "port": $DESK_PORT,
  "allowed_origins": ["http://127.0.0.1:$PORT", "http://localhost:$PORT"],
  "agent_origins": ["http://127.0.0.1:$PORT", "http://localhost:$PORT"],
  "trust_forwarded_for": true,
  "public_index": "../index/public.db",
  "agent_index": "../index/agent.db"
}
JSON
DESK=build/desk/firstline-desk
# The demo agent, once (add-agent refuses a name that exists).
echo 'firstline-demo' | "$DESK" add-agent demo --config out/desk/desk.json >/dev/null 2>&1 || true

"$DESK" serve --config out/desk/desk.json &
DESK_PID=$!
trap 'kill "$DESK_PID" 2>/dev/null || true; wait "$DESK_PID" 2>/dev/null || true' EXIT INT TERM
echo "firstline demo: agent console sign-in: demo / firstline-demo"
node web/demo/serve.mjs --root out/site --port "$PORT" --agent-index out/index/agent.db --desk "http://127.0.0.1:$DESK_PORT"
