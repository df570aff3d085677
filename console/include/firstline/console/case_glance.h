// firstline/console/case_glance.h — a handed-off case in the words an agent
// reads at a glance: its headline, what the customer asked about, the
// signals, the context, each turn as question and answer, and what they
// already tried, with intents and articles named through the catalogue.
//
//   const auto parsed = parse_handoff(pasted_text);
//   if (parsed.ok()) {
//     const CaseGlance glance = glance_at(parsed.value, catalogue);
//     show(glance.headline);                                  // "配送延迟"
//     for (const auto& turn : glance.turns) show(turn.question, turn.answer);
//   }
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "firstline/console/catalogue.h"
#include "firstline/console/handoff.h"

namespace firstline::console {

struct CaseGlance {
  struct Turn {
    std::string question;  ///< what the customer typed, or "chose: <label>" for a clarifying choice
    std::string answer;    ///< the widget's decision · the intent's label · the escalation reason
  };
  struct Tried {
    std::string article, title;
    std::string seen;            ///< "opened", "offered" or "rated"
    std::optional<bool> helped;  ///< the customer's verdict, if they gave one
  };

  std::string headline;  ///< the payload's best intent label, or "Unrecognised problem"
  std::vector<HandoffCase::Intent> detected;  ///< the payload's three likeliest intents
  /// The labels of what the case is about (case_intents), comma-separated,
  /// when that says more than the best intent; "" otherwise.
  std::string asked_about;
  std::string channel_order;  ///< the channels to try, "chat → phone"; "" when the payload gives none
  std::string signals;        ///< urgency, emotion and requests for a person, or "none detected"
  std::string context;        ///< page · order state · earlier contacts · locale · personal data
  std::vector<Turn> turns;
  std::vector<Tried> tried;  ///< HandoffCase::attempts, titled
};

/// The case as an agent reads it; labels in the case's locale.
CaseGlance glance_at(const HandoffCase& handoff, const Catalogue& catalogue);

}  // namespace firstline::console
