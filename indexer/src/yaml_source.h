// Reading one YAML file of a kb-content folder: yaml-cpp's nodes with the
// file's own line numbers, the typed fields every reader shares (text, list,
// text by locale), and YAML as JSON. Each reader (articles.cpp,
// intents_and_synonyms.cpp, settings_files.cpp) records problems through it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "knowledge_base.h"

namespace firstline::indexer {

/// A file's bytes ("" if it cannot be read).
std::string read_file(const std::filesystem::path& path);

/// A KB file's text for its reader: an unreadable file, and the first byte
/// that is not UTF-8 (with its line and column), are errors of `display`; the
/// text comes back with every such byte replaced by U+FFFD, so the reader can
/// go on and report the file's other problems.
std::string read_text(const std::filesystem::path& path, const std::string& display, Diagnostics& diagnostics);

/// "a, b, c"
std::string join(const std::vector<std::string>& items, const std::string& separator);
bool contains(const std::vector<std::string>& items, const std::string& value);

/// The one "did you mean" rule for an unknown id (an intent, an article, a
/// channel): the known ids nearest to `unknown` by Damerau-Levenshtein
/// distance (optimal string alignment, counted in characters), if within
/// max(1, min(3, length / 4)) edits. Returns ": did you mean 'x'?" (or
/// "'x' or 'y'" on a tie, at most three), "" when nothing is near enough.
std::string did_you_mean(const std::string& unknown, const std::vector<std::string>& known);

/// A YAML syntax error said in plain words for an editor: what is wrong and
/// how to fix it (a tab used for indentation, an unquoted ': ' in a value, a
/// line indented out of step with the lines above, an unclosed bracket or
/// quote), with yaml-cpp's own words after it, and the 0-based line of `text`
/// the problem is on (which for a tab is the tab's line, not where yaml-cpp
/// stopped).
struct YamlSyntaxProblem {
  int line = 0;
  std::string message;
};
YamlSyntaxProblem explain_yaml_error(const std::string& text, const YAML::Exception& error);

/// A YAML document of one file, with the offset that turns yaml-cpp's 0-based
/// marks into the file's 1-based lines.
class YamlSource {
 public:
  YamlSource(std::string file, int first_line, Diagnostics& diagnostics)
      : file_(std::move(file)), first_line_(first_line), diagnostics_(diagnostics) {}

  /// Parses `text`; on a syntax error records it in plain words
  /// (explain_yaml_error) and returns nothing: the caller then checks nothing
  /// else of the file, so one slip gives one message.
  std::optional<YAML::Node> parse(const std::string& text);

  /// Warns of each text item of `list` (a sequence, or one scalar) that holds
  /// a list marker (" - " or a leading "- "): the sign of a list item indented
  /// deeper than the one above, which YAML joins to it ("积分怎么获得 - 积分怎么用").
  /// `what` names an item in the message ("question", "example question").
  /// Needs the text given to parse() to find the marker's line.
  void warn_merged_items(const YAML::Node& list, const std::string& what);

  /// The node as JSON: quoted scalars stay text; plain ones become numbers
  /// or booleans when they read as such. Bounded: an integer beyond 64 bits,
  /// nesting deeper than kMaxJsonDepth and more than kMaxJsonValues values
  /// (anchors and aliases repeated into a "billion laughs") are errors of the
  /// file, and what was cut is null.
  nlohmann::json to_json(const YAML::Node& node);
  static constexpr int kMaxJsonDepth = 32;
  static constexpr std::size_t kMaxJsonValues = 100000;

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
  std::vector<std::string> lines_;  ///< the text given to parse(), by line

  struct TooManyValues {};
  nlohmann::json to_json(const YAML::Node& node, int depth, std::size_t& values);
};

}  // namespace firstline::indexer
