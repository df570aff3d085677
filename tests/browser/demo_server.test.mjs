// The demo server serves as a static host or CDN should (web/demo/serve.mjs):
// compressed when the browser accepts it, validated by ETag, content-hashed
// names cached for good, and nothing outside its folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), '../../web/demo/serve.mjs');
const script = 'export const answer = 42;\n'.repeat(200);
let root, server, base;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'firstline-serve-'));
  writeFileSync(join(root, 'app.js'), script);
  writeFileSync(join(root, 'chunk.0123abcd.db'), Buffer.alloc(5000, 7));
  writeFileSync(join(root, 'logo.png'), Buffer.alloc(3000, 1));
  mkdirSync(join(root, 'public.0123456789abcdef'));
  writeFileSync(join(root, 'public.0123456789abcdef', '3.bin'), Buffer.alloc(8000, 3));
  writeFileSync(join(root, 'firstline-index.json'), '{"build": "0123456789abcdef"}');
  server = spawn(process.execPath, [SERVER, '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve) => server.stdout.on('data', (line) => {
    const match = /http:\/\/[0-9.:]+\//.exec(String(line));
    if (match) resolve(match[0]);
  }));
});
after(() => {
  server.kill();
  rmSync(root, { recursive: true, force: true });
  rmSync(`${root}-secret`, { recursive: true, force: true });
});

/** GET with the request line's path exactly as given (no URL normalising) and any Host. */
function raw(path, headers = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, headers }, (response) => {
      const parts = [];
      response.on('data', (part) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(parts) }));
    }).on('error', reject).end();
  });
}

/** GET `path` with `headers`; resolves to {status, headers, body (raw bytes)}. */
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    request(new URL(path, base), { headers }, (response) => {
      const parts = [];
      response.on('data', (part) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(parts) }));
    }).on('error', reject).end();
  });
}

test('a script is sent with brotli or gzip, whichever the browser accepts', async () => {
  const br = await get('/app.js', { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(br.body).toString(), script);
  assert.ok(br.body.length < script.length / 10);
  const gzip = await get('/app.js', { 'Accept-Encoding': 'gzip' });
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gzip.body).toString(), script);
  const plain = await get('/app.js');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body.toString(), script);
  assert.equal(plain.headers.vary, 'Accept-Encoding');
});

test('a repeat request with the ETag costs a 304 and no body', async () => {
  const first = await get('/app.js');
  assert.match(first.headers.etag, /^"[A-Za-z0-9_-]+"$/);
  assert.equal(first.headers['cache-control'], 'no-cache');
  const again = await get('/app.js', { 'If-None-Match': first.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.ok(again.headers['content-security-policy']);
});

test('a content-hashed file is cached for a year and never revalidated', async () => {
  const chunk = await get('/chunk.0123abcd.db', { 'Accept-Encoding': 'gzip' });
  assert.equal(chunk.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(chunk.headers['content-encoding'], 'gzip');
  // A published index: its build's folder is immutable, its entry file
  // revalidated, in the background on a repeat view.
  const block = await get('/public.0123456789abcdef/3.bin', { 'Accept-Encoding': 'br' });
  assert.equal(block.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(block.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(block.body).length, 8000);
  assert.equal((await get('/firstline-index.json')).headers['cache-control'], 'max-age=0, stale-while-revalidate=604800');
});

test('an image is not compressed again, and nothing outside the folder is served', async () => {
  const png = await get('/logo.png', { 'Accept-Encoding': 'gzip, br' });
  assert.equal(png.headers['content-encoding'], undefined);
  assert.equal(png.body.length, 3000);
  assert.notEqual((await get('/%2e%2e/%2e%2e/etc/passwd')).status, 200);
  assert.equal((await get('/missing.js')).status, 404);
});

// Issue 15: what an attacker tries in an afternoon. Each answer is a clear
// status with the page protections, and the server stays up for the next.
test('malformed paths get a 400 and the server stays up', async () => {
  for (const path of ['/%', '/%E0%A4%A', '//host%2f..', '/app.js%00.png']) {
    const answer = await raw(path);
    assert.equal(answer.status, 400, path);
    assert.ok(answer.headers['content-security-policy'], `${path}: CSP on an error too`);
    assert.equal(answer.headers['x-content-type-options'], 'nosniff', path);
  }
  assert.equal((await get('/app.js')).status, 200, 'still serving');
});

test('nothing outside the folder is served, not even a sibling folder whose name it starts', async () => {
  mkdirSync(`${root}-secret`, { recursive: true });
  writeFileSync(join(`${root}-secret`, 'secret.txt'), 'secret');
  const sibling = await raw(`/..%2f${basename(root)}-secret/secret.txt`);
  assert.notEqual(sibling.status, 200);
  assert.ok(!sibling.body.toString().includes('secret'), 'the sibling file is not sent');
  const missing = await get('/missing.js');
  assert.equal(missing.status, 404);
  assert.ok(missing.headers['content-security-policy']);
  assert.equal(missing.headers['x-content-type-options'], 'nosniff');
});

test('no redirect leaves the site, and another Host (DNS rebinding) is refused', async () => {
  for (const path of ['/%2f%2fevil.example/', '/%2F%2Fevil.example/public.0123456789abcdef', '//evil.example/']) {
    const answer = await raw(path);
    const location = answer.headers.location || '';
    assert.ok(!location.startsWith('//') && !/^[a-z]+:/i.test(location), `${path} redirected to ${location}`);
  }
  const rebound = await raw('/app.js', { Host: 'evil.example' });
  assert.equal(rebound.status, 421);
  assert.equal((await raw('/app.js', { Host: 'localhost' })).status, 200);
});

test('without a desk behind it, the site\'s /api/ is a plain 404', async () => {
  const answer = await raw('/api/handoffs');
  assert.equal(answer.status, 404);
  assert.match(answer.body.toString(), /no handoff desk/);
});
