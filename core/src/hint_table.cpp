#include "hint_table.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <functional>
#include <string_view>

#include "by_need.h"
#include "firstline/text.h"
#include "firstline/hint_store.h"
#include "firstline/packed.h"
#include "firstline/schema.h"

namespace firstline {

namespace {

/// Whether `text` holds `needle`; with `at_word_start`, only where a word
/// starts (at the beginning or after a space), as English completions match.
bool holds(std::string_view text, std::string_view needle, bool at_word_start) {
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1))
    if (!at_word_start || at == 0 || text[at - 1] == ' ') return true;
  return false;
}

}  // namespace

void HintTable::open(const Xapian::Database& db, const IntentDirectory& intents) {
  db_ = &db;
  intents_ = &intents;
  count_ = static_cast<std::uint32_t>(std::strtoul(db.get_metadata(schema::kMetaHintStats).c_str(), nullptr, 10));
}

std::shared_ptr<const HintTable::Row> HintTable::row(std::uint32_t block) const {
  return row_cache_.get(block, [&] {
    Row out;
    out.bytes = by_need::read(std::string(), [&] { return db_->get_metadata(packed::numbered_key(schema::kMetaHintRows, block)); });
    std::string_view in(out.bytes);
    for (;;) {
      Entry e;
      if (!packed::get_text(in, e.folded) || !packed::get_text(in, e.text) || !packed::get_varint(in, e.intent) ||
          !packed::get_text(in, e.language))
        break;
      out.entries.push_back(e);
    }
    return out;
  });
}

bool HintTable::from_short_prefix(const std::string& prefix_key, const std::string& language, std::size_t limit,
                                  std::vector<Hint>& out) const {
  std::size_t characters = 0;
  for (std::size_t pos = std::string_view(schema::kMetaHintKeys).size(); pos < prefix_key.size(); ++characters)
    decode_utf8(prefix_key, pos);
  if (characters == 0 || characters > kTopPrefixCharacters) return false;
  const std::string value = by_need::read(std::string(), [&] { return db_->get_metadata(prefix_key + '\0'); });
  std::string_view in(value);
  std::string_view of_language, completion;
  std::uint64_t all, n, intent;
  while (packed::get_text(in, of_language) && packed::get_varint(in, all) && packed::get_varint(in, n)) {
    const bool ours = of_language == language;
    // Enough for the limit, or all the range has: else the walk decides.
    if (ours && n < std::min<std::uint64_t>(all, limit)) return false;
    for (std::uint64_t i = 0; i < n; ++i) {
      if (!packed::get_text(in, completion) || !packed::get_varint(in, intent)) return false;  // damaged: the walk decides
      if (!ours || out.size() >= limit) continue;
      const auto info = intent > 0 ? intents_->at(intent - 1) : nullptr;
      out.push_back({Hint::Kind::completion, std::string(completion), info ? info->id : ""});
    }
    if (ours) return true;
  }
  return !value.empty() && in.empty();  // an entry without this language: none start so in it
}

std::vector<Hint> HintTable::completions(const std::string& folded, const std::string& language,
                                         std::size_t limit) const {
  std::vector<Hint> out;
  if (!db_) return out;
  std::set<std::string_view> shown;
  std::set<std::string, std::less<>> shown_texts;  // of step 1's worked-out completions, which have no folded text at hand
  auto add = [&](const Entry& entry) {
    if (out.size() >= limit || entry.language != language) return;
    if (!shown.insert(entry.folded).second) return;
    if (shown_texts.count(entry.text)) return;  // a view: no string made per candidate
    const auto intent = entry.intent > 0 ? intents_->at(entry.intent - 1) : nullptr;
    out.push_back({Hint::Kind::completion, std::string(entry.text), intent ? intent->id : ""});
  };
  using Found = std::shared_ptr<const Entry>;
  // Ordinals come ascending: the row at hand serves until the block changes.
  std::shared_ptr<const Row> at_hand;
  std::uint32_t at_hand_block = 0;
  auto entry_at = [&](std::uint32_t ordinal) -> Found {
    if (ordinal >= count_) return nullptr;
    const std::uint32_t block = ordinal / kHintsPerRow;
    if (!at_hand || block != at_hand_block) {
      at_hand = row(block);
      at_hand_block = block;
    }
    const std::uint32_t offset = ordinal % kHintsPerRow;
    return offset < at_hand->entries.size() ? Found(at_hand, &at_hand->entries[offset]) : nullptr;
  };
  auto shortest_first = [](const Found& a, const Found& b) { return a->folded.size() < b->folded.size(); };
  // 1. Questions and titles that start with what was typed: a range of keys,
  // or for a short prefix its worked-out entry, the range's first key.
  const std::string prefix = hint_key_prefix(folded);
  if (!from_short_prefix(prefix, language, limit, out)) {
    std::vector<Found> prefixed;
    by_need::read(0, [&] {
      for (auto it = db_->metadata_keys_begin(prefix); it != db_->metadata_keys_end(prefix); ++it) {
        if (!is_completion_key(*it)) continue;  // a shorter prefix's worked-out entry
        const Found e = entry_at(packed::number_at_end(*it));
        if (!e || e->folded.compare(0, folded.size(), folded) != 0) continue;  // only past a key's cut
        prefixed.push_back(e);
        if (prefixed.size() >= kCandidates) break;
      }
      return 0;
    });
    std::stable_sort(prefixed.begin(), prefixed.end(), shortest_first);
    for (const auto& e : prefixed) add(*e);
  }
  for (const auto& hint : out) shown_texts.insert(hint.text);
  // During a probe that lacked part of step 1, whether step 2 is needed is
  // not known yet: reading its lists and rows now would fetch what the
  // answer may never need (firstline/read_probe.h).
  if (by_need::missed()) return out;
  // 2. Questions that contain it (at a word start, for English): the entries
  // holding the needle's rarest character pair, checked one by one.
  if (out.size() < limit && folded.size() >= 2) {
    const bool at_word_start = language == "en";
    std::string rarest;
    std::size_t rarest_count = 0;
    bool impossible = false;
    for (const auto pair : character_pairs(at_word_start ? " " + folded : folded)) {
      const std::string key = hint_pair_bytes(pair);
      const std::size_t count = std::strtoul(
          by_need::read(std::string("1"), [&] { return db_->get_metadata(schema::kMetaHintPairCounts + key); }).c_str(),
          nullptr, 10);
      if (count == 0) {
        impossible = true;  // a pair no entry has
        break;
      }
      if (rarest.empty() || count < rarest_count) {
        rarest = key;
        rarest_count = count;
      }
    }
    std::vector<Found> containing;
    if (!rarest.empty() && !impossible) {
      const std::string list = by_need::read(std::string(), [&] { return db_->get_metadata(schema::kMetaHintPairs + rarest); });
      std::string_view in(list);
      std::uint64_t delta, ordinal = 0;
      while (packed::get_varint(in, delta)) {
        ordinal += delta;
        const Found e = entry_at(static_cast<std::uint32_t>(ordinal));
        if (!e || e->language != language || !holds(e->folded, folded, at_word_start)) continue;
        containing.push_back(e);
        if (containing.size() >= kCandidates) break;
      }
    }
    std::stable_sort(containing.begin(), containing.end(), shortest_first);
    for (const auto& e : containing) add(*e);
  }
  return out;
}

}  // namespace firstline
