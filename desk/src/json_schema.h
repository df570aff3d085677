// A small JSON Schema (draft 2020-12) validator for the keywords our schemas
// use — the same keywords and messages as tests/browser/lib/json-schema.mjs,
// which checks the widget's payload against core/schema/handoff.schema.json
// in the browser tests. A schema with any other validation keyword is refused
// (std::invalid_argument) rather than half-checked.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace firstline::desk::detail {

/// Problems ("$.path: message"), empty when `value` is valid against `schema`.
std::vector<std::string> validate_json(const nlohmann::json& schema, const nlohmann::json& value,
                                       const std::string& path = "$");

/// core/schema/handoff.schema.json, compiled into the desk.
const nlohmann::json& handoff_schema();

}  // namespace firstline::desk::detail
