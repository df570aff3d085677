// Reading a desk config (firstline/desk/config.h; desk/README.md documents the fields).
#include "firstline/desk/config.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "firstline/api.h"
#include "promise.h"

namespace firstline::desk {

namespace {

using nlohmann::json;

int parse_clock(const std::string& text, const std::string& where) {
  // "HH:MM", 00:00 .. 24:00
  if (text.size() == 5 && text[2] == ':' && isdigit(text[0]) && isdigit(text[1]) && isdigit(text[3]) && isdigit(text[4])) {
    const int h = (text[0] - '0') * 10 + (text[1] - '0'), m = (text[3] - '0') * 10 + (text[4] - '0');
    if (h <= 24 && m < 60 && h * 60 + m <= 24 * 60) return h * 60 + m;
  }
  throw ConfigError(where + ": \"" + text + "\" is not a time of day (HH:MM, 00:00 to 24:00)");
}

std::vector<ContactChannel> parse_channels(const json& list, const std::string& where) {
  static const std::vector<std::string> day_names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  static const std::set<std::string> kinds = {"chat", "phone", "callback", "email"};
  if (!list.is_array()) throw ConfigError(where + ": expected a list of channels");
  std::vector<ContactChannel> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& c = list[i];
    const std::string at = where + "[" + std::to_string(i) + "]";
    if (!c.is_object() || !c.contains("id") || !c["id"].is_string() || !c.contains("kind") || !c["kind"].is_string())
      throw ConfigError(at + ": a channel needs a string \"id\" and \"kind\"");
    ContactChannel channel;
    channel.id = c["id"];
    channel.kind = c["kind"];
    if (!kinds.count(channel.kind)) throw ConfigError(at + ".kind: \"" + channel.kind + "\" is not chat, phone, callback or email");
    if (c.contains("number") && c["number"].is_string()) channel.number = c["number"];
    if (c.contains("address") && c["address"].is_string()) channel.address = c["address"];
    if (c.contains("hours")) {
      for (std::size_t h = 0; h < c["hours"].size(); ++h) {
        const json& period = c["hours"][h];
        const std::string pat = at + ".hours[" + std::to_string(h) + "]";
        OpenHours hours;
        for (const auto& d : period.value("days", json::array())) {
          const auto found = std::find(day_names.begin(), day_names.end(), d.get<std::string>());
          if (found == day_names.end()) throw ConfigError(pat + ".days: \"" + d.get<std::string>() + "\" is not mon..sun");
          hours.days.push_back(static_cast<int>(found - day_names.begin()));
        }
        hours.open_minute = parse_clock(period.value("open", "00:00"), pat + ".open");
        hours.close_minute = parse_clock(period.value("close", "24:00"), pat + ".close");
        channel.hours.push_back(hours);
      }
    }
    out.push_back(channel);
  }
  return out;
}

std::string resolve(const std::string& path, const std::string& base_dir) {
  if (path.empty() || path.rfind("postgres", 0) == 0 || path.find('=') != std::string::npos) return path;
  const std::filesystem::path p(path);
  return p.is_absolute() ? path : (std::filesystem::path(base_dir) / p).lexically_normal().string();
}

template <typename T>
void read(const json& j, const char* key, T& into) {
  if (!j.contains(key)) return;
  try {
    into = j[key].get<T>();
  } catch (const json::exception&) {
    throw ConfigError(std::string("\"") + key + "\" has the wrong type (" + j[key].dump() + ")");
  }
}

void read_rate(const json& j, const char* key, RateLimit& into) {
  if (!j.contains(key)) return;
  const json& r = j[key];
  if (!r.is_object() || !r.value("per_minute", json(1)).is_number() || !r.value("burst", json(1)).is_number())
    throw ConfigError(std::string("\"") + key + "\": expected {\"per_minute\": number, \"burst\": number}");
  into.per_minute = r.value("per_minute", into.per_minute);
  into.burst = r.value("burst", into.burst);
}

}  // namespace

void read_channels_from_index(const std::string& public_index, DeskConfig& config) {
  Api api;
  const json response = json::parse(api.call(json{{"api", 1}, {"op", "open"}, {"path", public_index}}.dump()));
  if (!response.value("ok", false))
    throw ConfigError("public_index " + public_index + ": " + response["error"].value("message", "cannot be opened"));
  const json& escalation = response["result"]["escalation"];
  if (!escalation.is_object()) throw ConfigError("public_index " + public_index + ": it has no escalation settings");
  config.timezone = escalation.value("timezone", "UTC");
  config.channels = parse_channels(escalation.value("channels", json::array()), public_index + ": channels");
}

DeskConfig config_from_json(const std::string& text, const std::string& base_dir) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw ConfigError("not a JSON object");
  static const std::set<std::string> fields = {
      "store", "host", "port", "allowed_origins", "agent_origins", "public_index", "timezone", "contact_channels",
      "agent_index", "console_root", "chat_presence_seconds", "callback_within_minutes", "email_reply_within_hours",
      "max_handoff_bytes", "max_events_bytes", "max_events_per_batch", "max_message_chars", "long_poll_max_seconds",
      "handoff_rate", "events_rate", "message_rate", "sign_in_rate", "trust_forwarded_for", "session_hours", "threads",
      "$comment"};
  for (const auto& [key, _] : j.items())
    if (!fields.count(key)) throw ConfigError("unknown field \"" + key + "\" (desk/README.md lists the fields)");
  DeskConfig c;
  read(j, "store", c.store);
  read(j, "host", c.host);
  read(j, "port", c.port);
  read(j, "allowed_origins", c.allowed_origins);
  read(j, "agent_origins", c.agent_origins);
  read(j, "public_index", c.public_index);
  read(j, "agent_index", c.agent_index);
  read(j, "console_root", c.console_root);
  read(j, "chat_presence_seconds", c.chat_presence_seconds);
  read(j, "callback_within_minutes", c.callback_within_minutes);
  read(j, "email_reply_within_hours", c.email_reply_within_hours);
  read(j, "max_handoff_bytes", c.max_handoff_bytes);
  read(j, "max_events_bytes", c.max_events_bytes);
  read(j, "max_events_per_batch", c.max_events_per_batch);
  read(j, "max_message_chars", c.max_message_chars);
  read(j, "long_poll_max_seconds", c.long_poll_max_seconds);
  read_rate(j, "handoff_rate", c.handoff_rate);
  read_rate(j, "events_rate", c.events_rate);
  read_rate(j, "message_rate", c.message_rate);
  read_rate(j, "sign_in_rate", c.sign_in_rate);
  read(j, "trust_forwarded_for", c.trust_forwarded_for);
  read(j, "session_hours", c.session_hours);
  read(j, "threads", c.threads);
  c.store = resolve(c.store, base_dir);
  c.public_index = resolve(c.public_index, base_dir);
  c.agent_index = resolve(c.agent_index, base_dir);
  c.console_root = resolve(c.console_root, base_dir);
  if (c.port < 0 || c.port > 65535) throw ConfigError("\"port\": " + std::to_string(c.port) + " is not a port");
  if (c.threads < 4) throw ConfigError("\"threads\": at least 4");
  if (j.contains("contact_channels")) {
    c.channels = parse_channels(j["contact_channels"], "contact_channels");
    read(j, "timezone", c.timezone);
  } else if (!c.public_index.empty()) {
    read_channels_from_index(c.public_index, c);
    read(j, "timezone", c.timezone);
  } else {
    throw ConfigError("no contact channels: give \"public_index\" (the KB's public.db) or \"contact_channels\"");
  }
  if (!detail::timezone_known(c.timezone))
    throw ConfigError("timezone \"" + c.timezone + "\" is not a known IANA zone (is tzdata installed?)");
  return c;
}

DeskConfig load_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return config_from_json(text.str(), std::filesystem::path(path).parent_path().string());
  } catch (const ConfigError& e) {
    throw ConfigError(path + ": " + e.what());
  }
}

}  // namespace firstline::desk
