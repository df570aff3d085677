// firstline's Web Worker: every query runs here, never on the page's main thread.
//
// Messages in:  {id, type: 'open', url}       open the index at `url`
//               {id, type: 'call', request}   one API request (see core/api/include/firstline/api.h)
// Messages out: {id, response}                the API response, always an object
//               {type: 'progress', loaded, total}
//
// `url` is either a published index's entry file (firstline-index.json, what
// `firstline-index build` writes into web/): the index is then read by need,
// chunk by chunk (index-reader.js), or a whole index file (public.db, e.g.
// packaged inside an app), downloaded at once.
//
// The worker's name, when the page gives one: 'firstline-index <url>' names
// the index the page will open, so that its first requests start at once;
// 'firstline-index-no-storage [<url>]' the same, and keeps nothing in the
// browser's storage (see "Recent chunks" below).
/* global createFirstline, FirstlineIndexReader */

const INDEX_PATH = '/index.db';
const FETCH_TIMEOUT_MS = 15000;  // one chunk; the page's own load timeout bounds opening
// The files this worker loads, beside it. scripts/publish-worker.mjs names them
// by their content in the published copy (firstline-core.0123abcd4567.js, ...)
// and rewrites this line, so that a host can cache them for good: only this
// worker and the index's entry are ever revalidated.
const ASSETS = { glue: 'firstline-core.js', wasm: 'firstline-core.wasm', reader: 'index-reader.js' };
const WASM_URL = new URL(ASSETS.wasm, self.location.href).href;
// The start chunk's copy beside the entry, named after it (firstline-index.json:
// firstline-index.start.bin, indexer/src/web_bundle.h's kWebStartCopyName).
const startCopyUrl = (entryUrl) => {
  const url = new URL(entryUrl);
  url.pathname = url.pathname.replace(/\.json$/, '.start.bin');
  url.search = '';
  return url.href;
};

// Started before anything else, because the scripts below block this thread
// while they load (one after the other) and a message is handled only after
// them: the module's bytes, and, when the page named the index in the
// worker's name (core-client.js), its entry, start chunk and recent chunks.
// So the module, the glue and the index's first requests all travel at once.
const RECENT_CACHE = 'firstline-recent';  // see "Recent chunks" below
const RECENT_BYTES = 512 * 1024;
const NAMED = /^firstline-index(-no-storage)?(?: (.+))?$/s.exec(self.name || '');
const STORAGE = !(NAMED && NAMED[1]);  // whether recent chunks may be kept (Cache Storage)
const early = {
  wasm: fetch(WASM_URL, { credentials: 'same-origin' }),
  index: NAMED && NAMED[2] ? earlyIndex(NAMED[2]) : null,
};
early.wasm.catch(() => {});  // reported when the module starts

importScripts(ASSETS.glue, ASSETS.reader);
const CACHE_BYTES = 8 * 1024 * 1024;  // chunks kept besides the start chunk

// Text longer than this (UTF-16 units) is cut before it reaches the module:
// the core reads 4 KiB of a query (core/include/firstline/limits.h), so a
// pasted book costs no more than a sentence.
const MAX_TEXT_UNITS = 16384;

let moduleFailure = null;
let published = null;  // the ChunkedIndex, when the index is read by need
let entryUrl = null;
let reopen = null;     // opens the current index again in a new module (see restart)
const contexts = new Map();  // session -> the host context it was last given, for a restart
let ready = startModule();

function startModule() {
  let failed;
  const failure = new Promise((_, reject) => { failed = reject; });
  const created = createFirstline({
    // The module from the fetch started above (the first time; a restart
    // fetches it again, from the HTTP cache), compiled as it streams in.
    instantiateWasm(imports, receive) {
      const response = early.wasm || fetch(WASM_URL, { credentials: 'same-origin' });
      early.wasm = null;
      instantiate(response, imports).then((instance) => receive(instance), failed);
      return {};
    },
  });
  return Promise.race([created, failure]).then((Module) => {
    self.Module = Module;
  }, (error) => {
    moduleFailure = String(error && error.message || error);
  });
}

/** A compiled instance of the module from `response` (a promise of it); streamed when the server says application/wasm. */
async function instantiate(response, imports) {
  const fetched = await response;
  if (!fetched.ok) throw new Error(`${WASM_URL}: HTTP ${fetched.status}`);
  if (typeof WebAssembly.instantiateStreaming === 'function' &&
      (fetched.headers.get('content-type') || '').startsWith('application/wasm')) {
    return (await WebAssembly.instantiateStreaming(fetched, imports)).instance;
  }
  return (await WebAssembly.instantiate(await fetched.arrayBuffer(), imports)).instance;
}

function failure(code, message) {
  return { api: 1, ok: false, error: { code, message } };
}

// A request's text is cut at MAX_TEXT_UNITS (at a whole character), and a
// lone UTF-16 surrogate (possible in a JavaScript string, say from a broken
// paste; impossible in UTF-8) becomes U+FFFD, as invalid UTF-8 does in the
// core: JSON would carry it as an escape the core's parser rightly refuses.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function bounded(value) {
  if (typeof value === 'string') {
    let text = value;
    if (text.length > MAX_TEXT_UNITS) {
      const cut = /[\uD800-\uDBFF]/.test(text[MAX_TEXT_UNITS - 1]) ? MAX_TEXT_UNITS - 1 : MAX_TEXT_UNITS;
      text = text.slice(0, cut);
    }
    return text.replace(LONE_SURROGATE, '\uFFFD');
  }
  if (Array.isArray(value)) return value.map(bounded);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bounded(v)]));
  return value;
}

function run(request) {
  const safe = bounded({ api: 1, ...request });
  if (safe.context && typeof safe.context === 'object') contexts.set(safe.session || 'default', safe.context);
  return JSON.parse(self.Module.call(JSON.stringify(safe)));
}

/**
 * The module trapped (a WebAssembly.RuntimeError: its memory can no longer be
 * trusted): a new one is started, the index opened in it again and each
 * session's host context given back; the conversations so far are forgotten.
 * Until then nothing else runs (messages are handled one at a time).
 */
async function restart() {
  const old = self.Module;
  const wholeFile = published ? null : old.files.get(INDEX_PATH);  // a whole index file, if one was open
  self.Module = null;
  ready = startModule();
  await ready;
  if (moduleFailure) return;
  if (wholeFile) self.Module.files.put(INDEX_PATH, wholeFile);
  if (reopen && reopen().ok) {
    for (const [session, context] of contexts) run({ op: 'context', session, context });
  }
}

// ---- a whole index file ------------------------------------------------------

// Downloads the file into the module's files (Module.files). The download
// starts at once, while the module may still be compiling; the file is given
// to the module once both are done.
async function fetchWholeIndex(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  // A compressed response's length is not the index's: then the total is unknown.
  const total = response.headers.get('content-encoding') ? 0 : Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const parts = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.length;
    self.postMessage({ type: 'progress', loaded, total });
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  await ready;
  if (!moduleFailure) self.Module.files.put(INDEX_PATH, bytes);
}

// ---- a published index, by need ------------------------------------------------

// The module's reads cannot wait, so a chunk a read lacks is fetched
// synchronously (allowed in a worker); probe rounds fetch most of them in
// parallel beforehand (index-reader.js `call`).
function loadSync(url) {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', url, false);
  xhr.responseType = 'arraybuffer';
  xhr.timeout = FETCH_TIMEOUT_MS;
  xhr.send();
  if (xhr.status !== 200) throw new Error(`HTTP ${xhr.status}`);
  return new Uint8Array(xhr.response);
}

async function loadAsync(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The entry file, as the host's caching says (README, "Publishing the index":
 * revalidated, or at once from the cache while it revalidates in the
 * background); the cached copy when offline.
 */
async function fetchEntry(url) {
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (offline) {
    response = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin' }).catch(() => { throw offline; });
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/**
 * The entry at `url` and, at the same time, the copy of its build's start
 * chunk beside it (firstline-index.start.bin: indexer/src/web_bundle.h) and
 * the recent chunks kept by an earlier page view, so that they travel
 * together: {url, entry, start, recent}, each a promise (start's and recent's
 * bytes, or null if there are none).
 */
function earlyIndex(url) {
  if (!isEntryUrl(url)) return null;
  const entry = fetchEntry(url);
  const start = fetchStartCopy(url);
  const recent = readRecent(url);
  entry.catch(() => {});
  return { url, entry, start, recent };
}

/** The start chunk's copy beside the entry at `url`, as the entry is cached; null if there is none. */
async function fetchStartCopy(url) {
  try {
    const response = await fetch(startCopyUrl(url), { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

async function openPublished(url) {
  const fetched = early.index && early.index.url === url ? early.index : null;
  early.index = null;  // a reopen (a new build) reads the entry again
  const entry = await (fetched ? fetched.entry : fetchEntry(url));
  const index = new FirstlineIndexReader.ChunkedIndex(entry, { entryUrl: url, loadSync, loadAsync, cacheBytes: CACHE_BYTES });
  const copy = await (fetched ? fetched.start : fetchStartCopy(url));
  if (copy) {
    // Checked as any chunk is; a copy of another build than the entry's (a
    // publish under way, or one cached view behind) is left for the build's own.
    try {
      index.load(FirstlineIndexReader.START, copy);
    } catch {
      // fetched below
    }
  }
  await index.prefetch();  // the start chunk (unless in): all that opening reads, fetched while the module compiles
  index.restore(await (fetched ? fetched.recent : readRecent(url)));
  self.postMessage({ type: 'progress', loaded: index.stats.bytes, total: index.stats.bytes });
  return index;
}

// ---- recent chunks ----------------------------------------------------------------

// The chunks the last questions read are kept as one record in Cache Storage
// (index-reader.js `recent`), written after a call that fetched any (at most
// once a second), and read at the next page view's start, beside the module
// (RECENT_CACHE, RECENT_BYTES at the top): that view's questions
// then read the chunks they share with earlier ones (the common words) from
// memory instead of a request each from the HTTP cache. Nothing is sent
// anywhere. The record is of one build (an older build's is passed over, then
// replaced); where Cache Storage is missing (not a secure context) or refused,
// or the page asked for no storage, nothing is kept and nothing else changes.

/** The record's key: beside the entry (firstline-index.json: firstline-index.recent); never requested from the host. */
function recentKey(entryUrl) {
  const url = new URL(entryUrl);
  url.pathname = url.pathname.replace(/\.json$/, '.recent');
  url.search = '';
  return url.href;
}

/** The recent chunks' record kept for the index at `url`, or null. */
async function readRecent(url) {
  if (!STORAGE || !self.caches) return null;
  try {
    const cache = await self.caches.open(RECENT_CACHE);
    const response = await cache.match(recentKey(url));
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

let keeping = null;     // the write under way
let keptAt = -1;        // the published index's chunk count when last written
let keptTime = -Infinity;
let keepLater = null;   // the timer of a write held back
const KEEP_EVERY_MS = 1000;  // at most one write a second: typing fetches a little at each keystroke

/**
 * Writes the recent chunks' record, if the open index fetched any since the
 * last write: at once after a quiet second, else a second after the last
 * write; one write at a time.
 */
function keepRecent() {
  if (!STORAGE || !self.caches || !published || keeping || keepLater || published.stats.chunks === keptAt) return;
  const wait = keptTime + KEEP_EVERY_MS - performance.now();
  if (wait > 0) {
    keepLater = setTimeout(() => {
      keepLater = null;
      keepRecent();
    }, wait);
    return;
  }
  const index = published;
  keptAt = index.stats.chunks;
  keptTime = performance.now();
  const response = new Response(index.recent(RECENT_BYTES), { headers: { 'content-type': 'application/octet-stream' } });
  keeping = self.caches.open(RECENT_CACHE)
    .then((cache) => cache.put(recentKey(entryUrl), response))
    .catch(() => {})
    .then(() => {
      keeping = null;
      keepRecent();  // what arrived meanwhile
    });
}

function isEntryUrl(url) {
  return /\.json([?#]|$)/.test(url);
}

/** Mounts `index` and opens it in the module. */
function openMounted(index) {
  FirstlineIndexReader.mountChunkedIndex(self.Module.files, INDEX_PATH, index);
  published = index;
  keptAt = index.stats.chunks;  // the start chunk alone is not worth a write
  reopen = () => openMounted(index);
  return index.explain(run({ op: 'open', path: INDEX_PATH }));
}

function openWholeFile() {
  reopen = openWholeFile;
  return run({ op: 'open', path: INDEX_PATH });
}

/**
 * A call over a published index. A chunk of another build means the host
 * published a new build meanwhile: the entry is read again and, if it names a
 * new build, that one is opened and the call made again on it (the
 * conversation so far is then forgotten); if not, the mismatch is reported.
 */
async function callPublished(request) {
  const response = await published.call(run, request);
  if (response.ok || response.error.code !== 'index_mismatch') return response;
  try {
    const index = await openPublished(entryUrl);
    if (index.entry.build === published.entry.build) return response;
    const reopened = openMounted(index);
    if (!reopened.ok) return reopened;
    self.postMessage({ type: 'reloaded', build: index.entry.build });
    return published.call(run, request);
  } catch (error) {
    return response;
  }
}

// ---- messages -------------------------------------------------------------------

let queue = Promise.resolve();  // one message at a time: calls answer in order

async function handle(event) {
  const { id, type } = event.data;
  let response;
  try {
    let loading = null;
    if (type === 'open') {
      entryUrl = event.data.url;
      loading = isEntryUrl(entryUrl) ? openPublished(entryUrl) : fetchWholeIndex(entryUrl).then(() => null);
      loading.catch(() => {}); // awaited below, once the module's fate is known
    }
    await ready;
    if (moduleFailure) {
      response = failure('module_unavailable', `the WebAssembly module could not load: ${moduleFailure}`);
    } else if (type === 'open') {
      const index = await loading;
      response = index ? openMounted(index) : openWholeFile();
    } else if (type === 'call') {
      response = published ? await callPublished(event.data.request) : run(event.data.request);
    } else {
      response = failure('bad_request', `unknown message type '${type}'`);
    }
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      await restart();
      response = failure('engine_restarted', `the engine failed on this request and was restarted: ${error.message}`);
    } else {
      const code = error && (error.code === 'index_mismatch' || error.code === 'index_wrong_artifact') ? error.code
        : (type === 'open' ? 'index_unavailable' : 'internal');
      response = failure(code, String(error && error.message || error));
    }
  }
  self.postMessage({ id, response });
  if (type === 'call') setTimeout(keepRecent, 0);  // after the answer has gone
}

self.onmessage = (event) => {
  queue = queue.then(() => handle(event));
};
