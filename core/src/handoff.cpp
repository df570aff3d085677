// The handoff payload: what a human agent needs to grasp the case in three
// seconds, as versioned JSON (schema: core/schema/handoff.schema.json).
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "firstline/engine.h"
#include "firstline/limits.h"
#include "firstline/locale.h"
#include "firstline/personal_data.h"
#include "knowledge.h"
#include "locale_detection.h"

namespace firstline {

using nlohmann::json;

namespace {

constexpr int kHandoffVersion = 1;

std::string percent(double confidence) { return std::to_string(static_cast<int>(std::lround(confidence * 100))) + "%"; }

}  // namespace

std::string Engine::handoff(const Session& session, const HandoffOptions& options) const {
  const Knowledge& in = *internal_;
  const auto text = [&](const std::string& raw) { return options.include_personal_data ? raw : mask_personal_data(raw); };

  // The locale of the conversation: its last query's.
  std::string locale = session.context.locale;
  for (auto it = session.turns.rbegin(); it != session.turns.rend(); ++it)
    if (!it->query.empty()) {
      locale = detect_locale(in.index->folder, it->query, session.context.locale);
      break;
    }
  if (locale.empty()) locale = kDefaultLocale;
  const bool zh = language_of(locale) == "zh";

  // Signals over everything the customer wrote.
  Signals signals;
  for (const auto& turn : session.turns) {
    if (turn.chosen_intent.size()) continue;  // a choice repeats the query it answered
    const Signals s = in.signals.detect(in.index->folder.fold(turn.query));
    signals.human_request.insert(signals.human_request.end(), s.human_request.begin(), s.human_request.end());
    signals.urgent.insert(signals.urgent.end(), s.urgent.begin(), s.urgent.end());
    signals.emotion.insert(signals.emotion.end(), s.emotion.begin(), s.emotion.end());
  }

  // Best intents: a clarification the customer answered beats any guess; then the
  // latest turn the engine was confident about (a closing "太气人了，转人工" says
  // nothing about the problem); then the latest turn's guesses.
  std::vector<IntentScore> intents;
  for (auto it = session.turns.rbegin(); it != session.turns.rend() && intents.empty(); ++it)
    if (!it->chosen_intent.empty()) intents = it->intents;
  for (auto it = session.turns.rbegin(); it != session.turns.rend() && intents.empty(); ++it)
    if (!it->intents.empty() && it->intents.front().confidence >= in.thresholds.answer_min_confidence)
      intents = it->intents;
  for (auto it = session.turns.rbegin(); it != session.turns.rend() && intents.empty(); ++it) intents = it->intents;
  json intents_json = json::array();
  for (const auto& candidate : intents) {
    const auto info = in.intent(candidate.id);
    intents_json.push_back({{"id", candidate.id},
                            {"label", info ? localized(info->label, locale) : candidate.id},
                            {"confidence", std::round(candidate.confidence * 1000) / 1000},
                            {"confident", candidate.confidence >= in.thresholds.answer_min_confidence}});
  }

  // The escalation: the latest one the engine decided, or the customer's own request.
  int level = 1;
  std::string reason_name = "explicit_request";
  for (const auto& turn : session.turns) level = std::max(level, turn.problem_level);
  for (auto it = session.turns.rbegin(); it != session.turns.rend(); ++it)
    if (!it->escalation_reason.empty()) {
      reason_name = it->escalation_reason;
      break;
    }
  EscalationReason reason = EscalationReason::explicit_request;
  for (const auto r : kEscalationReasons)
    if (reason_name == escalation_reason_name(r)) reason = r;
  const Escalation escalation = in.channels.escalation(reason, locale, level);

  int not_helpful = 0, helped = 0;
  json feedback = json::array();
  for (const auto& f : session.feedback) {
    (f.helped ? helped : not_helpful)++;
    feedback.push_back({{"article", f.article}, {"helped", f.helped}});
  }
  json conversation = json::array();
  for (const auto& turn : session.turns) {
    json entry = {{"query", text(turn.query)}, {"decision", decision_kind_name(turn.kind)}};
    if (!turn.intents.empty()) entry["intent"] = turn.intents.front().id;
    if (!turn.chosen_intent.empty()) entry["chosen_intent"] = turn.chosen_intent;
    if (!turn.articles.empty()) entry["articles"] = turn.articles;
    if (!turn.escalation_reason.empty()) entry["escalation_reason"] = turn.escalation_reason;
    conversation.push_back(std::move(entry));
  }

  // One line an agent reads first.
  std::string summary = "[L" + std::to_string(level);
  // Urgent when a decision of the conversation was: the engine's rules (a
  // request for a person comes first, a weak urgent guess is asked about)
  // decide urgency once, in decision_policy.cpp, not again here.
  const bool urgent = std::any_of(session.turns.begin(), session.turns.end(), [](const Session::Turn& t) { return t.urgent; });
  if (urgent) summary += zh ? " · 紧急" : " · URGENT";
  if (!signals.emotion.empty()) summary += zh ? " · 情绪激动" : " · upset";
  summary += "] ";
  summary += intents_json.empty() ? (zh ? "未识别的问题" : "Unrecognised problem")
                                   : intents_json[0]["label"].get<std::string>() + " (" + percent(intents[0].confidence) + ")";
  std::size_t queries = 0;
  for (const auto& turn : session.turns) queries += turn.chosen_intent.empty() ? 1 : 0;
  summary += zh ? "；提问 " + std::to_string(queries) + " 次，看过 " + std::to_string(session.opened.size()) +
                      " 篇文章，" + std::to_string(not_helpful) + " 篇无帮助"
                : "; asked " + std::to_string(queries) + "x, read " + std::to_string(session.opened.size()) +
                      " article(s), " + std::to_string(not_helpful) + " not helpful";
  summary += (zh ? "；建议：" : "; route: ") + escalation.channel;

  json payload = {
      {"schema", "firstline.handoff"},
      {"version", kHandoffVersion},
      {"summary", summary},
      {"locale", locale},
      {"problem_level", level},
      {"urgent", urgent},
      {"emotional", !signals.emotion.empty()},
      {"signals", {{"urgent", signals.urgent}, {"emotion", signals.emotion}, {"human_request", signals.human_request}}},
      {"intents", intents_json},
      {"recommended_channel",
       {{"id", escalation.channel}, {"reason", reason_name}, {"why", escalation.explanation},
        {"order", escalation.channels}}},
      {"context",
       {{"page", session.context.page},
        {"order_state", session.context.order_state},
        {"previous_contacts", std::clamp(session.context.previous_contacts, 0, limits::kMaxPreviousContacts)}}},
      {"conversation", conversation},
      {"articles_viewed", session.opened},
      {"feedback", feedback},
      {"personal_data", options.include_personal_data ? "included" : "masked"},
  };
  return payload.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace firstline
