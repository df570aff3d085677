#include "intent_directory.h"

#include <cstdlib>

#include "by_need.h"
#include "firstline/packed.h"
#include "firstline/schema.h"
#include "localized_json.h"

namespace firstline {

namespace {

/// An entry's intent and articles; nothing if it is damaged.
std::optional<IntentDirectory::Entry> entry_from_json(const nlohmann::json& json) {
  auto info = intent_from_json(json);
  if (!info) return std::nullopt;
  IntentDirectory::Entry entry{std::move(*info), {}};
  if (const auto articles = json.find("articles"); articles != json.end() && articles->is_array()) {
    for (const auto& a : *articles) {
      if (!a.is_array() || a.size() != 3 || !a[0].is_number_unsigned() || !a[1].is_string() || !a[2].is_string())
        return std::nullopt;
      entry.articles.push_back({a[0].get<Xapian::docid>(), a[1].get<std::string>(), a[2].get<std::string>()});
    }
  }
  return entry;
}

}  // namespace

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
  intent.not_covered = entry.value("not_covered", false);
  return intent;
}

void IntentDirectory::open(const Xapian::Database& db, std::size_t count) {
  db_ = &db;
  count_ = count;
  all_.clear();
  all_positions_.clear();
  const auto all = nlohmann::json::parse(db.get_metadata(schema::kMetaIntentsAtOpen), nullptr, /*allow_exceptions=*/false);
  if (!all.is_array() || all.size() != count) return;  // not kept at open (or damaged): read one by one
  for (const auto& json : all) {
    auto entry = entry_from_json(json);
    if (!entry) {
      all_.clear();
      all_positions_.clear();
      return;
    }
    all_positions_.emplace(entry->info.id, all_.size());
    all_.push_back(std::make_shared<const Entry>(std::move(*entry)));
  }
}

std::shared_ptr<const IntentDirectory::Entry> IntentDirectory::entry_at(std::size_t position) const {
  if (!db_ || position >= count_) return nullptr;
  if (!all_.empty()) return all_[position];
  const auto read = by_position_.get(position, [&] {
    const std::string entry = by_need::read(std::string(), [&] {
      return db_->get_metadata(packed::numbered_key(schema::kMetaIntentAt, static_cast<std::uint32_t>(position)));
    });
    return entry_from_json(nlohmann::json::parse(entry, nullptr, /*allow_exceptions=*/false));
  });
  if (!read->has_value()) return nullptr;
  // Its id's position is known now: find() by that id reads no id entry.
  by_id_.get((*read)->info.id, [&] { return std::optional<std::size_t>(position); });
  return std::shared_ptr<const Entry>(read, &**read);
}

std::shared_ptr<const IntentInfo> IntentDirectory::at(std::size_t position) const {
  auto entry = entry_at(position);
  return entry ? std::shared_ptr<const IntentInfo>(entry, &entry->info) : nullptr;
}

std::optional<std::size_t> IntentDirectory::position_of(const std::string& id) const {
  if (!db_ || id.empty()) return std::nullopt;
  if (!all_.empty()) {
    const auto it = all_positions_.find(id);
    return it == all_positions_.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }
  return *by_id_.get(id, [&]() -> std::optional<std::size_t> {
    const std::string value = by_need::read(std::string(), [&] { return db_->get_metadata(schema::kMetaIntentId + id); });
    if (value.empty()) return std::nullopt;
    char* end = nullptr;
    const unsigned long long position = std::strtoull(value.c_str(), &end, 10);
    if (end == value.c_str() || position >= count_) return std::nullopt;
    return static_cast<std::size_t>(position);
  });
}

std::shared_ptr<const IntentDirectory::Entry> IntentDirectory::find_entry(const std::string& id) const {
  const auto position = position_of(id);
  if (!position) return nullptr;
  auto entry = entry_at(*position);
  return entry && entry->info.id == id ? entry : nullptr;
}

std::shared_ptr<const IntentInfo> IntentDirectory::find(const std::string& id) const {
  auto entry = find_entry(id);
  return entry ? std::shared_ptr<const IntentInfo>(entry, &entry->info) : nullptr;
}

}  // namespace firstline
