#include "json_schema.h"

#include <set>
#include <stdexcept>

#include "handoff_schema_text.h"  // generated from core/schema/handoff.schema.json

namespace firstline::desk::detail {

namespace {

using nlohmann::json;

std::string type_of(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_array()) return "array";
  if (v.is_object()) return "object";
  if (v.is_boolean()) return "boolean";
  if (v.is_string()) return "string";
  if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
  if (v.is_number_float()) {
    const double d = v.get<double>();
    return d == static_cast<double>(static_cast<long long>(d)) ? "integer" : "number";
  }
  return "unknown";
}

bool matches_type(const json& v, const std::string& type) {
  const std::string actual = type_of(v);
  return actual == type || (type == "number" && actual == "integer");
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string number_text(const json& v) { return v.dump(); }

}  // namespace

std::vector<std::string> validate_json(const json& schema, const json& value, const std::string& path) {
  static const std::set<std::string> annotations = {"$schema", "$id", "title", "description", "$comment", "examples", "default"};
  static const std::set<std::string> known = {"type", "required", "properties", "additionalProperties", "items", "const", "enum",
                                              "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"};
  std::vector<std::string> problems;
  for (const auto& [keyword, _] : schema.items())
    if (!known.count(keyword) && !annotations.count(keyword))
      throw std::invalid_argument(path + ": unsupported schema keyword '" + keyword + "'");
  if (schema.contains("type")) {
    std::vector<std::string> types;
    if (schema["type"].is_array()) for (const auto& t : schema["type"]) types.push_back(t.get<std::string>());
    else types.push_back(schema["type"].get<std::string>());
    bool any = false;
    for (const auto& t : types) any = any || matches_type(value, t);
    if (!any) {
      std::string joined;
      for (std::size_t i = 0; i < types.size(); ++i) joined += (i ? " or " : "") + types[i];
      problems.push_back(path + ": expected " + joined + ", got " + type_of(value));
      return problems;
    }
  }
  if (schema.contains("const") && schema["const"] != value) problems.push_back(path + ": expected " + schema["const"].dump());
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& option : schema["enum"]) found = found || option == value;
    if (!found) problems.push_back(path + ": " + value.dump() + " is not one of " + schema["enum"].dump());
  }
  if (value.is_number()) {
    const double v = value.get<double>();
    if (schema.contains("minimum") && v < schema["minimum"].get<double>())
      problems.push_back(path + ": " + number_text(value) + " < " + number_text(schema["minimum"]));
    if (schema.contains("maximum") && v > schema["maximum"].get<double>())
      problems.push_back(path + ": " + number_text(value) + " > " + number_text(schema["maximum"]));
  }
  if (value.is_string()) {
    const std::size_t length = code_points(value.get_ref<const std::string&>());
    if (schema.contains("minLength") && length < schema["minLength"].get<std::size_t>())
      problems.push_back(path + ": shorter than " + schema["minLength"].dump());
    if (schema.contains("maxLength") && length > schema["maxLength"].get<std::size_t>())
      problems.push_back(path + ": longer than " + schema["maxLength"].dump());
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>())
      problems.push_back(path + ": fewer than " + schema["minItems"].dump() + " items");
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<std::size_t>())
      problems.push_back(path + ": more than " + schema["maxItems"].dump() + " items");
    if (schema.contains("items"))
      for (std::size_t i = 0; i < value.size(); ++i)
        for (auto& p : validate_json(schema["items"], value[i], path + "[" + std::to_string(i) + "]")) problems.push_back(p);
  }
  if (value.is_object()) {
    if (schema.contains("required"))
      for (const auto& key : schema["required"])
        if (!value.contains(key.get<std::string>())) problems.push_back(path + ": missing required '" + key.get<std::string>() + "'");
    for (const auto& [key, item] : value.items()) {
      if (schema.contains("properties") && schema["properties"].contains(key)) {
        for (auto& p : validate_json(schema["properties"][key], item, path + "." + key)) problems.push_back(p);
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false) {
        problems.push_back(path + ": unexpected property '" + key + "'");
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()) {
        for (auto& p : validate_json(schema["additionalProperties"], item, path + "." + key)) problems.push_back(p);
      }
    }
  }
  return problems;
}

const json& handoff_schema() {
  static const json schema = json::parse(kHandoffSchemaText);
  return schema;
}

}  // namespace firstline::desk::detail
