// The replay benchmark (bash scripts/bench-replay.sh): do customers' own words,
// fed back into the KB through the desk's suggestions, answer the next
// customers better?
//
//   1. a labelled set's train queries become a KB (firstline-index convert-dataset), built: "before";
//   2. a real desk starts on SQLite (build/desk/firstline-desk, a free loopback port);
//   3. half of the dev queries (the even-numbered in-scope ones) act as customers through the
//      native core (firstline-replay customers): they pick the right option when asked to
//      clarify, say whether the answer helped (right intent = helped), and rephrase with another
//      customer query of the same intent when not; their events go to the desk's POST /api/events;
//   4. the suggestions the desk derived are accepted by the rule: seen for at least
//      --min-customers customers (default 1: every one; simulated customers never lie);
//   5. firstline-index suggestions apply writes the accepted ones into the KB's intents.yaml
//      and marks them written at the desk; the KB is built again: "after";
//   6. the other half of the dev queries (out of scope included) is asked of both builds
//      (firstline-replay measure): top-1, wrong answers, clarification rate.
// Prints the figures; with --report, writes them into bench/REPORT.md between
// <!-- replay: ... --> and <!-- /replay -->.
//
// Default sets: clinc150, banking77 and smp2020-zh from ../shared/datasets (DATASETS=path);
// each --dataset DIR replaces them (repeat it for several).
//
//   node bench/replay.mjs [--dataset DIR]... [--min-customers N] [--rephrases N] [--limit N]
//                         [--work DIR] [--build DIR] [--report] [--check]
// --check (the CTest run): fails unless some suggestion was accepted, written into
// intents.yaml and marked written at the desk, and the after build ranks each
// accepted wording's intent first for it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);

function args() {
  const sets = process.env.DATASETS || path.join(ROOT, '..', 'shared', 'datasets');
  const out = { datasets: [], defaults: ['clinc150', 'banking77', 'smp2020-zh'].map((name) => path.join(sets, name)),
    minCustomers: 1, rephrases: 2, limit: 0, work: path.join(ROOT, 'build', 'bench-replay'), build: path.join(ROOT, 'build'),
    report: false, check: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    if (a === '--dataset') out.datasets.push(path.resolve(value()));
    else if (a === '--min-customers') out.minCustomers = Number(value());
    else if (a === '--rephrases') out.rephrases = Number(value());
    else if (a === '--limit') out.limit = Number(value());
    else if (a === '--work') out.work = path.resolve(value());
    else if (a === '--build') out.build = path.resolve(value());
    else if (a === '--report') out.report = true;
    else if (a === '--check') out.check = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (!out.datasets.length) out.datasets = out.defaults;
  return out;
}

function run(program, argv, { input, json = false } = {}) {
  const r = spawnSync(program, argv, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${path.basename(program)} ${argv.join(' ')} failed (${r.status ?? r.signal}):\n${(r.stderr || '').slice(-2000)}`);
  }
  if (!json) return r.stdout;
  try {
    return JSON.parse(r.stdout); // one object, maybe over several lines
  } catch {
    return JSON.parse(r.stdout.trim().split('\n').pop()); // a last line of JSON after others
  }
}

/** Starts the desk; resolves to {url, stop}. */
function startDesk(desk, configPath) {
  return new Promise((resolve, reject) => {
    const child = spawn(desk, ['serve', '--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the desk did not start: ${err}`)); }, 20000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serving on (http:\/\/[0-9.]+:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }) });
      }
    });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the desk exited (${code}): ${err}`)); });
  });
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const signed = (x) => `${x >= 0 ? '+' : '−'}${(100 * Math.abs(x)).toFixed(1)}`;

/** One set's replay in `work`: its report lines and figures. */
async function replaySet(o, dataset, work) {
  const index = path.join(o.build, 'indexer', 'firstline-index');
  const replay = path.join(o.build, 'tools', 'firstline-replay');
  const deskProgram = path.join(o.build, 'desk', 'firstline-desk');
  for (const p of [index, replay, deskProgram]) if (!existsSync(p)) throw new Error(`${p} is missing: run bash scripts/build.sh first`);
  const dev = path.join(dataset, 'dev.jsonl');
  if (!existsSync(dev)) throw new Error(`${dev} is missing (DATASETS=path or --dataset DIR)`);
  const limit = o.limit ? ['--limit', String(o.limit)] : [];

  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const kb = path.join(work, 'kb');
  const started = Date.now();
  const converted = run(index, ['convert-dataset', dataset, '--out', kb, '--json'], { json: true });
  run(index, ['build', kb, '--out', path.join(work, 'before'), '--quiet']);
  const yamlBefore = readFileSync(path.join(kb, 'intents.yaml'), 'utf8');

  const configPath = path.join(work, 'desk.json');
  writeFileSync(configPath, JSON.stringify({
    store: path.join(work, 'desk.sqlite'), host: '127.0.0.1', port: 0,
    public_index: path.join(work, 'before', 'public.db'),
    // One loopback client posts every customer's events: no rate limit in the way.
    events_rate: { per_minute: 1000000, burst: 1000000 }, sign_in_rate: { per_minute: 1000, burst: 1000 },
  }));
  const passwordFile = path.join(work, 'password');
  writeFileSync(passwordFile, 'replay-benchmark-password\n');
  run(deskProgram, ['add-agent', 'replay', '--config', configPath], { input: 'replay-benchmark-password\n' });
  const desk = await startDesk(deskProgram, configPath);
  let customers, accepted, applied;
  try {
    customers = run(replay, ['customers', '--index', path.join(work, 'before', 'public.db'), '--dev', dev, '--desk', desk.url,
      '--locale', converted.locale, '--rephrases', String(o.rephrases), ...limit], { json: true });
    accepted = run(replay, ['accept', '--desk', desk.url, '--user', 'replay', '--password-file', passwordFile,
      '--min-customers', String(o.minCustomers), '--save', path.join(work, 'accepted.jsonl')], { json: true });
    applied = run(index, ['suggestions', 'apply', kb, '--desk', desk.url, '--user', 'replay', '--password-file', passwordFile]);
  } finally {
    await desk.stop();
  }
  const yamlAfter = readFileSync(path.join(kb, 'intents.yaml'), 'utf8');
  const addedLines = yamlAfter.split('\n').length - yamlBefore.split('\n').length;
  run(index, ['build', kb, '--out', path.join(work, 'after'), '--quiet']);
  const before = run(replay, ['measure', '--index', path.join(work, 'before', 'public.db'), '--dev', dev, ...limit], { json: true });
  const after = run(replay, ['measure', '--index', path.join(work, 'after', 'public.db'), '--dev', dev, ...limit], { json: true });
  // The accepted wordings themselves, asked again: the KB now holds them as examples.
  const acceptedSet = path.join(work, 'accepted.jsonl');
  const ownBefore = accepted.accepted ? run(replay, ['measure', '--index', path.join(work, 'before', 'public.db'), '--dev', acceptedSet, '--half', 'all'], { json: true }) : null;
  const ownAfter = accepted.accepted ? run(replay, ['measure', '--index', path.join(work, 'after', 'public.db'), '--dev', acceptedSet, '--half', 'all'], { json: true }) : null;
  const seconds = (Date.now() - started) / 1000;

  const set = path.basename(dataset);
  const result = { set, converted, customers, accepted, added_lines: addedLines, applied: applied.trim().split('\n').pop(), before, after,
    min_customers: o.minCustomers, rephrases: o.rephrases, accepted_wordings_before: ownBefore, accepted_wordings_after: ownAfter, seconds };
  writeFileSync(path.join(work, 'replay.json'), JSON.stringify(result, null, 2));

  const c = customers;
  const rows = [
    ['top-1 intent (in scope)', before.top1, after.top1],
    ['answered with the right intent', before.answered_right, after.answered_right],
    ['wrong answers', before.wrong_answers, after.wrong_answers],
    ['clarified', before.clarified, after.clarified],
    ['escalated', before.escalated, after.escalated],
  ];
  const lines = [
    `**${set}** (${converted.locale}): ${c.customers} customers (the even-numbered in-scope dev queries, up to ${o.rephrases} rephrasings each) sent ${c.events} events to the desk;`,
    `${c.helped_at_once} were helped at once, ${c.helped_after_clarifying} after picking a clarifying option, ${c.helped_after_rephrasing} after rephrasing, ${c.never_helped} never.`,
    `The desk suggested ${accepted.pending} wordings; accepted: every one seen for at least ${o.minCustomers} customer${o.minCustomers === 1 ? '' : 's'}, ${accepted.accepted} ` +
      `(${accepted.from_clarified} from clarified questions, ${accepted.from_rephrased} from rephrase chains); intents.yaml grew by ${addedLines} lines.`,
    `Measured on the other ${before.queries} dev queries (${before.in_scope} in scope), each asked once in a fresh session:`,
    '',
    '| | before | after | change (points) |',
    '|---|---:|---:|---:|',
    ...rows.map(([name, b, a]) => `| ${name} | ${pct(b)} | ${pct(a)} | ${signed(a - b)} |`),
  ];
  if (ownBefore) {
    lines.push('', `The ${ownBefore.queries} accepted wordings themselves, asked again: answered with their intent ${pct(ownBefore.answered_right)} before, ` +
      `${pct(ownAfter.answered_right)} after (top-1 ${pct(ownBefore.top1)} → ${pct(ownAfter.top1)}).`);
  }
  console.log(lines.join('\n') + '\n');

  if (o.check) {
    const problems = [];
    if (!accepted.accepted) problems.push('no suggestion was accepted');
    if (addedLines < 1) problems.push('intents.yaml did not grow');
    if (!/marked written at the desk/.test(result.applied)) problems.push(`suggestions apply said: ${result.applied}`);
    if (!ownAfter || ownAfter.top1 < 1) problems.push('an accepted wording is not the after build\'s top intent for itself');
    if (problems.length) throw new Error(`check failed: ${problems.join('; ')}`);
    console.log('check: suggestions accepted, written into intents.yaml, marked written; each accepted wording is now its intent\'s top-1');
  }

  return { lines, seconds };
}

async function main() {
  const o = args();
  const started = Date.now();
  const sections = [];
  for (const dataset of o.datasets) {
    const work = o.datasets.length === 1 ? o.work : path.join(o.work, path.basename(dataset));
    sections.push(await replaySet(o, dataset, work));
  }
  if (!o.report) return;
  const seconds = (Date.now() - started) / 1000;
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() || 'unknown';
  const section = [
    `<!-- replay: written by bench/replay.mjs (bash scripts/bench-replay.sh); do not edit by hand -->`,
    `One run of \`bash scripts/bench-replay.sh\` (${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${seconds.toFixed(0)} s in all). ` +
      'Nothing in it is random: the same build gives the same figures. A wording already answered with its intent is never ' +
      'suggested (desk/README.md), hence 0% before for the accepted wordings themselves.',
    '',
    ...sections.flatMap(({ lines }) => [...lines, '']),
    '<!-- /replay -->',
  ].join('\n');
  const reportPath = path.join(BENCH, 'REPORT.md');
  const report = readFileSync(reportPath, 'utf8');
  const start = report.indexOf('<!-- replay:');
  const end = report.indexOf('<!-- /replay -->');
  if (start < 0 || end < start) throw new Error('bench/REPORT.md has no <!-- replay: --> ... <!-- /replay --> markers');
  writeFileSync(reportPath, report.slice(0, start) + section + report.slice(end + '<!-- /replay -->'.length));
  console.log(`wrote the replay section of ${path.relative(ROOT, reportPath)}`);
}

main().catch((error) => {
  console.error(`bench-replay: ${error.message}`);
  process.exit(1);
});
