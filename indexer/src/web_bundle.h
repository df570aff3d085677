// The public index as a host publishes it: static files that a browser reads
// by need, each cacheable forever but one small entry file.
//
//   <web>/firstline-index.json   the entry: which build, how its blocks are laid out
//   <web>/firstline-index.start.bin  a copy of its start chunk, fetched with it
//   <web>/public.<build>/s.bin   the start chunk: everything opening reads
//   <web>/public.<build>/<n>.bin the other blocks, kBlocksPerChunk at a time (chunk n)...
//   <web>/public.<build>/r<n>.bin ...but chunks n onwards that a query reads all of
//                                together (a common term's postings pieces, the
//                                examples' lengths: firstline/example_store.h,
//                                read_together) are one run file: one request,
//                                not one per leaf
//
// <build> is the first 16 hex digits of the index file's SHA-256, so a build's
// folder never changes meaning (cache it a year, immutable); only the entry
// file is revalidated. The reader (web/index-reader.js) maps a read of the
// index file at any offset to a chunk and a block in it.
//
// The index file is a single-file Xapian glass database: blocks of
// `block_size` bytes, block 0 the version header (each table's root), the
// others B-tree blocks whose byte 4 is their level (0 = leaf). A lookup reads
// a table's root, one branch block per level and a leaf. The start chunk
// holds block 0, every root, the leaves of the keys opening reads
// (firstline/schema.h keeps them first in the metadata's B-tree) and the
// branch blocks a question reads through, so that once it is in, every
// lookup a question makes costs at most one more chunk: all of the tables'
// but the term lists' (no query reads them) and, in the postlist table, those
// over the metadata and the document lengths but not over the articles' own
// postings, which only an article search reads (a large KB's biggest part:
// 57,000 FAQ questions' postings; a search then reads its branch blocks first,
// a round more), and on a KB of many hints not the lowest ones over the
// hints, of which a keystroke reads one or two (kHintBranchesAtStart).
// The other blocks follow in file order.
//
// The start chunk's blocks are in block order, each as it is but the branch
// blocks, which are packed (branch_packing.h: each item as its difference
// from the one before; afqmc-zh's start chunk 99 KiB gzip as blocks, 49
// packed), and are followed by the runs: a count (u32 big-endian),
// then each run's first chunk and its number of chunks (u32 big-endian each),
// ascending; the entry gives the count ("runs").
//
// Every chunk, and every run file, is a header then its blocks' bytes:
//   "FLCK", chunk number (u32 big-endian; 0xffffffff for the start chunk; a run's first),
//   build (8 bytes: the build's hex digits as bytes), FNV-1a 32 of the blocks (u32 big-endian)
// so a reader detects a chunk of another build (a half-published update) or a
// damaged one before it reaches the engine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace firstline::indexer {

inline constexpr const char* kWebEntryName = "firstline-index.json";
/// A copy of the current build's start chunk beside the entry: a reader
/// fetches both at once (the start chunk's own name waits on the entry's
/// build), checks the copy's build against the entry's, and falls back to
/// public.<build>/s.bin if they differ (a publish under way).
inline constexpr const char* kWebStartCopyName = "firstline-index.start.bin";
/// The entry's "firstline_index": 2 added run files, 3 packed the start chunk's branch blocks
/// (web/index-reader.js reads only its own).
inline constexpr int kWebEntryVersion = 3;
inline constexpr std::uint32_t kBlocksPerChunk = 1;
inline constexpr std::uint32_t kStartChunk = 0xffffffffu;
inline constexpr std::size_t kChunkHeaderBytes = 20;
/// The most chunks a run file holds (a longer run of leaves is several).
inline constexpr std::uint32_t kMaxRunChunks = 64;
/// The most lowest-level branch blocks over the hints the start chunk holds:
/// a KB with more has them read by need (web_bundle.cpp,
/// add_metadata_branches), a round more for a keystroke's first fetch.
inline constexpr std::size_t kHintBranchesAtStart = 8;

struct WebBundle {
  std::string build;                      ///< 16 hex digits
  std::string folder;                     ///< "public.<build>", inside the web folder
  std::uint64_t bytes = 0;                ///< the index file's size
  std::uint32_t block_size = 0;
  std::vector<std::uint32_t> start_blocks;  ///< sorted
  std::uint32_t chunks = 0;               ///< besides the start chunk
  std::vector<std::pair<std::uint32_t, std::uint32_t>> runs;  ///< (first chunk, chunks) published as run files
  std::uint64_t start_chunk_bytes = 0;    ///< with its header
};

/// Writes the index at `index_path` as a web bundle into `web_dir`: the new
/// build's folder first, then the entry file (replaced atomically), so a
/// reader sees the old build or the new one, never half of one. The folder of
/// the build the entry named before is kept (pages open on it still read it);
/// older build folders are removed. Throws std::runtime_error on failure
/// (naming the file if it is not a single-file glass database).
WebBundle write_web_bundle(const std::string& index_path, const std::string& web_dir);

}  // namespace firstline::indexer
