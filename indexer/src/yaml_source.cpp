// The helpers of yaml_source.h that are not YamlSource's own.
#include "yaml_source.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "firstline/text.h"

namespace firstline::indexer {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

bool contains(const std::vector<std::string>& items, const std::string& value) {
  return std::find(items.begin(), items.end(), value) != items.end();
}

namespace {

std::u32string code_points(const std::string& text) {
  std::u32string out;
  for (std::size_t pos = 0; pos < text.size();) out.push_back(decode_utf8(text, pos));
  return out;
}

/// Edits (insert, delete, substitute, swap two neighbours) from a to b, or
/// bound + 1 as soon as every path is longer than `bound`.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b, std::size_t bound) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > bound) return bound + 1;
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t row_best = bound + 1;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      row_best = std::min(row_best, d[i][j]);
    }
    if (row_best > bound) return bound + 1;
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string did_you_mean(const std::string& unknown, const std::vector<std::string>& known) {
  const std::u32string wanted = code_points(unknown);
  const std::size_t bound = std::max<std::size_t>(1, std::min<std::size_t>(3, wanted.size() / 4));
  std::size_t best = bound + 1;
  std::vector<std::string> nearest;
  for (const auto& candidate : known) {
    if (candidate == unknown || contains(nearest, candidate)) continue;
    const std::size_t distance = edit_distance(wanted, code_points(candidate), std::min(best, bound));
    if (distance > bound || distance > best) continue;
    if (distance < best) nearest.clear();
    best = distance;
    nearest.push_back(candidate);
  }
  if (nearest.empty()) return "";
  std::sort(nearest.begin(), nearest.end());
  if (nearest.size() > 3) nearest.resize(3);
  std::string out = ": did you mean ";
  for (std::size_t i = 0; i < nearest.size(); ++i)
    out += (i == 0 ? "" : i + 1 == nearest.size() ? " or " : ", ") + ("'" + nearest[i] + "'");
  return out + "?";
}

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::size_t indent_of(const std::string& line) {
  const std::size_t first = line.find_first_not_of(' ');
  return first == std::string::npos ? line.size() : first;
}

bool blank_or_comment(const std::string& line) {
  const std::size_t first = line.find_first_not_of(" \t");
  return first == std::string::npos || line[first] == '#';
}

std::string spaces(std::size_t n) { return std::to_string(n) + (n == 1 ? " space" : " spaces"); }

}  // namespace

YamlSyntaxProblem explain_yaml_error(const std::string& text, const YAML::Exception& error) {
  const std::vector<std::string> lines = split_lines(text);
  const int at = std::clamp(error.mark.line, 0, static_cast<int>(lines.size()) - 1);
  const std::string theirs = " (yaml-cpp: " + error.msg + ")";

  // A tab in a line's indentation, where yaml-cpp stopped or above it.
  for (int i = 0; i <= at; ++i) {
    const std::string& line = lines[i];
    const std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line.find('\t') < first)
      return {i, "this line is indented with a tab: YAML indents with spaces only; replace the tab with spaces" + theirs};
  }

  // key: value: more, unquoted. A value opening with a quote, bracket or
  // block marker is YAML's own business.
  static const std::regex key_value(R"(^\s*(?:-\s+)?([^\s#'"{\[&*!|>-][^:]*?):[ \t]+(.*?)\s*$)");
  // std::regex recurses per character: a line of a megabyte would overflow the stack.
  constexpr std::size_t kLongestLineExplained = 2000;
  auto key_value_of = [&](const std::string& line, std::smatch& match) {
    return line.size() <= kLongestLineExplained && std::regex_match(line, match, key_value);
  };
  std::smatch m;
  const std::string& here = lines[at];
  if (key_value_of(here, m)) {
    const std::string key = m[1], value = m[2];
    const bool plain = !value.empty() && std::string("'\"[{|>&*!#").find(value[0]) == std::string::npos;
    if (plain && (value.find(": ") != std::string::npos || value.back() == ':')) {
      std::string quoted = "\"" + value + "\"";
      if (value.find('"') != std::string::npos) {
        quoted = "'";
        for (char c : value) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        quoted += "'";
      }
      return {at, "the value of '" + key + "' holds ': ', which YAML reads as the start of another key: put the "
                  "whole value in quotes, e.g. " + key + ": " + quoted + theirs};
    }
  }

  // A bracket or quote left open: point at the line that opened it.
  if (error.msg.find("flow") != std::string::npos) {
    for (int i = at; i >= 0; --i) {
      const std::string& line = lines[i];
      if (std::count(line.begin(), line.end(), '[') > std::count(line.begin(), line.end(), ']') ||
          std::count(line.begin(), line.end(), '{') > std::count(line.begin(), line.end(), '}'))
        return {i, "a '[' or '{' opened on this line is not closed: close it, or put the value in quotes if the "
                   "bracket is part of the text" + theirs};
    }
  }
  if (error.msg.find("end of string") != std::string::npos)
    return {at, "a quote opened here is not closed: end the value with the same quote mark it starts with" + theirs};

  // Indentation out of step with the line above.
  int above = at - 1;
  while (above >= 0 && blank_or_comment(lines[above])) --above;
  if (above >= 0 && !blank_or_comment(here)) {
    const std::size_t mine = indent_of(here), theirs_indent = indent_of(lines[above]);
    // "  - id: a" opens an item whose keys start after the dash.
    const std::string& item = lines[above];
    if (item.compare(theirs_indent, 2, "- ") == 0 && mine == theirs_indent && here.compare(mine, 2, "- ") != 0) {
      std::size_t keys = item.find_first_not_of(' ', theirs_indent + 1);
      if (keys == std::string::npos) keys = theirs_indent + 2;
      return {at, "this line is indented " + spaces(mine) + ", like the '-' of the item above, whose keys start " +
                      "after it: indent it " + spaces(keys) + " to go on with that item, or start a new item with '- '" +
                      theirs};
    }
    std::smatch above_match;
    const bool above_has_value = key_value_of(lines[above], above_match) && above_match[2].length() > 0;
    if (mine > theirs_indent && above_has_value)
      return {at, "this line is indented " + spaces(mine) + ", more than the line above (" + spaces(theirs_indent) +
                      "), which already has its value: line a new key up with the keys above it, or, if the text "
                      "continues that value, put the whole value in quotes on one line" + theirs};
    if (mine != theirs_indent)
      return {at, "this line is indented " + spaces(mine) + " and the line above " + spaces(theirs_indent) +
                      ": the keys of one map, and the '-' of the items of one list, must start at the same column "
                      "(count the spaces)" + theirs};
  }
  return {at, "YAML cannot read this line: check its indentation (spaces only, the same as the lines it belongs "
              "with), and put text holding ': ', '#', '[' or '{' in quotes" + theirs};
}

std::optional<YAML::Node> YamlSource::parse(const std::string& text) {
  lines_ = split_lines(text);
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    const YamlSyntaxProblem problem = explain_yaml_error(text, e);
    diagnostics_.error(file_, first_line_ + problem.line, "invalid YAML: " + problem.message);
    return std::nullopt;
  }
}

void YamlSource::warn_merged_items(const YAML::Node& list, const std::string& what) {
  auto check = [&](const YAML::Node& item) {
    if (!item.IsScalar() || item.Tag() == "!") return;  // quoted: the dash was meant
    const std::string& text = item.Scalar();
    const std::size_t marker = text.rfind("- ", 0) == 0 ? 0 : text.find(" - ");
    if (marker == std::string::npos) return;
    const std::string rest = text.substr(marker == 0 ? 2 : marker + 3);
    // The marker's own line: the item's, if the dash follows it there (a
    // flow list), else the first line below that starts with one.
    const int start = std::max(0, item.Mark().line);
    int found = start;
    for (int i = start; i < static_cast<int>(lines_.size()) && i < start + 32; ++i) {
      const std::string& line = lines_[i];
      const std::size_t first = line.find_first_not_of(' ');
      const bool here = i == start ? line.find(" - ", std::max(0, item.Mark().column)) != std::string::npos
                                   : first != std::string::npos && line.compare(first, 2, "- ") == 0;
      if (here) {
        found = i;
        break;
      }
    }
    const std::string fix = found > start ? "two merged into one? Start '- " + rest +
                                                "' at the same column as the '-' above it"
                                          : "two in one? Make '" + rest + "' an item of its own";
    warning(first_line_ + found, what + " '" + text + "' holds ' - ', the mark of a list item: " + fix +
                                     " (or quote the text if the dash belongs to it)");
  };
  if (list.IsSequence())
    for (const auto& item : list) check(item);
  else
    check(list);
}

std::string read_text(const std::filesystem::path& path, const std::string& display, Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error(display, 0, "cannot be read: check that it is a file and its permissions");
    return "";
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  std::string text;
  text.reserve(bytes.size());
  bool reported = false;
  int line = 1, column = 1;  // in characters, as an editor counts them
  for (std::size_t pos = 0; pos < bytes.size();) {
    const std::size_t at = pos;
    const char32_t cp = decode_utf8(bytes, pos);
    const bool invalid = cp == 0xFFFD && bytes.compare(at, 3, "\xEF\xBF\xBD") != 0;
    if (invalid && !reported) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[at]));
      diagnostics.error(display, line,
                        "column " + std::to_string(column) + ": byte " + hex +
                            " is not UTF-8: save the file as UTF-8 (the KB's only encoding)");
      reported = true;
    }
    if (invalid) {
      append_utf8(text, 0xFFFD);
    } else {
      text.append(bytes, at, pos - at);
    }
    ++column;
    if (cp == '\n') {
      ++line;
      column = 1;
    }
  }
  return text;
}

nlohmann::json YamlSource::to_json(const YAML::Node& node) {
  std::size_t values = 0;
  try {
    return to_json(node, 0, values);
  } catch (const TooManyValues&) {
    error(node, "the file holds more than " + std::to_string(kMaxJsonValues) +
                    " values (are anchors and aliases repeating each other?)");
    return nullptr;
  }
}

nlohmann::json YamlSource::to_json(const YAML::Node& node, int depth, std::size_t& values) {
  if (++values > kMaxJsonValues) throw TooManyValues{};
  if (depth > kMaxJsonDepth && (node.IsSequence() || node.IsMap())) {
    error(node, "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    return nullptr;
  }
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      auto out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(to_json(item, depth + 1, values));
      return out;
    }
    case YAML::NodeType::Map: {
      auto out = nlohmann::json::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) {
          error(entry.first, "a key must be text");
          continue;
        }
        out[entry.first.Scalar()] = to_json(entry.second, depth + 1, values);
      }
      return out;
    }
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      if (node.Tag() == "!") return text;  // quoted
      if (text == "true") return true;
      if (text == "false") return false;
      static const std::regex number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?)");
      if (!std::regex_match(text, number)) return text;
      if (text.find('.') != std::string::npos) return std::strtod(text.c_str(), nullptr);
      long long value = 0;
      const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (problem != std::errc() || end != text.data() + text.size()) {
        error(node, "the number " + (text.size() > 24 ? text.substr(0, 24) + "…" : text) +
                        " is too large (quote it if it is meant as text)");
        return nullptr;
      }
      return value;
    }
    default:
      return nullptr;
  }
}

}  // namespace firstline::indexer
