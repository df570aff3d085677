// Everything the widget tells the host, and every network request the widget
// makes from the page. The rule: nothing is sent anywhere unless the host
// configured `events` (every event is POSTed there) or `handoffUrl` (the
// confirmed handoff is POSTed there); both default to none. The host's own
// callbacks (onEvent, onEscalate) and the DOM events on the <firstline-help>
// element (firstline:event, firstline:escalate) stay in the page.
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

function postJson(url, body) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    keepalive: true,
    credentials: 'same-origin',
  });
}

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
   * @param {object} options    the widget's options: onEvent, onEscalate, events, handoffUrl
   * @param {{locale: string, session: string}} stamp  added to every event
   */
  constructor(host, { onEvent, onEscalate, events, handoffUrl }, { locale, session }) {
    this.host = host;
    this.callbacks = { onEvent, onEscalate };
    this.urls = { events, handoffUrl };
    this.stamp = { locale, session };
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
    if (this.urls.events) postJson(this.urls.events, event).catch(() => {});
    return event;
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
        if (response.ok) receipt = readReceipt(await response.json().catch(() => null));
      } catch {
        // an unreachable handoff URL: the customer still gets the direct ways
      }
    }
    return { handled, receipt };
  }
}

/**
 * A desk's answer to a handoff, kept only in the shape the panel shows (as
 * text): {reference, promise}; anything else is no receipt.
 */
function readReceipt(body) {
  const reference = body && body.reference;
  const promise = body && body.promise && body.promise.text;
  if (typeof reference !== 'string' || !/^[A-Za-z0-9-]{3,32}$/.test(reference)) return null;
  return { reference, promise: typeof promise === 'string' ? promise.slice(0, 300) : '' };
}
