// Chinese words by the platform's segmenter (ICU, Intl.Segmenter): the tokenizer given to
// MiniSearch for Chinese (its docs leave tokenization of languages without spaces to the
// user). Shared by the Node runner and the browser bundle.
const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
export function segmentChinese(text) {
  const words = [];
  for (const s of zhSegmenter.segment(text)) if (s.isWordLike) words.push(s.segment.toLowerCase());
  return words;
}

export function minisearchOptions(lang) {
  const options = { fields: ['text'], storeFields: ['intent'], searchOptions: { fuzzy: 0.2, prefix: true } };
  if (lang === 'zh') options.tokenize = (text) => segmentChinese(text);
  return options;
}
