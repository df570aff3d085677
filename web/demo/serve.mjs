// The demo's static server: 127.0.0.1 only, a strict Content-Security-Policy
// on every page, correct types for .wasm and .db.
//   node web/demo/serve.mjs --root out/site --port 8080
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const root = resolve(option('root', 'out/site'));
const port = Number(option('port', '8080'));
const host = '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
  '.db': 'application/octet-stream', '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf',
};
// No inline script or style, no eval; WebAssembly compilation is the one allowance.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const server = createServer((request, response) => {
  let path = decodeURIComponent(new URL(request.url, `http://${host}`).pathname);
  if (path === '/') {
    response.writeHead(302, { Location: '/demo/' });
    return response.end();
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) {
    response.writeHead(403);
    return response.end('forbidden');
  }
  let stat;
  try {
    stat = statSync(file);
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    return response.end('not found');
  }
  if (stat.isDirectory()) {
    response.writeHead(302, { Location: `${path}/` });
    return response.end();
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
    'Content-Length': stat.size,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  createReadStream(file).pipe(response);
});
// --port 0 picks a free port; the line printed names the real one (the browser tests read it).
server.listen(port, host, () => console.log(`firstline demo: http://${host}:${server.address().port}/ (serving ${root})`));
