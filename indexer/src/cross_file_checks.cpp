// What the files of a KB say about each other, checked once every file is
// read: article ids are unique, the intents articles name exist, related and
// translated articles exist (are public when the article naming them is, and
// published when it is), each intent has enough example questions
// (schema::kRecommendedExamples, counting its articles' questions), and each
// public article is there in every locale the KB serves. An unknown id gets
// the nearest known ones (did_you_mean); an id whose file could not be read
// is not reported missing again.
#include "cross_file_checks.h"

#include <algorithm>
#include <map>
#include <set>

#include "firstline/locale.h"
#include "firstline/schema.h"
#include "yaml_source.h"

namespace firstline::indexer {

namespace {

/// Who reads a locale, as a warning names them.
std::string customers_of(const std::string& locale) {
  if (locale == "zh-Hans") return "Simplified Chinese";
  if (locale == "zh-Hant") return "Traditional Chinese";
  if (locale == "en") return "English";
  return locale;
}

std::string joined_with_and(const std::vector<std::string>& items, const std::string& last) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " " + last + " " : ", ") + items[i];
  return out;
}

/// One warning per public article missing from a locale the KB serves (a
/// locale some public article is written in), naming what the customers of
/// that locale get instead by firstline::localized's rule, the one the
/// widget's labels follow: the other Chinese script, then English, then
/// zh-Hans. A family is an original and the articles naming it in
/// translation_of; drafts are not part of it (a draft translation is named).
void check_translations(const std::vector<Article>& articles, Diagnostics& diagnostics) {
  struct Family {
    std::map<std::string, const Article*> published, drafts;  // by locale
  };
  std::map<std::string, Family> families;
  std::set<std::string> served, ids;
  for (const auto& article : articles) ids.insert(article.id);
  for (const auto& article : articles) {
    if (article.audience != "public" || article.id.empty() || !contains(known_locales(), article.locale)) continue;
    Family& family = families[article.translation_of.empty() ? article.id : article.translation_of];
    (article.draft ? family.drafts : family.published).emplace(article.locale, &article);
    if (!article.draft) served.insert(article.locale);
  }
  for (const auto& [family_id, family] : families) {
    const std::string& root = family_id;  // a structured binding cannot be captured (C++17)
    if (family.published.empty() || !ids.count(root)) continue;  // a missing original is an error already
    LocalizedText present;
    for (const auto& [locale, article] : family.published) present[locale] = locale;
    std::vector<std::string> missing;
    std::map<std::string, std::vector<std::string>> readers_by_fallback;  // fallback locale → customers
    std::vector<std::string> fallback_order;
    std::string draft_note;
    for (const auto& locale : known_locales()) {
      if (!served.count(locale) || family.published.count(locale)) continue;
      missing.push_back(locale);
      const std::string fallback = localized(present, locale);
      if (!readers_by_fallback.count(fallback)) fallback_order.push_back(fallback);
      readers_by_fallback[fallback].push_back(customers_of(locale));
      if (const auto draft = family.drafts.find(locale); draft != family.drafts.end())
        draft_note += " (the " + locale + " translation '" + draft->second->id + "' is a draft)";
    }
    if (missing.empty()) continue;
    // Named by the original if it is published, else by its first translation.
    const auto original = std::find_if(family.published.begin(), family.published.end(),
                                       [&](const auto& entry) { return entry.second->id == root; });
    const Article& named = *(original != family.published.end() ? original : family.published.begin())->second;
    std::vector<std::string> who;
    for (const auto& fallback : fallback_order)
      who.push_back(joined_with_and(readers_by_fallback[fallback], "and") + " customers get the " + fallback + " text");
    diagnostics.warning(named.file, named.id_line,
                        "article '" + named.id + "' (" + named.locale + ") has no " + joined_with_and(missing, "or") +
                            " translation: " + join(who, ", ") + draft_note);
  }
}

}  // namespace

void check_across_files(const KnowledgeBase& kb, Diagnostics& diagnostics) {
  std::vector<std::string> intent_ids;
  std::map<std::string, int> not_covered;  // intent id -> its line in intents.yaml
  for (const auto& intent : kb.intents) {
    intent_ids.push_back(intent.id);
    if (intent.not_covered) not_covered.emplace(intent.id, intent.line);
  }
  const std::set<std::string> known_intents(intent_ids.begin(), intent_ids.end());
  std::map<std::string, const Article*> by_id;
  std::vector<std::string> article_ids;
  for (const auto& article : kb.articles) {
    if (article.id.empty()) continue;
    const auto [it, inserted] = by_id.emplace(article.id, &article);
    if (!inserted)
      diagnostics.error(article.file, article.id_line,
                        "duplicate article id '" + article.id + "' (also used by " + it->second->file + ")");
    else
      article_ids.push_back(article.id);
  }
  // An id that is not there: unreported if its file could not be read (that
  // file's own error says why), else an error with the nearest ids.
  auto report_missing = [&](const Article& article, int line, const std::string& id, const std::string& message) {
    if (contains(kb.unreadable_articles, id)) return;
    diagnostics.error(article.file, line, message + did_you_mean(id, article_ids));
  };
  std::map<std::string, std::size_t> examples_per_intent;  // article questions count toward their intents
  for (const auto& article : kb.articles) {
    if (kb.intents_readable) {  // else intents.yaml's own error says it all
      for (const auto& intent : article.intents) {
        if (!known_intents.count(intent))
          diagnostics.error(article.file, article.intents_line,
                            "unknown intent '" + intent + "' (not in intents.yaml)" + did_you_mean(intent, intent_ids));
        else if (const auto it = not_covered.find(intent); it != not_covered.end() && !article.draft)
          diagnostics.error(article.file, article.intents_line,
                            "intent '" + intent + "' is marked not_covered (intents.yaml line " +
                                std::to_string(it->second) + "), yet this article answers it: remove "
                                "'not_covered: true' from the intent, or keep the article 'draft: true' until it is ready");
      }
    }
    if (!article.intents.empty() && !article.draft) examples_per_intent[article.intents.front()] += article.questions.size();
    // A public article's links go into public.db: they may name public articles only.
    auto internal = [&](const std::string& id) {
      const auto it = by_id.find(id);
      return article.audience == "public" && it != by_id.end() && it->second->audience == "internal";
    };
    // A published article's links must not lead to an unpublished one.
    auto draft = [&](const std::string& id) {
      const auto it = by_id.find(id);
      return !article.draft && it != by_id.end() && it->second->draft;
    };
    for (const auto& related : article.related) {
      if (!by_id.count(related))
        report_missing(article, article.related_line, related, "related article '" + related + "' does not exist");
      else if (draft(related))
        diagnostics.error(article.file, article.related_line,
                          "related article '" + related + "' is a draft: publish it (remove 'draft: true') or take it "
                          "out of related");
      else if (internal(related))
        diagnostics.error(article.file, article.related_line,
                          "related article '" + related + "' is internal: a public article may link public articles only");
    }
    const std::string& original = article.translation_of;
    if (original.empty()) continue;
    if (!by_id.count(original))
      report_missing(article, article.translation_line, original,
                     "translation_of names article '" + original + "', which does not exist");
    else if (internal(original))
      diagnostics.error(article.file, article.translation_line,
                        "translation_of names article '" + original +
                            "', which is internal: a public article cannot be a translation of an internal one");
    else if (draft(original))
      diagnostics.warning(article.file, article.translation_line,
                          "translation_of names article '" + original + "', which is a draft: until it is published, "
                          "its customers get this " + article.locale + " text in its place");
  }
  for (const auto& intent : kb.intents) {
    std::size_t total = examples_per_intent[intent.id];
    for (const auto& [locale, examples] : intent.examples) {
      total += examples.size();
      if (examples.size() < schema::kRecommendedExamples && !examples.empty() && locale != "zh-Hant")
        diagnostics.warning(kb.root + "/intents.yaml", intent.line,
                            "intent '" + intent.id + "' has only " + std::to_string(examples.size()) + " " + locale +
                                " example questions (" + std::to_string(schema::kRecommendedExamples) + " or more recommended)");
    }
    if (total < schema::kRecommendedExamples)
      diagnostics.warning(kb.root + "/intents.yaml", intent.line,
                          "intent '" + intent.id + "' has only " + std::to_string(total) +
                              " example questions in all (" + std::to_string(schema::kRecommendedExamples) +
                              " or more recommended)");
  }
  check_translations(kb.articles, diagnostics);
}

}  // namespace firstline::indexer
