// Orama in the page: create the same schema, load the saved index, search.
import { create, load as loadIndex, search as oramaSearch } from '@orama/orama';
let db;
export async function load(base) {
  const options = { schema: { text: 'string', intent: 'string' } };
  if (LANG === 'zh') {
    const { createTokenizer } = require('@orama/tokenizers/mandarin');
    options.components = { tokenizer: await createTokenizer() };
  }
  db = create(options);
  loadIndex(db, await (await fetch(`${base}orama.json`)).json());
}
export async function search(query) {
  const result = await oramaSearch(db, { term: query, properties: ['text'], limit: 30 });
  return result.hits.length ? result.hits[0].document.intent : null;
}
