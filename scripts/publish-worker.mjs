// Names the worker's files by their content in a published site folder:
// firstline-core.js, firstline-core.wasm and index-reader.js become
// name.<12 hex digits of their SHA-256>.ext, and worker.js's ASSETS line names
// them so; then worker.js itself is copied to worker.<hash>.js, and the
// widget's panel (widget/panel.js, its WORKER line) names that copy. A host
// caches those four for good (immutable) and revalidates, in the background,
// only the widget's own files and the index's entry (README, "Publishing"):
// Chromium serves a worker's script stale while it revalidates no more than
// it would a page, so a revalidated worker.js cost a repeat view a round trip.
// worker.js stays, for a host whose page names it (data-worker).
// The worker and index-reader.js are published minified (Debian's esbuild,
// installed by scripts/setup.d/20-widget.sh): they are read before every
// first answer, and their comments are for the sources, not the customers.
// Run by scripts/build.sh on out/site:
//   node scripts/publish-worker.mjs SITE_DIR
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `source` (a classic script's text) minified by esbuild; exits naming the problem if it cannot. */
function minified(source, name) {
  try {
    return execFileSync('esbuild', ['--minify', '--loader=js', '--log-level=warning'], { input: source, encoding: 'utf8' });
  } catch (error) {
    console.error(`${name}: esbuild could not minify it (run scripts/setup.sh): ${error.message}`);
    process.exit(1);
  }
}

const site = process.argv[2];
if (!site) {
  console.error('usage: node scripts/publish-worker.mjs SITE_DIR');
  process.exit(2);
}
const assets = { glue: 'firstline-core.js', wasm: 'firstline-core.wasm', reader: 'index-reader.js' };
const named = {};
for (const [role, name] of Object.entries(assets)) {
  const bytes = role === 'reader' ? minified(readFileSync(path.join(site, name), 'utf8'), name) : readFileSync(path.join(site, name));
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const ext = path.extname(name);
  named[role] = `${name.slice(0, -ext.length)}.${hash}${ext}`;
  if (role === 'reader') {
    writeFileSync(path.join(site, named[role]), bytes);
    unlinkSync(path.join(site, name));
  } else {
    renameSync(path.join(site, name), path.join(site, named[role]));
  }
}
const workerPath = path.join(site, 'worker.js');
const worker = readFileSync(workerPath, 'utf8');
const line = /^const ASSETS = \{[^\n]*\};$/m;
if (!line.test(worker)) {
  console.error(`${workerPath}: no "const ASSETS = {...};" line to rewrite`);
  process.exit(1);
}
const fields = Object.entries(named).map(([role, name]) => `${role}: '${name}'`).join(', ');
const published = worker.replace(line, `const ASSETS = { ${fields} };`);
writeFileSync(workerPath, published);
const publishedMinified = minified(published, 'worker.js');
const hashedWorker = `worker.${createHash('sha256').update(publishedMinified).digest('hex').slice(0, 12)}.js`;
writeFileSync(path.join(site, hashedWorker), publishedMinified);
const panelPath = path.join(site, 'widget', 'panel.js');
const panel = readFileSync(panelPath, 'utf8');
const workerLine = /^const WORKER = '[^'\n]*';$/m;
if (!workerLine.test(panel)) {
  console.error(`${panelPath}: no "const WORKER = '...';" line to rewrite`);
  process.exit(1);
}
writeFileSync(panelPath, panel.replace(workerLine, `const WORKER = '${hashedWorker}';`));
console.log(`${hashedWorker} (widget/panel.js names it) loads ${Object.values(named).join(', ')}`);
