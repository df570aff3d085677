// On a large generated KB (20,000 questions over 500 intents, Chinese), the
// widget answers its first question after fetching a small part of the
// published index: the bound below is what this test checks. (Speed figures
// are the benchmark's, bench/REPORT.md; this only checks bytes.)
// Run by CTest with FIRSTLINE_INDEXER (firstline-index) and FIRSTLINE_SITE (the built demo site).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, openPanel, serve, widget } from './lib/harness.mjs';

const INTENTS = 500;
const QUESTIONS_PER_INTENT = 40;
const INDEX_BYTES_BOUND = 512 * 1024;  // over the wire, before the first answer

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A labelled set: each intent has its own words; a question is some of them among common ones. */
function generateSet(dir) {
  const next = random(20261203);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const word = () => String.fromCodePoint(0x4e00 + Math.floor(next() * 0x5000), 0x4e00 + Math.floor(next() * 0x5000));
  const vocabulary = Array.from({ length: 4000 }, word);
  const fillers = ['怎么', '为什么', '我的', '可以', '吗', '还没', '一直', '请问', '能不能', '如何'];
  const lines = [];
  const intents = [];
  for (let i = 0; i < INTENTS; i++) {
    const own = Array.from({ length: 6 }, () => pick(vocabulary));
    intents.push({ id: `topic_${i}`, label: own.slice(0, 2).join('') });
    for (let q = 0; q < QUESTIONS_PER_INTENT; q++) {
      const words = [pick(fillers), pick(own), pick(own), pick(fillers), pick(own)];
      lines.push(JSON.stringify({ text: words.join(''), intent: `topic_${i}` }));
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'train.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'intents.json'), JSON.stringify(intents));
  return JSON.parse(lines[123 * QUESTIONS_PER_INTENT + 7]).text;  // a question of topic_123
}

function folderBytes(dir) {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return sum + (stat.isDirectory() ? folderBytes(path) : stat.size);
  }, 0);
}

let work, server, browser, question, publishedBytes;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'firstline-large-kb-'));
  question = generateSet(join(work, 'set'));
  const indexer = process.env.FIRSTLINE_INDEXER;
  execFileSync(indexer, ['convert-dataset', join(work, 'set'), '--out', join(work, 'kb')], { stdio: 'ignore' });
  execFileSync(indexer, ['build', join(work, 'kb'), '--out', join(work, 'index'), '--quiet'], { stdio: 'ignore' });
  // The demo site with the large KB's published index in place of the sample's.
  const site = join(work, 'site');
  cpSync(process.env.FIRSTLINE_SITE, site, { recursive: true });
  for (const name of readdirSync(site)) if (/^public\.[0-9a-f]{16}$/.test(name)) rmSync(join(site, name), { recursive: true });
  cpSync(join(work, 'index', 'web'), site, { recursive: true });
  publishedBytes = folderBytes(join(work, 'index', 'web'));
  server = await serve(site);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test(`the widget answers on a ${INTENTS * QUESTIONS_PER_INTENT}-question KB after fetching under ${INDEX_BYTES_BOUND / 1024} KiB of its index`, async () => {
  const { page, context } = await openPage(browser, `${server.url}/demo/`, {});
  const transfers = [];
  page.on('requestfinished', async (request) => {
    const path = new URL(request.url()).pathname;
    if (!/\/firstline-index\.(json|start\.bin)$|\/public\.[0-9a-f]{16}\//.test(path)) return;
    const sizes = await request.sizes();
    transfers.push({ path, bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  assert.equal(await openPanel(page), 'ready');
  const input = widget(page, 'input[role="combobox"]');
  await input.fill(question);
  await input.press('Enter');
  await widget(page, 'article.article, .question').first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(200);  // the last transfers' events
  const fetched = transfers.reduce((sum, t) => sum + t.bytes, 0);
  console.log(`# ${transfers.length} index requests, ${(fetched / 1024).toFixed(1)} KiB over the wire ` +
              `of a published index of ${(publishedBytes / 1048576).toFixed(1)} MiB`);
  assert.ok(transfers.some((t) => /\/s\.bin$|\.start\.bin$/.test(t.path)), 'the start chunk was fetched (and counted)');
  assert.ok(fetched < INDEX_BYTES_BOUND, `fetched ${fetched} bytes of the index, bound ${INDEX_BYTES_BOUND}`);
  assert.ok(publishedBytes > 8 * INDEX_BYTES_BOUND, `the KB is large: its published index is ${publishedBytes} bytes`);
  await context.close();
});
