// firstline's Web Worker: every query runs here, never on the page's main thread.
//
// Messages in:  {id, type: 'open', url}       fetch the index and open it
//               {id, type: 'call', request}   one API request (see core/api/include/firstline/api.h)
// Messages out: {id, response}                the API response, always an object
//               {type: 'progress', loaded, total}
/* global createFirstline */
importScripts('firstline-core.js');

const INDEX_PATH = '/index.db';
let callModule = null;
let moduleFailure = null;
const ready = createFirstline().then((Module) => {
  self.Module = Module;
  callModule = Module.cwrap('firstline_call', 'string', ['string']);
}, (error) => {
  moduleFailure = String(error && error.message || error);
});

function failure(code, message) {
  return { api: 1, ok: false, error: { code, message } };
}

// Streams the index into the module's file system. The download starts at
// once, while the module may still be compiling: chunks that arrive before it
// is ready wait in memory and are written as soon as it is.
async function fetchIndex(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  // A compressed response's length is not the index's: then the total is unknown.
  const total = response.headers.get('content-encoding') ? 0 : Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const early = [];
  let stream = null;
  const write = (chunk) => self.Module.FS.write(stream, chunk, 0, chunk.length);
  const moduleReady = ready.then(() => {
    if (moduleFailure) return;
    stream = self.Module.FS.open(INDEX_PATH, 'w');
    early.forEach(write);
    early.length = 0;
  });
  let loaded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (stream) write(value);
      else early.push(value);
      loaded += value.length;
      self.postMessage({ type: 'progress', loaded, total });
    }
    await moduleReady;
  } finally {
    if (stream) self.Module.FS.close(stream);
  }
}

self.onmessage = async (event) => {
  const { id, type } = event.data;
  let response;
  try {
    const loading = type === 'open' ? fetchIndex(event.data.url) : null;
    loading?.catch(() => {}); // awaited below, once the module's fate is known
    await ready;
    if (moduleFailure) {
      response = failure('module_unavailable', `the WebAssembly module could not load: ${moduleFailure}`);
    } else if (type === 'open') {
      await loading;
      response = JSON.parse(callModule(JSON.stringify({ api: 1, op: 'open', path: INDEX_PATH })));
    } else if (type === 'call') {
      response = JSON.parse(callModule(JSON.stringify({ api: 1, ...event.data.request })));
    } else {
      response = failure('bad_request', `unknown message type '${type}'`);
    }
  } catch (error) {
    response = failure(type === 'open' ? 'index_unavailable' : 'internal', String(error && error.message || error));
  }
  self.postMessage({ id, response });
};
