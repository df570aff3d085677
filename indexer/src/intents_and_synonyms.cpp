// intents.yaml (the intents: ids, groups, labels and options by locale,
// example questions, the human_only, urgent and not_covered flags) and synonyms.yaml (word
// groups), read and checked entry by entry.
#include "intents_and_synonyms.h"

#include <regex>

#include "yaml_source.h"

namespace fs = std::filesystem;

namespace firstline::indexer {

namespace {

/// An index term holds an intent id (Xapian's limit is 245 bytes, with its prefix).
constexpr std::size_t kMaxIntentIdBytes = 200;

bool valid_intent_id(const std::string& id) {
  static const std::regex pattern(R"([A-Za-z0-9][A-Za-z0-9._-]*)");
  return std::regex_match(id, pattern);
}

}  // namespace

std::vector<Intent> read_intents(const fs::path& path, const std::string& display, Diagnostics& diagnostics,
                                 bool* readable) {
  std::vector<Intent> intents;
  if (readable) *readable = false;
  if (!fs::exists(path)) {
    diagnostics.error(display, 0, "missing: the KB needs an intents.yaml (see kb-content/README.md)");
    return intents;
  }
  YamlSource yaml(display, 1, diagnostics);
  const std::optional<YAML::Node> parsed = yaml.parse(read_text(path, display, diagnostics));
  if (!parsed) return intents;
  if (readable) *readable = true;
  const YAML::Node& root = *parsed;
  const YAML::Node list = root.IsMap() ? root["intents"] : YAML::Node();
  if (!list || !list.IsSequence()) {
    yaml.error(1, "intents.yaml must hold a list under the key 'intents'");
    return intents;
  }
  std::map<std::string, int> seen;
  for (const auto& node : list) {
    if (!node.IsMap()) {
      yaml.error(node, "each intent must be a map with id, group, label, option and examples");
      continue;
    }
    Intent intent;
    intent.line = yaml.line_of(node);
    intent.id = yaml.string_field(node, "id", intent.line, true);
    intent.group = yaml.string_field(node, "group", intent.line, false);
    intent.label = yaml.locale_map(node, "label", intent.line, true);
    intent.option = yaml.locale_map(node, "option", intent.line, false);
    const std::pair<const char*, bool Intent::*> flags[] = {
        {"human_only", &Intent::human_only}, {"urgent", &Intent::urgent}, {"not_covered", &Intent::not_covered}};
    for (const auto& [flag, field] : flags) {
      const YAML::Node value = node[flag];
      if (!value || value.IsNull()) continue;
      if (!value.IsScalar() || (value.Scalar() != "true" && value.Scalar() != "false")) {
        yaml.error(value, std::string("field '") + flag + "' must be true or false");
        continue;
      }
      intent.*field = value.Scalar() == "true";
    }
    if (const YAML::Node examples = node["examples"]; examples && !examples.IsNull()) {
      if (!examples.IsMap()) {
        yaml.error(examples, "field 'examples' must map locales to lists of questions");
      } else {
        for (const auto& entry : examples) {
          const std::string locale = entry.first.Scalar();
          if (!contains(known_locales(), locale)) {
            yaml.error(entry.first, "unknown locale '" + locale + "' (expected " + join(known_locales(), ", ") + ")");
            continue;
          }
          YAML::Node holder;
          holder["list"] = YAML::Node(entry.second);
          intent.examples[locale] = yaml.list_field(holder, "list", yaml.line_of(entry.second), false);
          yaml.warn_merged_items(entry.second, "example question");
        }
      }
    }
    if (intent.not_covered && (intent.urgent || intent.human_only))
      yaml.error(node["not_covered"], "an intent marked not_covered is out of scope: it cannot also be urgent or "
                                      "human_only (those go to a person for their own reason)");
    if (intent.id.empty()) continue;
    if (!valid_intent_id(intent.id)) {
      yaml.error(node["id"], "invalid intent id '" + intent.id + "' (use letters, digits, '.', '-', '_')");
    }
    if (intent.id.size() > kMaxIntentIdBytes)
      yaml.error(node["id"], "intent id of " + std::to_string(intent.id.size()) + " bytes: at most " +
                                 std::to_string(kMaxIntentIdBytes) + " (an index term holds it)");
    if (const auto it = seen.find(intent.id); it != seen.end()) {
      yaml.error(node["id"], "duplicate intent id '" + intent.id + "' (first defined on line " +
                                 std::to_string(it->second) + ")");
      continue;
    }
    seen[intent.id] = intent.line;
    intents.push_back(std::move(intent));
  }
  return intents;
}

std::vector<std::vector<std::string>> read_synonyms(const fs::path& path, const std::string& display,
                                                    Diagnostics& diagnostics) {
  std::vector<std::vector<std::string>> groups;
  if (!fs::exists(path)) return groups;  // optional
  YamlSource yaml(display, 1, diagnostics);
  const std::optional<YAML::Node> parsed = yaml.parse(read_text(path, display, diagnostics));
  if (!parsed) return groups;
  const YAML::Node& root = *parsed;
  const YAML::Node list = root.IsMap() ? root["synonyms"] : YAML::Node();
  if (!list || !list.IsSequence()) {
    yaml.error(1, "synonyms.yaml must hold a list of word groups under the key 'synonyms'");
    return groups;
  }
  for (const auto& node : list) {
    YAML::Node holder;
    holder["group"] = YAML::Node(node);
    auto group = yaml.list_field(holder, "group", yaml.line_of(node), true);
    if (group.size() < 2) {
      yaml.error(node, "a synonym group needs at least two words");
      continue;
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace firstline::indexer
