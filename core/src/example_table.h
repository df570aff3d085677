// The KB's example questions in memory (schema.h: the examples table), with
// the postings of their terms: the nearest-example search is BM25 over them,
// with no index access (not part of the public API).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "firstline/text.h"
#include "query_terms.h"

namespace firstline {

class ExampleTable {
 public:
  struct Example {
    std::string text;                  ///< as written
    std::vector<std::string> intents;  ///< the intents it is an example of
  };

  /// Adds an example whose folded text is `folded` and whose terms (as a
  /// query of the same text has them) are `terms`.
  void add(Example example, const std::string& folded,
           const std::vector<std::pair<std::string, Xapian::termcount>>& terms);

  /// Computes the length normalisation; call once, after the last add().
  void finish();

  std::size_t size() const noexcept { return examples_.size(); }
  const Example& operator[](std::uint32_t at) const { return examples_[at]; }

  /// How many examples have `term`.
  std::size_t frequency(const std::string& term) const;

  /// The `n` examples nearest to the query by BM25 (k1 = 1, b = 0.5, as
  /// Xapian's defaults but k1), best first, as (example, weight). A long
  /// query keeps its Index::Internal::kEliteTerms most telling terms, as an
  /// article search does.
  std::vector<std::pair<std::uint32_t, double>> nearest(const AnalysedQuery& terms, std::size_t n) const;

  /// The intents one of whose examples the query is, word for word (case,
  /// spaces and punctuation aside: text.h, without_punctuation), in the KB's order.
  std::vector<std::string> intents_asked_verbatim(const std::string& folded, const TextFolder& folder) const;

 private:
  struct Posting {
    std::uint32_t example;
    std::uint32_t wdf;
  };
  std::vector<Example> examples_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;
  std::vector<float> norm_;  // (1 - b) + b * length / average length, floored as Xapian does
  std::unordered_multimap<std::size_t, std::uint32_t> by_text_;  // hash of the text without punctuation
};

}  // namespace firstline
