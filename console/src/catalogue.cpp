// The agent index as the console sees it: search, filters, recommendations, statistics.
#include "firstline/console/catalogue.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "firstline/console/format.h"
#include "firstline/locale.h"
#include "firstline/schema.h"
#include "text_util.h"

namespace firstline::console {

namespace {

using nlohmann::json;

constexpr const char* kTypeOrder[] = {"solution", "faq", "policy", "script", "lesson"};

Counts counts_of(const json& object) {
  Counts out;
  if (object.is_object())
    for (const auto& [key, value] : object.items())
      if (value.is_number_unsigned() || value.is_number_integer()) out.emplace_back(key, value.get<std::size_t>());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace

std::vector<Span> snippet_spans(std::string_view html) {
  std::vector<Span> spans;
  static constexpr std::string_view kOpen = "<mark>", kClose = "</mark>";
  std::size_t i = 0;
  bool inside = false;
  while (i <= html.size()) {
    const std::string_view marker = inside ? kClose : kOpen;
    std::size_t next = html.find(marker, i);
    const std::string piece = decode_entities(html.substr(i, next == std::string_view::npos ? html.npos : next - i));
    if (!piece.empty()) {
      if (!spans.empty() && spans.back().highlighted == inside) spans.back().text += piece;
      else spans.push_back({piece, inside});
    }
    if (next == std::string_view::npos) break;
    i = next + marker.size();
    inside = !inside;
  }
  return spans;
}

Catalogue Catalogue::open(const std::string& path) { return Catalogue(Engine::open(path)); }

Catalogue::Catalogue(Engine engine) : engine_(std::move(engine)) {
  // Filter choices from the articles themselves, so every choice finds something.
  std::map<std::string, std::size_t> types, audiences, locales, intent_counts, levels;
  for (const auto& hit : index().articles(ArticleFilter{}, kEveryArticle)) {
    ++types[hit.type];
    ++audiences[hit.audience];
    ++locales[hit.locale];
    for (const auto& intent : hit.intents) ++intent_counts[intent];
    if (hit.level) ++levels[std::to_string(hit.level)];
  }
  for (const char* type : kTypeOrder)
    if (types.count(type)) facets_.types.push_back({type, type, types[type]});
  for (const auto& [type, n] : types)
    if (std::find(std::begin(kTypeOrder), std::end(kTypeOrder), type) == std::end(kTypeOrder))
      facets_.types.push_back({type, type, n});
  for (const auto& [audience, n] : audiences) facets_.audiences.push_back({audience, audience, n});
  for (const auto& [locale, n] : locales) facets_.locales.push_back({locale, locale, n});
  for (const IntentInfo& intent : index().intents())
    if (intent_counts.count(intent.id))
      facets_.intents.push_back({intent.id, intent.id + "  " + intent_label(intent.id, kDefaultLocale), intent_counts[intent.id]});
  for (const auto& [level, n] : levels) facets_.levels.push_back({level, "L" + level, n});
}

const IntentInfo* Catalogue::find_intent(std::string_view id) const {
  const auto& intents = index().intents();
  const auto it = std::find_if(intents.begin(), intents.end(), [&](const IntentInfo& intent) { return intent.id == id; });
  return it == intents.end() ? nullptr : &*it;
}

std::string Catalogue::intent_label(const std::string& intent, const std::string& locale) const {
  const IntentInfo* info = find_intent(intent);
  const std::string label = info ? localized(info->label, locale) : std::string();
  return label.empty() ? intent : label;
}

std::string Catalogue::article_title(const std::string& id) const {
  try {
    const json data = json::parse(index().article_json(id), nullptr, false);
    if (data.is_object() && data.contains("title") && data["title"].is_string()) return data["title"].get<std::string>();
  } catch (const Error&) {
  }
  return id;
}

std::string Catalogue::intent_labels(const std::vector<std::string>& intents, const std::string& locale) const {
  std::vector<std::string> labels;
  for (const auto& intent : intents) labels.push_back(intent_label(intent, locale));
  return join(labels);
}

std::string Catalogue::all_text() const {
  std::string all;
  all += index().intents_json();
  for (const char* key : {schema::kMetaEscalation, schema::kMetaFirstScreen, schema::kMetaBuild})
    all += index().metadata(key);
  for (const auto& hit : index().articles(ArticleFilter{}, kEveryArticle)) {
    try {
      all += index().article_json(hit.id);
    } catch (const std::exception&) {
    }
  }
  return all;
}

ResultRow Catalogue::row_for(const ArticleHit& hit) const {
  ResultRow row;
  row.id = hit.id;
  row.title = hit.title;
  row.type = hit.type;
  row.audience = hit.audience;
  row.locale = hit.locale;
  row.updated = hit.updated;
  row.level = hit.level;
  row.intents = hit.intents;
  row.intent_labels = intent_labels(hit.intents, hit.locale);
  row.snippet = snippet_spans(hit.snippet_html);
  return row;
}

SearchResults Catalogue::search(const SearchRequest& request) const {
  SearchResults results;
  const std::string query = trim(request.query);
  if (query.empty()) {
    for (const auto& hit : index().articles(request.filter, request.limit)) results.rows.push_back(row_for(hit));
    return results;
  }
  for (const auto& hit : index().search(query, request.filter, request.limit)) results.rows.push_back(row_for(hit));
  // How the widget would read the same words (a throwaway session).
  Session session;
  const Decision decision = engine_.ask(session, query);
  results.decision = decision_kind_name(decision.kind);
  for (std::size_t k = 0; k < decision.intents.size() && k < 3; ++k) results.intents.push_back(decision.intents[k]);
  return results;
}

std::string Catalogue::answered_now(const std::string& query, const std::string& locale) const {
  Session session;
  session.context.locale = locale;
  const Decision decision = engine_.ask(session, query);
  if (decision.kind != Decision::Kind::answer || decision.articles.empty()) return "";
  const ArticleHit& best = decision.articles.front();
  return best.audience == "public" ? best.title : "";
}

std::string first_recommendation(const Recommendations& recommendations) {
  for (const auto* rows : {&recommendations.standards, &recommendations.scripts, &recommendations.solutions})
    if (!rows->empty()) return rows->front().id;
  return "";
}

bool has_few_examples(const IntentStats& intent) { return intent.examples < schema::kRecommendedExamples; }

Recommendations Catalogue::recommendations(const HandoffCase& handoff) const {
  Recommendations out;
  const std::string language = language_of(handoff.locale.empty() ? kDefaultLocale : handoff.locale);
  std::set<std::string> seen;
  std::vector<ArticleHit> hits;
  for (const auto& intent : case_intents(handoff)) {
    if (!find_intent(intent)) continue;
    ArticleFilter filter;
    filter.intent = intent;
    std::vector<ArticleHit> mine = index().articles(filter);
    // Internal first (what only agents have), then the article's own type order.
    std::stable_sort(mine.begin(), mine.end(), [](const ArticleHit& a, const ArticleHit& b) {
      return (a.audience == "internal") > (b.audience == "internal");
    });
    for (auto& hit : mine)
      if (language_of(hit.locale) == language && seen.insert(hit.id).second) hits.push_back(std::move(hit));
  }
  for (const auto& hit : hits) {
    if (hit.type == "script") out.scripts.push_back(row_for(hit));
    else if (hit.type == "policy") out.standards.push_back(row_for(hit));
    else out.solutions.push_back(row_for(hit));
  }
  return out;
}

IndexStats Catalogue::stats() const {
  IndexStats stats;
  stats.build = index().build_info();
  const json build = json::parse(stats.build.json, nullptr, false);
  if (build.is_object()) {
    if (build.contains("counts") && build["counts"].is_object()) {
      const json& counts = build["counts"];
      stats.by_type = counts_of(counts.value("by_type", json()));
      stats.by_audience = counts_of(counts.value("by_audience", json()));
      stats.by_locale = counts_of(counts.value("by_locale", json()));
    }
    if (build.contains("warnings") && build["warnings"].is_array())
      for (const auto& warning : build["warnings"])
        stats.warnings.push_back(warning.is_string() ? warning.get<std::string>() : warning.dump());
  }
  std::map<std::string, std::size_t> articles_per_intent;
  for (const auto& facet : facets_.intents) articles_per_intent[facet.value] = facet.articles;
  for (const IntentInfo& intent : index().intents())
    stats.intents.push_back({intent.id, intent_label(intent.id, kDefaultLocale), intent.group, intent.examples,
                             articles_per_intent[intent.id], intent.human_only, intent.urgent, intent.not_covered});
  std::stable_sort(stats.intents.begin(), stats.intents.end(),
                   [](const IntentStats& a, const IntentStats& b) { return a.examples < b.examples; });
  return stats;
}

}  // namespace firstline::console
