// After the handoff: what happened to the case (taken by the host's chat or
// callback, or passed on nowhere), and the direct ways to a person (tel:,
// mailto: with the summary as the email's body).
import { channelHref, directAfterHandoff } from '../channels.js';
import { el } from '../dom.js';

/**
 * @param {object} channel        the channel the customer picked
 * @param {object|null} handoff   the summary handed over (null when the index could not load)
 * @param {boolean} handled       whether the host took the case (outbox.js's handOff())
 * @param {{reference: string, promise: string}|null} receipt  what a receiving desk answered: the
 *                                case's reference and its promise, the only promise of a reply the panel makes
 * @param {object[]} channels     every channel, for the direct links
 * @param {{t: object}} strings
 * @returns {Node[]}
 */
export function deliveredView(channel, handoff, handled, receipt, channels, { t }) {
  const parts = [el('h3', { text: t.channelsTitle })];
  if (receipt) {
    parts.push(el('p', { class: 'receipt', text: t.caseReference(receipt.reference) }));
    if (receipt.promise) parts.push(el('p', { class: 'promise', text: receipt.promise }));
  } else if (!handled && channel.kind !== 'phone' && channel.kind !== 'email') {
    parts.push(el('p', { text: t.handedNowhere }));
  } else if (channel.kind === 'chat') {
    parts.push(el('p', { text: t.handedChat }));
  } else if (channel.kind === 'callback') {
    parts.push(el('p', { text: t.handedCallback }));
  } else if (channel.kind === 'phone') {
    parts.push(el('p', { text: t.handedPhone(channel.number) }));
  } else if (channel.kind === 'email') {
    parts.push(el('p', { text: t.handedEmail }));
  }
  const links = el('ul', { class: 'direct' });
  for (const direct of directAfterHandoff(channels, channel, handled)) {
    const email = direct.kind === 'email' && handoff
      ? { subject: t.emailSubject, body: [handoff.summary, '', ...handoff.conversation.map((turn) => `- ${turn.query}`)].join('\n') }
      : {};
    links.append(el('li', {}, el('a', { href: channelHref(direct, email), class: 'direct-link',
      text: direct.kind === 'phone' ? t.call(direct.number) : t.sendEmail(direct.address) })));
  }
  if (links.children.length) parts.push(links);
  return parts;
}
