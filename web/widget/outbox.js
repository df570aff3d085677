// Everything the widget tells the host, and every network request the widget
// makes from the page. The rule: nothing is sent anywhere unless the host
// configured `events` (events are POSTed there, in batches), `handoffUrl`
// (the confirmed handoff is POSTed there) or `desk` (a handoff desk,
// desk/README.md: its handoffs and events URLs are the defaults of those
// two, and it is asked before a confirm whether a person is there, and
// carries a chat case's conversation: CaseLine below); all default to none.
// The host's own callbacks (onEvent, onEscalate) and the DOM events on the
// <firstline-help> element (firstline:event, firstline:escalate) stay in the page.
//
// The one other request here is a read: readJson() GETs the host's
// `channels` file, a URL the host configured, carrying nothing about the
// customer. (The index is fetched by ../worker.js, from the `index` URL.)
// Shapes: FirstlineEvent and FirstlineEscalation in ../firstline.d.ts.

/** GETs the JSON at `url` (relative to the page), e.g. the host's `channels` file; rejects if it cannot. */
export async function readJson(url) {
  const response = await fetch(new URL(url, document.baseURI));
  return response.json();
}

function postJson(url, body, { keepalive = true } = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    keepalive,
    credentials: 'same-origin',
  });
}

// Events wait at most this long, or until this many are waiting, to go in one
// POST (a desk takes at most 100 a batch); a hidden page sends what waits at once.
const BATCH_DELAY_MS = 2000;
const BATCH_MAX = 20;

/** A host callback that throws is reported (as an uncaught error) without stopping the widget. */
function reportLater(error) {
  queueMicrotask(() => { throw error; });
}

/** What an event says of a decision: its kind, best intents (up to 3) and escalation reason; no content. */
export function decisionSummary(decision) {
  const summary = {
    kind: decision.kind,
    intents: (decision.intents || []).slice(0, 3).map(({ id, confidence }) => ({ id, confidence })),
  };
  if (decision.escalation) summary.reason = decision.escalation.reason;
  return summary;
}

/** What an error event says of an error: its code ("internal" if it has none) and message. */
export function errorDetail(error) {
  return { code: error.code || 'internal', message: String(error.message || error) };
}

export class Outbox {
  /**
   * @param {HTMLElement} host  the <firstline-help> element the DOM events are dispatched on
   * @param {object} options    the widget's options: onEvent, onEscalate, events, handoffUrl, desk
   * @param {{locale: string, session: string}} stamp  added to every event
   */
  constructor(host, { onEvent, onEscalate, events, handoffUrl, desk }, { locale, session }) {
    this.host = host;
    this.callbacks = { onEvent, onEscalate };
    this.desk = desk ? new URL(desk, document.baseURI) : null;
    const atDesk = (path) => (this.desk ? new URL(path, this.desk).href : undefined);
    this.urls = { events: events ?? atDesk('events'), handoffUrl: handoffUrl ?? atDesk('handoffs') };
    this.stamp = { locale, session };
    this.waiting = [];
    if (this.urls.events) {
      const sendNow = () => { if (document.visibilityState === 'hidden') this.flush(); };
      document.addEventListener('visibilitychange', sendNow);
      globalThis.addEventListener?.('pagehide', () => this.flush());
    }
  }

  /** One event (type and its fields) to onEvent, as firstline:event, and POSTed to `events` if set. */
  event(type, extra = {}) {
    const event = { type, at: new Date().toISOString(), ...this.stamp, ...extra };
    try {
      this.callbacks.onEvent?.(event);
    } catch (error) {
      reportLater(error);
    }
    this.host.dispatchEvent(new CustomEvent('firstline:event', { detail: event, bubbles: true, composed: true }));
    if (this.urls.events) {
      this.waiting.push(event);
      // A handoff closes the customer's visit to self-service: its events go at once.
      if (this.waiting.length >= BATCH_MAX || type === 'handoff') this.flush();
      else this.timer ??= setTimeout(() => this.flush(), BATCH_DELAY_MS);
    }
    return event;
  }

  /** POSTs the events waiting, as one JSON array. */
  flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.waiting.length) return;
    postJson(this.urls.events, this.waiting.splice(0)).catch(() => {});
  }

  /**
   * What a configured desk would promise on each channel now
   * (GET <desk>/channels: {agents_available, channels: [promise…]}), for the
   * confirm screen to say, before the customer confirms, that nobody is there
   * or when they will be. null without a desk or when it does not answer.
   */
  async deskPromises(locale) {
    if (!this.desk) return null;
    try {
      const url = new URL('channels', this.desk);
      url.searchParams.set('locale', locale);
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) return null;
      const body = await response.json();
      return Array.isArray(body?.channels) ? body : null;
    } catch {
      return null;
    }
  }

  /**
   * Hands the confirmed payload to the host: onEscalate (awaited), then the
   * cancelable firstline:escalate event, then a POST to `handoffUrl` if set.
   * Resolves to {handled, receipt}: handled, whether someone took the case
   * (onEscalate returned normally, a listener called preventDefault(), or
   * handoffUrl answered 2xx); receipt, what a receiving desk answered (the
   * case's reference and its promise for the channel, desk/README.md), or null.
   */
  async handOff(payload) {
    let handled = false;
    let receipt = null;
    try {
      if (this.callbacks.onEscalate) {
        await this.callbacks.onEscalate(payload);
        handled = true;
      }
    } catch (error) {
      reportLater(error);
    }
    const domEvent = new CustomEvent('firstline:escalate', { detail: payload, bubbles: true, composed: true, cancelable: true });
    if (!this.host.dispatchEvent(domEvent)) handled = true;
    if (this.urls.handoffUrl) {
      try {
        const response = await postJson(new URL(this.urls.handoffUrl, document.baseURI), payload);
        handled = handled || response.ok;
        if (response.ok) receipt = readReceipt(await response.json().catch(() => null), this.desk);
      } catch {
        // an unreachable handoff URL: the customer still gets the direct ways
      }
    }
    return { handled, receipt };
  }
}

/**
 * A desk's answer to a handoff, kept only in the shape the panel shows (as
 * text): {reference, promise, mode}, and, from the configured desk, the
 * case's address for its conversation (caseUrl, on the desk's origin; it
 * holds the case's unguessable token); anything else is no receipt.
 */
function readReceipt(body, desk) {
  const reference = body && body.reference;
  const promise = body && body.promise && body.promise.text;
  if (typeof reference !== 'string' || !/^[A-Za-z0-9-]{3,32}$/.test(reference)) return null;
  const receipt = { reference, promise: typeof promise === 'string' ? promise.slice(0, 300) : '', caseUrl: null };
  if (desk && typeof body.case_url === 'string') {
    const url = new URL(body.case_url, desk);
    if (url.origin === desk.origin && /^[A-Za-z0-9_-]{16,128}$/.test(url.pathname.split('/').pop())) receipt.caseUrl = url.href;
  }
  return receipt;
}

/**
 * One case's line to the desk (GET/POST <case_url>, desk/README.md): the
 * agent's replies by long poll, the customer's answers. `after` and `status`
 * are what was seen last, so each read waits for something new.
 */
export class CaseLine {
  constructor(caseUrl) {
    this.url = caseUrl;
    this.after = 0;
    this.status = '';
  }

  /**
   * The case's status and its messages newer than the last seen; with `wait`
   * (seconds) the desk holds the answer until there is something new.
   * Rejects with {status} on an HTTP error (404: the case is gone).
   */
  async read({ wait = 0, signal } = {}) {
    const url = new URL(this.url);
    url.searchParams.set('after', String(this.after));
    if (wait && this.status) {
      url.searchParams.set('status', this.status);
      url.searchParams.set('wait', String(wait));
    }
    const response = await fetch(url, { signal, credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) throw Object.assign(new Error(`the desk answered ${response.status}`), { status: response.status });
    const body = await response.json();
    const messages = (Array.isArray(body.messages) ? body.messages : [])
      .filter((m) => Number.isInteger(m?.id) && m.id > this.after && typeof m.text === 'string')
      .map((m) => ({ id: m.id, from: m.from === 'agent' ? 'agent' : 'customer', text: m.text.slice(0, 4000), at: String(m.at || '') }));
    for (const message of messages) this.after = Math.max(this.after, message.id);
    this.status = ['waiting', 'with_agent', 'closed'].includes(body.status) ? body.status : this.status;
    return { status: this.status, messages };
  }

  /** The customer's answer; resolves to the stored message, rejects with {status} (409: closed). */
  async send(text) {
    const response = await postJson(`${this.url}/messages`, { text }, { keepalive: false });
    if (!response.ok) throw Object.assign(new Error(`the desk answered ${response.status}`), { status: response.status });
    const { message } = await response.json();
    return { id: message.id, from: 'customer', text: String(message.text), at: String(message.at || '') };
  }
}
