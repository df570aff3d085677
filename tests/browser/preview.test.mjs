// The editors' preview, `firstline-index serve` (indexer/src/preview_server.cpp),
// in headless Chromium: an editor's change to an article shows in the served
// widget without touching the browser, and a broken article is shown on the
// page with its file and line while the last good build keeps answering.
// Run by CTest with FIRSTLINE_INDEXER (firstline-index) and FIRSTLINE_SITE.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, REPO, screenshotPath, SITE, widget, widgetState } from './lib/harness.mjs';

const INDEXER = process.env.FIRSTLINE_INDEXER || join(REPO, 'build/indexer/firstline-index');

let folder;
let kb;
let preview;
let url;
let browser;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'firstline-preview-'));
  kb = join(folder, 'kb-content');
  cpSync(join(REPO, 'kb-content'), kb, { recursive: true });
  preview = spawn(INDEXER, ['serve', kb, '--site', SITE, '--out', join(folder, 'out'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve, reject) => {
    let said = '';
    preview.stdout.on('data', (chunk) => {
      said += chunk;
      const match = said.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (match) resolve(match[0]);
    });
    preview.once('exit', (code) => reject(new Error(`firstline-index serve exited (${code}): ${said}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (preview && preview.exitCode === null) {
    const exited = new Promise((done) => preview.once('exit', done));
    preview.kill('SIGTERM');
    await exited;
  }
  rmSync(folder, { recursive: true, force: true });
});

/** Asks the inline help centre's panel and resolves to the title of the article it shows. */
async function answerTitle(page, question) {
  assert.equal(await widgetState(page), 'ready');
  const input = widget(page, 'input[role="combobox"]');
  await input.fill(question);
  await input.press('Enter');
  return widget(page, 'article.article h3').textContent();
}

/** The article file of the KB copy whose front matter has `title: <title>`. */
function articleFile(title) {
  const dir = join(kb, 'articles');
  const name = readdirSync(dir, { recursive: true }).filter((file) => file.endsWith('.md'))
    .find((file) => readFileSync(join(dir, file), 'utf8').includes(`\ntitle: ${title}\n`));
  assert.ok(name, `an article titled ${title}`);
  return join(dir, name);
}

test('an edited article shows in the served widget after the save, and a broken one is shown on the page while the last good build answers', async () => {
  const { page, context, problems } = await openPage(browser, `${url}/demo/help.html`);
  const title = await answerTitle(page, '退款多久到账');
  const file = articleFile(title);
  const original = readFileSync(file, 'utf8');

  // The editor saves a new title: the page reloads itself and the widget answers with it.
  const reloaded = page.waitForEvent('load');
  writeFileSync(file, original.replace(`\ntitle: ${title}\n`, `\ntitle: ${title}（已更新）\n`));
  await reloaded;
  assert.equal(await answerTitle(page, '退款多久到账'), `${title}（已更新）`);

  // A broken save: the page says what and where; the widget keeps the last good build.
  writeFileSync(file, original.replace(/\naudience: \w+\n/, '\naudience: everyone\n'));
  const banner = page.locator('.firstline-preview-error');
  await banner.waitFor();
  const said = await banner.textContent();
  const line = original.split('\n').findIndex((l) => l.startsWith('audience:')) + 1;
  assert.ok(said.includes(`${file}:${line}: error: unknown audience 'everyone'`), said);
  assert.match(said, /still serves the last good build/);
  await page.screenshot({ path: screenshotPath('preview-build-error.png') });
  assert.equal(await answerTitle(page, '退款多久到账'), `${title}（已更新）`);

  // Fixed: the page reloads, with no error shown.
  const fixed = page.waitForEvent('load');
  writeFileSync(file, original);
  await fixed;
  assert.equal(await answerTitle(page, '退款多久到账'), title);
  assert.equal(await banner.count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the preview serves the agent console with the build\'s agent index, on loopback only', async () => {
  const console = await fetch(`${url}/console/`);
  assert.equal(console.status, 200);
  assert.match(await console.text(), /__preview\/reload\.js/);
  const agent = await fetch(`${url}/console/agent.db`);
  assert.equal(agent.status, 200);
  assert.ok((await agent.arrayBuffer()).byteLength > 100000);
  const rebinding = await new Promise((resolve, reject) => {
    request(`${url}/demo/`, { headers: { Host: 'attacker.example' } }, (answer) => { answer.resume(); resolve(answer.statusCode); })
      .on('error', reject).end();
  });
  assert.equal(rebinding, 421, 'another Host (DNS rebinding) is refused');
});
