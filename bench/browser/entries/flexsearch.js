// FlexSearch in the page: import the exported index parts, answer with the best record's intent.
import { Document, Charset } from 'flexsearch';
let index;
export async function load(base) {
  const parts = await (await fetch(`${base}flexsearch.json`)).json();
  index = new Document({
    encoder: LANG === 'zh' ? Charset.CJK : Charset.LatinBalance,
    tokenize: 'strict',
    document: { id: 'id', index: ['text'], store: ['intent'] },
  });
  for (const [key, data] of Object.entries(parts)) await index.import(key, data);
}
export function search(query) {
  const groups = index.search(query, { suggest: true, limit: 30, enrich: true });
  return groups.length && groups[0].result.length ? groups[0].result[0].doc.intent : null;
}
