// The engine's state and the helpers its parts share (not part of the public API).
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "firstline/engine.h"
#include "firstline/intent_model.h"
#include "firstline/schema.h"
#include "index_internal.h"
#include "signals.h"

namespace firstline {

using nlohmann::json;

struct EngineIntent {
  std::string id, group;
  json label, option;  // locale -> text
  bool human_only = false, urgent = false;
  std::uint32_t article_count = 0;     // the index's articles tagged with it
  Xapian::docid first_article = 0;     // the first of them
};

/// The thresholds of escalation.yaml, with the product defaults.
struct Thresholds {
  double answer_min_confidence = 0.35;
  /// An intent marked urgent sends the customer straight to the phone when
  /// the engine is at least this confident, or when the words are urgent;
  /// below, it is the first option of a clarifying question, so a calm
  /// question that shares a word with it ("充电宝能寄吗" and a swollen power
  /// bank) does not reach the emergency line. 0: always straight to the phone.
  double urgent_min_confidence = 0;
  double clarify_margin = 0.12;
  std::size_t clarify_max_options = 4;
  double rephrase_similarity = 0.5;
  int level3_attempts = 2;
  int level4_attempts = 3;
  int not_helpful_limit = 2;
};

struct HintEntry {
  std::string folded;  // sort key
  std::string text;
  std::string intent;
  std::string language;  // "zh" or "en"
};



/// A text in the locale asked for, falling back within the language, then to any.
inline std::string localized(const json& texts, const std::string& locale) {
  if (!texts.is_object() || texts.empty()) return "";
  if (const auto it = texts.find(locale); it != texts.end() && it->is_string()) return *it;
  const std::string sibling = locale == "zh-Hant" ? "zh-Hans" : locale == "zh-Hans" ? "zh-Hant" : "";
  if (const auto it = texts.find(sibling); !sibling.empty() && it != texts.end() && it->is_string()) return *it;
  if (const auto it = texts.find("en"); it != texts.end() && it->is_string()) return *it;
  return texts.begin()->is_string() ? texts.begin()->get<std::string>() : "";
}

/// What an intent is called as a choice (a clarifying option, a first-screen
/// topic): its option text, else its label.
inline std::string option_label(const EngineIntent& intent, const std::string& locale) {
  std::string text = localized(intent.option, locale);
  return text.empty() ? localized(intent.label, locale) : text;
}

inline const json kPhrases = {
    {"clarify", {{"zh-Hans", "您想问的是哪一种情况？"}, {"zh-Hant", "您想問的是哪一種情況？"}, {"en", "Which of these do you mean?"}}},
    {"topics", {{"zh-Hans", "您需要哪方面的帮助？"}, {"zh-Hant", "您需要哪方面的協助？"}, {"en", "What do you need help with?"}}},
    {"greeting",
     {{"zh-Hans", "您好！您需要哪方面的帮助？"}, {"zh-Hant", "您好！您需要哪方面的協助？"}, {"en", "Hello! What do you need help with?"}}},
    {"thanks",
     {{"zh-Hans", "不客气！还有其他可以帮您的吗？"}, {"zh-Hant", "不客氣！還有其他可以幫您的嗎？"}, {"en", "You're welcome! Is there anything else I can help with?"}}},
    {"explicit_request",
     {{"zh-Hans", "客户要求人工服务"}, {"zh-Hant", "客戶要求真人服務"}, {"en", "The customer asked for a person"}}},
    {"urgent",
     {{"zh-Hans", "紧急情况（关键时刻），需要立即由人处理"},
      {"zh-Hant", "緊急情況（關鍵時刻），需要立即由專人處理"},
      {"en", "An urgent moment of truth that needs a person now"}}},
    {"human_only",
     {{"zh-Hans", "该问题只能由人工处理"}, {"zh-Hant", "此問題只能由專人處理"}, {"en", "Only a person may handle this topic"}}},
    {"emotional",
     {{"zh-Hans", "客户情绪激动，需要安抚"}, {"zh-Hant", "客戶情緒激動，需要安撫"}, {"en", "The customer is upset and needs a person"}}},
    {"repeated",
     {{"zh-Hans", "同一问题多次询问仍未解决"},
      {"zh-Hant", "同一問題多次詢問仍未解決"},
      {"en", "The same problem was asked several times without a solution"}}},
    {"out_of_scope",
     {{"zh-Hans", "知识库中没有可靠的答案"}, {"zh-Hant", "知識庫中沒有可靠的答案"}, {"en", "The knowledge base has no confident answer"}}},
};

struct Engine::Internal {
  std::shared_ptr<Index::Internal> index;
  std::map<std::string, EngineIntent> intents;
  std::vector<std::string> intent_order;
  json channels = json::array();
  json routes = json::object();
  json fallback_order = json::array();
  json first_screen = json::object();
  Thresholds thresholds;
  SignalDetector signals;
  std::vector<HintEntry> hints;  // sorted by folded text
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> hint_pairs;  // character pair -> hints holding it
  IntentModel model;             // empty when the index has none

  // What queries read of every document, loaded once at open: a query then
  // touches only the postings, never the stored documents.
  struct ExampleInfo {
    std::string text;
    std::vector<std::string> intents;
  };
  std::vector<ExampleInfo> examples;  // the example questions, in docid order

  // The example questions' postings, in memory: the nearest-example search is
  // BM25 (Xapian's default parameters) over these, with no index access.
  struct Posting {
    std::uint32_t example;
    std::uint32_t wdf;
  };
  std::unordered_map<std::string, std::vector<Posting>> example_postings;
  std::vector<float> example_norm;  // (1 - b) + b * length / average length, floored as Xapian does

  /// The example questions by the hash of their text without punctuation
  /// (text.h, without_punctuation): a question asked word for word is found
  /// without a search.
  std::unordered_multimap<std::size_t, std::uint32_t> example_by_text;

  /// Whether the index has a learned classifier for its intents (it has none
  /// for intents of a question or two each, or too many to learn).
  bool has_classifier() const { return !model.empty() && model.intent_count() == intent_order.size(); }

  /// The intents one of whose example questions the query is, word for word
  /// (case, spaces and punctuation aside), in the KB's order.
  std::vector<std::string> intents_asked_verbatim(const std::string& folded) const {
    std::vector<std::string> found;
    const std::string key = without_punctuation(folded);
    if (key.empty()) return found;
    const auto [first, last] = example_by_text.equal_range(std::hash<std::string>{}(key));
    std::vector<std::uint32_t> matching;
    for (auto it = first; it != last; ++it) matching.push_back(it->second);
    std::sort(matching.begin(), matching.end());
    for (const std::uint32_t at : matching) {
      const ExampleInfo& example = examples[at];
      if (without_punctuation(index->folder.fold(example.text)) != key) continue;  // a hash collision
      for (const auto& intent : example.intents)
        if (std::find(found.begin(), found.end(), intent) == found.end()) found.push_back(intent);
    }
    return found;
  }


  std::unordered_map<Xapian::docid, ArticleHit> articles;  // snippet empty; score 0
  std::unordered_map<Xapian::docid, std::string> article_text;  // as written: snippets show it

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
  } tuning;
  double example_count = 1;

  // --- query terms --------------------------------------------------------

  /// A query's terms (a synonym group found in it is one: text.h, SynonymSet),
  /// each with its idf, read from the index once.
  struct QueryTerm {
    std::string term;
    Xapian::termcount wqf = 1;
    double idf = 0;
    /// A term of another word of a synonym group the query has: it finds
    /// examples worded that way ("money back" for "reimbursement"), but the
    /// customer did not type it, so how much of the query a text covers leaves it out.
    bool expansion = false;
  };
  using AnalysedQuery = std::vector<QueryTerm>;

  /// The `n` examples nearest to the query by BM25, best first, as (example, weight).
  std::vector<std::pair<std::uint32_t, double>> nearest_examples(const std::vector<QueryTerm>& terms, std::size_t n) const {
    constexpr double k1 = 1.0;
    constexpr std::size_t kEliteTerms = 16;
    const double total = static_cast<double>(examples.size());
    struct Scored {
      const QueryTerm* term;
      double idf;
    };
    std::vector<Scored> chosen;
    for (const auto& t : terms) {
      std::size_t df = 0;
      if (const auto it = example_postings.find(t.term); it != example_postings.end()) df = it->second.size();
      if (df == 0) continue;
      const double idf = std::log((total - static_cast<double>(df) + 0.5) / (static_cast<double>(df) + 0.5));
      chosen.push_back({&t, std::max(idf, 1e-3)});
    }
    // A long query keeps its most telling terms: the rest cost time, not accuracy.
    if (chosen.size() > kEliteTerms) {
      std::partial_sort(chosen.begin(), chosen.begin() + kEliteTerms, chosen.end(),
                        [](const Scored& a, const Scored& b) { return a.idf > b.idf; });
      chosen.resize(kEliteTerms);
    }
    // Dense accumulators, kept between calls (a term's postings can cover most
    // examples: allocating and clearing one per call cost more than the
    // scoring); a call clears the entries it touched, or all of them if it fails.
    static thread_local std::vector<double> score;
    score.resize(examples.size(), 0.0);
    std::vector<std::uint32_t> touched;
    std::vector<std::pair<std::uint32_t, double>> ranked;
    try {
      for (const auto& c : chosen) {
        const auto it = example_postings.find(c.term->term);
        if (it == example_postings.end()) continue;
        const double query_factor = 2.0 * c.term->wqf / (1.0 + c.term->wqf);  // k3 = 1
        const double weight = query_factor * c.idf * (k1 + 1);
        for (const auto& p : it->second) {  // an example's terms are distinct: one posting each
          const double f = p.wdf;
          double& s = score[p.example];
          if (s == 0) touched.push_back(p.example);
          s += weight * f / (k1 * example_norm[p.example] + f);
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

  AnalysedQuery analyse(const std::string& folded) const {
    AnalysedQuery out;
    auto add = [&](const std::string& term, Xapian::termcount wqf, bool expansion) {
      QueryTerm t;
      t.term = term;
      t.wqf = wqf;
      t.expansion = expansion;
      // Document frequency among the examples and the articles alike.
      const auto postings = example_postings.find(term);
      const double df = static_cast<double>(index->db.get_termfreq(term)) +
                        (postings == example_postings.end() ? 0.0 : static_cast<double>(postings->second.size()));
      t.idf = std::log((example_count + 1.0) / (df + 0.5));
      out.push_back(std::move(t));
    };
    for (const auto& [term, wqf] : index->query_terms(folded)) add(term, wqf, false);
    if (index->synonyms.empty()) return out;
    // The other words of each synonym group found, as the query's too.
    std::set<std::string> have;
    for (const auto& t : out) have.insert(t.term);
    const std::size_t typed = out.size();
    for (std::size_t i = 0; i < typed; ++i)
      for (const auto& word : index->synonyms.words_of(out[i].term))
        for (const auto& [term, wqf] : index->query_terms(word))
          if (have.insert(term).second) add(term, 1, true);
    return out;
  }

  /// The query over the terms. A long query keeps its most telling terms
  /// (OP_ELITE_SET): the rest cost time, not accuracy.
  static Xapian::Query query_of(const AnalysedQuery& terms) {
    std::vector<Xapian::Query> parts;
    for (const auto& t : terms) parts.emplace_back(t.term, t.wqf);
    constexpr Xapian::termcount kEliteTerms = 16;
    if (parts.size() > kEliteTerms) return Xapian::Query(Xapian::Query::OP_ELITE_SET, parts.begin(), parts.end(), kEliteTerms);
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }

  /// How much of the query an example holds, and how much of the example the
  /// query holds: each the idf-weighted share of the one's terms found in the
  /// other. The second only given `asked`, the query's terms, sorted.
  struct Overlap {
    double query_covered = 0;
    double example_covered = 0;
  };
  Overlap overlap_with(const AnalysedQuery& terms, double query_idf, const std::string& text,
                       const std::vector<std::string>* asked) const {
    Overlap out;
    if (query_idf <= 0) return out;
    std::vector<std::string> held;  // distinct, as query_terms gives them
    for (auto& [term, wqf] : index->query_terms(index->folder.fold(text))) held.push_back(std::move(term));
    std::sort(held.begin(), held.end());
    auto in_sorted = [](const std::vector<std::string>& sorted, const std::string& term) {
      return std::binary_search(sorted.begin(), sorted.end(), term);
    };
    double covered = 0;
    for (const auto& t : terms)
      if (!t.expansion && in_sorted(held, t.term)) covered += t.idf;
    out.query_covered = covered / query_idf;
    if (!asked) return out;
    // The example's terms weighed as the nearest-example search weighs them
    // (document frequency among the examples: a lookup, not a database read).
    const double total = static_cast<double>(examples.size());
    double example_idf = 0, example_found = 0;
    for (const auto& term : held) {
      const auto postings = example_postings.find(term);
      const double df = postings == example_postings.end() ? 0.0 : static_cast<double>(postings->second.size());
      const double idf = std::log((total + 1.0) / (df + 0.5));
      example_idf += idf;
      if (in_sorted(*asked, term)) example_found += idf;
    }
    out.example_covered = example_idf > 0 ? example_found / example_idf : 0;
    return out;
  }

  // --- intents ------------------------------------------------------------

  /// The intent candidates for a query, most probable first (at most eight).
  /// `verbatim`: intents_asked_verbatim(folded). They come first, with
  /// confidence 1: an editor wrote that very question for them.
  std::vector<IntentScore> rank_intents(const std::string& folded, const AnalysedQuery& terms,
                                        const std::vector<std::string>& verbatim) const {
    std::vector<IntentScore> ranking;
    if (terms.empty()) return ranking;
    // 1. The nearest example questions, each intent scoring its best three.
    // An intent's neighbour score, how many of its examples were seen, and the
    // text of its nearest one; in order of first appearance (a few dozen at most).
    struct Neighbours {
      const std::string* intent;
      double score = 0;
      int seen = 0;
      const std::string* best_example;
    };
    constexpr std::size_t kNeighbours = 40;
    constexpr int kPerIntent = 3;
    std::vector<Neighbours> neighbours;
    auto neighbours_of = [&](const std::string& intent) -> Neighbours* {
      for (auto& n : neighbours)
        if (*n.intent == intent) return &n;
      return nullptr;
    };
    std::vector<std::string> candidates;
    double knn_total = 0;
    for (const auto& [index_of_example, weight] : nearest_examples(terms, kNeighbours)) {
      const ExampleInfo& example = examples[index_of_example];
      for (const auto& intent : example.intents) {
        Neighbours* n = neighbours_of(intent);
        if (!n) {
          neighbours.push_back({&intent, 0, 0, &example.text});
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
    if (has_classifier()) {
      std::vector<std::string> synonym_terms;
      for (const auto& t : terms)
        if (SynonymSet::is_group_term(t.term)) synonym_terms.push_back(t.term);
      probabilities = model.predict(folded, synonym_terms);
      std::vector<std::size_t> top(probabilities.size());
      for (std::size_t i = 0; i < top.size(); ++i) top[i] = i;
      const std::size_t n = std::min<std::size_t>(8, top.size());
      std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(n), top.end(),
                        [&](std::size_t a, std::size_t b) { return probabilities[a] > probabilities[b]; });
      for (std::size_t i = 0; i < n; ++i)
        if (std::find(candidates.begin(), candidates.end(), intent_order[top[i]]) == candidates.end())
          candidates.push_back(intent_order[top[i]]);
    }
    if (candidates.empty()) return ranking;
    std::map<std::string, std::size_t> position;
    if (!probabilities.empty())
      for (std::size_t i = 0; i < intent_order.size(); ++i) position[intent_order[i]] = i;

    // 3. Combine (see Tuning), and measure how much of the query each candidate's best example covers.
    double best_knn = 0;
    for (const auto& n : neighbours) best_knn = std::max(best_knn, n.score);
    auto nearness = [&](const std::string& intent) {
      const Neighbours* n = neighbours_of(intent);
      return !n || best_knn <= 0 ? 1.0 : std::exp(tuning.neighbour_weight * n->score / best_knn);
    };
    auto classifier = [&](const std::string& intent) {
      const auto it = position.find(intent);
      return it == position.end() ? 0.0 : probabilities[it->second];
    };
    double normaliser = 0;
    if (!probabilities.empty()) {
      for (auto& p : probabilities) normaliser += p = std::pow(p, 1.0 / tuning.model_temperature);
      for (const auto& n : neighbours) normaliser += classifier(*n.intent) * (nearness(*n.intent) - 1);
    }
    double query_idf = 0;
    for (const auto& t : terms)
      if (!t.expansion) query_idf += t.idf;
    for (const auto& intent : candidates) {
      IntentScore result;
      result.id = intent;
      result.probability = probabilities.empty()
                               ? (knn_total > 0 ? neighbours_of(intent)->score / knn_total : 0)
                               : normaliser > 0 ? classifier(intent) * nearness(intent) / normaliser : 0;
      ranking.push_back(result);
    }
    std::stable_sort(ranking.begin(), ranking.end(),
                     [](const IntentScore& a, const IntentScore& b) { return a.probability > b.probability; });
    if (ranking.size() > 8) ranking.resize(8);
    // Coverage only for the candidates kept: each costs a pass over an example's text.
    // Without a classifier, the other way too (see below).
    std::vector<std::string> asked;
    if (probabilities.empty()) {
      for (const auto& t : terms) asked.push_back(t.term);
      std::sort(asked.begin(), asked.end());
    }
    std::vector<double> example_covered(ranking.size(), 0);
    for (std::size_t i = 0; i < ranking.size(); ++i)
      if (const Neighbours* n = neighbours_of(ranking[i].id)) {
        const Overlap overlap = overlap_with(terms, query_idf, *n->best_example, probabilities.empty() ? &asked : nullptr);
        ranking[i].coverage = overlap.query_covered;
        example_covered[i] = overlap.example_covered;
      }
    const double top_probability = ranking.front().probability;
    for (std::size_t i = 0; i < ranking.size(); ++i) {
      IntentScore& intent = ranking[i];
      const double relative = top_probability > 0 ? intent.probability / top_probability : 0;
      if (!probabilities.empty()) {
        intent.confidence = std::pow(relative, tuning.relative_power) *
                            std::pow(top_probability, tuning.probability_power) *
                            std::pow(intent.coverage, tuning.coverage_power);
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
      IntentScore asked;
      if (found != ranking.end()) {
        asked = *found;
        ranking.erase(found);
      } else {
        asked.id = *it;
        asked.coverage = 1;
      }
      asked.confidence = 1;
      ranking.insert(ranking.begin(), asked);
    }
    if (ranking.size() > 8) ranking.resize(8);
    return ranking;
  }

  // --- articles -----------------------------------------------------------

  /// Articles for `intent` (all of them, ranked by the query), or for the query alone.
  std::vector<ArticleHit> rank_articles(const AnalysedQuery& terms, const std::string& intent,
                                        const std::string& locale, std::size_t limit) const {
    std::vector<std::pair<std::string, double>> typed;  // the snippet marks what was typed (a synonym group's words too)
    for (const auto& t : terms)
      if (!t.expansion) typed.emplace_back(t.term, t.idf);
    const Snippeter snippet = index->snippeter(typed);
    // The intent's only article (an FAQ list's question, most intents of a
    // small KB): nothing to rank, so no search (score 0).
    if (const EngineIntent* info = this->intent(intent); info && info->article_count == 1 && limit > 0) {
      const auto docid = info->first_article;
      ArticleHit hit = articles.at(docid);
      hit.snippet_html = snippet(article_text.at(docid));
      return {hit};
    }
    const Xapian::Query query = query_of(terms);
    const Xapian::Query is_article(std::string(schema::kPrefixKind) + schema::kKindArticle);
    Xapian::Query q;
    if (!intent.empty()) {
      const Xapian::Query of_intent(Xapian::Query::OP_AND, is_article, Xapian::Query(schema::kPrefixIntent + intent));
      q = query.empty() ? of_intent
                        : Xapian::Query(Xapian::Query::OP_AND_MAYBE,
                                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, of_intent, 0.0), query);
    } else {
      if (query.empty()) return {};
      q = Xapian::Query(Xapian::Query::OP_FILTER, query, is_article);
    }
    Xapian::Enquire enquire(index->db);
    enquire.set_query(q);
    const Xapian::MSet mset = enquire.get_mset(0, 12);
    struct Candidate {
      const ArticleHit* article;
      Xapian::docid docid;
      double score;
    };
    std::vector<Candidate> found;
    for (auto it = mset.begin(); it != mset.end(); ++it)
      if (const auto cached = articles.find(*it); cached != articles.end())
        found.push_back({&cached->second, *it, it.get_weight()});
    // The customer's language first (the exact locale before its sibling script);
    // other languages only if there is nothing in theirs.
    const std::string language = language_of(locale);
    auto rank = [&](const Candidate& c) {
      return c.article->locale == locale ? 0 : language_of(c.article->locale) == language ? 1 : 2;
    };
    std::stable_sort(found.begin(), found.end(), [&](const Candidate& a, const Candidate& b) { return rank(a) < rank(b); });
    const bool have_own_language = !found.empty() && rank(found.front()) < 2;
    // One article per translation family, the first being in the customer's locale.
    std::vector<ArticleHit> hits;
    std::set<std::string> families;
    for (const auto& c : found) {
      if (hits.size() >= limit) break;
      if (have_own_language && rank(c) == 2) continue;
      const ArticleHit& a = *c.article;
      if (!families.insert(a.translation_of.empty() ? a.id : a.translation_of).second) continue;
      hits.push_back(a);
      hits.back().score = c.score;
      // Snippets only for what is shown: each costs a pass over the article's text.
      hits.back().snippet_html = snippet(article_text.at(c.docid));
    }
    return hits;
  }

  // --- locale -------------------------------------------------------------

  std::string detect_locale(std::string_view query, const HostContext& context) const {
    bool cjk = false, traditional = false, latin = false;
    const std::string folded_probe = index->folder.fold(query.substr(0, 512));
    std::size_t pos = 0;
    const std::string_view q = query.substr(0, 512);
    while (pos < q.size()) {
      const char32_t cp = decode_utf8(q, pos);
      if (is_cjk_ideograph(cp)) cjk = true;
      else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) latin = true;
    }
    if (cjk) {
      // Traditional if folding changed any ideograph (width and case folding aside).
      std::string lowered(q);
      for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      traditional = TextFolder().fold(lowered) != folded_probe;
      if (!traditional && context.locale == "zh-Hant") traditional = true;
      return traditional ? "zh-Hant" : "zh-Hans";
    }
    if (latin) return "en";
    return context.locale.empty() ? "zh-Hans" : context.locale;
  }

  // --- escalation ---------------------------------------------------------

  Escalation escalation_for(EscalationReason reason, const std::string& locale, int level) const {
    Escalation e;
    e.reason = reason;
    e.problem_level = level;
    const auto route = routes.find(escalation_reason_name(reason));
    const json order = route != routes.end() && route->is_array() ? *route : fallback_order;
    for (const auto& channel : order)
      if (channel.is_string()) e.channels.push_back(channel);
    for (const auto& channel : channels) {  // every channel is offered; the route's come first
      const std::string id = channel.value("id", "");
      if (std::find(e.channels.begin(), e.channels.end(), id) == e.channels.end()) e.channels.push_back(id);
    }
    if (!e.channels.empty()) e.channel = e.channels.front();
    std::string purpose;
    for (const auto& channel : channels)
      if (channel.value("id", "") == e.channel) purpose = localized(channel.value("purpose", json::object()), locale);
    e.explanation = localized(kPhrases[escalation_reason_name(reason)], locale);
    if (!purpose.empty()) e.explanation += (language_of(locale) == "zh" ? "；" : "; ") + purpose;
    return e;
  }

  /// The problem level (1-4) of a session whose current problem has been
  /// asked `attempts` times, counting its feedback and the host's earlier contacts.
  int problem_level(const Session& session, int attempts) const {
    int not_helpful = 0;
    for (const auto& f : session.feedback) not_helpful += f.helped ? 0 : 1;
    const int contacts = session.context.previous_contacts;
    if (attempts >= thresholds.level4_attempts || not_helpful >= thresholds.not_helpful_limit || contacts >= 2 ||
        (contacts >= 1 && attempts >= thresholds.level3_attempts))
      return 4;
    if (attempts >= thresholds.level3_attempts || (contacts >= 1 && not_helpful >= 1)) return 3;
    return contacts >= 1 ? 2 : 1;
  }

  const EngineIntent* intent(const std::string& id) const {
    const auto it = intents.find(id);
    return it == intents.end() ? nullptr : &it->second;
  }

  std::vector<Hint> first_screen_topics(const HostContext& context, std::size_t limit) const {
    json list;
    if (const auto states = first_screen.find("order_states"); !context.order_state.empty() && states != first_screen.end())
      list = states->value(context.order_state, json());
    if (!list.is_array())
      if (const auto pages = first_screen.find("pages"); !context.page.empty() && pages != first_screen.end())
        list = pages->value(context.page, json());
    if (!list.is_array()) list = first_screen.value("default", json::array());
    if (!list.is_array() || list.empty()) list = json(intent_order);  // a KB without first-screen.yaml
    const std::string locale = context.locale.empty() ? "zh-Hans" : context.locale;
    std::vector<Hint> topics;
    for (const auto& id : list) {
      if (topics.size() >= limit) break;
      const EngineIntent* info = id.is_string() ? intent(id) : nullptr;
      if (!info) continue;
      topics.push_back({Hint::Kind::topic, option_label(*info, locale), info->id});
    }
    return topics;
  }
};

/// Appends the decision to the session's history.
void record_turn(Session& session, const Decision& d, std::string query, std::string chosen_intent);

}  // namespace firstline
