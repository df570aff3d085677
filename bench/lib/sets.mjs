// A labelled set (see ../shared/datasets/README.md): train.jsonl is the KB, dev.jsonl the queries.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function readJsonl(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Chinese when any of the first train lines holds a CJK ideograph (as the converter decides). */
export function detectLanguage(lines) {
  return lines.slice(0, 200).some((l) => /[\u3400-\u9fff]/.test(l.text)) ? 'zh' : 'en';
}

/** An even sample of `limit` items across the list (files are grouped by intent). */
export function evenSample(items, limit) {
  if (!limit || items.length <= limit) return items;
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]);
}

export function readSet(dir, { limit = 0 } = {}) {
  const train = readJsonl(path.join(dir, 'train.jsonl'));
  const dev = evenSample(readJsonl(path.join(dir, 'dev.jsonl')), limit);
  return {
    name: path.basename(dir),
    dir,
    lang: detectLanguage(train),
    records: train.map((r, id) => ({ id, text: r.text, intent: r.intent })),
    queries: dev.map((q) => ({ text: q.text, intent: q.intent })),
  };
}
