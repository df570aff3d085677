#!/usr/bin/env bash
# Native smoke test of the agent console: under Xvfb (software OpenGL), types
# a query into the search box, opens a handoff payload and an event log, and
# saves one screenshot per view; each must be a real picture (check_png.py)
# and the console must exit 0 without logging an error.
#
#   native_smoke.sh CONSOLE AGENT_INDEX OUT_DIR
set -euo pipefail
console=$1 index=$2 out=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fixtures=$here/../fixtures/console
mkdir -p "$out"

# Xvfb picks a free display itself (-displayfd), so parallel runs never collide.
display_file=$(mktemp)
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$display_file" 2>"$out/xvfb.log" &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; rm -f "$display_file"' EXIT
for _ in $(seq 50); do [[ -s $display_file ]] && break; sleep 0.1; done
[[ -s $display_file ]] || { echo "Xvfb did not start:"; cat "$out/xvfb.log"; exit 1; }
export DISPLAY=:$(head -1 "$display_file")
export LIBGL_ALWAYS_SOFTWARE=1

run() { # run NAME ARGS...: one screenshot
  local name=$1
  shift
  local log=$out/native-$name.log
  if ! "$console" "$index" "$@" --frames 12 --screenshot "$out/native-$name.png" 2>"$log"; then
    echo "firstline-console ($name) failed:"; cat "$log"; exit 1
  fi
  if grep -i "error" "$log"; then echo "firstline-console ($name) logged an error"; exit 1; fi
  python3 "$here/check_png.py" "$out/native-$name.png"
}

run search --type "快递延迟补偿"
run handoff --handoff "$fixtures/handoff-delayed-parcel.json" --tab handoff
run editor --events "$fixtures/widget-events.jsonl" --tab editor

# A broken payload: a clear message in the window, not a crash.
printf '{"schema":"firstline.handoff","version":7}' >"$out/bad-handoff.json"
run bad-handoff --handoff "$out/bad-handoff.json" --tab handoff

# A missing index: exit code 1 and the reason, not a crash.
if "$console" "$out/no-such.db" --frames 3 2>"$out/native-missing.log"; then echo "a missing index must fail"; exit 1; fi
grep -q "no index file there" "$out/native-missing.log" || { cat "$out/native-missing.log"; exit 1; }
echo "native smoke test passed: screenshots in $out"
