// Loading, measured as a new visitor and a returning one would meet it: for
// the sample KB, clinc150 and afqmc-zh (57k questions), firstline and the
// peers each answer one question on a static page (bench/browser/page.html),
// served as a static host serves (gzip, ETag, immutable build folders), in
// headless Chromium with its network emulation. Run by scripts/bench-loading.sh;
// writes bench/loading.json and the "Loading" section of bench/REPORT.md.
//   node bench/loading.mjs [--repeats N] [--sets DIR] [--kbs sample,clinc150,afqmc-zh]
// Figures per KB and engine, each the median of --repeats cold runs (a fresh
// browser context: empty cache):
//   bytes sent before the first answer, split (firstline: loader = worker.js +
//   index-reader.js, module = wasm + glue, index = entry + chunks);
//   navigation to first answer on a 4G link (9 Mbit/s, 85 ms) and a 3G one
//   (1.6 Mbit/s, 150 ms);
//   a second page view in the same context (the HTTP cache warm): bytes, time;
//   firstline only: the worker's WebAssembly memory after 50 more questions,
//   and natively the time and peak memory of opening the index and asking one
//   question (build/tools/firstline ask).
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { BENCH, ROOT } from './lib/paths.mjs';
import { indexerPath } from './lib/firstline.mjs';
import { layout, sampleSet, serve } from './browser/run.mjs';
import { runEngine } from './bench.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const REPEATS = Number(option('repeats', '3'));
const DATASETS = path.resolve(option('sets', path.join(ROOT, '..', 'shared', 'datasets')));
const KBS = option('kbs', 'sample,clinc150,afqmc-zh').split(',');
const ENGINES = ['firstline', 'minisearch', 'flexsearch', 'lunr', 'orama', 'pagefind'];
const PORT = 8302;
const WORK = path.join(ROOT, 'out', 'bench', 'loading');
const FOUR_G = { offline: false, latency: 85, downloadThroughput: 9e6 / 8, uploadThroughput: 9e6 / 8 };
const NETWORKS = {
  '4G': FOUR_G,
  '3G': { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 },
  // The same 4G link from a host that speaks HTTP/2 (most CDNs and static
  // hosts): requests share one connection instead of queueing six at a time.
  '4G/h2': { ...FOUR_G, http2: true },
};
const log = (...m) => console.error('[bench:loading]', ...m);
const median = (values) => {
  const sorted = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};

/** The KB's labelled set and first dev question. */
function prepare(kb) {
  const work = path.join(WORK, kb);
  mkdirSync(work, { recursive: true });
  let setDir;
  let lang;
  if (kb === 'sample') {
    setDir = sampleSet(path.join(work, 'set'));
    lang = 'zh';
    execFileSync(indexerPath(), ['build', path.join(ROOT, 'kb-content'), '--out', path.join(work, 'firstline-index'), '--quiet'],
      { stdio: ['ignore', 'ignore', 'inherit'] });
  } else {
    setDir = path.join(DATASETS, kb);
    lang = /-zh/.test(kb) ? 'zh' : 'en';
    execFileSync(indexerPath(), ['convert-dataset', setDir, '--out', path.join(work, 'firstline-kb')], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync(indexerPath(), ['build', path.join(work, 'firstline-kb'), '--out', path.join(work, 'firstline-index'), '--quiet'],
      { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  for (const engine of ENGINES.slice(1)) {
    log(`${kb}: building ${engine}'s index`);
    runEngine(engine, setDir, path.join(work, engine), { limit: 1, warmup: 0 });
  }
  const dev = readFileSync(path.join(setDir, 'dev.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
  return { kb, lang, work, setDir, question: dev[0], more: dev.slice(1, 51) };
}

function split(sent, prefix, engine) {
  const bytes = { loader: 0, module: 0, index: 0, page: 0, total: 0 };
  for (const [url, n] of sent) {
    if (!url.startsWith(prefix)) continue;
    const file = url.slice(prefix.length);
    let kind;
    if (/^(index\.html|page\.js)$/.test(file)) kind = 'page';
    else if (/^index\/|\.pf_|pagefind-entry\.json/.test(file) || (engine === 'pagefind' && /\.pagefind$/.test(file))) kind = 'index';
    else if (engine === 'firstline' && /^(worker|index-reader)(\.[0-9a-f]{12})?\.js$/.test(file)) kind = 'loader';
    else kind = 'module';  // the engine's code (firstline: glue + wasm)
    bytes[kind] += n;
    bytes.total += n;
  }
  return bytes;
}

async function measure(browser, servers, { kb, question, more }, engine, network) {
  const prefix = `/${kb}/${engine}/`;
  const { http2, ...conditions } = NETWORKS[network];
  const { sent, origin } = http2 ? servers.h2 : servers.h1;
  const url = `${origin}${prefix}index.html?engine=${engine}&q=${encodeURIComponent(question)}`;
  const cold = [];
  const seconds = [];  // each run's second view
  let memory = null;
  for (let i = 0; i < REPEATS; i++) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', conditions);
    const visit = async () => {
      sent.clear();
      await page.goto(url);
      const result = await page.waitForFunction(() => window.benchResult, null, { timeout: 300000 }).then((h) => h.jsonValue());
      if (result.error) throw new Error(result.error);
      await page.waitForTimeout(100);  // the last transfers
      return { ms: result.ms, bytes: split(sent, prefix, engine), answer: result.answer };
    };
    cold.push(await visit());
    await page.goto('about:blank');
    seconds.push(await visit());
    if (i === 0) {
      if (engine === 'firstline' && network === '4G') {
        for (const text of more) await page.evaluate((q) => window.benchAsk(q), text);
        const worker = page.workers()[0];
        memory = worker ? await worker.evaluate(() => ({ wasm_heap: self.Module.HEAP8.length })) : null;
        if (memory) memory.questions = more.length + 1;
      }
    }
    await context.close();
  }
  const pick = (key) => median(cold.map((c) => c.bytes[key]));
  return {
    kb, engine, network, answer: cold[0].answer,
    first_answer_ms: Number(median(cold.map((c) => c.ms)).toFixed(0)),
    runs_ms: cold.map((c) => Number(c.ms.toFixed(0))),
    bytes: { loader: pick('loader'), module: pick('module'), index: pick('index'), page: pick('page'), total: pick('total') },
    second_view: { ms: Number(median(seconds.map((v) => v.ms)).toFixed(0)), bytes: median(seconds.map((v) => v.bytes.total)),
                   runs_ms: seconds.map((v) => Number(v.ms.toFixed(0))) },
    memory,
  };
}

/** Natively: open the index and ask one question (the CLI), time and peak memory, median of 3. */
function nativeOpen({ work, question }) {
  const cli = path.join(ROOT, 'build', 'tools', 'firstline');
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const result = spawnSync('/usr/bin/time', ['-f', '%e %M', cli, 'ask',
      path.join(work, 'firstline-index', 'public.db'), question, '--json'], { encoding: 'utf8' });
    const [seconds, kilobytes] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
    runs.push({ seconds, mb: kilobytes / 1024 });
  }
  return { seconds: median(runs.map((r) => r.seconds)), peak_mb: Number(median(runs.map((r) => r.mb)).toFixed(1)) };
}

function widgetCodeGzip() {
  const files = ['firstline.js', 'widget/firstline.css',
    ...readdirSync(path.join(ROOT, 'web', 'widget')).filter((n) => n.endsWith('.js')).map((n) => `widget/${n}`),
    ...readdirSync(path.join(ROOT, 'web', 'widget', 'views')).map((n) => `widget/views/${n}`)];
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(ROOT, 'web', f)), { level: 9 }).length, 0);
}

const require = createRequire(path.join(ROOT, 'tests', 'browser', 'package.json'));

async function main() {
  const { chromium } = require('playwright-core');
  rmSync(path.join(WORK, 'pages'), { recursive: true, force: true });
  const kbs = [];
  for (const kb of KBS) {
    if (kb !== 'sample' && !existsSync(path.join(DATASETS, kb))) {
      log(`skipping ${kb}: no ${path.join(DATASETS, kb)}`);
      continue;
    }
    log(`preparing ${kb}`);
    const prepared = prepare(kb);
    await layout(kb, prepared.lang, { work: prepared.work, firstlineIndex: path.join(prepared.work, 'firstline-index', 'public.db') },
      path.join(WORK, 'pages'));
    kbs.push(prepared);
  }
  const h1 = await serve(path.join(WORK, 'pages'), PORT);
  const h2 = await serve(path.join(WORK, 'pages'), PORT + 1, { http2: true });
  const servers = {
    h1: { sent: h1.sent, origin: `http://127.0.0.1:${PORT}` },
    h2: { sent: h2.sent, origin: `https://127.0.0.1:${PORT + 1}` },
  };
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--ignore-certificate-errors'],
  });
  const rows = [];
  try {
    for (const kb of kbs) {
      for (const engine of ENGINES) {
        for (const network of Object.keys(NETWORKS)) {
          log(`${kb.kb} ${engine} ${network}`);
          try {
            rows.push(await measure(browser, servers, kb, engine, network));
          } catch (error) {
            rows.push({ kb: kb.kb, engine, network, error: String(error.message || error).split('\n')[0] });
          }
        }
      }
    }
  } finally {
    await browser.close();
    h1.server.close();
    h2.server.close();
  }
  const native = Object.fromEntries(kbs.map((kb) => [kb.kb, nativeOpen(kb)]));
  const result = {
    benchmark: 'firstline-loading',
    date: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(),
    chromium: browser.version(),
    repeats: REPEATS,
    networks: NETWORKS,
    widget_code_gzip: widgetCodeGzip(),
    rows,
    native,
  };
  writeFileSync(path.join(BENCH, 'loading.json'), `${JSON.stringify(result, null, 1)}\n`);
  writeSection(result);
  console.log(JSON.stringify(result));
}

const kib = (n) => (n === null || n === undefined ? '–' : `${(n / 1024).toFixed(1)} KiB`);

function writeSection(result) {
  const lines = [
    '<!-- loading: written by bench/loading.mjs (bash scripts/bench-loading.sh); do not edit by hand -->',
    '## Loading: the first answer, a second page view, memory',
    '',
    `One run of \`bash scripts/bench-loading.sh\` (${result.date.slice(0, 10)}, commit ${result.commit}, Chromium ${result.chromium}, ` +
      `median of ${result.repeats} cold runs each, and of the second view after each). Each engine answers one dev question on a bare page served as a static host serves ` +
      '(gzip, ETag, firstline\'s build folder and files named by their content, its worker among them, immutable; its index entry, and every ' +
      'engine\'s page.js (the host\'s code and the engine\'s loader, as firstline.js is the widget\'s), revalidated in the background; the page\'s HTML ' +
      'and the peers\' files revalidated); ' +
      'Chromium\'s network emulation gives the links: 4G = 9 Mbit/s, 85 ms; 3G = 1.6 Mbit/s, 150 ms; over HTTP/1.1 (six connections), ' +
      'and the 4G link also over HTTP/2 (TLS, one connection), as most CDNs serve. Bytes are what the server sent (bodies, gzip where it compresses). ' +
      'firstline: loader = worker.<hash>.js + index-reader.<hash>.js; module = wasm + glue; index = the entry file, the start chunk and the chunks read. The widget\'s own code (firstline.js, ' +
      `widget/*, gzip ${kib(result.widget_code_gzip)} in all) is not on these bare pages.`,
    '',
    '| KB | engine | bytes before the first answer (loader / module / index) | 4G: first answer | 4G over HTTP/2 | 3G: first answer | second view: bytes, time (4G) | worker memory after 51 questions |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const kb of [...new Set(result.rows.map((r) => r.kb))]) {
    for (const engine of ENGINES) {
      const g4 = result.rows.find((r) => r.kb === kb && r.engine === engine && r.network === '4G');
      const g3 = result.rows.find((r) => r.kb === kb && r.engine === engine && r.network === '3G');
      const h2 = result.rows.find((r) => r.kb === kb && r.engine === engine && r.network === '4G/h2');
      if (!g4) continue;
      if (g4.error) {
        lines.push(`| ${kb} | ${engine} | failed: ${g4.error} | | | | | |`);
        continue;
      }
      const split = engine === 'firstline' ? ` (${kib(g4.bytes.loader)} / ${kib(g4.bytes.module)} / ${kib(g4.bytes.index)})`
        : ` (code ${kib(g4.bytes.module)} / index ${kib(g4.bytes.index)})`;
      const memory = g4.memory ? `${(g4.memory.wasm_heap / 1048576).toFixed(0)} MB WebAssembly heap` : '–';
      const ms = (row) => (row && !row.error ? `${row.first_answer_ms} ms` : '–');
      lines.push(`| ${kb} | ${engine} | ${kib(g4.bytes.total - g4.bytes.page)}${split} | ${g4.first_answer_ms} ms | ${ms(h2)} | ${ms(g3)} | ` +
        `${kib(g4.second_view.bytes)}, ${g4.second_view.ms} ms | ${memory} |`);
    }
  }
  lines.push('', 'Natively (build/tools/firstline ask: open the index, answer one question; median of 3):', '',
    '| KB | time | peak memory |', '|---|---|---|');
  for (const [kb, n] of Object.entries(result.native)) lines.push(`| ${kb} | ${n.seconds < 0.01 ? 'under 0.01' : n.seconds.toFixed(2)} s | ${n.peak_mb} MB |`);
  lines.push('<!-- /loading -->');
  const reportPath = path.join(BENCH, 'REPORT.md');
  const report = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
  const section = lines.join('\n');
  const start = report.indexOf('<!-- loading:');
  const end = report.indexOf('<!-- /loading -->');
  const updated = start >= 0 && end > start
    ? report.slice(0, start) + section + report.slice(end + '<!-- /loading -->'.length)
    : report.replace(/\n## How it was measured/, `\n${section}\n\n## How it was measured`);
  writeFileSync(reportPath, updated);
}

await main();
