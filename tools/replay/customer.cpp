#include "customer.h"

#include <cstdio>

#include "firstline/personal_data.h"

namespace firstline::replay {

using nlohmann::json;

json decision_summary(const Decision& decision) {
  json intents = json::array();
  for (std::size_t i = 0; i < decision.intents.size() && i < 3; ++i)
    intents.push_back({{"id", decision.intents[i].id}, {"confidence", decision.intents[i].confidence}});
  json summary = {{"kind", decision_kind_name(decision.kind)}, {"intents", intents}};
  if (decision.kind == Decision::Kind::escalate) summary["reason"] = escalation_reason_name(decision.escalation.reason);
  return summary;
}

Customer::Customer(const Engine& engine, std::string session, std::string locale)
    : engine_(engine), session_id_(std::move(session)), locale_(std::move(locale)) {}

void Customer::tell(const std::string& type, json fields) {
  // A made-up but increasing time: the desk orders a session's events as received.
  char at[32];
  std::snprintf(at, sizeof at, "2026-11-24T02:%02d:%02d.000Z", (clock_ / 60) % 60, clock_ % 60);
  ++clock_;
  json event = {{"type", type}, {"at", at}, {"locale", locale_}, {"session", session_id_}};
  for (auto& [key, value] : fields.items()) event[key] = value;
  events_.push_back(std::move(event));
}

const Decision& Customer::ask(const std::string& query) {
  last_ = engine_.ask(session_, query);
  tell("ask", {{"query", mask_personal_data(query)}, {"decision", decision_summary(last_)}});
  return last_;
}

const Decision& Customer::choose(const std::string& intent) {
  std::string label = intent;
  for (const auto& option : last_.options)
    if (option.intent == intent) label = option.label;
  last_ = engine_.choose(session_, intent);
  tell("choose", {{"query", label}, {"decision", decision_summary(last_)}});
  return last_;
}

std::string Customer::open_first() {
  if (last_.articles.empty()) return "";
  opened_ = last_.articles[0].id;
  engine_.opened(session_, opened_);
  tell("opened", {{"article", opened_}});
  return opened_;
}

void Customer::feedback(bool helped) {
  engine_.feedback(session_, opened_, helped);
  tell("feedback", {{"article", opened_}, {"helped", helped}});
}

}  // namespace firstline::replay
