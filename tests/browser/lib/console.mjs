// The browser agent console for tests: a site folder with its page and
// module (what the desk's console_root or the demo serves at /console/), and
// helpers to work its Dear ImGui canvas: where a marked item was drawn
// (console_item_rect, ui_kit.h's mark), clicking it, typing, the desk's state.
//
//   FIRSTLINE_CONSOLE_MODULE_DIR  folder with firstline-console.{js,wasm,data} (default: build-wasm/console/app)
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './harness.mjs';

export const MODULE_DIR = process.env.FIRSTLINE_CONSOLE_MODULE_DIR || join(REPO, 'build-wasm/console/app');

/** A new folder holding web/console/ and the console module, never an index. */
export function consoleSite() {
  for (const file of ['firstline-console.js', 'firstline-console.wasm', 'firstline-console.data'])
    if (!existsSync(join(MODULE_DIR, file))) throw new Error(`${file} not found in ${MODULE_DIR}: build the Emscripten tree first`);
  const site = mkdtempSync(join(tmpdir(), 'firstline-console-'));
  cpSync(join(REPO, 'web/console'), site, { recursive: true });
  for (const file of readdirSync(MODULE_DIR).filter((f) => /^firstline-console\.(js|wasm|data)$/.test(f)))
    cpSync(join(MODULE_DIR, file), join(site, file));
  return site;
}

/** Runs `fn` in the page, where console.js keeps the module as window.firstlineConsole. */
const withModule = (page, fn, arg) => page.evaluate(fn, arg);

/** {x, y, width, height, active} in page pixels of the item marked `name` in the last frames, or null. */
export async function itemRect(page, name) {
  const rect = await page.evaluate((item) => {
    const m = window.firstlineConsole;
    return m ? m.ccall('console_item_rect', 'string', ['string'], [item]) : '';
  }, name);
  if (!rect) return null;
  const [x, y, width, height, active] = rect.split(',').map(Number);
  const box = await page.locator('canvas').boundingBox();
  return { x: box.x + x, y: box.y + y, width, height, active: active === 1 };
}

/**
 * Waits until the item marked `name` is drawn at the same place in two reads
 * a few frames apart (a popup's first frame lays its items out elsewhere),
 * then clicks it near its left (a wide row's label is there).
 */
export async function clickItem(page, name, { timeout = 20000 } = {}) {
  const until = Date.now() + timeout;
  let last = null;
  for (;;) {
    const rect = await itemRect(page, name);
    if (rect && last && rect.x === last.x && rect.y === last.y && rect.width === last.width) {
      await page.mouse.click(rect.x + Math.min(rect.width / 2, 60), rect.y + rect.height / 2);
      return rect;
    }
    last = rect;
    if (Date.now() > until) throw new Error(`"${name}" was not drawn (still) within ${timeout} ms`);
    await page.waitForTimeout(60);
  }
}

/** Waits for `n` frames of the page. */
export function frames(page, n = 2) {
  return page.evaluate((count) => new Promise((done) => {
    const next = (left) => (left === 0 ? done() : requestAnimationFrame(() => next(left - 1)));
    next(count);
  }), n);
}

/**
 * Presses a key (or a chord, 'Control+A') so that Dear ImGui sees it: 1.86
 * reads which keys are down once a frame, so a key pressed and released
 * within one frame (a busy machine) would be missed.
 */
export async function press(page, chord) {
  const keys = chord.split('+');
  for (const key of keys) await page.keyboard.down(key);
  await frames(page, 2);
  for (const key of keys.reverse()) await page.keyboard.up(key);
  await frames(page, 1);
}

/** Clicks the text field marked `name`, waits until it has the keyboard, then types `text`. */
export async function typeInto(page, name, text, { timeout = 20000 } = {}) {
  const until = Date.now() + timeout;
  await clickItem(page, name, { timeout });
  while (!(await itemRect(page, name))?.active) {
    if (Date.now() > until) throw new Error(`"${name}" did not take the keyboard within ${timeout} ms`);
    await page.waitForTimeout(30);
  }
  await page.keyboard.type(text);
}

/** The desk's state and the search's, as the console holds them (console_desk_state). */
export async function consoleState(page) {
  return JSON.parse(await withModule(page, () => window.firstlineConsole.ccall('console_desk_state', 'string', [], [])));
}

export async function searchQuery(page) {
  return withModule(page, () => window.firstlineConsole.ccall('console_search_query', 'string', [], []));
}

/** Waits until `test(state)` holds; resolves to that state. */
export async function waitForState(page, test, { timeout = 15000, what = 'the console state' } = {}) {
  const until = Date.now() + timeout;
  let state;
  for (;;) {
    state = await consoleState(page);
    if (test(state)) return state;
    if (Date.now() > until) throw new Error(`${what} did not arrive within ${timeout} ms: ${JSON.stringify(state)}`);
    await page.waitForTimeout(10);
  }
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

/**
 * Opens the browser console the desk at `deskUrl` serves (startDesk({consoleRoot: consoleSite()}))
 * and waits until it asks for the sign-in (no index before it: the desk gives it after).
 * `onPage(page)` runs before the page loads (console listeners).
 */
export async function openConsole(browser, deskUrl, { viewport = { width: 1400, height: 900 }, onPage } = {}) {
  const page = await browser.newPage({ viewport });
  if (onPage) onPage(page);  // before the page loads: listeners that must see everything
  await page.goto(`${deskUrl}/console/`);
  await page.waitForFunction(() => /Sign in to the desk/.test(document.getElementById('status').textContent), null, { timeout: 90000 });
  return page;
}

/** Signs in on the console's canvas and waits for the agent index the desk then serves. */
export async function signIn(page, name, password) {
  await typeInto(page, 'agent name', name);
  await typeInto(page, 'password', password);
  await press(page, 'Enter');
  const state = await waitForState(page, (s) => s.desk?.state === 'signed_in' || /wrong|cannot/.test(s.desk?.error || ''), { what: 'signing in' });
  if (state.desk.state !== 'signed_in') throw new Error(`signing in failed: ${state.desk.error}`);
  await page.waitForFunction(() => /Agent index loaded/.test(document.getElementById('status').textContent), null, { timeout: 60000 });
  return state;
}
