// Reading what the widget POSTs to handoffUrl and to events (web/firstline.d.ts:
// FirstlineEscalation, FirstlineEvent), checking it, and masking personal
// data in it again. Nothing here touches the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "firstline/desk/config.h"

namespace firstline::desk::detail {

/// Why a request was refused: a stable code and a sentence for the caller.
struct Refusal {
  int status = 400;
  std::string code;  ///< bad_json, bad_request, wrong_version, unknown_channel, missing_contact, too_large
  std::string message;
};

struct HandoffRequest {
  const ContactChannel* channel = nullptr;
  nlohmann::json handoff;  ///< masked; null when the widget's index did not load
  nlohmann::json contact = nlohmann::json::object();  ///< {"phone","time"} for a callback (the number as typed)
  std::string locale = "zh-Hans";
  std::string summary;
  int problem_level = 1;
  bool urgent = false, emotional = false;
};

/// Parses and checks the body of POST /api/handoffs: {channel, kind, handoff,
/// callback?} exactly; the handoff valid against core/schema/handoff.schema.json.
/// Every text in the handoff is masked again (firstline::mask_personal_data);
/// the callback number is kept as typed (it is how the agent reaches the customer).
std::optional<Refusal> read_handoff_request(const std::string& body, const DeskConfig& config, HandoffRequest& out);

/// One event of a batch, checked and masked.
struct WidgetEvent {
  std::string type, session;
  nlohmann::json body;
};

/// Parses the body of POST /api/events: one event object or an array of them
/// (at most config.max_events_per_batch), each with a known "type".
std::optional<Refusal> read_event_batch(const std::string& body, const DeskConfig& config, std::vector<WidgetEvent>& out);

/// Every string in `value` (object keys too) masked.
nlohmann::json mask_all(const nlohmann::json& value);

/// Whether `text` is valid UTF-8 without control characters other than newline and tab.
bool plain_text(const std::string& text);

}  // namespace firstline::desk::detail
