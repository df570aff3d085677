#include "article_ranking.h"

#include <algorithm>
#include <set>

#include "by_need.h"
#include "firstline/locale.h"
#include "firstline/schema.h"
#include "knowledge.h"

namespace firstline {

namespace {

/// Articles read from a search before the language and family filters.
constexpr Xapian::doccount kSearched = 12;

}  // namespace

std::vector<ArticleHit> rank_articles(const Knowledge& knowledge, const AnalysedQuery& terms, const std::string& intent,
                                      const std::string& locale, std::size_t limit) {
  const Index::Internal& index = *knowledge.index;
  std::vector<std::pair<std::string, double>> typed;  // the snippet marks what was typed (a synonym group's words too)
  for (const auto& t : terms)
    if (!t.expansion) typed.emplace_back(t.term, t.idf);
  const Snippeter snippet = index.snippeter(typed);
  // The intent's only article, or one article and its translations (an FAQ
  // list's question, most intents): nothing to rank by words, the
  // customer's locale picks (its own, else its language's other script,
  // else the first), so no search (score 0).
  if (const auto entry = knowledge.intents.find_entry(intent); entry && !entry->articles.empty() && limit > 0) {
    const auto& of_intent = entry->articles;
    const bool one_family = std::all_of(of_intent.begin(), of_intent.end(),
                                        [&](const IntentArticle& a) { return a.family == of_intent.front().family; });
    if (one_family) {
      const std::string language = language_of(locale);
      auto rank = [&](const IntentArticle& a) { return a.locale == locale ? 0 : language_of(a.locale) == language ? 1 : 2; };
      const auto chosen = std::min_element(of_intent.begin(), of_intent.end(),
                                           [&](const IntentArticle& a, const IntentArticle& b) { return rank(a) < rank(b); });
      if (const auto article = knowledge.article(chosen->docid)) {
        ArticleHit hit = article->hit;
        hit.snippet_html = snippet(article->text);
        return {hit};
      }
    }
  }
  const Xapian::Query query = Index::Internal::query_for(term_counts(terms));
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
  Xapian::Enquire enquire(index.db);
  enquire.set_query(q);
  const Xapian::MSet mset = by_need::read(Xapian::MSet(), [&] { return enquire.get_mset(0, kSearched); });
  struct Candidate {
    std::shared_ptr<const Knowledge::Article> article;
    double score;
  };
  std::vector<Candidate> found;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    if (auto article = knowledge.article(*it)) found.push_back({std::move(article), it.get_weight()});
  // The customer's language first (the exact locale before its sibling script);
  // other languages only if there is nothing in theirs.
  const std::string language = language_of(locale);
  auto rank = [&](const Candidate& c) {
    const std::string& own = c.article->hit.locale;
    return own == locale ? 0 : language_of(own) == language ? 1 : 2;
  };
  std::stable_sort(found.begin(), found.end(), [&](const Candidate& a, const Candidate& b) { return rank(a) < rank(b); });
  const bool have_own_language = !found.empty() && rank(found.front()) < 2;
  // One article per translation family, the first being in the customer's locale.
  std::vector<ArticleHit> hits;
  std::set<std::string> families;
  for (const auto& c : found) {
    if (hits.size() >= limit) break;
    if (have_own_language && rank(c) == 2) continue;
    const ArticleHit& a = c.article->hit;
    if (!families.insert(a.translation_of.empty() ? a.id : a.translation_of).second) continue;
    hits.push_back(a);
    hits.back().score = c.score;
    // Snippets only for what is shown: each costs a pass over the article's text.
    hits.back().snippet_html = snippet(c.article->text);
  }
  return hits;
}

}  // namespace firstline
