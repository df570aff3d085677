// The start chunk's branch blocks, packed (indexer/src/web_bundle.h). A glass
// branch block is a list of (child block, key) items: in a compacted index
// the children are consecutive blocks and neighbouring keys share most of
// their bytes ("\0\xc0firstline:ip:" and a 4-byte number), which gzip sees
// only as 4 KiB of scattered numbers. Packed, each item is its differences
// from the one before; the reader (web/index-reader.js, unpackStartBlocks)
// puts the block back byte for byte. On afqmc-zh's 57,000 questions the
// start chunk's branch blocks are 69 KiB gzip as blocks, 19.5 KiB packed.
//
// A packed block (varints as firstline/packed.h writes them; zigzag: n >= 0
// as 2n, n < 0 as -2n - 1):
//   the block's first 11 bytes as they are (revision, level, free space,
//   the directory's end: glass's header), then per directory entry, in order:
//     zigzag(offset - (previous offset - item size))   where the item is; the
//                                                      first's previous is block_size
//     zigzag(child - previous child - 1)               the first's previous is 0
//     one byte: how many bytes the key shares with the previous key
//     one byte: how many follow, then those bytes
//     varint(component)                                glass's X2 after the key
//   then one byte: 0 if every byte outside the header, the directory and the
//   items is zero, else 1 and those bytes, in block order.
// A glass branch item is: child (4 bytes, big-endian), K1 (the key's length),
// the key, X2 (2 bytes, big-endian): 7 bytes and the key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace firstline::indexer {

/// The first bytes of every glass block: revision 4, level 1, max free 2,
/// total free 2, the directory's end 2. Byte 4 is the level (0: a leaf).
inline constexpr std::size_t kGlassBlockHeaderBytes = 11;

/// The `bytes`-byte big-endian number at `p`, as glass stores its numbers.
inline std::uint32_t read_big_endian(const unsigned char* p, int bytes) {
  std::uint32_t value = 0;
  for (int i = 0; i < bytes; ++i) value = (value << 8) | p[i];
  return value;
}

/// `block` (a branch block, level >= 1) packed; throws std::runtime_error if
/// it is not a well-formed branch block.
std::string pack_branch_block(std::string_view block);

/// Unpacks one packed block of `block_size` bytes from the front of `in` into
/// `block`, consuming it; false (and `in` unchanged) if the bytes are not one.
bool unpack_branch_block(std::string_view& in, std::uint32_t block_size, std::string& block);

}  // namespace firstline::indexer
