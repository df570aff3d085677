// Type definitions for firstline's help widget (web/widget/firstline-widget.js).
//
// Three ways to embed it:
//   1. One tag (a launcher button and a floating panel):
//        <script src=".../firstline.js" data-index=".../public.db" defer></script>
//      data-* attributes map to FirstlineOptions: data-index, data-locale,
//      data-page, data-order-state, data-previous-contacts, data-channels,
//      data-events, data-handoff-url, data-load, data-load-timeout, data-open.
//   2. Inline, as a custom element (load widget/firstline-widget.js as a module):
//        <firstline-help index=".../public.db" locale="en" page="order" order-state="shipped"></firstline-help>
//      (the same attribute names without "data-").
//   3. The ES module, for hosts that want control:
//        import { init } from '.../widget/firstline-widget.js';
//        const help = init({ index: '/help/public.db', context: { page: 'order', order_state: 'shipped' },
//                            onEscalate: (payload) => myChat.open(payload.handoff) });
//
// The files are served together: firstline.js, worker.js, firstline-core.js,
// firstline-core.wasm and widget/ side by side. The page needs no inline script
// or style: it works under a CSP of script-src 'self' 'wasm-unsafe-eval';
// style-src 'self'; worker-src 'self'; connect-src 'self'.

/** The widget's locales. */
export type FirstlineLocale = 'zh-Hans' | 'zh-Hant' | 'en';

/** What the host knows about where the customer is; it decides the first screen's topics. */
export interface FirstlineContext {
  /** The page kind, as named in the KB's first-screen.yaml (e.g. "home", "order", "product"). Default: none. */
  page?: string;
  /** The customer's order state on this page (e.g. "unpaid", "shipped", "delivered"). Default: none. */
  order_state?: string;
  /** How many times this customer already contacted support about this problem (raises the problem level). Default 0. */
  previous_contacts?: number;
}

/** A contact channel, as in the KB's escalation.yaml. */
export interface FirstlineChannel {
  id: string;
  kind: 'chat' | 'phone' | 'callback' | 'email';
  /**
   * The name shown, by locale. As everywhere in firstline, the widget's
   * locale's text is used, else the other Chinese script's, else "en", else
   * "zh-Hans", else the first; the id when there is none.
   */
  label: Partial<Record<FirstlineLocale, string>>;
  /** What the channel is good for, as the customer reads it under the channel, by locale (picked as `label`). Default: none. */
  customer?: Partial<Record<FirstlineLocale, string>>;
  /** What the agent is told about the channel (the handoff's recommended_channel.why); never shown in the panel. Default: none. */
  agent?: Partial<Record<FirstlineLocale, string>>;
  /** For kind "phone": shown with a tel: link. */
  number?: string;
  /** For kind "email": shown with a mailto: link. */
  address?: string;
  /** Open hours in the KB's timezone; none = always open. days: mon..sun, open/close "HH:MM" ("24:00" = midnight). */
  hours?: { days: string[]; open: string; close: string }[];
}

/**
 * The handoff payload the customer confirmed: what the host receives through
 * onEscalate, the `firstline:escalate` DOM event and handoffUrl.
 */
export interface FirstlineEscalation {
  /** The channel the customer picked (a FirstlineChannel id). */
  channel: string;
  kind: FirstlineChannel['kind'];
  /**
   * The summary for the agent, valid against core/schema/handoff.schema.json
   * (schema "firstline.handoff", version 1). Personal data is masked unless
   * includePersonalData. null only when the index could not load (the customer
   * picked a channel from the fallback list).
   */
  handoff: Record<string, unknown> | null;
  /** For kind "callback": the number to call and a preferred time, as the customer typed them. */
  callback?: { phone: string; time: string };
}

/** The decision in an event: what the core decided, without the article content. */
export interface FirstlineEventDecision {
  kind: 'answer' | 'clarify' | 'escalate';
  /** The best intents (up to 3), best first. */
  intents: { id: string; confidence: number }[];
  /** For kind "escalate": explicit_request, urgent, human_only, emotional, repeated or out_of_scope. */
  reason?: string;
}

/**
 * One event. Delivered to onEvent, dispatched as a `firstline:event`
 * CustomEvent (detail = this object; bubbles, composed) on the
 * <firstline-help> element, and POSTed as JSON to `events` if set.
 * The agent console reads a JSON Lines log of exactly these objects.
 *   ready     the index is open                          (articles: count)
 *   error     the module or index failed, or a request   (error: {code, message})
 *   hints     hints were shown for a typed text; one per pause in typing (query, count)
 *   ask       the customer asked                          (query, decision)
 *   choose    the customer picked a topic or a clarifying option (query = its label, decision)
 *   opened    an article was shown                        (article)
 *   feedback  "Did this help?" answered                   (article, helped)
 *   escalate  the contact channels were offered           (decision; reason explicit_request when the customer asked for a person)
 *   handoff   the customer confirmed the summary          (channel)
 */
export interface FirstlineEvent {
  type: 'ready' | 'error' | 'hints' | 'ask' | 'choose' | 'opened' | 'feedback' | 'escalate' | 'handoff';
  /** ISO 8601 time. */
  at: string;
  locale: FirstlineLocale;
  /** A random id per widget instance and page load (not tied to a person). */
  session?: string;
  /** hints, ask: what the customer typed, personal data always masked (phones, emails, IDs, cards, addresses; see core/include/firstline/personal_data.h), whatever includePersonalData says; choose: the option's label. */
  query?: string;
  decision?: FirstlineEventDecision;
  article?: string;
  helped?: boolean;
  channel?: string;
  count?: number;
  articles?: number;
  error?: { code: string; message: string };
}

export interface FirstlineOptions {
  /** URL of the public index (public.db). Required: without it the panel shows the contact channels only. */
  index: string;
  /**
   * The widget's language, a BCP 47 tag ("zh-CN", "zh-TW" and "zh-Hant-HK"
   * are read as zh-Hans or zh-Hant). Default: the page's <html lang>, else
   * the browser's language, else "zh-Hans". A language the widget does not
   * speak is served in English, as the core answers it.
   */
  locale?: FirstlineLocale | string;
  /** The host's context for the first screen. Default {}. Change it later with setContext(). */
  context?: FirstlineContext;
  /**
   * Contact channels to offer when the index cannot load (missing, corrupted,
   * offline): an array, or the URL of a JSON file holding {timezone, channels}
   * or an array. Default: none (the panel then says to use the site's contact page).
   * They are offered in the order given. When the index loads, its own
   * channels (escalation.yaml) are used instead, in the order the core gives
   * for the escalation reason (its route, then the other channels). Either
   * way the recommended channel, the first one open now, is listed first.
   */
  channels?: FirstlineChannel[] | string;
  /**
   * Called when the customer confirms the handoff summary. Return (or resolve)
   * normally to tell the customer their case was passed on. Default: none.
   */
  onEscalate?: (payload: FirstlineEscalation) => void | Promise<void>;
  /** Called with every event. Default: none. */
  onEvent?: (event: FirstlineEvent) => void;
  /**
   * URL to POST events to: JSON arrays of FirstlineEvent, each batch sent
   * within 2 s or at 20 events, at once after a handoff and when the page is
   * hidden. Default: `desk` + "events" if `desk` is set, else none: nothing is sent.
   */
  events?: string;
  /** URL to POST the confirmed handoff to (JSON FirstlineEscalation). Default: `desk` + "handoffs" if `desk` is set, else none: nothing is sent. */
  handoffUrl?: string;
  /**
   * The base URL of a firstline handoff desk's public API, e.g. "/api/"
   * (desk/README.md). It gives `events` and `handoffUrl` their defaults, and:
   * before the customer confirms, the widget asks the desk (GET channels)
   * what it can promise now (e.g. that no agent is signed in); after a chat
   * handoff, the desk's case reference and promise are shown and the panel
   * becomes the conversation with the agent (long polling the case; the
   * case's address is kept in sessionStorage, so a reload finds it again).
   * Default: none.
   */
  desk?: string;
  /** Hand over personal data in the handoff's queries unmasked. Default false (phone numbers, emails, ID and card numbers and street addresses are masked; the confirm screen says which). Events are masked either way. */
  includePersonalData?: boolean;
  /** Inline mode: the element to mount the panel in. Default: none (a launcher button and a floating panel on document.body). */
  target?: Element;
  /** Launcher mode: open the panel as soon as it is ready. Default false. */
  open?: boolean;
  /**
   * When the engine (worker, module) and the index's start chunk are
   * downloaded, in launcher mode (an inline panel starts at once):
   * - "idle" (default): once the page is idle, or sooner when the launcher is
   *   hovered, focused or touched; nothing competes with the host page's own loading;
   * - "interest": only when the launcher is hovered, focused or touched
   *   (visitors who never go near it download only the loader and the launcher);
   * - "open": only when the panel is first opened (the first answer then waits for the download);
   * - "page": at once, as the page loads (preloading: for a help page where
   *   most visitors ask).
   * README.md ("Publishing") gives each mode's bytes.
   */
  load?: 'idle' | 'interest' | 'open' | 'page';
  /**
   * What the widget keeps in the browser besides its HTTP cache:
   * - "cache" (default): the index's chunks the last questions read (up to
   *   512 KiB), as one entry of Cache Storage, so that the next page view
   *   reads them at once instead of a request each; nothing is sent anywhere;
   * - "none": nothing (a second page view then reads each chunk from the HTTP cache).
   */
  storage?: 'cache' | 'none';
  /** How long loading the module and the index may take before the panel gives up and offers the channels, in ms. Default 30000. */
  loadTimeout?: number;
  /** URL of worker.js. Default: worker.js beside firstline.js. */
  worker?: string;
  /** The clock used for channel open hours (for previews and tests). Default: () => new Date(). */
  now?: () => Date;
}

export interface FirstlineController {
  /** The <firstline-help> element (listen to firstline:event and firstline:escalate on it or on document). */
  element: HTMLElement;
  /** Resolves once loading ended: "ready", or "failed" (the panel then offers the contact channels). */
  ready: Promise<'ready' | 'failed'>;
  /** Opens the floating panel (launcher mode). */
  open(): void;
  /** Closes the floating panel and returns focus to the launcher. */
  close(): void;
  /** Asks a question as if the customer had typed it. */
  ask(text: string): Promise<void>;
  /** Changes the host context; the first screen follows. */
  setContext(context: FirstlineContext): Promise<void>;
  /** Stops the worker and removes the widget. */
  destroy(): void;
}

/** Starts the widget (see FirstlineOptions). */
export function init(options: FirstlineOptions): FirstlineController;

/** Options from an element's attributes (prefix "data-" for the script tag). */
export function optionsFromAttributes(node: Element, prefix?: string): Partial<FirstlineOptions>;

/**
 * The <firstline-help> custom element. It is also the controller of the
 * widget it holds, so a one-tag host can reach it:
 * `document.querySelector('firstline-help')?.open()`.
 */
export class FirstlineHelpElement extends HTMLElement {
  /** Builds the widget with these options instead of the element's attributes. */
  configure(options: FirstlineOptions & { mode?: 'launcher' | 'inline' }): unknown;
  /** Opens the floating panel (launcher mode). */
  open(): void;
  /** Closes the floating panel. */
  close(): void;
  /** Asks a question as if the customer had typed it (waits for the index). */
  ask(text: string): Promise<void>;
  /** Changes the host context; the first screen follows. */
  setContext(context: FirstlineContext): Promise<void>;
}

declare global {
  interface HTMLElementTagNameMap {
    'firstline-help': FirstlineHelpElement;
  }
  /** Dispatched on the <firstline-help> element; they bubble to the document. */
  interface FirstlineEventMap {
    /** Every widget event. */
    'firstline:event': CustomEvent<FirstlineEvent>;
    /** The confirmed handoff; call preventDefault() to tell the widget the host took the case. */
    'firstline:escalate': CustomEvent<FirstlineEscalation>;
  }
  interface HTMLElementEventMap extends FirstlineEventMap {}
  interface DocumentEventMap extends FirstlineEventMap {}
  interface Window {
    /** Set by firstline.js: the widget module, once loaded. */
    firstline?: Promise<typeof import('./firstline')>;
  }
}
