// A query as the engine searches with it: its terms (made as the index's are,
// firstline/terms.h), each with its idf, and the other words of any synonym
// group it holds (not part of the public API).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "index_internal.h"

namespace firstline {

class ExampleTable;

struct QueryTerm {
  std::string term;
  Xapian::termcount wqf = 1;
  /// log((examples + 1) / (df + 0.5)), df counted among the examples and the articles alike.
  double idf = 0;
  /// A term of another word of a synonym group the query has: it finds
  /// examples worded that way ("money back" for "reimbursement"), but the
  /// customer did not type it, so how much of the query a text covers leaves it out.
  bool expansion = false;
};
using AnalysedQuery = std::vector<QueryTerm>;

/// The terms of folded query text, with their idf (read from the index once).
AnalysedQuery analyse_query(const Index::Internal& index, const ExampleTable& examples, const std::string& folded);

/// The idf of what the customer typed: the terms that are not expansions.
double typed_idf(const AnalysedQuery& terms);

/// The terms and their counts, as Index::Internal::query_for takes them.
std::vector<std::pair<std::string, Xapian::termcount>> term_counts(const AnalysedQuery& terms);

}  // namespace firstline
