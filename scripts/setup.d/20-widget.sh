# Sourced by scripts/setup.sh. The widget's typings (web/firstline.d.ts) are
# compiled against a usage example by a CTest test: Debian's TypeScript
# compiler. Debian's esbuild minifies the worker's published files
# (scripts/publish-worker.mjs): they are on every first answer's path.
ensure_debian_packages node-typescript esbuild
