// Each engine's code as a site would ship it: the peers' browser entries
// (browser/entries/*.js) bundled and minified by esbuild for one language, Pagefind's
// generated pagefind.js + its WebAssembly for the language, firstline's worker + module.
// The same files are served to the browser pages, so "code" is measured on what loads.
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BENCH, ROOT } from './paths.mjs';
import { findModule } from './firstline.mjs';
import { isPagefindCodeFile } from './peers.mjs';

const require = createRequire(import.meta.url);

/** Bytes a server sends for this file: gzip (zlib level 6), unless it is already compressed. */
export function gzipBytes(bytes) {
  return Math.min(bytes.length, gzipSync(bytes).length);
}

function sizes(files) {
  let raw = 0;
  let gzip = 0;
  for (const bytes of Object.values(files)) {
    raw += bytes.length;
    gzip += gzipBytes(bytes);
  }
  return { raw, gzip, files: Object.keys(files) };
}

/** The bundled browser build of a peer (not Pagefind) for `lang`: {'engine.js': bytes}. */
export async function bundlePeer(engine, lang, outDir) {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(BENCH, 'browser', 'entries', `${engine}.js`)],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Engine',
    platform: 'browser',
    target: 'es2022',
    define: { LANG: JSON.stringify(lang) },
    nodePaths: [path.join(BENCH, 'node_modules')],
    write: false,
    logLevel: 'error',
  });
  const files = { 'engine.js': Buffer.from(result.outputFiles[0].contents) };
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'engine.js'), files['engine.js']);
  }
  return files;
}

export function pagefindCode(pagefindDir, lang) {
  // The WebAssembly for the language, or the language-neutral one (Chinese has none of its own).
  const entry = JSON.parse(readFileSync(path.join(pagefindDir, 'pagefind-entry.json'), 'utf8'));
  const wasm = `wasm.${entry.languages[lang]?.wasm ?? 'unknown'}.pagefind`;
  const files = {};
  for (const name of readdirSync(pagefindDir))
    if (isPagefindCodeFile(name) && (name === 'pagefind.js' || name === wasm)) files[name] = readFileSync(path.join(pagefindDir, name));
  return files;
}

/** firstline's code: the worker and the module (glue + wasm). */
export function firstlineCode() {
  const module = findModule();
  return {
    'worker.js': readFileSync(path.join(ROOT, 'web', 'worker.js')),
    [path.basename(module.js)]: readFileSync(module.js),
    [path.basename(module.wasm)]: readFileSync(module.wasm),
  };
}

/** Code size per engine for a language; pagefindDir: a written Pagefind bundle of that language. */
export async function codeSizes(lang, pagefindDir) {
  const out = {};
  for (const engine of ['minisearch', 'flexsearch', 'lunr', 'orama']) out[engine] = sizes(await bundlePeer(engine, lang));
  if (pagefindDir && existsSync(pagefindDir)) out.pagefind = sizes(pagefindCode(pagefindDir, lang));
  out.firstline = sizes(firstlineCode());
  return out;
}
