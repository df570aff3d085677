// An article (the answer): its HTML, "Did this help?", and the related
// articles with their snippets; and what the feedback box says once answered.
// The only HTML the widget shows is set here: the article's, sanitised when
// the index was built (firstline-index), and the snippets the core writes
// itself (core/src/snippet.cpp), escaped, with the matched words in <mark>.
import { el } from '../dom.js';

/**
 * @param {string} articleId  the id it was asked for
 * @param {{title: string, html: string}} article
 * @param {{id: string, title: string, snippet: string}[]} related  search hits to list below it
 * @param {{t: object, id: (name: string) => string,
 *          onFeedback: (helped: boolean, box: HTMLElement) => void,
 *          onRelated: (hit: object) => void}} actions
 * @returns {Node[]}
 */
export function articleView(articleId, article, related, { t, id, onFeedback, onRelated }) {
  const body = el('div', { class: 'article-body' });
  body.innerHTML = article.html; // safe HTML rendered by firstline-index
  for (const link of body.querySelectorAll('a[href^="http"]')) {
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  }
  const feedback = el('div', { class: 'feedback', role: 'group', 'aria-labelledby': id('helped') },
    el('span', { id: id('helped'), text: t.helpedQuestion }));
  for (const [label, helped] of [[t.helpedYes, true], [t.helpedNo, false]]) {
    feedback.append(el('button', { type: 'button', class: 'helped', text: label, onclick: () => onFeedback(helped, feedback) }));
  }
  const parts = [el('article', { class: 'article', 'data-article': articleId }, el('h3', { text: article.title }), body), feedback];
  if (related.length) {
    parts.push(el('h4', { text: t.related }), el('ul', { class: 'related' }, ...related.map((hit) => {
      const snippet = el('p', { class: 'snippet' });
      snippet.innerHTML = hit.snippet; // written and escaped by the core, matched words in <mark>
      return el('li', {}, el('button', { type: 'button', class: 'link', text: hit.title, onclick: () => onRelated(hit) }), snippet);
    })));
  }
  return parts;
}

/**
 * Replaces the "Did this help?" buttons in `box` with the reply (and, after
 * "no", a way to a person), and keeps focus in the panel: the focused button is gone.
 */
export function answerFeedback(box, helped, { t, onPerson }) {
  const message = el('p', { text: helped ? t.thanks : t.sorry });
  const children = [message];
  if (!helped) children.push(el('button', { type: 'button', class: 'person-inline', text: t.contactPerson, onclick: onPerson }));
  box.replaceChildren(...children);
  box.removeAttribute('aria-labelledby');
  box.setAttribute('role', 'status');
  message.tabIndex = -1;
  (box.querySelector('button') || message).focus();
}
