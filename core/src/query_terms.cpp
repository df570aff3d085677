#include "query_terms.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "by_need.h"
#include "example_table.h"

namespace firstline {

AnalysedQuery analyse_query(const Index::Internal& index, const ExampleTable& examples, const std::string& folded) {
  AnalysedQuery out;
  const double example_count = std::max<double>(1, static_cast<double>(examples.size()));
  auto add = [&](const std::string& term, Xapian::termcount wqf, bool expansion) {
    QueryTerm t;
    t.term = term;
    t.wqf = wqf;
    t.expansion = expansion;
    const double df = static_cast<double>(examples.article_frequency(term)) + static_cast<double>(examples.frequency(term));
    t.idf = std::log((example_count + 1.0) / (df + 0.5));
    out.push_back(std::move(t));
  };
  for (const auto& [term, wqf] : index.query_terms(folded)) add(term, wqf, false);
  if (index.synonyms.empty()) return out;
  // The other words of each synonym group found, as the query's too.
  std::set<std::string> have;
  for (const auto& t : out) have.insert(t.term);
  const std::size_t typed = out.size();
  for (std::size_t i = 0; i < typed; ++i)
    for (const auto& word : index.synonyms.words_of(out[i].term))
      for (const auto& [term, wqf] : index.query_terms(word))
        if (have.insert(term).second) add(term, 1, true);
  return out;
}

double typed_idf(const AnalysedQuery& terms) {
  double idf = 0;
  for (const auto& t : terms)
    if (!t.expansion) idf += t.idf;
  return idf;
}

std::vector<std::pair<std::string, Xapian::termcount>> term_counts(const AnalysedQuery& terms) {
  std::vector<std::pair<std::string, Xapian::termcount>> out;
  out.reserve(terms.size());
  for (const auto& t : terms) out.emplace_back(t.term, t.wqf);
  return out;
}

}  // namespace firstline
