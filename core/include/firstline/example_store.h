// firstline/example_store.h — the example questions as an index stores them
// (format 3): written by the indexer, read by need by the core. Like schema.h
// and terms.h it is for those two only: it speaks Xapian.
//
// The nearest-example search is BM25 over the examples (k1 = 1, b = 0.5). To
// rank a query it needs only, for each of the query's terms, the examples
// that have it with their lengths, so each term's postings are one metadata
// entry and opening an index reads none of them:
//
// (varints and numbers as firstline/packed.h encodes them)
//   kMetaExampleStats              "count average_length" (decimal; the average as C's %.17g)
//   kMetaExampleIntents            read at opening, written only when at most
//                                  kMaxExampleIntentRunBytes: the examples in runs of
//                                  the same intents, each varint(length),
//                                  varint(intent count), varint(intent position)...;
//                                  so the nearest examples' intents cost no read
//   example_postings_key(term)     per example holding the term, ascending:
//                                  varint(example - previous example), varint(wdf), varint(length);
//                                  keyed from the term's anchor (firstline/anchors.h), beside
//                                  the intent model's entries for the same word
//   kMetaExampleRows + block       the examples block * kExamplesPerRow onwards, each:
//                                  varint(text bytes), text, varint(intent count), varint(intent position)...
//   kMetaExampleVerbatim + hash    the examples whose folded text without punctuation
//                                  (text.h) hashes so: varint(example - previous)...
//   kMetaExampleWeights + block    written only when asked (an index without an intent
//                                  model, whose ranking weighs how much of an example
//                                  the query holds): for the examples block *
//                                  kExamplesPerRow onwards, the sum of the idf
//                                  log((count + 1) / (df + 0.5)) of each one's distinct
//                                  terms in term order, as 8-byte IEEE doubles, little-endian;
//                                  without it the reader would read the postings of
//                                  every term of the example to count its df
//
// An example's terms are terms::of_text() of its folded text, as a query of
// the same words has them; its length is the sum of their counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "firstline/text.h"

namespace firstline {

/// Examples per row entry: a found example costs one entry read, its neighbours come with it.
inline constexpr std::uint32_t kExamplesPerRow = 64;
/// The most kMetaExampleIntents may take (it is in every first download).
inline constexpr std::size_t kMaxExampleIntentRunBytes = 16 * 1024;

/// The postings entry's key for a term (schema::kMetaAnchored and the rest).
std::string example_postings_key(std::string_view term);
/// The row entry's key for an example.
std::string example_row_key(std::uint32_t example);
/// The verbatim entry's key for a folded text without punctuation (FNV-1a 64, hex).
std::string example_verbatim_key(std::string_view without_punctuation);

/// Collects the example questions while an index is built, then writes them.
class ExampleStoreWriter {
 public:
  ExampleStoreWriter(const TextFolder& folder, const SynonymSet& synonyms);

  /// An example question; `intents`: positions in the intents entry (schema.h).
  void add(const std::string& text, const std::vector<std::uint32_t>& intents);

  std::size_t size() const noexcept { return rows_.size(); }

  /// Writes every entry above into `db`, kMetaExampleWeights only if `with_weights`.
  void write(Xapian::WritableDatabase& db, bool with_weights) const;

 private:
  struct Posting {
    std::uint32_t example, wdf;
  };
  const TextFolder& folder_;
  const SynonymSet& synonyms_;
  Xapian::Stem stemmer_{"english"};
  std::vector<std::string> rows_;      // each example's row bytes
  std::vector<std::uint32_t> length_;  // each example's length
  std::vector<std::vector<std::string>> terms_;  // each example's distinct terms, sorted
  std::vector<std::vector<std::uint32_t>> intents_;  // each example's intents (positions)
  std::map<std::string, std::vector<Posting>> postings_;
  std::map<std::string, std::vector<std::uint32_t>> verbatim_;
};

}  // namespace firstline
