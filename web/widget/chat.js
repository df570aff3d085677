// A chat case with a handoff desk, from the customer's side: after the
// handoff (conversation.js's deliver) the panel shows the conversation
// (views/chat.js), follows it by long polling the case (outbox.js's
// CaseLine) and sends the customer's answers. The case's address (which
// holds its unguessable token) is kept in sessionStorage under the desk's
// handoff URL, so a reload or a new panel on the same tab finds the
// conversation again; a closed case is forgotten.
import { CaseLine } from './outbox.js';
import { chatView } from './views/chat.js';

// The desk holds a read at most this long (its long_poll_max_seconds caps it).
const WAIT_SECONDS = 25;
const RETRY_MAX_MS = 30000;

function storageKey(handoffUrl) {
  return `firstline.case ${handoffUrl}`;
}

function stored(key) {
  try {
    const value = JSON.parse(sessionStorage.getItem(key) || 'null');
    return value && typeof value.caseUrl === 'string' && typeof value.reference === 'string' ? value : null;
  } catch {
    return null; // storage refused (privacy settings) or not ours
  }
}

function store(key, value) {
  try {
    if (value) sessionStorage.setItem(key, JSON.stringify(value));
    else sessionStorage.removeItem(key);
  } catch {
    // without storage the conversation lasts as long as the page
  }
}

export class CaseChat {
  /** @param {import('./panel.js').Panel} panel */
  constructor(panel) {
    this.panel = panel;
    const url = panel.outbox.urls.handoffUrl;
    this.key = panel.outbox.desk && url ? storageKey(url) : null;
    this.receipt = null;
  }

  /** Whether a conversation is going on (shown, or waiting behind another view). */
  get active() { return !!this.receipt && this.status !== 'closed'; }

  /** The conversation the tab had before (a reload), if any: resumes it and says so. */
  resume() {
    const saved = this.key && stored(this.key);
    if (!saved) return false;
    this.begin(saved);
    return true;
  }

  /** A new chat case, from the desk's receipt ({reference, promise, caseUrl}). */
  start(receipt) {
    if (this.key) store(this.key, { reference: receipt.reference, promise: receipt.promise, caseUrl: receipt.caseUrl });
    this.begin(receipt);
  }

  begin(receipt) {
    this.stop();
    this.receipt = receipt;
    this.line = new CaseLine(receipt.caseUrl);
    this.messages = [];
    this.status = 'waiting';
    this.panel.personButton.textContent = this.panel.t.chatBack; // the header's way to a person leads back here
    this.aborter = new AbortController();
    this.follow(this.aborter.signal);
  }

  /** Shows the conversation (built afresh with every message so far). */
  show(focus = true) {
    if (!this.receipt) return;
    this.view = chatView(this.receipt, this.panel.actions({ onSend: (text) => this.send(text) }));
    for (const message of this.messages) this.view.addMessage(message);
    this.view.setStatus(this.status);
    this.panel.showView(this.view.nodes, focus);
    this.panel.setStatus(''); // the view's own status line says where the case stands
  }

  /** Whether the conversation is what the panel shows now. */
  get shown() {
    return !!this.view && this.view.nodes[0].isConnected;
  }

  async send(text) {
    try {
      this.received([await this.line.send(text)]);
      return true;
    } catch (error) {
      if (error.status === 409) this.update('closed');
      return false;
    }
  }

  received(messages) {
    for (const message of messages) {
      if (this.messages.some((m) => m.id === message.id)) continue;
      this.messages.push(message);
      if (this.shown) this.view.addMessage(message);
      else if (message.from === 'agent') this.panel.setStatus(this.panel.t.chatNewReply);
    }
  }

  update(status) {
    if (status === this.status) return;
    this.status = status;
    if (this.shown) this.view.setStatus(status);
    if (status === 'closed') {
      if (this.key) store(this.key, null);
      this.panel.personButton.textContent = this.panel.t.contactPerson;
    }
  }

  /** Reads the case, then waits on it, until it is closed or gone; a failing desk is retried, slower each time. */
  async follow(signal) {
    let failures = 0;
    let wait = 0; // the first read answers at once, with everything so far
    while (!signal.aborted && this.status !== 'closed') {
      try {
        const { status, messages } = await this.line.read({ wait, signal });
        failures = 0;
        wait = WAIT_SECONDS;
        if (this.shown) this.view.setNote('');
        this.received(messages);
        this.update(status);
      } catch (error) {
        if (signal.aborted) return;
        if (error.status === 404) { // forgotten by the desk, or a token that is not (or no longer) a case
          if (this.key) store(this.key, null);
          if (this.shown) this.view.setNote(this.panel.t.chatGone);
          this.update('closed');
          return;
        }
        failures += 1;
        if (this.shown) this.view.setNote(this.panel.t.chatReconnecting);
        await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_MAX_MS, 1000 * 2 ** Math.min(failures, 5))));
      }
    }
  }

  stop() {
    this.aborter?.abort();
  }
}
