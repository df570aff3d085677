// Reading and validating a kb-content folder.
//
// Reading never stops at the first problem: every file is read, every problem
// is recorded with its file and line, and the caller decides what to do.
#include "knowledge_base.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "firstline/schema.h"
#include "sha256.h"

namespace fs = std::filesystem;

namespace firstline::indexer {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += severity == Severity::error ? ": error: " : ": warning: ";
  out += message;
  return out;
}

void Diagnostics::error(const std::string& file, int line, const std::string& message) {
  items_.push_back({Diagnostic::Severity::error, file, line, message});
}
void Diagnostics::warning(const std::string& file, int line, const std::string& message) {
  items_.push_back({Diagnostic::Severity::warning, file, line, message});
}
std::size_t Diagnostics::error_count() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::error; });
}
std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

bool contains(const std::vector<std::string>& items, const std::string& value) {
  return std::find(items.begin(), items.end(), value) != items.end();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// A YAML document of one file, with the offset that turns yaml-cpp's 0-based
/// marks into the file's 1-based lines.
class YamlSource {
 public:
  YamlSource(std::string file, int first_line, Diagnostics& diagnostics)
      : file_(std::move(file)), first_line_(first_line), diagnostics_(diagnostics) {}

  /// Parses `text`; on a syntax error records it and returns nothing.
  std::optional<YAML::Node> parse(const std::string& text) {
    try {
      return YAML::Load(text);
    } catch (const YAML::Exception& e) {
      diagnostics_.error(file_, line_of(e.mark), "invalid YAML: " + e.msg);
      return std::nullopt;
    }
  }

  int line_of(const YAML::Mark& mark) const { return mark.line < 0 ? first_line_ : first_line_ + mark.line; }
  int line_of(const YAML::Node& node) const { return line_of(node.Mark()); }

  void error(const YAML::Node& node, const std::string& message) { diagnostics_.error(file_, line_of(node), message); }
  void error(int line, const std::string& message) { diagnostics_.error(file_, line, message); }
  void warning(const YAML::Node& node, const std::string& message) {
    diagnostics_.warning(file_, line_of(node), message);
  }
  void warning(int line, const std::string& message) { diagnostics_.warning(file_, line, message); }

  /// A scalar field as text; records an error if it is required and absent or not a scalar.
  std::string string_field(const YAML::Node& map, const char* key, int map_line, bool required) {
    const YAML::Node value = map[key];
    if (!value || value.IsNull()) {
      if (required) error(map_line, std::string("missing required field '") + key + "'");
      return "";
    }
    if (!value.IsScalar()) {
      error(value, std::string("field '") + key + "' must be text");
      return "";
    }
    std::string text = value.Scalar();
    if (required && text.empty()) error(value, std::string("field '") + key + "' is empty");
    return text;
  }

  /// A list of scalars (a single scalar is taken as a list of one).
  std::vector<std::string> list_field(const YAML::Node& map, const char* key, int map_line, bool required) {
    std::vector<std::string> out;
    const YAML::Node value = map[key];
    if (!value || value.IsNull()) {
      if (required) error(map_line, std::string("missing required field '") + key + "'");
      return out;
    }
    if (value.IsScalar()) {
      if (!value.Scalar().empty()) out.push_back(value.Scalar());
      return out;
    }
    if (!value.IsSequence()) {
      error(value, std::string("field '") + key + "' must be a list");
      return out;
    }
    for (const auto& item : value) {
      if (!item.IsScalar()) {
        error(item, std::string("field '") + key + "' must be a list of text items");
        continue;
      }
      if (!item.Scalar().empty()) out.push_back(item.Scalar());
    }
    return out;
  }

  /// A map from locale to text, e.g. `label: {zh-Hans: ..., en: ...}`.
  std::map<std::string, std::string> locale_map(const YAML::Node& map, const char* key, int map_line,
                                                bool required) {
    std::map<std::string, std::string> out;
    const YAML::Node value = map[key];
    if (!value || value.IsNull()) {
      if (required) error(map_line, std::string("missing required field '") + key + "'");
      return out;
    }
    if (!value.IsMap()) {
      error(value, std::string("field '") + key + "' must map locales to text, e.g. {zh-Hans: ..., en: ...}");
      return out;
    }
    for (const auto& entry : value) {
      const std::string locale = entry.first.Scalar();
      if (!contains(known_locales(), locale)) {
        error(entry.first, "unknown locale '" + locale + "' (expected " + join(known_locales(), ", ") + ")");
        continue;
      }
      if (!entry.second.IsScalar()) {
        error(entry.second, std::string("field '") + key + "." + locale + "' must be text");
        continue;
      }
      out[locale] = entry.second.Scalar();
    }
    return out;
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  int first_line_;
  Diagnostics& diagnostics_;
};

/// YAML to JSON: quoted scalars stay text; plain ones become numbers or booleans when they read as such.
nlohmann::json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      auto out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(yaml_to_json(item));
      return out;
    }
    case YAML::NodeType::Map: {
      auto out = nlohmann::json::object();
      for (const auto& entry : node) out[entry.first.Scalar()] = yaml_to_json(entry.second);
      return out;
    }
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      if (node.Tag() == "!") return text;  // quoted
      if (text == "true") return true;
      if (text == "false") return false;
      static const std::regex number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?)");
      if (std::regex_match(text, number)) {
        if (text.find('.') == std::string::npos) return std::stoll(text);
        return std::stod(text);
      }
      return text;
    }
    default:
      return nullptr;
  }
}

bool valid_date(const std::string& text) {
  static const std::regex date(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch m;
  if (!std::regex_match(text, m, date)) return false;
  const int month = std::stoi(m[2]), day = std::stoi(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool valid_article_id(const std::string& id) {
  static const std::regex pattern(R"([a-z0-9][a-z0-9-]*)");
  return std::regex_match(id, pattern);
}

bool valid_intent_id(const std::string& id) {
  static const std::regex pattern(R"([A-Za-z0-9][A-Za-z0-9._-]*)");
  return std::regex_match(id, pattern);
}

const std::set<std::string> kArticleFields = {"id",       "title",  "type",    "audience", "locale",
                                              "intents",  "questions", "keywords", "level", "related",
                                              "updated",  "translation_of"};

/// Splits a Markdown file into front matter and body; records an error and
/// returns false if the front matter block is missing or not closed.
bool split_front_matter(const std::string& content, const std::string& file, Diagnostics& diagnostics,
                        std::string& front_matter, std::string& body, int& body_line) {
  std::size_t pos = 0;
  if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;  // UTF-8 byte order mark
  auto next_line = [&](std::size_t& p) {
    const std::size_t end = content.find('\n', p);
    std::string line = content.substr(p, end == std::string::npos ? std::string::npos : end - p);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    p = end == std::string::npos ? content.size() : end + 1;
    return line;
  };
  if (next_line(pos) != "---") {
    diagnostics.error(file, 1, "an article must start with YAML front matter: a line '---', the fields, then '---'");
    return false;
  }
  const std::size_t start = pos;
  int line_number = 1;
  while (pos < content.size()) {
    const std::size_t line_start = pos;
    const std::string line = next_line(pos);
    ++line_number;
    if (line == "---" || line == "...") {
      front_matter = content.substr(start, line_start - start);
      body = content.substr(pos);
      body_line = line_number + 1;
      return true;
    }
  }
  diagnostics.error(file, 1, "front matter is not closed: add a line '---' after the fields");
  return false;
}

Article read_article(const fs::path& path, const std::string& display, Diagnostics& diagnostics) {
  Article article;
  article.file = display;
  const std::string content = read_file(path);
  std::string front_matter;
  if (!split_front_matter(content, display, diagnostics, front_matter, article.body_markdown, article.body_line))
    return article;

  YamlSource yaml(display, /*first_line=*/2, diagnostics);
  const std::optional<YAML::Node> parsed = yaml.parse(front_matter);
  if (!parsed) return article;
  const YAML::Node& fields = *parsed;
  if (!fields.IsMap()) {
    yaml.error(2, "front matter must be a map of fields (key: value)");
    return article;
  }
  const int line = 1;
  article.id = yaml.string_field(fields, "id", line, true);
  article.title = yaml.string_field(fields, "title", line, true);
  article.type = yaml.string_field(fields, "type", line, true);
  article.audience = yaml.string_field(fields, "audience", line, true);
  article.locale = yaml.string_field(fields, "locale", line, true);
  article.updated = yaml.string_field(fields, "updated", line, true);
  article.translation_of = yaml.string_field(fields, "translation_of", line, false);
  article.intents = yaml.list_field(fields, "intents", line, false);
  article.questions = yaml.list_field(fields, "questions", line, false);
  article.keywords = yaml.list_field(fields, "keywords", line, false);
  article.related = yaml.list_field(fields, "related", line, false);

  auto line_of_field = [&](const char* key) { return fields[key] ? yaml.line_of(fields[key]) : 1; };
  article.id_line = line_of_field("id");
  article.intents_line = line_of_field("intents");
  article.related_line = line_of_field("related");
  article.translation_line = line_of_field("translation_of");
  if (!article.id.empty() && !valid_article_id(article.id))
    yaml.error(fields["id"], "invalid id '" + article.id + "' (use lowercase letters, digits and '-')");
  if (!article.type.empty() && !contains(known_types(), article.type))
    yaml.error(fields["type"], "unknown type '" + article.type + "' (expected " + join(known_types(), ", ") + ")");
  if (!article.audience.empty() && article.audience != "public" && article.audience != "internal")
    yaml.error(fields["audience"], "unknown audience '" + article.audience + "' (expected public or internal)");
  if (!article.locale.empty() && !contains(known_locales(), article.locale))
    yaml.error(fields["locale"],
               "unknown locale '" + article.locale + "' (expected " + join(known_locales(), ", ") + ")");
  if (!article.updated.empty() && !valid_date(article.updated))
    yaml.error(fields["updated"], "invalid date '" + article.updated + "' (expected YYYY-MM-DD)");
  if (const YAML::Node level = fields["level"]; level && !level.IsNull()) {
    const std::string text = level.IsScalar() ? level.Scalar() : "";
    if (text == "1" || text == "2" || text == "3" || text == "4")
      article.level = text[0] - '0';
    else
      yaml.error(level, "level must be 1, 2, 3 or 4 (the problem level), not '" + text + "'");
  }
  if ((article.type == "lesson" || article.type == "script") && article.audience == "public")
    yaml.error(fields["audience"], "a " + article.type + " is agent material: its audience must be internal");
  for (const auto& entry : fields) {
    const std::string key = entry.first.Scalar();
    if (!kArticleFields.count(key)) yaml.warning(entry.first, "unknown field '" + key + "' is ignored");
  }
  if (article.body_markdown.find_first_not_of(" \t\r\n") == std::string::npos)
    diagnostics.error(display, article.body_line - 1, "the article has no body text after the front matter");
  if (article.intents.empty() && !article.id.empty())
    diagnostics.warning(display, 1, "article '" + article.id + "' has no intent: it cannot be suggested or clarified");
  return article;
}

std::vector<Intent> read_intents(const fs::path& path, const std::string& display, Diagnostics& diagnostics) {
  std::vector<Intent> intents;
  if (!fs::exists(path)) {
    diagnostics.error(display, 0, "missing: the KB needs an intents.yaml (see kb-content/README.md)");
    return intents;
  }
  YamlSource yaml(display, 1, diagnostics);
  const std::optional<YAML::Node> parsed = yaml.parse(read_file(path));
  if (!parsed) return intents;
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
    for (const char* flag : {"human_only", "urgent"}) {
      const YAML::Node value = node[flag];
      if (!value || value.IsNull()) continue;
      if (!value.IsScalar() || (value.Scalar() != "true" && value.Scalar() != "false")) {
        yaml.error(value, std::string("field '") + flag + "' must be true or false");
        continue;
      }
      (std::string(flag) == "urgent" ? intent.urgent : intent.human_only) = value.Scalar() == "true";
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
        }
      }
    }
    if (intent.id.empty()) continue;
    if (!valid_intent_id(intent.id)) {
      yaml.error(node["id"], "invalid intent id '" + intent.id + "' (use letters, digits, '.', '-', '_')");
    }
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
  const std::optional<YAML::Node> parsed = yaml.parse(read_file(path));
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

nlohmann::json read_yaml_json(const fs::path& path, const std::string& display, Diagnostics& diagnostics,
                              bool required) {
  if (!fs::exists(path)) {
    if (required) diagnostics.error(display, 0, "missing: the KB needs this file (see kb-content/README.md)");
    return nlohmann::json::object();
  }
  YamlSource yaml(display, 1, diagnostics);
  const std::optional<YAML::Node> parsed = yaml.parse(read_file(path));
  if (!parsed) return nlohmann::json::object();
  const YAML::Node& root = *parsed;
  if (!root.IsMap()) {
    yaml.error(1, "the file must hold a map of settings");
    return nlohmann::json::object();
  }
  return yaml_to_json(root);
}

/// Checks escalation.yaml's structure: channels, routes to known channels, numeric thresholds.
void validate_escalation(const fs::path& path, const std::string& display, const nlohmann::json& escalation,
                         Diagnostics& diagnostics) {
  if (escalation.empty()) return;
  // Line numbers for these checks come from a second, structural read.
  YamlSource yaml(display, 1, diagnostics);
  const YAML::Node root = YAML::LoadFile(path.string());
  std::set<std::string> channel_ids;
  const YAML::Node channels = root["channels"];
  if (!channels || !channels.IsSequence() || channels.size() == 0) {
    yaml.error(1, "escalation.yaml needs a non-empty list 'channels'");
  } else {
    static const std::set<std::string> kinds = {"chat", "phone", "callback", "email"};
    for (const auto& channel : channels) {
      const int line = yaml.line_of(channel);
      const std::string id = yaml.string_field(channel, "id", line, true);
      const std::string kind = yaml.string_field(channel, "kind", line, true);
      yaml.locale_map(channel, "label", line, true);
      if (!kind.empty() && !kinds.count(kind))
        yaml.error(channel["kind"], "unknown channel kind '" + kind + "' (expected chat, phone, callback or email)");
      if (kind == "phone" && !channel["number"]) yaml.error(line, "a phone channel needs a 'number'");
      if (kind == "email" && !channel["address"]) yaml.error(line, "an email channel needs an 'address'");
      static const std::regex hhmm(R"(([01]\d|2[0-4]):[0-5]\d)");
      if (const YAML::Node hours = channel["hours"]; hours && hours.IsSequence()) {
        for (const auto& span : hours) {
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
          yaml.error(route.second, "route '" + route.first.Scalar() + "' names unknown channel '" + channel + "'");
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
                           Diagnostics& diagnostics) {
  if (!fs::exists(path)) return;
  YamlSource yaml(display, 1, diagnostics);
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
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
        yaml.error(item, "unknown intent '" + (item.IsScalar() ? item.Scalar() : "?") + "' (not in intents.yaml)");
  };
  if (root["default"]) check_list(root["default"]);
  for (const char* section : {"pages", "order_states"})
    if (const YAML::Node map = root[section]; map && map.IsMap())
      for (const auto& entry : map) check_list(entry.second);
}

}  // namespace

KnowledgeBase load_knowledge_base(const std::string& root_arg, Diagnostics& diagnostics,
                                  void (*progress)(std::size_t, std::size_t)) {
  KnowledgeBase kb;
  std::string root = root_arg;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  kb.root = root;
  const fs::path root_path(root);
  if (!fs::is_directory(root_path)) {
    diagnostics.error(root, 0, "not a folder: give the kb-content folder");
    return kb;
  }
  auto display = [&](const fs::path& p) { return root + "/" + fs::relative(p, root_path).generic_string(); };

  // Every file that feeds the index, in path order, for the content hash.
  std::vector<fs::path> article_paths;
  if (fs::is_directory(root_path / "articles")) {
    for (const auto& entry : fs::recursive_directory_iterator(root_path / "articles"))
      if (entry.is_regular_file() && entry.path().extension() == ".md") article_paths.push_back(entry.path());
  } else {
    diagnostics.error(root + "/articles", 0, "missing: the KB needs an articles/ folder of Markdown files");
  }
  std::sort(article_paths.begin(), article_paths.end());

  Sha256 hash;
  for (const char* name : {"intents.yaml", "synonyms.yaml", "escalation.yaml", "first-screen.yaml"}) {
    if (fs::exists(root_path / name)) {
      hash.update(name);
      hash.update(std::string_view("\0", 1));
      hash.update(read_file(root_path / name));
    }
  }

  kb.intents = read_intents(root_path / "intents.yaml", root + "/intents.yaml", diagnostics);
  kb.synonyms = read_synonyms(root_path / "synonyms.yaml", root + "/synonyms.yaml", diagnostics);
  kb.escalation = read_yaml_json(root_path / "escalation.yaml", root + "/escalation.yaml", diagnostics, true);
  validate_escalation(root_path / "escalation.yaml", root + "/escalation.yaml", kb.escalation, diagnostics);
  kb.first_screen = read_yaml_json(root_path / "first-screen.yaml", root + "/first-screen.yaml", diagnostics, false);

  std::set<std::string> intent_ids;
  for (const auto& intent : kb.intents) intent_ids.insert(intent.id);
  validate_first_screen(root_path / "first-screen.yaml", root + "/first-screen.yaml", intent_ids, diagnostics);

  std::size_t done = 0;
  for (const auto& path : article_paths) {
    const std::string shown = display(path);
    hash.update(fs::relative(path, root_path).generic_string());
    hash.update(std::string_view("\0", 1));
    hash.update(read_file(path));
    kb.articles.push_back(read_article(path, shown, diagnostics));
    if (progress && (++done % 2000 == 0 || done == article_paths.size())) progress(done, article_paths.size());
  }
  kb.content_hash = hash.hex_digest();

  // Cross-file checks: unique ids, known intents, existing related and translated articles.
  std::map<std::string, const Article*> by_id;
  for (const auto& article : kb.articles) {
    if (article.id.empty()) continue;
    const auto [it, inserted] = by_id.emplace(article.id, &article);
    if (!inserted)
      diagnostics.error(article.file, article.id_line,
                        "duplicate article id '" + article.id + "' (also used by " + it->second->file + ")");
  }
  std::map<std::string, std::size_t> examples_per_intent;  // article questions count toward their intents
  for (const auto& article : kb.articles) {
    for (const auto& intent : article.intents) {
      if (!intent_ids.count(intent))
        diagnostics.error(article.file, article.intents_line, "unknown intent '" + intent + "' (not in intents.yaml)");
    }
    if (!article.intents.empty()) examples_per_intent[article.intents.front()] += article.questions.size();
    for (const auto& related : article.related)
      if (!by_id.count(related))
        diagnostics.error(article.file, article.related_line, "related article '" + related + "' does not exist");
    if (!article.translation_of.empty() && !by_id.count(article.translation_of))
      diagnostics.error(article.file, article.translation_line, "translation_of names article '" + article.translation_of +
                                             "', which does not exist");
  }
  for (const auto& intent : kb.intents) {
    std::size_t total = examples_per_intent[intent.id];
    for (const auto& [locale, examples] : intent.examples) {
      total += examples.size();
      if (examples.size() < kRecommendedExamples && !examples.empty() && locale != "zh-Hant")
        diagnostics.warning(root + "/intents.yaml", intent.line,
                            "intent '" + intent.id + "' has only " + std::to_string(examples.size()) + " " + locale +
                                " example questions (8 or more recommended)");
    }
    if (total < kRecommendedExamples)
      diagnostics.warning(root + "/intents.yaml", intent.line,
                          "intent '" + intent.id + "' has only " + std::to_string(total) +
                              " example questions in all (8 or more recommended)");
  }

  std::sort(kb.articles.begin(), kb.articles.end(),
            [](const Article& a, const Article& b) { return a.id < b.id; });
  return kb;
}

}  // namespace firstline::indexer
