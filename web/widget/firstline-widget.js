// firstline's help widget: a launcher button and a help panel (or the panel
// inline, as <firstline-help>), in a Shadow DOM so the host's styles and ours
// never meet. Every query runs in a Web Worker (../worker.js); this module only
// renders what the core decided. Text goes in with textContent; the only HTML
// shown is the index's (sanitised when the index was built) and Xapian's
// escaped snippets. Nothing is sent over the network unless the host set
// `events` or `handoffUrl`. Options and events are documented in ../firstline.d.ts.
import { CoreClient } from './core-client.js';
import { channelStatus } from './hours.js';
import { pickLocale, strings } from './strings.js';

const ASSETS = new URL('../', import.meta.url); // firstline.js, worker.js, firstline-core.{js,wasm}
const HINT_LIMIT = 6;
const TOPIC_LIMIT = 6;
const ANNOUNCE_DELAY_MS = 500;
const HINTS_EVENT_DELAY_MS = 1000;

const DEFAULTS = {
  index: undefined,
  locale: undefined,
  context: {},
  channels: undefined,
  onEscalate: undefined,
  onEvent: undefined,
  events: undefined,
  handoffUrl: undefined,
  includePersonalData: false,
  worker: undefined,
  loadTimeout: 30000,
  load: 'page',
  open: false,
  now: undefined,
};

let nextElementId = 1;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((child) => child !== undefined && child !== null && child !== false));
  return node;
}

/** The hint's text as nodes, the part the customer typed in <mark> (text nodes only: no HTML is parsed). */
function highlighted(text, typed) {
  const needle = typed.trim().toLowerCase();
  const at = needle ? text.toLowerCase().indexOf(needle) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), el('mark', { text: text.slice(at, at + needle.length) }), text.slice(at + needle.length)].filter(Boolean);
}

function sessionName() {
  const random = globalThis.crypto?.randomUUID?.() || `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `s-${random}`;
}

function digitsOnly(number) {
  return String(number).replace(/[^0-9+]/g, '');
}

function postJson(url, body) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    keepalive: true,
    credentials: 'same-origin',
  });
}

/** Options from a <script data-*> tag or a <firstline-help> element's attributes. */
export function optionsFromAttributes(node, prefix = '') {
  const get = (name) => node.getAttribute(prefix + name) ?? undefined;
  const context = {};
  if (get('page')) context.page = get('page');
  if (get('order-state')) context.order_state = get('order-state');
  const previous = get('previous-contacts');
  if (previous) context.previous_contacts = Number(previous) || 0;
  return {
    index: get('index'),
    locale: get('locale'),
    context,
    channels: get('channels'),
    events: get('events'),
    handoffUrl: get('handoff-url'),
    loadTimeout: get('load-timeout') ? Number(get('load-timeout')) : undefined,
    load: get('load'),
    open: get('open') !== undefined,
  };
}

/** The panel: one per <firstline-help> element. */
class Widget {
  constructor(host, options) {
    this.host = host;
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.options = { ...DEFAULTS, ...given, context: { ...(options.context || {}) } };
    this.launcher = this.options.mode === 'launcher';
    this.locale = pickLocale(this.options.locale);
    this.t = strings(this.locale);
    this.session = sessionName();
    this.channels = [];
    this.routes = {};
    this.timezone = undefined;
    this.titles = new Map();
    this.hints = [];
    this.activeHint = -1;
    this.composing = false;
    this.hintTicket = 0;
    this.state = 'loading';
    this.idPrefix = `fl${nextElementId++}`;
    this.build();
    if (this.launcher && this.options.load === 'open') {
      // Nothing is downloaded until the customer first opens the panel.
      this.ready = new Promise((resolve) => { this.startOnOpen = () => resolve(this.start()); });
    } else {
      this.ready = this.start();
    }
  }

  id(name) {
    return `${this.idPrefix}-${name}`;
  }

  now() {
    return this.options.now ? this.options.now() : new Date();
  }

  // ---- events ---------------------------------------------------------------

  emit(type, extra = {}) {
    const event = { type, at: new Date().toISOString(), locale: this.locale, session: this.session, ...extra };
    try {
      this.options.onEvent?.(event);
    } catch (error) {
      queueMicrotask(() => { throw error; });
    }
    this.host.dispatchEvent(new CustomEvent('firstline:event', { detail: event, bubbles: true, composed: true }));
    if (this.options.events) postJson(this.options.events, event).catch(() => {});
    return event;
  }

  static decisionSummary(decision) {
    const summary = {
      kind: decision.kind,
      intents: (decision.intents || []).slice(0, 3).map(({ id, confidence }) => ({ id, confidence })),
    };
    if (decision.escalation) summary.reason = decision.escalation.reason;
    return summary;
  }

  // ---- the DOM --------------------------------------------------------------

  build() {
    const t = this.t;
    const root = this.host.shadowRoot || this.host.attachShadow({ mode: 'open' });
    this.root = root;
    const stylesheet = el('link', { rel: 'stylesheet', href: new URL('widget/firstline.css', ASSETS).href });
    this.frame = el('div', { class: `frame ${this.launcher ? 'floating' : 'inline'}`, lang: this.locale });
    this.frame.hidden = true; // until the stylesheet is in (no flash of unstyled widget)
    const reveal = () => { this.frame.hidden = false; };
    stylesheet.addEventListener('load', reveal);
    stylesheet.addEventListener('error', reveal);

    this.input = el('input', {
      id: this.id('query'), type: 'text', role: 'combobox', autocomplete: 'off', autocapitalize: 'off',
      spellcheck: 'false', enterkeyhint: 'search', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': this.id('hints'), placeholder: t.placeholder, disabled: true,
    });
    this.listbox = el('ul', { id: this.id('hints'), role: 'listbox', class: 'hints', 'aria-label': t.hintsLabel });
    this.listbox.hidden = true;
    this.askButton = el('button', { type: 'submit', class: 'ask', text: t.askButton, disabled: true });
    this.form = el('form', { class: 'search', role: 'search', novalidate: true },
      el('label', { for: this.id('query'), class: 'visually-hidden', text: t.inputLabel }),
      el('div', { class: 'combo' }, this.input, this.askButton),
      this.listbox);
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', text: t.loading });
    this.announcer = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.view = el('div', { class: 'view' });
    this.personButton = el('button', { type: 'button', class: 'person', text: t.contactPerson,
      onclick: () => this.showChannels(null, true) });
    const header = el('div', { class: 'header' },
      el('h2', { id: this.id('title'), class: 'title', text: t.title }),
      this.personButton,
      this.launcher ? el('button', { type: 'button', class: 'close', 'aria-label': t.close, text: '×',
        onclick: () => this.close() }) : null);
    this.panel = el('section', {
      class: 'panel', id: this.id('panel'), role: this.launcher ? 'dialog' : 'region',
      'aria-labelledby': this.id('title'),
    }, header, this.form, this.status, this.announcer, this.view);
    if (this.launcher) {
      this.panel.hidden = true;
      this.launcherButton = el('button', {
        type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': this.id('panel'),
        onclick: () => (this.panel.hidden ? this.open() : this.close()),
      }, el('span', { class: 'launcher-icon', 'aria-hidden': 'true', text: '?' }), el('span', { text: t.launcher }));
      this.frame.append(this.panel, this.launcherButton);
      this.panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && !event.isComposing && !this.composing && !event.defaultPrevented) {
          event.preventDefault();
          this.close();
        }
      });
    } else {
      this.frame.append(this.panel);
    }
    root.replaceChildren(stylesheet, this.frame);
    this.wireInput();
  }

  open() {
    if (!this.launcher) return;
    if (this.startOnOpen) {
      const start = this.startOnOpen;
      this.startOnOpen = null;
      start();
    }
    this.panel.hidden = false;
    this.launcherButton.setAttribute('aria-expanded', 'true');
    this.frame.classList.add('open');
    (this.input.disabled ? this.panel.querySelector('button') : this.input)?.focus();
  }

  close() {
    if (!this.launcher) return;
    this.panel.hidden = true;
    this.closeHints();
    this.launcherButton.setAttribute('aria-expanded', 'false');
    this.frame.classList.remove('open');
    this.launcherButton.focus();
  }

  setStatus(text) {
    this.status.textContent = text;
  }

  /** Replaces the view; `focus` moves focus to its heading (after a click removed the focused button). */
  showView(nodes, focus = false) {
    this.view.replaceChildren(...nodes);
    if (focus) {
      const heading = this.view.querySelector('h3');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
  }

  // ---- starting: the worker, the index, the first screen ---------------------

  async start() {
    if (!this.options.index) {
      return this.fail({ code: 'no_index', message: 'no index URL configured (data-index or init({index}))' });
    }
    const workerUrl = this.options.worker ? new URL(this.options.worker, document.baseURI) : new URL('worker.js', ASSETS);
    this.core = new CoreClient(workerUrl, (loaded, total) => {
      if (total > 0 && this.state === 'loading') this.setStatus(this.t.loadingProgress(Math.floor((100 * loaded) / total)));
    });
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`the help content did not load within ${this.options.loadTimeout} ms`),
        { code: 'timeout' })), this.options.loadTimeout);
    });
    try {
      const opened = await Promise.race([this.core.open(new URL(this.options.index, document.baseURI)), timeout]);
      clearTimeout(timer);
      this.channels = opened.escalation?.channels || [];
      this.routes = opened.escalation?.routes || {};
      this.fallbackOrder = opened.escalation?.fallback_order || this.channels.map((c) => c.id);
      this.timezone = opened.escalation?.timezone;
      await this.core.call({ op: 'context', session: this.session, context: this.coreContext() });
      this.state = 'ready';
      this.input.disabled = false;
      this.askButton.disabled = false;
      this.setStatus(this.t.ready);
      this.host.setAttribute('data-state', 'ready');
      this.emit('ready', { articles: opened.build?.counts?.articles });
      // The panel was opened while loading: focus waited on its first button; the input is usable now.
      if (this.launcher && !this.panel.hidden && (!this.root.activeElement || this.root.activeElement === this.personButton)) {
        this.input.focus();
      }
      await this.showTopics();
      if (this.options.open) this.open();
    } catch (error) {
      clearTimeout(timer);
      if (error.code === 'timeout') this.core.terminate();
      this.fail(error);
    }
  }

  coreContext() {
    const { page, order_state: orderState, previous_contacts: previous } = this.options.context || {};
    const context = { locale: this.locale };
    if (page) context.page = String(page);
    if (orderState) context.order_state = String(orderState);
    if (previous) context.previous_contacts = Number(previous) || 0;
    return context;
  }

  /** The index or the module could not load: say so plainly, and still offer the channels. */
  async fail(error) {
    this.state = 'failed';
    this.input.disabled = true;
    this.askButton.disabled = true;
    this.emit('error', { error: { code: error.code || 'internal', message: String(error.message || error) } });
    this.channels = await this.configuredChannels();
    this.fallbackOrder = this.channels.map((c) => c.id);
    this.setStatus(this.channels.length ? this.t.failed : this.t.failedNoChannels);
    this.view.replaceChildren(this.channelList(null, { direct: true }));
    // Only now: a host (or a test) that sees data-state="failed" finds the message and the channels in place.
    this.host.setAttribute('data-state', 'failed');
    if (this.options.open) this.open();
  }

  async configuredChannels() {
    const configured = this.options.channels;
    if (Array.isArray(configured)) return configured;
    if (typeof configured === 'string' && configured) {
      try {
        const response = await fetch(new URL(configured, document.baseURI));
        const data = await response.json();
        this.timezone = data.timezone || this.timezone;
        return Array.isArray(data) ? data : data.channels || [];
      } catch {
        return [];
      }
    }
    return [];
  }

  async showTopics() {
    const result = await this.core.call({ op: 'hints', session: this.session, text: '', limit: TOPIC_LIMIT });
    const topics = result.hints;
    if (!topics.length) return this.view.replaceChildren();
    const list = el('ul', { class: 'topics' }, ...topics.map((topic) => el('li', {},
      el('button', { type: 'button', class: 'topic', text: topic.text,
        onclick: () => (topic.intent ? this.choose(topic.intent, topic.text) : this.ask(topic.text)) }))));
    this.showView([el('h3', { text: this.t.topicsTitle }), list]);
  }

  // ---- typing: the combobox -------------------------------------------------

  wireInput() {
    const input = this.input;
    input.addEventListener('compositionstart', () => { this.composing = true; });
    input.addEventListener('compositionend', () => {
      this.composing = false;
      this.updateHints();
    });
    input.addEventListener('input', (event) => {
      if (this.composing || event.isComposing) return; // the IME still holds the text
      this.updateHints();
    });
    input.addEventListener('keydown', (event) => this.onKeyDown(event));
    input.addEventListener('blur', () => setTimeout(() => {
      if (!this.root.activeElement || !this.form.contains(this.root.activeElement)) this.closeHints();
    }, 150));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.composing) this.ask(this.input.value);
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
        this.openHints();
        this.setActiveHint(next);
        break;
      }
      case 'Enter':
        event.preventDefault();
        if (open && this.activeHint >= 0) this.pickHint(this.hints[this.activeHint]);
        else this.ask(this.input.value);
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          this.closeHints();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = '';
          this.updateHints();
        }
        break;
      case 'Tab':
        this.closeHints();
        break;
      default:
    }
  }

  async updateHints() {
    if (this.state !== 'ready') return;
    const text = this.input.value;
    const ticket = ++this.hintTicket;
    if (!text.trim()) {
      this.renderHints([], text);
      return;
    }
    let result;
    try {
      result = await this.core.call({ op: 'hints', session: this.session, text, limit: HINT_LIMIT });
    } catch {
      return; // hints are a convenience: a failed one is simply not shown
    }
    if (ticket !== this.hintTicket || this.composing) return; // a newer keystroke already asked
    this.renderHints(result.hints, text);
  }

  renderHints(hints, text) {
    this.hints = hints;
    this.activeHint = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.listbox.replaceChildren(...hints.map((hint, i) => el('li', {
      id: this.id(`hint-${i}`), role: 'option', 'aria-selected': 'false', class: `hint ${hint.kind}`,
      onmousedown: (event) => event.preventDefault(), // keep focus in the input
      onclick: () => this.pickHint(hint),
    }, ...highlighted(hint.text, text))));
    this.listbox.dataset.for = text;
    if (hints.length) this.openHints();
    else this.closeHints();
    clearTimeout(this.announceTimer);
    if (text.trim()) {
      this.announceTimer = setTimeout(() => { this.announcer.textContent = this.t.hintCount(hints.length); }, ANNOUNCE_DELAY_MS);
      clearTimeout(this.hintsEventTimer);
      this.hintsEventTimer = setTimeout(() => this.emit('hints', { query: text, count: hints.length }), HINTS_EVENT_DELAY_MS);
    }
  }

  openHints() {
    if (!this.hints.length) return;
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  closeHints() {
    this.listbox.hidden = true;
    this.activeHint = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    for (const option of this.listbox.children) option.setAttribute('aria-selected', 'false');
  }

  setActiveHint(index) {
    this.activeHint = index;
    [...this.listbox.children].forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const option = this.listbox.children[index];
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView?.({ block: 'nearest' });
    }
  }

  pickHint(hint) {
    this.input.value = hint.text;
    this.closeHints();
    this.ask(hint.text);
  }

  // ---- decisions -------------------------------------------------------------

  async ask(text) {
    if (this.state !== 'ready') return;
    const query = String(text || '').trim();
    this.hintTicket++; // hints still on their way are stale now
    this.closeHints();
    if (!query) {
      this.setStatus(this.t.emptyQuery);
      return;
    }
    try {
      const { decision } = await this.core.call({ op: 'ask', session: this.session, query });
      this.emit('ask', { query, decision: Widget.decisionSummary(decision) });
      await this.renderDecision(decision, false);
    } catch (error) {
      this.showError(error);
    }
  }

  async choose(intent, label) {
    try {
      const { decision } = await this.core.call({ op: 'choose', session: this.session, intent });
      this.emit('choose', { query: label, decision: Widget.decisionSummary(decision) });
      await this.renderDecision(decision, true);
    } catch (error) {
      this.showError(error);
    }
  }

  showError(error) {
    this.setStatus(this.t.errorGeneric);
    this.emit('error', { error: { code: error.code || 'internal', message: String(error.message || error) } });
  }

  async renderDecision(decision, focus) {
    for (const hit of decision.articles || []) this.titles.set(hit.id, hit.title);
    if (decision.kind === 'clarify') {
      this.setStatus(this.t.clarifyStatus);
      const options = el('div', { class: 'options', role: 'group', 'aria-labelledby': this.id('question') },
        ...decision.options.map((option) => el('button', { type: 'button', class: 'option', text: option.label,
          onclick: () => this.choose(option.intent, option.label) })),
        el('button', { type: 'button', class: 'option none', text: this.t.noneOfThese,
          onclick: () => this.showChannels(null, true) }));
      this.showView([el('h3', { id: this.id('question'), class: 'question', text: decision.question }), options], focus);
    } else if (decision.kind === 'escalate') {
      this.setStatus(this.t.escalateStatus);
      this.showChannels(decision, focus);
    } else {
      this.setStatus(this.t.answerFound);
      const [first, ...rest] = decision.articles;
      if (first) await this.showArticle(first.id, rest, focus);
      else this.showChannels(decision, focus); // an answer without an article is no answer: never leave the customer stuck
    }
  }

  async showArticle(id, related = [], focus = false) {
    let article;
    try {
      ({ article } = await this.core.call({ op: 'article', id }));
      await this.core.call({ op: 'opened', session: this.session, article: id });
    } catch (error) {
      return this.showError(error);
    }
    this.titles.set(id, article.title);
    this.emit('opened', { article: id });
    const body = el('div', { class: 'article-body' });
    body.innerHTML = article.html; // safe HTML rendered by firstline-index
    for (const link of body.querySelectorAll('a[href^="http"]')) {
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    }
    const feedback = el('div', { class: 'feedback', role: 'group', 'aria-labelledby': this.id('helped') },
      el('span', { id: this.id('helped'), text: this.t.helpedQuestion }));
    for (const [label, helped] of [[this.t.helpedYes, true], [this.t.helpedNo, false]]) {
      feedback.append(el('button', { type: 'button', class: 'helped', text: label, onclick: () => this.feedback(id, helped, feedback) }));
    }
    const parts = [el('article', { class: 'article', 'data-article': id }, el('h3', { text: article.title }), body), feedback];
    if (related.length) {
      parts.push(el('h4', { text: this.t.related }), el('ul', { class: 'related' }, ...related.map((hit) => {
        const snippet = el('p', { class: 'snippet' });
        snippet.innerHTML = hit.snippet; // escaped by Xapian, matched words in <mark>
        return el('li', {}, el('button', { type: 'button', class: 'link', text: hit.title,
          onclick: () => this.showArticle(hit.id, related.filter((other) => other.id !== hit.id), true) }), snippet);
      })));
    }
    this.showView(parts, focus);
  }

  async feedback(article, helped, box) {
    try {
      await this.core.call({ op: 'feedback', session: this.session, article, helped });
    } catch (error) {
      return this.showError(error);
    }
    this.emit('feedback', { article, helped });
    const message = el('p', { text: helped ? this.t.thanks : this.t.sorry });
    const children = [message];
    if (!helped) {
      children.push(el('button', { type: 'button', class: 'person-inline', text: this.t.contactPerson,
        onclick: () => this.showChannels(null, true) }));
    }
    box.replaceChildren(...children);
    box.removeAttribute('aria-labelledby');
    box.setAttribute('role', 'status');
    // The focused button is gone: keep focus in the panel (Escape, Tab keep working).
    message.tabIndex = -1;
    (box.querySelector('button') || message).focus();
  }

  // ---- escalation --------------------------------------------------------------

  /** The channels in the order to offer them: the route's (recommended first), then the rest. */
  orderedChannels(routeIds) {
    const byId = new Map(this.channels.map((channel) => [channel.id, channel]));
    const ids = [...(routeIds || []), ...(this.fallbackOrder || []), ...byId.keys()];
    const seen = new Set();
    return ids.filter((id) => byId.has(id) && !seen.has(id) && seen.add(id)).map((id) => byId.get(id));
  }

  isAvailable(channel) {
    return channel.kind === 'email' || channelStatus(channel, this.timezone, this.now()).open;
  }

  channelList(decision, { direct = false } = {}) {
    const escalation = decision?.escalation;
    const route = escalation?.channels || this.routes.explicit_request || this.fallbackOrder;
    let ordered = this.orderedChannels(escalation?.channel ? [escalation.channel, ...route] : route);
    // The recommended channel is the route's first open one; it is listed first.
    const recommended = ordered.find((channel) => this.isAvailable(channel));
    if (recommended) ordered = [recommended, ...ordered.filter((channel) => channel !== recommended)];
    const list = el('ul', { class: 'channels' });
    for (const channel of ordered) {
      const label = channel.label?.[this.locale] || channel.label?.en || channel.id;
      const purpose = channel.purpose?.[this.locale] || channel.purpose?.en || '';
      const status = channelStatus(channel, this.timezone, this.now());
      const available = this.isAvailable(channel);
      const note = available ? this.t.openNow : this.t.closedUntil(this.describeOpening(status.next));
      const item = el('li', { class: `channel ${channel.kind}${channel === recommended ? ' recommended' : ''}${available ? '' : ' closed'}`,
        'data-channel': channel.id });
      const heading = el('span', { class: 'channel-label' }, label,
        channel === recommended ? el('span', { class: 'badge', text: this.t.recommended }) : null);
      const details = el('span', { class: 'channel-details' }, el('span', { class: 'channel-purpose', text: purpose }),
        el('span', { class: 'channel-status', text: note }));
      if (direct && (channel.kind === 'phone' || channel.kind === 'email')) {
        item.append(el('a', { class: 'channel-action', href: this.channelHref(channel) }, heading, details));
      } else {
        item.append(el('button', { type: 'button', class: 'channel-action', disabled: !available,
          onclick: () => (direct ? this.deliver(channel, null, {}) : this.confirmHandoff(channel, decision)) }, heading, details));
      }
      if (!direct && channel.kind === 'phone' && channel.number) { // call at once, without the summary step
        item.append(el('a', { class: 'tel', href: this.channelHref(channel), text: this.t.call(channel.number) }));
      }
      list.append(item);
    }
    return list;
  }

  channelHref(channel) {
    if (channel.kind === 'phone') return `tel:${digitsOnly(channel.number)}`;
    if (channel.kind === 'email') return `mailto:${channel.address}`;
    return undefined;
  }

  describeOpening(next) {
    if (!next) return '—';
    if (next.inDays === 0) return this.t.closedToday(next.time);
    if (next.inDays === 1) return this.t.closedTomorrow(next.time);
    return this.t.closedOn(this.t.days[next.day], next.time);
  }

  async showChannels(decision, focus) {
    this.closeHints();
    if (this.state === 'loading') { // still loading: the configured channels, reachable at once
      const channels = await this.configuredChannels();
      if (this.state !== 'loading') return this.showChannels(decision, focus);
      if (!channels.length) return;
      this.channels = channels;
      this.fallbackOrder = channels.map((c) => c.id);
      this.showView([el('h3', { text: this.t.channelsTitle }), this.channelList(null, { direct: true })], focus);
      return;
    }
    if (this.state === 'ready') this.setStatus(this.t.escalateStatus);
    if (!this.channels.length) {
      this.setStatus(this.t.failedNoChannels);
      return;
    }
    const parts = [el('h3', { text: this.t.channelsTitle })];
    if (decision?.escalation?.explanation) parts.push(el('p', { class: 'explanation', text: decision.escalation.explanation }));
    parts.push(el('p', { class: 'intro', text: this.t.channelsIntro }), this.channelList(decision));
    if (decision?.articles?.length) {
      parts.push(el('h4', { text: this.t.related }), el('ul', { class: 'related' }, ...decision.articles.map((hit) =>
        el('li', {}, el('button', { type: 'button', class: 'link', text: hit.title,
          onclick: () => this.showArticle(hit.id, [], true) })))));
    }
    if (this.state === 'ready') {
      this.emit('escalate', decision ? { decision: Widget.decisionSummary(decision) } : { decision: { kind: 'escalate', intents: [], reason: 'explicit_request' } });
    }
    this.showView(parts, focus);
  }

  /** Shows the summary that will be handed over; the customer confirms before the host gets it. */
  async confirmHandoff(channel, decision) {
    let handoff;
    try {
      ({ handoff } = await this.core.call({ op: 'handoff', session: this.session, include_personal_data: !!this.options.includePersonalData }));
    } catch (error) {
      return this.showError(error);
    }
    const t = this.t;
    const label = channel.label?.[this.locale] || channel.id;
    const queries = handoff.conversation.map((turn) => turn.query).filter(Boolean);
    const summary = el('dl', { class: 'summary' },
      el('dt', { text: label }), el('dd', { text: handoff.summary }),
      el('dt', { text: t.summaryTopic }),
      el('dd', { text: [handoff.intents[0]?.label, t.summaryLevel(handoff.problem_level)].filter(Boolean).join(' · ') }));
    if (queries.length) summary.append(el('dt', { text: t.summaryQuestions }), el('dd', {}, el('ul', {}, ...queries.map((q) => el('li', { text: q })))));
    if (handoff.articles_viewed.length) {
      summary.append(el('dt', { text: t.summaryArticles }), el('dd', {}, el('ul', {},
        ...handoff.articles_viewed.map((id) => el('li', { text: this.titles.get(id) || id })))));
    }
    const form = el('form', { class: 'confirm', novalidate: true });
    let phone;
    let time;
    if (channel.kind === 'callback') {
      phone = el('input', { id: this.id('callback-phone'), type: 'tel', autocomplete: 'tel', required: true, inputmode: 'tel' });
      time = el('input', { id: this.id('callback-time'), type: 'text' });
      form.append(
        el('label', { for: this.id('callback-phone'), text: t.callbackPhone }), phone,
        el('label', { for: this.id('callback-time'), text: t.callbackTime }), time);
    }
    const problem = el('p', { class: 'form-error', role: 'alert' });
    form.append(problem, el('div', { class: 'buttons' },
      el('button', { type: 'submit', class: 'primary', text: t.confirm }),
      el('button', { type: 'button', text: t.cancel, onclick: () => this.showChannels(decision, true) })));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const extra = {};
      if (phone) {
        if (digitsOnly(phone.value).replace('+', '').length < 5) {
          problem.textContent = t.callbackInvalid;
          phone.setAttribute('aria-invalid', 'true');
          phone.focus();
          return;
        }
        extra.callback = { phone: phone.value.trim(), time: time.value.trim() };
      }
      this.deliver(channel, handoff, extra);
    });
    this.showView([el('h3', { text: t.summaryTitle }), el('p', { class: 'intro', text: t.summaryIntro }), summary, form], true);
  }

  /** Hands the confirmed summary to the host: onEscalate, a cancelable DOM event, and/or handoffUrl. */
  async deliver(channel, handoff, extra) {
    const payload = { channel: channel.id, kind: channel.kind, handoff, ...extra };
    let handled = false;
    try {
      if (this.options.onEscalate) {
        await this.options.onEscalate(payload);
        handled = true;
      }
    } catch (error) {
      queueMicrotask(() => { throw error; });
    }
    const domEvent = new CustomEvent('firstline:escalate', { detail: payload, bubbles: true, composed: true, cancelable: true });
    if (!this.host.dispatchEvent(domEvent)) handled = true; // the host called preventDefault(): it took the case
    if (this.options.handoffUrl) {
      try {
        const response = await postJson(new URL(this.options.handoffUrl, document.baseURI), payload);
        handled = handled || response.ok;
      } catch {
        // unreachable handoff URL: the customer still gets the direct ways below
      }
    }
    if (this.state === 'ready') this.emit('handoff', { channel: channel.id });
    this.showDelivered(channel, handoff, handled);
  }

  showDelivered(channel, handoff, handled) {
    const t = this.t;
    const parts = [el('h3', { text: t.channelsTitle })];
    const direct = this.channels.filter((c) => c.kind === 'phone' || c.kind === 'email');
    if (!handled && channel.kind !== 'phone' && channel.kind !== 'email') {
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
    for (const c of direct) {
      if (handled && c !== channel && channel.kind !== 'chat' && channel.kind !== 'callback') continue;
      let href = this.channelHref(c);
      if (c.kind === 'email' && handoff) {
        const body = [handoff.summary, '', ...handoff.conversation.map((turn) => `- ${turn.query}`)].join('\n');
        href += `?subject=${encodeURIComponent(t.emailSubject)}&body=${encodeURIComponent(body)}`;
      }
      links.append(el('li', {}, el('a', { href, class: 'direct-link', text: c.kind === 'phone' ? t.call(c.number) : t.sendEmail(c.address) })));
    }
    if (links.children.length) parts.push(links);
    this.showView(parts, true);
  }

  // ---- host API ------------------------------------------------------------------

  async setContext(context) {
    this.options.context = { ...context };
    if (this.startOnOpen) return; // not started yet: the context is used when it starts
    await this.ready;
    if (this.state !== 'ready') return;
    await this.core.call({ op: 'context', session: this.session, context: this.coreContext() });
    if (!this.input.value) await this.showTopics();
  }

  destroy() {
    this.core?.terminate();
    this.root.replaceChildren();
  }
}

/** `<firstline-help index="..." locale="..." page="..." order-state="...">`: the panel inline. */
export class FirstlineHelpElement extends HTMLElement {
  /** Builds the widget with these options (instead of the element's attributes). */
  configure(options) {
    if (this.widget) this.widget.destroy();
    this.widget = new Widget(this, options);
    return this.widget;
  }

  connectedCallback() {
    if (!this.widget) this.configure({ ...optionsFromAttributes(this), mode: this.hasAttribute('launcher') ? 'launcher' : 'inline' });
  }

  // The element is its own controller, so a one-tag host can reach it:
  // document.querySelector('firstline-help').open()
  open() { this.widget?.open(); }

  close() { this.widget?.close(); }

  async ask(text) {
    await this.widget.ready;
    this.widget.input.value = text;
    return this.widget.ask(text);
  }

  setContext(context) { return this.widget.setContext(context); }
}

if (!customElements.get('firstline-help')) customElements.define('firstline-help', FirstlineHelpElement);

function controller(element) {
  const widget = element.widget;
  return {
    element,
    ready: widget.ready.then(() => widget.state),
    open: () => element.open(),
    close: () => element.close(),
    ask: (text) => element.ask(text),
    setContext: (context) => element.setContext(context),
    destroy: () => {
      widget.destroy();
      element.remove();
    },
  };
}

/**
 * Starts the widget. Without `target`: a launcher button and a floating panel
 * on document.body. With `target` (an element): the panel inline inside it.
 * Returns a controller; see FirstlineController in ../firstline.d.ts.
 */
export function init(options = {}) {
  const element = document.createElement('firstline-help');
  const inline = !!options.target;
  element.configure({ ...options, mode: inline ? 'inline' : 'launcher' });
  if (!inline) element.setAttribute('launcher', '');
  (options.target || document.body).append(element);
  return controller(element);
}
