// What the panel shows in answer to what the customer does: the first
// screen's topics; a question or a picked option, the core's decision and
// its view (an article, a clarifying question, the channels); "Did this
// help?"; and the way to a person: the channels, the summary to confirm, the
// handoff and what became of it. Each step asks the core (through the panel's
// CoreClient), tells the host (outbox.js) and shows a view (views/*.js).
import { inOrder, offer } from './channels.js';
import { decisionSummary, errorDetail } from './outbox.js';
import { failureView } from './views/error.js';
import { answerFeedback, articleView } from './views/article.js';
import { escalationView, loadingChannelsView } from './views/channels.js';
import { clarifyView } from './views/clarify.js';
import { deliveredView } from './views/delivered.js';
import { handoffView } from './views/handoff.js';
import { topicsView } from './views/topics.js';

// Errors of the help content, not of the question (web/index-reader.js).
const CONTENT_ERRORS = new Set(['index_unavailable', 'index_mismatch']);

const TOPIC_LIMIT = 6;

export class Conversation {
  /** @param {import('./panel.js').Panel} panel  its state, core, session, status line and view */
  constructor(panel) {
    this.panel = panel;
    this.titles = new Map(); // the titles of the articles seen, by id (the handoff summary lists them)
  }

  get t() { return this.panel.t; }

  /** A request of this customer's session to the core. */
  call(op, fields) { return this.panel.core.call({ op, session: this.panel.session, ...fields }); }

  status(text) { this.panel.setStatus(text); }

  show(nodes, focus) { this.panel.showView(nodes, focus); }

  tell(type, extra) { return this.panel.outbox.event(type, extra); }

  actions(callbacks) { return this.panel.actions(callbacks); }

  async showTopics() {
    const { hints: topics } = await this.call('hints', { text: '', limit: TOPIC_LIMIT });
    this.show(topicsView(topics, this.actions({
      onTopic: (topic) => (topic.intent ? this.choose(topic.intent, topic.text) : this.ask(topic.text)),
    })));
  }

  // ---- questions, decisions, articles ------------------------------------------

  async ask(text) {
    if (this.panel.state !== 'ready') return;
    const query = String(text || '').trim();
    this.panel.combobox.abandon();
    if (!query) {
      this.status(this.t.emptyQuery);
      return;
    }
    try {
      // The event carries the query as the core masked it (never the raw text: it may hold a phone number).
      const { decision, masked_query: masked } = await this.call('ask', { query });
      this.tell('ask', { query: masked ?? '', decision: decisionSummary(decision) });
      await this.showDecision(decision, false);
    } catch (error) {
      this.showError(error);
    }
  }

  async choose(intent, label) {
    try {
      const { decision } = await this.call('choose', { intent });
      this.tell('choose', { query: label, decision: decisionSummary(decision) });
      await this.showDecision(decision, true);
    } catch (error) {
      this.showError(error);
    }
  }

  /**
   * A request failed: the status line says so. When the help content itself
   * could not be read (a chunk failed or belongs to another build), the
   * contact channels are shown as well; the input stays, to try again.
   */
  showError(error) {
    this.tell('error', { error: errorDetail(error) });
    if (!CONTENT_ERRORS.has(error?.code)) {
      this.status(this.t.errorGeneric);
      return;
    }
    const offered = this.offered(null);
    this.status(offered.length ? this.t.contentUnavailable : this.t.failedNoChannels);
    if (offered.length) {
      this.show(failureView(offered, this.actions({ onPick: (channel) => this.deliver(channel, null, {}) })));
    }
  }

  async showDecision(decision, focus) {
    for (const hit of decision.articles || []) this.titles.set(hit.id, hit.title);
    if (decision.kind === 'clarify') {
      this.status(this.t.clarifyStatus);
      this.show(clarifyView(decision, this.actions({
        onOption: (option) => this.choose(option.intent, option.label),
        onNone: () => this.showChannels(null, true),
      })), focus);
    } else if (decision.kind === 'escalate') {
      this.status(this.t.escalateStatus);
      this.showChannels(decision, focus);
    } else {
      this.status(this.t.answerFound);
      const [first, ...rest] = decision.articles;
      if (first) await this.showArticle(first.id, rest, focus);
      else this.showChannels(decision, focus); // an answer without an article is no answer: never leave the customer stuck
    }
  }

  async showArticle(id, related = [], focus = false) {
    let article;
    try {
      ({ article } = await this.panel.core.call({ op: 'article', id }));
      await this.call('opened', { article: id });
    } catch (error) {
      return this.showError(error);
    }
    this.titles.set(id, article.title);
    this.tell('opened', { article: id });
    this.show(articleView(id, article, related, this.actions({
      onFeedback: (helped, box) => this.feedback(id, helped, box),
      onRelated: (hit) => this.showArticle(hit.id, related.filter((other) => other.id !== hit.id), true),
    })), focus);
  }

  async feedback(article, helped, box) {
    try {
      await this.call('feedback', { article, helped });
    } catch (error) {
      return this.showError(error);
    }
    this.tell('feedback', { article, helped });
    answerFeedback(box, helped, this.actions({ onPerson: () => this.showChannels(null, true) }));
  }

  // ---- a person: the channels, the handoff summary, the handoff -----------------

  /**
   * The channels as offered now, in the core's order: the decision's, else
   * the order for a customer who asked for a person; the host's order for
   * its fallback channels (no channel_order then).
   */
  offered(decision) {
    const ids = decision?.escalation?.channels || this.panel.channelOrder.explicit_request;
    return offer(inOrder(this.panel.channels, ids), this.panel.timezone, this.panel.now());
  }

  async showChannels(decision, focus) {
    this.panel.combobox.close();
    if (this.panel.state === 'loading') { // still loading: the configured channels, reachable at once
      const channels = await this.panel.useFallbackChannels();
      if (this.panel.state !== 'loading') return this.showChannels(decision, focus);
      if (!channels.length) return;
      this.panel.channels = channels;
      this.show(loadingChannelsView(this.offered(null), this.actions({ onPick: (channel) => this.deliver(channel, null, {}) })), focus);
      return;
    }
    if (this.panel.state === 'ready') this.status(this.t.escalateStatus);
    if (!this.panel.channels.length) {
      this.status(this.t.failedNoChannels);
      return;
    }
    const parts = escalationView(decision, this.offered(decision), this.actions({
      onPick: (channel) => this.confirmHandoff(channel, decision),
      onArticle: (hit) => this.showArticle(hit.id, [], true),
    }));
    if (this.panel.state === 'ready') {
      this.tell('escalate', { decision: decision ? decisionSummary(decision) : { kind: 'escalate', intents: [], reason: 'explicit_request' } });
    }
    this.show(parts, focus);
  }

  /** Shows the summary that will be handed over; the customer confirms before the host gets it. */
  async confirmHandoff(channel, decision) {
    let handoff;
    try {
      ({ handoff } = await this.call('handoff', { include_personal_data: !!this.panel.options.includePersonalData }));
    } catch (error) {
      return this.showError(error);
    }
    this.show(handoffView(handoff, channel, this.actions({
      titles: this.titles,
      deskPromise: this.deskPromise(channel),
      onConfirm: (extra) => this.deliver(channel, handoff, extra),
      onCancel: () => this.showChannels(decision, true),
    })), true);
  }

  /** What a configured desk would promise on `channel` now (its text), said before the customer confirms; null without one. */
  async deskPromise(channel) {
    const answer = await this.panel.outbox.deskPromises(this.panel.locale);
    const promise = answer?.channels.find((p) => p?.channel === channel.id);
    return typeof promise?.text === 'string' ? promise.text.slice(0, 300) : null;
  }

  /**
   * Hands the confirmed summary to the host (outbox.js), then says what
   * became of it; a chat case a desk took becomes the conversation (chat.js).
   */
  async deliver(channel, handoff, extra) {
    const { handled, receipt } = await this.panel.outbox.handOff({ channel: channel.id, kind: channel.kind, handoff, ...extra });
    if (this.panel.state === 'ready') this.tell('handoff', { channel: channel.id });
    if (receipt?.caseUrl && channel.kind === 'chat' && this.panel.chat.key) {
      this.panel.chat.start(receipt);
      this.panel.chat.show(true);
      return;
    }
    this.show(deliveredView(channel, handoff, handled, receipt, this.panel.channels, this.actions()), true);
  }
}
