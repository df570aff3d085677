// Names the worker's files by their content in a published site folder:
// firstline-core.js, firstline-core.wasm and index-reader.js become
// name.<12 hex digits of their SHA-256>.ext, and worker.js's ASSETS line names
// them so. A host then caches those three for good (immutable) and
// revalidates only worker.js and the index's entry (README, "Publishing").
// Run by scripts/build.sh on out/site:
//   node scripts/publish-worker.mjs SITE_DIR
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const site = process.argv[2];
if (!site) {
  console.error('usage: node scripts/publish-worker.mjs SITE_DIR');
  process.exit(2);
}
const assets = { glue: 'firstline-core.js', wasm: 'firstline-core.wasm', reader: 'index-reader.js' };
const named = {};
for (const [role, name] of Object.entries(assets)) {
  const bytes = readFileSync(path.join(site, name));
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const ext = path.extname(name);
  named[role] = `${name.slice(0, -ext.length)}.${hash}${ext}`;
  renameSync(path.join(site, name), path.join(site, named[role]));
}
const workerPath = path.join(site, 'worker.js');
const worker = readFileSync(workerPath, 'utf8');
const line = /^const ASSETS = \{[^\n]*\};$/m;
if (!line.test(worker)) {
  console.error(`${workerPath}: no "const ASSETS = {...};" line to rewrite`);
  process.exit(1);
}
const fields = Object.entries(named).map(([role, name]) => `${role}: '${name}'`).join(', ');
writeFileSync(workerPath, worker.replace(line, `const ASSETS = { ${fields} };`));
console.log(`worker.js loads ${Object.values(named).join(', ')}`);
