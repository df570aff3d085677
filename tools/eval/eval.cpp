// firstline-eval: how well the engine maps real queries to intents, and knows
// when it cannot, through the same request/response API the widget uses.
#include "eval.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "dataset.h"
#include "firstline/api.h"
#include "index_writer.h"
#include "knowledge_base.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace firstline::eval {

using namespace firstline::indexer;  // the KB reader, the dataset converter and the index writer

namespace {

struct Query {
  std::string text, intent;  // intent "oos" = out of scope
};

std::vector<Query> read_queries(const std::string& path) {
  std::vector<Query> queries;
  for (const auto& record : read_labelled_queries(path))
    queries.push_back({record.text, record.intent == "oos" ? "oos" : dataset_intent_id(record.intent)});
  return queries;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t at = std::min(values.size() - 1, static_cast<std::size_t>(std::ceil(p * values.size())) - 1);
  return values[at];
}

double ratio(std::size_t a, std::size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }

/// Builds `kb_dir` into `index_dir` with the indexer's own code; returns build seconds.
double build_index(const std::string& kb_dir, const std::string& index_dir) {
  const auto start = std::chrono::steady_clock::now();
  Diagnostics diagnostics;
  KnowledgeBase kb = load_knowledge_base(kb_dir, diagnostics);
  render_articles(kb, diagnostics);
  if (diagnostics.has_errors()) {
    for (const auto& d : diagnostics.all())
      if (d.severity == Diagnostic::Severity::error) std::cerr << d.to_string() << "\n";
    throw std::runtime_error(kb_dir + ": the KB has errors");
  }
  BuildOptions options;
  options.out_dir = index_dir;
  options.tool_version = "eval";
  write_indexes(kb, make_chinese_folder(), options);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

json evaluate(const EvalOptions& options) {
  fs::create_directories(options.work_dir);
  std::string kb_dir = options.kb_dir;
  std::string query_file = options.query_file;
  json report = {{"name", options.name}};
  if (!options.set_dir.empty()) {
    kb_dir = (fs::path(options.work_dir) / "kb").string();
    const DatasetConversion converted = convert_dataset(options.set_dir, kb_dir);
    report["kb"] = {{"intents", converted.intents}, {"questions", converted.questions}, {"locale", converted.locale}};
    if (query_file.empty()) query_file = (fs::path(options.set_dir) / "dev.jsonl").string();
  }
  const std::string index_dir = (fs::path(options.work_dir) / "index").string();
  const double build_seconds = build_index(kb_dir, index_dir);
  const std::string index_path = index_dir + "/public.db";
  report["index"] = {{"build_seconds", build_seconds}, {"bytes", fs::file_size(index_path)}};

  std::vector<Query> queries = read_queries(query_file);
  if (options.limit > 0 && queries.size() > options.limit) {
    // An even sample across the file, not its first lines (files are grouped by intent).
    std::vector<Query> sample;
    const double step = static_cast<double>(queries.size()) / static_cast<double>(options.limit);
    for (std::size_t i = 0; i < options.limit; ++i) sample.push_back(queries[static_cast<std::size_t>(i * step)]);
    queries = std::move(sample);
  }

  Api api;
  const json opened = json::parse(api.call(json{{"op", "open"}, {"path", index_path}}.dump()));
  if (!opened.value("ok", false)) throw std::runtime_error("cannot open " + index_path + ": " + opened.dump());

  std::size_t in_scope = 0, oos = 0, top1 = 0, top3 = 0, answered = 0, clarified = 0, escalated = 0;
  std::size_t clarify_success = 0, wrong_answers = 0, oos_answered = 0, oos_rejected = 0, in_scope_kept_correct = 0;
  std::size_t rejected_in_scope = 0, clarify_options = 0;
  std::vector<double> ask_ms, keystroke_ms;
  json errors = json::array();
  json details = json::array();
  for (const auto& query : queries) {
    api.call(R"({"op": "reset"})");
    const std::string request = json{{"op", "ask"}, {"query", query.text}}.dump();
    // The per-keystroke path: hints for what is typed, then the decision.
    const std::string hints_request = json{{"op", "hints"}, {"text", query.text}}.dump();
    const auto t0 = std::chrono::steady_clock::now();
    api.call(hints_request);
    const auto t1 = std::chrono::steady_clock::now();
    const json response = json::parse(api.call(request));
    const auto t2 = std::chrono::steady_clock::now();
    api.call(R"({"op": "reset"})");
    ask_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    keystroke_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t0).count());
    if (!response.value("ok", false)) throw std::runtime_error("ask failed: " + response.dump());
    const json& d = response["result"]["decision"];
    const std::string kind = d["kind"];
    std::vector<std::string> ranked;  // distinct intents, best first
    for (const auto& intent : d["intents"]) ranked.push_back(intent["id"]);
    const bool is_oos = query.intent == "oos";
    const bool rejected = kind == "escalate" && d["escalation"]["reason"] == "out_of_scope";
    if (kind == "answer") ++answered;
    else if (kind == "clarify") {
      ++clarified;
      clarify_options += d["options"].size();
    }
    else ++escalated;
    if (is_oos) {
      if (!options.details_file.empty()) details.push_back({{"query", query.text}, {"gold", "oos"}, {"kind", kind}, {"intents", d["intents"]}});
      ++oos;
      if (rejected) ++oos_rejected;
      if (kind == "answer") ++oos_answered;
      continue;
    }
    ++in_scope;
    const bool first = !ranked.empty() && ranked[0] == query.intent;
    const bool in_three = std::find(ranked.begin(), ranked.begin() + std::min<std::size_t>(3, ranked.size()),
                                    query.intent) != ranked.begin() + std::min<std::size_t>(3, ranked.size());
    top1 += first;
    top3 += in_three;
    if (rejected) ++rejected_in_scope;
    if (!rejected && first) ++in_scope_kept_correct;
    if (kind == "answer" && !first) ++wrong_answers;
    if (kind == "clarify") {
      for (const auto& option : d["options"])
        if (option["intent"] == query.intent) {
          ++clarify_success;
          break;
        }
    }
    if (!options.details_file.empty()) details.push_back({{"query", query.text}, {"gold", query.intent}, {"kind", kind}, {"intents", d["intents"]}});
    if (!first && errors.size() < 30)
      errors.push_back({{"query", query.text}, {"expected", query.intent}, {"got", ranked.empty() ? "" : ranked[0]},
                        {"decision", kind}});
  }
  const std::size_t total = in_scope + oos;
  report["queries"] = {{"total", total}, {"in_scope", in_scope}, {"out_of_scope", oos}, {"file", query_file}};
  report["accuracy"] = {{"top1", ratio(top1, in_scope)}, {"top3", ratio(top3, in_scope)}};
  report["decisions"] = {{"answer", ratio(answered, total)},
                         {"clarify", ratio(clarified, total)},
                         {"escalate", ratio(escalated, total)},
                         {"clarify_success", ratio(clarify_success, clarified)},
                         {"options_per_question", clarified ? static_cast<double>(clarify_options) / clarified : 0.0},
                         {"wrong_answers_in_scope", ratio(wrong_answers, in_scope)},
                         {"rejected_in_scope", ratio(rejected_in_scope, in_scope)}};
  if (oos > 0)
    report["out_of_scope"] = {{"recall", ratio(oos_rejected, oos)},
                              {"answered", ratio(oos_answered, oos)},
                              {"in_scope_accuracy_after_rejection", ratio(in_scope_kept_correct, in_scope)}};
  report["latency_ms"] = {{"ask_p50", percentile(ask_ms, 0.5)},
                          {"ask_p99", percentile(ask_ms, 0.99)},
                          {"keystroke_p50", percentile(keystroke_ms, 0.5)},
                          {"keystroke_p99", percentile(keystroke_ms, 0.99)}};
  report["first_errors"] = errors;
  if (!options.details_file.empty()) std::ofstream(options.details_file) << details.dump() << "\n";
  return report;
}

std::string markdown_report(const json& reports) {
  std::ostringstream out;
  auto pct = [](const json& v) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", v.get<double>() * 100);
    return std::string(buffer);
  };
  auto ms = [](const json& v) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2f", v.get<double>());
    return std::string(buffer);
  };
  out << "| set | queries | top-1 | top-3 | answer | clarify | options | escalate | clarify success | wrong answers | OOS recall "
         "| in-scope acc. after rejection | ask p50 ms | ask p99 ms | keystroke p99 ms | build s | index MiB |\n"
      << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& r : reports) {
    const bool has_oos = r.contains("out_of_scope");
    char size[16];
    std::snprintf(size, sizeof size, "%.1f", r["index"]["bytes"].get<double>() / (1024.0 * 1024.0));
    char build[16];
    std::snprintf(build, sizeof build, "%.1f", r["index"]["build_seconds"].get<double>());
    out << "| " << r["name"].get<std::string>() << " | " << r["queries"]["total"] << " | " << pct(r["accuracy"]["top1"])
        << " | " << pct(r["accuracy"]["top3"]) << " | " << pct(r["decisions"]["answer"]) << " | "
        << pct(r["decisions"]["clarify"]) << " | " << ms(r["decisions"]["options_per_question"]) << " | "
        << pct(r["decisions"]["escalate"]) << " | "
        << pct(r["decisions"]["clarify_success"]) << " | " << pct(r["decisions"]["wrong_answers_in_scope"]) << " | "
        << (has_oos ? pct(r["out_of_scope"]["recall"]) : "–") << " | "
        << (has_oos ? pct(r["out_of_scope"]["in_scope_accuracy_after_rejection"]) : "–") << " | "
        << ms(r["latency_ms"]["ask_p50"]) << " | " << ms(r["latency_ms"]["ask_p99"]) << " | "
        << ms(r["latency_ms"]["keystroke_p99"]) << " | " << build << " | " << size << " |\n";
  }
  return out.str();
}

}  // namespace firstline::eval
