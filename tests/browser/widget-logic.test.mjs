// The widget's plain logic under Node (no browser): channel open hours in the
// KB's timezone and picking the widget's locale from a language tag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelStatus } from '../../web/widget/hours.js';
import { pickLocale, strings, widgetLocale, LOCALES } from '../../web/widget/strings.js';

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
  assert.equal(widgetLocale('fr'), '');
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
