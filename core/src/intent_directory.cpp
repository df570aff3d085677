#include "intent_directory.h"

#include <cstdlib>

#include "by_need.h"
#include "firstline/packed.h"
#include "firstline/schema.h"
#include "localized_json.h"

namespace firstline {

std::optional<IntentInfo> intent_from_json(const nlohmann::json& entry) {
  if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string()) return std::nullopt;
  auto texts = [&](const char* key) {
    const auto it = entry.find(key);
    return it == entry.end() ? LocalizedText{} : localized_text(*it);
  };
  IntentInfo intent;
  intent.id = entry["id"].get<std::string>();
  intent.group = entry.value("group", "");
  intent.label = texts("label");
  intent.option = texts("option");
  if (const auto examples = entry.find("examples"); examples != entry.end() && examples->is_number_unsigned())
    intent.examples = examples->get<std::size_t>();
  intent.human_only = entry.value("human_only", false);
  intent.urgent = entry.value("urgent", false);
  return intent;
}

void IntentDirectory::open(const Xapian::Database& db, std::size_t count) {
  db_ = &db;
  count_ = count;
}

std::shared_ptr<const IntentInfo> IntentDirectory::at(std::size_t position) const {
  if (!db_ || position >= count_) return nullptr;
  const auto read = by_position_.get(position, [&] {
    const std::string entry = by_need::read(std::string(), [&] {
      return db_->get_metadata(packed::numbered_key(schema::kMetaIntentAt, static_cast<std::uint32_t>(position)));
    });
    return intent_from_json(nlohmann::json::parse(entry, nullptr, /*allow_exceptions=*/false));
  });
  return read->has_value() ? std::shared_ptr<const IntentInfo>(read, &**read) : nullptr;
}

std::optional<std::size_t> IntentDirectory::position_of(const std::string& id) const {
  if (!db_ || id.empty()) return std::nullopt;
  return *by_id_.get(id, [&]() -> std::optional<std::size_t> {
    const std::string value = by_need::read(std::string(), [&] { return db_->get_metadata(schema::kMetaIntentId + id); });
    if (value.empty()) return std::nullopt;
    char* end = nullptr;
    const unsigned long long position = std::strtoull(value.c_str(), &end, 10);
    if (end == value.c_str() || position >= count_) return std::nullopt;
    return static_cast<std::size_t>(position);
  });
}

std::shared_ptr<const IntentInfo> IntentDirectory::find(const std::string& id) const {
  const auto position = position_of(id);
  if (!position) return nullptr;
  auto intent = at(*position);
  return intent && intent->id == id ? intent : nullptr;
}

}  // namespace firstline
