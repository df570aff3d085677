// The handoff summary the customer confirms before anything is handed over,
// as plain sentences in the panel's locale (strings.js): what they asked,
// what they tried, what they want. It is made from the payload the agent
// receives (masked unless the host chose otherwise, and the intro says which),
// but never shows the agent's own line (handoff.summary: level, confidence,
// channel id). Then a form that asks a callback channel for a valid number first.
import { isCallbackNumber } from '../channels.js';
import { el } from '../dom.js';

/**
 * The customer's own questions in the handoff, each once: a turn that only
 * asked for a person ("转人工": escalated for that, no topic) or only greeted
 * (topics offered, no intent) adds nothing to what they asked.
 */
export function askedQuestions(handoff) {
  const asked = [];
  for (const turn of handoff.conversation) {
    if (!turn.query || asked.includes(turn.query)) continue;
    const bareRequest = turn.escalation_reason === 'explicit_request' && !turn.intent;
    const smallTalk = turn.decision === 'clarify' && !turn.intent;
    if (!bareRequest && !smallTalk) asked.push(turn.query);
  }
  return asked;
}

/**
 * The summary's sentences, as [{text, items?}] (items: a list under the sentence).
 * @param {object} handoff   the core's handoff (core/schema/handoff.schema.json)
 * @param {object} channel   the channel the customer picked
 * @param {{t: object, locale: string, titles: Map<string, string>}} actions
 */
export function summarySentences(handoff, channel, { t, locale, titles }) {
  const sentences = [];
  const asked = askedQuestions(handoff);
  sentences.push(asked.length ? { text: t.summaryAsked(asked.length), items: asked } : { text: t.summaryNothingAsked });
  // The engine's topic, when it was sure of it and named it in the panel's language.
  const [topic] = handoff.intents;
  const sameLanguage = handoff.locale.slice(0, 2) === locale.slice(0, 2);
  if (topic?.confident && topic.label && sameLanguage) sentences.push({ text: t.summaryTopic(topic.label) });
  const read = handoff.articles_viewed.filter((id, i, all) => titles.has(id) && all.indexOf(id) === i);
  if (read.length) {
    const unhelpful = read.filter((id) => handoff.feedback.some((f) => f.article === id && !f.helped));
    const parts = [t.summaryRead(read.map((id) => titles.get(id)))];
    if (unhelpful.length) parts.push(t.summaryNotHelped(unhelpful.map((id) => titles.get(id)), unhelpful.length === read.length));
    sentences.push({ text: parts.join(locale.startsWith('zh') ? '' : ' ') });
  } else {
    sentences.push({ text: t.summaryReadNothing });
  }
  if (t.summaryWants[channel.kind]) sentences.push({ text: t.summaryWants[channel.kind] });
  return sentences;
}

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
  const summary = el('div', { class: 'summary' });
  for (const { text, items } of summarySentences(handoff, channel, { t, locale, titles })) {
    summary.append(el('p', { text }));
    if (items) summary.append(el('ul', {}, ...items.map((item) => el('li', { text: item }))));
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

/** summarySentences() as plain text, a sentence a line and its items as "- " lines (e.g. an email's body). */
export function summaryAsText(sentences) {
  return sentences.flatMap(({ text, items = [] }) => [text, ...items.map((item) => `- ${item}`)]).join('\n');
}
