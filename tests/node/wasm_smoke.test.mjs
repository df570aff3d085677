// The WebAssembly module under Node: opens the sample KB's public index and
// answers a Chinese and an English query with the right article.
// Run by CTest with FIRSTLINE_MODULE (firstline-core.js) and FIRSTLINE_PUBLIC_INDEX set.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const modulePath = process.env.FIRSTLINE_MODULE;
const indexPath = process.env.FIRSTLINE_PUBLIC_INDEX;
let call;
let files;

before(async () => {
  assert.ok(modulePath && indexPath, 'FIRSTLINE_MODULE and FIRSTLINE_PUBLIC_INDEX must be set');
  const createFirstline = createRequire(import.meta.url)(modulePath);
  const Module = await createFirstline();
  // The widget gives a whole index file to the module the same way (web/worker.js).
  files = Module.files;
  files.put('/public.db', new Uint8Array(readFileSync(indexPath)));
  const raw = Module.call;
  call = (request) => JSON.parse(raw(JSON.stringify({ api: 1, ...request })));
});

test('the module reports its API and index format versions', () => {
  const response = call({ op: 'version' });
  assert.equal(response.ok, true);
  assert.equal(response.result.api, 1);
  assert.equal(response.result.index_format, 7);
});

test('opening the public index reports the public build', () => {
  const response = call({ op: 'open', path: '/public.db' });
  assert.equal(response.ok, true, JSON.stringify(response));
  assert.equal(response.result.build.artifact, 'public');
});

test('a Chinese query finds the parcel tracking article', () => {
  const response = call({ op: 'search', query: '我的快递到哪了', limit: 3 });
  assert.equal(response.ok, true);
  const ids = response.result.hits.map((h) => h.id);
  assert.ok(ids.includes('parcel-where'), `top 3 were ${ids}`);
});

test('an English query finds the English refund article', () => {
  const response = call({ op: 'search', query: 'when will I get my refund', limit: 3 });
  assert.equal(response.ok, true);
  const ids = response.result.hits.map((h) => h.id);
  assert.ok(ids.includes('refund-status-en'), `top 3 were ${ids}`);
});

test('a missing index gives a structured error, not a crash', () => {
  const response = call({ op: 'open', path: '/nowhere.db' });
  assert.equal(response.ok, false);
  assert.equal(response.error.code, 'index_missing');
});

test('a truncated index gives index_corrupt, and the module keeps working', () => {
  const bytes = readFileSync(indexPath);
  files.put('/half.db', new Uint8Array(bytes.subarray(0, bytes.length >> 1))); // a download cut in half
  const response = call({ op: 'open', path: '/half.db' });
  assert.equal(response.ok, false);
  assert.equal(response.error.code, 'index_corrupt', JSON.stringify(response));
  assert.equal(call({ op: 'open', path: '/public.db' }).ok, true);
});

test('a pasted query of 1.5 million characters is answered, and so is the next call', () => {
  assert.equal(call({ op: 'open', path: '/public.db' }).ok, true);
  const paste = '我的快递到哪了'.repeat(220000);  // 1.54 million characters, 4.6 MB of UTF-8
  const response = call({ op: 'ask', query: paste });
  assert.equal(response.ok, true, JSON.stringify(response).slice(0, 300));
  const next = call({ op: 'ask', query: '退款多久到账' });
  assert.equal(next.ok, true, JSON.stringify(next).slice(0, 300));
  assert.equal(call({ op: 'handoff' }).ok, true);
});

test('the agent index is refused where the public one belongs, and each opens when asked for by name', () => {
  files.put('/agent.db', new Uint8Array(readFileSync(indexPath.replace(/public\.db$/, 'agent.db'))));
  const refused = call({ op: 'open', path: '/agent.db' });
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, 'index_wrong_artifact');
  assert.equal(call({ op: 'open', path: '/agent.db', artifact: 'agent' }).result.build.artifact, 'agent');
  assert.equal(call({ op: 'open', path: '/public.db' }).ok, true);
});
