#include "dataset.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "firstline/text.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace firstline::indexer {

namespace {

/// Contact settings for an evaluation KB. The thresholds are the product
/// defaults, chosen once on the datasets' dev queries (scripts/tune-thresholds.py).
const char* kEvaluationEscalation = R"(# Written by firstline-index convert-dataset for an evaluation KB.
timezone: UTC
channels:
  - {id: chat, kind: chat, label: {en: Live chat, zh-Hans: 在线客服}, hours: [{days: [mon, tue, wed, thu, fri, sat, sun], open: "00:00", close: "24:00"}]}
  - {id: email, kind: email, address: help@example.invalid, label: {en: Email, zh-Hans: 邮件}, hours: [{days: [mon, tue, wed, thu, fri, sat, sun], open: "00:00", close: "24:00"}]}
routes:
  explicit_request: [chat, email]
  urgent: [chat]
  human_only: [chat]
  emotional: [chat]
  repeated: [chat]
  out_of_scope: [chat, email]
thresholds:
  answer_min_confidence: 0.12
  clarify_margin: 0.2
  clarify_max_options: 4
)";

std::string yaml_quote(const std::string& text) {
  YAML::Emitter out;
  out << YAML::DoubleQuoted << text;
  return out.c_str();
}

}  // namespace

std::vector<LabelledQuery> read_labelled_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read the query file");
  std::vector<LabelledQuery> queries;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const json record = json::parse(line, nullptr, false);
    if (!record.is_object() || !record.contains("text") || !record.contains("intent") ||
        !record["text"].is_string() || !record["intent"].is_string())
      throw std::runtime_error(path + ":" + std::to_string(number) + ": expected {\"text\": ..., \"intent\": ...}");
    queries.push_back({record["text"].get<std::string>(), record["intent"].get<std::string>()});
  }
  return queries;
}

std::string dataset_intent_id(const std::string& id) {
  std::string out;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
    out += ok ? c : '_';
  }
  if (out.empty() || out[0] == '.' || out[0] == '-' || out[0] == '_') out = "i" + out;
  return out;
}

DatasetConversion convert_dataset(const std::string& set_dir, const std::string& out_dir, std::string locale) {
  const fs::path set(set_dir);
  const fs::path train_path = set / "train.jsonl";
  if (!fs::exists(train_path)) throw std::runtime_error(train_path.string() + ": cannot read (is this a dataset folder?)");
  std::vector<std::string> order;  // intents in first-seen order
  std::map<std::string, std::vector<std::string>> questions;
  for (const auto& record : read_labelled_queries(train_path.string())) {
    const std::string intent = dataset_intent_id(record.intent);
    if (!questions.count(intent)) order.push_back(intent);
    questions[intent].push_back(record.text);
  }

  std::map<std::string, std::string> labels;
  if (std::ifstream intents_file(set / "intents.json"); intents_file) {
    const json intents = json::parse(intents_file, nullptr, false);
    if (!intents.is_array()) throw std::runtime_error((set / "intents.json").string() + ": expected a JSON array");
    for (const auto& intent : intents)
      if (intent.is_object() && intent.contains("id"))
        labels[dataset_intent_id(intent["id"].get<std::string>())] = intent.value("label", "");
  }

  if (locale.empty()) {
    locale = "en";
    std::size_t checked = 0;
    for (const auto& id : order) {
      for (const auto& question : questions[id]) {
        for (std::size_t pos = 0; pos < question.size();)
          if (is_cjk_ideograph(decode_utf8(question, pos))) locale = "zh-Hans";
        if (++checked > 200) break;
      }
      if (checked > 200) break;
    }
  }

  const fs::path out(out_dir);
  fs::remove_all(out / "articles");
  fs::create_directories(out / "articles");
  std::ofstream intents_yaml(out / "intents.yaml");
  intents_yaml << "# Written by firstline-index convert-dataset from " << set_dir << "\nintents:\n";
  std::size_t number = 0;
  DatasetConversion result;
  result.locale = locale;
  for (const auto& id : order) {
    const auto& list = questions[id];
    std::string label = labels.count(id) && !labels[id].empty() ? labels[id] : list.front();
    intents_yaml << "  - id: " << yaml_quote(id) << "\n    label: {" << locale << ": " << yaml_quote(label)
                 << "}\n    option: {" << locale << ": " << yaml_quote(label) << "}\n";
    char article_id[32];
    std::snprintf(article_id, sizeof article_id, "a%06zu", number++);
    std::ofstream article(out / "articles" / (std::string(article_id) + ".md"));
    article << "---\nid: " << article_id << "\ntitle: " << yaml_quote(label) << "\ntype: faq\naudience: public\nlocale: "
            << locale << "\nintents: [" << yaml_quote(id) << "]\nquestions:\n";
    for (const auto& question : list) article << "  - " << yaml_quote(question) << "\n";
    article << "updated: 2026-01-01\n---\n" << label << "\n";
    result.questions += list.size();
  }
  result.intents = order.size();
  std::ofstream(out / "escalation.yaml") << kEvaluationEscalation;
  return result;
}

}  // namespace firstline::indexer
