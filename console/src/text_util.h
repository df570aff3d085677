// Small UTF-8 and HTML-text helpers the console's logic shares (internal);
// UTF-8 decoding and which writing goes without spaces are the core's
// (firstline/text.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "firstline/text.h"

namespace firstline::console {

/// Whether the last character of `text` is of a writing without spaces
/// between words (firstline::is_written_without_spaces: CJK, kana, hangul).
bool last_is_written_without_spaces(std::string_view text);
/// Whether the character at byte `at` of `text` is of such a writing.
bool next_is_written_without_spaces(std::string_view text, std::size_t at);

/// &amp; &lt; &gt; &quot; &#39; &nbsp; and numeric references; anything else kept as written.
std::string decode_entities(std::string_view text);

std::string trim(std::string_view text);

}  // namespace firstline::console
