// A conversation's history: recording each turn, and telling whether a new
// query is the same problem asked again (not part of the public API).
#pragma once

#include <string>

#include "firstline/engine.h"
#include "query_terms.h"

namespace firstline {

struct Knowledge;

/// Appends the decision to the session's history.
void record_turn(Session& session, const Decision& decision, std::string query, std::string chosen_intent);

/// How many times the session has asked about the problem of a new query,
/// the query included: 1, plus each of the last limits::kTurnsRemembered
/// turns about the same intent (`confident_intent`, the best intent if the
/// engine is confident of it, else "") or in much the same words
/// (rephrase_similarity).
int attempts_of_query(const Knowledge& knowledge, const Session& session, const AnalysedQuery& terms,
                      const std::string& confident_intent);

/// How many times the customer has chosen `intent` in this session, this choice included.
int attempts_of_choice(const Session& session, const std::string& intent);

}  // namespace firstline
