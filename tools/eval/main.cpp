// firstline-eval: the command line over eval.h (see eval.cpp).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "eval.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* kUsage = R"(firstline-eval — measure intent suggestion and out-of-scope detection

Usage:
  firstline-eval --set DIR [--queries FILE] [--out DIR] [--limit N]
      Build a KB from a labelled set (intents.json, train.jsonl) and run its
      dev.jsonl (or FILE) through the engine.
  firstline-eval --kb KB_DIR --queries FILE [--out DIR] [--limit N]
      The same for a kb-content folder and a query file ({"text", "intent"} lines).
  firstline-eval --all DATASETS_DIR [--out DIR] [--limit N]
      Every set in DATASETS_DIR (e.g. ../shared/datasets).

Writes DIR/report.json and DIR/report.md (default DIR: out/eval) and prints the table.
Thresholds come from the KB's escalation settings; nothing is tuned on the queries reported.
)";

}  // namespace

int main(int argc, char** argv) {
  std::string set, kb, queries, all, details, out = "out/eval";
  std::size_t limit = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--set") set = value();
    else if (arg == "--kb") kb = value();
    else if (arg == "--queries") queries = value();
    else if (arg == "--all") all = value();
    else if (arg == "--out") out = value();
    else if (arg == "--limit") limit = std::stoul(value());
    else if (arg == "--details") details = value();
    else {
      std::cerr << "unknown argument " << arg << "\n" << kUsage;
      return 2;
    }
  }
  std::vector<firstline::eval::EvalOptions> runs;
  if (!all.empty()) {
    std::vector<fs::path> sets;
    for (const auto& entry : fs::directory_iterator(all))
      if (fs::exists(entry.path() / "train.jsonl")) sets.push_back(entry.path());
    std::sort(sets.begin(), sets.end());
    for (const auto& path : sets)
      runs.push_back({path.filename().string(), path.string(), "", "", (fs::path(out) / path.filename()).string(), limit, ""});
  } else if (!set.empty()) {
    const std::string name = fs::path(set).filename().string();
    runs.push_back({name, set, "", queries, (fs::path(out) / name).string(), limit, details});
  } else if (!kb.empty() && !queries.empty()) {
    runs.push_back({fs::path(kb).filename().string(), "", kb, queries, (fs::path(out) / "kb").string(), limit, ""});
  } else {
    std::cerr << kUsage;
    return 2;
  }
  json reports = json::array();
  try {
    for (const auto& run : runs) {
      std::cerr << "[firstline-eval] " << run.name << "\n";
      reports.push_back(firstline::eval::evaluate(run));
    }
  } catch (const std::exception& e) {
    std::cerr << "firstline-eval: " << e.what() << "\n";
    return 1;
  }
  fs::create_directories(out);
  std::ofstream(fs::path(out) / "report.json") << reports.dump(2) << "\n";
  const std::string table = firstline::eval::markdown_report(reports);
  std::ofstream(fs::path(out) / "report.md") << "# firstline evaluation\n\n" << table;
  std::cout << table;
  return 0;
}
