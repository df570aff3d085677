// Reading the widget's handoff payload (core/schema/handoff.schema.json).
#include "firstline/console/handoff.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "firstline/console/format.h"
#include "text_util.h"

namespace firstline::console {

namespace {

using nlohmann::json;

/// More earlier contacts than a case could have: shown as this many.
constexpr int kMaxPreviousContacts = 999;

std::string kind_of(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

/// A whole number of a payload within [low, high]: a value outside is brought
/// to the nearer end. Read as the 64-bit number JSON gave (signed or not),
/// never narrowed first: -2147483649 read as an int is 2147483647.
long long clamped_whole_number(const json& value, long long low, long long high) {
  if (value.is_number_unsigned()) {
    const auto n = value.get<std::uint64_t>();
    return n > static_cast<std::uint64_t>(high) ? high : std::max(low, static_cast<long long>(n));
  }
  return std::clamp(static_cast<long long>(value.get<std::int64_t>()), low, high);
}

/// Reads fields of one object, remembering what was missing or mistyped.
class Fields {
 public:
  Fields(const json& object, std::string where, std::vector<std::string>& warnings)
      : object_(object), where_(std::move(where)), warnings_(warnings) {}

  std::string string(const char* key) {
    const json* v = find(key);
    if (v && v->is_string()) return v->get<std::string>();
    complain(key, v, "a string");
    return {};
  }
  bool boolean(const char* key) {
    const json* v = find(key);
    if (v && v->is_boolean()) return v->get<bool>();
    complain(key, v, "true or false");
    return false;
  }
  /// A whole number within [low, high]; one outside is clamped, with a
  /// warning that shows it as the payload wrote it.
  int integer(const char* key, int fallback, int low, int high) {
    const json* v = find(key);
    if (!v || !v->is_number_integer()) {
      complain(key, v, "a whole number");
      return fallback;
    }
    const int n = static_cast<int>(clamped_whole_number(*v, low, high));
    if (clamped_whole_number(*v, static_cast<long long>(low) - 1, static_cast<long long>(high) + 1) != n)
      warnings_.push_back(where_ + key + " " + v->dump() + " is outside " + std::to_string(low) + "-" +
                          std::to_string(high) + "; shown as " + std::to_string(n));
    return n;
  }
  std::vector<std::string> strings(const char* key) {
    std::vector<std::string> out;
    const json* v = find(key);
    if (!v || !v->is_array()) {
      complain(key, v, "a list of strings");
      return out;
    }
    for (const auto& item : *v)
      if (item.is_string()) out.push_back(item.get<std::string>());
    return out;
  }
  const json* find(const char* key) const {
    if (!object_.is_object()) return nullptr;
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

 private:
  void complain(const char* key, const json* v, const char* expected) {
    warnings_.push_back(where_ + key + (v ? " is " + kind_of(*v) + ", expected " + expected : std::string(" is missing")));
  }

  const json& object_;
  std::string where_;
  std::vector<std::string>& warnings_;
};

void derive_attempts(HandoffCase& c, const json& feedback) {
  std::unordered_map<std::string, std::size_t> attempt_of;  // article -> index in c.attempts
  const auto attempt = [&](const std::string& id) -> HandoffCase::Attempt& {
    const auto [it, added] = attempt_of.emplace(id, c.attempts.size());
    if (added) {
      c.attempts.emplace_back();
      c.attempts.back().article = id;
    }
    return c.attempts[it->second];
  };
  for (const auto& turn : c.conversation)
    for (const auto& id : turn.articles) attempt(id).offered = true;
  for (const auto& id : c.articles_viewed) attempt(id).opened = true;
  if (feedback.is_array())
    for (const auto& f : feedback)
      if (f.is_object() && f.contains("article") && f["article"].is_string() && f.contains("helped") &&
          f["helped"].is_boolean())
        attempt(f["article"].get<std::string>()).helped = f["helped"].get<bool>();
}

}  // namespace

HandoffParse parse_handoff(std::string_view text) {
  HandoffParse result;
  const std::string trimmed = trim(text);
  if (trimmed.empty()) {
    result.error = "Nothing to read: paste or drop the handoff payload (JSON) the widget produced.";
    return result;
  }
  json payload;
  try {
    payload = json::parse(trimmed);
  } catch (const json::parse_error& e) {
    result.error = "Not a handoff payload: this is not valid JSON (error at byte " + std::to_string(e.byte) +
                   "). Paste the whole payload the widget produced, from { to }.";
    return result;
  }
  if (!payload.is_object()) {
    result.error = "Not a handoff payload: expected a JSON object, got " + kind_of(payload) + ".";
    return result;
  }
  // The widget's POST ({channel, kind, handoff, callback?}) or the desk's case wraps the payload.
  std::optional<HandoffCase::Request> request;
  if (!payload.contains("schema")) {
    const json* wrapper = &payload;
    if (payload.contains("case") && payload["case"].is_object()) wrapper = &payload["case"];
    if (wrapper->contains("handoff")) {
      request.emplace();
      const auto text_at = [](const json& j, const char* key) {
        return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
      };
      request->channel = shown_at_most(text_at(*wrapper, "channel"), 200);
      request->kind = shown_at_most(text_at(*wrapper, "kind"), 200);
      request->reference = shown_at_most(text_at(*wrapper, "reference"), 200);
      request->status = shown_at_most(text_at(*wrapper, "status"), 200);
      const json* contact = wrapper->contains("callback") ? &(*wrapper)["callback"]
                            : wrapper->contains("contact") ? &(*wrapper)["contact"] : nullptr;
      if (contact) {
        request->callback_phone = shown_at_most(text_at(*contact, "phone"), 200);
        request->callback_time = shown_at_most(text_at(*contact, "time"), 200);
      }
      if ((*wrapper)["handoff"].is_null()) {
        result.value.request = request;
        result.error = "This " + std::string(request->reference.empty() ? "request" : "case " + request->reference) +
                       " carries no handoff summary (the widget's index had not loaded): the customer chose " +
                       (request->channel.empty() ? std::string("a channel") : request->channel) +
                       (request->callback_phone.empty() ? std::string() : ", call back " + request->callback_phone) +
                       (request->callback_time.empty() ? std::string() : " (" + request->callback_time + ")") + ".";
        return result;
      }
      json inner = (*wrapper)["handoff"];
      payload = std::move(inner);
      if (!payload.is_object()) {
        result.error = "Not a handoff payload: its \"handoff\" is " + kind_of(payload) + ", expected an object.";
        return result;
      }
    }
  }
  result.value.request = request;
  const auto schema = payload.find("schema");
  if (schema == payload.end() || !schema->is_string() || schema->get<std::string>() != "firstline.handoff") {
    result.error = schema == payload.end()
                       ? "Not a handoff payload: it has no \"schema\": \"firstline.handoff\" field."
                       : "Not a handoff payload: its schema is " + shown_at_most(schema->dump(), 200) +
                             ", expected \"firstline.handoff\".";
    return result;
  }
  const auto version = payload.find("version");
  if (version == payload.end() || !version->is_number_integer()) {
    result.error = "Unreadable handoff payload: its \"version\" is missing or not a whole number.";
    return result;
  }
  HandoffCase& c = result.value;
  // Compared as the number written (4294967297 is not version 1 cut to an int).
  const long long read_version = clamped_whole_number(*version, kHandoffVersion - 1, kHandoffVersion + 1);
  if (read_version != kHandoffVersion) {
    result.error = "Handoff payload version " + version->dump() + ": this console reads version " +
                   std::to_string(kHandoffVersion) +
                   (read_version > kHandoffVersion ? ". Update the console to read it." : ". Update the widget that sent it.");
    return result;
  }
  c.version = kHandoffVersion;

  // Essential fields: without them there is no case to show.
  std::vector<std::string> missing;
  const auto need = [&](const char* key, bool (json::*is)() const noexcept) {
    const auto it = payload.find(key);
    if (it == payload.end() || !((*it).*is)()) missing.push_back(std::string(key) + (it == payload.end() ? "" : " (" + kind_of(*it) + ")"));
  };
  need("summary", &json::is_string);
  need("problem_level", &json::is_number_integer);
  need("intents", &json::is_array);
  need("recommended_channel", &json::is_object);
  need("conversation", &json::is_array);
  if (!missing.empty()) {
    result.error = "Incomplete handoff payload: missing or wrong " + join(missing) + ".";
    return result;
  }

  std::vector<std::string>& warnings = result.warnings;
  Fields top(payload, "", warnings);
  c.summary = top.string("summary");
  c.problem_level = top.integer("problem_level", 1, 1, 4);
  c.locale = top.string("locale");
  c.urgent = top.boolean("urgent");
  c.emotional = top.boolean("emotional");
  c.personal_data = top.string("personal_data");

  if (const json* signals = top.find("signals"); signals && signals->is_object()) {
    Fields s(*signals, "signals.", warnings);
    c.urgent_signals = s.strings("urgent");
    c.emotion_signals = s.strings("emotion");
    c.human_request = s.strings("human_request");
  } else {
    warnings.push_back("signals is missing");
  }

  for (const auto& item : payload["intents"]) {
    if (!item.is_object()) continue;
    Fields f(item, "intents[].", warnings);
    HandoffCase::Intent intent;
    intent.id = f.string("id");
    intent.label = item.contains("label") && item["label"].is_string() ? item["label"].get<std::string>() : intent.id;
    if (const json* conf = f.find("confidence"); conf && conf->is_number())
      intent.confidence = std::clamp(conf->get<double>(), 0.0, 1.0);
    if (const auto confident = item.find("confident"); confident != item.end() && confident->is_boolean())
      intent.confident = confident->get<bool>();
    if (!intent.id.empty()) c.intents.push_back(std::move(intent));
  }

  Fields channel(payload["recommended_channel"], "recommended_channel.", warnings);
  c.channel = channel.string("id");
  c.channel_reason = channel.string("reason");
  c.channel_why = channel.string("why");
  c.channel_order = channel.strings("order");

  if (const json* context = top.find("context"); context && context->is_object()) {
    Fields f(*context, "context.", warnings);
    c.page = f.string("page");
    c.order_state = f.string("order_state");
    c.previous_contacts = f.integer("previous_contacts", 0, 0, kMaxPreviousContacts);
  } else {
    warnings.push_back("context is missing");
  }

  for (const auto& item : payload["conversation"]) {
    if (!item.is_object()) continue;
    HandoffCase::Turn turn;
    const auto text = [&](const char* key) {
      return item.contains(key) && item[key].is_string() ? item[key].get<std::string>() : std::string();
    };
    turn.query = text("query");
    turn.decision = text("decision");
    turn.intent = text("intent");
    turn.chosen_intent = text("chosen_intent");
    turn.escalation_reason = text("escalation_reason");
    if (item.contains("articles") && item["articles"].is_array())
      for (const auto& id : item["articles"])
        if (id.is_string()) turn.articles.push_back(id.get<std::string>());
    c.conversation.push_back(std::move(turn));
  }
  c.articles_viewed = top.strings("articles_viewed");
  const json* feedback = top.find("feedback");
  if (!feedback || !feedback->is_array()) warnings.push_back("feedback is missing");
  derive_attempts(c, feedback ? *feedback : json());
  return result;
}

bool looks_like_handoff(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return true;
  if (text.find("\"schema\"") != std::string_view::npos) return true;
  const bool one_object = text[first] == '{' && text.find("}\n{", first) == std::string_view::npos &&
                          text.find("}\r\n{", first) == std::string_view::npos;
  return one_object && text.find("\"type\"") == std::string_view::npos;
}

std::vector<std::string> case_intents(const HandoffCase& handoff, std::size_t limit) {
  // The payload says which intents the engine was confident of, by the KB's
  // own threshold. Without that (a payload from an older widget), only the
  // best intent counts, and only if it clearly leads the next one.
  std::vector<std::string> out;
  const auto add = [&](const std::string& id) {
    if (!id.empty() && out.size() < limit && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  for (std::size_t i = 0; i < handoff.intents.size(); ++i) {
    const auto& intent = handoff.intents[i];
    const bool leads = i == 0 && (handoff.intents.size() == 1 || intent.confidence >= 2 * handoff.intents[1].confidence);
    if (intent.confident.value_or(leads)) add(intent.id);
  }
  for (const auto& turn : handoff.conversation) add(turn.chosen_intent);
  std::vector<std::pair<std::string, int>> asked;  // intent, turns, in first-asked order
  std::unordered_map<std::string, std::size_t> asked_at;
  for (const auto& turn : handoff.conversation) {
    if (turn.intent.empty() || turn.escalation_reason == "explicit_request") continue;
    const auto [it, added] = asked_at.emplace(turn.intent, asked.size());
    if (added) asked.emplace_back(turn.intent, 1);
    else ++asked[it->second].second;
  }
  std::stable_sort(asked.begin(), asked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [id, turns] : asked) add(id);
  if (out.empty())  // nothing better: the payload's own guesses, however weak
    for (const auto& intent : handoff.intents) add(intent.id);
  return out;
}

const char* problem_level_meaning(int level) noexcept {
  switch (level) {
    case 1: return "L1: first time, usually solved by self-service";
    case 2: return "L2: it happened before, was solved then";
    case 3: return "L3: recurs, tried more than once, not solved";
    case 4: return "L4: several contacts, still not solved - own the case";
    default: return "unknown level";
  }
}

const char* escalation_reason_text(std::string_view reason) noexcept {
  if (reason == "explicit_request") return "the customer asked for a person";
  if (reason == "urgent") return "urgent: a moment of truth";
  if (reason == "human_only") return "only a person may handle this";
  if (reason == "emotional") return "the customer is upset";
  if (reason == "repeated") return "asked again and again, or marked not helpful";
  if (reason == "out_of_scope") return "the knowledge base has no confident answer";
  return "no reason given";
}

}  // namespace firstline::console
