// What every browser test needs: the built demo site served on 127.0.0.1 by
// web/demo/serve.mjs (the same server the demo command runs, with its strict
// CSP), Debian's Chromium driven by playwright-core, and helpers to reach
// into the widget's (open) Shadow DOM.
//   FIRSTLINE_SITE       the built site (default: out/site in the repository)
//   FIRSTLINE_ARTIFACTS  where screenshots go (default: build/artifacts/screenshots)
//   CHROMIUM             the browser (default: /usr/bin/chromium)
//   FIRSTLINE_DESK       the handoff desk (default: build/desk/firstline-desk)
//   FIRSTLINE_INDEX_DIR  the sample KB's indexes, public.db and agent.db (default: out/index)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SITE = resolve(process.env.FIRSTLINE_SITE || join(REPO, 'out/site'));
export const ARTIFACTS = resolve(process.env.FIRSTLINE_ARTIFACTS || join(REPO, 'build/artifacts/screenshots'));

export const DESK = resolve(process.env.FIRSTLINE_DESK || join(REPO, 'build/desk/firstline-desk'));
export const INDEX_DIR = resolve(process.env.FIRSTLINE_INDEX_DIR || join(REPO, 'out/index'));

/** Starts a child process and resolves when its stdout matches `listening` (to the match). */
function started(child, listening, what) {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(listening);
      if (match) resolvePromise(match);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before listening: ${output}`)));
  });
}

/**
 * Starts a real handoff desk (desk/README.md) on a free loopback port with a
 * fresh SQLite store in a temporary folder, the sample KB's channels and
 * agent index, and the given agents ([{name, password}]); rate limits are
 * raised so a whole suite from one address is not throttled (the desk's own
 * tests check the limits). Resolves to {url, folder, stop, kill}.
 */
export async function startDesk({ agents = [], config = {} } = {}) {
  if (!existsSync(DESK)) throw new Error(`${DESK} is missing: run scripts/build.sh first`);
  const folder = mkdtempSync(join(tmpdir(), 'firstline-desk-'));
  const generous = { per_minute: 100000, burst: 10000 };
  writeFileSync(join(folder, 'desk.json'), JSON.stringify({
    store: join(folder, 'desk.sqlite'), host: '127.0.0.1', port: 0, trust_forwarded_for: true,
    public_index: join(INDEX_DIR, 'public.db'), agent_index: join(INDEX_DIR, 'agent.db'),
    handoff_rate: generous, events_rate: generous, message_rate: generous, sign_in_rate: generous, ...config,
  }));
  const deskArgs = ['--config', join(folder, 'desk.json')];
  for (const { name, password } of agents) {
    const added = spawnSync(DESK, ['add-agent', name, ...deskArgs], { input: `${password}\n`, encoding: 'utf8' });
    if (added.status !== 0) throw new Error(`firstline-desk add-agent ${name}: ${added.stderr}`);
  }
  const child = spawn(DESK, ['serve', ...deskArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [, url] = await started(child, /serving on (http:\/\/127\.0\.0\.1:\d+)\//, 'firstline-desk');
  const ended = new Promise((done) => child.once('exit', done));
  return {
    url,
    folder,
    stop: async () => { child.kill('SIGTERM'); await ended; rmSync(folder, { recursive: true, force: true }); },
    kill: async () => { child.kill('SIGKILL'); await ended; },
  };
}

/**
 * Starts web/demo/serve.mjs on a free port; resolves to {url, stop}. With
 * `desk` (a desk's URL, see startDesk) the site's /api/ goes to it, as in the demo.
 */
export function serve(root = SITE, { desk } = {}) {
  if (!existsSync(join(root, 'firstline.js'))) {
    throw new Error(`${root} holds no built site: run scripts/build.sh first`);
  }
  const child = spawn(process.execPath, [join(REPO, 'web/demo/serve.mjs'), '--root', root, '--port', '0', ...(desk ? ['--desk', desk] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) {
        resolvePromise({
          url: `http://127.0.0.1:${match[1]}`,
          stop: () => new Promise((done) => { child.once('exit', done); child.kill(); }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}) before listening: ${output}`)));
  });
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

/** 14:00 on a Tuesday in Shanghai: every contact channel of the sample KB is open. */
export const DAYTIME = '2026-11-24T06:00:00Z';

/**
 * A page that records, before any page script runs: console errors and
 * warnings, uncaught errors, CSP violations, every request posted to the
 * widget's worker, and the firstline:event / firstline:escalate events.
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 860 }, locale = 'zh-CN', route, time = DAYTIME } = {}) {
  const context = await browser.newContext({ viewport, locale, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  // A fixed clock (timers keep running), so the channels' open hours do not depend on when the tests run.
  // time: null keeps the real clock (the benchmark: the fake one also coarsens performance.now and rAF).
  if (time !== null) await page.clock.setFixedTime(new Date(time));
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.addInitScript(() => {
    window.__firstline = { requests: [], events: [], escalations: [], cspViolations: [] };
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function postMessage(message, ...rest) {
      window.__firstline.requests.push(JSON.parse(JSON.stringify(message)));
      return post.call(this, message, ...rest);
    };
    document.addEventListener('firstline:event', (event) => window.__firstline.events.push(event.detail));
    document.addEventListener('firstline:escalate', (event) => window.__firstline.escalations.push(event.detail));
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__firstline.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  if (route) await route(page);
  const response = await page.goto(url);
  return { context, page, problems, response };
}

/** A locator inside the widget's Shadow DOM (playwright's CSS engine pierces open shadow roots). */
export const widget = (page, selector) => page.locator(`firstline-help ${selector}`);

/** Waits until the widget finished loading; resolves to "ready" or "failed". */
export async function widgetState(page) {
  await page.waitForSelector('firstline-help[data-state]', { state: 'attached' });
  return page.getAttribute('firstline-help', 'data-state');
}

/** Opens the floating panel with the launcher and waits for the index. */
export async function openPanel(page) {
  await widget(page, '.launcher').click();
  await widget(page, '.panel').waitFor({ state: 'visible' });
  return widgetState(page);
}

export const recorded = (page) => page.evaluate(() => window.__firstline);

export function screenshotPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
