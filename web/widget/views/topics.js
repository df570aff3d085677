// The first screen: the topics the core offers for the host's page and order
// state (first-screen.yaml), as buttons. Nothing when the core offers none.
import { el } from '../dom.js';

/**
 * @param {{text: string, intent?: string}[]} topics  the core's hints for an empty text
 * @param {{t: object, onTopic: (topic: object) => void}} actions
 * @returns {Node[]}
 */
export function topicsView(topics, { t, onTopic }) {
  if (!topics.length) return [];
  const list = el('ul', { class: 'topics' }, ...topics.map((topic) => el('li', {},
    el('button', { type: 'button', class: 'topic', text: topic.text, onclick: () => onTopic(topic) }))));
  return [el('h3', { text: t.topicsTitle }), list];
}
