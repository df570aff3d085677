#include "intent_ranking.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "by_need.h"
#include "knowledge.h"

namespace firstline {

namespace {

/// Nearest example questions looked at, and how many of an intent's count.
constexpr std::size_t kNeighbours = 40;
constexpr int kPerIntent = 3;

/// How the two intent signals combine, tuned once on the datasets' dev
/// queries (scripts/tune-thresholds.py). A product of experts: the
/// classifier's probability, softened by a temperature, times a factor for
/// how near the intent's example questions come to the query,
///   p_i ∝ classifier_i^(1 / model_temperature) * exp(neighbour_weight * knn_i / knn_best),
/// normalised over all intents; then
///   confidence = (p / p_best) * p_best^probability_power * coverage^coverage_power.
/// Unlike the weighted sum it replaced, an intent both experts like gains
/// more than one only the classifier likes: top-1 rose or held on every set,
/// and banking77-oos in-scope accuracy with half its out-of-scope queries
/// caught went from at best 84.2% to 85.7%. Coverage no longer
/// scales the confidence (the tuning gave it no weight); it still marks a
/// vague query, and the handoff reports it.
struct Tuning {
  double model_temperature = 2.0;
  double neighbour_weight = 2.0;
  double relative_power = 1.0;
  double probability_power = 2.0;
  double coverage_power = 0.0;
};
constexpr Tuning kTuning;

/// How much of the query an example holds, and how much of the example the
/// query holds: each the idf-weighted share of the one's terms found in the
/// other. The second only given `asked`, the query's terms, sorted.
struct Overlap {
  double query_covered = 0;
  double example_covered = 0;
};

/// Which of its terms an example has is read from the terms' postings
/// (ExampleTable::holds: analyse_query read them for the terms' frequency),
/// not from the example's text: a browser then fetches no row of examples
/// for it. Only an index that did not store the examples' idf totals has
/// the example's text read (to add the idf of the terms the query lacks).
Overlap overlap_with(const Knowledge& knowledge, const AnalysedQuery& terms, double query_idf, std::uint32_t example,
                     const std::vector<std::string>* asked) {
  Overlap out;
  if (query_idf <= 0) return out;
  const ExampleTable& examples = knowledge.examples;
  double covered = 0;
  for (const auto& t : terms)
    if (!t.expansion && examples.holds(t.term, example)) covered += t.idf;
  out.query_covered = covered / query_idf;
  if (!asked) return out;
  // The example's terms weighed as the nearest-example search weighs them
  // (document frequency among the examples: a lookup, not a database read),
  // in term order, as the indexer added up the stored total.
  const double total = static_cast<double>(examples.size());
  auto idf = [&](const std::string& term) {
    const double df = static_cast<double>(examples.frequency(term));
    return std::log((total + 1.0) / (df + 0.5));
  };
  double example_idf = 0, example_found = 0;
  if (const std::optional<double> stored_total = examples.term_idf_total(example)) {
    for (const auto& term : *asked)
      if (examples.holds(term, example)) example_found += idf(term);
    example_idf = *stored_total;
  } else {
    for (const auto& term : *examples.terms_of_example(example)) {  // distinct, sorted
      const double weight = idf(term);
      example_idf += weight;
      if (std::binary_search(asked->begin(), asked->end(), term)) example_found += weight;
    }
  }
  out.example_covered = example_idf > 0 ? example_found / example_idf : 0;
  return out;
}

}  // namespace

std::vector<IntentScore> rank_intents(const Knowledge& knowledge, const std::string& folded, const AnalysedQuery& terms,
                                      const std::vector<std::string>& verbatim) {
  std::vector<IntentScore> ranking;
  if (terms.empty()) return ranking;
  // 1. The nearest example questions, each intent scoring its best kPerIntent.
  // An intent's neighbour score, how many of its examples were seen, and its
  // nearest example; in order of first appearance (a few dozen at most).
  // Intents are their positions in the KB's list until ranked: only those
  // kept are looked up (a browser reads an entry for each).
  struct Neighbours {
    std::uint32_t intent;
    double score = 0;
    int seen = 0;
    std::uint32_t best_example;  ///< its position in the example table
  };
  std::vector<Neighbours> neighbours;
  auto neighbours_of = [&](std::uint32_t intent) -> Neighbours* {
    for (auto& n : neighbours)
      if (n.intent == intent) return &n;
    return nullptr;
  };
  std::vector<std::uint32_t> candidates;
  double knn_total = 0;
  const auto nearest = knowledge.examples.nearest(terms, kNeighbours);
  for (const auto& [example, weight] : nearest) {
    for (const auto intent : knowledge.examples.intent_positions_of(example)) {
      Neighbours* n = neighbours_of(intent);
      if (!n) {
        neighbours.push_back({intent, 0, 0, example});
        candidates.push_back(intent);
        n = &neighbours.back();
      }
      if (n->seen < kPerIntent) {
        const double s = weight * std::pow(0.5, n->seen);
        n->score += s;
        knn_total += s;
      }
      ++n->seen;
    }
  }
  // 2. The learned classifier, where the index has one.
  std::vector<double> probabilities;
  if (knowledge.has_classifier()) {
    std::vector<std::string> synonym_terms;
    for (const auto& t : terms)
      if (SynonymSet::is_group_term(t.term)) synonym_terms.push_back(t.term);
    probabilities = knowledge.model.predict(folded, synonym_terms);
    std::vector<std::size_t> top(probabilities.size());
    for (std::size_t i = 0; i < top.size(); ++i) top[i] = i;
    const std::size_t n = std::min(kIntentCandidates, top.size());
    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(n), top.end(),
                      [&](std::size_t a, std::size_t b) { return probabilities[a] > probabilities[b]; });
    for (std::size_t i = 0; i < n; ++i) {
      const auto intent = static_cast<std::uint32_t>(top[i]);
      if (std::find(candidates.begin(), candidates.end(), intent) == candidates.end()) candidates.push_back(intent);
    }
  }
  // During a probe that lacked some postings or weights the candidates are
  // not the real ones: looking up their entries would fetch what no answer needs.
  if (candidates.empty() || by_need::missed()) return ranking;

  // 3. Combine (see Tuning), and measure how much of the query each candidate's best example covers.
  double best_knn = 0;
  for (const auto& n : neighbours) best_knn = std::max(best_knn, n.score);
  auto nearness = [&](std::uint32_t intent) {
    const Neighbours* n = neighbours_of(intent);
    return !n || best_knn <= 0 ? 1.0 : std::exp(kTuning.neighbour_weight * n->score / best_knn);
  };
  auto classifier = [&](std::uint32_t intent) { return intent < probabilities.size() ? probabilities[intent] : 0.0; };
  double normaliser = 0;
  if (!probabilities.empty()) {
    for (auto& p : probabilities) normaliser += p = std::pow(p, 1.0 / kTuning.model_temperature);
    for (const auto& n : neighbours) normaliser += classifier(n.intent) * (nearness(n.intent) - 1);
  }
  const double query_idf = typed_idf(terms);
  std::vector<std::pair<std::uint32_t, double>> scored;  // (intent, probability)
  for (const auto intent : candidates) {
    const double probability = probabilities.empty()
                                   ? (knn_total > 0 ? neighbours_of(intent)->score / knn_total : 0)
                                   : normaliser > 0 ? classifier(intent) * nearness(intent) / normaliser : 0;
    scored.emplace_back(intent, probability);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  // The candidates kept, looked up by position (an intent whose entry cannot
  // be read is left out). During a probe an entry still missing counts as
  // kept, so that one round asks for the entries and for the weights of the
  // kept intents' nearest examples (coverage, below) together.
  struct Kept {
    std::uint32_t intent;
    double probability;
    std::shared_ptr<const IntentInfo> info;
  };
  std::vector<Kept> kept;
  for (const auto& [intent, probability] : scored) {
    if (kept.size() >= kIntentCandidates) break;
    auto info = knowledge.intents.at(intent);
    if (info || by_need::missed()) kept.push_back({intent, probability, std::move(info)});
  }
  // Coverage only for the candidates kept: each looks the query's terms up in
  // its best example. Without a classifier, the other way too (see below).
  std::vector<std::string> asked;
  if (probabilities.empty()) {
    for (const auto& t : terms) asked.push_back(t.term);
    std::sort(asked.begin(), asked.end());
  }
  std::vector<double> example_covered(kept.size(), 0);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    IntentScore result;
    result.probability = kept[i].probability;
    if (const Neighbours* n = neighbours_of(kept[i].intent)) {
      const Overlap overlap =
          overlap_with(knowledge, terms, query_idf, n->best_example, probabilities.empty() ? &asked : nullptr);
      result.coverage = overlap.query_covered;
      result.support = n->score;
      example_covered[i] = overlap.example_covered;
    }
    if (kept[i].info) result.id = kept[i].info->id;
    ranking.push_back(std::move(result));
  }
  if (ranking.empty() || by_need::missed()) return {};
  const double top_probability = ranking.front().probability;
  for (std::size_t i = 0; i < ranking.size(); ++i) {
    IntentScore& intent = ranking[i];
    const double relative = top_probability > 0 ? intent.probability / top_probability : 0;
    if (!probabilities.empty()) {
      intent.confidence = std::pow(relative, kTuning.relative_power) *
                          std::pow(top_probability, kTuning.probability_power) *
                          std::pow(intent.coverage, kTuning.coverage_power);
    } else {
      // Without a classifier (intents of a question or two each, or too many
      // to learn) a share of the neighbours says little: among 57,000 FAQ
      // questions a dozen near-paraphrases split it. What tells is how closely
      // the intent's nearest question matches the query, both ways: a
      // question asked word for word is answered, one that shares a word or
      // two is not.
      intent.confidence = relative * intent.coverage * example_covered[i];
    }
  }
  for (auto it = verbatim.rbegin(); it != verbatim.rend(); ++it) {
    auto found = std::find_if(ranking.begin(), ranking.end(), [&](const IntentScore& s) { return s.id == *it; });
    IntentScore asked_intent;
    if (found != ranking.end()) {
      asked_intent = *found;
      ranking.erase(found);
    } else {
      asked_intent.id = *it;
      asked_intent.coverage = 1;
    }
    asked_intent.confidence = 1;
    ranking.insert(ranking.begin(), asked_intent);
  }
  if (ranking.size() > kIntentCandidates) ranking.resize(kIntentCandidates);
  return ranking;
}

}  // namespace firstline
