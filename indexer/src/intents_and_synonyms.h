// Reading intents.yaml and synonyms.yaml (intents_and_synonyms.cpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "knowledge_base.h"

namespace firstline::indexer {

/// The intents of intents.yaml, in file order; a missing file is an error.
/// `readable` (may be null) is set to false when the file is missing or its
/// YAML is broken, so that nothing checks other files against an empty list.
std::vector<Intent> read_intents(const std::filesystem::path& path, const std::string& display,
                                 Diagnostics& diagnostics, bool* readable = nullptr);

/// synonyms.yaml's word groups (each of two words or more); the file is optional.
std::vector<std::vector<std::string>> read_synonyms(const std::filesystem::path& path, const std::string& display,
                                                    Diagnostics& diagnostics);

}  // namespace firstline::indexer
