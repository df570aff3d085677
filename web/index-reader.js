// The public index read by need, as `firstline-index build` publishes it
// (indexer/src/web_bundle.h has the layout): a small entry file, a start
// chunk with everything opening reads, and chunks of blocks read only when a
// query touches them. The module reads the index as one file (/index.db);
// every read of it lands here and is served from the chunks in memory, or
// fetches the one chunk it needs.
//
// Loaded by the worker (importScripts) and by Node tests (require); it knows
// nothing of either: the caller gives it how to fetch a URL, synchronously
// (the module's reads cannot wait) and asynchronously (the start chunk, while
// the module compiles).
/* eslint-env worker, node */
(function (root) {
  'use strict';

  const ENTRY_VERSION = 3;  // indexer/src/web_bundle.h: kWebEntryVersion
  const START = 0xffffffff;
  const HEADER_BYTES = 20;
  const RECORD_MAGIC = [0x46, 0x4c, 0x52, 0x43];  // "FLRC": a record of recent chunks (ChunkedIndex.recent)
  const RECORD_HEADER_BYTES = 24;  // the magic, the build, the count
  const PROBED_OPS = new Set(['context', 'hints', 'ask', 'choose', 'feedback', 'opened', 'handoff']);

  /** A failure of the index's files: code "index_unavailable" (fetch) or "index_mismatch" (another build). */
  class IndexFileError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }

  /** What a read during a probe throws for a chunk not here yet (the probe notes which in `missing`). */
  const PROBE_MISS = new IndexFileError('needs_data', 'a chunk is not here yet');

  function fnv1a32(bytes) {
    let h = 0x811c9dc5;
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  const GLASS_HEADER_BYTES = 11;  // revision 4, level 1, max free 2, total free 2, the directory's end 2

  /**
   * The start chunk's blocks from its payload (`count` of them, then the runs
   * table from `end` on): a leaf or block 0 as it is, a branch block packed
   * (indexer/src/branch_packing.h has the format). Returns the blocks' bytes,
   * or null if the payload is not `count` blocks ending at `end`.
   */
  function unpackStartBlocks(payload, start, blockSize, end) {
    const out = new Uint8Array(start.length * blockSize);
    let p = 0;
    const varint = () => {
      if (p < end && payload[p] < 0x80) return payload[p++];  // most are one byte
      let value = 0;
      for (let scale = 1; scale < 2 ** 35; scale *= 128) {
        if (p >= end) return -1;
        const byte = payload[p++];
        value += (byte & 0x7f) * scale;
        if (!(byte & 0x80)) return value;
      }
      return -1;
    };
    const unzigzag = (z) => (z % 2 ? -(z - 1) / 2 - 1 : z / 2);
    for (let slot = 0; slot < start.length; slot++) {
      const block = out.subarray(slot * blockSize, (slot + 1) * blockSize);
      if (end - p < GLASS_HEADER_BYTES) return null;
      if (start[slot] === 0 || payload[p + 4] === 0) {  // the version header, or a leaf
        if (end - p < blockSize) return null;
        block.set(payload.subarray(p, p + blockSize));
        p += blockSize;
        continue;
      }
      block.set(payload.subarray(p, p + GLASS_HEADER_BYTES));
      p += GLASS_HEADER_BYTES;
      const directoryEnd = (block[9] << 8) | block[10];
      if (directoryEnd < GLASS_HEADER_BYTES || directoryEnd > blockSize || (directoryEnd - GLASS_HEADER_BYTES) % 2) return null;
      let previousOffset = blockSize;
      let previousChild = 0;
      let previousKeyAt = 0;  // where the previous item's key is, in `block`
      let previousKeyLength = 0;
      let lowest = blockSize;  // the lowest item's offset, and the items' bytes in all
      let itemBytes = 0;
      for (let c = GLASS_HEADER_BYTES; c < directoryEnd; c += 2) {
        const offsetCode = varint();
        const childCode = varint();
        if (offsetCode < 0 || childCode < 0 || end - p < 2) return null;
        const shared = payload[p];
        const added = payload[p + 1];
        p += 2;
        const keyLength = shared + added;
        if (shared > previousKeyLength || keyLength > 255 || end - p < added) return null;
        const itemSize = keyLength + 7;  // child 4, K1, the key, X2
        const offset = previousOffset - itemSize + unzigzag(offsetCode);
        const child = previousChild + 1 + unzigzag(childCode);
        if (offset < directoryEnd || offset + itemSize > blockSize || child < 0 || child > 0xffffffff) return null;
        // The shared bytes first (from the previous key, still in place: items
        // do not overlap), then the new ones, a few bytes copied by hand.
        const keyAt = offset + 5;
        if (shared > 8) block.copyWithin(keyAt, previousKeyAt, previousKeyAt + shared);
        else for (let i = 0; i < shared; i++) block[keyAt + i] = block[previousKeyAt + i];
        for (let i = 0; i < added; i++) block[keyAt + shared + i] = payload[p + i];
        p += added;
        const component = varint();
        if (component < 0 || component > 0xffff) return null;
        block[c] = offset >> 8;
        block[c + 1] = offset & 0xff;
        block[offset] = child >>> 24;
        block[offset + 1] = (child >>> 16) & 0xff;
        block[offset + 2] = (child >>> 8) & 0xff;
        block[offset + 3] = child & 0xff;
        block[offset + 4] = keyLength;
        block[offset + 5 + keyLength] = component >> 8;
        block[offset + 6 + keyLength] = component & 0xff;
        previousOffset = offset;
        previousChild = child;
        previousKeyAt = keyAt;
        if (offset < lowest) lowest = offset;
        itemBytes += itemSize;
        previousKeyLength = keyLength;
      }
      if (p >= end) return null;
      if (payload[p++] !== 0) {  // the bytes outside the items, when not all zero (free space glass left unwiped)
        if (itemBytes === blockSize - lowest) {  // the items fill the block's end: the rest lies between the directory and them
          if (end - p < lowest - directoryEnd) return null;
          block.set(payload.subarray(p, p + lowest - directoryEnd), directoryEnd);
          p += lowest - directoryEnd;
          continue;
        }
        const covered = new Uint8Array(blockSize);
        covered.fill(1, 0, directoryEnd);
        for (let c = GLASS_HEADER_BYTES; c < directoryEnd; c += 2) {
          const offset = (block[c] << 8) | block[c + 1];
          covered.fill(1, offset, offset + block[offset + 4] + 7);
        }
        for (let i = 0; i < blockSize; i++) {
          if (covered[i]) continue;
          if (p >= end) return null;
          block[i] = payload[p++];
        }
      }
    }
    return p === end ? out : null;
  }

  /** The entry file's JSON, checked; throws IndexFileError naming what is wrong. */
  function parseEntry(entry, url) {
    const bad = (what) => new IndexFileError('index_unavailable', `${url}: not a firstline index entry (${what})`);
    if (!entry || typeof entry !== 'object') throw bad('not a JSON object');
    if (entry.firstline_index !== ENTRY_VERSION) throw bad(`entry version ${entry.firstline_index}, this reader reads ${ENTRY_VERSION}`);
    if (entry.artifact !== 'public') {
      throw new IndexFileError('index_wrong_artifact', `${url}: names the ${entry.artifact} index, not the public one: customers may read only the public index`);
    }
    for (const key of ['bytes', 'block_size', 'blocks_per_chunk', 'chunks', 'runs']) {
      if (!Number.isInteger(entry[key]) || entry[key] < 0) throw bad(`"${key}" is not a count`);
    }
    if (typeof entry.build !== 'string' || !/^[0-9a-f]{16}$/.test(entry.build)) throw bad('"build" is not 16 hex digits');
    if (typeof entry.folder !== 'string' || !/^[A-Za-z0-9._-]+$/.test(entry.folder)) throw bad('"folder" is not a plain name');
    const start = entry.start_blocks;
    if (!Array.isArray(start) || !start.every((b, i) => Number.isInteger(b) && (i === 0 || b > start[i - 1]))) {
      throw bad('"start_blocks" is not an ascending list');
    }
    if (entry.block_size < 2048 || entry.bytes % entry.block_size !== 0 || entry.blocks_per_chunk < 1) throw bad('its sizes disagree');
    return entry;
  }

  /**
   * The index file of one build, read by chunk.
   * options: { entryUrl, loadSync(url) -> Uint8Array, loadAsync(url) -> Promise<Uint8Array>,
   *            cacheBytes (default 8 MiB: the chunks kept besides the start chunk) }
   */
  class ChunkedIndex {
    constructor(entry, options) {
      this.entry = parseEntry(entry, options.entryUrl);
      this.options = options;
      this.blockSize = entry.block_size;
      this.size = entry.bytes;
      this.start = entry.start_blocks;
      this.startSlot = new Map(this.start.map((block, slot) => [block, slot]));
      this.startChunk = null;   // Uint8Array of the start blocks, once fetched
      this.runFirsts = new Uint32Array(0);  // the runs (web_bundle.h), from the start chunk: first chunks, ascending
      this.runCounts = new Uint32Array(0);  // and how many chunks each
      this.cache = new Map();   // chunk number -> Uint8Array, least recently used first
      this.cachedBytes = 0;
      this.cacheBytes = options.cacheBytes ?? 8 * 1024 * 1024;
      this.buildBytes = new TextEncoder().encode(entry.build.slice(0, 8));
      this.stats = { chunks: 0, bytes: 0 };  // fetched, payload bytes
      this.lastFailure = null;  // the last read's IndexFileError, for the caller to report
      this.probing = false;     // during a probe a missing chunk is noted, not fetched
      this.missing = new Set();
      this.rounds = 0;          // probe rounds that fetched something, in all
      this.located = 0;         // locate()'s byte offset
    }

    /** The file holding `chunk`: its run's, or its own. */
    url(chunk) {
      const run = chunk === START ? -1 : this.runOf(chunk);
      const name = chunk === START ? 's' : run >= 0 ? `r${this.runFirsts[run]}` : `${chunk}`;
      return new URL(`${this.entry.folder}/${name}.bin`, this.options.entryUrl).href;
    }

    /** The run `chunk` is in (an index into runFirsts), or -1. */
    runOf(chunk) {
      let lo = 0;
      let hi = this.runFirsts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.runFirsts[mid] <= chunk) lo = mid + 1;
        else hi = mid;
      }
      const run = lo - 1;
      return run >= 0 && chunk < this.runFirsts[run] + this.runCounts[run] ? run : -1;
    }

    /** The chunk a fetch of `chunk` asks for: its run's first, or itself. */
    unitOf(chunk) {
      const run = chunk === START ? -1 : this.runOf(chunk);
      return run >= 0 ? this.runFirsts[run] : chunk;
    }

    /** Checks a fetched chunk is `chunk` of this build; returns its blocks' bytes. */
    verify(chunk, bytes) {
      const url = this.url(chunk);
      const mismatch = (what) => new IndexFileError('index_mismatch', `${url}: ${what}; the published index is not one build`);
      if (bytes.length < HEADER_BYTES || bytes[0] !== 0x46 || bytes[1] !== 0x4c || bytes[2] !== 0x43 || bytes[3] !== 0x4b) {
        throw mismatch('not a firstline index chunk');
      }
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
      if (view.getUint32(4) !== chunk) throw mismatch(`chunk ${view.getUint32(4)} where ${chunk === START ? 'the start chunk' : `chunk ${chunk}`} was expected`);
      for (let i = 0; i < 8; i++) {
        if (bytes[8 + i] !== this.buildBytes[i]) throw mismatch('a chunk of another build');
      }
      const payload = bytes.subarray(HEADER_BYTES);
      if (fnv1a32(payload) !== view.getUint32(16)) throw mismatch('a damaged chunk');
      const run = chunk === START ? -1 : this.runOf(chunk);
      if (chunk === START) {  // its blocks (branch blocks packed), then the runs table
        const table = 4 + 8 * this.entry.runs;
        const blocks = payload.length >= table ? unpackStartBlocks(payload, this.start, this.blockSize, payload.length - table) : null;
        if (!blocks) throw mismatch('a start chunk that does not hold the blocks its entry names');
        return { blocks, table: payload.subarray(payload.length - table) };
      }
      const blocks = run >= 0 ? this.runCounts[run] : this.blocksIn(chunk);
      if (payload.length !== blocks * this.blockSize) throw mismatch('a chunk of the wrong size');
      return payload;
    }

    blocksIn(chunk) {
      const rest = this.size / this.blockSize - this.start.length;
      const per = this.entry.blocks_per_chunk;
      return Math.min(per, rest - chunk * per);
    }

    /** Keeps a fetched chunk, or run of chunks (`chunk` its first); returns `chunk`'s blocks. */
    load(chunk, bytes) {
      const payload = this.verify(chunk, bytes);
      this.stats.chunks += 1;
      this.stats.bytes += bytes.length;
      if (chunk === START) {
        this.startChunk = payload.blocks;
        const table = new DataView(payload.table.buffer, payload.table.byteOffset, payload.table.length);
        const runs = table.getUint32(0);
        this.runFirsts = new Uint32Array(runs);
        this.runCounts = new Uint32Array(runs);
        for (let i = 0; i < runs; i++) {
          this.runFirsts[i] = table.getUint32(4 + 8 * i);
          this.runCounts[i] = table.getUint32(8 + 8 * i);
        }
        return this.startChunk;
      }
      const run = this.runOf(chunk);
      const count = run >= 0 ? this.runCounts[run] : 1;
      for (let i = 0; i < count; i++) this.keep(chunk + i, payload.subarray(i * this.blockSize, (i + 1) * this.blockSize));
      this.trimCache();
      return payload.subarray(0, this.blockSize);
    }

    unavailable(chunk, error) {
      return new IndexFileError('index_unavailable', `${this.url(chunk)}: ${error && error.message || error}`);
    }

    fetchSync(chunk) {
      const unit = this.unitOf(chunk);
      let bytes;
      try {
        bytes = this.options.loadSync(this.url(unit));
      } catch (error) {
        throw this.unavailable(unit, error);
      }
      this.load(unit, bytes);
      return this.cache.get(chunk);
    }

    /** Fetches the start chunk (and any `chunks`) in parallel; resolves when all are in. */
    async prefetch(chunks = []) {
      const missing = chunks.filter((c) => !this.cache.has(c));
      if (!this.startChunk && missing.length) await this.prefetch();  // its runs table says which files hold them
      const units = new Set(this.startChunk ? [] : [START]);
      for (const chunk of missing) units.add(this.unitOf(chunk));
      await Promise.all([...units].map(async (chunk) => {
        let bytes;
        try {
          bytes = await this.options.loadAsync(this.url(chunk));
        } catch (error) {
          throw this.unavailable(chunk, error);
        }
        this.load(chunk, bytes);
      }));
    }

    /** Where block `block` is: its chunk, and sets this.located to its byte offset in the chunk's blocks. */
    locate(block) {
      const slot = this.startSlot.get(block);
      if (slot !== undefined) {
        this.located = slot * this.blockSize;
        return START;
      }
      // Its rank among the blocks not in the start chunk.
      let lo = 0;
      let hi = this.start.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.start[mid] < block) lo = mid + 1;
        else hi = mid;
      }
      const rank = block - lo;
      const per = this.entry.blocks_per_chunk;
      this.located = (rank % per) * this.blockSize;
      return Math.floor(rank / per);
    }

    chunkData(chunk) {
      if (chunk === START && this.startChunk) return this.startChunk;
      const data = chunk === START ? null : this.cache.get(chunk);
      if (!data && this.probing) {
        this.missing.add(chunk);
        throw PROBE_MISS;  // one error for all: a probe misses many chunks, and a new Error's stack costs
      }
      if (!data) return this.fetchSync(chunk);
      this.cache.delete(chunk);  // most recently used: last
      this.cache.set(chunk, data);
      return data;
    }

    /**
     * An API response, told apart: when a read of this index failed during
     * the call, the engine's error becomes the read's (index_unavailable or
     * index_mismatch), so the page knows the content, not the query, failed.
     */
    explain(response) {
      const failure = this.lastFailure;
      this.lastFailure = null;
      if (!failure || (response && response.ok)) return response;
      return { api: 1, ok: false, error: { code: failure.code, message: failure.message } };
    }

    /**
     * One API call (`run(request)` calls the module) reading what it needs:
     * as a probe first (firstline/read_probe.h), each round fetching in
     * parallel every chunk the last one lacked, then, if a few rounds did not
     * settle it, once more reading what is still missing one chunk at a time.
     * Only the conversation operations probe (core/api/include/firstline/api.h).
     * Resolves to the API response.
     */
    async call(run, request, maxRounds = 12) {
      if (PROBED_OPS.has(request.op)) {
        const heads = new Map();  // read heads (withReadAhead)
        for (let round = 0; round < maxRounds; round++) {
          this.missing.clear();
          this.probing = true;
          let response;
          try {
            response = run({ ...request, probe: true });
          } finally {
            this.probing = false;
          }
          if (!(response && response.ok === false && response.error && response.error.code === 'needs_data')) {
            return this.explain(response);
          }
          if (this.missing.size === 0) break;
          this.rounds += 1;
          try {
            await this.prefetch(this.withReadAhead(this.missing, heads));
          } catch (error) {
            return { api: 1, ok: false, error: { code: error.code || 'index_unavailable', message: error.message } };
          }
        }
      }
      return this.explain(run(request));
    }

    /**
     * The chunks to fetch for `missing`, with read-ahead: a long value spans
     * consecutive leaves, which a probe discovers one round at a time (but
     * for the values the index keeps in run files, which come whole). So a
     * chunk missed right after one fetched in the previous round continues a
     * sequence; from its second such round on it brings the next chunks too,
     * the window doubling each round (up to 32), as sql.js-httpvfs's read
     * heads do. `heads` maps the last chunk of each sequence fetched this
     * round to its window, for the next round.
     */
    withReadAhead(missing, heads) {
      const wanted = new Set(missing);
      const next = new Map();
      for (const chunk of missing) {
        if (chunk === START || this.runOf(chunk) >= 0) continue;  // a run file comes whole
        const before = heads.get(chunk - 1);
        if (before === undefined || before < 0) {  // a miss, or the first continuation: no read-ahead yet
          next.set(chunk, before === undefined ? -1 : 0);
          continue;
        }
        const window = Math.min(32, Math.max(1, before) * 2);
        const last = Math.min(this.entry.chunks - 1, chunk + window);
        for (let c = chunk + 1; c <= last; c++) if (!this.cache.has(c)) wanted.add(c);
        next.set(last, window);
      }
      heads.clear();
      for (const [chunk, window] of next) heads.set(chunk, window);
      return [...wanted];
    }

    /**
     * The chunks read most recently (not the start chunk, which has its own
     * copy), at most `maxBytes` of their blocks, as one record for the worker
     * to keep (Cache Storage) and give back to the next page view's reader
     * (restore): one read there instead of a request per chunk. The record:
     *   "FLRC", the build (16 ASCII hex digits), a count n (u32 big-endian),
     *   n chunk numbers (u32 each), n blocks (block_size bytes each, least
     *   recently used first), then the FNV-1a of all that (u32).
     */
    recent(maxBytes) {
      const kept = [];
      let bytes = 0;
      for (const [chunk, data] of [...this.cache].reverse()) {
        if (data.length !== this.blockSize || bytes + data.length > maxBytes) continue;
        kept.push(chunk);
        bytes += data.length;
      }
      kept.reverse();
      const blocksAt = RECORD_HEADER_BYTES + 4 * kept.length;
      const record = new Uint8Array(blocksAt + bytes + 4);
      const view = new DataView(record.buffer);
      record.set(RECORD_MAGIC, 0);
      record.set(new TextEncoder().encode(this.entry.build), 4);
      view.setUint32(20, kept.length);
      kept.forEach((chunk, i) => {
        view.setUint32(RECORD_HEADER_BYTES + 4 * i, chunk);
        record.set(this.cache.get(chunk), blocksAt + i * this.blockSize);
      });
      view.setUint32(record.length - 4, fnv1a32(record.subarray(0, record.length - 4)));
      return record;
    }

    /**
     * Takes a record of recent() into the cache, as if its chunks had been
     * fetched (the cache's bound still holds). A record of another build, cut
     * short or damaged is passed over whole. Returns how many chunks it added.
     */
    restore(record) {
      if (!(record instanceof Uint8Array) || record.length < RECORD_HEADER_BYTES + 4) return 0;
      const view = new DataView(record.buffer, record.byteOffset, record.length);
      const count = view.getUint32(20);
      const blocksAt = RECORD_HEADER_BYTES + 4 * count;
      if (RECORD_MAGIC.some((byte, i) => record[i] !== byte) ||
          new TextDecoder().decode(record.subarray(4, 20)) !== this.entry.build ||
          record.length !== blocksAt + count * this.blockSize + 4 ||
          fnv1a32(record.subarray(0, record.length - 4)) !== view.getUint32(record.length - 4)) {
        return 0;
      }
      let added = 0;
      for (let i = 0; i < count; i++) {
        const chunk = view.getUint32(RECORD_HEADER_BYTES + 4 * i);
        if (chunk >= this.entry.chunks || this.cache.has(chunk)) continue;
        this.keep(chunk, record.subarray(blocksAt + i * this.blockSize, blocksAt + (i + 1) * this.blockSize));
        added += 1;
      }
      this.trimCache();
      return added;
    }

    /**
     * Puts `chunk`'s blocks in the cache as its most recently used, counted
     * once: a run file fetched again for one of its chunks brings the others
     * too, some of them perhaps still here.
     */
    keep(chunk, data) {
      const old = this.cache.get(chunk);
      if (old) {
        this.cache.delete(chunk);
        this.cachedBytes -= old.length;
      }
      this.cache.set(chunk, data);
      this.cachedBytes += data.length;
    }

    /** Drops the least recently used chunks beyond the cache's bound (keep() does not). */
    trimCache() {
      for (const [old, data] of this.cache) {
        if (this.cachedBytes <= this.cacheBytes) break;
        this.cache.delete(old);
        this.cachedBytes -= data.length;
      }
    }

    /** Copies `length` bytes of the file at `position` into `target` (a Uint8Array); returns how many. */
    read(target, position, length) {
      const end = Math.min(this.size, position + length);
      let done = 0;
      for (let at = position; at < end;) {
        const block = Math.floor(at / this.blockSize);
        const within = at - block * this.blockSize;
        const take = Math.min(this.blockSize - within, end - at);
        const chunk = this.locate(block);
        const offset = this.located;
        const data = this.chunkData(chunk);
        target.set(data.subarray(offset + within, offset + within + take), done);
        done += take;
        at += take;
      }
      return done;
    }
  }

  /**
   * Makes `index` the file `path` of a module's files (Module.files,
   * wasm/src/files.js). A read that cannot be served fails (the engine
   * reports an error: the read's EIO); the IndexFileError is kept in
   * index.lastFailure for the caller, but for a probe's excused misses.
   */
  function mountChunkedIndex(files, path, index) {
    files.put(path, {
      size: index.size,
      read(target, position, length) {
        try {
          return index.read(target, position, length);
        } catch (error) {
          if (!index.probing) {
            index.lastFailure = error instanceof IndexFileError ? error : new IndexFileError('index_unavailable', String(error));
          }
          throw error;
        }
      },
    });
  }

  const api = { ChunkedIndex, IndexFileError, mountChunkedIndex, parseEntry, START };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.FirstlineIndexReader = api;
})(typeof self !== 'undefined' ? self : globalThis);
