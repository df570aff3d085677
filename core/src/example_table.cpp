#include "example_table.h"

#include <algorithm>
#include <cmath>

namespace firstline {

void ExampleTable::add(Example example, const std::string& folded,
                       const std::vector<std::pair<std::string, Xapian::termcount>>& terms) {
  const auto at = static_cast<std::uint32_t>(examples_.size());
  double length = 0;
  for (const auto& [term, wdf] : terms) {
    postings_[term].push_back({at, wdf});
    length += wdf;
  }
  norm_.push_back(static_cast<float>(length));
  if (const std::string key = without_punctuation(folded); !key.empty())
    by_text_.emplace(std::hash<std::string>{}(key), at);
  examples_.push_back(std::move(example));
}

void ExampleTable::finish() {
  // BM25 length normalisation of each example (Xapian's defaults: b = 0.5, floor 0.5).
  double total_length = 0;
  for (const float length : norm_) total_length += length;
  const double average = norm_.empty() ? 1 : std::max(1.0, total_length / norm_.size());
  for (auto& norm : norm_) norm = static_cast<float>(0.5 + 0.5 * std::max(0.5, norm / average));
}

std::size_t ExampleTable::frequency(const std::string& term) const {
  const auto it = postings_.find(term);
  return it == postings_.end() ? 0 : it->second.size();
}

std::vector<std::pair<std::uint32_t, double>> ExampleTable::nearest(const AnalysedQuery& terms, std::size_t n) const {
  constexpr double k1 = 1.0;
  const double total = static_cast<double>(examples_.size());
  struct Scored {
    const QueryTerm* term;
    double idf;
  };
  std::vector<Scored> chosen;
  for (const auto& t : terms) {
    const std::size_t df = frequency(t.term);
    if (df == 0) continue;
    const double idf = std::log((total - static_cast<double>(df) + 0.5) / (static_cast<double>(df) + 0.5));
    chosen.push_back({&t, std::max(idf, 1e-3)});
  }
  // A long query keeps its most telling terms: the rest cost time, not accuracy.
  constexpr std::size_t kEliteTerms = Index::Internal::kEliteTerms;
  if (chosen.size() > kEliteTerms) {
    std::partial_sort(chosen.begin(), chosen.begin() + kEliteTerms, chosen.end(),
                      [](const Scored& a, const Scored& b) { return a.idf > b.idf; });
    chosen.resize(kEliteTerms);
  }
  // Dense accumulators, kept between calls (a term's postings can cover most
  // examples: allocating and clearing one per call cost more than the
  // scoring); a call clears the entries it touched, or all of them if it fails.
  static thread_local std::vector<double> score;
  score.resize(examples_.size(), 0.0);
  std::vector<std::uint32_t> touched;
  std::vector<std::pair<std::uint32_t, double>> ranked;
  try {
    for (const auto& c : chosen) {
      const auto it = postings_.find(c.term->term);
      if (it == postings_.end()) continue;
      const double query_factor = 2.0 * c.term->wqf / (1.0 + c.term->wqf);  // k3 = 1
      const double weight = query_factor * c.idf * (k1 + 1);
      for (const auto& p : it->second) {  // an example's terms are distinct: one posting each
        const double f = p.wdf;
        double& s = score[p.example];
        if (s == 0) touched.push_back(p.example);
        s += weight * f / (k1 * norm_[p.example] + f);
      }
    }
    ranked.reserve(touched.size());
  } catch (...) {
    std::fill(score.begin(), score.end(), 0.0);
    throw;
  }
  for (const std::uint32_t example : touched) {
    ranked.emplace_back(example, score[example]);
    score[example] = 0;
  }
  const std::size_t keep = std::min(n, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  ranked.resize(keep);
  return ranked;
}

std::vector<std::string> ExampleTable::intents_asked_verbatim(const std::string& folded, const TextFolder& folder) const {
  std::vector<std::string> found;
  const std::string key = without_punctuation(folded);
  if (key.empty()) return found;
  const auto [first, last] = by_text_.equal_range(std::hash<std::string>{}(key));
  std::vector<std::uint32_t> matching;
  for (auto it = first; it != last; ++it) matching.push_back(it->second);
  std::sort(matching.begin(), matching.end());
  for (const std::uint32_t at : matching) {
    const Example& example = examples_[at];
    if (without_punctuation(folder.fold(example.text)) != key) continue;  // a hash collision
    for (const auto& intent : example.intents)
      if (std::find(found.begin(), found.end(), intent) == found.end()) found.push_back(intent);
  }
  return found;
}

}  // namespace firstline
