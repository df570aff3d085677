#include "knowledge.h"

#include <optional>

#include "by_need.h"
#include "firstline/locale.h"
#include "firstline/packed.h"
#include "firstline/schema.h"

namespace firstline {

using nlohmann::json;

void Knowledge::load(std::shared_ptr<Index::Internal> from) {
  index = std::move(from);
  const Xapian::Database& db = index->db;
  const TextFolder& folder = index->folder;
  intents.open(db, index->build.intents);

  const json escalation = json::parse(db.get_metadata(schema::kMetaEscalation), nullptr, false);
  if (escalation.is_object()) {
    channels = ChannelRouting(escalation);
    thresholds = Thresholds::read(escalation.value("thresholds", json::object()));
    signals = SignalDetector(escalation.value("lexicons", json::object()), folder);
  }
  model = StoredIntentModel(db.get_metadata(schema::kMetaIntentModelHead), [db](const std::string& key) {
    return by_need::read(std::string(), [&] { return db.get_metadata(schema::kMetaAnchored + key); });
  });
  if (const json screen = json::parse(db.get_metadata(schema::kMetaFirstScreen), nullptr, false); screen.is_object())
    first_screen = screen;
  examples.open(db, intents, [internal = index.get()](const std::string& text) {
    std::vector<std::string> terms;
    for (auto& [term, wdf] : internal->query_terms(internal->folder.fold(text))) terms.push_back(std::move(term));
    return terms;
  });

  hints.open(db, intents);
}

// The document ids come from the index itself (an intent's entry, a search):
// assumed valid, so reading one costs its data, not a look at the document
// lengths first (a leaf more for a browser). A damaged id reads no data: no article.
std::shared_ptr<const Knowledge::Article> Knowledge::article(Xapian::docid docid) const {
  const auto read = article_cache.get(docid, [&]() -> std::optional<Article> {
    const json data = json::parse(by_need::read(std::string(), [&] { return index->db.get_document(docid, Xapian::DOC_ASSUME_VALID).get_data(); }),
                                  nullptr, false);
    if (!data.is_object()) return std::nullopt;
    return Article{Index::Internal::article_from_data(data), data.value("text", "")};
  });
  if (!read->has_value()) return nullptr;
  return std::shared_ptr<const Article>(read, &**read);
}

}  // namespace firstline
