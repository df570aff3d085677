// What the files of a KB say about each other, checked once every file is
// read: article ids are unique, the intents articles name exist, related and
// translated articles exist (and are public when the article naming them is),
// and each intent has enough example questions
// (schema::kRecommendedExamples, counting its articles' questions).
#include "cross_file_checks.h"

#include <map>
#include <set>

#include "firstline/schema.h"

namespace firstline::indexer {

void check_across_files(const KnowledgeBase& kb, Diagnostics& diagnostics) {
  std::set<std::string> intent_ids;
  for (const auto& intent : kb.intents) intent_ids.insert(intent.id);
  std::map<std::string, const Article*> by_id;
  for (const auto& article : kb.articles) {
    if (article.id.empty()) continue;
    const auto [it, inserted] = by_id.emplace(article.id, &article);
    if (!inserted)
      diagnostics.error(article.file, article.id_line,
                        "duplicate article id '" + article.id + "' (also used by " + it->second->file + ")");
  }
  std::map<std::string, std::size_t> examples_per_intent;  // article questions count toward their intents
  for (const auto& article : kb.articles) {
    for (const auto& intent : article.intents) {
      if (!intent_ids.count(intent))
        diagnostics.error(article.file, article.intents_line, "unknown intent '" + intent + "' (not in intents.yaml)");
    }
    if (!article.intents.empty()) examples_per_intent[article.intents.front()] += article.questions.size();
    // A public article's links go into public.db: they may name public articles only.
    auto internal = [&](const std::string& id) {
      const auto it = by_id.find(id);
      return article.audience == "public" && it != by_id.end() && it->second->audience == "internal";
    };
    for (const auto& related : article.related) {
      if (!by_id.count(related))
        diagnostics.error(article.file, article.related_line, "related article '" + related + "' does not exist");
      else if (internal(related))
        diagnostics.error(article.file, article.related_line,
                          "related article '" + related + "' is internal: a public article may link public articles only");
    }
    if (!article.translation_of.empty() && !by_id.count(article.translation_of))
      diagnostics.error(article.file, article.translation_line, "translation_of names article '" + article.translation_of +
                                             "', which does not exist");
    else if (!article.translation_of.empty() && internal(article.translation_of))
      diagnostics.error(article.file, article.translation_line,
                        "translation_of names article '" + article.translation_of +
                            "', which is internal: a public article cannot be a translation of an internal one");
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
}

}  // namespace firstline::indexer
