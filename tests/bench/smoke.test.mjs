// The benchmark in small, so it cannot silently rot: a few hundred clinc150 questions and
// 20 queries through every engine (firstline's module included), the browser pages for
// each engine, and the report writer. The full run is scripts/bench.sh (not a test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH = path.join(ROOT, 'bench');
const work = path.join(os.tmpdir(), `firstline-bench-smoke-${process.pid}`);
const setDir = path.join(work, 'clinc150-small');
let results;
let report;

function datasets() {
  for (const dir of [path.resolve(ROOT, '..', 'shared', 'datasets'), '/work/shared/datasets'])
    if (existsSync(path.join(dir, 'clinc150', 'train.jsonl'))) return dir;
  throw new Error('clinc150 not found in ../shared/datasets');
}

const readLines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const even = (items, n) => Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);

before(() => {
  assert.ok(existsSync(path.join(BENCH, 'node_modules', 'minisearch')), 'bench/node_modules is missing: run scripts/setup.sh');
  const source = path.join(datasets(), 'clinc150');
  // 300 questions spread over the intents, and 18 in-scope + 2 out-of-scope queries on them.
  const train = even(readLines(path.join(source, 'train.jsonl')), 300);
  const intents = new Set(train.map((r) => r.intent));
  const dev = readLines(path.join(source, 'dev.jsonl'));
  const queries = [...even(dev.filter((q) => intents.has(q.intent)), 18), ...even(dev.filter((q) => q.intent === 'oos'), 2)];
  rmSync(work, { recursive: true, force: true });
  mkdirSync(setDir, { recursive: true });
  writeFileSync(path.join(setDir, 'train.jsonl'), train.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(path.join(setDir, 'dev.jsonl'), queries.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const env = { ...process.env, NODE_OPTIONS: '', BENCH_BROWSER_REPEATS: '1' };
  execFileSync(process.execPath, [path.join(BENCH, 'bench.mjs'), setDir, '--smoke', '--warmup', '2', '--work', path.join(work, 'out')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 540000,
  });
  results = JSON.parse(readFileSync(path.join(work, 'out', 'results.json'), 'utf8'));
  report = readFileSync(path.join(work, 'out', 'REPORT.md'), 'utf8');
});

after(() => rmSync(work, { recursive: true, force: true }));

const ENGINES = ['firstline', 'minisearch', 'flexsearch', 'lunr', 'orama', 'pagefind'];

test('every engine builds an index and answers the queries', () => {
  const [set] = results.sets;
  assert.deepEqual(set.engines.map((e) => e.engine), ENGINES);
  for (const e of set.engines) {
    assert.equal(e.queries, 20, e.engine);
    assert.ok(e.index.raw > 0 && e.index.gzip > 0, `${e.engine} has an index`);
    assert.ok(e.latency.p50 > 0, `${e.engine} was timed`);
    assert.ok(e.noResult < 1, `${e.engine} found something`);
    assert.ok(set.code[e.engine].gzip > 0, `${e.engine} has code`);
  }
});

test('the engines are right often enough that the measurement means something', () => {
  for (const e of results.sets[0].engines) {
    if (e.engine === 'pagefind') continue; // Pagefind needs every query word in a record
    assert.ok(e.top3 >= 0.3, `${e.engine} top-3 ${e.top3}`);
  }
  const firstline = results.sets[0].engines.find((e) => e.engine === 'firstline');
  assert.ok(firstline.top1 >= 0.6, `firstline top-1 ${firstline.top1}`);
});

test('out-of-scope measures exist for every engine on a set with oos queries', () => {
  for (const e of results.sets[0].engines) {
    assert.ok(e.oos, e.engine);
    assert.ok(e.oos.oosRecall >= 0 && e.oos.oosRecall <= 1);
  }
});

test('every engine\'s browser page loads its code and index and answers', () => {
  const pages = results.browser.pages;
  assert.equal(pages.length, 2 * ENGINES.length);
  for (const p of pages) {
    assert.ok(p.ok, `${p.kb} ${p.engine}: ${p.error}`);
    assert.ok(p.bytes.code > 0 && p.bytes.index > 0, `${p.kb} ${p.engine} counted its bytes`);
    assert.ok(p.firstAnswerMs > 0);
  }
  const sample = pages.filter((p) => p.kb === 'sample');
  assert.ok(sample.find((p) => p.engine === 'firstline').answer, 'firstline answers on the sample KB');
});

test('the report has a row for every engine', () => {
  for (const label of ['firstline (wasm)', 'MiniSearch', 'FlexSearch', 'Lunr', 'Orama', 'Pagefind']) assert.match(report, new RegExp(`\\| ${label.replace(/[()]/g, '\\$&')} \\|`));
  assert.match(report, /## In the browser/);
});
