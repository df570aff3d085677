// The decision policy: escalation.yaml's thresholds, the problem level, the
// options of a clarifying question, and the one table of rules by which both
// ask() and choose() decide to answer, ask or hand over (not part of the
// public API; kb-content/README.md documents every threshold).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "firstline/engine.h"

namespace firstline {

struct Knowledge;

/// The thresholds of escalation.yaml (schema.h names each), with the product defaults.
struct Thresholds {
  double answer_min_confidence = 0.35;  ///< below: out of scope
  double clarify_margin = 0.12;         ///< intents this close to the best are offered as options
  std::size_t clarify_max_options = 4;  ///< kept within limits::kMinClarifyOptions..kMaxClarifyOptions
  /// An intent marked urgent sends the customer straight to the phone when
  /// the engine is at least this confident, or when the words are urgent;
  /// below, it is the first option of a clarifying question, so a calm
  /// question that shares a word with it ("充电宝能寄吗" and a swollen power
  /// bank) does not reach the emergency line. 0: always straight to the phone.
  double urgent_min_confidence = 0;
  double rephrase_similarity = 0.5;  ///< word overlap (Jaccard) that makes a new query the same problem
  int level3_attempts = 2;           ///< the same problem asked this often: level 3
  int level4_attempts = 3;           ///< ... this often: level 4
  int not_helpful_limit = 2;         ///< articles marked not helpful that make level 4
  int level4_previous_contacts = 2;  ///< the host's earlier contacts about the problem that alone make level 4

  /// The thresholds of escalation.yaml's `thresholds` section (as JSON); a
  /// key it lacks keeps its default.
  static Thresholds read(const nlohmann::json& thresholds);
};

/// The problem level (1-4, ../shared/PRODUCT.md) of a session whose current
/// problem has been asked `attempts` times, counting its feedback and the
/// host's earlier contacts: 1 once; 2 after an earlier contact; 3 asked
/// again and again, or not helped after an earlier contact; 4 asked more
/// still, not helped twice, or contacted several times before.
int problem_level(const Thresholds& thresholds, const Session& session, int attempts);

/// The options of a clarifying question about `ranking` (the intent
/// candidates, most likely first), or fewer than two if the engine should not
/// ask: the intents within the margin of the best or, for a vague query
/// ("快递", "card"), the intents whose examples hold all of it (the best
/// intent's group first). `verbatim`: the intents whose example the query is
/// word for word; in a KB without a classifier they are the only choices.
std::vector<ClarifyOption> clarify_options(const Knowledge& knowledge, const std::vector<IntentScore>& ranking,
                                           const std::vector<std::string>& verbatim, const std::string& locale);

/// Whether the best intent is urgent but the engine is not sure of it
/// (confident, below urgent_min_confidence) and the words are calm: then it
/// asks, with urgent_first_options(), rather than send a question that merely
/// shares the urgent intent's topic to the emergency line.
bool is_weak_urgent_guess(const Knowledge& knowledge, const std::vector<IntentScore>& ranking, bool urgent_words);

/// The options when an urgent intent is the best guess on weak evidence in
/// calm words: the best few, the urgent one first (choosing it escalates).
std::vector<ClarifyOption> urgent_first_options(const Knowledge& knowledge, const std::vector<IntentScore>& ranking,
                                                const std::string& locale);

/// What a decision rests on.
struct Facts {
  bool asks_for_person = false;    ///< human_request words, or a request for a person as the whole message
  bool urgent_words = false;       ///< urgent words, not negated
  int problem_level = 1;
  bool emotional = false;          ///< strong negative emotion
  bool nothing_to_search = false;  ///< empty, only punctuation, or only a greeting or thanks
  bool confident = false;          ///< the best intent reaches answer_min_confidence
  std::size_t clarify_options = 0; ///< how many options a clarifying question would have
  bool best_is_urgent = false;     ///< the best intent is marked urgent
  bool best_is_human_only = false; ///< the best intent is marked human_only
  bool best_is_not_covered = false; ///< the best intent is marked not_covered
};

/// The decision the rules reach.
struct Ruling {
  enum class Outcome { escalate, offer_topics, clarify, answer };
  Outcome outcome = Outcome::answer;
  EscalationReason reason = EscalationReason::out_of_scope;  ///< for escalate
};

/// The first rule of the table (decision_policy.cpp) that applies to `facts`.
Ruling rule_on(const Facts& facts);

}  // namespace firstline
