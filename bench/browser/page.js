// One engine's page: load its code and index, answer the query in ?q=, record the time
// from navigation start (performance.now()) to the answer on screen in window.benchResult.
// The worker's file named by its content, as the widget names it (bench/browser/run.mjs
// rewrites this line with scripts/publish-worker.mjs's name).
const FIRSTLINE_WORKER = 'worker.js';

(async () => {
  const params = new URLSearchParams(location.search);
  const engine = params.get('engine');
  const query = params.get('q');
  const loadScript = (src) =>
    new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.appendChild(s);
    });

  async function firstline() {
    const indexUrl = new URL('index/firstline-index.json', location.href).href;
    const worker = new Worker(FIRSTLINE_WORKER, { name: `firstline-index ${indexUrl}` });  // as web/widget/core-client.js
    let next = 0;
    const pending = new Map();
    worker.onmessage = (event) => {
      const { id, response } = event.data;
      if (id !== undefined && pending.has(id)) pending.get(id)(response);
    };
    const send = (message) =>
      new Promise((resolve) => {
        const id = ++next;
        pending.set(id, resolve);
        worker.postMessage({ id, ...message });
      });
    const opened = await send({ type: 'open', url: indexUrl });
    if (!opened.ok) throw new Error(`open: ${JSON.stringify(opened.error)}`);
    const asked = await send({ type: 'call', request: { op: 'ask', query } });
    if (!asked.ok) throw new Error(`ask: ${JSON.stringify(asked.error)}`);
    const d = asked.result.decision;
    // More questions on the same page (the loading benchmark's memory figure).
    window.benchAsk = async (text) => (await send({ type: 'call', request: { op: 'ask', query: text } })).ok;
    return d.intents.length ? d.intents[0].id : null;
  }

  async function pagefind() {
    const pf = await import('./pagefind/pagefind.js');
    await pf.options({});
    await pf.init();
    const found = await pf.search(query);
    if (!found.results.length) return null;
    const data = await found.results[0].data(); // the fragment a result list shows
    return data.meta.intent;
  }

  async function peer() {
    await loadScript('engine.js');
    await Engine.load('index/');
    return await Engine.search(query);
  }

  try {
    const answer = engine === 'firstline' ? await firstline() : engine === 'pagefind' ? await pagefind() : await peer();
    document.getElementById('answer').textContent = `${query} → ${answer}`;
    await new Promise((r) => requestAnimationFrame(() => r()));
    window.benchResult = { ms: performance.now(), answer };
  } catch (error) {
    window.benchResult = { error: String(error && error.message || error) };
  }
})();
