// The completions offered while the customer types: every example question
// and article title, sorted by folded text, read by need from the index's
// hint entries (firstline/hint_store.h) with an index of character pairs to
// find the ones that contain what was typed (not part of the public API).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "bounded_cache.h"
#include "firstline/engine.h"
#include "firstline/index.h"
#include "intent_directory.h"

namespace firstline {

class HintTable {
 public:
  /// Reads the completions of `db` from now on, by need; `intents` is the
  /// index's intent list (rows name intents by position). Both must outlive the table.
  void open(const Xapian::Database& db, const IntentDirectory& intents);

  /// Up to `limit` completions in `language` for `folded` typed text: those
  /// that start with it, then those that contain it (for English, at a word
  /// start), shortest first within each.
  std::vector<Hint> completions(const std::string& folded, const std::string& language, std::size_t limit) const;

 private:
  struct Entry {
    std::string_view folded;  // sort key
    std::string_view text;
    std::uint64_t intent;       // position in the intents + 1, 0 = none
    std::string_view language;  // "zh" or "en"
  };
  struct Row {  // kHintsPerRow entries from a multiple of it, viewing the row's bytes
    std::string bytes;
    std::vector<Entry> entries;
  };

  std::shared_ptr<const Row> row(std::uint32_t block) const;
  /// Step 1 of completions() from a short prefix's worked-out entry
  /// (firstline/hint_store.h), into `out`; false if the prefix has none that
  /// answers (then the key range is walked).
  bool from_short_prefix(const std::string& prefix_key, const std::string& language, std::size_t limit,
                         std::vector<Hint>& out) const;

  const Xapian::Database* db_ = nullptr;
  const IntentDirectory* intents_ = nullptr;
  std::uint32_t count_ = 0;
  mutable BoundedCache<std::uint32_t, Row> row_cache_{512};
};

}  // namespace firstline
