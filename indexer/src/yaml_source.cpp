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
