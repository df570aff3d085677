// MiniSearch in the page: load the serialized index, answer with the best record's intent.
import MiniSearch from 'minisearch';
import { minisearchOptions } from '../../lib/tokenize.mjs';
let index;
export async function load(base) {
  index = MiniSearch.loadJSON(await (await fetch(`${base}minisearch.json`)).text(), minisearchOptions(LANG));
}
export function search(query) {
  const hits = index.search(query);
  return hits.length ? hits[0].intent : null;
}
