// A simulated customer in the help widget: asks the real core (the native
// engine over a public index) and writes down the widget's events exactly as
// web/widget/conversation.js and outbox.js make them (ask, choose, opened,
// feedback; the query masked as the core masks it, the decision as
// decisionSummary() sums it up). Used by the desk's suggestion tests and by
// the replay benchmark (firstline-replay), which post the events to a desk.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "firstline/engine.h"

namespace firstline::replay {

/// What an event says of a decision: kind, best intents (up to 3) and escalation reason (outbox.js decisionSummary).
nlohmann::json decision_summary(const Decision& decision);

class Customer {
 public:
  /// `session`: the widget's session id; `locale`: the widget's locale (zh-Hans, zh-Hant, en).
  Customer(const Engine& engine, std::string session, std::string locale);

  /// Asks `query` (the ask event carries it masked); the decision.
  const Decision& ask(const std::string& query);
  /// Picks `intent` from the last clarification (the choose event's query is the option's label).
  const Decision& choose(const std::string& intent);
  /// Opens the first article of the last decision (the opened event); its id, "" when there is none.
  std::string open_first();
  /// Answers "Did this help?" for the article last opened.
  void feedback(bool helped);

  const Decision& last() const { return last_; }
  const std::string& session_id() const { return session_id_; }
  /// Every event so far, as one batch for POST /api/events.
  const nlohmann::json& events() const { return events_; }

 private:
  void tell(const std::string& type, nlohmann::json fields);
  const Engine& engine_;
  Session session_;
  std::string session_id_, locale_, opened_;
  Decision last_;
  nlohmann::json events_ = nlohmann::json::array();
  int clock_ = 0;
};

}  // namespace firstline::replay
