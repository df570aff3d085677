#include "channel_routing.h"

#include <algorithm>

#include "firstline/locale.h"
#include "localized_json.h"
#include "phrases.h"

namespace firstline {

using nlohmann::json;

ChannelRouting::ChannelRouting(const json& escalation) {
  if (!escalation.is_object()) return;
  channels_ = escalation.value("channels", json::array());
  routes_ = escalation.value("routes", json::object());
  fallback_order_ = escalation.value("fallback_order", json::array());
}

std::vector<std::string> ChannelRouting::order(EscalationReason reason) const {
  std::vector<std::string> ids;
  const auto route = routes_.find(escalation_reason_name(reason));
  const json& order = route != routes_.end() && route->is_array() ? *route : fallback_order_;
  for (const auto& channel : order)
    if (channel.is_string()) ids.push_back(channel);
  for (const auto& channel : channels_) {  // every channel is offered; the route's come first
    const std::string id = channel.value("id", "");
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

Escalation ChannelRouting::escalation(EscalationReason reason, const std::string& locale, int level) const {
  Escalation e;
  e.reason = reason;
  e.problem_level = level;
  e.channels = order(reason);
  if (!e.channels.empty()) e.channel = e.channels.front();
  // For the agent (the handoff's recommended_channel.why): the reason, then
  // the channel's `agent` text. The customer's words are the widget's
  // (web/widget/strings.js's reasons, the channel's `customer` text).
  std::string agent;
  for (const auto& channel : channels_)
    if (channel.value("id", "") == e.channel) agent = localized(localized_text(channel.value("agent", json::object())), locale);
  e.explanation = reason_explanation(reason, locale);
  if (!agent.empty()) e.explanation += (language_of(locale) == "zh" ? "；" : "; ") + agent;
  return e;
}

}  // namespace firstline
