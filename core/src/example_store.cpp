// Writing the example questions as firstline/example_store.h lays them out,
// and the key and varint helpers its reader (example_table.cpp) shares.
#include "firstline/example_store.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "firstline/anchors.h"
#include "firstline/packed.h"
#include "firstline/schema.h"
#include "firstline/terms.h"

namespace firstline {

std::string example_row_key(std::uint32_t example) {
  return packed::numbered_key(schema::kMetaExampleRows, example / kExamplesPerRow);
}

std::string example_postings_key(std::string_view term) {
  return schema::kMetaAnchored + anchors::of_term_key(term, anchors::kExamplePostings);
}

std::string example_verbatim_key(std::string_view without_punctuation) {
  return schema::kMetaExampleVerbatim + packed::hash_hex(without_punctuation);
}

ExampleStoreWriter::ExampleStoreWriter(const TextFolder& folder, const SynonymSet& synonyms)
    : folder_(folder), synonyms_(synonyms) {}

void ExampleStoreWriter::add(const std::string& text, const std::vector<std::uint32_t>& intents) {
  const auto at = static_cast<std::uint32_t>(rows_.size());
  const std::string folded = folder_.fold(text);
  std::uint32_t length = 0;
  std::vector<std::string> distinct;
  for (const auto& [term, wdf] : terms::of_text(folded, synonyms_, stemmer_)) {
    postings_[term].push_back({at, wdf});
    length += wdf;
    distinct.push_back(term);
  }
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  terms_.push_back(std::move(distinct));
  intents_.push_back(intents);
  length_.push_back(length);
  if (const std::string key = without_punctuation(folded); !key.empty())
    verbatim_[example_verbatim_key(key)].push_back(at);
  std::string row;
  packed::put_varint(row, text.size());
  row += text;
  packed::put_varint(row, intents.size());
  for (const auto intent : intents) packed::put_varint(row, intent);
  rows_.push_back(std::move(row));
}

void ExampleStoreWriter::write(Xapian::WritableDatabase& db, bool with_weights) const {
  // The BM25 length normalisation's average, as the reader needs it exactly.
  double total_length = 0;
  for (const auto length : length_) total_length += static_cast<float>(length);
  const double average = rows_.empty() ? 1 : std::max(1.0, total_length / static_cast<double>(rows_.size()));
  char stats[64];
  std::snprintf(stats, sizeof stats, "%zu %.17g", rows_.size(), average);
  db.set_metadata(schema::kMetaExampleStats, stats);
  std::string runs;
  for (std::size_t at = 0; at < intents_.size();) {
    std::size_t end = at + 1;
    while (end < intents_.size() && intents_[end] == intents_[at]) ++end;
    packed::put_varint(runs, end - at);
    packed::put_varint(runs, intents_[at].size());
    for (const auto intent : intents_[at]) packed::put_varint(runs, intent);
    at = end;
  }
  if (runs.size() <= kMaxExampleIntentRunBytes) db.set_metadata(schema::kMetaExampleIntents, runs);

  for (const auto& [term, postings] : postings_) {
    const std::string key = example_postings_key(term);
    if (key.size() > schema::kMaxMetadataKeyBytes) continue;  // no query word is that long (TermGenerator's 64-byte cap)
    std::string value;
    std::uint32_t previous = 0;
    for (const auto& p : postings) {
      packed::put_varint(value, p.example - previous);
      packed::put_varint(value, p.wdf);
      packed::put_varint(value, length_[p.example]);
      previous = p.example;
    }
    db.set_metadata(key, value);
  }
  for (std::uint32_t first = 0; first < rows_.size(); first += kExamplesPerRow) {
    std::string value;
    for (std::uint32_t at = first; at < rows_.size() && at < first + kExamplesPerRow; ++at) value += rows_[at];
    db.set_metadata(example_row_key(first), value);
  }
  if (with_weights) {
    // The reader's df of a term: its postings, none when its key was too long.
    auto df = [&](const std::string& term) -> double {
      const auto it = postings_.find(term);
      if (it == postings_.end() || example_postings_key(term).size() > schema::kMaxMetadataKeyBytes) return 0;
      return static_cast<double>(it->second.size());
    };
    const double total = static_cast<double>(rows_.size());
    for (std::uint32_t first = 0; first < rows_.size(); first += kExamplesPerRow) {
      std::string value;
      for (std::uint32_t at = first; at < rows_.size() && at < first + kExamplesPerRow; ++at) {
        double sum = 0;  // as intent_ranking.cpp's overlap_with adds them
        for (const auto& term : terms_[at]) sum += std::log((total + 1.0) / (df(term) + 0.5));
        unsigned char bytes[8];
        std::memcpy(bytes, &sum, 8);  // the targets are little-endian (x86-64, WebAssembly)
        value.append(reinterpret_cast<const char*>(bytes), 8);
      }
      db.set_metadata(packed::numbered_key(schema::kMetaExampleWeights, first / kExamplesPerRow), value);
    }
  }
  for (const auto& [key, examples] : verbatim_) {
    std::string value;
    std::uint32_t previous = 0;
    for (const auto at : examples) {
      packed::put_varint(value, at - previous);
      previous = at;
    }
    db.set_metadata(key, value);
  }
}

}  // namespace firstline
