// The whole human path in one browser, every part real: the customer's
// widget on the demo site (web/demo/serve.mjs passing /api/ to the desk, as
// scripts/demo.sh runs it), the handoff desk (firstline-desk serve, SQLite),
// and an agent signed in to the browser build of the agent console, which the
// desk serves (console_root). The customer escalates to live chat and
// confirms; the case appears in the agent's live queue; the agent claims it
// and replies; the reply appears in the customer's open panel; the customer
// answers and the agent reads it. Prints the two waits the product promises
// to keep under 2 s (measurements, not assertions).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS, DAYTIME, openPanel, serve, widget } from './lib/harness.mjs';
import { CHROMIUM_ARGS, clickItem, consoleSite, openConsole, signIn, typeInto, waitForState } from './lib/console.mjs';
import { startDesk } from './lib/desk.mjs';

const PASSWORD = 'a long password for ana';
let site, desk, server, browser;

before(async () => {
  site = consoleSite();
  desk = await startDesk({ consoleRoot: site, config: { trust_forwarded_for: true } });
  desk.addAgent('ana', PASSWORD);
  server = await serve(undefined, { desk: desk.url });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await desk?.stop();
  if (site) rmSync(site, { recursive: true, force: true });
});

test('a customer\'s chat handoff reaches a signed-in agent\'s console, and the agent\'s reply reaches the customer\'s panel', async () => {
  const agent = await openConsole(browser, desk.url);
  await signIn(agent, 'ana', PASSWORD);
  await clickItem(agent, 'tab Queue');
  await waitForState(agent, (s) => Array.isArray(s.desk.queue));

  const customerContext = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const customer = await customerContext.newPage();
  await customer.clock.setFixedTime(new Date(DAYTIME));
  await customer.goto(`${server.url}/demo/order.html`);
  assert.equal(await openPanel(customer), 'ready');
  const input = widget(customer, 'input[role="combobox"]');
  await input.fill('快递三天没到，我要找人工客服');
  await input.press('Enter');
  await widget(customer, '.channel[data-channel="chat"] button.channel-action').click();
  // An agent is signed in: the desk says so before the customer confirms (or, out of hours, when chat opens).
  const notice = await widget(customer, '.desk-notice').textContent();
  assert.doesNotMatch(notice, /没有客服在线/, notice);

  const confirmed = Date.now();
  await widget(customer, '.confirm button[type="submit"]').click();
  const reference = (await widget(customer, '.view p.receipt').textContent()).match(/FL-[0-9A-Z]{6}/)[0];
  const seen = await waitForState(agent, (s) => s.desk.queue.includes(reference), { what: `case ${reference} in the queue` });
  const onAgentScreen = await agent.evaluate((at) => performance.timeOrigin + at * 1000, seen.desk.first_seen[reference]);

  await clickItem(agent, `case ${reference}`);
  await waitForState(agent, (s) => s.desk.case?.reference === reference, { what: 'the case read' });
  await clickItem(agent, 'claim');
  await waitForState(agent, (s) => s.desk.case?.claimed_by === 'ana', { what: 'the claim' });
  await widget(customer, '.chat-status[data-status="with_agent"]').waitFor();
  await typeInto(agent, 'reply', 'Hello, this is Ana from support.');
  const replied = Date.now();
  await clickItem(agent, 'send reply');
  const reply = widget(customer, '.message.agent .text');
  await reply.waitFor();
  const onCustomerScreen = Date.now();
  assert.equal(await reply.textContent(), 'Hello, this is Ana from support.');
  // When the desk stored the reply (its clock; the same machine's): the customer's wait starts there.
  const caseUrl = await customer.evaluate(() => JSON.parse(Object.values({ ...sessionStorage })[0]).caseUrl);
  const stored = Date.parse((await (await fetch(caseUrl)).json()).messages[0].at);
  await agent.screenshot({ path: join(ARTIFACTS, 'human-path-agent-console.png') });
  await customer.screenshot({ path: join(ARTIFACTS, 'human-path-customer-panel.png') });

  // The customer answers; the agent's case view has it.
  const field = widget(customer, '.chat-form textarea');
  await field.fill('好的，谢谢');
  await field.press('Enter');
  await waitForState(agent, (s) => s.desk.case?.messages === 2, { what: 'the customer\'s answer in the console' });

  console.log(`[ figure ] customer's confirm → the case on the agent's screen: ${Math.round(onAgentScreen - confirmed)} ms; ` +
    `agent's reply stored by the desk → on the customer's screen: ${onCustomerScreen - stored} ms ` +
    `(from the agent's click on Send: ${onCustomerScreen - replied} ms)`);
  await customerContext.close();
});
