# Sourced by scripts/setup.sh. The browser tests (widget and agent console):
# Debian's Chromium, a CJK font so Chinese renders in screenshots, and the npm
# packages pinned in tests/browser/package-lock.json (playwright-core, axe-core).
ensure_debian_packages chromium fonts-wqy-microhei
if [[ ! -d $ROOT/tests/browser/node_modules/playwright-core || \
      $ROOT/tests/browser/package-lock.json -nt $ROOT/tests/browser/node_modules/.package-lock.json ]]; then
  log "installing the browser tests' npm packages (tests/browser)"
  (cd "$ROOT/tests/browser" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
fi
