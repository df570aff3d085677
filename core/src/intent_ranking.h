// Intent ranking: which intents a query is most likely about, and how sure
// the engine is of each (not part of the public API).
//
// The query's terms retrieve the nearest example questions by BM25 (each
// intent scores the decayed sum of its best kPerIntent neighbours); the
// learned classifier, where the index has one, gives every intent a
// probability. The two combine as a product of experts (intent_ranking.cpp,
// Tuning) into one probability per intent, and an intent's confidence is that
// probability relative to the best intent's, scaled by how sure the best one
// is: a query nothing in the KB resembles cannot be answered confidently, and
// two intents of nearly equal confidence are a reason to ask, not guess.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "firstline/engine.h"
#include "query_terms.h"

namespace firstline {

struct Knowledge;

/// Intent candidates ranked, at most.
inline constexpr std::size_t kIntentCandidates = 8;

/// The intent candidates for `folded` query text with `terms`, most probable
/// first (at most kIntentCandidates). `verbatim` (ExampleTable::
/// intents_asked_verbatim) come first, with confidence 1: an editor wrote
/// that very question for them.
std::vector<IntentScore> rank_intents(const Knowledge& knowledge, const std::string& folded, const AnalysedQuery& terms,
                                      const std::vector<std::string>& verbatim);

}  // namespace firstline
