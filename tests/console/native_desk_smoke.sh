#!/usr/bin/env bash
# The native console's Queue tab against a real desk, under Xvfb: a desk
# (firstline-desk serve, SQLite in a temp folder) with an agent and a
# callback case posted as the widget posts it; the console signs in
# (--agent, FIRSTLINE_DESK_PASSWORD), reads the queue, opens the case
# (--case) and saves a screenshot, which must be a real picture; the console
# must exit 0 without logging an error.
#
#   native_desk_smoke.sh CONSOLE DESK PUBLIC_INDEX AGENT_INDEX HANDOFF_JSON OUT_DIR
set -euo pipefail
console=$1 desk=$2 public=$3 agent=$4 handoff=$5 out=$6
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$out"
work=$(mktemp -d)
display_file=$work/display
cleanup() { kill "${xvfb:-}" "${serve:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cat >"$work/desk.json" <<JSON
{"store": "$work/desk.sqlite", "port": 0, "public_index": "$public", "agent_index": "$agent"}
JSON
echo 'correct horse battery' | "$desk" add-agent ana --config "$work/desk.json" >/dev/null
"$desk" serve --config "$work/desk.json" >"$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 100); do grep -q 'serving on' "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" | head -1)
[[ -n $url ]] || { echo "the desk did not start:"; cat "$work/serve.log"; exit 1; }

reference=$(python3 - "$url" "$handoff" <<'PY'
import json, sys, urllib.request
body = {"channel": "callback", "kind": "callback", "handoff": json.load(open(sys.argv[2])),
        "callback": {"phone": "138 1234 5678", "time": "下午"}}
request = urllib.request.Request(sys.argv[1] + "/api/handoffs", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request))["reference"])
PY
)

Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$display_file" 2>"$work/xvfb.log" &
xvfb=$!
for _ in $(seq 50); do [[ -s $display_file ]] && break; sleep 0.1; done
[[ -s $display_file ]] || { echo "Xvfb did not start:"; cat "$work/xvfb.log"; exit 1; }
export DISPLAY=:$(head -1 "$display_file") LIBGL_ALWAYS_SOFTWARE=1 FIRSTLINE_DESK_PASSWORD='correct horse battery'

log=$out/native-queue.log
if ! "$console" "$agent" --desk "$url" --agent ana --case "$reference" --tab queue --frames 12 \
     --screenshot "$out/native-queue.png" 2>"$log"; then
  echo "firstline-console (queue) failed:"; cat "$log"; exit 1
fi
if grep -i "error" "$log"; then echo "firstline-console (queue) logged an error"; exit 1; fi
python3 "$here/check_png.py" "$out/native-queue.png"
echo "the native console opened case $reference from the desk at $url"
