// The handoff summary the customer confirms before anything is handed over:
// what the agent will read (masked unless the host chose otherwise, and the
// intro says which), and a
// form that asks a callback channel for a valid number first.
import { channelLabel, isCallbackNumber } from '../channels.js';
import { el } from '../dom.js';

/**
 * @param {object} handoff   the core's handoff (core/schema/handoff.schema.json)
 * @param {object} channel   the channel the customer picked
 * @param {{t: object, id: (name: string) => string, locale: string,
 *          titles: Map<string, string>, deskPromise?: Promise<string|null>,
 *          onConfirm: (extra: {callback?: {phone: string, time: string}}) => void,
 *          onCancel: () => void}} actions   titles: the titles of the articles seen, by id;
 *          deskPromise: what the receiving desk would promise on this channel now (e.g. that no agent is signed in)
 * @returns {Node[]}
 */
export function handoffView(handoff, channel, { t, id, locale, titles, deskPromise, onConfirm, onCancel }) {
  const queries = handoff.conversation.map((turn) => turn.query).filter(Boolean);
  const summary = el('dl', { class: 'summary' },
    el('dt', { text: channelLabel(channel, locale) }), el('dd', { text: handoff.summary }),
    el('dt', { text: t.summaryTopic }),
    el('dd', { text: [handoff.intents[0]?.label, t.summaryLevel(handoff.problem_level)].filter(Boolean).join(' · ') }));
  if (queries.length) summary.append(el('dt', { text: t.summaryQuestions }), el('dd', {}, el('ul', {}, ...queries.map((q) => el('li', { text: q })))));
  if (handoff.articles_viewed.length) {
    summary.append(el('dt', { text: t.summaryArticles }), el('dd', {}, el('ul', {},
      ...handoff.articles_viewed.map((article) => el('li', { text: titles.get(article) || article })))));
  }
  const form = el('form', { class: 'confirm', novalidate: true });
  let phone;
  let time;
  if (channel.kind === 'callback') {
    phone = el('input', { id: id('callback-phone'), type: 'tel', autocomplete: 'tel', required: true, inputmode: 'tel' });
    time = el('input', { id: id('callback-time'), type: 'text' });
    form.append(
      el('label', { for: id('callback-phone'), text: t.callbackPhone }), phone,
      el('label', { for: id('callback-time'), text: t.callbackTime }), time);
  }
  const problem = el('p', { class: 'form-error', role: 'alert' });
  form.append(problem, el('div', { class: 'buttons' },
    el('button', { type: 'submit', class: 'primary', text: t.confirm }),
    el('button', { type: 'button', text: t.cancel, onclick: onCancel })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const extra = {};
    if (phone) {
      if (!isCallbackNumber(phone.value)) {
        problem.textContent = t.callbackInvalid;
        phone.setAttribute('aria-invalid', 'true');
        phone.focus();
        return;
      }
      extra.callback = { phone: phone.value.trim(), time: time.value.trim() };
    }
    onConfirm(extra);
  });
  // Says what the payload itself says of personal data, never "masked" when the host opted in.
  const intro = handoff.personal_data === 'masked' ? t.summaryMasked : t.summaryIncluded;
  // Said before the customer confirms, in the desk's words, once it answers.
  const notice = el('p', { class: 'desk-notice', role: 'status', hidden: true });
  deskPromise?.then((text) => {
    if (!text) return;
    notice.textContent = text;
    notice.hidden = false;
  });
  return [el('h3', { text: t.summaryTitle }), el('p', { class: 'intro', text: intro }), summary, notice, form];
}
