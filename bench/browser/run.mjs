// The browser figures: for each engine, a static page (browser/page.html + page.js) that
// loads the engine's code and its index from a local server on 127.0.0.1 and answers one
// query; headless Chromium (playwright-core from tests/browser) measures the time from
// navigation start to the answer and the server counts the bytes sent (gzip where a
// static host would compress: everything but Pagefind's already-compressed files and
// the WebAssembly, which is sent gzip too).
// KBs: the sample KB (kb-content/) and clinc150 (or the first set of the run).
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { BENCH, ROOT } from '../lib/paths.mjs';
import { bundlePeer } from '../lib/bundles.mjs';
import { indexerPath } from '../lib/firstline.mjs';
import { isPagefindIndexFile } from '../lib/peers.mjs';
import { percentile } from '../lib/measures.mjs';

const PORT = Number(process.env.BENCH_PORT || 8301);
const REPEATS = Number(process.env.BENCH_BROWSER_REPEATS || 3);
const PEERS = ['minisearch', 'flexsearch', 'lunr', 'orama'];
const log = (...m) => console.error('[bench:browser]', ...m);

/** The sample KB as a labelled set: each public article's title and questions, its id as the intent. */
export function sampleSet(dir) {
  mkdirSync(dir, { recursive: true });
  const records = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.md')) {
        const text = readFileSync(full, 'utf8');
        const front = text.match(/^---\n([\s\S]*?)\n---/);
        if (!front) continue;
        const f = front[1];
        const field = (k) => (f.match(new RegExp(`^${k}:\\s*(.+)$`, 'm')) || [])[1]?.trim();
        if (field('audience') !== 'public') continue;
        const id = field('id');
        const questions = (f.match(/^questions:\n((?:\s+-.*\n?)+)/m) || [])[1] || '';
        records.push({ text: field('title'), intent: id });
        for (const q of questions.split('\n')) if (q.trim().startsWith('-')) records.push({ text: q.trim().slice(1).trim(), intent: id });
      }
    }
  };
  walk(path.join(ROOT, 'kb-content', 'articles'));
  writeFileSync(path.join(dir, 'train.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(path.join(dir, 'dev.jsonl'), JSON.stringify({ text: '我的快递到哪了', intent: 'parcel-where' }) + '\n');
  return dir;
}

/** Lays out one page folder per engine (all, or `engines`): page.html, page.js, the engine's code and index. */
export async function layout(kb, lang, sources, pagesDir, engines = ['firstline', ...PEERS, 'pagefind']) {
  for (const engine of engines) {
    const dir = path.join(pagesDir, kb, engine);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'index'), { recursive: true });
    copyFileSync(path.join(BENCH, 'browser', 'page.html'), path.join(dir, 'index.html'));
    copyFileSync(path.join(BENCH, 'browser', 'page.js'), path.join(dir, 'page.js'));
    if (PEERS.includes(engine)) {
      await bundlePeer(engine, lang, dir);
      cpSync(path.join(sources.work, engine, 'index'), path.join(dir, 'index'), { recursive: true });
    } else if (engine === 'pagefind') {
      const from = path.join(sources.work, 'pagefind', 'pagefind');
      mkdirSync(path.join(dir, 'pagefind'), { recursive: true });
      for (const name of readdirSync(from)) {
        const full = path.join(from, name);
        if (statSync(full).isDirectory() || isPagefindIndexFile(name) || name === 'pagefind.js' || name.endsWith('.pagefind') || name === 'pagefind-worker.js')
          cpSync(full, path.join(dir, 'pagefind', name), { recursive: true });
      }
    } else {
      // firstline: the worker and the files it loads as scripts/build.sh publishes them
      // (out/site: named by their content), and the index as firstline-index build
      // publishes it (web/).
      const site = path.join(ROOT, 'out', 'site');
      const worker = readFileSync(path.join(site, 'worker.js'), 'utf8');
      const assets = (worker.match(/^const ASSETS = \{([^\n]*)\};$/m) || [])[1];
      if (!assets) throw new Error(`${site}/worker.js names no files: run scripts/build.sh`);
      // The worker by the name the widget's panel gives it (publish-worker.mjs), and the page naming it so.
      const hashedWorker = (readFileSync(path.join(site, 'widget', 'panel.js'), 'utf8').match(/^const WORKER = '(worker\.[0-9a-f]{12}\.js)';$/m) || [])[1];
      if (!hashedWorker) throw new Error(`${site}/widget/panel.js names no worker by its content: run scripts/build.sh`);
      copyFileSync(path.join(site, hashedWorker), path.join(dir, hashedWorker));
      const page = readFileSync(path.join(dir, 'page.js'), 'utf8');
      writeFileSync(path.join(dir, 'page.js'), page.replace("const FIRSTLINE_WORKER = 'worker.js';", `const FIRSTLINE_WORKER = '${hashedWorker}';`));
      for (const [, name] of assets.matchAll(/'([^']+)'/g)) copyFileSync(path.join(site, name), path.join(dir, name));
      cpSync(path.join(path.dirname(sources.firstlineIndex), 'web'), path.join(dir, 'index'), { recursive: true });
    }
  }
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css' };

/**
 * A static server that gzips what a static host would, caches as one would
 * (a published index's build folder immutable, everything else revalidated by
 * ETag) and counts the bytes it sends per path (bodies; a 304 counts 0).
 */
export function serve(root, port = PORT, { http2 = false } = {}) {
  const sent = new Map();
  const cache = new Map();
  const handle = (req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, url);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    let body = readFileSync(file);
    const etag = `"${body.length}-${statSync(file).mtimeMs}"`;
    // As README ("Publishing") asks of a host: a build folder and a file named
    // by its content cached for good; firstline's worker and the index's entry
    // answered from the cache at once while they revalidate; and so the page's
    // script (page.js: the host's code and an engine's loader in one, as
    // firstline.js and widget/ are for the widget), for every engine alike;
    // the rest (the page's HTML, a peer's code and index) revalidated.
    const immutable = /\/public\.[0-9a-f]{16}\/|\.[0-9a-f]{12}\.(js|wasm)$/.test(url);
    const background = /\/(page\.js|firstline\/(worker\.js|index\/firstline-index\.(json|start\.bin)))$/.test(url);
    const headers = {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable'
        : background ? 'max-age=0, stale-while-revalidate=604800' : 'no-cache',
      etag,
    };
    if (req.headers['if-none-match'] === etag) {
      sent.set(url, sent.get(url) || 0);
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const precompressed = /\.(pf_meta|pf_index|pf_fragment|pf_filter|pagefind)$/.test(file);
    if (!precompressed && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      if (!cache.has(file)) cache.set(file, gzipSync(body));
      body = cache.get(file);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    sent.set(url, (sent.get(url) || 0) + body.length);
    res.writeHead(200, headers);
    res.end(body);
  };
  // HTTP/2 (as a CDN serves) needs TLS in a browser: a throwaway self-signed
  // certificate, which the benchmark's Chromium is told to accept.
  const server = http2 ? createSecureServer({ ...selfSignedCertificate(), allowHTTP1: true }, handle) : createServer(handle);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, sent })));
}

/** A key and certificate for 127.0.0.1, made once per run with openssl. */
function selfSignedCertificate() {
  const dir = path.join(ROOT, 'out', 'bench', 'tls');
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  if (!existsSync(cert)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { stdio: 'ignore' });
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export function categorize(url) {
  if (/\/index\/|\.pf_|pagefind-entry\.json|public\.db/.test(url)) return 'index';
  if (/\/(index\.html|page\.js)$/.test(url)) return 'page';
  return 'code';
}

async function measurePage(browser, sent, kb, engine, query) {
  const times = [];
  let bytes = null;
  let answer = null;
  for (let i = 0; i < REPEATS; ++i) {
    sent.clear();
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${PORT}/${kb}/${engine}/index.html?engine=${engine}&q=${encodeURIComponent(query)}`);
    const result = await page.waitForFunction(() => window.benchResult, null, { timeout: 120000 }).then((h) => h.jsonValue());
    await context.close();
    if (result.error) throw new Error(result.error + (errors.length ? `; ${errors.join('; ')}` : ''));
    times.push(result.ms);
    answer = result.answer;
    const b = { code: 0, index: 0, page: 0, total: 0 };
    for (const [url, n] of sent) {
      if (!url.startsWith(`/${kb}/${engine}/`)) continue;
      b[categorize(url)] += n;
      b.total += n;
    }
    bytes = b;
  }
  return { firstAnswerMs: percentile(times, 0.5), times, bytes, answer };
}

/// The widget's own benchmark (scripts/bench-widget.sh: the clinc150 KB, typed dev
/// queries), its --json result. `datasets` is the folder holding clinc150.
export function widgetBench(datasets) {
  try {
    const out = execFileSync('bash', [path.join(ROOT, 'scripts', 'bench-widget.sh'), '--json'], {
      encoding: 'utf8', cwd: ROOT, timeout: 1200000, stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '', ...(datasets ? { DATASETS: datasets } : {}) },
    });
    const line = out.trim().split('\n').filter((l) => l.startsWith('{')).pop();
    return { available: true, result: JSON.parse(line) };
  } catch (error) {
    return { available: false, reason: `scripts/bench-widget.sh --json failed: ${String(error.message).split('\n')[0]}` };
  }
}

export async function runBrowser(results, args) {
  const require = createRequire(path.join(ROOT, 'tests', 'browser', 'package.json'));
  const { chromium } = require('playwright-core');
  const { runEngine } = await import('../bench.mjs');
  const pagesDir = path.join(args.work, 'browser', 'pages');
  rmSync(pagesDir, { recursive: true, force: true });

  // The sample KB: the peers index its public articles' titles and questions; firstline its real index.
  const sampleWork = path.join(args.work, 'browser', 'sample');
  const sampleDir = sampleSet(path.join(sampleWork, 'set'));
  for (const engine of [...PEERS, 'pagefind']) runEngine(engine, sampleDir, path.join(sampleWork, engine), { limit: 0, warmup: 0 });
  execFileSync(indexerPath(), ['build', path.join(ROOT, 'kb-content'), '--out', path.join(sampleWork, 'firstline-index'), '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  await layout('sample', 'zh', { work: sampleWork, firstlineIndex: path.join(sampleWork, 'firstline-index', 'public.db') }, pagesDir);
  const kbs = [{ kb: 'sample', query: '我的快递到哪了' }];

  const set = results.sets.find((s) => s.name === 'clinc150') || results.sets[0];
  if (set) {
    const work = path.join(args.work, set.name);
    await layout(set.name, set.lang, { work, firstlineIndex: path.join(work, 'firstline', 'index', 'public.db') }, pagesDir);
    const firstQuery = readFileSync(path.join(set.dir, 'dev.jsonl'), 'utf8').split('\n')[0];
    kbs.push({ kb: set.name, query: JSON.parse(firstQuery).text });
  }

  const { server, sent } = await serve(pagesDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const pages = [];
  try {
    for (const { kb, query } of kbs)
      for (const engine of ['firstline', ...PEERS, 'pagefind']) {
        log(`${kb} ${engine}`);
        try {
          pages.push({ kb, engine, query, ok: true, ...(await measurePage(browser, sent, kb, engine, query)) });
        } catch (error) {
          pages.push({ kb, engine, query, ok: false, error: String(error.message || error).split('\n')[0] });
        }
      }
  } finally {
    await browser.close();
    server.close();
  }
  return { repeats: REPEATS, pages, widget: args.smoke ? undefined : widgetBench(path.dirname(set.dir)) };
}
