// Lunr in the page (with lunr-languages' Chinese support for Chinese sets).
import lunr from 'lunr';
let index;
let intents;
let tokenizer = lunr.tokenizer;
export async function load(base) {
  if (LANG === 'zh') {
    require('lunr-languages/lunr.stemmer.support.js')(lunr);
    require('lunr-languages/lunr.zh.js')(lunr);
    tokenizer = lunr.zh.tokenizer;
  }
  const [json, ids] = await Promise.all([
    fetch(`${base}lunr.json`).then((r) => r.json()),
    fetch(`${base}lunr-intents.json`).then((r) => r.json()),
  ]);
  index = lunr.Index.load(json);
  intents = ids;
}
export function search(query) {
  const tokens = tokenizer(query).map(String).filter(Boolean);
  const hits = index.query((q) => {
    for (const t of tokens) q.term(t, {});
  });
  return hits.length ? intents[Number(hits[0].ref)] : null;
}
