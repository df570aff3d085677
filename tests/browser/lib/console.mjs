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

/** The page's console module, once createConsole has resolved (console.js keeps no global: found through the canvas's Module). */
const withModule = (page, fn, arg) => page.evaluate(fn, arg);

/** {x, y, width, height} in page pixels of the item marked `name` in the last frames, or null. */
export async function itemRect(page, name) {
  const rect = await withModule(page, (item) => {
    const m = window.firstlineConsole;
    if (!m) return '';
    return m.ccall('console_item_rect', 'string', ['string'], [item]);
  }, name);
  if (!rect) return null;
  const [x, y, width, height] = rect.split(',').map(Number);
  const box = await page.locator('canvas').boundingBox();
  return { x: box.x + x, y: box.y + y, width, height };
}

/** Waits until the item marked `name` is drawn, then clicks its middle. */
export async function clickItem(page, name, { timeout = 15000 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const rect = await itemRect(page, name);
    if (rect) {
      await page.mouse.click(rect.x + Math.min(rect.width / 2, 60), rect.y + rect.height / 2);
      return rect;
    }
    if (Date.now() > until) throw new Error(`"${name}" was not drawn within ${timeout} ms`);
    await page.waitForTimeout(30);
  }
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
