// A new visitor's first question, counted in chunks: for a published index
// (firstline-index build's web/ folder), each of N dev questions is asked by a
// fresh reader with an empty cache, as the widget's worker reads by need
// (web/index-reader.js, probe rounds), and the script prints what each
// question fetched beyond the start chunk: chunks, gzip bytes and probe
// rounds (medians and the 90th percentile), and the same for the first two
// keystrokes' hints. No browser and no network: it counts requests and bytes,
// the figures loading time follows; bench/loading.mjs times them in Chromium.
//   node bench/cold-queries.mjs WEB_DIR DEV_JSONL [--n 40] [--json OUT] [--explain]
// --explain also says what the first question's chunks hold, by the first key
// of each leaf (the index's metadata entries by kind, article postings, ...).
// Needs the module built by scripts/build.sh (build-wasm/).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ROOT } from './lib/paths.mjs';
import { findModule } from './lib/firstline.mjs';

const require = createRequire(import.meta.url);
const { ChunkedIndex, mountChunkedIndex } = require(path.join(ROOT, 'web', 'index-reader.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const VALUED = new Set(['--n', '--json']);  // the options that take a value
const [webDir, devFile] = args.filter((a, i) => !a.startsWith('--') && !VALUED.has(args[i - 1]));
if (!webDir || !devFile) {
  console.error('usage: node bench/cold-queries.mjs WEB_DIR DEV_JSONL [--n 40] [--json OUT]');
  process.exit(2);
}
const N = Number(option('n', '40'));
const createFirstline = require(findModule().js);
const entryUrl = pathToFileURL(path.resolve(webDir, 'firstline-index.json')).href;
const entry = JSON.parse(readFileSync(fileURLToPath(entryUrl), 'utf8'));
const questions = readFileSync(devFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text).slice(0, N);

const gzipped = new Map();  // url -> gzip bytes, as a static host sends it
function load(url) {
  const bytes = new Uint8Array(readFileSync(fileURLToPath(url)));
  if (!gzipped.has(url)) gzipped.set(url, gzipSync(bytes, { level: 6 }).length);
  return bytes;
}

/** One cold reader: a module, the start chunk, counters of what each call fetched. */
async function coldReader() {
  const Module = await createFirstline();
  const fetched = [];
  const note = (url) => fetched.push(url);
  const index = new ChunkedIndex(entry, {
    entryUrl,
    loadSync: (url) => (note(url), load(url)),
    loadAsync: async (url) => (note(url), load(url)),
  });
  await index.prefetch();
  mountChunkedIndex(Module.files, '/index.db', index);
  const run = (request) => JSON.parse(Module.call(JSON.stringify({ api: 1, ...request })));
  const opened = await index.call(run, { op: 'open', path: '/index.db' });
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  fetched.length = 0;
  return {
    async measure(request) {
      const before = fetched.length;
      const rounds = index.rounds;
      const response = await index.call(run, request);
      if (!response.ok) throw new Error(JSON.stringify(response.error));
      const urls = fetched.slice(before);
      if (args.includes('--explain')) {
        for (const u of urls) {
          for (const [k, leafBytes] of kindsOf(u)) {
            const seen = explained.get(k) || { leaves: 0, bytes: 0 };
            explained.set(k, { leaves: seen.leaves + 1, bytes: seen.bytes + leafBytes });
          }
        }
      }
      return { chunks: urls.length, bytes: urls.reduce((sum, u) => sum + gzipped.get(u), 0), rounds: index.rounds - rounds };
    },
  };
}

/** What a fetched chunk's leaves hold, by the first key of each (glass: level at byte 4, directory from 11),
 * each with its own gzip size (a chunk of several leaves compresses about as its leaves one by one). */
function kindsOf(url) {
  const bytes = new Uint8Array(readFileSync(fileURLToPath(url))).subarray(20);
  const kinds = [];
  for (let at = 0; at + entry.block_size <= bytes.length; at += entry.block_size) {
    const b = bytes.subarray(at, at + entry.block_size);
    const kind = (name) => kinds.push([name, gzipSync(b, { level: 6 }).length]);
    if (b[4] !== 0) { kind('branch'); continue; }
    const item = (b[11] << 8) | b[12];
    const key = Buffer.from(b.subarray(item + 3, item + 3 + b[item + 2])).toString('latin1');
    if (key.startsWith('\x00\xc0firstline:')) {
      const name = key.slice(12);
      const found = [['a:', 'a word\'s entries (intent model, example postings, article frequencies)'], ['ex:r:', 'example rows'],
        ['ex:w:', 'example idf totals'], ['ex:v:', 'verbatim'], ['h:', 'hints'], ['i', 'intents']]
        .find(([prefix]) => name.startsWith(prefix));
      kind(found ? found[1] : `metadata ${name.slice(0, 8)}`);
    } else if (key.startsWith('\x00\xc0')) kind('metadata');
    else if (key.startsWith('\x00\xe0')) kind('document lengths');
    else if (/^[\x20-\x7e\x80-\xff]/.test(key) && key.length > 1) kind('article postings or spelling');
    else kind('documents or term lists');
  }
  return kinds;
}

const pick = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))];
};
const summary = (rows) => Object.fromEntries(['chunks', 'bytes', 'rounds'].map((k) => {
  const v = rows.map((r) => r[k]);
  return [k, { p50: pick(v, 0.5), p90: pick(v, 0.9), max: Math.max(...v) }];
}));

const explained = new Map();  // with --explain: leaves fetched by the questions' asks, by kind
const asks = [];
const keystrokes = [];
for (const question of questions) {
  const typing = await coldReader();
  const chars = [...question];
  const first = await typing.measure({ op: 'hints', text: chars.slice(0, 1).join('') });
  const second = await typing.measure({ op: 'hints', text: chars.slice(0, 2).join('') });
  keystrokes.push({ chunks: first.chunks + second.chunks, bytes: first.bytes + second.bytes, rounds: first.rounds + second.rounds });
  asks.push(await (await coldReader()).measure({ op: 'ask', query: question }));
}
const startBytes = gzipSync(readFileSync(path.resolve(webDir, entry.folder, 's.bin'))).length;
const result = {
  index: webDir, questions: questions.length, chunk_count: entry.chunks, block_size: entry.block_size,
  start_chunk_gzip_bytes: startBytes, ask: summary(asks), first_two_keystrokes: summary(keystrokes),
};
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
console.log(`${webDir}: start chunk ${kib(startBytes)} gzip; ${entry.chunks} chunks of ${entry.block_size * entry.blocks_per_chunk} bytes`);
for (const [name, s] of [['first question (ask), cold', result.ask], ['first two keystrokes (hints), cold', result.first_two_keystrokes]]) {
  console.log(`  ${name}: chunks p50 ${s.chunks.p50} p90 ${s.chunks.p90}; gzip p50 ${kib(s.bytes.p50)} p90 ${kib(s.bytes.p90)}; ` +
              `rounds p50 ${s.rounds.p50} p90 ${s.rounds.p90} (${questions.length} questions)`);
}
if (explained.size) {
  const hold = [...explained].sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([k, n]) => `${k} ${(n.leaves / questions.length).toFixed(1)} (${kib(n.bytes / questions.length)})`);
  console.log(`  leaves per question (gzip each), by what they hold (first two keystrokes and ask): ${hold.join(', ')}`);
}
const out = option('json', null);
if (out) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
