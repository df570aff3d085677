// A real handoff desk (build/desk/firstline-desk serve) for browser tests:
// a temporary config and SQLite file, a free loopback port, agents added with
// the desk's own add-agent command.
//
//   const desk = await startDesk({ consoleRoot, allowedOrigins: [shop] });
//   await desk.addAgent('ana', 'a long password');
//   ... desk.url ("http://127.0.0.1:PORT") ...
//   await desk.stop();
//
//   FIRSTLINE_DESK          the program (default: build/desk/firstline-desk)
//   FIRSTLINE_PUBLIC_INDEX  the KB's public.db (default: out/index/public.db): channels, hours
//   FIRSTLINE_AGENT_INDEX   agent.db served to signed-in agents (default: out/index/agent.db)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './harness.mjs';

export const DESK = process.env.FIRSTLINE_DESK || join(REPO, 'build/desk/firstline-desk');
export const PUBLIC_INDEX = process.env.FIRSTLINE_PUBLIC_INDEX || join(REPO, 'out/index/public.db');
export const AGENT_INDEX = process.env.FIRSTLINE_AGENT_INDEX || join(REPO, 'out/index/agent.db');

/**
 * Starts a desk; resolves to {url, config, addAgent(name, password), stop()}.
 * Options (all optional): allowedOrigins, agentOrigins (arrays of origins),
 * consoleRoot (a folder served at /console/), publicIndex, agentIndex, and
 * extra config fields in `config` (desk/README.md, "Configuration"). Rate
 * limits are raised so a test's requests are never refused for their number.
 */
export async function startDesk({ allowedOrigins = [], agentOrigins = [], consoleRoot, publicIndex = PUBLIC_INDEX,
  agentIndex = AGENT_INDEX, config: extra = {} } = {}) {
  if (!existsSync(DESK)) throw new Error(`${DESK} not found: build the native tree first (scripts/build.sh)`);
  const dir = mkdtempSync(join(tmpdir(), 'firstline-desk-'));
  const generous = { per_minute: 6000, burst: 1000 };
  const config = {
    store: join(dir, 'desk.sqlite'), host: '127.0.0.1', port: 0, allowed_origins: allowedOrigins,
    agent_origins: agentOrigins, public_index: publicIndex, agent_index: agentIndex,
    handoff_rate: generous, events_rate: generous, message_rate: generous, sign_in_rate: generous,
    ...(consoleRoot ? { console_root: consoleRoot } : {}), ...extra,
  };
  const configPath = join(dir, 'desk.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const child = spawn(DESK, ['serve', '--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the desk did not start: ${output}`)), 20000);
    const read = (chunk) => {
      output += chunk;
      const match = output.match(/serving on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the desk exited (${code}) before listening: ${output}`));
    });
  });
  return {
    url,
    config,
    /** Adds an agent with the desk's own command (add-agent reads the password from stdin). */
    addAgent(name, password) {
      const run = spawnSync(DESK, ['add-agent', name, '--config', configPath], { input: `${password}\n`, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`add-agent ${name} failed: ${run.stderr}`);
    },
    /** Stops the desk (SIGTERM: the requests in flight are answered first) and removes its files. */
    stop() {
      return new Promise((done) => {
        const finish = () => {
          rmSync(dir, { recursive: true, force: true });
          done();
        };
        if (child.exitCode !== null) return finish();
        child.once('exit', finish);
        child.kill('SIGTERM');
      });
    },
  };
}

/** POSTs what the widget posts to handoffUrl ({channel, kind, handoff, callback?}); resolves to the desk's 201 answer. */
export async function postHandoff(deskUrl, body, origin) {
  const response = await fetch(`${deskUrl}/api/handoffs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.status !== 201) throw new Error(`POST /api/handoffs answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}
