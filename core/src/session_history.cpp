#include "session_history.h"

#include <set>

#include "firstline/limits.h"
#include "knowledge.h"

namespace firstline {

namespace {

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t common = 0;
  for (const auto& x : a) common += b.count(x);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

void record_turn(Session& session, const Decision& d, std::string query, std::string chosen_intent) {
  Session::Turn turn;
  turn.query = std::move(query);
  turn.chosen_intent = std::move(chosen_intent);
  turn.kind = d.kind;
  turn.problem_level = d.problem_level;
  turn.urgent = d.urgent;
  if (d.kind == Decision::Kind::escalate) {
    turn.escalation_reason = escalation_reason_name(d.escalation.reason);
    turn.channel = d.escalation.channel;
  }
  turn.intents = d.intents;
  for (const auto& article : d.articles) turn.articles.push_back(article.id);
  session.turns.push_back(std::move(turn));
}

int attempts_of_query(const Knowledge& knowledge, const Session& session, const AnalysedQuery& terms,
                      const std::string& confident_intent) {
  const Index::Internal& index = *knowledge.index;
  std::set<std::string> typed;
  for (const auto& t : terms)
    if (!t.expansion) typed.insert(t.term);  // as the earlier turns' terms: what was typed
  int attempts = 1;
  const std::size_t first_turn =
      session.turns.size() > limits::kTurnsRemembered ? session.turns.size() - limits::kTurnsRemembered : 0;
  for (std::size_t t = first_turn; t < session.turns.size(); ++t) {
    const auto& turn = session.turns[t];
    const std::string turn_intent =
        !turn.chosen_intent.empty() ? turn.chosen_intent : turn.intents.empty() ? "" : turn.intents[0].id;
    std::set<std::string> turn_terms;
    for (const auto& [term, wqf] : index.query_terms(index.folder.fold(turn.query))) turn_terms.insert(term);
    const bool same_intent = !confident_intent.empty() && turn_intent == confident_intent;
    if (same_intent || jaccard(typed, turn_terms) >= knowledge.thresholds.rephrase_similarity) ++attempts;
  }
  return attempts;
}

int attempts_of_choice(const Session& session, const std::string& intent) {
  int attempts = 1;
  for (const auto& turn : session.turns)
    if (turn.chosen_intent == intent) ++attempts;
  return attempts;
}

}  // namespace firstline
