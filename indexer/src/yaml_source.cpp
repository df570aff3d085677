// The helpers of yaml_source.h that are not YamlSource's own.
#include "yaml_source.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

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

}  // namespace firstline::indexer
