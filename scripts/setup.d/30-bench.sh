# Sourced by scripts/setup.sh. The benchmarks against peer search libraries (bench/):
# gnuplot draws the report's plots; the peers' npm packages are pinned in
# bench/package-lock.json (Pagefind's indexer binary comes inside its platform package,
# esbuild's likewise, so nothing runs at install time).
ensure_debian_packages gnuplot-nox
if [[ ! -d $ROOT/bench/node_modules/minisearch || \
      $ROOT/bench/package-lock.json -nt $ROOT/bench/node_modules/.package-lock.json ]]; then
  log "installing the benchmark's npm packages (bench)"
  (cd "$ROOT/bench" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
fi
