// Writes the contact channels of a public index as JSON ({timezone, channels}),
// read through the WebAssembly module, so a page can still offer them when the
// index itself cannot load (the widget's `channels` option / data-channels).
//   node scripts/export-channels.mjs build-wasm/wasm/firstline-core.js out/index/public.db > channels.json
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const [modulePath, indexPath] = process.argv.slice(2);
if (!modulePath || !indexPath) {
  console.error('usage: node scripts/export-channels.mjs MODULE.js PUBLIC.db');
  process.exit(2);
}
const createFirstline = createRequire(import.meta.url)(resolve(modulePath));
const Module = await createFirstline();
Module.files.put('/public.db', new Uint8Array(readFileSync(indexPath)));
const call = Module.call;
const response = JSON.parse(call(JSON.stringify({ api: 1, op: 'open', path: '/public.db' })));
if (!response.ok) {
  console.error(`${indexPath}: ${response.error.code}: ${response.error.message}`);
  process.exit(1);
}
const { timezone, channels } = response.result.escalation;
// What a page shows: a channel's agent text stays out of the public file.
const shown = channels.map(({ agent, ...channel }) => channel);
process.stdout.write(`${JSON.stringify({ timezone, channels: shown }, null, 2)}\n`);
