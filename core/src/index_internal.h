// The state behind an Index, shared with the engine (not part of the public API).
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "firstline/index.h"
#include "snippet.h"

namespace firstline {

struct Index::Internal {
  Xapian::Database db;
  BuildInfo build;
  std::vector<IntentInfo> intents;
  TextFolder folder;
  SynonymSet synonyms;
  Xapian::Stem stemmer{"english"};

  /// The terms of folded text exactly as the indexer generates them for the
  /// same text (CJK n-grams, English stems, a term per synonym group found),
  /// with their counts.
  std::vector<std::pair<std::string, Xapian::termcount>> query_terms(const std::string& folded) const {
    // Customers do not type essays: only the start of a huge input is used,
    // cut at a character boundary.
    constexpr std::size_t kMaxQueryBytes = 2048;
    std::size_t cut = std::min(folded.size(), kMaxQueryBytes);
    while (cut > 0 && cut < folded.size() && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;
    Xapian::Document scratch;
    Xapian::TermGenerator generator;
    generator.set_stemmer(stemmer);
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);  // as the indexer does
    generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    generator.set_document(scratch);
    const std::string_view text = std::string_view(folded).substr(0, cut);
    generator.index_text_without_positions(std::string(text));
    for (const auto& [term, count] : synonyms.terms_in(text)) scratch.add_term(term, count);
    std::vector<std::pair<std::string, Xapian::termcount>> terms;
    for (auto it = scratch.termlist_begin(); it != scratch.termlist_end(); ++it) terms.emplace_back(*it, it.get_wdf());
    return terms;
  }

  /// The articles of an MSet as hits, with snippets of their text for the
  /// query's terms (as query_terms() gives them).
  std::vector<ArticleHit> article_hits(const Xapian::MSet& mset,
                                       const std::vector<std::pair<std::string, Xapian::termcount>>& terms) const;

  /// All article documents that `filter` lets through (a boolean query).
  static Xapian::Query articles_query(const ArticleFilter& filter);

  /// An article's stored JSON as a hit (no score, no snippet).
  static ArticleHit article_from_data(const nlohmann::json& data);

  /// Snippets of articles' own text for a query's terms, each with its idf (snippet.h).
  Snippeter snippeter(const std::vector<std::pair<std::string, double>>& weighted_terms) const {
    return Snippeter(folder, synonyms, stemmer, weighted_terms);
  }

  /// The terms OR-ed: a word the index lacks lowers the score instead of
  /// excluding every document.
  static Xapian::Query query_for(const std::vector<std::pair<std::string, Xapian::termcount>>& terms) {
    std::vector<Xapian::Query> parts;
    for (const auto& [term, wqf] : terms) parts.emplace_back(term, wqf);
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }
};

}  // namespace firstline
