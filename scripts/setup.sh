#!/usr/bin/env bash
# One setup for a fresh Debian 12 machine (run as root), behind both README
# commands. Idempotent: a second run only checks and returns.
#
#   1. Debian packages the build, the tests and the demo need.
#   2. Debian source packages of zlib and xapian-core, fetched through apt with
#      a private source list and state folder (the machine's apt configuration
#      is never edited).
#   3. zlib and xapian-core compiled for WebAssembly once, into .cache/wasm
#      (git ignores .cache/), then reused.
#   4. scripts/setup.d/*.sh: what a part of the project needs beyond that
#      (the browser tests, the agent console, the benchmarks).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${FIRSTLINE_CACHE:-$ROOT/.cache}
XAPIAN_VERSION=1.4.22
XAPIAN_DEBIAN_VERSION=1.4.22-1
source "$ROOT/scripts/env.sh"

log() { printf '[setup] %s\n' "$*" >&2; }

# --- 1. Debian packages -----------------------------------------------------
DEBIAN_PACKAGES=(
  build-essential cmake pkg-config dpkg-dev
  libxapian-dev nlohmann-json3-dev libgtest-dev libgmock-dev
  libyaml-cpp-dev libmd4c-dev libopencc-dev opencc zlib1g-dev
  emscripten clang lld libclang-rt-14-dev
)

# ensure_debian_packages PACKAGE... installs those not yet installed (one apt run).
ensure_debian_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_debian_packages "${DEBIAN_PACKAGES[@]}"
# Node.js runs the demo server and the module's tests; the machine's own (20) is
# preferred, Debian's is the fallback on a bare machine.
command -v node >/dev/null || ensure_debian_packages nodejs npm

# --- 2. Debian source packages through a private apt state -------------------
fetch_source() { # fetch_source PACKAGE VERSION DEST_DIR
  local pkg=$1 ver=$2 dest=$3
  [[ -d $dest ]] && return 0
  local apt_dir=$CACHE/apt
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/parts" "$apt_dir/src"
  if [[ ! -s $apt_dir/sources.list ]]; then
    # Reuse the mirror the machine already uses, as a deb-src line of our own.
    local uri suite
    uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [[ -n $uri ]] || uri=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//){print $i; exit}}' /etc/apt/sources.list)
    suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main" >"$apt_dir/sources.list"
  fi
  local opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/parts"
              -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::Archives=$apt_dir/archives"
              -o "Dir::Cache=$apt_dir" -o "APT::Sandbox::User=root")
  if [[ ! -e $apt_dir/lists/.updated ]]; then
    log "fetching Debian source index into $apt_dir"
    apt-get "${opts[@]}" update -qq
    touch "$apt_dir/lists/.updated"
  fi
  log "fetching Debian source package $pkg ($ver)"
  (cd "$apt_dir/src" && apt-get "${opts[@]}" source -qq "$pkg${ver:+=$ver}" >/dev/null)
  local unpacked
  unpacked=$(find "$apt_dir/src" -maxdepth 1 -mindepth 1 -type d -name "$pkg-*" | head -1)
  mkdir -p "$(dirname "$dest")"
  mv "$unpacked" "$dest"
}

# --- 3. zlib and xapian-core for WebAssembly ---------------------------------
WASM_PREFIX=$CACHE/wasm
# Both libraries are compiled for size (-Oz) and as LLVM bitcode (-flto), so
# that the module's link optimises them together with our code and keeps only
# what the module reaches. Measured on the widget's module (gzip -9): xapian-core
# -O2 and zlib -O3 -> both -Oz -flto saved 39 KB (290 -> 251 KB).
# A recipe string names the flags: change it to rebuild a cached library. A
# rebuild always starts from a clean, freshly configured tree (make distclean),
# so that new flags (and this checkout's prefix) really take effect.
WASM_LIB_CFLAGS="-Oz -flto"
ZLIB_WASM_RECIPE="Oz flto"
if [[ ! -e $WASM_PREFIX/lib/libz.a || "$(cat "$WASM_PREFIX/.zlib-recipe" 2>/dev/null)" != "$ZLIB_WASM_RECIPE" ]]; then
  fetch_source zlib "" "$CACHE/src/zlib"
  log "building zlib for WebAssembly"
  (cd "$CACHE/src/zlib" && { [[ ! -e Makefile ]] || make distclean >/dev/null 2>&1 || true; } \
     && CFLAGS="$WASM_LIB_CFLAGS" emconfigure ./configure --static --prefix="$WASM_PREFIX" >/dev/null \
     && emmake make -j"$(nproc)" libz.a >/dev/null && emmake make install >/dev/null) \
    || { log "zlib WebAssembly build failed"; exit 1; }
  echo "$ZLIB_WASM_RECIPE" >"$WASM_PREFIX/.zlib-recipe"
fi

# The module stems English only: xapian-core's other 29 Snowball stemmers
# would be a sixth of its gzipped bytes, so stem.cc is edited to construct
# English (and "none") alone; any other language is then "unknown", a clear
# Xapian::InvalidArgumentError. The edit is this sed line, applied to Debian's
# source package: the corresponding source of what we ship. Change the recipe
# string to rebuild a cached library.
# No RTTI either: xapian-core never asks a type at run time (no dynamic_cast,
# no typeid), and its classes' type names are bytes the module need not carry.
XAPIAN_WASM_RECIPE="Oz flto no-rtti, english stemmer only"
if [[ ! -e $WASM_PREFIX/lib/libxapian.a || "$(cat "$WASM_PREFIX/.xapian-recipe" 2>/dev/null)" != "$XAPIAN_WASM_RECIPE" ]]; then
  [[ -e $CACHE/src/xapian-core/languages/stem.cc ]] || fetch_source xapian-core "$XAPIAN_DEBIAN_VERSION" "$CACHE/src/xapian-core"
  sed -i -E '/return new InternalStemEnglish;/! s/^([[:space:]]*)return new InternalStem[A-Za-z0-9_]+;/\1break;/' \
    "$CACHE/src/xapian-core/languages/stem.cc"
  log "building xapian-core $XAPIAN_VERSION for WebAssembly (about 5 minutes on 2 cores)"
  (cd "$CACHE/src/xapian-core" \
    && { [[ ! -e Makefile ]] || emmake make distclean >/dev/null 2>&1 || true; } \
    && emconfigure ./configure --disable-shared --enable-static --disable-backend-remote \
         --disable-backend-inmemory --disable-backend-chert --disable-documentation \
         --prefix="$WASM_PREFIX" \
         CPPFLAGS="-I$WASM_PREFIX/include" LDFLAGS="-L$WASM_PREFIX/lib -fwasm-exceptions $WASM_LIB_CFLAGS" \
         CXXFLAGS="$WASM_LIB_CFLAGS -fwasm-exceptions -fno-rtti" CFLAGS="$WASM_LIB_CFLAGS" >"$CACHE/xapian-configure.log" 2>&1 \
    && emmake make -j"$(nproc)" >"$CACHE/xapian-build.log" 2>&1 \
    && emmake make install >>"$CACHE/xapian-build.log" 2>&1) \
    || { log "xapian-core WebAssembly build failed; see $CACHE/xapian-*.log"; exit 1; }
  echo "$XAPIAN_WASM_RECIPE" >"$WASM_PREFIX/.xapian-recipe"
fi
if [[ ! -e $WASM_PREFIX/include/nlohmann/json.hpp ]]; then
  mkdir -p "$WASM_PREFIX/include"
  cp -r /usr/include/nlohmann "$WASM_PREFIX/include/"
fi
# --- 4. Parts of the project with their own needs -----------------------------
# Each scripts/setup.d/*.sh is sourced in name order; it may call
# ensure_debian_packages and fetch_source, and must be idempotent too.
for part in "$ROOT"/scripts/setup.d/*.sh; do
  [[ -e $part ]] || continue
  source "$part"
done
log "ready"
