// The in-app help screen: the host drives the widget through the ES-module
// API. It passes the order state as context (the first screen follows it),
// receives every event through onEvent and the confirmed handoff through
// onEscalate; here it only lists them, where a real app would open its chat.
import { init } from '../widget/firstline-widget.js';

const log = document.getElementById('host-log');
const select = document.getElementById('order-state');

function note(text) {
  const item = document.createElement('li');
  item.textContent = text;
  log.prepend(item);
  while (log.children.length > 12) log.lastElementChild.remove();
}

const help = init({
  index: '../firstline-index.json',
  target: document.getElementById('help'),
  context: { page: 'order', order_state: select.value },
  channels: 'channels.json',
  onEvent: (event) => note(`${event.type}${event.query ? `「${event.query}」` : ''}${event.decision ? ` → ${event.decision.kind}` : ''}`),
  onEscalate: (payload) => note(`onEscalate: ${payload.channel} · ${payload.handoff ? payload.handoff.summary : '（帮助内容未加载）'}`),
});

select.addEventListener('change', () => help.setContext({ page: 'order', order_state: select.value }));
