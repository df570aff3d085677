// The help widget in headless Chromium, on the built demo site served on
// 127.0.0.1 with its strict CSP. Each test is a sentence about what a customer
// or a host sees. Screenshots go to build/artifacts/screenshots/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launch, openPage, openPanel, recorded, REPO, screenshotPath, serve, widget, widgetState } from './lib/harness.mjs';
import { startDesk } from './lib/desk.mjs';
import { validate } from './lib/json-schema.mjs';

let desk;
let server;
let browser;
const opened = [];

// The demo site with its handoff desk behind /api/, as the demo command runs them.
before(async () => {
  desk = await startDesk({ config: { trust_forwarded_for: true } });
  server = await serve(undefined, { desk: desk.url });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await desk?.stop();
});

async function visit(path, options) {
  const visit = await openPage(browser, `${server.url}${path}`, options);
  opened.push(visit.context);
  return visit;
}

async function typeQuestion(page, text) {
  const input = widget(page, 'input[role="combobox"]');
  await input.fill('');
  await input.pressSequentially(text);
  return input;
}

/** Waits for the core's decision to be on screen: an answer, a clarifying question or the channels. */
const decided = (page) => widget(page, 'article.article, .question, .channels').first().waitFor();

const hintRequests = (log) => log.requests.filter((m) => m.type === 'call' && m.request.op === 'hints' && m.request.text);

test('typing shows hints in a listbox the input controls, and their count is announced', async () => {
  const { page, context } = await visit('/demo/');
  assert.equal(await openPanel(page), 'ready');
  const input = await typeQuestion(page, '退款');
  const options = widget(page, '[role="listbox"] [role="option"]');
  await options.first().waitFor();
  assert.ok(await options.count() >= 1);
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  const listboxId = await widget(page, '[role="listbox"]').getAttribute('id');
  assert.equal(await input.getAttribute('aria-controls'), listboxId);
  assert.match((await options.allTextContents()).join('|'), /退款/);
  // Screen readers hear how many hints there are, once typing pauses.
  const count = await options.count();
  await widget(page, '.visually-hidden[role="status"]').filter({ hasText: `有 ${count} 条提示` }).waitFor({ state: 'attached' });
  await context.close();
});

test('the first screen offers topics for the host page, and the order page offers different ones', async () => {
  const home = await visit('/demo/');
  await openPanel(home.page);
  await widget(home.page, '.topic').first().waitFor();  // shown just after "ready"
  const homeTopics = await widget(home.page, '.topic').allTextContents();
  const order = await visit('/demo/order.html');
  await openPanel(order.page);
  await widget(order.page, '.topic').first().waitFor();
  const orderTopics = await widget(order.page, '.topic').allTextContents();
  assert.ok(homeTopics.length >= 3, `home topics: ${homeTopics}`);
  assert.ok(orderTopics.length >= 3, `order topics: ${orderTopics}`);
  assert.notDeepEqual(orderTopics, homeTopics);
  await home.context.close();
  await order.context.close();
});

test('"快递" asks a clarifying question with the delivery options', async () => {
  const { page, context } = await visit('/demo/');
  await openPanel(page);
  await typeQuestion(page, '快递');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.question').waitFor();
  const options = await widget(page, '.option:not(.none)').allTextContents();
  assert.ok(options.length >= 3 && options.length <= 5, `options: ${options}`);
  assert.ok(options.includes('包裹到哪了'), `options: ${options}`);
  assert.ok(options.includes('丢件或包裹破损'), `options: ${options}`);
  assert.equal(await widget(page, '.option.none').count(), 1, 'a way to a person is among the options');
  await context.close();
});

test('choosing a clarifying option shows the right article', async () => {
  const { page, context } = await visit('/demo/');
  await openPanel(page);
  await typeQuestion(page, '快递');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.option').filter({ hasText: '包裹到哪了' }).click();
  const article = widget(page, 'article.article');
  await article.waitFor();
  assert.equal(await article.getAttribute('data-article'), 'parcel-where');
  assert.match(await article.locator('h3').textContent(), /包裹/);
  assert.ok((await article.locator('.article-body').textContent()).length > 40, 'the article body is rendered');
  const events = (await recorded(page)).events.map((e) => e.type);
  assert.ok(events.includes('choose') && events.includes('opened'), `events: ${events}`);
  await context.close();
});

test('a Traditional Chinese query finds the Simplified article', async () => {
  const { page, context } = await visit('/demo/');
  await openPanel(page);
  await typeQuestion(page, '發票怎麼開');
  await widget(page, 'input[role="combobox"]').press('Enter');
  const article = widget(page, 'article.article');
  await article.waitFor();
  assert.equal(await article.getAttribute('data-article'), 'invoice-request');
  assert.match(await article.locator('h3').textContent(), /发票/);
  await context.close();
});

test('"Did this help?" feedback is recorded and "no" leads to a person', async () => {
  const { page, context } = await visit('/demo/');
  await openPanel(page);
  await typeQuestion(page, '退款多久到账');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.helped').first().waitFor();
  await widget(page, '.helped').nth(1).click();
  await widget(page, '.person-inline').waitFor();
  const feedback = (await recorded(page)).events.find((e) => e.type === 'feedback');
  assert.equal(feedback.helped, false);
  assert.ok(feedback.article);
  await context.close();
});

test('an out-of-scope question offers a person', async () => {
  const { page, context } = await visit('/demo/');
  await openPanel(page);
  await typeQuestion(page, '你们卖火箭发动机吗');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.channels').waitFor();
  const first = widget(page, '.channel').first();
  assert.equal(await first.getAttribute('data-channel'), 'chat');
  assert.match(await first.getAttribute('class'), /recommended/);
  assert.equal(await widget(page, '.channel.phone a.tel').getAttribute('href'), 'tel:4000001234');
  const escalate = (await recorded(page)).events.find((e) => e.type === 'escalate');
  assert.equal(escalate.decision.reason, 'out_of_scope');
  await context.close();
});

test('"转人工" escalates and the host receives a payload that validates against the JSON Schema', async () => {
  const schema = JSON.parse(readFileSync(join(REPO, 'core/schema/handoff.schema.json'), 'utf8'));
  const { page, context } = await visit('/demo/order.html');
  await openPanel(page);
  await typeQuestion(page, '我的手机号13812345678，快递三天没到');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await decided(page);
  await typeQuestion(page, '转人工');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.channels').waitFor();
  assert.equal(await widget(page, '.channel').first().getAttribute('data-channel'), 'chat');
  await widget(page, '.channel[data-channel="chat"] button.channel-action').click();
  // The customer sees the masked summary before anything is handed over.
  const summary = widget(page, '.summary');
  await summary.waitFor();
  const shown = await summary.textContent();
  assert.ok(!shown.includes('13812345678'), 'the phone number is masked in what the customer confirms');
  assert.equal((await recorded(page)).escalations.length, 0, 'nothing is handed over before the customer confirms');
  await widget(page, '.confirm button[type="submit"]').click();
  await page.waitForFunction(() => window.__firstline.escalations.length === 1);
  const [payload] = (await recorded(page)).escalations;
  assert.equal(payload.channel, 'chat');
  assert.deepEqual(validate(schema, payload.handoff), []);
  assert.equal(payload.handoff.personal_data, 'masked');
  assert.ok(!JSON.stringify(payload.handoff).includes('13812345678'));
  assert.equal(payload.handoff.context.page, 'order');
  assert.equal(payload.handoff.context.order_state, 'shipped');
  assert.equal(payload.handoff.recommended_channel.reason, 'explicit_request');
  assert.ok(payload.handoff.conversation.some((turn) => turn.query === '转人工'));
  // The demo's desk took the case: its reference, and the conversation with the agent.
  await widget(page, '.view p.receipt').filter({ hasText: /^您的服务单号：FL-[0-9A-Z]{6}$/ }).waitFor();
  await widget(page, '.chat-form textarea').waitFor();
  assert.ok((await recorded(page)).events.some((e) => e.type === 'handoff' && e.channel === 'chat'));
  await context.close();
});

test('the callback channel asks for a number before handing over', async () => {
  const { page, context } = await visit('/demo/');
  await openPanel(page);
  await widget(page, '.header .person').click();
  await widget(page, '.channel[data-channel="callback"] button.channel-action').click();
  await widget(page, '.confirm button[type="submit"]').click();
  await widget(page, '.form-error').filter({ hasText: '电话号码' }).waitFor();
  assert.equal((await recorded(page)).escalations.length, 0);
  await widget(page, 'input[type="tel"]').fill('138 1234 5678');
  await widget(page, '.confirm button[type="submit"]').click();
  await page.waitForFunction(() => window.__firstline.escalations.length === 1);
  const [payload] = (await recorded(page)).escalations;
  assert.equal(payload.channel, 'callback');
  assert.equal(payload.callback.phone, '138 1234 5678');
  await context.close();
});

test('a closed channel is shown closed with when it opens, and an open one is recommended instead', async () => {
  // Chat is open 08:00-22:00 in Asia/Shanghai; at 23:30 there the panel must say so.
  const { page, context } = await visit('/demo/', { time: '2026-11-24T15:30:00Z' }); // 23:30 in Shanghai
  await openPanel(page);
  await typeQuestion(page, '转人工');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.channels').waitFor();
  const chat = widget(page, '.channel[data-channel="chat"]');
  assert.match(await chat.getAttribute('class'), /closed/);
  assert.match(await chat.textContent(), /明天 08:00/);
  assert.equal(await chat.locator('button').isDisabled(), true);
  const first = widget(page, '.channel').first();
  assert.equal(await first.getAttribute('data-channel'), 'phone', 'the next open channel of the route is recommended first');
  await context.close();
});

test('IME composition triggers nothing until committed', async () => {
  const { page, context } = await visit('/demo/');
  await openPanel(page);
  const input = widget(page, 'input[role="combobox"]');
  await input.focus();
  const cdp = await context.newCDPSession(page);
  for (const text of ['k', 'ku', 'kuai', 'kuaid', '快递']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  // Enter and Escape while composing belong to the IME.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  let log = await recorded(page);
  assert.equal(hintRequests(log).length, 0, 'no hint request while the composition is open');
  assert.equal(log.requests.filter((m) => m.request?.op === 'ask').length, 0, 'Enter during composition asks nothing');
  assert.equal(await widget(page, '.panel').isVisible(), true, 'Escape during composition does not close the panel');
  assert.equal(await widget(page, '[role="listbox"]').isVisible(), false);
  await cdp.send('Input.insertText', { text: '快递' }); // the customer commits the candidate
  await widget(page, '[role="listbox"] [role="option"]').first().waitFor();
  log = await recorded(page);
  assert.deepEqual(hintRequests(log).map((m) => m.request.text), ['快递']);
  assert.equal(await input.inputValue(), '快递');
  await context.close();
});

test('keyboard-only use works: open, type, choose a hint, read, give feedback, close', async () => {
  const { page, context } = await visit('/demo/');
  await widgetState(page);
  await widget(page, '.launcher').waitFor();
  // Tab from the top of the page until the launcher has focus.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.classList.contains('launcher'))) break;
  }
  await page.keyboard.press('Enter');
  await widget(page, '.panel').waitFor({ state: 'visible' });
  await page.keyboard.type('退货');
  await widget(page, '[role="option"]').first().waitFor();
  await page.keyboard.press('ArrowDown');
  const input = widget(page, 'input[role="combobox"]');
  const active = await input.getAttribute('aria-activedescendant');
  assert.ok(active, 'ArrowDown makes an option active');
  assert.equal(await widget(page, `#${active}`).getAttribute('aria-selected'), 'true');
  const chosen = await widget(page, `#${active}`).textContent();
  await page.keyboard.press('Enter');
  await decided(page);
  assert.equal(await input.inputValue(), chosen);
  const focusedHas = (className) => page.evaluate((name) =>
    !!document.querySelector('firstline-help').shadowRoot.activeElement?.classList.contains(name), className);
  const tabTo = async (className) => {
    for (let i = 0; i < 40; i++) {
      if (await focusedHas(className)) return true;
      await page.keyboard.press('Tab');
    }
    return false;
  };
  if (await widget(page, '.question').count()) { // a clarifying question: pick its first option
    assert.ok(await tabTo('option'), 'Tab reaches the clarifying options');
    await page.keyboard.press('Enter');
    await widget(page, 'article.article').waitFor();
  }
  assert.ok(await tabTo('helped'), 'Tab reaches "Did this help?"');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__firstline.events.some((e) => e.type === 'feedback'));
  await page.keyboard.press('Escape');
  await widget(page, '.panel').waitFor({ state: 'hidden' });
  assert.ok(await page.evaluate(() => document.querySelector('firstline-help').shadowRoot.activeElement?.classList.contains('launcher')),
    'focus returns to the launcher');
  await context.close();
});

test('Escape closes the hint list first, then clears the input', async () => {
  const { page, context } = await visit('/demo/');
  await openPanel(page);
  const input = await typeQuestion(page, '退款');
  await widget(page, '[role="option"]').first().waitFor();
  await input.press('Escape');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  assert.equal(await input.inputValue(), '退款');
  await input.press('Escape');
  assert.equal(await input.inputValue(), '');
  assert.equal(await widget(page, '.panel').isVisible(), true);
  await context.close();
});

async function axeViolations(page) {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('axe-core reports no violations on the first screen, an answer, a clarification and the channels', async () => {
  const { page, context } = await visit('/demo/');
  await openPanel(page);
  assert.deepEqual(await axeViolations(page), [], 'first screen');
  await typeQuestion(page, '退款');
  await widget(page, '[role="option"]').first().waitFor();
  assert.deepEqual(await axeViolations(page), [], 'hints open');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await decided(page);
  assert.deepEqual(await axeViolations(page), [], 'answer');
  await typeQuestion(page, '快递');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.question').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'clarification');
  await widget(page, '.header .person').click();
  await widget(page, '.channels').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'channels');
  await context.close();
});

test('axe-core reports no violations in English on a phone, nor in the failure state', async () => {
  const phone = await visit('/demo/en.html', { viewport: { width: 390, height: 844 }, locale: 'en-US' });
  await openPanel(phone.page);
  assert.deepEqual(await axeViolations(phone.page), [], 'English first screen on a phone');
  await typeQuestion(phone.page, 'where is my refund');
  await widget(phone.page, 'input[role="combobox"]').press('Enter');
  await decided(phone.page);
  assert.deepEqual(await axeViolations(phone.page), [], 'English answer on a phone');
  const failed = await visit('/demo/', { route: (p) => p.route('**/firstline-index.json', (route) => route.fulfill({ status: 404, body: '' })) });
  assert.equal(await openPanel(failed.page), 'failed');
  assert.deepEqual(await axeViolations(failed.page), [], 'failure state');
  await phone.context.close();
  await failed.context.close();
});

for (const [how, fulfil] of [
  ['missing (404)', (route) => route.fulfill({ status: 404, body: 'not found' })],
  ['corrupted', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.alloc(64 * 1024, 0x5a) })],
  ['offline', (route) => route.abort('internetdisconnected')],
]) {
  test(`a ${how} index still shows the contact channels`, async () => {
    // The entry file missing or offline; for "corrupted", the start chunk (its copy beside the entry too).
    const target = how === 'corrupted' ? /(\/s|\.start)\.bin$/ : '**/firstline-index.json';
    const { page, context } = await visit('/demo/', { route: (p) => p.route(target, fulfil) });
    assert.equal(await openPanel(page), 'failed');
    assert.match(await widget(page, '.status').textContent(), /暂时无法加载/);
    assert.equal(await widget(page, '.channel.phone a').first().getAttribute('href'), 'tel:4000001234');
    assert.equal(await widget(page, '.channel.email a').first().getAttribute('href'), 'mailto:help@qinghe.example');
    assert.equal(await widget(page, 'input[role="combobox"]').isDisabled(), true);
    const error = (await recorded(page)).events.find((e) => e.type === 'error');
    assert.ok(error?.error?.code, 'an error event names the cause');
    if (how.startsWith('missing')) await page.screenshot({ path: screenshotPath('panel-desktop-zh-Hans-index-missing.png') });
    await context.close();
  });
}

test('an index that never arrives: the channels are reachable while loading, and the panel gives up after the load timeout', async () => {
  const { page, context } = await visit('/demo/', {
    route: async (p) => {
      await p.route('**/demo/', async (route) => {
        const original = await route.fetch();
        route.fulfill({ response: original, body: (await original.text()).replace('data-page="home"', 'data-page="home" data-load-timeout="3000"') });
      });
      await p.route('**/firstline-index.json', () => {}); // never answered
    },
  });
  await widget(page, '.launcher').click();
  await widget(page, '.header .person').click();
  assert.equal(await widget(page, '.channel.phone a').first().getAttribute('href'), 'tel:4000001234');
  assert.equal(await widgetState(page), 'failed');
  const error = (await recorded(page)).events.find((e) => e.type === 'error');
  assert.equal(error.error.code, 'timeout');
  assert.match(await widget(page, '.status').textContent(), /暂时无法加载/);
  await context.close();
});

test('a module that cannot load still shows the contact channels', async () => {
  const { page, context } = await visit('/demo/', { route: (p) => p.route(/firstline-core(\.[0-9a-f]{12})?\.wasm$/, (route) => route.fulfill({ status: 404, body: 'not found' })) });
  assert.equal(await openPanel(page), 'failed');
  assert.equal(await widget(page, '.channel.phone a').first().getAttribute('href'), 'tel:4000001234');
  const error = (await recorded(page)).events.find((e) => e.type === 'error');
  assert.equal(error.error.code, 'module_unavailable');
  await context.close();
});

test('a browser without WebAssembly still shows the contact channels', async () => {
  const { page, context } = await visit('/demo/', { route: (p) => p.addInitScript(() => { delete globalThis.WebAssembly; }) });
  assert.equal(await openPanel(page), 'failed');
  assert.equal(await widget(page, '.channel.phone a').first().getAttribute('href'), 'tel:4000001234');
  await context.close();
});

test('the page\'s console stays clean through a whole conversation', async () => {
  const { page, context, problems } = await visit('/demo/order.html');
  await openPanel(page);
  await typeQuestion(page, '快递');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.option').first().click();
  await widget(page, '.helped').first().click();
  await widget(page, '.header .person').click();
  await widget(page, '.channel[data-channel="chat"] button.channel-action').click();
  await widget(page, '.confirm button[type="submit"]').click();
  await page.waitForFunction(() => window.__firstline.escalations.length === 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a strict CSP page works: no inline script or style, no eval, no violation', async () => {
  const { page, context, response } = await visit('/demo/product.html');
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  assert.equal(await openPanel(page), 'ready');
  await typeQuestion(page, 'where is my refund');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, 'article.article').waitFor();
  assert.deepEqual((await recorded(page)).cspViolations, []);
  await context.close();
});

test('the main thread never runs a query: every request goes to the worker', async () => {
  const { page, context } = await visit('/demo/');
  await openPanel(page);
  await typeQuestion(page, '退款');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await decided(page);
  const log = await recorded(page);
  assert.ok(log.requests.some((m) => m.request?.op === 'ask'));
  assert.equal(await page.evaluate(() => typeof window.createFirstline), 'undefined', 'the module is not loaded on the page');
  await context.close();
});

test('the host\'s styles do not reach the widget, and its theme properties do', async () => {
  const hostile = 'button, li, input { font-size: 40px !important; color: rgb(255, 0, 0) !important; text-transform: uppercase !important; }\n';
  const { page, context } = await visit('/demo/', {
    route: (p) => p.route('**/demo/demo.css', async (route) => {
      const original = await route.fetch();
      route.fulfill({ response: original, body: `${await original.text()}\n${hostile}:root { --firstline-accent: rgb(0, 0, 200); }` });
    }),
  });
  await openPanel(page);
  const style = await widget(page, '.topic').first().evaluate((node) => {
    const s = getComputedStyle(node);
    return { fontSize: s.fontSize, color: s.color };
  });
  assert.notEqual(style.fontSize, '40px');
  assert.notEqual(style.color, 'rgb(255, 0, 0)');
  const accent = await widget(page, '.header').evaluate((node) => getComputedStyle(node).backgroundColor);
  assert.equal(accent, 'rgb(0, 0, 200)');
  // ...and the widget's styles do not reach the page.
  assert.equal(await page.locator('footer').evaluate((node) => getComputedStyle(node).textAlign), 'center');
  await context.close();
});

// Issue 15: a lone UTF-16 surrogate (a broken paste) is text like any other.
test('a lone surrogate in the input still gets hints and an answer, never a bad_request', async () => {
  const { page, context } = await visit('/demo/');
  assert.equal(await openPanel(page), 'ready');
  await page.evaluate(() => {
    const input = document.querySelector('firstline-help').shadowRoot.querySelector('input[role="combobox"]');
    input.value = '\uD800快递';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: '递' }));
  });
  await widget(page, '[role="option"]').first().waitFor();
  await widget(page, 'input[role="combobox"]').press('Enter');
  await decided(page);
  const log = await recorded(page);
  assert.ok(!log.events.some((e) => e.type === 'error'), `no error: ${JSON.stringify(log.events.filter((e) => e.type === 'error'))}`);
  await context.close();
});

test('a pasted query of 1.5 million characters gets a decision, and the next question answers', async () => {
  const { page, context } = await visit('/demo/');
  assert.equal(await openPanel(page), 'ready');
  await page.evaluate(() => {
    const input = document.querySelector('firstline-help').shadowRoot.querySelector('input[role="combobox"]');
    input.value = '我的快递到哪了'.repeat(220000);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
  });
  await widget(page, 'input[role="combobox"]').press('Enter');
  await decided(page);
  await typeQuestion(page, '发票怎么开');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, 'article.article').first().waitFor();
  const log = await recorded(page);
  assert.ok(!log.events.some((e) => e.type === 'error'), `no error: ${JSON.stringify(log.events.filter((e) => e.type === 'error')).slice(0, 400)}`);
  await context.close();
});

/** The demo page with its index given as one whole file (`file`, from the repository) served at ../help/public.db. */
function visitWithWholeIndexFile(file) {
  return visit('/demo/', {
    route: async (p) => {
      await p.route('**/demo/', async (route) => {
        const original = await route.fetch();
        route.fulfill({ response: original, body: (await original.text()).replace('../firstline-index.json', '../help/public.db') });
      });
      await p.route('**/help/public.db', (route) => route.fulfill({
        status: 200, contentType: 'application/octet-stream', body: readFileSync(join(REPO, file)),
      }));
    },
  });
}

test('a whole index file (an app packaging public.db) is downloaded at once and answers', async () => {
  const { page, context } = await visitWithWholeIndexFile('out/index/public.db');
  assert.equal(await openPanel(page), 'ready');
  await typeQuestion(page, '发票怎么开');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, 'article.article').waitFor();
  await context.close();
});

test('the agent index published in place of the public one is refused: no internal text, and the channels', async () => {
  // A host published agent.db and pointed its page at it.
  const { page, context } = await visitWithWholeIndexFile('out/index/agent.db');
  assert.equal(await openPanel(page), 'failed');
  assert.equal(await widget(page, '.channel.phone a').first().getAttribute('href'), 'tel:4000001234');
  const error = (await recorded(page)).events.find((e) => e.type === 'error');
  assert.equal(error?.error?.code, 'index_wrong_artifact');
  await context.close();
});

// The index is read by need (web/index-reader.js): a chunk fetched mid-session can fail.
test('a chunk that fails mid-session shows a clear message and the contact channels, and the next question answers', async () => {
  const { page, context } = await visit('/demo/');
  assert.equal(await openPanel(page), 'ready');
  const block = (route) => route.abort('internetdisconnected');
  await page.route(/\/public\.[0-9a-f]{16}\/\d+\.bin$/, block);
  await typeQuestion(page, '发票怎么开');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.channel.phone a').first().waitFor();
  assert.match(await widget(page, '.status').textContent(), /部分帮助内容没能加载/);
  assert.equal(await widget(page, '.channel.phone a').first().getAttribute('href'), 'tel:4000001234');
  assert.equal(await widget(page, 'input[role="combobox"]').isDisabled(), false, 'the customer can try again');
  const error = (await recorded(page)).events.find((e) => e.type === 'error');
  assert.equal(error?.error?.code, 'index_unavailable');
  await page.screenshot({ path: screenshotPath('panel-desktop-zh-Hans-chunk-failed.png') });
  await page.unroute(/\/public\.[0-9a-f]{16}\/\d+\.bin$/, block);
  await typeQuestion(page, '发票怎么开');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, 'article.article').waitFor();
  await context.close();
});

test('a chunk of another build (a half-published update) is detected: the customer gets the channels, not a wrong answer', async () => {
  const { page, context } = await visit('/demo/');
  assert.equal(await openPanel(page), 'ready');
  // The host's CDN now serves chunks of some other build under this build's names.
  await page.route(/\/public\.[0-9a-f]{16}\/\d+\.bin$/, async (route) => {
    const original = await route.fetch();
    const body = Buffer.from(await original.body());
    body[8] = body[8] === 0x30 ? 0x31 : 0x30;  // the build id in the chunk's header
    route.fulfill({ response: original, body });
  });
  await typeQuestion(page, '发票怎么开');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.channel.phone a').first().waitFor();
  assert.equal(await widget(page, 'article.article').count(), 0, 'no answer from a mixed index');
  const error = (await recorded(page)).events.find((e) => e.type === 'error');
  assert.equal(error?.error?.code, 'index_mismatch');
  await context.close();
});

test('a start chunk copy beside the entry of another build, or none, is passed over for the build\'s own', async () => {
  for (const serveCopy of [
    async (route) => {  // a copy one publish behind (its build id is another)
      const original = await route.fetch();
      const body = Buffer.from(await original.body());
      body[8] = body[8] === 0x30 ? 0x31 : 0x30;
      route.fulfill({ response: original, body });
    },
    (route) => route.fulfill({ status: 404, body: 'not found' }),  // a host that publishes no copy
  ]) {
    const fetched = [];
    const { page, context } = await visit('/demo/', {
      route: async (p) => {
        p.on('request', (request) => fetched.push(new URL(request.url()).pathname));
        await p.route('**/firstline-index.start.bin', serveCopy);
      },
    });
    assert.equal(await openPanel(page), 'ready');
    assert.ok(fetched.some((path) => /\/public\.[0-9a-f]{16}\/s\.bin$/.test(path)), 'the build\'s own start chunk');
    await typeQuestion(page, '发票怎么开');
    await widget(page, 'input[role="combobox"]').press('Enter');
    await widget(page, 'article.article').waitFor();
    await context.close();
  }
});

const CHUNK_FILE = /\/public\.[0-9a-f]{16}\/r?\d+\.bin$/;

/** Asks `question` on `page` and waits for the answer; returns the chunk files requested meanwhile. */
async function chunksAsking(page, question) {
  const requested = [];
  const note = (request) => { if (CHUNK_FILE.test(new URL(request.url()).pathname)) requested.push(request.url()); };
  page.on('request', note);
  await typeQuestion(page, question);
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, 'article.article').waitFor();
  page.off('request', note);
  return requested;
}

/** The entries of the widget's Cache Storage ("firstline-recent"), as the page sees them. */
const keptRecords = (page) => page.evaluate(async () =>
  (await caches.has('firstline-recent')) ? (await (await caches.open('firstline-recent')).keys()).map((r) => r.url) : []);

test('a second page view reads the chunks earlier questions read from one kept record: the same question requests no chunk', async () => {
  const { page, context } = await visit('/demo/');
  assert.equal(await openPanel(page), 'ready');
  const fetched = await chunksAsking(page, '发票怎么开');
  assert.ok(fetched.length > 0, 'the first view fetched the question\'s chunks');
  // The record (web/index-reader.js `recent`) is written at most once a second: wait until it holds them all.
  const numbers = fetched.map((url) => Number(/\/r?(\d+)\.bin$/.exec(url)[1]));
  const keptChunks = () => page.evaluate(async () => {
    const response = (await caches.has('firstline-recent')) && await (await caches.open('firstline-recent')).match('/firstline-index.recent');
    if (!response) return [];
    const record = new DataView(await response.arrayBuffer());
    return Array.from({ length: record.getUint32(20) }, (_, i) => record.getUint32(24 + 4 * i));
  });
  let kept = await keptChunks();
  for (let waited = 0; !numbers.every((n) => kept.includes(n)); waited += 100) {
    assert.ok(waited < 10000, `the record holds ${kept} after 10 s, not all of ${numbers}`);
    await page.waitForTimeout(100);
    kept = await keptChunks();
  }
  assert.deepEqual((await keptRecords(page)).map((url) => new URL(url).pathname), ['/firstline-index.recent']);

  await page.reload();
  assert.equal(await openPanel(page), 'ready');
  assert.deepEqual(await chunksAsking(page, '发票怎么开'), [], 'no chunk requested, not even from the HTTP cache');
  assert.match(await widget(page, 'article.article h3').first().textContent(), /发票/);
  await context.close();
});

test('with data-storage="none" nothing is kept in Cache Storage, and a second view reads its chunks from the HTTP cache', async () => {
  const { page, context } = await visit('/demo/', {
    route: (p) => p.route('**/demo/', async (route) => {
      const original = await route.fetch();
      route.fulfill({ response: original, body: (await original.text()).replace('data-page="home"', 'data-page="home" data-storage="none"') });
    }),
  });
  assert.equal(await openPanel(page), 'ready');
  assert.ok((await chunksAsking(page, '发票怎么开')).length > 0);
  await page.waitForTimeout(300);  // a write, were there one, would be done
  await page.reload();
  assert.equal(await openPanel(page), 'ready');
  assert.ok((await chunksAsking(page, '发票怎么开')).length > 0, 'the chunks were requested again');
  assert.deepEqual(await page.evaluate(() => caches.keys()), [], 'no cache was even opened');
  await context.close();
});

test('with data-load="open" nothing is downloaded until the panel is first opened', async () => {
  const downloads = [];
  const { page, context } = await visit('/demo/', {
    route: async (p) => {
      p.on('request', (request) => downloads.push(new URL(request.url()).pathname));
      await p.route('**/demo/', async (route) => {
        const original = await route.fetch();
        route.fulfill({ response: original, body: (await original.text()).replace('data-page="home"', 'data-page="home" data-load="open"') });
      });
    },
  });
  await widget(page, '.launcher').waitFor();
  await page.waitForTimeout(500);
  assert.ok(!downloads.some((path) => /firstline-index|\.bin$|firstline-core|worker\.js/.test(path)), `downloaded early: ${downloads}`);
  assert.equal(await openPanel(page), 'ready');
  assert.ok(downloads.includes('/firstline-index.json'));
  await widget(page, '.topic').first().waitFor();
  await context.close();
});

test('a one-tag host opens the panel from its own link through the element', async () => {
  const { page, context } = await visit('/demo/product.html');
  await widgetState(page);
  await widget(page, '.launcher').waitFor();
  assert.equal(await widget(page, '.panel').isVisible(), false);
  await page.click('a[data-open-help]');
  await widget(page, '.panel').waitFor({ state: 'visible' });
  assert.equal(await widget(page, '.launcher').getAttribute('aria-expanded'), 'true');
  const topics = await widget(page, '.topic').allTextContents();
  assert.ok(topics.length >= 3, `product page topics: ${topics}`);
  await context.close();
});

test('the <firstline-help> element mounts the panel inline', async () => {
  const { page, context } = await visit('/demo/help.html');
  assert.equal(await widgetState(page), 'ready');
  assert.equal(await widget(page, '.launcher').count(), 0);
  await widget(page, '.topic').first().waitFor();
  await typeQuestion(page, '发票');
  await widget(page, '[role="option"]').first().waitFor();
  await context.close();
});

test('the widget speaks the page\'s language: English on an English page, Traditional Chinese when configured', async () => {
  const english = await visit('/demo/en.html');
  await openPanel(english.page);
  assert.equal(await widget(english.page, '.title').textContent(), 'Help');
  assert.equal(await widget(english.page, '.header .person').textContent(), 'Talk to a person');
  const traditional = await visit('/demo/help.html', {
    route: (p) => p.route('**/demo/help.html', async (route) => {
      const original = await route.fetch();
      route.fulfill({ response: original, body: (await original.text()).replace('page="help"', 'page="help" locale="zh-Hant"') });
    }),
  });
  await widgetState(traditional.page);
  assert.equal(await widget(traditional.page, '.header .person').textContent(), '聯絡真人客服');
  await english.context.close();
  await traditional.context.close();
});

test('nothing is sent over the network unless the host configured it', async () => {
  // The order page without its desk (data-desk): no events, no handoff, no question to a desk.
  const { page, context } = await visit('/demo/order.html', {
    route: (p) => p.route('**/demo/order.html', async (route) => {
      const original = await route.fetch();
      route.fulfill({ response: original, body: (await original.text()).replace(' data-desk="/api/"', '') });
    }),
  });
  const posts = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET' || new URL(request.url()).pathname.startsWith('/api/')) posts.push(request.url());
  });
  await openPanel(page);
  await typeQuestion(page, '转人工');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.channel[data-channel="chat"] button.channel-action').click();
  await widget(page, '.confirm button[type="submit"]').click();
  await page.waitForFunction(() => window.__firstline.escalations.length === 1);
  assert.deepEqual(posts, []);
  await context.close();
});

test('the panel is captured in screenshots: desktop and phone, zh-Hans and en, from the first screen to the handoff summary', async () => {
  const shots = [
    ['desktop', { width: 1280, height: 860 }],
    ['phone', { width: 390, height: 844 }],
  ];
  for (const [device, viewport] of shots) {
    for (const [locale, path, query] of [['zh-Hans', '/demo/order.html', '快递'], ['en', '/demo/en.html', 'where is my refund']]) {
      const { page, context } = await visit(path, { viewport });
      await openPanel(page);
      await page.screenshot({ path: screenshotPath(`panel-${device}-${locale}-first-screen.png`) });
      await typeQuestion(page, query.slice(0, -1));
      await widget(page, '[role="option"]').first().waitFor();
      await page.screenshot({ path: screenshotPath(`panel-${device}-${locale}-hints.png`) });
      await typeQuestion(page, query);
      await widget(page, 'input[role="combobox"]').press('Enter');
      await decided(page);
      await page.screenshot({ path: screenshotPath(`panel-${device}-${locale}-answer.png`) });
      if (device === 'phone') {
        const box = await widget(page, '.panel').boundingBox();
        assert.ok(box.width >= viewport.width - 1, `the panel fills the phone's width (${box.width})`);
      }
      await widget(page, '.header .person').click();
      await widget(page, '.channels').waitFor();
      await page.screenshot({ path: screenshotPath(`panel-${device}-${locale}-channels.png`) });
      await widget(page, '.channel-action').first().click();
      await widget(page, '.summary').waitFor();
      await page.screenshot({ path: screenshotPath(`panel-${device}-${locale}-handoff-summary.png`) });
      await context.close();
    }
  }
});

test('a host using init() gets the first screen for its context, follows setContext, and receives the handoff through onEscalate', async () => {
  const { page, context } = await visit('/demo/app.html');
  assert.equal(await widgetState(page), 'ready');
  await widget(page, '.topic').first().waitFor();
  const shipped = await widget(page, '.topic').allTextContents();
  await page.selectOption('#order-state', 'unpaid');
  await page.waitForFunction((before) => {
    const topics = [...document.querySelector('firstline-help').shadowRoot.querySelectorAll('.topic')].map((n) => n.textContent);
    return topics.length > 0 && topics.join('|') !== before;
  }, shipped.join('|'));
  await typeQuestion(page, '转人工');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.channel[data-channel="chat"] button.channel-action').click();
  await widget(page, '.confirm button[type="submit"]').click();
  await page.locator('#host-log li', { hasText: 'onEscalate: chat' }).waitFor();
  await widget(page, '.view p').filter({ hasText: '已转交在线客服' }).waitFor();
  await context.close();
});

test('the hints and ask events carry the question with its phone number masked', async () => {
  const { page, context } = await visit('/demo/order.html');
  await openPanel(page);
  await typeQuestion(page, '我的手机号138 1234 5678，快递三天没到');
  await page.waitForFunction(() => window.__firstline.events.some((e) => e.type === 'hints'));
  await widget(page, 'input[role="combobox"]').press('Enter');
  await decided(page);
  await page.waitForFunction(() => window.__firstline.events.some((e) => e.type === 'ask'));
  const { events } = await recorded(page);
  const carried = JSON.stringify(events);
  for (const digits of ['13812345678', '138 1234 5678', '1234 5678']) assert.ok(!carried.includes(digits), `no ${digits} in ${carried}`);
  const ask = events.find((e) => e.type === 'ask');
  assert.equal(ask.query, '我的手机号[phone]，快递三天没到');
  assert.ok(events.filter((e) => e.type === 'hints').every((e) => !/\d{4}/.test(e.query)), carried);
  await context.close();
});

test('the summary to confirm says what is masked, and never says so when the host included personal data', async () => {
  const { page, context } = await visit('/demo/order.html');
  await openPanel(page);
  await typeQuestion(page, '我的手机13812345678，转人工');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.channel[data-channel="chat"] button.channel-action').click();
  await widget(page, '.summary').waitFor();
  const masked = await widget(page, 'p.intro').textContent();
  assert.match(masked, /电话号码、邮箱、身份证号、银行卡号和详细地址.*已遮盖/);
  assert.ok(!(await widget(page, '.summary').textContent()).includes('13812345678'));
  await context.close();

  // A host that opted in (init({includePersonalData: true})): the intro says the data goes as written.
  const included = await visit('/demo/app.html', {
    route: async (p) => {
      await p.route('**/demo/app.js', async (route) => {
        const original = await route.fetch();
        route.fulfill({ response: original, body: (await original.text()).replace("channels: 'channels.json',", "channels: 'channels.json', includePersonalData: true,") });
      });
    },
  });
  await widgetState(included.page, 'ready');
  await typeQuestion(included.page, '我的手机13812345678，转人工');
  await widget(included.page, 'input[role="combobox"]').press('Enter');
  await widget(included.page, '.channel[data-channel="chat"] button.channel-action').click();
  await widget(included.page, '.summary').waitFor();
  const intro = await widget(included.page, 'p.intro').textContent();
  assert.match(intro, /原样转交/);
  assert.ok(!intro.includes('遮盖') && !intro.includes('隐藏'), intro);
  assert.ok((await widget(included.page, '.summary').textContent()).includes('13812345678'));
  await included.context.close();
});

test('after a handoff the panel promises only what the receiving desk promised, with its case number', async () => {
  const visitWith = (answer) => visit('/demo/order.html', {
    route: async (p) => {
      await p.route('**/demo/order.html', async (route) => {
        const original = await route.fetch();
        route.fulfill({ response: original, body: (await original.text()).replace('data-page="order"', 'data-page="order" data-handoff-url="/handoff"') });
      });
      await p.route('**/handoff', (route) => route.fulfill(answer));
    },
  });
  const handOver = async (page) => {
    await openPanel(page);
    await widget(page, '.header .person').click();
    await widget(page, '.channel[data-channel="chat"] button.channel-action').click();
    await widget(page, '.confirm button[type="submit"]').click();
    await widget(page, '.view p').filter({ hasText: '已转交在线客服' }).or(widget(page, '.view p.receipt')).first().waitFor();
  };
  const desk = await visitWith({
    status: 201, contentType: 'application/json',
    body: JSON.stringify({ reference: 'FL-7K3M9Q', token: 'x'.repeat(43), promise: { kind: 'chat', mode: 'when_an_agent_signs_in', text: '<img src=x onerror=alert(1)>现在没有客服在线，客服上线后会在这里回复您。' } }),
  });
  await handOver(desk.page);
  assert.equal(await widget(desk.page, '.view p.receipt').textContent(), '您的服务单号：FL-7K3M9Q');
  assert.match(await widget(desk.page, '.view p.promise').textContent(), /^<img src=x onerror=alert\(1\)>现在没有客服在线/);
  assert.equal(await widget(desk.page, '.view p.promise img').count(), 0, 'the promise is text, never markup');
  await desk.page.screenshot({ path: screenshotPath('panel-desktop-zh-Hans-handoff-receipt.png') });
  await desk.context.close();
  // A receiver that says nothing: handed over, and no promise of when someone replies.
  const plain = await visitWith({ status: 204 });
  await handOver(plain.page);
  const said = await widget(plain.page, '.view').textContent();
  assert.ok(!/会在这里|尽快|分钟内|小时内/.test(said), said);
  assert.equal(await widget(plain.page, '.view p.receipt').count(), 0);
  await plain.context.close();
});

test('a host that configures events and handoff URLs receives them as JSON POSTs', async () => {
  const posted = { events: [], handoffs: [] };
  const { page, context } = await visit('/demo/order.html', {
    route: async (p) => {
      await p.route('**/demo/order.html', async (route) => {
        const original = await route.fetch();
        route.fulfill({ response: original, body: (await original.text()).replace('data-page="order"', 'data-page="order" data-events="/collect" data-handoff-url="/handoff"') });
      });
      await p.route('**/collect', (route) => { posted.events.push(...[].concat(route.request().postDataJSON())); route.fulfill({ status: 204 }); });
      await p.route('**/handoff', (route) => { posted.handoffs.push(route.request().postDataJSON()); route.fulfill({ status: 204 }); });
    },
  });
  await openPanel(page);
  await typeQuestion(page, '快递');
  await widget(page, 'input[role="combobox"]').press('Enter');
  await widget(page, '.option').filter({ hasText: '包裹到哪了' }).click();
  await widget(page, 'article.article').waitFor();
  await widget(page, '.header .person').click();
  await widget(page, '.channel[data-channel="chat"] button.channel-action').click();
  await widget(page, '.confirm button[type="submit"]').click();
  await widget(page, '.view p').filter({ hasText: '已转交在线客服' }).waitFor();
  await page.waitForTimeout(200);
  const types = posted.events.map((e) => e.type);
  for (const type of ['ready', 'ask', 'choose', 'opened', 'escalate', 'handoff']) assert.ok(types.includes(type), `${type} in ${types}`);
  for (const event of posted.events) {
    assert.equal(typeof event.at, 'string');
    assert.ok(!Number.isNaN(Date.parse(event.at)));
    assert.equal(event.locale, 'zh-Hans');
    assert.match(event.session, /^s-/);
  }
  const ask = posted.events.find((e) => e.type === 'ask');
  assert.equal(ask.query, '快递');
  assert.equal(ask.decision.kind, 'clarify');
  assert.ok(ask.decision.intents.every((i) => typeof i.id === 'string' && typeof i.confidence === 'number'));
  assert.equal(posted.handoffs.length, 1);
  assert.equal(posted.handoffs[0].channel, 'chat');
  assert.equal(posted.handoffs[0].handoff.schema, 'firstline.handoff');
  await context.close();
});
