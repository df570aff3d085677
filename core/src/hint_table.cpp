#include "hint_table.h"

#include <algorithm>
#include <string_view>

#include "firstline/text.h"

namespace firstline {

namespace {

/// Candidates looked at per step: enough to pick the shortest from.
constexpr std::size_t kCandidates = 400;

/// Every pair of adjacent characters of `text`, as one number each.
std::vector<std::uint64_t> character_pairs(const std::string& text) {
  std::vector<std::uint64_t> pairs;
  std::size_t pos = 0;
  char32_t previous = 0;
  bool first = true;
  while (pos < text.size()) {
    const char32_t cp = decode_utf8(text, pos);
    if (!first) pairs.push_back((static_cast<std::uint64_t>(previous) << 21) | cp);
    previous = cp;
    first = false;
  }
  return pairs;
}

/// Whether `text` holds `needle`; with `at_word_start`, only where a word
/// starts (at the beginning or after a space), as English completions match.
bool holds(std::string_view text, std::string_view needle, bool at_word_start) {
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1))
    if (!at_word_start || at == 0 || text[at - 1] == ' ') return true;
  return false;
}

}  // namespace

void HintTable::add(std::string folded, std::string text, std::string intent, std::string language) {
  if (folded.empty() || !seen_.insert(folded).second) return;
  entries_.push_back({std::move(folded), std::move(text), std::move(intent), std::move(language)});
}

void HintTable::finish() {
  seen_.clear();
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.folded < b.folded; });
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    auto pairs = character_pairs(" " + entries_[i].folded);
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    for (const auto key : pairs) pairs_[key].push_back(i);
  }
}

std::vector<Hint> HintTable::completions(const std::string& folded, const std::string& language,
                                         std::size_t limit) const {
  std::vector<Hint> out;
  std::set<std::string> shown;
  auto add = [&](const Entry& entry) {
    if (out.size() >= limit || entry.language != language) return;
    if (!shown.insert(entry.folded).second) return;
    out.push_back({Hint::Kind::completion, entry.text, entry.intent});
  };
  auto shortest_first = [](const Entry* a, const Entry* b) { return a->folded.size() < b->folded.size(); };
  // 1. Questions and titles that start with what was typed.
  const auto first = std::lower_bound(entries_.begin(), entries_.end(), folded,
                                      [](const Entry& e, const std::string& key) { return e.folded < key; });
  std::vector<const Entry*> prefixed;
  for (auto it = first; it != entries_.end() && it->folded.compare(0, folded.size(), folded) == 0; ++it) {
    prefixed.push_back(&*it);
    if (prefixed.size() >= kCandidates) break;
  }
  std::stable_sort(prefixed.begin(), prefixed.end(), shortest_first);
  for (const auto* entry : prefixed) add(*entry);
  // 2. Questions that contain it (at a word start, for English): the entries
  // holding the needle's rarest character pair, checked one by one.
  if (out.size() < limit && folded.size() >= 2) {
    const bool at_word_start = language == "en";
    const std::vector<std::uint32_t>* rarest = nullptr;
    bool impossible = false;
    for (const auto key : character_pairs(at_word_start ? " " + folded : folded)) {
      const auto it = pairs_.find(key);
      if (it == pairs_.end()) {
        impossible = true;  // a pair no entry has
        break;
      }
      if (!rarest || it->second.size() < rarest->size()) rarest = &it->second;
    }
    std::vector<const Entry*> containing;
    if (rarest && !impossible) {
      for (const auto position : *rarest) {
        const Entry& entry = entries_[position];
        if (entry.language != language || !holds(entry.folded, folded, at_word_start)) continue;
        containing.push_back(&entry);
        if (containing.size() >= kCandidates) break;
      }
    }
    std::stable_sort(containing.begin(), containing.end(), shortest_first);
    for (const auto* entry : containing) add(*entry);
  }
  return out;
}

}  // namespace firstline
