// Where the time of firstline's first answer goes: the requests of a cold
// view and of a second view (the HTTP cache warm) of the loading benchmark's
// bare page (bench/browser/page.html), in headless Chromium on the emulated
// 4G link of bench/loading.mjs, each with its start and end in ms from
// navigation. For looking, not a figure of the report (bash scripts/bench-loading.sh).
//   node bench/waterfall.mjs INDEX_DIR QUESTION [--lang zh|en] [--network 4G|3G]
// INDEX_DIR: a firstline-index build --out folder (public.db and web/); needs
// scripts/build.sh's out/site (the worker and its files).
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/paths.mjs';
import { layout, serve } from './browser/run.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const [indexDir, question] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!indexDir || !question) {
  console.error('usage: node bench/waterfall.mjs INDEX_DIR QUESTION [--lang zh|en] [--network 4G|3G]');
  process.exit(2);
}
const NETWORKS = {
  '4G': { offline: false, latency: 85, downloadThroughput: 9e6 / 8, uploadThroughput: 9e6 / 8 },
  '3G': { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 },
};
const PORT = 8303;
const pages = path.join(ROOT, 'out', 'bench', 'waterfall');
rmSync(pages, { recursive: true, force: true });
await layout('kb', option('lang', 'zh'), { firstlineIndex: path.join(path.resolve(indexDir), 'public.db') }, pages, ['firstline']);
const { server } = await serve(pages, PORT);
const require = createRequire(path.join(ROOT, 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORKS[option('network', '4G')]);
  for (const view of ['cold', 'second']) {
    if (view === 'second') await page.goto('about:blank');
    const t0 = Date.now();
    const requests = [];
    const started = (r) => requests.push({ request: r, start: Date.now() - t0 });
    const ended = (r) => { const e = requests.find((x) => x.request === r); if (e) e.end = Date.now() - t0; };
    // A worker's console lines, each with its time from navigation: "T=<Date.now()> what" prints at that time.
    const said = [];
    const listen = (worker) => worker.on('console', (m) => {
      const text = m.text();
      const at = /^T=(\d+) /.exec(text);
      said.push(at ? `${String(Number(at[1]) - t0).padStart(7)}          worker: ${text.slice(at[0].length)}` : `worker: ${text}`);
    });
    page.on('worker', listen);
    context.on('request', started);
    context.on('requestfinished', ended);
    context.on('requestfailed', ended);
    await page.goto(`http://127.0.0.1:${PORT}/kb/firstline/index.html?engine=firstline&q=${encodeURIComponent(question)}`);
    const result = await page.waitForFunction(() => window.benchResult, null, { timeout: 300000 }).then((h) => h.jsonValue());
    context.off('request', started);
    context.off('requestfinished', ended);
    context.off('requestfailed', ended);
    console.log(`${view} view: answer ${result.answer ?? result.error} at ${Math.round(result.ms)} ms, ${requests.length} requests`);
    page.off('worker', listen);
    for (const { request, start, end } of requests) {
      console.log(`${String(start).padStart(7)} ${String(end ?? '').padStart(7)}  ${request.url().replace(/^.*\/firstline\//, '')}`);
    }
    for (const line of said) console.log(line);
  }
} finally {
  await browser.close();
  server.close();
}
