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

/// Turns, and articles tried, that a glance lists (the widget sends at most
/// 20 turns; a pasted payload may hold any number).
inline constexpr std::size_t kShownRows = 200;

struct CaseGlance {
  struct Turn {
    std::string question;  ///< what the customer typed, or "chose: <label>" for a clarifying choice
    std::string answer;    ///< the widget's decision · the intent's label · the escalation reason
    /// Whether `question` is cut for display (shown_at_most): the whole is
    /// the payload's HandoffCase::conversation[i].query, for copying.
    bool question_cut = false;
  };
  struct Tried {
    std::string article, title;
    std::string seen;            ///< "opened", "offered" or "rated"
    std::optional<bool> helped;  ///< the customer's verdict, if they gave one
  };

  // Every text from the payload is bounded for display (format.h's
  // shown_at_most): a frame lays out only so much, whatever was pasted.
  std::string headline;  ///< the payload's best intent label, or "Unrecognised problem"
  std::string summary;   ///< the payload's summary
  std::string channel_why;  ///< why the channel was recommended, as the payload says
  std::vector<HandoffCase::Intent> detected;  ///< the payload's three likeliest intents (id and label bounded)
  /// The labels of what the case is about (case_intents), comma-separated,
  /// when that says more than the best intent; "" otherwise.
  std::string asked_about;
  std::string channel_order;  ///< the channels to try, "chat → phone"; "" when the payload gives none
  std::string signals;        ///< urgency, emotion and requests for a person, or "none detected"
  std::string context;        ///< page · order state · earlier contacts · locale · personal data
  /// How the customer asked to be reached, when the payload came wrapped (the
  /// widget's POST, the desk's case): "callback · call 138 1234 5678 · 下午 ·
  /// case FL-7K3M9Q (waiting)"; "" for a bare payload.
  std::string reach;
  std::vector<Turn> turns;    ///< the first kShownRows turns
  std::vector<Tried> tried;  ///< HandoffCase::attempts, titled: the first kShownRows
  std::size_t turns_not_shown = 0, tried_not_shown = 0;  ///< past kShownRows
};

/// The case as an agent reads it; labels in the case's locale.
CaseGlance glance_at(const HandoffCase& handoff, const Catalogue& catalogue);

}  // namespace firstline::console
