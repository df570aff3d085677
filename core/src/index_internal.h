// The state behind an Index, shared with the engine (not part of the public
// API): the open database, what it was built with, and how text becomes the
// terms and the query every search uses.
#pragma once

#include <algorithm>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "firstline/index.h"
#include "firstline/limits.h"
#include "firstline/terms.h"
#include "snippet.h"

namespace firstline {

struct Index::Internal {
  Xapian::Database db;
  BuildInfo build;
  /// Every intent, read on the first call (Index::intents(): the console, the
  /// tools); the engine reads them one by one (intent_directory.h).
  const std::vector<IntentInfo>& all_intents() const;
  /// Every intent's stored entry, as a JSON array's text.
  std::string intent_entries() const;
  TextFolder folder;
  SynonymSet synonyms;
  Xapian::Stem stemmer{"english"};
  mutable std::once_flag intents_read;
  mutable std::vector<IntentInfo> intents;  ///< all_intents(), once read

  /// The terms of folded text exactly as the indexer generates them for the
  /// same text (CJK n-grams, English stems, a term per synonym group found),
  /// with their counts.
  std::vector<std::pair<std::string, Xapian::termcount>> query_terms(const std::string& folded) const {
    return terms::of_text(folded, synonyms, stemmer);
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

  /// Terms a long query keeps, its most telling ones: the rest cost time, not accuracy.
  static constexpr std::size_t kEliteTerms = 16;

  /// The one query over a text's terms, for every article search (search()
  /// here, the engine's article ranking): the terms OR-ed, so a word the
  /// index lacks lowers the score instead of excluding every document; a
  /// long query keeps its kEliteTerms best (OP_ELITE_SET).
  static Xapian::Query query_for(const std::vector<std::pair<std::string, Xapian::termcount>>& terms) {
    std::vector<Xapian::Query> parts;
    for (const auto& [term, wqf] : terms) parts.emplace_back(term, wqf);
    if (parts.size() > kEliteTerms)
      return Xapian::Query(Xapian::Query::OP_ELITE_SET, parts.begin(), parts.end(), kEliteTerms);
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }
};

}  // namespace firstline
