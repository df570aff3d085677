#include "suggestions_apply.h"

#include <cstdio>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "firstline/wording.h"

namespace firstline::indexer {

namespace {

std::size_t indent_of(const std::string& line) { return line.find_first_not_of(' ') == std::string::npos ? line.size() : line.find_first_not_of(' '); }

/// A blank line or one holding only a comment: it belongs to no block.
bool is_filler(const std::string& line) {
  const auto at = line.find_first_not_of(" \t\r");
  return at == std::string::npos || line[at] == '#';
}

/// The value of "key: value  # comment" after `key:` (trimmed, comment dropped), or nothing if the line is not that key.
std::optional<std::string> key_value(const std::string& line, std::size_t column, const std::string& key) {
  if (indent_of(line) != column || line.compare(column, key.size() + 1, key + ":") != 0) return std::nullopt;
  std::string rest = line.substr(column + key.size() + 1);
  if (!rest.empty() && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\r') return std::nullopt;  // "key:x" is not this key
  const auto hash = rest.find(" #");
  if (hash != std::string::npos) rest.erase(hash);
  const auto b = rest.find_first_not_of(" \t\r");
  if (b == std::string::npos) return std::string();
  const auto e = rest.find_last_not_of(" \t\r");
  return rest.substr(b, e - b + 1);
}

/// The scalar a YAML value reads as ("parcel.where" for `"parcel.where"` or `parcel.where`).
std::string scalar_text(const std::string& value) {
  try {
    const YAML::Node node = YAML::Load(value);
    return node.IsScalar() ? node.Scalar() : value;
  } catch (const YAML::Exception&) {
    return value;
  }
}

/// The last line of the block that starts after `from` and holds lines indented more than `column`
/// (fillers inside it skipped): `from` itself when the block is empty.
std::size_t block_end(const std::vector<std::string>& lines, std::size_t from, std::size_t column) {
  std::size_t last = from;
  for (std::size_t i = from + 1; i < lines.size(); ++i) {
    if (is_filler(lines[i])) continue;
    if (indent_of(lines[i]) <= column) break;
    last = i;
  }
  return last;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto nl = text.find('\n', at);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(at));
      break;
    }
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

/// Every example of every intent, by intent id, as wording keys.
std::map<std::string, std::set<std::string>> examples_by_intent(const YAML::Node& root) {
  std::map<std::string, std::set<std::string>> out;
  const YAML::Node intents = root["intents"];
  if (!intents || !intents.IsSequence()) return out;
  for (const auto& intent : intents) {
    if (!intent.IsMap() || !intent["id"] || !intent["id"].IsScalar()) continue;
    auto& keys = out[intent["id"].Scalar()];
    const YAML::Node examples = intent["examples"];
    if (!examples) continue;
    const auto take = [&](const YAML::Node& list) {
      if (!list.IsSequence()) return;
      for (const auto& e : list)
        if (e.IsScalar()) keys.insert(wording_key(e.Scalar()));
    };
    if (examples.IsMap())
      for (const auto& locale : examples) take(locale.second);
    else take(examples);
  }
  return out;
}

}  // namespace

namespace {

/// Whether YAML reads `wording`, written plain, as that very text (a string).
bool safe_plain(const std::string& wording) {
  // Plain only when nothing in it could be YAML syntax or another type: no indicator at
  // the start, no ": " or " #" inside, not a number, boolean or null.
  static const std::regex kOtherType(
      R"(^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|)"
      R"([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o?[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$)");
  if (wording.empty() || wording.front() == ' ' || wording.back() == ' ' || wording.back() == ':' ||
      std::regex_match(wording, kOtherType) || std::string("-?:,[]{}#&*!|>'\"%@`").find(wording.front()) != std::string::npos ||
      wording.find(": ") != std::string::npos || wording.find(" #") != std::string::npos)
    return false;
  for (unsigned char c : wording)
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  return true;
}

std::string double_quoted(const std::string& wording) {
  std::string out = "\"";
  for (unsigned char c : wording) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

std::string yaml_list_scalar(const std::string& wording) {
  return safe_plain(wording) ? wording : double_quoted(wording);
}

std::string yaml_flow_scalar(const std::string& wording) {
  return safe_plain(wording) && wording.find_first_of(",[]{}") == std::string::npos ? wording : double_quoted(wording);
}

IntentsEdit add_examples(const std::string& yaml, const std::vector<AcceptedWording>& wordings) {
  YAML::Node before;
  try {
    before = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(std::string("intents.yaml is not valid YAML (run firstline-index validate): ") + e.what());
  }
  auto known = examples_by_intent(before);
  std::vector<std::string> lines = split_lines(yaml);
  const bool final_newline = !yaml.empty() && yaml.back() == '\n';
  // A file written with CRLF line ends gets its new lines with CRLF too.
  const bool crlf = !lines.empty() && !lines[0].empty() && lines[0].back() == '\r';
  IntentsEdit edit;

  for (const auto& w : wordings) {
    WordingOutcome outcome{w, WordingOutcome::Kind::added, 0};
    const auto found = known.find(w.intent);
    if (found == known.end()) {
      outcome.kind = WordingOutcome::Kind::unknown_intent;
      edit.outcomes.push_back(outcome);
      continue;
    }
    if (found->second.count(wording_key(w.wording))) {
      outcome.kind = WordingOutcome::Kind::already_there;
      edit.outcomes.push_back(outcome);
      continue;
    }
    // The intent's entry: "- id: <intent>"; its keys start where "id" does.
    std::size_t entry = lines.size(), key_column = 0;
    for (std::size_t i = 0; i < lines.size() && entry == lines.size(); ++i) {
      const auto dash = lines[i].find_first_not_of(' ');
      if (dash == std::string::npos || lines[i][dash] != '-') continue;
      const auto key = lines[i].find_first_not_of(' ', dash + 1);
      if (key == std::string::npos || key == dash + 1) continue;
      std::string as_key_line = std::string(key, ' ') + lines[i].substr(key);
      const auto id = key_value(as_key_line, key, "id");
      if (id && scalar_text(*id) == w.intent) {
        entry = i;
        key_column = key;
      }
    }
    if (entry == lines.size()) {  // written as a flow map or otherwise out of this edit's reach
      outcome.kind = WordingOutcome::Kind::not_editable;
      edit.outcomes.push_back(outcome);
      continue;
    }
    const std::size_t entry_end = block_end(lines, entry, key_column - 1);
    std::size_t examples = lines.size();
    for (std::size_t i = entry + 1; i <= entry_end; ++i)
      if (key_value(lines[i], key_column, "examples")) examples = i;
    const std::string item = yaml_list_scalar(w.wording);
    std::size_t insert_after = 0;
    std::vector<std::string> added;
    if (examples == lines.size()) {
      insert_after = entry_end;
      added = {std::string(key_column, ' ') + "examples:", std::string(key_column + 2, ' ') + w.locale + ":",
               std::string(key_column + 4, ' ') + "- " + item};
    } else {
      if (!key_value(lines[examples], key_column, "examples")->empty()) {
        outcome.kind = WordingOutcome::Kind::not_editable;
        edit.outcomes.push_back(outcome);
        continue;
      }
      const std::size_t examples_end = block_end(lines, examples, key_column);
      std::size_t locale_column = key_column + 2;
      bool bare_list = false;  // "examples:" followed by "- ..." items, no locales: not this KB's format
      for (std::size_t i = examples + 1; i <= examples_end; ++i)
        if (!is_filler(lines[i])) {
          locale_column = indent_of(lines[i]);
          bare_list = lines[i][locale_column] == '-';
          break;
        }
      if (bare_list) {
        outcome.kind = WordingOutcome::Kind::not_editable;
        edit.outcomes.push_back(outcome);
        continue;
      }
      std::size_t locale_line = lines.size();
      for (std::size_t i = examples + 1; i <= examples_end; ++i)
        if (key_value(lines[i], locale_column, w.locale)) locale_line = i;
      if (locale_line == lines.size()) {
        insert_after = examples_end;
        added = {std::string(locale_column, ' ') + w.locale + ":", std::string(locale_column + 2, ' ') + "- " + item};
      } else if (const std::string value = *key_value(lines[locale_line], locale_column, w.locale); !value.empty()) {
        // "en: [a, b]" on one line: ", c" goes before its "]" (the diff: that line changed).
        std::string& line = lines[locale_line];
        const std::size_t close = line.find(value) + value.size() - 1;
        if (value.front() != '[' || value.back() != ']' || line.find(value) == std::string::npos) {
          outcome.kind = WordingOutcome::Kind::not_editable;
          edit.outcomes.push_back(outcome);
          continue;
        }
        const bool empty_list = value.find_first_not_of(" []") == std::string::npos;
        line.insert(close, (empty_list ? "" : ", ") + yaml_flow_scalar(w.wording));
        outcome.line = static_cast<int>(locale_line) + 1;
        found->second.insert(wording_key(w.wording));
        edit.outcomes.push_back(outcome);
        continue;
      } else {
        insert_after = block_end(lines, locale_line, locale_column);
        std::size_t item_column = locale_column + 2;
        for (std::size_t i = locale_line + 1; i <= insert_after; ++i)
          if (!is_filler(lines[i])) {
            item_column = indent_of(lines[i]);
            break;
          }
        added = {std::string(item_column, ' ') + "- " + item};
      }
    }
    if (crlf)
      for (auto& line : added) line += '\r';
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(insert_after) + 1, added.begin(), added.end());
    outcome.line = static_cast<int>(insert_after + added.size()) + 1;
    for (auto& other : edit.outcomes)  // lines below the insertion moved down
      if (other.kind == WordingOutcome::Kind::added && other.line > static_cast<int>(insert_after) + 1)
        other.line += static_cast<int>(added.size());
    found->second.insert(wording_key(w.wording));
    edit.outcomes.push_back(outcome);
  }

  for (std::size_t i = 0; i < lines.size(); ++i) {
    edit.text += lines[i];
    if (i + 1 < lines.size() || final_newline) edit.text += '\n';
  }

  // Read it back: every added wording must be an example of its intent in its locale, and nothing else changed.
  YAML::Node after;
  try {
    after = YAML::Load(edit.text);
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(std::string("the edited intents.yaml would not read back (nothing written): ") + e.what());
  }
  const auto intents = after["intents"];
  for (const auto& o : edit.outcomes) {
    if (o.kind != WordingOutcome::Kind::added) continue;
    bool there = false;
    for (const auto& intent : intents)
      if (intent.IsMap() && intent["id"] && intent["id"].Scalar() == o.wording.intent && intent["examples"] &&
          intent["examples"][o.wording.locale] && intent["examples"][o.wording.locale].IsSequence())
        for (const auto& e : intent["examples"][o.wording.locale])
          there = there || (e.IsScalar() && e.Scalar() == o.wording.wording);
    if (!there)
      throw std::runtime_error("the edited intents.yaml does not read back with '" + o.wording.wording + "' under " +
                               o.wording.intent + " (" + o.wording.locale + "): nothing written");
  }
  if (intents.size() != before["intents"].size())
    throw std::runtime_error("the edited intents.yaml reads back with another number of intents: nothing written");
  return edit;
}

}  // namespace firstline::indexer
