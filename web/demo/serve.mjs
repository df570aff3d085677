// The demo's static server: 127.0.0.1 only, a strict Content-Security-Policy
// on every page, correct types for .wasm and .db. It serves as a plain static
// host or CDN should (README, "Publishing the widget"): compressed (brotli or
// gzip, as the browser accepts) for text, code and index files; a strong ETag
// on every file, so a repeat view costs a 304 per file; a file whose name
// carries a content hash (name.0123abcd.ext) cached for a year, immutable; and
// the widget's code and the index's entry used from the cache at once while
// they revalidate (stale-while-revalidate).
//   node web/demo/serve.mjs --root out/site --port 8080 [--agent-index out/index/agent.db] [--desk http://127.0.0.1:8090]
// --agent-index serves the INTERNAL agent index at /console/agent.db for the
// agent console, only while the server listens on loopback and only to
// loopback clients; it is never part of the public site folder.
// --desk passes /api/ to a handoff desk (desk/README.md), as a site's reverse
// proxy would: the widget's handoffs, events and chat, and the agent
// console's sign-in and queue, reach it from the site's own origin (so the
// strict CSP's connect-src 'self' holds and the agent's session cookie is
// first-party). Only same-origin browser requests are passed on; the desk is
// told the client's address in X-Forwarded-For (its trust_forwarded_for).
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const root = resolve(option('root', 'out/site'));
const port = Number(option('port', '8080'));
const host = '127.0.0.1';
const agentIndex = option('agent-index', '') && resolve(option('agent-index', ''));
const desk = option('desk', '') && new URL(option('desk', ''));
const isLoopback = (address) => /^(127\.|::1$|::ffff:127\.)/.test(address || '');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
  '.db': 'application/octet-stream', '.bin': 'application/octet-stream', '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf',
};
// Worth compressing: everything but images (already compressed).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.db', '.bin', '.svg', '.ttf', '.data', '.ts']);
// name.<8 or more hex digits>.ext, or a file inside such a folder (a published
// index's build, public.<build>/): the content decides the name, so the name never changes meaning.
const CONTENT_HASHED = /\.[0-9a-f]{8,}(\.[a-z0-9]+$|\/)/;
// The widget's own code and the index's entry: a repeat view takes them from
// the cache at once and revalidates them in the background (at most that one
// view uses the previous version; the widget reloads a consistent build if a
// chunk says otherwise, index-reader.js).
const REVALIDATED_IN_BACKGROUND = /^(firstline\.js|worker\.js|widget\/.*\.(js|css)|firstline-index\.(json|start\.bin))$/;

/** The Cache-Control of a file of the site, by its path in it. */
function cacheControl(path) {
  const relativePath = path.split(sep).join('/');
  if (CONTENT_HASHED.test(relativePath)) return 'public, max-age=31536000, immutable';
  if (REVALIDATED_IN_BACKGROUND.test(relativePath)) return 'max-age=0, stale-while-revalidate=604800';
  return 'no-cache';
}

// A file's ETag and compressed forms, kept until the file changes (size or mtime).
const prepared = new Map();
function prepare(file, stat) {
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const known = prepared.get(file);
  if (known && known.stamp === stamp) return known;
  const bytes = readFileSync(file);
  const entry = { stamp, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`, bytes, encoded: {} };
  prepared.set(file, entry);
  return entry;
}
function encoded(entry, encoding) {
  if (!entry.encoded[encoding]) {
    const large = entry.bytes.length > 4 << 20;  // a big KB's index: faster settings, nearly as small
    entry.encoded[encoding] = encoding === 'br'
      ? brotliCompressSync(entry.bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: large ? 5 : 9, [zlib.BROTLI_PARAM_SIZE_HINT]: entry.bytes.length } })
      : gzipSync(entry.bytes, { level: large ? 6 : 9 });
  }
  return entry.encoded[encoding];
}
/** The encoding to send `file` in, from the request's Accept-Encoding: br, gzip or none. */
function pickEncoding(request, file) {
  if (!COMPRESSIBLE.has(extname(file))) return '';
  const accepted = String(request.headers['accept-encoding'] || '').split(',').map((part) => part.trim().split(';')[0]);
  return accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : '';
}

// No inline script or style, no eval; WebAssembly compilation is the one allowance.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** A plain-text answer that carries the same protections as a page. */
function plain(response, status, text, extra = {}) {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store', ...extra,
  });
  return response.end(text);
}

// The names this server answers to: a page on another origin that points a
// name at 127.0.0.1 (DNS rebinding) sends its own Host, and is refused.
const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', host.includes(':') ? `[${host}]` : host]);
function hostAllowed(header) {
  const name = String(header || '').replace(/:\d+$/, '').toLowerCase();
  return LOCAL_NAMES.has(name);
}

const server = createServer((request, response) => {
  try {
    handle(request, response);
  } catch (error) {
    // Nothing a request holds stops the server: a fault is this request's alone.
    if (!response.headersSent) plain(response, 500, 'internal error');
    else response.destroy();
    console.error(`firstline demo: ${request.method} ${request.url}: ${error && error.message}`);
  }
});

function handle(request, response) {
  if (!hostAllowed(request.headers.host)) return plain(response, 421, 'unknown host');
  let path;
  try {
    path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  } catch {
    return plain(response, 400, 'bad request: the path is not valid percent-encoding');
  }
  if (path.includes('\0') || path.includes('\\') || !path.startsWith('/') || path.startsWith('//')) {
    return plain(response, 400, 'bad request');
  }
  if (path === '/') return plain(response, 302, '', { Location: '/demo/' });
  if (path.endsWith('/')) path += 'index.html';
  if (path === '/console/agent.db') return serveAgentIndex(request, response);
  if (path.startsWith('/api/')) return passToDesk(request, response);
  const file = normalize(join(root, path));
  // Inside the root, by whole path segments (root "…/site" does not contain "…/site-secret").
  if (file !== root && !file.startsWith(root + sep)) return plain(response, 403, 'forbidden');
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return plain(response, 404, 'not found');
  }
  if (stat.isDirectory()) return plain(response, 302, '', { Location: `${encodeURI(path)}/` });
  const entry = prepare(file, stat);
  const headers = {
    'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': cacheControl(relative(root, file)),
    ETag: entry.etag,
    Vary: 'Accept-Encoding',
  };
  const validators = String(request.headers['if-none-match'] || '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (validators.includes(entry.etag)) {
    response.writeHead(304, headers);
    return response.end();
  }
  const encoding = pickEncoding(request, file);
  const body = encoding ? encoded(entry, encoding) : entry.bytes;
  if (encoding) headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = body.length;
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}
// The internal index: loopback only (in production it belongs behind the company's login).
function serveAgentIndex(request, response) {
  let stat;
  try {
    if (!agentIndex || !isLoopback(host) || !isLoopback(request.socket.remoteAddress)) throw new Error('not served');
    stat = statSync(agentIndex);
  } catch {
    return plain(response, 404, 'the agent index is not served here');
  }
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream', 'Content-Length': stat.size, 'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex',
  });
  createReadStream(agentIndex).pipe(response);
}

// Headers that belong to one connection, never passed on (RFC 9110, 7.6.1).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade',
  'proxy-authorization', 'proxy-authenticate', 'host', 'origin', 'x-forwarded-for']);

/** /api/… to the desk, streamed both ways; a page of another origin, or no desk, is refused here. */
function passToDesk(request, response) {
  if (!desk) return plain(response, 404, 'no handoff desk behind this demo (serve.mjs --desk URL)');
  const origin = request.headers.origin;
  if (origin && origin !== `http://${request.headers.host}`) return plain(response, 403, 'the desk takes requests from this site only');
  const headers = {};
  for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
  headers['x-forwarded-for'] = request.socket.remoteAddress || '';
  const forward = httpRequest({ host: desk.hostname, port: desk.port || 80, method: request.method, path: request.url, headers },
    (answer) => {
      const passed = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name)) passed[name] = value;
      response.writeHead(answer.statusCode, passed);
      answer.pipe(response);
    });
  forward.on('error', () => {
    if (response.headersSent) return response.destroy();
    response.writeHead(502, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    response.end(JSON.stringify({ error: { code: 'desk_unreachable', message: 'the handoff desk does not answer' } }));
  });
  // The customer closed the page during a long poll: the desk's wait ends with it.
  response.on('close', () => forward.destroy());
  request.pipe(forward);
}

server.listen(port, host, () => {
  const url = `http://${host}:${server.address().port}/`;  // --port 0: a free port, printed here
  console.log(`firstline demo: ${url} (serving ${root})`);
  if (agentIndex) console.log(`firstline agent console: ${url}console/ (agent index ${agentIndex}, loopback only)`);
  if (desk) console.log(`firstline demo: ${url}api/ goes to the handoff desk at ${desk.origin}/`);
});
