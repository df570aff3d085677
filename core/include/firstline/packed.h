// firstline/packed.h — the byte encodings of an index's keyed entries
// (firstline/example_store.h, firstline/hint_store.h): LEB128 varints and
// big-endian numbers, which sort as keys in numeric order. For the indexer
// and the core only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace firstline::packed {

/// Appends `value` as a LEB128 varint.
void put_varint(std::string& out, std::uint64_t value);
/// Reads one varint from the front of `in`; false (and `in` unchanged) if there is none.
bool get_varint(std::string_view& in, std::uint64_t& value);
/// Reads a varint byte count and that many bytes (a text as the stores write
/// it) from the front of `in` into `text`, a view into `in`'s bytes; false (and
/// `in` unchanged) if they are not all there.
bool get_text(std::string_view& in, std::string_view& text);

/// `key` + `value` as 4 big-endian bytes.
std::string numbered_key(std::string key, std::uint32_t value);
/// The 4 big-endian bytes at the end of `key` (0 if it is shorter).
std::uint32_t number_at_end(std::string_view key);

/// FNV-1a 64 of `bytes` as 16 hex digits: the same on every platform, unlike std::hash.
std::string hash_hex(std::string_view bytes);

}  // namespace firstline::packed
