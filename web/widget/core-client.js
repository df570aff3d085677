// The page's side of the Web Worker that runs the query core (../worker.js).
// The main thread only posts requests and renders answers; it never runs a query.

export class CoreError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export class CoreClient {
  /**
   * @param {URL|string} workerUrl  the worker script (beside firstline-core.js and .wasm)
   * @param {(loaded:number, total:number) => void} onProgress  index download progress
   * @param {URL|string} [indexUrl]  the index the page will open: the worker starts fetching it at once
   *   (its name carries it), before its scripts have loaded
   * @param {{storage?: 'cache'|'none'}} [options]  storage: whether the worker may keep the index's
   *   recent chunks in Cache Storage for the next page view (../worker.js, "Recent chunks"); default 'cache'
   */
  constructor(workerUrl, onProgress = () => {}, indexUrl = undefined, { storage = 'cache' } = {}) {
    this.pending = new Map();
    this.nextId = 1;
    this.onProgress = onProgress;
    this.broken = null;
    if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') {
      this.broken = new CoreError('unsupported', 'this browser has no WebAssembly or Web Workers');
      return;
    }
    try {
      const name = storage === 'none' ? 'firstline-index-no-storage' : 'firstline-index';  // ../worker.js reads it
      this.worker = new Worker(workerUrl, { name: indexUrl ? `${name} ${indexUrl}` : name });
    } catch (error) {
      this.broken = new CoreError('worker_failed', String(error?.message || error));
      return;
    }
    this.worker.onmessage = (event) => {
      const { id, response, type } = event.data || {};
      if (type === 'progress') return this.onProgress(event.data.loaded, event.data.total);
      const settle = this.pending.get(id);
      this.pending.delete(id);
      settle?.(response);
    };
    // A worker that cannot start (script missing, module failed) fails every request.
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.fail(new CoreError('worker_failed', event.message || 'the help engine could not start'));
    };
  }

  fail(error) {
    this.broken = error;
    for (const settle of this.pending.values()) {
      settle({ api: 1, ok: false, error: { code: error.code, message: error.message } });
    }
    this.pending.clear();
  }

  post(message) {
    if (this.broken) {
      return Promise.resolve({ api: 1, ok: false, error: { code: this.broken.code, message: this.broken.message } });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, ...message });
    });
  }

  /** Loads the index at `url` into the module; resolves to the 'open' result or throws CoreError. */
  async open(url) {
    return this.unwrap(await this.post({ type: 'open', url: String(url) }));
  }

  /** One API request ({op, ...}); resolves to its result or throws CoreError. */
  async call(request) {
    return this.unwrap(await this.post({ type: 'call', request }));
  }

  unwrap(response) {
    if (response && response.ok) return response.result;
    const error = response?.error || { code: 'internal', message: 'no response from the help engine' };
    throw new CoreError(error.code, error.message);
  }

  terminate() {
    this.worker?.terminate();
    this.fail(new CoreError('closed', 'the widget was closed'));
  }
}
