// The KB's intents as the engine reads them: one by one, by position or id,
// from the index's single-intent entries (schema.h, kMetaIntentAt and
// kMetaIntentId), the last few kept; opening reads only their count. (The
// whole list, for the console and the tools, is Index::intents().)
// Not part of the public API.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "bounded_cache.h"
#include "firstline/index.h"

namespace firstline {

/// One entry of the intents metadata (schema.h) as an IntentInfo; fields left out take their defaults.
std::optional<IntentInfo> intent_from_json(const nlohmann::json& entry);

class IntentDirectory {
 public:
  /// Reads the intents of `db` from now on; `count` is how many the index has. `db` must outlive it.
  void open(const Xapian::Database& db, std::size_t count);

  std::size_t size() const noexcept { return count_; }
  /// The intent at `position` in the KB's order; null past the end or if its entry is damaged.
  std::shared_ptr<const IntentInfo> at(std::size_t position) const;
  /// The intent called `id`; null if there is none.
  std::shared_ptr<const IntentInfo> find(const std::string& id) const;
  std::optional<std::size_t> position_of(const std::string& id) const;

 private:
  const Xapian::Database* db_ = nullptr;
  std::size_t count_ = 0;
  mutable BoundedCache<std::size_t, std::optional<IntentInfo>> by_position_{1024};
  mutable BoundedCache<std::string, std::optional<std::size_t>> by_id_{1024};
};

}  // namespace firstline
