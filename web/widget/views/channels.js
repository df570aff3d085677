// The contact channels: the escalation screen (why a person, the channels,
// the articles that came close) and the plain list the panel shows while the
// index loads. The channels come already ordered and marked (channels.js's offer()).
import { channelDescription, channelHref, channelLabel, isDirect } from '../channels.js';
import { el } from '../dom.js';

function opening(next, t) {
  if (!next) return '—';
  if (next.inDays === 0) return t.closedToday(next.time);
  if (next.inDays === 1) return t.closedTomorrow(next.time);
  return t.closedOn(t.days[next.day], next.time);
}

/**
 * The channels as a list. `direct`: a phone or email channel is its tel: or
 * mailto: link (there is no summary to hand over); otherwise every channel
 * is a button (disabled while closed) and a phone channel also has a tel:
 * link, to call at once without the summary step.
 * @param {{channel: object, available: boolean, recommended: boolean, next?: object}[]} offered
 * @param {{t: object, locale: string, direct?: boolean, onPick: (channel: object) => void}} actions
 */
export function channelList(offered, { t, locale, direct = false, onPick }) {
  const list = el('ul', { class: 'channels' });
  for (const { channel, available, recommended, next } of offered) {
    const note = available ? t.openNow : t.closedUntil(opening(next, t));
    const item = el('li', { class: `channel ${channel.kind}${recommended ? ' recommended' : ''}${available ? '' : ' closed'}`,
      'data-channel': channel.id });
    const heading = el('span', { class: 'channel-label' }, channelLabel(channel, locale),
      recommended ? el('span', { class: 'badge', text: t.recommended }) : null);
    const details = el('span', { class: 'channel-details' }, el('span', { class: 'channel-description', text: channelDescription(channel, locale) }),
      el('span', { class: 'channel-status', text: note }));
    if (direct && isDirect(channel)) {
      item.append(el('a', { class: 'channel-action', href: channelHref(channel) }, heading, details));
    } else {
      item.append(el('button', { type: 'button', class: 'channel-action', disabled: !available,
        onclick: () => onPick(channel) }, heading, details));
    }
    if (!direct && channel.kind === 'phone' && channel.number) {
      item.append(el('a', { class: 'tel', href: channelHref(channel), text: t.call(channel.number) }));
    }
    list.append(item);
  }
  return list;
}

/**
 * The escalation screen: why a person is suggested, in the customer's terms
 * (strings.js's `reasons`, by the decision's escalation reason, in the
 * panel's locale: the core's explanation is the agent's), the channels, and
 * the decision's articles, if any.
 * @param {object|null} decision  null when the customer asked for a person (the header's button)
 * @param {object[]} offered      see channelList
 * @param {{t: object, locale: string, onPick: (channel: object) => void, onArticle: (hit: object) => void}} actions
 * @returns {Node[]}
 */
export function escalationView(decision, offered, { t, locale, onPick, onArticle }) {
  const parts = [el('h3', { text: t.channelsTitle })];
  const why = t.reasons[decision?.escalation?.reason];
  if (why) parts.push(el('p', { class: 'explanation', text: why }));
  parts.push(el('p', { class: 'intro', text: t.channelsIntro }), channelList(offered, { t, locale, onPick }));
  if (decision?.articles?.length) {
    parts.push(el('h4', { text: t.related }), el('ul', { class: 'related' }, ...decision.articles.map((hit) =>
      el('li', {}, el('button', { type: 'button', class: 'link', text: hit.title, onclick: () => onArticle(hit) })))));
  }
  return parts;
}

/** While the index loads: the host's fallback channels, reachable at once (see channelList's `direct`). */
export function loadingChannelsView(offered, { t, locale, onPick }) {
  return [el('h3', { text: t.channelsTitle }), channelList(offered, { t, locale, direct: true, onPick })];
}
