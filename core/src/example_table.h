// The KB's example questions, read by need from the index's example entries
// (firstline/example_store.h): the nearest-example search is BM25 over the
// postings of the query's own terms (not part of the public API).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "bounded_cache.h"
#include "firstline/index.h"
#include "intent_directory.h"
#include "firstline/text.h"
#include "query_terms.h"

namespace firstline {

class ExampleTable {
 public:
  struct Example {
    std::string text;                  ///< as written
    std::vector<std::string> intents;  ///< the intents it is an example of
  };

  /// The distinct terms of a text, as the index makes them (firstline/terms.h).
  using TermsOf = std::function<std::vector<std::string>(const std::string& text)>;

  /// Reads the examples of `db` from now on, by need; `intents` is the
  /// index's intent list (rows name intents by position in it); `terms_of`
  /// makes an example's terms from its text (none: holds() reads a common
  /// term's pieces instead). Reads only the entries opening reads now. `db`
  /// and `intents` must outlive the table.
  void open(const Xapian::Database& db, const IntentDirectory& intents, TermsOf terms_of = {});

  std::size_t size() const noexcept { return count_; }
  /// The example at `at` (one row entry read, or none if cached).
  Example operator[](std::uint32_t at) const;

  /// The intents the example at `at` is an example of: from the runs read at
  /// opening where the index has them (kMetaExampleIntents), else its row.
  std::vector<std::string> intents_of(std::uint32_t at) const;
  /// The same as positions in the KB's intent list (no intent entry read).
  std::vector<std::uint32_t> intent_positions_of(std::uint32_t at) const;

  /// How many examples have `term`.
  std::size_t frequency(const std::string& term) const;
  /// How many articles have `term`, as Xapian's get_termfreq() says, from the
  /// term's entry (read with its example postings, firstline/anchors.h)
  /// instead of the term's own postings: one leaf less per query term.
  Xapian::doccount article_frequency(const std::string& term) const;
  /// The distinct terms of the example at `at`, sorted, made from its row's
  /// text by the TermsOf given at open (none without one).
  std::shared_ptr<const std::vector<std::string>> terms_of_example(std::uint32_t at) const;

  /// Whether the example at `at` has `term`: from the term's postings when
  /// they were read (frequency() read a rare term's, the search a kept
  /// term's pieces), else from the example's own row (a common word the
  /// search left out: its pieces would be most of a question's bytes).
  bool holds(const std::string& term, std::uint32_t at) const;

  /// The sum of the idf of the example's distinct terms, as the index stored
  /// it in the example's row (example_store.h), or nothing for an index that
  /// did not: the caller then adds them up from frequency().
  std::optional<double> term_idf_total(std::uint32_t at) const;

  /// The `n` examples nearest to the query by BM25 (k1 = 1, b = 0.5, as
  /// Xapian's defaults but k1), best first, as (example, weight). A long
  /// query keeps its Index::Internal::kEliteTerms most telling terms, as an
  /// article search does.
  std::vector<std::pair<std::uint32_t, double>> nearest(const AnalysedQuery& terms, std::size_t n) const;

  /// The intents one of whose examples the query is, word for word (case,
  /// spaces and punctuation aside: text.h, without_punctuation), in the KB's order.
  std::vector<std::string> intents_asked_verbatim(const std::string& folded) const;

 private:
  struct Posting {
    std::uint32_t example;
    std::uint32_t wdf;
    float norm;  // (1 - b) + b * length / average length, floored as Xapian does
  };
  struct Postings {  // a term's entry
    Xapian::doccount articles = 0;  // how many articles have the term
    std::uint32_t count = 0;        // how many examples have it
    std::uint32_t pieces = 0;       // 0: `examples` are all of them; else they are in pieces (full_postings)
    bool missing = false;           // the entry was not read yet (during a probe)
    std::vector<Posting> examples;  // by example, ascending
  };
  struct Pieced {  // a kMetaExamplePieced entry
    std::string term;
    Xapian::doccount articles;
    std::uint32_t count, pieces;
  };
  struct Stored {  // an example as its row has it: intents by position
    std::string text;
    std::vector<std::uint32_t> intents;
    double idf_total = 0;  // when the rows hold them
  };
  using Row = std::vector<Stored>;  // kExamplesPerRow examples from a multiple of it

  /// The term's entry: its counts, and its postings unless they are in pieces.
  std::shared_ptr<const Postings> entry(const std::string& term) const;
  std::shared_ptr<const Postings> read_entry(const std::string& term) const;  ///< entry(), the cache's side
  /// All of the term's postings: its entry's, or its pieces read.
  std::shared_ptr<const Postings> full_postings(const std::string& term) const;
  float norm(std::uint64_t length) const;  ///< an example's BM25 length normalisation
  std::shared_ptr<const Row> row(std::uint32_t at) const;
  /// The lengths of the examples of `at`'s lengths entry (example_store.h), from its first.
  std::shared_ptr<const std::vector<std::uint32_t>> lengths(std::uint32_t at) const;

  struct Run {  // examples [first, next run's first) share these intents (positions)
    std::uint32_t first;
    std::vector<std::uint32_t> intents;
    bool stride = false;  // or each has one, intents.front() + its place in the run
  };
  std::vector<Run> runs_;  // empty: the index has none, rows say
  std::vector<Pieced> pieced_;  // by term; empty: the index has none, entries say
  TermsOf terms_of_;
  const Xapian::Database* db_ = nullptr;
  const IntentDirectory* intents_ = nullptr;
  std::size_t count_ = 0;
  double average_length_ = 1;
  bool rows_hold_totals_ = false;  // each example's idf total at the end of its row
  // What recent queries read, bounded (entries, not bytes: a row is
  // kExamplesPerRow questions, a term's postings at most every example).
  mutable BoundedCache<std::string, Postings> postings_cache_{256};  // entries
  mutable BoundedCache<std::string, Postings> pieces_cache_{32};     // the postings of terms in pieces, whole
  mutable BoundedCache<std::uint32_t, std::vector<std::string>> example_terms_cache_{256};  // for holds()
  mutable BoundedCache<std::uint32_t, Row> row_cache_{64};
  mutable BoundedCache<std::uint32_t, std::vector<std::uint32_t>> lengths_cache_{256};  // 512 examples each
};

}  // namespace firstline
