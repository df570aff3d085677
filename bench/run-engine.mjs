// One engine on one set, in a process of its own (so no engine runs in another's heap):
// builds the index from the train lines (timed), serializes it (the bytes a browser
// downloads), warms up, then runs every query and times each search inside the process.
// Prints one JSON object; bench.mjs computes the measures from it.
//
//   node run-engine.mjs --engine NAME --set DIR --work DIR [--limit N] [--warmup N]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PEERS } from './lib/peers.mjs';
import { firstlineWasm, kbIntentId } from './lib/firstline.mjs';
import { readSet } from './lib/sets.mjs';
import { gzipBytes } from './lib/bundles.mjs';

const ENGINES = { ...PEERS, firstline: firstlineWasm };

function parseArgs(argv) {
  const args = { limit: 0, warmup: 200 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    args[key] = ['limit', 'warmup'].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!args.engine || !args.set || !args.work) throw new Error('usage: run-engine.mjs --engine NAME --set DIR --work DIR');
  return args;
}

/** Distinct intents in ranked order, as KB ids (so every engine is compared on the same ids). */
function distinctIntents(hits, count) {
  const seen = [];
  for (const h of hits) {
    if (h.intent === undefined || h.intent === null) continue;
    const id = kbIntentId(String(h.intent));
    if (!seen.includes(id)) seen.push(id);
    if (seen.length === count) break;
  }
  return seen;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const engine = ENGINES[args.engine];
  if (!engine) throw new Error(`unknown engine ${args.engine} (known: ${Object.keys(ENGINES).join(', ')})`);
  const set = readSet(args.set, { limit: args.limit });
  rmSync(args.work, { recursive: true, force: true });
  mkdirSync(args.work, { recursive: true });

  const buildStart = process.hrtime.bigint();
  const state = await engine.build(set.records, set.lang, args.work, args.set);
  const buildSeconds = state.buildSeconds ?? Number(process.hrtime.bigint() - buildStart) / 1e9;

  const files = await engine.serialize(state, args.work);
  const indexFiles = {};
  let raw = 0;
  let gzip = 0;
  for (const [name, bytes] of Object.entries(files)) {
    const zipped = gzipBytes(bytes); // already-compressed files (Pagefind's) are sent as they are
    indexFiles[name] = { raw: bytes.length, gzip: zipped };
    raw += bytes.length;
    gzip += zipped;
    if (engine.name !== 'pagefind' && engine.name !== 'firstline') {
      const out = path.join(args.work, 'index', name);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, bytes); // the browser page serves these
    }
  }

  if (engine.prepareSearch) await engine.prepareSearch(state);
  const run = async (q) => {
    if (engine.beforeQuery) engine.beforeQuery(state);
    const t0 = process.hrtime.bigint();
    const hits = await engine.search(state, q.text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { hits, ms };
  };
  const warmup = set.queries.slice(0, Math.min(args.warmup, set.queries.length));
  for (const q of warmup) await run(q);

  const queries = [];
  const latencies = [];
  for (const q of set.queries) {
    const { hits, ms } = await run(q);
    latencies.push(ms);
    const entry = {
      gold: q.intent === 'oos' ? 'oos' : kbIntentId(q.intent),
      ranked: distinctIntents(hits, 3),
      top: hits.length && hits[0].score !== null && hits[0].score !== undefined ? hits[0].score : hits.length ? null : 0,
      found: hits.length > 0,
    };
    if (hits.rejected !== undefined) entry.rejected = hits.rejected;
    queries.push(entry);
  }
  process.stdout.write(
    JSON.stringify({
      engine: engine.name,
      label: engine.label,
      version: engine.version(),
      config: engine.config(set.lang),
      set: set.name,
      lang: set.lang,
      records: set.records.length,
      buildSeconds,
      index: { raw, gzip, files: indexFiles },
      warmupQueries: warmup.length,
      latencyMs: latencies,
      queries,
    }) + '\n',
  );
}

main().catch((error) => {
  console.error(`run-engine: ${error.stack || error}`);
  process.exit(1);
});
