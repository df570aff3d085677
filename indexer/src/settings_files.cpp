// The KB's two settings files, which the index carries as JSON for the core:
// escalation.yaml (channels, routes, thresholds, lexicons: every key must be one
// the core reads, firstline/schema.h) and first-screen.yaml (topics by page
// and order state: every one an intent of intents.yaml).
#include "settings_files.h"

#include <algorithm>
#include <iterator>
#include <regex>
#include <set>

#include "firstline/schema.h"
#include "yaml_source.h"

namespace fs = std::filesystem;

namespace firstline::indexer {

nlohmann::json read_yaml_json(const fs::path& path, const std::string& display, Diagnostics& diagnostics,
                              bool required) {
  if (!fs::exists(path)) {
    if (required) diagnostics.error(display, 0, "missing: the KB needs this file (see kb-content/README.md)");
    return nlohmann::json::object();
  }
  YamlSource yaml(display, 1, diagnostics);
  const std::optional<YAML::Node> parsed = yaml.parse(read_text(path, display, diagnostics));
  if (!parsed) return nlohmann::json::object();
  const YAML::Node& root = *parsed;
  if (!root.IsMap()) {
    yaml.error(1, "the file must hold a map of settings");
    return nlohmann::json::object();
  }
  return yaml.to_json(root);
}

void validate_escalation(const fs::path& path, const std::string& display, const nlohmann::json& escalation,
                         Diagnostics& diagnostics) {
  if (escalation.empty()) return;
  // Line numbers for these checks come from a second, structural read.
  YamlSource yaml(display, 1, diagnostics);
  Diagnostics reported;  // the file's text was checked by read_yaml_json
  const YAML::Node root = YAML::Load(read_text(path, display, reported));
  std::set<std::string> channel_ids;
  const YAML::Node channels = root["channels"];
  if (!channels || !channels.IsSequence() || channels.size() == 0) {
    yaml.error(1, "escalation.yaml needs a non-empty list 'channels'");
  } else {
    static const std::set<std::string> kinds = {"chat", "phone", "callback", "email"};
    for (const auto& channel : channels) {
      const int line = yaml.line_of(channel);
      if (!channel.IsMap()) {  // indexing a scalar throws: say what a channel is instead
        yaml.error(line, "a channel must be a map of fields (id, kind, label, hours)");
        continue;
      }
      const std::string id = yaml.string_field(channel, "id", line, true);
      const std::string kind = yaml.string_field(channel, "kind", line, true);
      yaml.locale_map(channel, "label", line, true);
      // What the customer reads and what the agent reads are two texts: the
      // widget shows `customer`, the handoff payload carries `agent`.
      yaml.locale_map(channel, "customer", line, false);
      yaml.locale_map(channel, "agent", line, false);
      if (channel["purpose"])
        yaml.error(channel["purpose"], "channel '" + id + "': 'purpose' is now two texts: 'customer' (what the widget "
                                       "shows the customer) and 'agent' (what the handoff tells the agent)");
      if (!kind.empty() && !kinds.count(kind))
        yaml.error(channel["kind"], "unknown channel kind '" + kind + "' (expected chat, phone, callback or email)");
      if (kind == "phone" && !channel["number"]) yaml.error(line, "a phone channel needs a 'number'");
      if (kind == "email" && !channel["address"]) yaml.error(line, "an email channel needs an 'address'");
      static const std::regex hhmm(R"(([01]\d|2[0-4]):[0-5]\d)");
      if (const YAML::Node hours = channel["hours"]; hours && hours.IsSequence()) {
        for (const auto& span : hours) {
          if (!span.IsMap()) {
            yaml.error(span, "hours are a list of {days, open, close}");
            continue;
          }
          for (const char* key : {"open", "close"}) {
            const std::string t = span[key] && span[key].IsScalar() ? span[key].Scalar() : "";
            if (!std::regex_match(t, hhmm))
              yaml.error(span, std::string("hours need '") + key + "' as HH:MM, not '" + t + "'");
          }
        }
      } else {
        yaml.error(line, "channel '" + id + "' needs 'hours', a list of {days, open, close}");
      }
      if (!id.empty()) channel_ids.insert(id);
    }
  }
  // A key the core does not read is a typo until proven otherwise.
  auto known = [](const auto& names, const std::string& key) {
    return std::any_of(std::begin(names), std::end(names), [&](const char* name) { return key == name; });
  };
  auto listed = [](const auto& names) {
    std::string out;
    for (const char* name : names) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
  };
  if (const YAML::Node routes = root["routes"]; routes && routes.IsMap()) {
    for (const auto& route : routes) {
      if (!known(schema::kEscalationReasons, route.first.Scalar()))
        yaml.error(route.first, "unknown escalation reason '" + route.first.Scalar() + "' in routes (known: " +
                                    listed(schema::kEscalationReasons) + ")");
      YAML::Node holder;
      holder["route"] = YAML::Node(route.second);
      for (const auto& channel : yaml.list_field(holder, "route", yaml.line_of(route.second), true))
        if (!channel_ids.count(channel))
          yaml.error(route.second, "route '" + route.first.Scalar() + "' names unknown channel '" + channel + "'" +
                                       did_you_mean(channel, {channel_ids.begin(), channel_ids.end()}));
    }
  } else {
    yaml.error(1, "escalation.yaml needs a map 'routes' from escalation reason to channels");
  }
  if (const YAML::Node thresholds = root["thresholds"]; thresholds && thresholds.IsMap()) {
    for (const auto& entry : thresholds) {
      if (!known(schema::kThresholdNames, entry.first.Scalar()))
        yaml.error(entry.first, "unknown threshold '" + entry.first.Scalar() + "' (known: " +
                                    listed(schema::kThresholdNames) + ")");
      try {
        (void)entry.second.as<double>();
      } catch (const YAML::Exception&) {
        yaml.error(entry.second, "threshold '" + entry.first.Scalar() + "' must be a number");
      }
    }
  } else {
    yaml.error(1, "escalation.yaml needs a map 'thresholds'");
  }
  if (const YAML::Node lexicons = root["lexicons"]; lexicons && lexicons.IsMap())
    for (const auto& entry : lexicons)
      if (!known(schema::kLexiconNames, entry.first.Scalar()))
        yaml.error(entry.first, "unknown lexicon '" + entry.first.Scalar() + "' (known: " +
                                    listed(schema::kLexiconNames) + ")");
}

void validate_first_screen(const fs::path& path, const std::string& display, const std::set<std::string>& intent_ids,
                           const std::set<std::string>& not_covered, Diagnostics& diagnostics) {
  if (!fs::exists(path)) return;
  YamlSource yaml(display, 1, diagnostics);
  YAML::Node root;
  try {
    Diagnostics reported;  // the file's text was checked by read_yaml_json
    root = YAML::Load(read_text(path, display, reported));
  } catch (const YAML::Exception&) {
    return;  // already reported by read_yaml_json
  }
  auto check_list = [&](const YAML::Node& list) {
    if (!list.IsSequence()) {
      yaml.error(list, "expected a list of intent ids");
      return;
    }
    for (const auto& item : list)
      if (!item.IsScalar() || !intent_ids.count(item.Scalar()))
        yaml.error(item, "unknown intent '" + (item.IsScalar() ? item.Scalar() : "?") + "' (not in intents.yaml)" +
                             (item.IsScalar() ? did_you_mean(item.Scalar(), {intent_ids.begin(), intent_ids.end()}) : ""));
      else if (not_covered.count(item.Scalar()))
        yaml.error(item, "intent '" + item.Scalar() + "' is marked not_covered in intents.yaml: the first screen "
                         "offers only topics the KB answers");
  };
  if (!root.IsMap()) return;  // read_yaml_json said the file must hold a map; indexing a scalar throws
  if (root["default"]) check_list(root["default"]);
  for (const char* section : {"pages", "order_states"})
    if (const YAML::Node map = root[section]; map && map.IsMap())
      for (const auto& entry : map) check_list(entry.second);
}

}  // namespace firstline::indexer
