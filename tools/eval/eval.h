// Evaluation of the engine on labelled query sets (see firstline-eval --help).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace firstline::eval {

struct EvalOptions {
  std::string name;        ///< the report's name for this run
  std::string set_dir;     ///< a dataset folder (intents.json, train.jsonl, dev.jsonl), or
  std::string kb_dir;      ///< a kb-content folder (with query_file)
  std::string query_file;  ///< JSON lines {"text", "intent"}; default: the set's dev.jsonl
  std::string work_dir;    ///< where the KB and index are built
  std::size_t limit = 0;   ///< evaluate an even sample of this many queries (0 = all)
  std::string details_file;  ///< if set: every query's decision and intent scores, as JSON (for tuning)
};

/// Builds the KB, runs every query through the API, returns the report as JSON.
nlohmann::json evaluate(const EvalOptions& options);

/// The reports as one Markdown table.
std::string markdown_report(const nlohmann::json& reports);

}  // namespace firstline::eval
