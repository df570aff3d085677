// The completions offered while the customer types: every example question
// and article title, sorted by folded text, with an index of character pairs
// to find the ones that contain what was typed (not part of the public API).
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "firstline/engine.h"

namespace firstline {

class HintTable {
 public:
  /// Adds a completion, unless one with the same folded text is in already.
  /// `language`: language_of() its locale; hints are offered in the customer's.
  void add(std::string folded, std::string text, std::string intent, std::string language);

  /// Sorts and indexes the completions; call once, after the last add().
  void finish();

  /// Up to `limit` completions in `language` for `folded` typed text: those
  /// that start with it, then those that contain it (for English, at a word
  /// start), shortest first within each.
  std::vector<Hint> completions(const std::string& folded, const std::string& language, std::size_t limit) const;

 private:
  struct Entry {
    std::string folded;  // sort key
    std::string text;
    std::string intent;
    std::string language;  // "zh" or "en"
  };
  std::vector<Entry> entries_;  // sorted by folded text
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> pairs_;  // character pair -> entries holding it
  std::set<std::string> seen_;  // while adding
};

}  // namespace firstline
