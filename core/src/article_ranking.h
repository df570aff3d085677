// Article ranking: the articles a decision offers, in the customer's
// language, one per translation family (not part of the public API).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "firstline/index.h"
#include "query_terms.h"

namespace firstline {

struct Knowledge;

/// Up to `limit` articles for `intent` (all of its articles, ranked by the
/// query; an intent's only article without a search, score 0), or for the
/// query alone if `intent` is empty. The customer's `locale` first, then its
/// language's other script; other languages only if there is nothing in
/// theirs. Each with a snippet of its text for what was typed.
std::vector<ArticleHit> rank_articles(const Knowledge& knowledge, const AnalysedQuery& terms, const std::string& intent,
                                      const std::string& locale, std::size_t limit);

}  // namespace firstline
