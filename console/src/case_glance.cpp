// A handed-off case in the words an agent reads at a glance (see case_glance.h).
#include "firstline/console/case_glance.h"

#include "firstline/console/format.h"

namespace firstline::console {

namespace {

constexpr std::size_t kDetectedShown = 3;

std::string or_unknown(const std::string& text) { return text.empty() ? std::string("?") : text; }

}  // namespace

CaseGlance glance_at(const HandoffCase& c, const Catalogue& catalogue) {
  CaseGlance glance;
  glance.headline = c.intents.empty() ? "Unrecognised problem" : c.intents.front().label;
  for (std::size_t i = 0; i < c.intents.size() && i < kDetectedShown; ++i) glance.detected.push_back(c.intents[i]);

  const auto about = case_intents(c);
  if (!about.empty() && (c.intents.empty() || about.front() != c.intents.front().id))
    glance.asked_about = catalogue.intent_labels(about, c.locale);
  glance.channel_order = join(c.channel_order, " → ");

  for (const auto& s : c.urgent_signals) glance.signals += "urgent: " + s + "  ";
  for (const auto& s : c.emotion_signals) glance.signals += "emotion: " + s + "  ";
  for (const auto& s : c.human_request) glance.signals += "asked for a person: " + s + "  ";
  if (glance.signals.empty()) glance.signals = "none detected";
  glance.context = "page " + or_unknown(c.page) + " · order " + or_unknown(c.order_state) + " · " +
                   std::to_string(c.previous_contacts) + " earlier contact(s) · " + c.locale + " · personal data " +
                   c.personal_data;

  for (const auto& turn : c.conversation) {
    CaseGlance::Turn line;
    line.question = turn.chosen_intent.empty() ? turn.query : "chose: " + catalogue.intent_label(turn.chosen_intent, c.locale);
    line.answer = turn.decision;
    if (!turn.intent.empty()) line.answer += " · " + catalogue.intent_label(turn.intent, c.locale);
    if (!turn.escalation_reason.empty()) line.answer += " · " + turn.escalation_reason;
    glance.turns.push_back(std::move(line));
  }
  for (const auto& a : c.attempts)
    glance.tried.push_back({a.article, catalogue.article_title(a.article), a.opened ? "opened" : a.offered ? "offered" : "rated",
                            a.helped});
  return glance;
}

}  // namespace firstline::console
