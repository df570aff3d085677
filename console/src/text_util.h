// Small UTF-8 and HTML-text helpers shared by the console's logic (internal).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "firstline/text.h"

namespace firstline::console {

// UTF-8 decoding and encoding: firstline::decode_utf8 and append_utf8 (firstline/text.h).

/// CJK ideographs and kana/hangul: text written without spaces between words.
bool is_cjk(char32_t cp);

bool ends_with_cjk(std::string_view text);
bool starts_with_cjk(std::string_view text, std::size_t at);

/// &amp; &lt; &gt; &quot; &#39; &nbsp; and numeric references; anything else kept as written.
std::string decode_entities(std::string_view text);

std::string trim(std::string_view text);

}  // namespace firstline::console
