// The customer's half of the human side, end to end: the widget on the demo
// site, the real handoff desk behind the demo server's /api/ (as
// scripts/demo.sh runs them), and an agent who uses the desk's agent API (the
// console's own browser test signs in through the console). Each test is a
// sentence about what the customer sees. The times printed (confirm → case in
// the agent's queue, agent's reply → on the customer's screen) are
// measurements, not assertions; bench/REPORT.md's desk section quotes them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openPanel, screenshotPath, serve, startDesk, widget, widgetState } from './lib/harness.mjs';

const AGENT = { name: 'ana', password: 'a long password for ana' };

let desk;
let server;
let browser;

before(async () => {
  desk = await startDesk({ agents: [AGENT] });
  server = await serve(undefined, { desk: desk.url });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await desk?.stop();
});

/** The agent's side of the desk's HTTP API (desk/README.md), with a bearer session as the native console holds. */
class Agent {
  static async signIn() {
    const answer = await fetch(`${desk.url}/api/agent/sign-in`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(AGENT),
    });
    assert.equal(answer.status, 200, await answer.clone().text());
    return new Agent((await answer.json()).token);
  }

  constructor(token) { this.token = token; }

  async call(path, body) {
    const answer = await fetch(`${desk.url}/api/agent/${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { Authorization: `Bearer ${this.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await answer.json();
    assert.ok(answer.ok, `${path}: ${answer.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** Waits (long polls the queue) until a case with `reference` is in it; resolves to its entry. */
  async waitForCase(reference) {
    let version = -1;
    for (;;) {
      const queue = await this.call(`queue?after=${version}&wait=10`);
      const entry = queue.cases.find((c) => c.reference === reference);
      if (entry) return entry;
      version = queue.version;
    }
  }
}

async function visit(path) {
  const visit = await openPage(browser, `${server.url}${path}`);
  await openPanel(visit.page);
  return visit;
}

/** The customer asks for a person (in words, or with the header's button), picks live chat and reaches the confirm screen. */
async function toChatConfirm(page, question) {
  if (question) {
    const input = widget(page, 'input[role="combobox"]');
    await input.fill(question);
    await input.press('Enter');
  } else {
    await widget(page, '.header .person').click();
  }
  await widget(page, '.channel[data-channel="chat"] button.channel-action').click();
  await widget(page, '.confirm button[type="submit"]').waitFor();
}

const referenceOf = async (page) => (await widget(page, '.view p.receipt').textContent()).match(/FL-[0-9A-Z]{6}/)[0];

test('before confirming live chat with nobody signed in, the panel says so in the desk\'s words', async () => {
  const { page, context } = await visit('/demo/order.html');
  await toChatConfirm(page);
  const notice = widget(page, '.desk-notice');
  await notice.waitFor();
  const said = await notice.textContent();
  // No agent has signed in to this desk yet: no time is promised (or the channel is closed now, and it says when it opens).
  assert.match(said, /没有客服在线|下班|开始服务|营业|上线/, said);
  assert.doesNotMatch(said, /马上|立即|分钟内/, said);
  await page.screenshot({ path: screenshotPath('panel-desktop-zh-Hans-chat-confirm-nobody-signed-in.png') });
  await context.close();
});

test('a chat handoff reaches the desk, the agent\'s reply appears in the open panel, and the customer\'s answer reaches the agent', async () => {
  const agent = await Agent.signIn();
  const { page, context, problems } = await visit('/demo/order.html');
  await toChatConfirm(page, '我的手机13812345678，快递三天没到，转人工');
  const confirmedAt = Date.now();
  await widget(page, '.confirm button[type="submit"]').click();
  await widget(page, '.view p.receipt').waitFor();
  const reference = await referenceOf(page);
  const entry = await agent.waitForCase(reference);
  const inQueueMs = Date.now() - confirmedAt;
  assert.equal(entry.channel, 'chat');
  assert.equal(entry.status, 'waiting');
  assert.ok(!entry.summary.includes('13812345678'), 'the desk keeps the summary masked');
  await widget(page, '.chat-status[data-status="waiting"]').waitFor();

  await agent.call(`cases/${reference}/claim`, {});
  await widget(page, '.chat-status[data-status="with_agent"]').waitFor();
  const repliedAt = Date.now();
  await agent.call(`cases/${reference}/messages`, { text: '您好，我是客服小安。<b>我</b>来帮您查这个包裹。' });
  const reply = widget(page, '.message.agent .text');
  await reply.waitFor();
  const replyShownMs = Date.now() - repliedAt;
  assert.equal(await reply.textContent(), '您好，我是客服小安。<b>我</b>来帮您查这个包裹。');
  assert.equal(await widget(page, '.message.agent b').count(), 0, 'the agent\'s text is text, never markup');

  // The customer answers; an IME's Enter (composing) does not send, a plain Enter does.
  const field = widget(page, '.chat-form textarea');
  await field.fill('单号是 SF1234567890，谢谢');
  await field.press('Enter');
  await widget(page, '.message.customer .text').filter({ hasText: 'SF1234567890' }).waitFor();
  assert.equal(await field.inputValue(), '');
  const { case: seen } = await agent.call(`cases/${reference}`);
  assert.deepEqual(seen.messages.map((m) => [m.from, m.text]), [
    ['agent', '您好，我是客服小安。<b>我</b>来帮您查这个包裹。'],
    ['customer', '单号是 SF1234567890，谢谢'],
  ]);
  await page.screenshot({ path: screenshotPath('panel-desktop-zh-Hans-chat-with-agent.png') });
  console.log(`# desk chat: confirm → case in the agent's queue ${inQueueMs} ms; agent's reply → on the customer's screen ${replyShownMs} ms`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reload finds the conversation again, and a closed case ends it', async () => {
  const agent = await Agent.signIn();
  const { page, context } = await visit('/demo/order.html');
  await toChatConfirm(page);
  await widget(page, '.confirm button[type="submit"]').click();
  await widget(page, '.view p.receipt').waitFor();
  const reference = await referenceOf(page);
  await agent.waitForCase(reference);
  await agent.call(`cases/${reference}/claim`, {});
  await agent.call(`cases/${reference}/messages`, { text: '已经帮您催了快递，今天会送到。' });
  await widget(page, '.message.agent').waitFor();

  await page.reload();
  await openPanel(page);
  await widget(page, '.message.agent .text').filter({ hasText: '已经帮您催了快递' }).waitFor();
  assert.equal(await referenceOf(page), reference);
  assert.equal(await widget(page, '.header .person').textContent(), '回到与客服的对话');

  // Asking something else leaves the conversation; the header's button leads back to it.
  const input = widget(page, 'input[role="combobox"]');
  await input.fill('退款多久到账');
  await input.press('Enter');
  await widget(page, 'article.article').waitFor();
  await widget(page, '.header .person').click();
  await widget(page, '.message.agent').waitFor();

  await agent.call(`cases/${reference}/close`, { outcome: 'resolved' });
  await widget(page, '.chat-status[data-status="closed"]').waitFor();
  assert.equal(await widget(page, '.chat-form').isHidden(), true);
  await page.screenshot({ path: screenshotPath('panel-desktop-zh-Hans-chat-closed.png') });
  // Closed: a reload starts afresh, with the topics.
  await page.reload();
  assert.equal(await openPanel(page), 'ready');
  await widget(page, '.topic').first().waitFor();
  assert.equal(await widget(page, '.chat-form').count(), 0);
  await context.close();
});

test('a desk that stops answering is retried, and the conversation goes on when it is back', async () => {
  const agent = await Agent.signIn();
  const { page, context } = await visit('/demo/order.html');
  await toChatConfirm(page);
  await widget(page, '.confirm button[type="submit"]').click();
  await widget(page, '.view p.receipt').waitFor();
  const reference = await referenceOf(page);
  await agent.waitForCase(reference);
  // The page loses the desk for a while (the demo server answers 502 for /api/).
  await page.route('**/api/cases/**', (route) => route.fulfill({ status: 502, contentType: 'application/json', body: '{}' }));
  await agent.call(`cases/${reference}/claim`, {});
  await widget(page, '.chat-note').filter({ hasText: '正在重新连接' }).waitFor({ timeout: 20000 });
  await page.unroute('**/api/cases/**');
  await agent.call(`cases/${reference}/messages`, { text: '网络恢复了吗？我还在。' });
  await widget(page, '.message.agent .text').filter({ hasText: '我还在' }).waitFor({ timeout: 40000 });
  assert.equal(await widget(page, '.chat-note').textContent(), '');
  await context.close();
});

test('the demo server passes /api/ to the desk for its own pages only', async () => {
  const post = (origin) => fetch(`${server.url}/api/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify([{ type: 'ready', at: new Date().toISOString(), locale: 'zh-Hans', session: 's-origin-test' }]),
  });
  assert.equal((await post('https://elsewhere.example')).status, 403);
  const own = await post(server.url);
  assert.equal(own.status, 202, await own.clone().text());
  assert.deepEqual(await own.json(), { stored: 1 });
});
