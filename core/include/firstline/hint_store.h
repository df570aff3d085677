// firstline/hint_store.h — the completions offered while typing as an index
// stores them (format 3): written by the indexer, read by need by the core's
// HintTable (core/src/hint_table.cpp). For those two only: it speaks Xapian.
//
// A completion is an example question or an article title, folded
// (TextFolder); the first of a folded text wins. Sorted by folded text, the
// n-th is "ordinal n". Entries (varints and numbers as firstline/packed.h has them):
//
//   kMetaHintStats                     the count, decimal
//   kMetaHintKeys + folded + "\0" + n  one per completion, value "1": a typed
//                                      prefix's completions are a key range
//                                      (folded cut at kHintKeyBytes, so a key fits)
//   kMetaHintKeys + prefix + "\0"      for a prefix of one or two characters that
//                                      more than kTopCompletions completions start
//                                      with: what the range would give, worked out
//                                      (the first kCandidates of the range, shortest
//                                      first), per language: varint(bytes) language,
//                                      varint(how many the range has, at most
//                                      kCandidates), varint(n <= kTopCompletions), then n
//                                      times varint(bytes) text, varint(intent position + 1).
//                                      The first key of the prefix's range, so that a
//                                      customer's first keystrokes read one leaf, not
//                                      hundreds of keys leaf by leaf and their rows
//   kMetaHintRows + block              ordinals block * kHintsPerRow onwards, each:
//                                      varint(bytes) folded, varint(bytes) text,
//                                      varint(intent position + 1, 0 = none), varint(bytes) language
//   kMetaHintPairs + pair              the ordinals whose " " + folded text holds the
//                                      character pair (8 bytes: first << 21 | second), ascending deltas
//   kMetaHintPairCounts + pair         how many those are, so a search reads only its rarest pair's list
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace firstline {

inline constexpr std::uint32_t kHintsPerRow = 64;
inline constexpr std::size_t kHintKeyBytes = 200;
/// Completions of a prefix looked at to pick the shortest from (HintTable).
inline constexpr std::size_t kCandidates = 400;
/// Completions per language a short prefix's worked-out entry holds.
inline constexpr std::size_t kTopCompletions = 8;
/// The longest prefix, in characters, with a worked-out entry.
inline constexpr std::size_t kTopPrefixCharacters = 2;

/// Whether a key under kMetaHintKeys is a completion's (folded + "\0" + 4
/// bytes), not a short prefix's worked-out entry (prefix + "\0").
bool is_completion_key(std::string_view key);

/// kMetaHintKeys + `folded` cut at kHintKeyBytes (at a character boundary):
/// every completion that starts with `folded` has a key that starts so.
std::string hint_key_prefix(std::string_view folded);
/// The pair entries' key part for a character pair.
std::string hint_pair_bytes(std::uint64_t pair);
/// Every pair of adjacent characters of `text`, as one number each.
std::vector<std::uint64_t> character_pairs(const std::string& text);

class HintStoreWriter {
 public:
  /// A completion: `folded` its folded text, `intent` a position in the
  /// intents entry or -1, `language` language_of() its locale.
  void add(std::string folded, std::string text, std::int64_t intent, std::string language);

  /// Sorts the completions and writes every entry above into `db`.
  void write(Xapian::WritableDatabase& db);

 private:
  struct Entry {
    std::string folded, text;
    std::int64_t intent;
    std::string language;
  };
  /// The worked-out entries of short prefixes (above), once entries_ are sorted.
  void write_short_prefixes(Xapian::WritableDatabase& db) const;

  std::vector<Entry> entries_;
  std::set<std::string> seen_;
};

}  // namespace firstline
