// A handed-off case in the words an agent reads at a glance (see case_glance.h).
#include "firstline/console/case_glance.h"

#include "firstline/console/format.h"

namespace firstline::console {

namespace {

constexpr std::size_t kDetectedShown = 3;
/// Characters shown of a name (an intent, an article, a page): a name is short.
constexpr std::size_t kShortText = 200;

std::string or_unknown(const std::string& text) { return text.empty() ? std::string("?") : text; }

}  // namespace

CaseGlance glance_at(const HandoffCase& c, const Catalogue& catalogue) {
  CaseGlance glance;
  glance.headline = c.intents.empty() ? "Unrecognised problem" : shown_at_most(c.intents.front().label, kShortText);
  glance.summary = shown_at_most(c.summary);
  glance.channel_why = shown_at_most(c.channel_why);
  for (std::size_t i = 0; i < c.intents.size() && i < kDetectedShown; ++i) {
    glance.detected.push_back(c.intents[i]);
    glance.detected.back().id = shown_at_most(c.intents[i].id, kShortText);
    glance.detected.back().label = shown_at_most(c.intents[i].label, kShortText);
  }

  const auto about = case_intents(c);
  if (!about.empty() && (c.intents.empty() || about.front() != c.intents.front().id))
    glance.asked_about = shown_at_most(catalogue.intent_labels(about, c.locale));
  glance.channel_order = shown_at_most(join(c.channel_order, " → "));

  for (const auto& s : c.urgent_signals) glance.signals += "urgent: " + s + "  ";
  for (const auto& s : c.emotion_signals) glance.signals += "emotion: " + s + "  ";
  for (const auto& s : c.human_request) glance.signals += "asked for a person: " + s + "  ";
  if (glance.signals.empty()) glance.signals = "none detected";
  glance.signals = shown_at_most(glance.signals);
  glance.context = "page " + shown_at_most(or_unknown(c.page), kShortText) + " · order " +
                   shown_at_most(or_unknown(c.order_state), kShortText) + " · " + std::to_string(c.previous_contacts) +
                   " earlier contact(s) · " + shown_at_most(c.locale, kShortText) + " · personal data " +
                   shown_at_most(c.personal_data, kShortText);

  if (c.request) {
    const auto& r = *c.request;
    std::vector<std::string> parts;
    parts.push_back(r.channel.empty() ? std::string("channel ?") : r.channel + (r.kind.empty() || r.kind == r.channel ? "" : " (" + r.kind + ")"));
    if (!r.callback_phone.empty()) parts.push_back("call " + r.callback_phone);
    if (!r.callback_time.empty()) parts.push_back(r.callback_time);
    if (!r.reference.empty()) parts.push_back("case " + r.reference + (r.status.empty() ? "" : " (" + r.status + ")"));
    glance.reach = join(parts, " · ");
  }

  for (const auto& turn : c.conversation) {
    if (glance.turns.size() == kShownRows) {
      ++glance.turns_not_shown;
      continue;
    }
    CaseGlance::Turn line;
    line.question = turn.chosen_intent.empty() ? turn.query : "chose: " + catalogue.intent_label(turn.chosen_intent, c.locale);
    line.question_cut = is_cut_for_display(line.question);
    line.question = shown_at_most(line.question);
    line.answer = turn.decision;
    if (!turn.intent.empty()) line.answer += " · " + catalogue.intent_label(turn.intent, c.locale);
    if (!turn.escalation_reason.empty()) line.answer += " · " + turn.escalation_reason;
    line.answer = shown_at_most(line.answer);
    glance.turns.push_back(std::move(line));
  }
  for (const auto& a : c.attempts)
    if (glance.tried.size() == kShownRows) ++glance.tried_not_shown;
    else glance.tried.push_back({shown_at_most(a.article, kShortText), shown_at_most(catalogue.article_title(a.article), kShortText),
                            a.opened ? "opened" : a.offered ? "offered" : "rated", a.helped});
  return glance;
}

}  // namespace firstline::console
