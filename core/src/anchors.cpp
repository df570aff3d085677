#include "firstline/anchors.h"

#include "firstline/schema.h"
#include "firstline/text.h"

namespace firstline::anchors {

std::uint32_t hash(std::string_view text) noexcept {
  std::uint32_t h = 2166136261u;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

std::string be32(std::uint32_t value) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((value >> (24 - 8 * i)) & 0xff);
  return out;
}

std::string key(std::uint32_t anchor, char kind, std::string_view rest) {
  std::string out = be32(anchor);
  out += kind;
  out += rest;
  return out;
}

std::string of_term_key(std::string_view term, char kind) { return key(hash(of_term(term)), kind, term); }

std::string_view of_term(std::string_view term) noexcept {
  if (SynonymSet::is_group_term(term)) return term;
  const std::string_view prefix = schema::kPrefixStem;
  if (term.substr(0, prefix.size()) != prefix) return term;
  const std::string_view body = term.substr(prefix.size());
  std::size_t end = 0;
  if (!body.empty() && is_cjk_ideograph(decode_utf8(body, end))) return body.substr(0, end);
  return body;
}

}  // namespace firstline::anchors
