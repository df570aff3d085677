// firstline/text.h — text normalisation shared by the indexer and the query core.
//
// Both sides of the search must see the same text, so the indexer and the core
// run every string through one TextFolder:
//   - invalid UTF-8 bytes, NUL and control characters become spaces;
//   - full-width ASCII forms (Ａ１？) become ASCII, the ideographic space a space;
//   - ASCII letters are lower-cased;
//   - Traditional Chinese characters become Simplified, by a character table
//     the indexer derives from OpenCC and stores in the index, so the browser
//     needs no OpenCC of its own.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace firstline {

class TextFolder {
 public:
  /// A folder without Traditional→Simplified mapping (width, case, control characters only).
  TextFolder() = default;

  /// A folder with a mapping serialised by to_table(): UTF-8 text of
  /// code-point pairs, Traditional then Simplified, e.g. "國国髮发".
  static TextFolder from_table(std::string_view table);

  /// Adds one Traditional→Simplified character pair.
  void add_mapping(char32_t traditional, char32_t simplified) { map_[traditional] = simplified; }

  /// The mapping in the form from_table() reads, sorted for deterministic output.
  std::string to_table() const;

  std::size_t mapping_size() const noexcept { return map_.size(); }

  /// The folded form of any bytes: always valid UTF-8, never throws.
  std::string fold(std::string_view text) const;

 private:
  std::unordered_map<char32_t, char32_t> map_;
};

/// Decodes one code point at `pos`, advancing it; returns U+FFFD for an invalid
/// or truncated sequence (advancing by one byte).
char32_t decode_utf8(std::string_view text, std::size_t& pos) noexcept;

/// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

/// True for code points of the CJK ideograph blocks (and their extensions).
bool is_cjk_ideograph(char32_t cp) noexcept;

}  // namespace firstline
