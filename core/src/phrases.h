// The few sentences the engine itself writes, in every locale (not part of
// the public API): the questions a clarification is asked under, and the
// agent's note of why a person was suggested. Everything else the customer
// reads comes from the KB or the widget (web/widget/strings.js).
#pragma once

#include <string>
#include <string_view>

#include "firstline/engine.h"

namespace firstline {

/// The question a clarification or the first-screen topics are offered under.
enum class Phrase {
  clarify,   ///< close or vague intents: "Which of these do you mean?"
  topics,    ///< nothing to search: "What do you need help with?"
  greeting,  ///< the message was only a greeting
  thanks,    ///< the message was only thanks
};

std::string phrase(Phrase which, std::string_view locale);

/// Why the engine hands the customer to a person, in one short sentence for
/// the agent (the start of Escalation::explanation, the handoff's
/// recommended_channel.why). Never shown to the customer: the widget says why
/// in the customer's terms (web/widget/strings.js, `reasons`).
std::string reason_explanation(EscalationReason reason, std::string_view locale);

}  // namespace firstline
