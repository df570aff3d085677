// firstline behind the same interface as the peers (see peers.mjs): the KB is the set
// converted by `firstline-index convert-dataset`, the index is built by the native
// indexer (`firstline-index build`, the build time measured), and queries run through
// the WebAssembly module under Node with the JSON API the widget's worker uses
// (op "ask": a decision with ranked intents; escalate/out_of_scope is its rejection).
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.mjs';

const require = createRequire(import.meta.url);

/** The module built by scripts/build.sh: its glue (firstline-core.js) and its wasm. */
export function findModule(buildWasm = process.env.FIRSTLINE_WASM_BUILD_DIR || path.join(ROOT, 'build-wasm')) {
  const js = path.join(buildWasm, 'wasm', 'firstline-core.js');
  if (!existsSync(js)) throw new Error(`no WebAssembly module ${js} (run scripts/build.sh)`);
  return { js, wasm: path.join(buildWasm, 'wasm', 'firstline-core.wasm') };
}

export function indexerPath() {
  const p = path.join(process.env.FIRSTLINE_BUILD_DIR || path.join(ROOT, 'build'), 'indexer', 'firstline-index');
  if (!existsSync(p)) throw new Error(`${p} is missing (run scripts/build.sh)`);
  return p;
}

/** The KB's intent id for a dataset's intent (as indexer/src/dataset.cpp dataset_intent_id). */
export function kbIntentId(id) {
  let out = id.replace(/[^a-zA-Z0-9._-]/g, '_');
  if (!out || /^[._-]/.test(out)) out = `i${out}`;
  return out;
}

export const firstlineWasm = {
  name: 'firstline',
  label: 'firstline (wasm)',
  version: () => JSON.parse(readFileSync(path.join(ROOT, 'bench', 'package.json'), 'utf8')).version || 'HEAD',
  config: () =>
    'KB from `firstline-index convert-dataset` (one article per intent, its train lines as the article\'s questions), ' +
    'index by `firstline-index build` (public.db; build time = that command), queries through the WebAssembly module\'s ' +
    'JSON API (op "ask", session reset before each query) under Node; ranked intents from the decision; out-of-scope = ' +
    'the decision escalates with reason out_of_scope, by the KB\'s own thresholds (not tuned on these queries)',
  async build(records, lang, workDir, setDir) {
    const kb = path.join(workDir, 'kb');
    const out = path.join(workDir, 'index');
    rmSync(out, { recursive: true, force: true });
    execFileSync(indexerPath(), ['convert-dataset', setDir, '--out', kb], { stdio: ['ignore', 'ignore', 'inherit'] });
    const start = process.hrtime.bigint();
    execFileSync(indexerPath(), ['build', kb, '--out', out, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const buildSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { indexPath: path.join(out, 'public.db'), buildSeconds };
  },
  serialize(state) {
    return { 'public.db': readFileSync(state.indexPath) };
  },
  async prepareSearch(state) {
    const module = findModule();
    const createFirstline = require(module.js);
    const Module = await createFirstline();
    Module.files.put('/public.db', new Uint8Array(readFileSync(state.indexPath)));
    const raw = Module.call;
    state.call = (request) => JSON.parse(raw(JSON.stringify({ api: 1, ...request })));
    const opened = state.call({ op: 'open', path: '/public.db' });
    if (!opened.ok) throw new Error(`firstline: cannot open the index: ${JSON.stringify(opened)}`);
  },
  beforeQuery(state) {
    state.call({ op: 'reset' });
  },
  search(state, query) {
    const response = state.call({ op: 'ask', query });
    if (!response.ok) throw new Error(`firstline ask failed: ${JSON.stringify(response)}`);
    const d = response.result.decision;
    const rejected = d.kind === 'escalate' && d.escalation && d.escalation.reason === 'out_of_scope';
    const hits = d.intents.map((i) => ({ intent: i.id, score: i.confidence }));
    hits.rejected = rejected;
    hits.kind = d.kind;
    return hits;
  },
};
