#include "branch_packing.h"

#include <stdexcept>
#include <vector>

#include "firstline/packed.h"

namespace firstline::indexer {

namespace {

constexpr std::size_t kItemBytesBesidesKey = 4 + 1 + 2;  // child, K1, X2

void write_be(std::string& block, std::size_t at, std::uint32_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i, value >>= 8) block[at + i] = static_cast<char>(value & 0xff);
}

std::uint64_t zigzag(std::int64_t n) {
  return n >= 0 ? static_cast<std::uint64_t>(n) << 1 : (static_cast<std::uint64_t>(-(n + 1)) << 1) | 1;
}

std::int64_t unzigzag(std::uint64_t z) {
  return z & 1 ? -static_cast<std::int64_t>(z >> 1) - 1 : static_cast<std::int64_t>(z >> 1);
}

}  // namespace

std::string pack_branch_block(std::string_view block) {
  const auto fail = [](const std::string& problem) { throw std::runtime_error("a branch block " + problem); };
  const auto* b = reinterpret_cast<const unsigned char*>(block.data());
  const std::size_t size = block.size();
  if (size < kGlassBlockHeaderBytes || b[4] == 0) fail("is expected and this is not one");
  const std::size_t directory_end = read_big_endian(b + 9, 2);
  if (directory_end < kGlassBlockHeaderBytes || directory_end > size || (directory_end - kGlassBlockHeaderBytes) % 2)
    fail("has a damaged directory");
  std::string out(block.substr(0, kGlassBlockHeaderBytes));
  std::vector<bool> covered(size, false);
  for (std::size_t i = 0; i < directory_end; ++i) covered[i] = true;
  std::int64_t previous_offset = static_cast<std::int64_t>(size), previous_child = 0;
  std::string_view previous_key;
  for (std::size_t c = kGlassBlockHeaderBytes; c < directory_end; c += 2) {
    const std::size_t offset = read_big_endian(b + c, 2);
    if (offset + kItemBytesBesidesKey > size) fail("has an item outside it");
    const std::size_t key_length = b[offset + 4];
    const std::size_t item_size = key_length + kItemBytesBesidesKey;
    if (offset < directory_end || offset + item_size > size) fail("has an item outside it");
    const std::int64_t child = read_big_endian(b + offset, 4);
    const std::string_view key = block.substr(offset + 5, key_length);
    std::size_t shared = 0;
    while (shared < key.size() && shared < previous_key.size() && key[shared] == previous_key[shared]) ++shared;
    packed::put_varint(out, zigzag(static_cast<std::int64_t>(offset) - (previous_offset - static_cast<std::int64_t>(item_size))));
    packed::put_varint(out, zigzag(child - previous_child - 1));
    out += static_cast<char>(shared);
    out += static_cast<char>(key.size() - shared);
    out.append(key.substr(shared));
    packed::put_varint(out, read_big_endian(b + offset + 5 + key_length, 2));
    for (std::size_t i = offset; i < offset + item_size; ++i) covered[i] = true;
    previous_offset = static_cast<std::int64_t>(offset);
    previous_child = child;
    previous_key = key;
  }
  std::string rest;
  bool zero = true;
  for (std::size_t i = 0; i < size; ++i) {
    if (covered[i]) continue;
    rest += block[i];
    zero = zero && block[i] == 0;
  }
  out += static_cast<char>(zero ? 0 : 1);
  if (!zero) out += rest;
  return out;
}

bool unpack_branch_block(std::string_view& in, std::uint32_t block_size, std::string& block) {
  std::string_view p = in;
  if (p.size() < kGlassBlockHeaderBytes || block_size < kGlassBlockHeaderBytes) return false;
  std::string out(block_size, '\0');
  out.replace(0, kGlassBlockHeaderBytes, p.substr(0, kGlassBlockHeaderBytes));
  p.remove_prefix(kGlassBlockHeaderBytes);
  const auto* header = reinterpret_cast<const unsigned char*>(out.data());
  const std::size_t directory_end = read_big_endian(header + 9, 2);
  if (header[4] == 0 || directory_end < kGlassBlockHeaderBytes || directory_end > block_size ||
      (directory_end - kGlassBlockHeaderBytes) % 2)
    return false;
  std::vector<bool> covered(block_size, false);
  for (std::size_t i = 0; i < directory_end; ++i) covered[i] = true;
  std::int64_t previous_offset = block_size, previous_child = 0;
  std::string previous_key;
  for (std::size_t c = kGlassBlockHeaderBytes; c < directory_end; c += 2) {
    std::uint64_t offset_code = 0, child_code = 0, component = 0;
    if (!packed::get_varint(p, offset_code) || !packed::get_varint(p, child_code) || p.size() < 2) return false;
    const std::size_t shared = static_cast<unsigned char>(p[0]), added = static_cast<unsigned char>(p[1]);
    p.remove_prefix(2);
    if (shared > previous_key.size() || shared + added > 255 || p.size() < added) return false;
    std::string key = previous_key.substr(0, shared);
    key.append(p.substr(0, added));
    p.remove_prefix(added);
    if (!packed::get_varint(p, component) || component > 0xffff) return false;
    const std::int64_t item_size = static_cast<std::int64_t>(key.size() + kItemBytesBesidesKey);
    const std::int64_t offset = previous_offset - item_size + unzigzag(offset_code);
    const std::int64_t child = previous_child + 1 + unzigzag(child_code);
    if (offset < static_cast<std::int64_t>(directory_end) || offset + item_size > static_cast<std::int64_t>(block_size) ||
        child < 0 || child > 0xffffffffLL)
      return false;
    const auto at = static_cast<std::size_t>(offset);
    write_be(out, c, static_cast<std::uint32_t>(at), 2);
    write_be(out, at, static_cast<std::uint32_t>(child), 4);
    out[at + 4] = static_cast<char>(key.size());
    out.replace(at + 5, key.size(), key);
    write_be(out, at + 5 + key.size(), static_cast<std::uint32_t>(component), 2);
    for (std::size_t i = at; i < at + static_cast<std::size_t>(item_size); ++i) covered[i] = true;
    previous_offset = offset;
    previous_child = child;
    previous_key = std::move(key);
  }
  if (p.empty()) return false;
  const bool zero = p[0] == 0;
  p.remove_prefix(1);
  if (!zero) {
    for (std::size_t i = 0; i < block_size; ++i) {
      if (covered[i]) continue;
      if (p.empty()) return false;
      out[i] = p[0];
      p.remove_prefix(1);
    }
  }
  in = p;
  block = std::move(out);
  return true;
}

}  // namespace firstline::indexer
