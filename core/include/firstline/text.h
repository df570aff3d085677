// firstline/text.h — text normalisation shared by the indexer and the query core.
//
// Both sides of the search must see the same text, so the indexer and the core
// run every string through one TextFolder:
//   - invalid UTF-8 bytes, NUL and control characters become spaces;
//   - full-width ASCII forms (Ａ１？) become ASCII, the ideographic space a space;
//   - ASCII letters are lower-cased;
//   - Traditional Chinese characters become Simplified, by a character table
//     the indexer derives from OpenCC and stores in the index, so the browser
//     needs no OpenCC of its own;
//   - then regional phrases become the mainland ones (Taiwan's 軟體 is 软件,
//     簡訊 is 短信), by a phrase table from the same source.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "firstline/schema.h"

namespace firstline {

class TextFolder {
 public:
  /// A folder without Traditional→Simplified mapping (width, case, control characters only).
  TextFolder() = default;

  /// A folder with the mappings serialised by to_table(): UTF-8 text of
  /// code-point pairs, Traditional then Simplified, e.g. "國国髮发"; then,
  /// if there are phrases, a newline and one "phrase<TAB>replacement" per line.
  static TextFolder from_table(std::string_view table);

  /// Adds one Traditional→Simplified character pair.
  void add_mapping(char32_t traditional, char32_t simplified) { map_[traditional] = simplified; }

  /// Adds one phrase replacement applied after the characters are folded. Both
  /// sides are folded first; a phrase shorter than two characters, or one
  /// that folds to its replacement, is ignored. Returns whether it was added.
  bool add_phrase(std::string_view phrase, std::string_view replacement);

  /// The mappings in the form from_table() reads, sorted for deterministic output.
  std::string to_table() const;

  std::size_t mapping_size() const noexcept { return map_.size(); }
  std::size_t phrase_count() const noexcept { return phrase_count_; }

  /// The folded form of any bytes: always valid UTF-8, never throws.
  std::string fold(std::string_view text) const;

  /// fold() character for character, without the phrase table, and where
  /// each folded byte came from: `sources[i]` is the offset in `text` of the
  /// character folded byte i belongs to (so a match in folded text can be
  /// shown in the original: Traditional, capitals and full-width forms kept).
  std::string fold_each_character(std::string_view text, std::vector<std::uint32_t>& sources) const;

 private:
  char32_t fold_character(char32_t cp) const;
  std::string fold_characters(std::string_view text) const;
  std::string replace_phrases(const std::string& folded) const;

  std::unordered_map<char32_t, char32_t> map_;
  // Phrases by their first code point, longest first: (phrase, replacement), both folded.
  std::unordered_map<char32_t, std::vector<std::pair<std::string, std::string>>> phrases_;
  std::size_t phrase_count_ = 0;
};

/// Words and phrases that mean the same thing to customers (an index's
/// synonyms.yaml groups), found in folded text as one term per group, so a
/// query and an article that word one thing differently share a term:
///   SynonymSet synonyms({{"充电宝", "移动电源"}, {"tracking number", "waybill number"}});
///   synonyms.terms_in("移动电源能带上飞机吗");  // {{"Z=充电宝", 1}}
/// A word with Chinese characters is found anywhere in the text (Chinese has
/// no spaces between words); an English word or phrase only as whole words,
/// compared by their English stems ("charged twice" finds "charge twice").
class SynonymSet {
 public:
  SynonymSet() = default;
  /// `groups` of words already folded by the index's TextFolder; empty words are ignored.
  explicit SynonymSet(const std::vector<std::vector<std::string>>& groups);

  /// The form stored in the index (a JSON array of the groups), and back;
  /// from_json() gives an empty set for anything it cannot read.
  std::string to_json() const;
  static SynonymSet from_json(std::string_view json);

  bool empty() const noexcept { return entries_.empty(); }

  /// For each group with a word in `folded` text: its term (kPrefixSynonymGroup and the
  /// group's first word) and how often its most frequent word occurs.
  std::vector<std::pair<std::string, unsigned>> terms_in(std::string_view folded) const;

  /// The words of the group whose term (from terms_in) is `term`; none for any other term.
  const std::vector<std::string>& words_of(std::string_view term) const;

  /// Whether `term` is a group's term (as terms_in gives them), not a word's.
  static bool is_group_term(std::string_view term) noexcept {
    return term.substr(0, 2) == schema::kPrefixSynonymGroup;
  }

 private:
  struct Entry {
    std::size_t group;
    std::string chinese;             // a word with CJK characters: found as a substring
    std::vector<std::string> stems;  // otherwise: its words' stems, found as a run of whole words
  };
  std::vector<std::vector<std::string>> groups_;
  std::vector<std::string> terms_;  // per group: kPrefixSynonymGroup and its first word
  std::vector<Entry> entries_;
};

/// Decodes one code point at `pos`, advancing it; returns U+FFFD for an invalid
/// or truncated sequence (advancing by one byte).
char32_t decode_utf8(std::string_view text, std::size_t& pos) noexcept;

/// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

/// True for code points of the CJK ideograph blocks (and their extensions).
bool is_cjk_ideograph(char32_t cp) noexcept;

/// True for a character of writing that puts no spaces between words: CJK
/// ideographs, kana, hangul, CJK punctuation and full-width forms (two lines
/// of such text join without a space; such a character is two columns wide).
bool is_written_without_spaces(char32_t cp) noexcept;

/// Splits folded text into lower-case ASCII words (letters, digits, apostrophes).
std::vector<std::string> ascii_words(const std::string& folded);
/// The byte spans [begin, end) of the words ascii_words() reads, in order.
std::vector<std::pair<std::size_t, std::size_t>> ascii_word_spans(const std::string& folded);

/// Folded text without spaces and punctuation (ASCII, general, CJK and
/// full-width): what is left when two wordings differ only in those, as
/// "怎么开通花呗？" and "怎么 开通花呗" do.
std::string without_punctuation(std::string_view folded);

}  // namespace firstline
