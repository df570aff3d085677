// Reading escalation.yaml and first-screen.yaml (settings_files.cpp).
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "knowledge_base.h"

namespace firstline::indexer {

/// A YAML map file as JSON (an empty object when absent or unreadable; a
/// missing `required` file is an error).
nlohmann::json read_yaml_json(const std::filesystem::path& path, const std::string& display,
                              Diagnostics& diagnostics, bool required);

/// Checks escalation.yaml's structure: channels, routes to known channels, known numeric thresholds and lexicons.
void validate_escalation(const std::filesystem::path& path, const std::string& display,
                         const nlohmann::json& escalation, Diagnostics& diagnostics);

/// Checks that every topic first-screen.yaml lists is an intent of `intent_ids`
/// and none of `not_covered` (a topic the KB does not answer is never offered).
void validate_first_screen(const std::filesystem::path& path, const std::string& display,
                           const std::set<std::string>& intent_ids, const std::set<std::string>& not_covered,
                           Diagnostics& diagnostics);

}  // namespace firstline::indexer
