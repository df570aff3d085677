// The peer engines, each behind one interface so the runner treats them alike:
//
//   build(records, lang, workDir)  -> state      records: [{id, text, intent}], lang: 'en' | 'zh'
//   serialize(state, workDir)      -> {name: Buffer}  the index files a browser would download
//   search(state, query)           -> [{intent, score}]  ranked records, best first (score null
//                                      when the engine gives none)
//   config(lang)                   -> the configuration, in words, for the report
//
// Each is configured the way its own documentation recommends for a search box over
// short texts, including its advice for Chinese (see bench/README.md for the sources).
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { BENCH } from './paths.mjs';
import { minisearchOptions } from './tokenize.mjs';

const require = createRequire(import.meta.url);
export const RESULTS = 30; // records asked for per query (enough for three distinct intents)

const version = (name) => JSON.parse(readFileSync(path.join(BENCH, 'node_modules', name, 'package.json'), 'utf8')).version;

// --- MiniSearch ---------------------------------------------------------------
const minisearch = {
  name: 'minisearch',
  label: 'MiniSearch',
  version: () => version('minisearch'),
  config: (lang) =>
    `fields ['text'], storeFields ['intent'], searchOptions {fuzzy: 0.2, prefix: true} (the README's search-as-you-type example)` +
    (lang === 'zh' ? `; tokenize: Intl.Segmenter('zh', word) words (MiniSearch's docs: supply a tokenizer for languages without spaces)` : ''),
  async build(records, lang) {
    const { default: MiniSearch } = await import('minisearch');
    const index = new MiniSearch(minisearchOptions(lang));
    index.addAll(records);
    return { index, MiniSearch, lang };
  },
  serialize(state) {
    return { 'minisearch.json': Buffer.from(JSON.stringify(state.index)) };
  },
  search(state, query) {
    return state.index.search(query).slice(0, RESULTS).map((r) => ({ intent: r.intent, score: r.score }));
  },
};

// --- FlexSearch ----------------------------------------------------------------
const flexsearch = {
  name: 'flexsearch',
  label: 'FlexSearch',
  version: () => version('flexsearch'),
  config: (lang) =>
    `Document {id, index ['text'], store ['intent']}, encoder ${lang === 'zh' ? 'Charset.CJK (the README\'s preset for Chinese)' : 'Charset.LatinBalance'}, ` +
    `tokenize 'strict'; search {suggest: true, limit: ${RESULTS}} (the README: suggestions let results that miss a term through); no scores, so no threshold`,
  async build(records, lang) {
    const { Document, Charset } = await import('flexsearch');
    const index = new Document({
      encoder: lang === 'zh' ? Charset.CJK : Charset.LatinBalance,
      tokenize: 'strict',
      document: { id: 'id', index: ['text'], store: ['intent'] },
    });
    for (const r of records) index.add(r);
    return { index };
  },
  async serialize(state) {
    const parts = {};
    await state.index.export((key, data) => {
      parts[key] = data;
    });
    return { 'flexsearch.json': Buffer.from(JSON.stringify(parts)) };
  },
  search(state, query) {
    const groups = state.index.search(query, { suggest: true, limit: RESULTS, enrich: true });
    const hits = groups.length ? groups[0].result : [];
    return hits.map((h) => ({ intent: h.doc.intent, score: null }));
  },
};

// --- Lunr ------------------------------------------------------------------------
let lunrLoaded;
function loadLunr() {
  if (!lunrLoaded) {
    const lunr = require('lunr');
    require('lunr-languages/lunr.stemmer.support.js')(lunr);
    require('lunr-languages/lunr.zh.js')(lunr);
    lunrLoaded = lunr;
  }
  return lunrLoaded;
}
const lunr = {
  name: 'lunr',
  label: 'Lunr',
  version: () => version('lunr'),
  config: (lang) =>
    `ref 'id', field 'text', default pipeline (English stemmer and stop words)` +
    (lang === 'zh' ? `; this.use(lunr.zh) from lunr-languages ${version('lunr-languages')} (Intl.Segmenter plus CJK bigrams: @node-rs/jieba, its optional native segmenter, is not installed, so Node and the browser tokenize alike)` : '') +
    `; queries through idx.query(), Lunr's programmatic API, one term per token of ${lang === 'zh' ? 'lunr.zh.tokenizer' : 'lunr.tokenizer'} (idx.search would parse a customer's text as Lunr query syntax and, for Chinese, split it only at spaces); the id→intent map ships beside the index`,
  async build(records, lang) {
    const L = loadLunr();
    const silence = console.info;
    console.info = () => {}; // lunr.zh announces its fallback segmenter once
    const index = L(function () {
      if (lang === 'zh') this.use(L.zh);
      this.ref('id');
      this.field('text');
      for (const r of records) this.add(r);
    });
    console.info = silence;
    return { index, intents: records.map((r) => r.intent), tokenizer: lang === 'zh' ? L.zh.tokenizer : L.tokenizer };
  },
  serialize(state) {
    return {
      'lunr.json': Buffer.from(JSON.stringify(state.index)),
      'lunr-intents.json': Buffer.from(JSON.stringify(state.intents)),
    };
  },
  search(state, query) {
    const tokens = state.tokenizer(query).map(String).filter(Boolean);
    if (!tokens.length) return [];
    const hits = state.index.query((q) => {
      for (const t of tokens) q.term(t, {});
    });
    return hits.slice(0, RESULTS).map((h) => ({ intent: state.intents[Number(h.ref)], score: h.score }));
  },
};

// --- Orama -----------------------------------------------------------------------
const orama = {
  name: 'orama',
  label: 'Orama',
  version: () => version('@orama/orama'),
  config: (lang) =>
    `create({schema: {text: 'string', intent: 'string'}}), insertMultiple, search({term, properties: ['text'], limit: ${RESULTS}}) with default BM25 and typo tolerance off` +
    (lang === 'zh' ? `; components.tokenizer: createTokenizer() from @orama/tokenizers/mandarin (its README's advice for Chinese)` : '; default English tokenizer'),
  async build(records, lang) {
    const O = await import('@orama/orama');
    const options = { schema: { text: 'string', intent: 'string' } };
    if (lang === 'zh') {
      const { createTokenizer } = await import('@orama/tokenizers/mandarin');
      options.components = { tokenizer: await createTokenizer() };
    }
    const db = O.create(options);
    await O.insertMultiple(db, records.map((r) => ({ id: String(r.id), text: r.text, intent: r.intent })), 1000);
    return { db, O };
  },
  serialize(state) {
    return { 'orama.json': Buffer.from(JSON.stringify(state.O.save(state.db))) };
  },
  async search(state, query) {
    let result = state.O.search(state.db, { term: query, properties: ['text'], limit: RESULTS });
    if (result instanceof Promise) result = await result;
    return result.hits.map((h) => ({ intent: h.document.intent, score: h.score }));
  },
};

// --- Pagefind ----------------------------------------------------------------------
// Indexed with its Node API (createIndex + addCustomRecord, the documented way for
// content that is not HTML pages); searched with the pagefind.js it writes, the same
// file a browser loads, given a fetch that reads the written files.
const pagefind = {
  name: 'pagefind',
  label: 'Pagefind',
  version: () => version('pagefind'),
  config: (lang) =>
    `pagefind.createIndex(), addCustomRecord({url: '/q/ID', content: text, language: '${lang}', meta: {intent}}) per record, writeFiles; ` +
    `search with the generated pagefind.js (options: default ranking), ${RESULTS} results, each result's intent read from its fragment (done once, outside the timing)` +
    (lang === 'zh' ? '; Chinese segmented by the pagefind_extended binary the npm package ships' : ''),
  async build(records, lang, workDir) {
    const pf = await import('pagefind');
    const { index, errors } = await pf.createIndex({});
    if (errors.length) throw new Error(`pagefind: ${errors.join('; ')}`);
    for (const r of records) {
      const added = await index.addCustomRecord({ url: `/q/${r.id}`, content: r.text, language: lang, meta: { intent: r.intent } });
      if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    }
    const outputPath = path.join(workDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    await pf.close();
    return { outputPath };
  },
  serialize(state) {
    // Everything but the UI bundles and the JS/wasm (counted as code): the index chunks,
    // the metadata and the fragments.
    const files = {};
    const walk = (dir, prefix) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(full, rel);
        else if (isPagefindIndexFile(rel)) files[rel] = readFileSync(full);
      }
    };
    walk(state.outputPath, '');
    return files;
  },
  async prepareSearch(state) {
    installFileFetch();
    const api = await import(pathToUrl(path.join(state.outputPath, 'pagefind.js')));
    await api.options({});
    await api.init();
    state.api = api;
    // Result id → intent, from the fragments (gzip with Pagefind's 12-byte signature).
    state.intentOf = new Map();
    const fragments = path.join(state.outputPath, 'fragment');
    for (const name of readdirSync(fragments)) {
      const data = gunzipSync(readFileSync(path.join(fragments, name)));
      const json = JSON.parse(data.subarray(data.indexOf('{')).toString('utf8'));
      state.intentOf.set(name.replace(/\.pf_fragment$/, ''), json.meta.intent);
    }
  },
  async search(state, query) {
    const found = await state.api.search(query);
    return found.results.slice(0, RESULTS).map((r) => ({ intent: state.intentOf.get(r.id), score: r.score }));
  },
};

export function isPagefindIndexFile(rel) {
  return /\.(pf_meta|pf_index|pf_fragment|pf_filter)$/.test(rel) || rel === 'pagefind-entry.json';
}
export function isPagefindCodeFile(rel) {
  return rel === 'pagefind.js' || /^wasm\.[a-z-]+\.pagefind$/.test(rel);
}

function pathToUrl(p) {
  return new URL(`file://${path.resolve(p)}`).href;
}

let fetchInstalled = false;
function installFileFetch() {
  if (fetchInstalled) return;
  fetchInstalled = true;
  const original = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    const href = String(url);
    if (!href.startsWith('file://')) return original(url, init);
    const file = decodeURIComponent(new URL(href).pathname.replace(/\?.*$/, ''));
    if (!existsSync(file)) return new Response(null, { status: 404 });
    return new Response(readFileSync(file), { status: 200 });
  };
}

export const PEERS = { minisearch, flexsearch, lunr, orama, pagefind };
