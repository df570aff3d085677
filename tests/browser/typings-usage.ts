// Compiled (not run) by CTest with tsc --strict: a host's use of the widget's
// typings (web/firstline.d.ts) must type-check, and misuse must not.
import { init, FirstlineEscalation, FirstlineEvent, FirstlineOptions } from '../../web/firstline';

const options: FirstlineOptions = {
  index: '/help/public.db',
  locale: 'zh-Hant',
  context: { page: 'order', order_state: 'shipped', previous_contacts: 1 },
  channels: '/help/channels.json',
  onEscalate: async (payload: FirstlineEscalation) => {
    const summary: unknown = payload.handoff?.summary;
    if (payload.kind === 'callback') console.log(payload.callback?.phone, summary);
  },
  onEvent: (event: FirstlineEvent) => {
    if (event.type === 'ask' && event.decision) console.log(event.query, event.decision.kind, event.decision.intents[0]?.confidence);
  },
  events: '/collect',
  handoffUrl: '/handoff',
  includePersonalData: false,
  target: document.body,
  open: true,
  now: () => new Date(),
};

const help = init(options);
help.ready.then((state: 'ready' | 'failed') => console.log(state));
help.ask('快递').then(() => help.setContext({ page: 'product' }));
help.open();
help.close();

document.addEventListener('firstline:escalate', (event) => {
  event.preventDefault();
  const channel: string = event.detail.channel;
  console.log(channel);
});
document.querySelector('firstline-help')?.open();
document.querySelector('firstline-help')?.addEventListener('firstline:event', (event) => console.log(event.detail.at));

// @ts-expect-error: the index is required
init({ locale: 'en' });
// @ts-expect-error: events have a closed set of types
const wrong: FirstlineEvent = { type: 'clicked', at: '', locale: 'en' };
console.log(wrong);
