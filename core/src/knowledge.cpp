#include "knowledge.h"

#include <optional>

#include "firstline/locale.h"
#include "firstline/schema.h"

namespace firstline {

using nlohmann::json;

namespace {

/// A position in a list of `size`, if the value is one.
std::optional<std::size_t> position_in(const json& value, std::size_t size) {
  if (value.is_number_unsigned() && value.get<std::size_t>() < size) return value.get<std::size_t>();
  return std::nullopt;
}

}  // namespace

void Knowledge::load(std::shared_ptr<Index::Internal> from) {
  index = std::move(from);
  const Xapian::Database& db = index->db;
  const TextFolder& folder = index->folder;
  for (std::size_t i = 0; i < intents().size(); ++i) intent_at[intents()[i].id] = i;
  intent_articles.assign(intents().size(), {});

  const json escalation = json::parse(db.get_metadata(schema::kMetaEscalation), nullptr, false);
  if (escalation.is_object()) {
    channels = ChannelRouting(escalation);
    thresholds = Thresholds::read(escalation.value("thresholds", json::object()));
    signals = SignalDetector(escalation.value("lexicons", json::object()), folder);
  }
  model = IntentModel::deserialize(db.get_metadata(schema::kMetaIntentModel));
  if (const json screen = json::parse(db.get_metadata(schema::kMetaFirstScreen), nullptr, false); screen.is_object())
    first_screen = screen;

  // The example questions (schema.h: the examples table), each with the
  // terms a query of the same text would have; every one is a completion too.
  const json table = json::parse(db.get_metadata(schema::kMetaExamples), nullptr, false);
  if (table.is_object() && table.value("examples", json()).is_array()) {
    const json locales = table.value("locales", json::array());
    for (const auto& row : table["examples"]) {
      if (!row.is_array() || row.size() < 2 || !row[0].is_string()) continue;
      ExampleTable::Example example;
      example.text = row[0].get<std::string>();
      const auto locale_at = position_in(row[1], locales.size());
      const std::string locale = locale_at && locales[*locale_at].is_string() ? locales[*locale_at].get<std::string>() : "";
      for (std::size_t i = 2; i < row.size(); ++i)
        if (const auto intent_at = position_in(row[i], intents().size())) example.intents.push_back(intents()[*intent_at].id);
      const std::string folded = folder.fold(example.text);
      hints.add(folded, example.text, example.intents.empty() ? "" : example.intents.front(), language_of(locale));
      examples.add(std::move(example), folded, index->query_terms(folded));
    }
  }
  examples.finish();

  // The articles, and their titles as completions too.
  const std::string is_article = std::string(schema::kPrefixKind) + schema::kKindArticle;
  for (auto it = db.postlist_begin(is_article); it != db.postlist_end(is_article); ++it) {
    const json data = json::parse(db.get_document(*it).get_data(), nullptr, false);
    if (!data.is_object()) continue;
    articles[*it] = {Index::Internal::article_from_data(data), data.value("text", "")};
    const auto intents_of = data.value("intents", std::vector<std::string>{});
    for (const auto& intent : intents_of)
      if (const auto at = intent_at.find(intent); at != intent_at.end())
        if (intent_articles[at->second].count++ == 0) intent_articles[at->second].first = *it;
    const std::string title = data.value("title", "");
    hints.add(folder.fold(title), title, intents_of.empty() ? "" : intents_of.front(), language_of(data.value("locale", "")));
  }
  hints.finish();
}

}  // namespace firstline
