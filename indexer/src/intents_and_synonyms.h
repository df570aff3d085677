// Reading intents.yaml and synonyms.yaml (intents_and_synonyms.cpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "knowledge_base.h"

namespace firstline::indexer {

/// The intents of intents.yaml, in file order; a missing file is an error.
std::vector<Intent> read_intents(const std::filesystem::path& path, const std::string& display,
                                 Diagnostics& diagnostics);

/// synonyms.yaml's word groups (each of two words or more); the file is optional.
std::vector<std::vector<std::string>> read_synonyms(const std::filesystem::path& path, const std::string& display,
                                                    Diagnostics& diagnostics);

}  // namespace firstline::indexer
