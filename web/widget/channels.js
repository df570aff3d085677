// The contact-channel policy, as plain data (no DOM, no network; tested under
// Node in tests/browser/widget-logic.test.mjs): which channels to offer in
// which order, which are available now (open hours: hours.js), which one is
// recommended, what a channel is called, and the tel:/mailto: links.
//
// The order is the core's: a decision's escalation.channels, or the open
// response's channel_order for an escalation reason (the route of
// escalation.yaml, then every other channel). The widget does not sort
// channels; it only puts the recommended one (the first available) first.
import { channelStatus } from './hours.js';
import { localized } from './strings.js';

/**
 * The channels named by `ids`, in that order (unknown ids and repeats
 * skipped), then any channel `ids` does not name, as listed. Without `ids`:
 * the channels as listed (the host's `channels` option).
 */
export function inOrder(channels, ids = []) {
  const byId = new Map(channels.map((channel) => [channel.id, channel]));
  const named = [];
  for (const id of ids) {
    const channel = byId.get(id);
    if (channel && !named.includes(channel)) named.push(channel);
  }
  return [...named, ...channels.filter((channel) => !named.includes(channel))];
}

/** Whether the customer can use `channel` at `now`: email always, any other channel inside its open hours. */
export function isAvailable(channel, timeZone, now) {
  return channel.kind === 'email' || channelStatus(channel, timeZone, now).open;
}

/**
 * The channels to offer, in the given order except that the recommended one
 * (the first available) comes first: [{channel, available, recommended, next}],
 * `next` being when a channel that is not available opens (see hours.js;
 * undefined when it never does).
 */
export function offer(ordered, timeZone, now) {
  const offered = ordered.map((channel) => ({
    channel,
    available: isAvailable(channel, timeZone, now),
    recommended: false,
    next: channelStatus(channel, timeZone, now).next,
  }));
  const recommended = offered.find((item) => item.available);
  if (!recommended) return offered;
  recommended.recommended = true;
  return [recommended, ...offered.filter((item) => item !== recommended)];
}

/** The channel's label for `locale` (strings.js's rule), else its id. */
export function channelLabel(channel, locale) {
  return localized(channel.label, locale) || channel.id;
}

/**
 * What the channel is good for, as the customer reads it: its `customer`
 * text of escalation.yaml in `locale` (strings.js's rule); "" if it has none.
 * Its `agent` text is for the handoff, never shown.
 */
export function channelDescription(channel, locale) {
  return localized(channel.customer, locale);
}

/** A phone number as dialled: its digits and "+" only. */
export function dialable(number) {
  return String(number).replace(/[^0-9+]/g, '');
}

/** Whether what the customer typed as a callback number can be one: at least 5 digits. */
export function isCallbackNumber(text) {
  return dialable(text).replace('+', '').length >= 5;
}

/**
 * The link that reaches a phone channel (tel:) or an email channel
 * (mailto:, with a subject and body if given); undefined for other kinds.
 */
export function channelHref(channel, { subject, body } = {}) {
  if (channel.kind === 'phone') return `tel:${dialable(channel.number)}`;
  if (channel.kind !== 'email') return undefined;
  const href = `mailto:${channel.address}`;
  return subject === undefined ? href : `${href}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** Whether the channel is reached by a link of its own (tel:, mailto:) rather than through a handoff. */
export function isDirect(channel) {
  return channel.kind === 'phone' || channel.kind === 'email';
}

/**
 * The direct channels (phone, email) to list after a handoff to `picked`:
 * all of them when nobody took the case or the case went to chat or a
 * callback; only the picked one when the host took a phone or email case.
 */
export function directAfterHandoff(channels, picked, handled) {
  const all = !handled || picked.kind === 'chat' || picked.kind === 'callback';
  return channels.filter((channel) => isDirect(channel) && (all || channel === picked));
}
