// The KB's intents as the engine reads them: all at once when the index
// opens if the index keeps them among what opening reads (schema.h,
// kMetaIntentsAtOpen: a KB of up to a few hundred intents), else one by one,
// by position or id, from the single-intent entries (kMetaIntentAt and
// kMetaIntentId), the last few kept. (The whole list, for the console and
// the tools, is Index::intents().) Not part of the public API.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "bounded_cache.h"
#include "firstline/index.h"

namespace firstline {

/// One of an intent's articles, as its entry lists it.
struct IntentArticle {
  Xapian::docid docid = 0;
  std::string locale;
  std::string family;  ///< the id of the article it translates, else its own
};

/// One entry of the intents metadata (schema.h) as an IntentInfo; fields left out take their defaults.
std::optional<IntentInfo> intent_from_json(const nlohmann::json& entry);

class IntentDirectory {
 public:
  /// An intent as its entry has it.
  struct Entry {
    IntentInfo info;
    std::vector<IntentArticle> articles;  ///< by document id
  };

  /// Reads the intents of `db` from now on; `count` is how many the index has. `db` must outlive it.
  void open(const Xapian::Database& db, std::size_t count);

  std::size_t size() const noexcept { return count_; }
  /// The intent at `position` in the KB's order; null past the end or if its entry is damaged.
  std::shared_ptr<const IntentInfo> at(std::size_t position) const;
  std::shared_ptr<const Entry> entry_at(std::size_t position) const;
  /// The intent called `id`; null if there is none.
  std::shared_ptr<const IntentInfo> find(const std::string& id) const;
  std::shared_ptr<const Entry> find_entry(const std::string& id) const;
  std::optional<std::size_t> position_of(const std::string& id) const;

 private:
  const Xapian::Database* db_ = nullptr;
  std::size_t count_ = 0;
  std::vector<std::shared_ptr<const Entry>> all_;  ///< when opening read them all
  std::unordered_map<std::string, std::size_t> all_positions_;
  mutable BoundedCache<std::size_t, std::optional<Entry>> by_position_{1024};
  mutable BoundedCache<std::string, std::optional<std::size_t>> by_id_{1024};
};

}  // namespace firstline
