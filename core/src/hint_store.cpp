// Writing the completions as firstline/hint_store.h lays them out.
#include "firstline/hint_store.h"

#include <algorithm>
#include <map>

#include "firstline/packed.h"
#include "firstline/schema.h"
#include "firstline/text.h"

namespace firstline {

std::string hint_pair_bytes(std::uint64_t pair) {
  std::string bytes;
  for (int shift = 56; shift >= 0; shift -= 8) bytes.push_back(static_cast<char>((pair >> shift) & 0xFF));
  return bytes;
}

std::string hint_key_prefix(std::string_view folded) {
  std::size_t cut = std::min(folded.size(), kHintKeyBytes);
  while (cut > 0 && cut < folded.size() && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;
  return schema::kMetaHintKeys + std::string(folded.substr(0, cut));
}

bool is_completion_key(std::string_view key) {
  const std::size_t nul = key.find('\0', std::string_view(schema::kMetaHintKeys).size());
  return nul != std::string_view::npos && key.size() - nul == 5;
}

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

void HintStoreWriter::add(std::string folded, std::string text, std::int64_t intent, std::string language) {
  if (folded.empty() || !seen_.insert(folded).second) return;
  entries_.push_back({std::move(folded), std::move(text), intent, std::move(language)});
}

void HintStoreWriter::write(Xapian::WritableDatabase& db) {
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.folded < b.folded; });
  db.set_metadata(schema::kMetaHintStats, std::to_string(entries_.size()));
  std::map<std::uint64_t, std::vector<std::uint32_t>> pairs;
  std::string row;
  for (std::uint32_t at = 0; at < entries_.size(); ++at) {
    const Entry& e = entries_[at];
    db.set_metadata(packed::numbered_key(hint_key_prefix(e.folded) + '\0', at), "1");  // an empty value deletes a key

    for (const std::string* field : {&e.folded, &e.text}) {
      packed::put_varint(row, field->size());
      row += *field;
    }
    packed::put_varint(row, static_cast<std::uint64_t>(e.intent + 1));
    packed::put_varint(row, e.language.size());
    row += e.language;
    if ((at + 1) % kHintsPerRow == 0 || at + 1 == entries_.size()) {
      db.set_metadata(packed::numbered_key(schema::kMetaHintRows, at / kHintsPerRow), row);
      row.clear();
    }

    auto held = character_pairs(" " + e.folded);
    std::sort(held.begin(), held.end());
    held.erase(std::unique(held.begin(), held.end()), held.end());
    for (const auto pair : held) pairs[pair].push_back(at);
  }
  write_short_prefixes(db);
  for (const auto& [pair, ordinals] : pairs) {
    std::string list;
    std::uint32_t previous = 0;
    for (const auto at : ordinals) {
      packed::put_varint(list, at - previous);
      previous = at;
    }
    db.set_metadata(schema::kMetaHintPairs + hint_pair_bytes(pair), list);
    db.set_metadata(schema::kMetaHintPairCounts + hint_pair_bytes(pair), std::to_string(ordinals.size()));
  }
}

void HintStoreWriter::write_short_prefixes(Xapian::WritableDatabase& db) const {
  // Each short prefix's first kCandidates completions in key order (the
  // entries are sorted: an entry's ordinal is its place), as HintTable's walk
  // of the prefix's key range would find them.
  std::map<std::string, std::vector<std::uint32_t>> candidates;
  for (std::uint32_t at = 0; at < entries_.size(); ++at) {
    const std::string& folded = entries_[at].folded;
    std::size_t pos = 0;
    for (std::size_t characters = 1; characters <= kTopPrefixCharacters && pos < folded.size(); ++characters) {
      decode_utf8(folded, pos);
      auto& list = candidates[folded.substr(0, pos)];
      if (list.size() < kCandidates) list.push_back(at);
    }
  }
  for (auto& [prefix, list] : candidates) {
    if (list.size() <= kTopCompletions) continue;  // a short range: the walk reads it as cheaply
    const std::string key = hint_key_prefix(prefix) + '\0';
    if (key.size() > schema::kMaxMetadataKeyBytes) continue;
    std::stable_sort(list.begin(), list.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return entries_[a].folded.size() < entries_[b].folded.size(); });
    std::map<std::string, std::vector<std::uint32_t>> by_language;  // all of the range's, shortest first
    for (const auto at : list) by_language[entries_[at].language].push_back(at);
    std::string value;
    for (const auto& [language, ordinals] : by_language) {
      packed::put_varint(value, language.size());
      value += language;
      packed::put_varint(value, ordinals.size());
      const std::size_t n = std::min(ordinals.size(), kTopCompletions);
      packed::put_varint(value, n);
      for (std::size_t i = 0; i < n; ++i) {
        const Entry& e = entries_[ordinals[i]];
        packed::put_varint(value, e.text.size());
        value += e.text;
        packed::put_varint(value, static_cast<std::uint64_t>(e.intent + 1));
      }
    }
    db.set_metadata(key, value);
  }
}

}  // namespace firstline
