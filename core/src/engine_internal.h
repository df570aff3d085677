// The engine's state and the helpers its parts share (not part of the public API).
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
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

struct IntentInfo {
  std::string id, group;
  json label, option;  // locale -> text
  bool human_only = false, urgent = false;
};

/// The thresholds of escalation.yaml, with the product defaults.
struct Thresholds {
  double answer_min_confidence = 0.35;
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

inline std::string language_of(const std::string& locale) { return locale.rfind("zh", 0) == 0 ? "zh" : "en"; }

/// A text in the locale asked for, falling back within the language, then to any.
inline std::string localized(const json& texts, const std::string& locale) {
  if (!texts.is_object() || texts.empty()) return "";
  if (const auto it = texts.find(locale); it != texts.end() && it->is_string()) return *it;
  const std::string sibling = locale == "zh-Hant" ? "zh-Hans" : locale == "zh-Hans" ? "zh-Hant" : "";
  if (const auto it = texts.find(sibling); !sibling.empty() && it != texts.end() && it->is_string()) return *it;
  if (const auto it = texts.find("en"); it != texts.end() && it->is_string()) return *it;
  return texts.begin()->is_string() ? texts.begin()->get<std::string>() : "";
}

inline const json kPhrases = {
    {"clarify", {{"zh-Hans", "您想问的是哪一种情况？"}, {"zh-Hant", "您想問的是哪一種情況？"}, {"en", "Which of these do you mean?"}}},
    {"topics", {{"zh-Hans", "您需要哪方面的帮助？"}, {"zh-Hant", "您需要哪方面的協助？"}, {"en", "What do you need help with?"}}},
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
  std::map<std::string, IntentInfo> intents;
  std::vector<std::string> intent_order;
  json channels = json::array();
  json routes = json::object();
  json fallback_order = json::array();
  json first_screen = json::object();
  Thresholds thresholds;
  SignalDetector signals;
  std::vector<HintEntry> hints;  // sorted by folded text
  IntentModel model;             // empty when the index has none

  /// How the two intent signals combine into a confidence, tuned once on the
  /// datasets' dev queries (scripts/tune-thresholds.py):
  ///   confidence = (p / p_best) * p_best^probability_power * coverage^coverage_power
  /// where p = model_weight * classifier + (1 - model_weight) * nearest-example share.
  struct Tuning {
    double model_weight = 0.7;
    double relative_power = 1.0;
    double probability_power = 1.0;
    double coverage_power = 1.0;
  } tuning;
  double example_count = 1;

  struct Ranking {
    std::vector<IntentScore> intents;  // best first
    std::vector<double> coverage;      // per intent above: the query's share its best example holds
  };

  // --- query terms --------------------------------------------------------

  /// The query over folded text, each term widened by its synonyms.
  Xapian::Query query_with_synonyms(const std::vector<std::pair<std::string, Xapian::termcount>>& terms) const {
    std::vector<Xapian::Query> parts;
    for (const auto& [term, wqf] : terms) {
      std::vector<Xapian::Query> alternatives{Xapian::Query(term, wqf)};
      for (auto it = index->db.synonyms_begin(term); it != index->db.synonyms_end(term); ++it)
        alternatives.emplace_back(*it, wqf);
      parts.push_back(alternatives.size() == 1
                          ? alternatives.front()
                          : Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end()));
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }

  double idf(const std::string& term) const {
    const double df = index->db.get_termfreq(term);
    return std::log((example_count + 1.0) / (df + 0.5));
  }

  // --- intents ------------------------------------------------------------

  Ranking rank_intents(const std::string& folded,
                       const std::vector<std::pair<std::string, Xapian::termcount>>& terms) const {
    Ranking ranking;
    if (terms.empty()) return ranking;
    // 1. The nearest example questions, each intent scoring its best three.
    constexpr Xapian::doccount kNeighbours = 40;
    constexpr int kPerIntent = 3;
    Xapian::Enquire enquire(index->db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query_with_synonyms(terms),
                                    Xapian::Query(std::string(schema::kPrefixKind) + schema::kKindExample)));
    const Xapian::MSet mset = enquire.get_mset(0, kNeighbours);
    std::map<std::string, double> score;
    std::map<std::string, int> seen;
    std::map<std::string, Xapian::docid> best_example;
    std::vector<std::string> candidates;
    double knn_total = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const json data = json::parse(it.get_document().get_data(), nullptr, false);
      if (!data.is_object()) continue;
      for (const auto& intent : data.value("intents", std::vector<std::string>{})) {
        const int n = seen[intent]++;
        if (n == 0) {
          best_example[intent] = *it;
          candidates.push_back(intent);
        }
        if (n < kPerIntent) {
          const double s = it.get_weight() * std::pow(0.5, n);
          score[intent] += s;
          knn_total += s;
        }
      }
    }
    // 2. The learned classifier, where the index has one.
    std::vector<double> probabilities;
    if (!model.empty() && model.intent_count() == intent_order.size()) {
      probabilities = model.predict(folded);
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

    // 3. Combine, and measure how much of the query each candidate's best example covers.
    double query_idf = 0;
    for (const auto& [term, wqf] : terms) query_idf += idf(term);
    for (const auto& intent : candidates) {
      IntentScore result;
      result.id = intent;
      const double knn_share = knn_total > 0 ? score[intent] / knn_total : 0;
      result.probability = probabilities.empty()
                               ? knn_share
                               : tuning.model_weight * probabilities[position[intent]] + (1 - tuning.model_weight) * knn_share;
      if (const auto best = best_example.find(intent); best != best_example.end()) {
        std::set<std::string> example_terms;
        for (auto t = index->db.termlist_begin(best->second); t != index->db.termlist_end(best->second); ++t)
          example_terms.insert(*t);
        double covered = 0;
        for (const auto& [term, wqf] : terms) {
          bool found = example_terms.count(term) > 0;
          for (auto s = index->db.synonyms_begin(term); !found && s != index->db.synonyms_end(term); ++s)
            found = example_terms.count(*s) > 0;
          if (found) covered += idf(term);
        }
        result.coverage = query_idf > 0 ? covered / query_idf : 0;
      }
      ranking.intents.push_back(result);
    }
    std::stable_sort(ranking.intents.begin(), ranking.intents.end(),
                     [](const IntentScore& a, const IntentScore& b) { return a.probability > b.probability; });
    if (ranking.intents.size() > 8) ranking.intents.resize(8);
    const double top_probability = ranking.intents.front().probability;
    for (auto& intent : ranking.intents) {
      const double relative = top_probability > 0 ? intent.probability / top_probability : 0;
      intent.confidence = std::pow(relative, tuning.relative_power) * std::pow(top_probability, tuning.probability_power) *
                          std::pow(intent.coverage, tuning.coverage_power);
    }
    for (const auto& intent : ranking.intents) ranking.coverage.push_back(intent.coverage);
    return ranking;
  }

  // --- articles -----------------------------------------------------------

  /// Articles for `intent` (all of them, ranked by the query), or for the query alone.
  std::vector<ArticleHit> rank_articles(const Xapian::Query& query, const std::string& intent,
                                        const std::string& locale, std::size_t limit) const {
    const Xapian::Query articles(std::string(schema::kPrefixKind) + schema::kKindArticle);
    Xapian::Query q;
    if (!intent.empty()) {
      const Xapian::Query of_intent(Xapian::Query::OP_AND, articles, Xapian::Query(schema::kPrefixIntent + intent));
      q = query.empty() ? of_intent
                        : Xapian::Query(Xapian::Query::OP_AND_MAYBE,
                                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, of_intent, 0.0), query);
    } else {
      if (query.empty()) return {};
      q = Xapian::Query(Xapian::Query::OP_FILTER, query, articles);
    }
    Xapian::Enquire enquire(index->db);
    enquire.set_query(q);
    std::vector<ArticleHit> hits = index->article_hits(enquire.get_mset(0, 30));
    // The customer's language first (the exact locale before its sibling script);
    // other languages only if there is nothing in theirs.
    const std::string language = language_of(locale);
    auto rank = [&](const ArticleHit& hit) { return hit.locale == locale ? 0 : language_of(hit.locale) == language ? 1 : 2; };
    std::stable_sort(hits.begin(), hits.end(), [&](const ArticleHit& a, const ArticleHit& b) { return rank(a) < rank(b); });
    if (!hits.empty() && rank(hits.front()) < 2)
      hits.erase(std::remove_if(hits.begin(), hits.end(), [&](const ArticleHit& h) { return rank(h) == 2; }), hits.end());
    // One article per translation family, the first being in the customer's locale.
    std::vector<ArticleHit> unique;
    std::set<std::string> families;
    for (auto& hit : hits) {
      if (unique.size() >= limit) break;
      if (!families.insert(hit.translation_of.empty() ? hit.id : hit.translation_of).second) continue;
      unique.push_back(std::move(hit));
    }
    return unique;
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

  const IntentInfo* intent(const std::string& id) const {
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
      const IntentInfo* info = id.is_string() ? intent(id) : nullptr;
      if (!info) continue;
      std::string text = localized(info->option, locale);
      if (text.empty()) text = localized(info->label, locale);
      topics.push_back({Hint::Kind::topic, text, info->id});
    }
    return topics;
  }
};

}  // namespace firstline
