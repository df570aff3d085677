// firstline against MiniSearch, FlexSearch, Lunr, Orama and Pagefind, in one run.
//
//   node bench/bench.mjs [SET_DIR...] [--limit N] [--warmup N] [--out DIR] [--work DIR]
//                        [--no-browser] [--scale] [--smoke]
//
// For each set (default: every set in ../shared/datasets): every engine builds its index
// from the train lines and answers the dev queries (run-engine.mjs, one process each);
// firstline also natively through firstline-eval. Then the browser figures
// (browser/run.mjs), then results.json and REPORT.md with plots (report.mjs).
// --scale adds the afqmc-zh series (1k, 10k, all questions). --smoke: a quick check that
// every engine answers (used by the tests), nothing written outside --work.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, ROOT, defaultDatasets } from './lib/paths.mjs';
import { measure, overall } from './lib/measures.mjs';
import { codeSizes } from './lib/bundles.mjs';
import { readJsonl, evenSample } from './lib/sets.mjs';
import { findModule } from './lib/firstline.mjs';

export const ENGINES = ['firstline', 'minisearch', 'flexsearch', 'lunr', 'orama', 'pagefind'];

function parseArgs(argv) {
  const args = { sets: [], limit: 300, warmup: 30, out: BENCH, work: path.join(ROOT, 'out', 'bench'), browser: true, scale: false, smoke: false, engines: ENGINES };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--limit') args.limit = Number(argv[++i]);
    else if (a === '--warmup') args.warmup = Number(argv[++i]);
    else if (a === '--out') args.out = path.resolve(argv[++i]);
    else if (a === '--work') args.work = path.resolve(argv[++i]);
    else if (a === '--engines') args.engines = argv[++i].split(',');
    else if (a === '--no-browser') args.browser = false;
    else if (a === '--scale') args.scale = true;
    else if (a === '--no-scale') args.scale = false;
    else if (a === '--smoke') args.smoke = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.sets.push(path.resolve(a));
  }
  if (!args.sets.length) {
    const root = defaultDatasets();
    args.sets = readdirSync(root)
      .filter((d) => existsSync(path.join(root, d, 'train.jsonl')))
      .sort()
      .map((d) => path.join(root, d));
  }
  return args;
}

const log = (...m) => console.error('[bench]', ...m);

/** One engine on one set, in its own Node process. */
export function runEngine(engine, setDir, workDir, { limit, warmup }) {
  // The module's Emscripten glue predates Node's fetch; Pagefind's search needs it.
  const nodeOptions = engine === 'firstline' ? '--no-experimental-fetch' : '';
  const result = spawnSync(
    process.execPath,
    [path.join(BENCH, 'run-engine.mjs'), '--engine', engine, '--set', setDir, '--work', workDir, '--limit', String(limit), '--warmup', String(warmup)],
    { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NODE_OPTIONS: nodeOptions } },
  );
  if (result.status !== 0) throw new Error(`${engine} on ${setDir} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** firstline natively: firstline-eval's own report (the same API, the native core). */
export function runNative(setDir, workDir, { limit }) {
  const evalBin = path.join(process.env.FIRSTLINE_BUILD_DIR || path.join(ROOT, 'build'), 'tools', 'firstline-eval');
  const args = ['--set', setDir, '--out', workDir];
  if (limit) args.push('--limit', String(limit));
  execFileSync(evalBin, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const [r] = JSON.parse(readFileSync(path.join(workDir, 'report.json'), 'utf8'));
  const out = {
    engine: 'firstline-native',
    label: 'firstline (native)',
    set: r.name,
    queries: r.queries.total,
    top1: r.accuracy.top1,
    top3: r.accuracy.top3,
    buildSeconds: r.index.build_seconds,
    index: { raw: r.index.bytes },
    latency: { p50: r.latency_ms.ask_p50, p99: r.latency_ms.ask_p99, keystrokeP50: r.latency_ms.keystroke_p50, keystrokeP99: r.latency_ms.keystroke_p99 },
    decisions: r.decisions,
  };
  if (r.out_of_scope)
    out.oos = {
      threshold: "the KB's own",
      oosRecall: r.out_of_scope.recall,
      inScopeAccuracyAfterRejection: r.out_of_scope.in_scope_accuracy_after_rejection,
      overall: overall(r.out_of_scope.recall, r.out_of_scope.in_scope_accuracy_after_rejection, r.queries.out_of_scope, r.queries.in_scope),
    };
  return out;
}

/** A subset of afqmc-zh with the first N KB questions and the dev queries that target them. */
function scaleSet(source, n, dir, queryLimit) {
  mkdirSync(dir, { recursive: true });
  const train = readJsonl(path.join(source, 'train.jsonl'));
  const kept = train.slice(0, n);
  const intents = new Set(kept.map((r) => r.intent));
  const dev = evenSample(readJsonl(path.join(source, 'dev.jsonl')).filter((q) => intents.has(q.intent)), queryLimit);
  writeFileSync(path.join(dir, 'train.jsonl'), kept.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(path.join(dir, 'dev.jsonl'), dev.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return dir;
}

function machine() {
  const cpus = os.cpus();
  const pkg = (name) => {
    try {
      return JSON.parse(readFileSync(path.join(BENCH, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return null;
    }
  };
  let chromium = null;
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {}
  let commit = null;
  try {
    commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {}
  return {
    cpu: cpus[0]?.model,
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium,
    load: os.loadavg(),
    commit,
    module: path.basename(findModule().js),
    packages: Object.fromEntries(
      ['minisearch', 'flexsearch', 'lunr', 'lunr-languages', '@orama/orama', '@orama/tokenizers', 'pagefind', 'esbuild'].map((n) => [n, pkg(n)]),
    ),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = new Date();
  const results = { started: started.toISOString(), command: process.env.BENCH_COMMAND || `node bench/bench.mjs ${process.argv.slice(2).join(' ')}`.trim(), machine: machine(), options: { limit: args.limit, warmup: args.warmup }, sets: [] };
  results.machine.loadAtStart = os.loadavg();

  for (const setDir of args.sets) {
    const name = path.basename(setDir);
    log(`set ${name}`);
    const entry = { name, dir: setDir, engines: [] };
    for (const engine of args.engines) {
      log(`  ${engine}`);
      const run = runEngine(engine, setDir, path.join(args.work, name, engine), args);
      entry.lang = run.lang;
      entry.records = run.records;
      entry.engines.push(measure(run));
    }
    if (args.engines.includes('firstline') && !args.smoke) {
      log('  firstline native (firstline-eval)');
      entry.native = runNative(setDir, path.join(args.work, name, 'native'), args);
      entry.native.index.gzip = entry.engines.find((e) => e.engine === 'firstline').index.gzip; // the same public.db
    }
    const pagefindDir = path.join(args.work, name, 'pagefind', 'pagefind');
    entry.code = await codeSizes(entry.lang, pagefindDir);
    results.sets.push(entry);
    // What is measured so far, in case a later step fails (node bench/report.mjs can render it).
    mkdirSync(args.work, { recursive: true });
    writeFileSync(path.join(args.work, 'results.partial.json'), JSON.stringify(results) + '\n');
  }

  if (args.scale) {
    const source = args.sets.find((s) => path.basename(s) === 'afqmc-zh') || path.join(defaultDatasets(), 'afqmc-zh');
    const total = readJsonl(path.join(source, 'train.jsonl')).length;
    results.scale = [];
    for (const n of [1000, 10000, total]) {
      const whole = results.sets.find((s) => s.name === 'afqmc-zh');
      if (n === total && whole && Math.min(args.limit, 300) === args.limit) {
        // All questions with the same query sample: the set's own run above.
        results.scale.push({ questions: n, engines: whole.engines });
        continue;
      }
      const dir = scaleSet(source, n, path.join(args.work, 'scale', `afqmc-zh-${n}`, 'set'), Math.min(args.limit, 300));
      log(`scale ${n}`);
      const point = { questions: n, engines: [] };
      for (const engine of args.engines) {
        log(`  ${engine}`);
        point.engines.push(measure(runEngine(engine, dir, path.join(args.work, 'scale', `afqmc-zh-${n}`, engine), args)));
      }
      results.scale.push(point);
    }
  }

  if (args.browser) {
    const { runBrowser } = await import('./browser/run.mjs');
    results.browser = await runBrowser(results, args);
  }
  results.finished = new Date().toISOString();
  results.machine.loadAtEnd = os.loadavg();
  results.seconds = (Date.now() - started.getTime()) / 1000;

  if (args.smoke) {
    mkdirSync(args.work, { recursive: true });
    writeFileSync(path.join(args.work, 'results.json'), JSON.stringify(results, null, 2) + '\n');
    const { writeReport } = await import('./report.mjs');
    await writeReport(results, args.work, { plots: false });
  } else {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(path.join(args.out, 'results.json'), JSON.stringify(results, null, 2) + '\n');
    const { writeReport } = await import('./report.mjs');
    await writeReport(results, args.out, { plots: true });
  }
  log(`done in ${results.seconds.toFixed(0)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((error) => {
    console.error(`bench: ${error.stack || error}`);
    process.exit(1);
  });
