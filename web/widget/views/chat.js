// The conversation with an agent after a chat handoff to a desk: the case's
// reference and the desk's promise, the status (waiting, with an agent,
// closed), the messages (agent and customer, as text), and the form to
// answer. The view stays on screen while messages arrive: chat.js adds them
// through the returned functions instead of rebuilding it (the customer's
// half-typed answer and focus stay where they are).
import { el } from '../dom.js';

/**
 * @param {{reference: string, promise: string}} receipt
 * @param {{t: object, id: (name: string) => string, onSend: (text: string) => Promise<boolean>}} actions
 *        onSend resolves to whether the message was stored (the field is cleared then)
 * @returns {{nodes: Node[], addMessage: (message: {id: number, from: string, text: string}) => void,
 *            setStatus: (status: string) => void, setNote: (text: string) => void}}
 */
export function chatView(receipt, { t, id, onSend }) {
  const status = el('p', { class: 'chat-status', role: 'status', 'aria-live': 'polite' });
  const note = el('p', { class: 'chat-note', role: 'alert' });
  const list = el('ol', { class: 'messages', 'aria-label': t.chatTitle, 'aria-live': 'polite' });
  const field = el('textarea', { id: id('chat-text'), rows: '2', maxlength: '2000', enterkeyhint: 'send' });
  const send = el('button', { type: 'submit', class: 'primary', text: t.chatSend });
  const form = el('form', { class: 'chat-form', novalidate: true },
    el('label', { for: id('chat-text'), text: t.chatLabel }), field, el('div', { class: 'buttons' }, send));
  const submit = async () => {
    const text = field.value.trim();
    if (!text || send.disabled) return;
    send.disabled = true;
    note.textContent = '';
    if (await onSend(text)) field.value = '';
    else note.textContent = t.chatSendFailed;
    send.disabled = form.hidden;
    field.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  // Enter sends, Shift+Enter is a new line; never while an IME is composing.
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit();
    }
  });
  const seen = new Set();
  // The desk's promise holds while the case waits; once an agent has it, the status says what is true.
  const promise = receipt.promise ? el('p', { class: 'promise', text: receipt.promise }) : null;
  const nodes = [el('h3', { text: t.chatTitle }),
    el('p', { class: 'receipt', text: t.caseReference(receipt.reference) }),
    promise, status, list, note, form].filter(Boolean);
  return {
    nodes,
    addMessage(message) {
      if (seen.has(message.id)) return;
      seen.add(message.id);
      list.append(el('li', { class: `message ${message.from}`, 'data-id': message.id },
        el('span', { class: 'from', text: message.from === 'agent' ? t.chatAgent : t.chatYou }),
        el('span', { class: 'text', text: message.text })));
      list.lastElementChild.scrollIntoView?.({ block: 'nearest' });
    },
    setStatus(value) {
      status.textContent = value === 'closed' ? t.chatClosed : value === 'with_agent' ? t.chatWithAgent : t.chatWaiting;
      status.dataset.status = value;
      if (promise) promise.hidden = value !== 'waiting';
      form.hidden = value === 'closed';
      send.disabled = value === 'closed';
    },
    setNote(text) {
      note.textContent = text;
    },
  };
}
