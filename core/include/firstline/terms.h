// firstline/terms.h — how text becomes an index's terms, defined once for the
// indexer (which writes them) and the core (which looks them up), so the two
// cannot drift apart. Like schema.h it is for those two only: it speaks Xapian.
//
//   Xapian::TermGenerator generator;
//   firstline::terms::configure(generator, stemmer, /*spelling=*/locale == "en");
//   generator.set_document(document);
//   firstline::terms::index_text(generator, document, synonyms, folder.fold(title), schema::kWeightTitle);
//
// The terms of folded text: every English word stemmed, kPrefixStem + stem
// (never the unstemmed form: queries look for stems only, and a number such
// as "404" is then found too); CJK text as character unigrams and bigrams
// (Xapian's CJK n-grams, under the same prefix); and one kPrefixSynonymGroup
// term per synonyms.yaml group found in the text (SynonymSet::terms_in).
// Without positions: firstline ranks by terms, never by phrase, and positions
// would be most of the index's bytes.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "firstline/limits.h"
#include "firstline/schema.h"
#include "firstline/text.h"

namespace firstline::terms {

/// Sets `generator` up to make the terms above with `stemmer` (English).
/// With `spelling` (English text of a writable database), its words also go
/// into the database's spelling table, which corrects a customer's typing.
inline void configure(Xapian::TermGenerator& generator, const Xapian::Stem& stemmer, bool spelling = false) {
  generator.set_stemmer(stemmer);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM | (spelling ? Xapian::TermGenerator::FLAG_SPELLING : 0));
}

/// Adds the terms of `folded` text to `document` (the generator's current
/// one), each occurrence counting `weight` (schema.h: titles outweigh bodies).
inline void index_text(Xapian::TermGenerator& generator, Xapian::Document& document, const SynonymSet& synonyms,
                       std::string_view folded, Xapian::termcount weight = 1) {
  generator.index_text_without_positions(std::string(folded), weight);
  for (const auto& [term, count] : synonyms.terms_in(folded)) document.add_term(term, count * weight);
}

/// The terms of folded text with their counts, exactly as index_text() makes
/// them for a document of that text alone: how a query, and an example
/// question (firstline/example_store.h), is looked up. Only the first
/// limits::kTermBytes are read (customers do not type essays), cut at a
/// character boundary.
inline std::vector<std::pair<std::string, Xapian::termcount>> of_text(std::string_view folded,
                                                                      const SynonymSet& synonyms,
                                                                      const Xapian::Stem& stemmer) {
  std::size_t cut = std::min(folded.size(), limits::kTermBytes);
  while (cut > 0 && cut < folded.size() && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;
  Xapian::Document scratch;
  Xapian::TermGenerator generator;
  configure(generator, stemmer);
  generator.set_document(scratch);
  index_text(generator, scratch, synonyms, folded.substr(0, cut));
  std::vector<std::pair<std::string, Xapian::termcount>> terms;
  for (auto it = scratch.termlist_begin(); it != scratch.termlist_end(); ++it) terms.emplace_back(*it, it.get_wdf());
  return terms;
}

/// The term of one English word, as the index has it.
inline std::string stemmed_word(const Xapian::Stem& stemmer, const std::string& word) {
  return schema::kPrefixStem + stemmer(word);
}

}  // namespace firstline::terms
