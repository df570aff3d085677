// Browser smoke test of the agent console, in Debian's headless Chromium:
// the demo server (web/demo/serve.mjs, strict CSP) serves the console page
// and the agent index on loopback; the test types a query into the canvas,
// pastes a Chinese one, opens a handoff payload, saves screenshots, and
// checks they are not blank and that the page logged no error.
//
//   FIRSTLINE_CONSOLE_MODULE_DIR  folder with firstline-console.{js,wasm,data}
//   FIRSTLINE_AGENT_INDEX         the agent index to serve
//   FIRSTLINE_ARTIFACTS           where the screenshots go
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { press } from './lib/console.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(here, '../..');
const moduleDir = process.env.FIRSTLINE_CONSOLE_MODULE_DIR;
const agentIndex = process.env.FIRSTLINE_AGENT_INDEX;
const artifacts = resolve(process.env.FIRSTLINE_ARTIFACTS || 'artifacts/console');
const fail = (message) => { console.error(`console browser smoke test: ${message}`); process.exitCode = 1; };

for (const file of ['firstline-console.js', 'firstline-console.wasm', 'firstline-console.data']) {
  if (!moduleDir || !existsSync(join(moduleDir, file))) {
    fail(`${file} not found in ${moduleDir}: build the Emscripten tree first (scripts/build.sh)`);
    process.exit(1);
  }
}
mkdirSync(artifacts, { recursive: true });

// A site folder like out/site: the page and the module, never the index.
const site = mkdtempSync(join(tmpdir(), 'firstline-console-site-'));
cpSync(join(source, 'web/console'), join(site, 'console'), { recursive: true });
for (const file of readdirSync(moduleDir).filter((f) => f.startsWith('firstline-console.')))
  cpSync(join(moduleDir, file), join(site, 'console', file));

const server = spawn(process.execPath, [join(source, 'web/demo/serve.mjs'), '--root', site, '--port', '0',
  '--agent-index', agentIndex], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolveUrl, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const match = out.match(/firstline demo: (http:\/\/\S+)/);
    if (match) resolveUrl(match[1]);
  });
  server.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  setTimeout(() => reject(new Error('serve.mjs did not start')), 10000);
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
const problems = [];
const failedRequests = [];
let closing = false;
let indexLoaded = false;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // A request cut off by closing the browser at the end is not the page's failure.
  page.on('requestfailed', (request) => {
    if (!closing) failedRequests.push({ url: request.url(), reason: request.failure()?.errorText ?? 'no reason given' });
  });

  const started = Date.now();
  await page.goto(`${base}console/`);
  await page.waitForFunction(() => /Agent index loaded|error/i.test(document.getElementById('status').textContent) ||
    document.getElementById('status').classList.contains('error'), null, { timeout: 90000 });
  const status = await page.textContent('#status');
  if (!/Agent index loaded/.test(status)) throw new Error(`the console did not load its index: ${status}`);
  indexLoaded = true;
  console.log(`loaded in ${Date.now() - started} ms: ${status}`);

  // Type into the canvas app as a keyboard would (the search box has focus).
  await page.click('canvas', { position: { x: 300, y: 40 } });
  await page.keyboard.type('compensation for a late parcel', { delay: 30 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(artifacts, 'browser-search.png') });

  // Chinese through the clipboard, in place of the whole query (a paste goes in at the cursor:
  // select it all first). Typing it through the IME: tests/browser/console_desk.test.mjs.
  // Held for frames, not pressed and released at once: the app reads the keys
  // down once a frame, and a busy machine's frame missed a quick Ctrl+A (the
  // paste then went in beside the typed query).
  await press(page, 'Control+A');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '快递延迟补偿');
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  });
  await page.waitForTimeout(800);
  const pasted = await page.evaluate(() => window.firstlineConsole.ccall('console_search_query', 'string', [], []));
  if (pasted !== '快递延迟补偿') problems.push(`the pasted query reads ${JSON.stringify(pasted)}, not 快递延迟补偿`);
  await page.screenshot({ path: join(artifacts, 'browser-search-zh.png') });

  // A handoff payload through the page's file input, then a broken one.
  await page.setInputFiles('#file', join(source, 'tests/fixtures/console/handoff-delayed-parcel.json'));
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(artifacts, 'browser-handoff.png') });

  // The widget's event log: the editor's statistics and gaps.
  await page.setInputFiles('#file', join(source, 'tests/fixtures/console/widget-events.jsonl'));
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(artifacts, 'browser-editor.png') });

  // The internal index is served to loopback from outside the site folder only.
  const direct = (await fetch(`${base}agent.db`)).status;
  if (direct !== 404) problems.push(`/agent.db answered ${direct}: the index must not be in the public site`);
  if (existsSync(join(site, 'console', 'agent.db'))) problems.push('agent.db was copied into the site folder');
} catch (error) {
  problems.push(error.message);
} finally {
  closing = true;
  // Under load on a fresh clone, Chromium has twice reported agent.db as
  // net::ERR_ABORTED after the page had downloaded and opened it (the page
  // fetches it once). Cause not found; the page works, so that case is noted,
  // not failed. Any other failed request, or this one without a loaded index, fails.
  for (const { url, reason } of failedRequests) {
    if (indexLoaded && url.endsWith('/console/agent.db') && reason === 'net::ERR_ABORTED')
      console.log(`note: ${url} reported ${reason} after the index had loaded`);
    else problems.push(`request failed: ${url} (${reason})`);
  }
  await browser.close();
  server.kill();
  rmSync(site, { recursive: true, force: true });
}

for (const name of ['browser-search.png', 'browser-search-zh.png', 'browser-handoff.png', 'browser-editor.png']) {
  const path = join(artifacts, name);
  if (!existsSync(path)) {
    problems.push(`${name} was not saved`);
    continue;
  }
  const check = spawnSync('python3', [join(source, 'tests/console/check_png.py'), path], { encoding: 'utf8' });
  process.stdout.write(check.stdout);
  if (check.status !== 0) problems.push(`${name} looks blank`);
}
if (problems.length) {
  for (const problem of problems) fail(problem);
} else {
  console.log(`console browser smoke test passed: screenshots in ${artifacts}`);
}
