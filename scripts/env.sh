# Environment for Debian's emscripten 3.1.6 with the machine's Node 20.
# Sourced by the scripts; safe to source more than once.
case ":${NODE_PATH:-}:" in *:/usr/share/nodejs:*) ;; *) export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH} ;; esac
# Emscripten's generated Node code predates Node's global fetch.
case " ${NODE_OPTIONS:-} " in *" --no-experimental-fetch "*) ;; *) export NODE_OPTIONS="--no-experimental-fetch${NODE_OPTIONS:+ $NODE_OPTIONS}" ;; esac
