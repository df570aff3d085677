// The WebAssembly module gives the same decisions as the native core for a
// fixed set of queries (tests/fixtures/sample-queries.txt).
// Run by CTest with FIRSTLINE_MODULE, FIRSTLINE_PUBLIC_INDEX and FIRSTLINE_CLI set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const queriesFile = new URL('../fixtures/sample-queries.txt', import.meta.url);
const queries = readFileSync(queriesFile, 'utf8').split('\n').filter((line) => line.trim());

test('every sample query gets the same decision from the module as from the native core', async () => {
  const indexPath = process.env.FIRSTLINE_PUBLIC_INDEX;
  // Native: one fresh session per query, as the module below.
  const native = queries.map((query) => JSON.parse(execFileSync(process.env.FIRSTLINE_CLI,
    ['ask', indexPath, query, '--json'], { encoding: 'utf8' })));

  const createFirstline = createRequire(import.meta.url)(process.env.FIRSTLINE_MODULE);
  const Module = await createFirstline();
  Module.files.put('/public.db', new Uint8Array(readFileSync(indexPath)));
  const call = Module.call;
  const request = (r) => JSON.parse(call(JSON.stringify({ api: 1, ...r })));
  assert.equal(request({ op: 'open', path: '/public.db' }).ok, true);

  queries.forEach((query, i) => {
    request({ op: 'reset' });
    const response = request({ op: 'ask', query });
    assert.equal(response.ok, true, query);
    const wasm = response.result.decision;
    const expected = native[i];
    assert.equal(wasm.kind, expected.kind, query);
    assert.deepEqual(wasm.intents.map((x) => x.id), expected.intents.map((x) => x.id), query);
    assert.deepEqual(wasm.articles.map((x) => x.id), expected.articles.map((x) => x.id), query);
    assert.deepEqual((wasm.options || []).map((x) => x.intent), (expected.options || []).map((x) => x.intent), query);
    if (expected.escalation) assert.equal(wasm.escalation.channel, expected.escalation.channel, query);
  });
});
