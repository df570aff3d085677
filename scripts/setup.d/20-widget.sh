# Sourced by scripts/setup.sh. The widget's typings (web/firstline.d.ts) are
# compiled against a usage example by a CTest test: Debian's TypeScript compiler.
ensure_debian_packages node-typescript
