// The widget's plain logic under Node (no browser): channel open hours in the
// KB's timezone, the channel policy (order, availability, the recommended
// channel, links), and the one locale rule (the core's localized()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  channelDescription, channelHref, channelLabel, directAfterHandoff, inOrder, isAvailable, isCallbackNumber, offer,
} from '../../web/widget/channels.js';
import { channelStatus } from '../../web/widget/hours.js';
import { fallbackLocale, localized, pickLocale, strings, widgetLocale, LOCALES } from '../../web/widget/strings.js';

const chat = { id: 'chat', hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '08:00', close: '22:00' }] };
const weekdays = { id: 'desk', hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '18:00' }] };
const allDay = { id: 'phone', hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '00:00', close: '24:00' }] };
const shanghai = (iso) => new Date(`${iso}+08:00`);

test('a channel is open inside its hours in the KB timezone, whatever the browser timezone', () => {
  assert.deepEqual(channelStatus(chat, 'Asia/Shanghai', shanghai('2026-11-24T08:00')), { open: true });
  assert.deepEqual(channelStatus(chat, 'Asia/Shanghai', shanghai('2026-11-24T21:59')), { open: true });
});

test('a channel closed late in the evening opens tomorrow morning', () => {
  assert.deepEqual(channelStatus(chat, 'Asia/Shanghai', shanghai('2026-11-24T22:00')),
    { open: false, next: { inDays: 1, day: 3, time: '08:00' } });
});

test('a channel closed early in the morning opens later today', () => {
  assert.deepEqual(channelStatus(chat, 'Asia/Shanghai', shanghai('2026-11-24T07:30')),
    { open: false, next: { inDays: 0, day: 2, time: '08:00' } });
});

test('a weekday channel closed on Saturday opens on Monday', () => {
  assert.deepEqual(channelStatus(weekdays, 'Asia/Shanghai', shanghai('2026-11-28T10:00')),
    { open: false, next: { inDays: 2, day: 1, time: '09:00' } });
});

test('a channel open until 24:00 is open at 23:59, and a channel without hours is always open', () => {
  assert.deepEqual(channelStatus(allDay, 'Asia/Shanghai', shanghai('2026-11-24T23:59')), { open: true });
  assert.deepEqual(channelStatus({ id: 'email' }, 'Asia/Shanghai', shanghai('2026-11-24T03:00')), { open: true });
});

test('language tags map to the widget locales', () => {
  assert.equal(widgetLocale('zh-CN'), 'zh-Hans');
  assert.equal(widgetLocale('zh'), 'zh-Hans');
  assert.equal(widgetLocale('zh-TW'), 'zh-Hant');
  assert.equal(widgetLocale('zh-Hant-HK'), 'zh-Hant');
  assert.equal(widgetLocale('en-GB'), 'en');
  assert.equal(widgetLocale(''), '');
});

test('the configured locale wins over the page language, which wins over the default', () => {
  const page = (lang) => ({ documentElement: { lang } });
  assert.equal(pickLocale('en', page('zh-Hans')), 'en');
  assert.equal(pickLocale(undefined, page('zh-TW')), 'zh-Hant');
});

test('every locale has every string the widget uses', () => {
  const keys = Object.keys(strings('zh-Hans')).sort();
  for (const locale of LOCALES) assert.deepEqual(Object.keys(strings(locale)).sort(), keys, locale);
});

test('a text is picked in the locale asked for, else the other Chinese script, else English, else Simplified Chinese, else the first there is', () => {
  const all = { 'zh-Hans': '查询物流', 'zh-Hant': '查詢物流', en: 'Track a parcel' };
  assert.equal(localized(all, 'zh-Hant'), '查詢物流');
  assert.equal(localized({ 'zh-Hans': '查询物流', en: 'Track a parcel' }, 'zh-Hant'), '查询物流');
  assert.equal(localized({ 'zh-Hant': '查詢物流', en: 'Track a parcel' }, 'zh-Hans'), '查詢物流');
  assert.equal(localized({ 'zh-Hans': '查询物流', en: 'Track a parcel' }, 'fr'), 'Track a parcel');
  assert.equal(localized({ 'zh-Hant': '查詢物流', 'zh-Hans': '查询物流' }, 'en'), '查询物流');
  assert.equal(localized({ ja: '追跡', de: 'Verfolgen' }, 'en'), 'Verfolgen', 'the first in key order, as the core\'s std::map');
  assert.equal(localized({}, 'en'), '');
  assert.equal(localized(undefined, 'en'), '');
  assert.equal(fallbackLocale([], 'en'), undefined);
});

test('a language the widget does not speak is served in English, as the core serves it, and no language at all in Simplified Chinese', () => {
  const page = (lang) => ({ documentElement: { lang } });
  assert.equal(widgetLocale('fr'), 'en');
  assert.equal(pickLocale('fr', page('zh-Hans')), 'en');
  assert.equal(pickLocale(undefined, page('de-DE')), 'en');
  const browser = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { language: '' }, configurable: true });
  try {
    assert.equal(pickLocale(undefined, page('')), 'zh-Hans');
  } finally {
    if (browser) Object.defineProperty(globalThis, 'navigator', browser);
    else delete globalThis.navigator;
  }
  assert.equal(strings('fr'), strings('en'));
});

const channel = (id, kind, extra = {}) => ({ id, kind, label: { 'zh-Hans': `${id}-zh`, en: `${id}-en` }, ...extra });
const sample = [
  channel('chat', 'chat', { hours: chat.hours }),
  channel('phone', 'phone', { number: '400-000-1234', hours: allDay.hours }),
  channel('callback', 'callback', { hours: weekdays.hours }),
  channel('email', 'email', { address: 'help@example.com', hours: weekdays.hours }),
];
const ids = (offered) => offered.map((item) => item.channel.id);

test('channels are offered in the order the core gave, not sorted by the widget', () => {
  assert.deepEqual(inOrder(sample, ['chat', 'email', 'callback', 'phone']).map((c) => c.id), ['chat', 'email', 'callback', 'phone']);
  assert.deepEqual(inOrder(sample, ['email', 'gone', 'email', 'phone']).map((c) => c.id), ['email', 'phone', 'chat', 'callback'],
    'unknown and repeated ids are skipped; channels the order does not name follow as listed');
  assert.deepEqual(inOrder(sample).map((c) => c.id), ['chat', 'phone', 'callback', 'email'], 'without an order: as listed (the host\'s)');
});

test('the first available channel is recommended and listed first, and a closed one says when it opens', () => {
  const tuesdayNoon = shanghai('2026-11-24T12:00');
  const day = offer(inOrder(sample, ['chat', 'email', 'callback', 'phone']), 'Asia/Shanghai', tuesdayNoon);
  assert.deepEqual(ids(day), ['chat', 'email', 'callback', 'phone']);
  assert.deepEqual(day.map((item) => item.recommended), [true, false, false, false]);
  const lateEvening = offer(inOrder(sample, ['chat', 'email', 'callback', 'phone']), 'Asia/Shanghai', shanghai('2026-11-24T23:30'));
  assert.deepEqual(ids(lateEvening), ['email', 'chat', 'callback', 'phone'], 'chat is closed: the next available one comes first');
  assert.equal(lateEvening[0].recommended, true);
  const chatLate = lateEvening.find((item) => item.channel.id === 'chat');
  assert.deepEqual([chatLate.available, chatLate.next], [false, { inDays: 1, day: 3, time: '08:00' }]);
});

test('email is always available whatever its hours, and with nothing available nothing is recommended and the order stays', () => {
  const saturday = shanghai('2026-11-28T10:00');
  assert.equal(isAvailable(sample[3], 'Asia/Shanghai', saturday), true);
  assert.equal(isAvailable(sample[2], 'Asia/Shanghai', saturday), false);
  const closed = offer([sample[2], channel('chat', 'chat', { hours: weekdays.hours })], 'Asia/Shanghai', saturday);
  assert.deepEqual(ids(closed), ['callback', 'chat']);
  assert.ok(closed.every((item) => !item.recommended && !item.available));
});

test('a channel is called by its label in the customer\'s locale by the one rule, else by its id', () => {
  assert.equal(channelLabel(sample[0], 'zh-Hant'), 'chat-zh');
  assert.equal(channelLabel(sample[0], 'en'), 'chat-en');
  assert.equal(channelLabel({ id: 'desk', kind: 'chat' }, 'en'), 'desk');
});

test('a channel is described by its customer text, never by its agent text', () => {
  const desk = { id: 'desk', kind: 'chat', customer: { en: 'Write to us', 'zh-Hans': '和客服文字交流' }, agent: { 'zh-Hans': '目标 1 分钟内接入' } };
  assert.equal(channelDescription(desk, 'zh-Hans'), '和客服文字交流');
  assert.equal(channelDescription(desk, 'en'), 'Write to us');
  assert.equal(channelDescription({ id: 'desk', agent: { en: 'Pick up within a minute' } }, 'en'), '');
  assert.equal(channelDescription({ id: 'desk' }, 'zh-Hans'), '');
});

test('phone and email channels are reached by tel: and mailto: links, the email with the summary as its body', () => {
  assert.equal(channelHref(sample[1]), 'tel:4000001234');
  assert.equal(channelHref({ kind: 'phone', number: '+86 (400) 000 1234' }), 'tel:+864000001234');
  assert.equal(channelHref(sample[3]), 'mailto:help@example.com');
  assert.equal(channelHref(sample[3], { subject: 'Help request', body: 'Where is it?\n- 快递' }),
    'mailto:help@example.com?subject=Help%20request&body=Where%20is%20it%3F%0A-%20%E5%BF%AB%E9%80%92');
  assert.equal(channelHref(sample[0]), undefined);
});

test('a callback number needs at least five digits', () => {
  assert.equal(isCallbackNumber('138 1234 5678'), true);
  assert.equal(isCallbackNumber('+1234'), false);
  assert.equal(isCallbackNumber('+12345'), true);
  assert.equal(isCallbackNumber('call me'), false);
});

test('after a handoff the host took by phone or email only that channel is listed; otherwise every direct one', () => {
  const [chatChannel, phone, , email] = sample;
  assert.deepEqual(directAfterHandoff(sample, phone, true).map((c) => c.id), ['phone']);
  assert.deepEqual(directAfterHandoff(sample, email, false).map((c) => c.id), ['phone', 'email']);
  assert.deepEqual(directAfterHandoff(sample, chatChannel, true).map((c) => c.id), ['phone', 'email']);
});

test('the summary the customer confirms is plain sentences in the panel\'s locale: no level, confidence, agent note or channel id', async () => {
  const { summarySentences } = await import('../../web/widget/views/handoff.js');
  const handoff = {
    summary: '[L3] 查询包裹物流 (24%)；提问 2 次，看过 1 篇文章，0 篇无帮助；建议：chat',
    locale: 'zh-Hans', problem_level: 3,
    intents: [{ id: 'parcel.where', label: '查询包裹物流', confidence: 0.24, confident: true }],
    recommended_channel: { id: 'chat', reason: 'repeated', why: '同一问题多次询问仍未解决', order: ['chat'] },
    conversation: [
      { query: '我的快递到哪了', decision: 'answer', intent: 'parcel.where', articles: ['parcel-where'] },
      { query: '我的快递到哪了', decision: 'answer', intent: 'parcel.where', chosen_intent: 'parcel.where' },
      { query: '转人工', decision: 'escalate', escalation_reason: 'explicit_request' },
    ],
    articles_viewed: ['parcel-where'],
    feedback: [{ article: 'parcel-where', helped: false }],
  };
  const titles = new Map([['parcel-where', '我的包裹到哪了？查看物流进度']]);
  for (const [locale, kind, expected] of [
    ['zh-Hans', 'chat', ['您的问题是：', '看起来是关于“查询包裹物流”的问题。', '您看过《我的包裹到哪了？查看物流进度》。这篇文章没有解决您的问题。', '您希望在线客服帮您处理。']],
    ['zh-Hant', 'callback', ['您的問題是：', '看起來是關於「查詢包裹物流」的問題。', '您看過《我的包裹到哪了？查看物流進度》。這篇文章沒有解決您的問題。', '您希望客服打電話給您。']],
  ]) {
    const sentences = summarySentences(handoff, { id: kind, kind }, { t: strings(locale), locale, titles });
    const texts = sentences.map((s) => s.text);
    if (locale === 'zh-Hans') assert.deepEqual(texts, expected);
    else assert.equal(texts.length, 4);
    assert.deepEqual(sentences[0].items, ['我的快递到哪了'], 'each question once, without the bare request for a person');
    const all = JSON.stringify(sentences);
    for (const agentOnly of ['[L', '%', 'chat', 'callback', '级别', '同一问题', 'parcel-where', 'parcel.where']) {
      assert.ok(!all.includes(agentOnly), `${agentOnly} in ${all}`);
    }
  }
  // An English conversation on an English page: its topic, its read articles, its wish.
  const english = summarySentences({ ...handoff, locale: 'en', intents: [{ ...handoff.intents[0], label: 'Track my parcel' }] },
    { id: 'email', kind: 'email' }, { t: strings('en'), locale: 'en', titles: new Map([['parcel-where', 'Where is my parcel?']]) });
  assert.deepEqual(english.map((s) => s.text), ['You asked:', 'It looks like it is about “Track my parcel”.',
    'You read “Where is my parcel?”. It did not solve your problem.', 'You are going to email us.']);
  // A Chinese page whose customer typed Latin letters: the topic named in English is left out, the rest is Chinese.
  const mixed = summarySentences({ ...handoff, locale: 'en' }, { id: 'chat', kind: 'chat' }, { t: strings('zh-Hans'), locale: 'zh-Hans', titles });
  assert.ok(mixed.every((s) => !/[A-Za-z]{3}/.test(s.text)), JSON.stringify(mixed));
  // Nothing asked, nothing read.
  const empty = summarySentences({ ...handoff, intents: [], conversation: [], articles_viewed: [], feedback: [] },
    { id: 'phone', kind: 'phone' }, { t: strings('zh-Hans'), locale: 'zh-Hans', titles });
  assert.deepEqual(empty.map((s) => s.text), ['您还没有写下具体的问题，可以在联系客服时再说明。', '您还没有看过相关的帮助文章。', '您准备打客服热线，和客服直接通话。']);
});

test('why a person is suggested is said in the customer\'s terms, for every escalation reason, in every locale', () => {
  const reasons = ['explicit_request', 'urgent', 'human_only', 'emotional', 'repeated', 'out_of_scope'];
  for (const locale of LOCALES) {
    const t = strings(locale);
    for (const reason of reasons) {
      const text = t.reasons[reason];
      assert.ok(text && text.length > 5, `${locale} ${reason}`);
      for (const agentOnly of ['客户', '客戶', '安抚', '安撫', '知识库', '知識庫', 'customer', 'knowledge base']) {
        assert.ok(!text.includes(agentOnly), `${locale} ${reason}: ${text}`);
      }
    }
  }
});
