// The public index as published (firstline-index build's web/ folder), read
// by need through web/index-reader.js as the widget's worker reads it: the
// module opens it from the start chunk alone, answers exactly as from the
// whole file, and a chunk that fails or belongs to another build is reported
// as such, never as a wrong answer, and never breaks the next call.
// Run by CTest with FIRSTLINE_MODULE, FIRSTLINE_PUBLIC_INDEX, FIRSTLINE_WEB_INDEX and FIRSTLINE_INDEXER set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, mkdirSync, cpSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ChunkedIndex, mountChunkedIndex } = require('../../web/index-reader.js');
const createFirstline = require(process.env.FIRSTLINE_MODULE);
const webDir = process.env.FIRSTLINE_WEB_INDEX;
const queries = readFileSync(new URL('../fixtures/sample-queries.txt', import.meta.url), 'utf8')
  .split('\n').filter((line) => line.trim());

/** A module with the published index at `dir` mounted; `network.down` makes every fetch fail. */
async function openPublished(dir, network = { down: false }) {
  const Module = await createFirstline();
  const entryUrl = pathToFileURL(join(dir, 'firstline-index.json')).href;
  const fetched = [];
  const roundOf = new Map();  // url -> the probe round that fetched it
  let index;
  const load = (url) => {
    if (network.down) throw new Error('net::ERR_INTERNET_DISCONNECTED');
    fetched.push(url);
    roundOf.set(url, index ? index.rounds : 0);
    return new Uint8Array(readFileSync(fileURLToPath(url)));
  };
  index = new ChunkedIndex(JSON.parse(readFileSync(fileURLToPath(entryUrl), 'utf8')),
    { entryUrl, loadSync: load, loadAsync: async (url) => load(url) });
  await index.prefetch();
  mountChunkedIndex(Module.files, '/index.db', index);
  const raw = Module.call;
  const run = (request) => JSON.parse(raw(JSON.stringify({ api: 1, ...request })));
  // As the worker calls: by need, in probe rounds (index.call).
  const call = (request) => index.call(run, request);
  return { index, call, fetched, roundOf };
}

async function openWhole(path = process.env.FIRSTLINE_PUBLIC_INDEX) {
  const Module = await createFirstline();
  Module.files.put('/public.db', new Uint8Array(readFileSync(path)));
  const raw = Module.call;
  const call = (request) => JSON.parse(raw(JSON.stringify({ api: 1, ...request })));
  assert.equal(call({ op: 'open', path: '/public.db' }).ok, true);
  return call;
}

test('opening reads the start chunk alone, and every query answers exactly as from the whole file', async () => {
  const { index, call } = await openPublished(webDir);
  const opened = await call({ op: 'open', path: '/index.db' });
  assert.equal(opened.ok, true, JSON.stringify(opened));
  assert.equal(opened.result.build.artifact, 'public');
  assert.equal(index.stats.chunks, 1, 'opening fetched no chunk besides the start chunk');
  const whole = await openWhole();
  const perQuery = [];
  for (const query of queries) {
    const before = index.stats.chunks;
    const rounds = index.rounds;
    for (const request of [{ op: 'reset' }, { op: 'hints', text: query.slice(0, 2) }, { op: 'hints', text: query.slice(0, -1) },
      { op: 'ask', query }, { op: 'hints', text: '' }]) {
      assert.deepEqual(await call(request), whole(request), `${request.op} ${query}`);
    }
    perQuery.push(`${index.stats.chunks - before}/${index.rounds - rounds}`);
  }
  const total = index.entry.chunks;
  console.log(`# chunks fetched / probe rounds per query (of ${total} chunks): ${perQuery.join(' ')}; ` +
              `${index.stats.chunks} chunks, ${index.stats.bytes} bytes in all`);
  assert.ok(index.stats.chunks < total, 'the sample queries together read part of the index, not all of it');
});

/**
 * A KB whose common words' postings span several leaves (indexer/src/web_bundle.h:
 * run files), built in a new folder `dir`: its public.db and web/ are in dir/out.
 */
function buildKbWithRunFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-runs-'));
  const set = join(dir, 'set');
  const kb = join(dir, 'kb');
  mkdirSync(set);
  const topics = ['parcel tracking', 'refund status', 'invoice copy', 'change address'];
  const lines = topics.flatMap((topic, i) => Array.from({ length: 1500 },
    (_, n) => JSON.stringify({ text: `please ${topic} ${n} for my order`, intent: `t${i}` })));
  writeFileSync(join(set, 'train.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(join(set, 'intents.json'), JSON.stringify(topics.map((topic, i) => ({ id: `t${i}`, label: topic }))));
  const indexer = (...args) => execFileSync(process.env.FIRSTLINE_INDEXER, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  indexer('convert-dataset', set, '--out', kb);
  indexer('build', kb, '--out', join(dir, 'out'), '--quiet', '--dictionary', 'none');
  const entry = JSON.parse(readFileSync(join(dir, 'out', 'web', 'firstline-index.json'), 'utf8'));
  assert.ok(entry.runs >= 1, 'the case needs a run file');
  return dir;
}

test('a word of thousands of examples is read from its run file in one request, and answers as the whole file', async () => {
  const dir = buildKbWithRunFiles();
  try {
    const web = join(dir, 'out', 'web');
    const { index, call, fetched, roundOf } = await openPublished(web);
    assert.equal((await call({ op: 'open', path: '/index.db' })).ok, true);
    const whole = await openWhole(join(dir, 'out', 'public.db'));
    // A cold question's common words: their pieces (run files) and the
    // examples' lengths come in the same round as the words' entries, not
    // one round after (the table of terms in pieces is read at opening:
    // example_table.cpp, full_postings).
    const before = fetched.length;
    const firstRound = index.rounds;
    assert.deepEqual(await call({ op: 'ask', query: 'please track my order' }), whole({ op: 'ask', query: 'please track my order' }));
    const asked = fetched.slice(before);
    const asked_runs = asked.filter((url) => /\/r\d+\.bin$/.test(url));
    assert.ok(asked_runs.length >= 2, `the words' pieces and the lengths are run files: ${asked.join(' ')}`);
    for (const url of asked_runs) assert.equal(roundOf.get(url), firstRound + 1, `${url} in the question's first round`);
    console.log(`# a cold question on 6,000 examples: ${asked.length} requests in ${index.rounds - firstRound} rounds`);
    await call({ op: 'reset' });
    whole({ op: 'reset' });
    for (const query of ['please track my order', 'refund status for my order', 'my order', 'invoice 12 copy please']) {
      for (const request of [{ op: 'reset' }, { op: 'ask', query }]) {
        assert.deepEqual(await call(request), whole(request), `${request.op} ${query}`);
      }
    }
    const runFiles = fetched.filter((url) => /\/r\d+\.bin$/.test(url));
    assert.ok(runFiles.length >= 1, 'the common words were read from run files');
    for (const url of fetched) {
      const chunk = Number((url.match(/\/(\d+)\.bin$/) || [])[1]);
      if (Number.isInteger(chunk)) assert.equal(index.runOf(chunk), -1, `${url} is in a run: only its run file is fetched`);
    }
    assert.ok(index.cache.size > fetched.length, `${fetched.length} requests brought ${index.cache.size} chunks`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a chunk that cannot be fetched mid-session is reported as index_unavailable, and the next call answers', async () => {
  const network = { down: false };
  const { call } = await openPublished(webDir, network);
  assert.equal((await call({ op: 'open', path: '/index.db' })).ok, true);
  network.down = true;
  const failed = await call({ op: 'ask', query: '我的快递到哪了' });
  assert.equal(failed.ok, false);
  assert.equal(failed.error.code, 'index_unavailable', JSON.stringify(failed));
  assert.match(failed.error.message, /ERR_INTERNET_DISCONNECTED/);
  network.down = false;
  const answered = await call({ op: 'ask', query: '我的快递到哪了' });
  assert.equal(answered.ok, true, JSON.stringify(answered));
  assert.equal(answered.result.decision.articles[0]?.id, 'parcel-where');
});

test('the recent chunks kept as one record let the next page view answer the same question without a fetch', async () => {
  const first = await openPublished(webDir);
  assert.equal((await first.call({ op: 'open', path: '/index.db' })).ok, true);
  const asked = await first.call({ op: 'ask', query: '我的快递到哪了' });
  assert.equal(asked.ok, true, JSON.stringify(asked));
  const record = first.index.recent(512 * 1024);
  assert.ok(first.index.cache.size > 1, 'the question read chunks');

  const next = await openPublished(webDir);
  assert.equal(next.index.restore(record), first.index.cache.size, 'every chunk the question read comes back');
  assert.equal((await next.call({ op: 'open', path: '/index.db' })).ok, true);
  const before = next.fetched.length;
  assert.deepEqual(await next.call({ op: 'ask', query: '我的快递到哪了' }), asked);
  assert.deepEqual(next.fetched.slice(before), [], 'the second view fetched nothing for the question');

  // A record bounded in bytes keeps the most recently used chunks.
  const small = first.index.recent(2 * first.index.blockSize);
  const recentTwo = [...first.index.cache.keys()].slice(-2);
  const bounded = await openPublished(webDir);
  assert.equal(bounded.index.restore(small), 2);
  assert.deepEqual([...bounded.index.cache.keys()], recentTwo);
});

test('a record of recent chunks of another build, cut short or damaged adds nothing to the cache', async () => {
  const { index } = await openPublished(webDir);
  await index.prefetch([0, 1, 2]);
  const record = index.recent(512 * 1024);
  const otherBuild = record.slice();
  otherBuild[4] = otherBuild[4] === 0x30 ? 0x31 : 0x30;
  const damaged = record.slice();
  damaged[record.length - 100] ^= 0x01;
  const fresh = await openPublished(webDir);
  for (const [what, bytes] of [['another build', otherBuild], ['cut short', record.subarray(0, record.length - 1)],
    ['damaged', damaged], ['empty', new Uint8Array(0)], ['not bytes', 'FLRC'], ['nothing', null]]) {
    assert.equal(fresh.index.restore(bytes), 0, what);
    assert.equal(fresh.index.cache.size, 0, what);
  }
  assert.equal(fresh.index.restore(record), index.cache.size, 'the record itself');
});

test('a run file fetched again while some of its chunks are still cached counts each chunk once against the bound', async () => {
  const dir = buildKbWithRunFiles();
  try {
    const { index } = await openPublished(join(dir, 'out', 'web'));
    const run = index.runFirsts[0];
    assert.ok(index.runCounts[0] >= 2);
    await index.prefetch([run]);
    const counted = () => [...index.cache.values()].reduce((sum, data) => sum + data.length, 0);
    assert.equal(index.cachedBytes, counted());
    index.cache.delete(run);  // as if evicted: the rest of its run stays
    index.cachedBytes -= index.blockSize;
    await index.prefetch([run]);
    assert.equal(index.cachedBytes, counted(), 'the chunks still here are not counted twice');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a chunk of another build (a half-published update) is reported as index_mismatch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-mixed-'));
  try {
    cpSync(webDir, dir, { recursive: true });
    const entry = JSON.parse(readFileSync(join(dir, 'firstline-index.json'), 'utf8'));
    const folder = join(dir, entry.folder);
    // Every block chunk rewritten as if by another build: same number, other build id.
    for (const name of readdirSync(folder).filter((n) => n !== 's.bin')) {
      const bytes = readFileSync(join(folder, name));
      bytes[8] = bytes[8] === 0x30 ? 0x31 : 0x30;
      writeFileSync(join(folder, name), bytes);
    }
    const { call } = await openPublished(dir);
    assert.equal((await call({ op: 'open', path: '/index.db' })).ok, true, 'the start chunk is of the build');
    const response = await call({ op: 'ask', query: '我的快递到哪了' });
    assert.equal(response.ok, false);
    assert.equal(response.error.code, 'index_mismatch', JSON.stringify(response));
    assert.match(response.error.message, /another build/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the start chunk holds its blocks byte for byte, branch blocks packed to less than half their size', async () => {
  const { index } = await openPublished(webDir);
  const file = readFileSync(process.env.FIRSTLINE_PUBLIC_INDEX);
  const size = index.blockSize;
  let branches = 0;
  index.start.forEach((block, slot) => {
    const expected = file.subarray(block * size, (block + 1) * size);
    assert.ok(Buffer.from(index.startChunk.subarray(slot * size, (slot + 1) * size)).equals(expected), `block ${block}`);
    if (block !== 0 && expected[4] !== 0) branches += 1;
  });
  assert.ok(branches > 0, 'the sample index has branch blocks in its start chunk');
  const published = readFileSync(join(webDir, index.entry.folder, 's.bin')).length;
  assert.ok(published < 20 + index.start.length * size - branches * size / 2,
    `${published} bytes for ${index.start.length} blocks of which ${branches} branch blocks`);
});

test('a start chunk whose packed blocks are cut short is reported as index_mismatch, not read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-cut-'));
  try {
    cpSync(webDir, dir, { recursive: true });
    const entry = JSON.parse(readFileSync(join(dir, 'firstline-index.json'), 'utf8'));
    const name = join(dir, entry.folder, 's.bin');
    const bytes = readFileSync(name);
    const cut = Buffer.concat([bytes.subarray(0, bytes.length - 4 - 8 * entry.runs - 9), bytes.subarray(bytes.length - 4 - 8 * entry.runs)]);
    // A consistent checksum: only the packing is wrong (web_bundle.h: FNV-1a 32 of the payload).
    let h = 0x811c9dc5;
    for (const byte of cut.subarray(20)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    cut.writeUInt32BE(h, 16);
    writeFileSync(name, cut);
    await assert.rejects(openPublished(dir),
      (error) => error.code === 'index_mismatch' && /does not hold the blocks its entry names/.test(error.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a start chunk damaged anywhere, its checksum made to match, is refused or read, never a crash of the reader', () => {
  const entry = JSON.parse(readFileSync(join(webDir, 'firstline-index.json'), 'utf8'));
  const original = readFileSync(join(webDir, entry.folder, 's.bin'));
  let seed = 12345;
  const random = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
  let refused = 0;
  for (let trial = 0; trial < 300; trial++) {
    const bytes = Buffer.from(original);
    for (let k = 1 + random(3); k > 0; k--) bytes[20 + random(bytes.length - 20)] = random(256);
    let h = 0x811c9dc5;
    for (const byte of bytes.subarray(20)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    bytes.writeUInt32BE(h, 16);
    const index = new ChunkedIndex(entry, { entryUrl: pathToFileURL(join(webDir, 'firstline-index.json')).href, loadSync: () => null, loadAsync: async () => null });
    try {
      index.load(0xffffffff, new Uint8Array(bytes));
    } catch (error) {
      assert.equal(error.code, 'index_mismatch', String(error && error.stack));
      refused += 1;
      continue;
    }
    assert.equal(index.startChunk.length, index.start.length * index.blockSize);  // read: the blocks' bytes, whatever they now say
  }
  assert.ok(refused > 0, 'some damage is caught by the unpacking itself');
});

test('an entry that names another artifact than the public index is refused before anything is read', () => {
  const entry = JSON.parse(readFileSync(join(webDir, 'firstline-index.json'), 'utf8'));
  assert.equal(entry.artifact, 'public');
  const fetched = [];
  const load = (url) => { fetched.push(url); return new Uint8Array(0); };
  assert.throws(() => new ChunkedIndex({ ...entry, artifact: 'agent' }, { entryUrl: 'x/firstline-index.json', loadSync: load, loadAsync: load }),
    (error) => error.code === 'index_wrong_artifact' && /not the public one/.test(error.message));
  assert.deepEqual(fetched, []);
});
