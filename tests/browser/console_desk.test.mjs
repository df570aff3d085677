// The agent side in the browser, end to end: a real desk (firstline-desk
// serve, SQLite in a temp folder) serves the browser console (console_root)
// beside its API; an agent signs in on the canvas, a handoff is posted as the
// widget posts it, the case appears in the live queue, the agent claims it,
// replies and closes it, and the customer's side (GET /api/cases/<token>)
// shows the reply. Also typing Chinese through the IME (CDP
// Input.imeSetComposition, Input.insertText), a paste at the cursor, and an
// unreachable desk. Screenshots in FIRSTLINE_ARTIFACTS.
//
// Prints the time from the POST to the case in the agent's queue (no
// assertion on it: loopback timings on a loaded machine vary).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS, REPO } from './lib/harness.mjs';
import { CHROMIUM_ARGS, clickItem, consoleSite, itemRect, openConsole, press, searchQuery, signIn, typeInto, waitForState } from './lib/console.mjs';
import { postHandoff, startDesk } from './lib/desk.mjs';

const PASSWORD = 'correct horse battery';
const fixture = JSON.parse(readFileSync(join(REPO, 'tests/fixtures/console/handoff-delayed-parcel.json'), 'utf8'));
let site, desk, browser, page;
const problems = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  site = consoleSite();
  desk = await startDesk({ consoleRoot: site });
  desk.addAgent('ana', PASSWORD);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await openConsole(browser, desk.url, {
    onPage: (p) => {
      p.on('console', (message) => {
        // The page tries ./agent.db first; the desk serves the index only to signed-in agents (404, then /api/agent/agent.db).
        if (message.type() === 'error' && !/agent\.db|404|ERR_CONNECTION_REFUSED/.test(message.text())) problems.push(message.text());
      });
      p.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    },
  });
});

after(async () => {
  await browser?.close();
  await desk?.stop();
  if (site) rmSync(site, { recursive: true, force: true });
});

test('an agent signs in on the canvas and the desk gives the console its agent index', async () => {
  const state = await signIn(page, 'ana', PASSWORD);
  assert.equal(state.desk.agent, 'ana');
});

test('a handed-off case appears live in the queue, is claimed, answered and closed, and the customer sees the reply', async () => {
  await clickItem(page, 'tab Queue');
  await waitForState(page, (s) => s.desk.queue.length === 0);
  // What the widget posts to handoffUrl: the customer asked for a callback.
  const posted = Date.now();
  const made = await postHandoff(desk.url, { channel: 'callback', kind: 'callback', handoff: fixture,
    callback: { phone: '138 1234 5678', time: '下午' } });
  const seen = await waitForState(page, (s) => s.desk.queue.includes(made.reference), { what: `case ${made.reference} in the queue` });
  const noticed = Date.now() - posted;
  // When the console took the queue's answer holding the case (its clock: performance.now, in seconds); drawn at the next frame.
  const arrived = await page.evaluate((at) => performance.timeOrigin + at * 1000, seen.desk.first_seen[made.reference]);
  console.log(`[ figure ] handoff POST to the case in the browser console's queue: ${Math.round(arrived - posted)} ms ` +
    `(the console's clock; the test saw it after ${noticed} ms)`);
  await page.waitForTimeout(150);  // a frame or two: the row is drawn
  await page.screenshot({ path: join(ARTIFACTS, 'console-queue.png') });

  await clickItem(page, `case ${made.reference}`);
  await waitForState(page, (s) => s.desk.case?.reference === made.reference, { what: 'the case read' });
  await clickItem(page, 'claim');
  await waitForState(page, (s) => s.desk.case?.claimed_by === 'ana', { what: 'the claim' });
  await typeInto(page, 'reply', 'Hello, this is Ana. ');
  // The Chinese half of the reply through the IME, as an agent types it.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: '今天', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: '今天下午给您回电。' });
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(ARTIFACTS, 'console-case.png') });
  await clickItem(page, 'send reply');
  await waitForState(page, (s) => s.desk.case?.messages === 1, { what: 'the reply' });

  const customer = await (await fetch(`${desk.url}/api/cases/${made.token}`)).json();
  assert.equal(customer.status, 'with_agent');
  assert.deepEqual(customer.messages.map((m) => [m.from, m.text]), [['agent', 'Hello, this is Ana. 今天下午给您回电。']]);

  await clickItem(page, 'outcome');
  await clickItem(page, 'outcome compensated');
  await clickItem(page, 'close');
  const closed = await waitForState(page, (s) => s.desk.case?.status === 'closed', { what: 'closing' });
  assert.equal(closed.desk.case.outcome, 'compensated');
  await waitForState(page, (s) => !s.desk.queue.includes(made.reference), { what: 'the closed case leaving the queue' });
  assert.equal((await (await fetch(`${desk.url}/api/cases/${made.token}`)).json()).status, 'closed');
  await page.screenshot({ path: join(ARTIFACTS, 'console-case-closed.png') });
});

test('Chinese typed through the IME reaches the search box and finds articles', async () => {
  await clickItem(page, 'tab Search');
  await typeInto(page, 'search box', '');
  await press(page, 'Control+A');
  await press(page, 'Backspace');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'kuaidi', selectionStart: 6, selectionEnd: 6 });
  assert.equal(await searchQuery(page), '', 'a composition still open is not text yet');
  await cdp.send('Input.imeSetComposition', { text: '快递', selectionStart: 2, selectionEnd: 2 });
  // The field the IME composes in sits on the search box, where the candidate window must open.
  const box = await itemRect(page, 'search box');
  const ime = await page.locator('#ime').boundingBox();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ime');
  assert.ok(ime.y >= box.y - 4 && ime.y <= box.y + box.height && ime.x >= box.x && ime.x <= box.x + box.width,
    `the IME field at ${JSON.stringify(ime)}, the search box at ${JSON.stringify(box)}`);
  await cdp.send('Input.insertText', { text: '快递延迟补偿' });
  const state = await waitForState(page, (s) => s.search.results > 0, { what: 'search results' });
  assert.equal(await searchQuery(page), '快递延迟补偿');
  assert.ok(state.search.results > 0);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(ARTIFACTS, 'console-ime-search.png') });
});

test('a paste goes into the focused field at its cursor', async () => {
  await typeInto(page, 'search box', '');
  await press(page, 'End');
  for (let i = 0; i < 2; ++i) await press(page, 'ArrowLeft');  // before 补偿
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '的');
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  });
  await page.waitForFunction(() => window.firstlineConsole.ccall('console_search_query', 'string', [], []) !== '快递延迟补偿');
  assert.equal(await searchQuery(page), '快递延迟的补偿');
});

test('a desk that stops answering is named in the queue while search goes on', async () => {
  await desk.stop();
  await clickItem(page, 'tab Queue');
  const state = await waitForState(page, (s) => /cannot be reached/.test(s.desk.error), { timeout: 40000, what: 'the error' });
  assert.match(state.desk.error, /Search still works without it/);
  await page.screenshot({ path: join(ARTIFACTS, 'console-desk-unreachable.png') });
  desk = null;
  assert.deepEqual(problems, []);
});
