// firstline's help widget, the one module a host imports: the
// <firstline-help> custom element, init(), the options read from attributes,
// and the options' defaults. The panel (a launcher button and a floating
// panel, or the panel inline) lives in a Shadow DOM, so the host's styles and
// ours never meet; every query runs in a Web Worker (../worker.js) and the
// widget only renders what the core decided. Text goes in with textContent;
// the only HTML shown is the index's (sanitised when the index was built) and
// the core's own snippets (core/src/snippet.cpp), escaped. Nothing is sent
// over the network unless the host set `events` or `handoffUrl` (outbox.js).
// Options and events are documented in ../firstline.d.ts.
//
// The other modules, one job each:
//   panel.js         the panel: frame, state, open/close, focus, status line; loading or failing
//   conversation.js  what is shown in answer to what the customer does
//   combobox.js      the question box: the input and its hints (ARIA combobox)
//   views/*.js       one screen each, built from the core's answer
//   channels.js      the channel policy: order, availability, recommended, links (no DOM)
//   outbox.js        what the host hears and receives; every request the page makes
//   loading.js       the index within its time limit; the host's fallback channels
//   strings.js       the widget's texts, and the one locale rule (the core's)
//   hours.js         a channel's open hours (no DOM)
//   core-client.js   the page's side of the worker
//   dom.js           el(), which builds every element
import { Panel } from './panel.js';

/** Every option's default (see FirstlineOptions in ../firstline.d.ts). */
const DEFAULTS = {
  index: undefined,
  locale: undefined,
  context: {},
  channels: undefined,
  onEscalate: undefined,
  onEvent: undefined,
  events: undefined,
  handoffUrl: undefined,
  desk: undefined,
  includePersonalData: false,
  worker: undefined,
  loadTimeout: 30000,
  load: 'idle',
  storage: 'cache',
  open: false,
  now: undefined,
};

/** The options given, over the defaults (an option given as undefined keeps its default). */
function withDefaults(options) {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...DEFAULTS, ...given, context: { ...(options.context || {}) } };
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
    desk: get('desk'),
    loadTimeout: get('load-timeout') ? Number(get('load-timeout')) : undefined,
    load: get('load'),
    storage: get('storage'),
    open: get('open') !== undefined,
  };
}

/** `<firstline-help index="..." locale="..." page="..." order-state="...">`: the panel inline. */
export class FirstlineHelpElement extends HTMLElement {
  /** Builds the widget with these options (instead of the element's attributes). */
  configure(options) {
    if (this.widget) this.widget.destroy();
    this.widget = new Panel(this, withDefaults(options));
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
    return this.widget.askTyped(text);
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
