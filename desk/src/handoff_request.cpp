#include "handoff_request.h"

#include <set>

#include "firstline/personal_data.h"
#include "json_schema.h"

namespace firstline::desk::detail {

namespace {

using nlohmann::json;

Refusal bad(const std::string& code, const std::string& message) { return Refusal{400, code, message}; }

std::optional<json> parse(const std::string& body, std::optional<Refusal>& refusal) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    refusal = bad("bad_json", "the body is not valid JSON");
    return std::nullopt;
  }
  return j;
}

}  // namespace

json mask_all(const json& value) {
  if (value.is_string()) return mask_personal_data(value.get_ref<const std::string&>());
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(mask_all(item));
    return out;
  }
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) out[mask_personal_data(key)] = mask_all(item);
    return out;
  }
  return value;
}

bool plain_text(const std::string& text) {
  // nlohmann's parser already refuses invalid UTF-8; here: no control characters but \n and \t.
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) return false;
  return true;
}

std::optional<Refusal> read_handoff_request(const std::string& body, const DeskConfig& config, HandoffRequest& out) {
  std::optional<Refusal> refusal;
  const auto parsed = parse(body, refusal);
  if (!parsed) return refusal;
  const json& j = *parsed;
  if (!j.is_object()) return bad("bad_request", "expected a JSON object {channel, kind, handoff}");
  static const std::set<std::string> fields = {"channel", "kind", "handoff", "callback"};
  for (const auto& [key, _] : j.items())
    if (!fields.count(key)) return bad("bad_request", "unexpected field \"" + key + "\" (expected channel, kind, handoff, callback)");
  if (!j.contains("channel") || !j["channel"].is_string()) return bad("bad_request", "\"channel\" is missing or not a string");
  if (!j.contains("kind") || !j["kind"].is_string()) return bad("bad_request", "\"kind\" is missing or not a string");
  const std::string channel = j["channel"], kind = j["kind"];
  for (const auto& c : config.channels)
    if (c.id == channel) out.channel = &c;
  if (!out.channel) return bad("unknown_channel", "no channel \"" + channel.substr(0, 64) + "\" at this desk");
  if (out.channel->kind != kind)
    return bad("unknown_channel", "channel \"" + channel + "\" is of kind " + out.channel->kind + ", not " + kind.substr(0, 32));

  if (!j.contains("handoff")) return bad("bad_request", "\"handoff\" is missing (null when the widget had no index)");
  const json& handoff = j["handoff"];
  if (!handoff.is_null()) {
    if (!handoff.is_object()) return bad("bad_request", "\"handoff\" is not an object");
    if (handoff.value("schema", json()) != "firstline.handoff")
      return bad("bad_request", "\"handoff\" is not a firstline handoff (its \"schema\" is not \"firstline.handoff\")");
    const json version = handoff.value("version", json());
    if (version != handoff_schema()["properties"]["version"]["const"])
      return bad("wrong_version", "handoff version " + version.dump() + ": this desk reads version " +
                                      handoff_schema()["properties"]["version"]["const"].dump());
    const auto problems = validate_json(handoff_schema(), handoff, "handoff");
    if (!problems.empty()) {
      std::string message = "the handoff does not match core/schema/handoff.schema.json: " + problems[0];
      if (problems.size() > 1) message += " (and " + std::to_string(problems.size() - 1) + " more)";
      return bad("bad_request", message);
    }
    out.handoff = mask_all(handoff);
    out.locale = handoff["locale"];
    out.summary = out.handoff["summary"];
    out.problem_level = handoff["problem_level"];
    out.urgent = handoff["urgent"];
    out.emotional = handoff["emotional"];
  }

  if (j.contains("callback") && kind != "callback") return bad("bad_request", "\"callback\" is only for a callback channel");
  if (kind == "callback") {
    const json cb = j.value("callback", json());
    if (!cb.is_object() || !cb.contains("phone") || !cb["phone"].is_string())
      return bad("missing_contact", "a callback needs the number to call: {\"callback\": {\"phone\": \"...\"}}");
    const std::string phone = cb["phone"];
    std::size_t digits = 0;
    for (char c : phone) digits += c >= '0' && c <= '9';
    if (digits < 5 || phone.size() > 40 || !plain_text(phone))
      return bad("missing_contact", "\"callback.phone\" is not a phone number (5 to 40 characters, at least 5 digits)");
    const json time = cb.value("time", json(""));
    if (!time.is_string() || time.get<std::string>().size() > 200)
      return bad("bad_request", "\"callback.time\" is not a short text");
    out.contact = {{"phone", phone}, {"time", mask_personal_data(time.get<std::string>())}};
  }
  return std::nullopt;
}

std::optional<Refusal> read_event_batch(const std::string& body, const DeskConfig& config, std::vector<WidgetEvent>& out) {
  static const std::set<std::string> types = {"ready", "error", "hints", "ask", "choose", "opened", "feedback", "escalate", "handoff"};
  std::optional<Refusal> refusal;
  const auto parsed = parse(body, refusal);
  if (!parsed) return refusal;
  const json batch = parsed->is_array() ? *parsed : json::array({*parsed});
  if (batch.empty()) return bad("bad_request", "an empty batch");
  if (batch.size() > config.max_events_per_batch)
    return Refusal{413, "too_large", "a batch of " + std::to_string(batch.size()) + " events; at most " +
                                         std::to_string(config.max_events_per_batch)};
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const json& e = batch[i];
    const std::string at = parsed->is_array() ? "event " + std::to_string(i) + ": " : "";
    if (!e.is_object()) return bad("bad_request", at + "an event is a JSON object");
    if (!e.contains("type") || !e["type"].is_string() || !types.count(e["type"].get<std::string>()))
      return bad("bad_request", at + "\"type\" is missing or not one of ready, error, hints, ask, choose, opened, feedback, escalate, handoff");
    const json session = e.value("session", json(""));
    if (!session.is_string() || session.get<std::string>().size() > 64)
      return bad("bad_request", at + "\"session\" is not a short string");
    out.push_back({e["type"], session, mask_all(e)});
  }
  return std::nullopt;
}

}  // namespace firstline::desk::detail
