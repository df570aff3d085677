// The question box: a search form whose input is an ARIA combobox over a
// listbox of hints (WAI-ARIA 1.2 combobox, list autocomplete). It asks for
// hints as the customer types, keeps one hint active for the arrow keys,
// and hands a picked hint or a submitted text to the panel. An open IME
// composition owns the keyboard: nothing happens until it is committed.
import { el } from './dom.js';

const HINT_LIMIT = 6;
const ANNOUNCE_DELAY_MS = 500;
const HINTS_EVENT_DELAY_MS = 1000;

/** The hint's text as nodes, the part the customer typed in <mark> (text nodes only: no HTML is parsed). */
function highlighted(text, typed) {
  const needle = typed.trim().toLowerCase();
  const at = needle ? text.toLowerCase().indexOf(needle) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), el('mark', { text: text.slice(at, at + needle.length) }), text.slice(at + needle.length)].filter(Boolean);
}

export class Combobox {
  /**
   * @param {object} parts
   * @param {(name: string) => string} parts.id   the panel's unique element ids
   * @param {object} parts.t                      the widget's strings (strings.js)
   * @param {ShadowRoot} parts.root               where focus is looked up
   * @param {HTMLElement} parts.announcer         a polite live region for the hint count
   * @param {(text: string, limit: number) => Promise<object[]>} parts.hints  the core's hints for a text
   * @param {(text: string) => void} parts.onAsk  a text submitted, or a hint picked (its text)
   * @param {(text: string, count: number) => void} parts.onHintsShown  once per pause in typing
   */
  constructor({ id, t, root, announcer, hints, onAsk, onHintsShown }) {
    Object.assign(this, { root, announcer, t, fetchHints: hints, onAsk, onHintsShown });
    this.hints = [];
    this.activeHint = -1;
    this.composing = false;
    this.ticket = 0;
    this.enabled = false;
    this.input = el('input', {
      id: id('query'), type: 'text', role: 'combobox', autocomplete: 'off', autocapitalize: 'off',
      spellcheck: 'false', enterkeyhint: 'search', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': id('hints'), placeholder: t.placeholder, disabled: true,
    });
    this.listbox = el('ul', { id: id('hints'), role: 'listbox', class: 'hints', 'aria-label': t.hintsLabel });
    this.listbox.hidden = true;
    this.askButton = el('button', { type: 'submit', class: 'ask', text: t.askButton, disabled: true });
    this.form = el('form', { class: 'search', role: 'search', novalidate: true },
      el('label', { for: id('query'), class: 'visually-hidden', text: t.inputLabel }),
      el('div', { class: 'combo' }, this.input, this.askButton),
      this.listbox);
    this.hintId = (i) => id(`hint-${i}`);
    this.wire();
  }

  get value() { return this.input.value; }

  set value(text) { this.input.value = text; }

  /** Usable (the index is open) or not (loading, failed). */
  setEnabled(enabled) {
    this.enabled = enabled;
    this.input.disabled = !enabled;
    this.askButton.disabled = !enabled;
  }

  focus() { this.input.focus(); }

  wire() {
    const input = this.input;
    input.addEventListener('compositionstart', () => { this.composing = true; });
    input.addEventListener('compositionend', () => {
      this.composing = false;
      this.update();
    });
    input.addEventListener('input', (event) => {
      if (this.composing || event.isComposing) return; // the IME still holds the text
      this.update();
    });
    input.addEventListener('keydown', (event) => this.onKeyDown(event));
    input.addEventListener('blur', () => setTimeout(() => {
      if (!this.root.activeElement || !this.form.contains(this.root.activeElement)) this.close();
    }, 150));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.composing) this.onAsk(input.value);
    });
  }

  onKeyDown(event) {
    // While an IME composition is open, Enter commits a candidate and Escape
    // cancels it: they belong to the IME, not to us (keyCode 229 is the IME's).
    if (event.isComposing || this.composing || event.keyCode === 229) return;
    const open = !this.listbox.hidden && this.hints.length > 0;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!this.hints.length) return;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const count = this.hints.length;
        const next = !open || this.activeHint < 0 ? (step > 0 ? 0 : count - 1) : (this.activeHint + step + count) % count;
        this.open();
        this.setActive(next);
        break;
      }
      case 'Enter':
        event.preventDefault();
        if (open && this.activeHint >= 0) this.pick(this.hints[this.activeHint]);
        else this.onAsk(this.input.value);
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = '';
          this.update();
        }
        break;
      case 'Tab':
        this.close();
        break;
      default:
    }
  }

  /** Asks the core for the hints of what is typed now; an answer to an older keystroke is dropped. */
  async update() {
    if (!this.enabled) return;
    const text = this.input.value;
    const ticket = ++this.ticket;
    if (!text.trim()) {
      this.render([], text);
      return;
    }
    let hints;
    try {
      hints = await this.fetchHints(text, HINT_LIMIT);
    } catch {
      return; // hints are a convenience: a failed one is simply not shown
    }
    if (ticket !== this.ticket || this.composing) return; // a newer keystroke already asked
    this.render(hints, text);
  }

  /** The text was asked: hints still on their way are stale, and the list closes. */
  abandon() {
    this.ticket++;
    this.close();
  }

  render(hints, text) {
    this.hints = hints;
    this.activeHint = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.listbox.replaceChildren(...hints.map((hint, i) => el('li', {
      id: this.hintId(i), role: 'option', 'aria-selected': 'false', class: `hint ${hint.kind}`,
      onmousedown: (event) => event.preventDefault(), // keep focus in the input
      onclick: () => this.pick(hint),
    }, ...highlighted(hint.text, text))));
    this.listbox.dataset.for = text;
    if (hints.length) this.open();
    else this.close();
    clearTimeout(this.announceTimer);
    if (text.trim()) {
      this.announceTimer = setTimeout(() => { this.announcer.textContent = this.t.hintCount(hints.length); }, ANNOUNCE_DELAY_MS);
      clearTimeout(this.hintsEventTimer);
      this.hintsEventTimer = setTimeout(() => this.onHintsShown(text, hints.length), HINTS_EVENT_DELAY_MS);
    }
  }

  open() {
    if (!this.hints.length) return;
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close() {
    this.listbox.hidden = true;
    this.activeHint = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    for (const option of this.listbox.children) option.setAttribute('aria-selected', 'false');
  }

  setActive(index) {
    this.activeHint = index;
    [...this.listbox.children].forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const option = this.listbox.children[index];
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView?.({ block: 'nearest' });
    }
  }

  pick(hint) {
    this.input.value = hint.text;
    this.close();
    this.onAsk(hint.text);
  }
}
