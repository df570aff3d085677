// escalation.yaml's contact channels and routes: for each escalation reason,
// the channels in the order to offer them, and why the first is recommended
// (not part of the public API).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "firstline/engine.h"

namespace firstline {

class ChannelRouting {
 public:
  ChannelRouting() = default;
  /// Reads `channels`, `routes` and `fallback_order` of escalation.yaml (as JSON).
  explicit ChannelRouting(const nlohmann::json& escalation);

  /// Every channel's id for `reason`: the reason's route (else fallback_order),
  /// then every other channel in escalation.yaml's order.
  std::vector<std::string> order(EscalationReason reason) const;

  /// The escalation for `reason` at problem `level`: the order above, its
  /// first channel recommended, and the explanation for the agent (the
  /// reason, then the recommended channel's `agent` text) in `locale`.
  Escalation escalation(EscalationReason reason, const std::string& locale, int level) const;

 private:
  nlohmann::json channels_ = nlohmann::json::array();
  nlohmann::json routes_ = nlohmann::json::object();
  nlohmann::json fallback_order_ = nlohmann::json::array();
};

}  // namespace firstline
