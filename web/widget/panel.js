// The help panel, one per <firstline-help> element: its frame in the Shadow
// DOM, its state (loading, then ready or failed), open and close (launcher
// mode), focus, the status line and the view area. It starts the core in a
// Web Worker (core-client.js, loading.js) and, if that fails, shows the
// failure with the host's fallback channels. What is shown in answer to the
// customer is conversation.js's; what the host hears is outbox.js's. Options
// arrive complete, with their defaults (firstline-widget.js).
import { CaseChat } from './chat.js';
import { Combobox } from './combobox.js';
import { Conversation } from './conversation.js';
import { CoreClient } from './core-client.js';
import { el } from './dom.js';
import { fallbackChannels, openIndex } from './loading.js';
import { errorDetail, Outbox } from './outbox.js';
import { pickLocale, strings } from './strings.js';
import { failureView } from './views/error.js';

const ASSETS = new URL('../', import.meta.url); // firstline.js, worker.js, firstline-core.{js,wasm}
// The worker's file: scripts/publish-worker.mjs rewrites this line with the
// name it gives the worker by its content, so a repeat view takes it from the
// cache without asking (a worker's script is not served stale while it revalidates).
const WORKER = 'worker.js';

let nextPanelId = 1;

function sessionName() {
  const random = globalThis.crypto?.randomUUID?.() || `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `s-${random}`;
}

export class Panel {
  constructor(host, options) {
    this.host = host;
    this.options = options;
    this.launcher = options.mode === 'launcher';
    this.locale = pickLocale(options.locale);
    this.t = strings(this.locale);
    this.session = sessionName();
    this.outbox = new Outbox(host, options, { locale: this.locale, session: this.session });
    this.chat = new CaseChat(this);
    this.channels = [];
    this.channelOrder = {}; // the core's order per escalation reason (the open response's channel_order)
    this.timezone = undefined;
    this.state = 'loading';
    this.conversation = new Conversation(this);
    const prefix = `fl${nextPanelId++}`;
    this.id = (name) => `${prefix}-${name}`;
    this.build();
    this.ready = this.launcher && options.load !== 'page' ? this.startOnInterest(options.load) : this.start();
  }

  /**
   * The engine and the index start when the customer shows interest: the
   * launcher hovered, focused or opened; with load "idle" (the default) also
   * once the page is idle. Load "open" waits for the panel's first opening.
   * (Load "page", and an inline panel, start at once.)
   */
  startOnInterest(load) {
    return new Promise((resolve) => {
      this.startOnOpen = () => resolve(this.start());
      const interested = () => {
        if (!this.startOnOpen) return;
        const start = this.startOnOpen;
        this.startOnOpen = null;
        start();
      };
      if (load === 'open') return;
      for (const type of ['pointerenter', 'focus', 'touchstart']) {
        this.launcherButton.addEventListener(type, interested, { once: true, passive: true });
      }
      if (load !== 'interest') {
        const idle = self.requestIdleCallback || ((callback) => setTimeout(callback, 1500));
        idle(interested, { timeout: 5000 });
      }
    });
  }

  now() {
    return this.options.now ? this.options.now() : new Date();
  }

  // ---- the frame, open and close, the status line, the view -----------------

  build() {
    const t = this.t;
    this.root = this.host.shadowRoot || this.host.attachShadow({ mode: 'open' });
    const stylesheet = el('link', { rel: 'stylesheet', href: new URL('widget/firstline.css', ASSETS).href });
    this.frame = el('div', { class: `frame ${this.launcher ? 'floating' : 'inline'}`, lang: this.locale });
    this.frame.hidden = true; // until the stylesheet is in (no flash of unstyled widget)
    const reveal = () => { this.frame.hidden = false; };
    stylesheet.addEventListener('load', reveal);
    stylesheet.addEventListener('error', reveal);
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', text: t.loading });
    const announcer = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.combobox = new Combobox({
      id: this.id, t, root: this.root, announcer,
      hints: async (text, limit) => {
        const { hints, masked_text: masked } = await this.core.call({ op: 'hints', session: this.session, text, limit });
        this.maskedHintsText = { text, masked: masked ?? '' }; // what the hints event may carry (the core masked it)
        return hints;
      },
      onAsk: (text) => this.conversation.ask(text),
      onHintsShown: (query, count) => this.outbox.event('hints', {
        query: this.maskedHintsText?.text === query ? this.maskedHintsText.masked : '', count,
      }),
    });
    this.view = el('div', { class: 'view' });
    this.personButton = el('button', { type: 'button', class: 'person', text: t.contactPerson,
      onclick: () => (this.chat.active ? this.chat.show(true) : this.conversation.showChannels(null, true)) });
    const header = el('div', { class: 'header' },
      el('h2', { id: this.id('title'), class: 'title', text: t.title }),
      this.personButton,
      this.launcher ? el('button', { type: 'button', class: 'close', 'aria-label': t.close, text: '×',
        onclick: () => this.close() }) : null);
    this.panel = el('section', {
      class: 'panel', id: this.id('panel'), role: this.launcher ? 'dialog' : 'region',
      'aria-labelledby': this.id('title'),
    }, header, this.combobox.form, this.status, announcer, this.view);
    if (this.launcher) {
      this.panel.hidden = true;
      this.launcherButton = el('button', {
        type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': this.id('panel'),
        onclick: () => (this.panel.hidden ? this.open() : this.close()),
      }, el('span', { class: 'launcher-icon', 'aria-hidden': 'true', text: '?' }), el('span', { text: t.launcher }));
      this.frame.append(this.panel, this.launcherButton);
      this.panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && !event.isComposing && !this.combobox.composing && !event.defaultPrevented) {
          event.preventDefault();
          this.close();
        }
      });
    } else {
      this.frame.append(this.panel);
    }
    this.root.replaceChildren(stylesheet, this.frame);
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
    (this.combobox.input.disabled ? this.panel.querySelector('button') : this.combobox.input)?.focus();
  }

  close() {
    if (!this.launcher) return;
    this.panel.hidden = true;
    this.combobox.close();
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

  /** What every view is given: the strings, the locale, the element ids, and its own callbacks. */
  actions(callbacks) {
    return { t: this.t, locale: this.locale, id: this.id, ...callbacks };
  }

  // ---- loading: the worker, the index, the first screen; or the failure -------

  async start() {
    if (!this.options.index) {
      return this.fail({ code: 'no_index', message: 'no index URL configured (data-index or init({index}))' });
    }
    const workerUrl = this.options.worker ? new URL(this.options.worker, document.baseURI) : new URL(WORKER, ASSETS);
    const indexUrl = new URL(this.options.index, document.baseURI);
    this.core = new CoreClient(workerUrl, (loaded, total) => {
      if (total > 0 && this.state === 'loading') this.setStatus(this.t.loadingProgress(Math.floor((100 * loaded) / total)));
    }, indexUrl, { storage: this.options.storage });
    try {
      const opened = await openIndex(this.core, indexUrl, this.options.loadTimeout);
      this.channels = opened.escalation?.channels || [];
      this.channelOrder = opened.channel_order || {};
      this.timezone = opened.escalation?.timezone;
      await this.core.call({ op: 'context', session: this.session, context: this.coreContext() });
      this.state = 'ready';
      this.combobox.setEnabled(true);
      this.setStatus(this.t.ready);
      this.host.setAttribute('data-state', 'ready');
      this.outbox.event('ready', { articles: opened.build?.counts?.articles });
      // The panel was opened while loading: focus waited on its first button; the input is usable now.
      if (this.launcher && !this.panel.hidden && (!this.root.activeElement || this.root.activeElement === this.personButton)) {
        this.combobox.focus();
      }
      // A conversation with an agent this tab had (a reload): it comes back first.
      if (this.chat.resume()) this.chat.show(false);
      else await this.conversation.showTopics();
      if (this.options.open) this.open();
    } catch (error) {
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

  /** The host's fallback channels become the panel's (their order is the host's). */
  async useFallbackChannels() {
    const { channels, timezone } = await fallbackChannels(this.options.channels);
    this.timezone = timezone || this.timezone;
    return channels;
  }

  /** The index or the module could not load: say so plainly, and still offer the channels. */
  async fail(error) {
    this.state = 'failed';
    this.combobox.setEnabled(false);
    this.outbox.event('error', { error: errorDetail(error) });
    this.channels = await this.useFallbackChannels();
    this.setStatus(this.channels.length ? this.t.failed : this.t.failedNoChannels);
    this.view.replaceChildren(...failureView(this.conversation.offered(null),
      this.actions({ onPick: (channel) => this.conversation.deliver(channel, null, {}) })));
    if (this.chat.resume()) this.chat.show(false); // the desk does not need the index
    // Only now: a host (or a test) that sees data-state="failed" finds the message and the channels in place.
    this.host.setAttribute('data-state', 'failed');
    if (this.options.open) this.open();
  }

  // ---- the host's calls ----------------------------------------------------------

  /** The host asks (the element's ask()): the text goes in the input, as if typed. */
  askTyped(text) {
    this.combobox.value = text;
    return this.conversation.ask(text);
  }

  async setContext(context) {
    this.options.context = { ...context };
    if (this.startOnOpen) return; // not started yet: the context is used when it starts
    await this.ready;
    if (this.state !== 'ready') return;
    await this.core.call({ op: 'context', session: this.session, context: this.coreContext() });
    if (!this.combobox.value) await this.conversation.showTopics();
  }

  destroy() {
    this.chat.stop();
    this.core?.terminate();
    this.root.replaceChildren();
  }
}
