// Small UTF-8 and HTML-text helpers shared by the console's logic (internal).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace firstline::console {

/// Decodes the code point at `i` (advancing it); invalid bytes decode as U+FFFD, one byte each.
char32_t next_code_point(std::string_view text, std::size_t& i);

void append_utf8(std::string& out, char32_t cp);

/// CJK ideographs and kana/hangul: text written without spaces between words.
bool is_cjk(char32_t cp);

bool ends_with_cjk(std::string_view text);
bool starts_with_cjk(std::string_view text, std::size_t at);

/// &amp; &lt; &gt; &quot; &#39; &nbsp; and numeric references; anything else kept as written.
std::string decode_entities(std::string_view text);

std::string trim(std::string_view text);

}  // namespace firstline::console
