// Converting a labelled query set (the shared datasets' format) into a
// kb-content folder, so evaluation KBs are built by the same indexer:
// one intent = one article, its train lines as the article's questions.
//
//   SET/intents.json  [{"id", "label"}]   (optional: labels default to the first question)
//   SET/train.jsonl   {"text", "intent"} per line
#pragma once

#include <string>
#include <vector>

namespace firstline::indexer {

struct DatasetConversion {
  std::size_t intents = 0;
  std::size_t questions = 0;
  std::string locale;
};

/// One line of a labelled query file: {"text": ..., "intent": ...}.
struct LabelledQuery {
  std::string text;
  std::string intent;  ///< as written in the file
};

/// Reads a JSON-lines file of labelled queries (train.jsonl, dev.jsonl).
/// Throws std::runtime_error naming the file and line of anything else.
std::vector<LabelledQuery> read_labelled_queries(const std::string& path);

/// The intent id used in the KB for a dataset's intent (ids are kept unless
/// they hold characters intent ids may not, which become '_').
std::string dataset_intent_id(const std::string& id);

/// Writes `out_dir` (intents.yaml, escalation.yaml, articles/) from the set in
/// `set_dir`. `locale` empty = detected from the text. Throws std::runtime_error
/// naming the file and line of unreadable input.
DatasetConversion convert_dataset(const std::string& set_dir, const std::string& out_dir, std::string locale = "");

}  // namespace firstline::indexer
