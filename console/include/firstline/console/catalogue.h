// firstline/console/catalogue.h — the agent index as the console sees it:
// search with filters (the widget's own core underneath), the choices each
// filter offers, the best-practice articles for a handed-off case, and the
// index's statistics for editors.
//
//   auto catalogue = firstline::console::Catalogue::open("out/index/agent.db");  // throws firstline::Error
//   SearchRequest request;
//   request.query = "快递延迟补偿";
//   request.filter.type = "policy";
//   for (const auto& row : catalogue.search(request).rows) ...
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "firstline/console/handoff.h"
#include "firstline/engine.h"
#include "firstline/index.h"

namespace firstline::console {

/// A listing limit that lets every article through.
inline constexpr std::size_t kEveryArticle = 0xFFFFFFFFu;

/// Text with some parts highlighted (the words a query matched).
struct Span {
  std::string text;
  bool highlighted = false;
};

/// Reads a snippet's HTML (escaped text with <mark>…</mark>) into spans.
std::vector<Span> snippet_spans(std::string_view snippet_html);

struct SearchRequest {
  std::string query;     ///< empty: every article the filter lets through, newest first
  ArticleFilter filter;  ///< type, audience, locale, intent, level
  std::size_t limit = 50;
};

struct ResultRow {
  std::string id, title, type, audience, locale, updated;
  int level = 0;
  std::vector<std::string> intents;  ///< ids
  std::string intent_labels;         ///< their labels, comma-separated, in the article's language
  std::vector<Span> snippet;
};

struct SearchResults {
  std::vector<ResultRow> rows;
  std::vector<IntentScore> intents;  ///< what the widget's core understood the query as (best first, at most 3)
  std::string decision;              ///< the widget's decision for it: answer, clarify or escalate ("" without a query)
};

/// One choice of a filter.
struct FilterChoice {
  std::string value;  ///< what goes into ArticleFilter
  std::string label;  ///< what the UI shows
  std::size_t articles = 0;
};

struct Facets {
  std::vector<FilterChoice> types, audiences, locales, intents, levels;
};

/// The best-practice articles for a case, by what an agent reaches for.
struct Recommendations {
  std::vector<ResultRow> solutions;  ///< solution, faq and lesson articles
  std::vector<ResultRow> scripts;    ///< what to say
  std::vector<ResultRow> standards;  ///< compensation standards and policies
};

/// The article to show first for a case: its first standard (what the agent
/// may offer), else its first script, else its first solution; "" for none.
std::string first_recommendation(const Recommendations& recommendations);

/// Counts per value, largest first.
using Counts = std::vector<std::pair<std::string, std::size_t>>;

struct IntentStats {
  std::string id, label, group;
  std::size_t examples = 0;  ///< example questions the classifier learns from
  std::size_t articles = 0;  ///< articles tagged with it
  bool human_only = false, urgent = false;
  bool not_covered = false;  ///< a known gap: asked about, no article yet (intents.yaml's not_covered)
};

/// Whether an intent has fewer example questions than the indexer recommends
/// (schema::kRecommendedExamples, which the indexer warns about too).
bool has_few_examples(const IntentStats& intent);

struct IndexStats {
  BuildInfo build;
  Counts by_type, by_audience, by_locale;
  std::vector<IntentStats> intents;   ///< fewest examples first
  std::vector<std::string> warnings;  ///< the indexer's validation warnings for this build
};

class Catalogue {
 public:
  /// Opens the agent index at `path`. Throws firstline::Error (see Index::open).
  static Catalogue open(const std::string& path);
  explicit Catalogue(Engine engine);

  const Index& index() const { return engine_.index(); }
  const Facets& facets() const { return facets_; }

  /// Ranked articles for the query among those the filter lets through, and
  /// how the widget's core reads the query. Never throws on any query text.
  SearchResults search(const SearchRequest& request) const;

  /// An intent's label in `locale` (firstline::localized's fallbacks: zh-Hant
  /// and zh-Hans stand in for each other, then en, then kDefaultLocale), or
  /// the id for an intent the index does not know.
  std::string intent_label(const std::string& intent, const std::string& locale) const;

  /// The labels of `intents` in `locale` (intent_label), comma-separated.
  std::string intent_labels(const std::vector<std::string>& intents, const std::string& locale) const;

  /// Every text the index may put on the screen (the intents, escalation,
  /// first-screen and build metadata, every article's stored JSON), for the
  /// glyph ranges of a font atlas.
  std::string all_text() const;

  /// An article's title, or its id if the index has no such article.
  std::string article_title(const std::string& id) const;

  /// Articles for the case's intents (best first), in the case's language,
  /// internal articles before public ones.
  Recommendations recommendations(const HandoffCase& handoff) const;

  /// Counts, intents with their examples, and the build's warnings.
  IndexStats stats() const;

  /// The title of the public article the widget's core would answer `query`
  /// with now (in `locale`, "" = the query's), or "" when it would not answer
  /// it with a public article (it clarifies, escalates, or only internal
  /// material matches). The Editor tab's "answered now by".
  std::string answered_now(const std::string& query, const std::string& locale) const;

 private:
  ResultRow row_for(const ArticleHit& hit) const;

  /// The index's intent `id` (Index::intents()), or nullptr.
  const IntentInfo* find_intent(std::string_view id) const;

  Engine engine_;
  Facets facets_;
};

}  // namespace firstline::console
