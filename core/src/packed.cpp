// The encodings of firstline/packed.h.
#include "firstline/packed.h"

#include <cstdio>

namespace firstline::packed {

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

bool get_varint(std::string_view& in, std::uint64_t& value) {
  std::uint64_t result = 0;
  for (std::size_t i = 0; i < in.size() && i < 10; ++i) {
    const auto byte = static_cast<unsigned char>(in[i]);
    result |= static_cast<std::uint64_t>(byte & 0x7F) << (7 * i);
    if (!(byte & 0x80)) {
      value = result;
      in.remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

bool get_text(std::string_view& in, std::string_view& text) {
  std::string_view rest = in;
  std::uint64_t bytes;
  if (!get_varint(rest, bytes) || bytes > rest.size()) return false;
  text = rest.substr(0, bytes);
  in = rest.substr(bytes);
  return true;
}

std::string numbered_key(std::string key, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) key.push_back(static_cast<char>((value >> shift) & 0xFF));
  return key;
}

std::uint32_t number_at_end(std::string_view key) {
  if (key.size() < 4) return 0;
  std::uint32_t value = 0;
  for (std::size_t i = key.size() - 4; i < key.size(); ++i) value = (value << 8) | static_cast<unsigned char>(key[i]);
  return value;
}

std::string hash_hex(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace firstline::packed
