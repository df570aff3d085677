// What the customer reads around a handoff, in headless Chromium on the built
// demo site, in the three locales: why a person is suggested for every
// escalation reason, what each channel is for, the summary they confirm for
// every channel, and what happens next. None of it is the agent's wording.
// Screenshots (build/artifacts/screenshots/):
//   reason-<reason>-<locale>.png        the escalation screen of each reason
//   confirm-<channel>-<locale>.png      the summary to confirm, for each channel
//   next-<channel>-<locale>.png         what happens after confirming it
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openPanel, recorded, screenshotPath, serve, widget } from './lib/harness.mjs';
import { startDesk } from './lib/desk.mjs';
import { strings } from '../../web/widget/strings.js';

let desk;
let server;
let browser;

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

/**
 * The demo page of `locale` (zh-Hant is the order page with data-locale),
 * with `attributes` added to its widget tag (e.g. data-previous-contacts).
 */
async function visit(locale, attributes = '', options = {}) {
  const path = locale === 'en' ? '/demo/en.html' : '/demo/order.html';
  const page = locale === 'en' ? 'data-page="home"' : 'data-page="order"';
  const extra = `${locale === 'zh-Hant' ? ' data-locale="zh-Hant"' : ''}${attributes ? ` ${attributes}` : ''}`;
  const visit = await openPage(browser, `${server.url}${path}`, {
    ...options,
    route: extra ? async (p) => {
      await p.route(`**${path}`, async (route) => {
        const original = await route.fetch();
        const body = (await original.text()).replace(page, `${page}${extra}`)
          .replace('<html lang="zh-Hans">', locale === 'zh-Hant' ? '<html lang="zh-Hant">' : '<html lang="zh-Hans">');
        route.fulfill({ response: original, body });
      });
    } : undefined,
  });
  assert.equal(await openPanel(visit.page), 'ready');
  return visit;
}

async function ask(page, text) {
  const input = widget(page, 'input[role="combobox"]');
  await input.fill(text);
  await input.press('Enter');
}

/** Words that are the agent's, never the customer's: the core's notes, level codes, confidences, channel ids. */
const AGENT_WORDING = ['客户情绪激动', '需要安抚', '客戶情緒激動', '需要安撫', '知识库', '知識庫', 'knowledge base',
  'The customer', '客户要求', '客戶要求', '关键时刻', '關鍵時刻', '[L', '%', '建议：', 'route:', '问题级别', '問題級別',
  'Problem level', '未识别', 'Unrecognised',
  // escalation.yaml's agent texts of the channels
  '目标 1 分钟内接入', '目標 1 分鐘內接通', 'pick up within', '优先处理紧急情况', '優先處理緊急情況', 'urgent matters first',
  '见 callback', '見 callback', 'see callback', '邮件工单', '郵件工單', 'Email case'];

/** The panel's visible text, with the channels' own addresses (an email address is not a channel id). */
async function panelText(page) {
  return (await widget(page, '.panel').innerText()).replace(/help@qinghe\.example/g, '');
}

function assertCustomerWording(text, locale, where) {
  for (const words of AGENT_WORDING) assert.ok(!text.includes(words), `${where}: "${words}" in\n${text}`);
  // A channel id as a word ("chat", "callback"): the Chinese panels name channels by their labels only.
  if (locale !== 'en') assert.doesNotMatch(text, /\b(chat|phone|callback|email)\b/i, `${where}: a channel id in\n${text}`);
  // In English the labels hold such words ("Live chat", "Request a callback"): an id alone, or after a colon.
  else assert.doesNotMatch(text, /(^|\n|: ?)(chat|phone|callback|email)(\n|$|[;,)])/, `${where}: a channel id in\n${text}`);
}

// A question per escalation reason and locale; `attributes` set up the host's context.
const REASONS = {
  explicit_request: { 'zh-Hans': '转人工', 'zh-Hant': '轉人工', en: 'talk to an agent' },
  urgent: { 'zh-Hans': '我的银行卡被盗刷了', 'zh-Hant': '我的銀行卡被盜刷了', en: 'my card was stolen' },
  human_only: { 'zh-Hans': '我要求赔偿损失', 'zh-Hant': '我要求賠償損失', en: 'I want compensation' },
  emotional: { 'zh-Hans': '你们这什么破服务，气死我了，我要投诉', 'zh-Hant': '你們這什麼破服務，氣死我了，我要投訴', en: 'this service is a joke, I am furious' },
  repeated: { 'zh-Hans': '我的快递到哪了', 'zh-Hant': '我的包裹到哪了', en: 'where is my parcel', attributes: 'data-previous-contacts="2"' },
  out_of_scope: { 'zh-Hans': '你们卖二手汽车吗', 'zh-Hant': '你們賣二手汽車嗎', en: 'do you sell used cars' },
};
const LOCALES = ['zh-Hans', 'zh-Hant', 'en'];

test('every escalation reason tells the customer why a person, in their terms and the page\'s language, with each channel\'s customer text', async () => {
  for (const locale of LOCALES) {
    const t = strings(locale);
    for (const [reason, questions] of Object.entries(REASONS)) {
      const { page, context, problems } = await visit(locale, questions.attributes);
      await ask(page, questions[locale]);
      await widget(page, '.channels').waitFor();
      const escalate = (await recorded(page)).events.find((e) => e.type === 'escalate');
      assert.equal(escalate?.decision.reason, reason, `${locale} "${questions[locale]}"`);
      assert.equal(await widget(page, 'p.explanation').textContent(), t.reasons[reason], `${locale} ${reason}`);
      const descriptions = await widget(page, '.channel-description').allTextContents();
      assert.equal(descriptions.length, 4, `${locale} ${reason}: every channel says what it is for`);
      assert.ok(descriptions.every((d) => d.length > 5), `${locale}: ${descriptions}`);
      assertCustomerWording(await panelText(page), locale, `${locale} ${reason}`);
      await page.screenshot({ path: screenshotPath(`reason-${reason}-${locale}.png`) });
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('a query in Latin letters on a Chinese page keeps the panel\'s own words Chinese', async () => {
  for (const locale of ['zh-Hans', 'zh-Hant']) {
    const { page, context } = await visit(locale);
    await ask(page, '<div class="order">xyzzy plugh</div>');
    await widget(page, '.channels').waitFor();
    assert.equal(await widget(page, 'p.explanation').textContent(), strings(locale).reasons.out_of_scope);
    const text = await panelText(page);
    assert.doesNotMatch(text.replace('<div class="order">xyzzy plugh</div>', ''), /\b(the|The|you|knowledge)\b/, text);
    await context.close();
  }
});

const CHANNELS = ['chat', 'phone', 'callback', 'email'];
const FIRST_QUESTION = { 'zh-Hans': '我的快递到哪了', 'zh-Hant': '我的包裹到哪了', en: 'where is my parcel' };

test('every channel\'s summary to confirm is plain sentences of what the customer asked, tried and wants, and the next screen follows', async () => {
  for (const locale of LOCALES) {
    const t = strings(locale);
    // A chat handoff becomes the conversation with the agent: each channel from a page of its own.
    for (const channel of CHANNELS) {
      const { page, context, problems } = await visit(locale);
      // The customer asks, reads the answer and says it did not help.
      await ask(page, FIRST_QUESTION[locale]);
      const article = widget(page, 'article.article');
      await article.waitFor();
      const title = await article.locator('h3').textContent();
      await widget(page, '.feedback button').filter({ hasText: t.helpedNo }).click();
      await widget(page, '.header .person').click();
      await widget(page, '.channels').waitFor();
      await widget(page, `.channel[data-channel="${channel}"] button.channel-action`).click();
      const summary = widget(page, '.summary');
      await summary.waitFor();
      const sentences = await summary.locator('p').allTextContents();
      assert.equal(sentences[0], t.summaryAsked(1), `${locale} ${channel}: ${sentences}`);
      assert.deepEqual(await summary.locator('li').allTextContents(), [FIRST_QUESTION[locale]]);
      assert.ok(sentences.some((s) => s.includes(title)), `${locale} ${channel}: the article read, by its title: ${sentences}`);
      assert.ok(sentences.some((s) => s.includes(t.summaryNotHelped([title], true))), `${locale}: ${sentences}`);
      assert.equal(sentences[sentences.length - 1], t.summaryWants[channel]);
      assertCustomerWording(await panelText(page), locale, `${locale} confirm ${channel}`);
      await page.screenshot({ path: screenshotPath(`confirm-${channel}-${locale}.png`) });
      if (channel === 'callback') await widget(page, 'input[type="tel"]').fill('138 1234 5678');
      await widget(page, '.confirm button[type="submit"]').click();
      await widget(page, '.summary').waitFor({ state: 'detached' });
      await page.waitForFunction(() => window.__firstline.events.some((e) => e.type === 'handoff'));
      await page.waitForTimeout(300); // the desk's answer (case number, promise) on screen
      assertCustomerWording(await panelText(page), locale, `${locale} next ${channel}`);
      await page.screenshot({ path: screenshotPath(`next-${channel}-${locale}.png`) });
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});
