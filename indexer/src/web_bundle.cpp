#include "web_bundle.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "branch_packing.h"
#include "firstline/example_store.h"
#include "firstline/schema.h"
#include "sha256.h"

namespace firstline::indexer {

namespace fs = std::filesystem;

namespace {

// --- reading the glass file (the layout of xapian-core 1.4's backends/glass) --

constexpr char kGlassMagic[] = "\x0f\rXapian Glass";  // 14 bytes, then 2 of version
constexpr std::size_t kGlassMagicBytes = 14;
constexpr std::size_t kUuidBytes = 16;
constexpr int kTables = 6;           // postlist, docdata, termlist, position, spelling, synonym
constexpr int kPostlistTable = 0;    // holds the metadata, under keys "\0\xc0" + key
constexpr int kTermlistTable = 2;
constexpr int kDirectoryStart = static_cast<int>(kGlassBlockHeaderBytes);  // a block's directory follows its header

class GlassFile {
 public:
  GlassFile(std::string path, std::string bytes) : path_(std::move(path)), bytes_(std::move(bytes)) {
    const auto* p = data();
    const auto* end = p + std::min<std::size_t>(bytes_.size(), 256);
    if (bytes_.size() < kGlassMagicBytes + 2 + kUuidBytes || bytes_.compare(0, kGlassMagicBytes, kGlassMagic) != 0)
      fail("not a single-file Xapian glass database");
    p += kGlassMagicBytes + 2 + kUuidBytes;
    auto varint = [&]() {
      std::uint64_t value = 0;
      for (int shift = 0; p < end && shift < 64; shift += 7) {
        const unsigned char byte = *p++;
        value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if (!(byte & 0x80)) return value;
      }
      fail("its version header is truncated");
      return value;
    };
    varint();  // revision
    for (int table = 0; table < kTables; ++table) {
      const std::uint64_t root = varint();
      const std::uint64_t flags = varint();
      varint();  // entries
      const std::uint64_t block_size = varint() << 11;
      varint();  // compress_min
      const std::uint64_t freelist = varint();
      if (freelist > static_cast<std::uint64_t>(end - p)) fail("its version header is truncated");
      p += freelist;
      const bool fake_root = flags & 1;  // an empty table has no block
      if (!fake_root) roots_[table] = static_cast<std::uint32_t>(root);
      if (block_size) block_size_ = static_cast<std::uint32_t>(block_size);
    }
    if (block_size_ < 2048 || block_size_ > 65536 || bytes_.size() % block_size_ != 0)
      fail("its block size does not divide it");
  }

  std::uint32_t block_size() const { return block_size_; }
  std::uint32_t blocks() const { return static_cast<std::uint32_t>(bytes_.size() / block_size_); }
  const unsigned char* block(std::uint32_t n) const {
    if (n == 0 || n >= blocks()) fail("a B-tree points at block " + std::to_string(n) + ", outside the file");
    return data() + static_cast<std::size_t>(n) * block_size_;
  }
  int level(std::uint32_t n) const { return block(n)[4]; }
  const std::string& bytes() const { return bytes_; }
  std::vector<std::uint32_t> roots() const {
    std::vector<std::uint32_t> out;
    for (int t = 0; t < kTables; ++t)
      if (roots_[t]) out.push_back(roots_[t]);
    return out;
  }
  std::uint32_t root(int table) const { return roots_[table]; }

  /// The children of branch block `n`, in key order.
  std::vector<std::uint32_t> children(std::uint32_t n) const {
    const unsigned char* b = block(n);
    std::vector<std::uint32_t> out;
    for (int c = kDirectoryStart; c + 1 < directory_end(b); c += 2) out.push_back(read_big_endian(item(b, c, 4), 4));
    return out;
  }

  /// The keys of branch block `n`'s items, in key order, with their child
  /// blocks: the first item's key is empty (its child holds everything below
  /// the second's).
  std::vector<std::pair<std::string, std::uint32_t>> branch_items(std::uint32_t n) const {
    const unsigned char* b = block(n);
    std::vector<std::pair<std::string, std::uint32_t>> out;
    for (int c = kDirectoryStart; c + 1 < directory_end(b); c += 2) {
      const unsigned char* i = item(b, c, 5);  // the child (4 bytes), K1, then the key
      const int length = i[4];
      if (i + 5 + length > b + block_size_) fail("block " + std::to_string(n) + " has an item past its end");
      out.emplace_back(std::string(reinterpret_cast<const char*>(i + 5), length), read_big_endian(i, 4));
    }
    return out;
  }

  /// The first key of leaf block `n` ("" if it has no item).
  std::string first_key(std::uint32_t n) const {
    const unsigned char* b = block(n);
    if (directory_end(b) <= kDirectoryStart) return "";
    const unsigned char* i = item(b, kDirectoryStart, 3);  // I2, then K1 and the key
    const int length = i[2];
    if (i + 3 + length > b + block_size_) fail("block " + std::to_string(n) + " has an item past its end");
    return std::string(reinterpret_cast<const char*>(i + 3), length);
  }

  [[noreturn]] void fail(const std::string& problem) const { throw std::runtime_error(path_ + ": " + problem); }

 private:
  const unsigned char* data() const { return reinterpret_cast<const unsigned char*>(bytes_.data()); }
  int directory_end(const unsigned char* b) const {
    const int end = static_cast<int>(read_big_endian(b + 9, 2));
    if (end < kDirectoryStart || end > static_cast<int>(block_size_)) fail("a block's directory is damaged");
    return end;
  }
  /// The item of directory entry `c`, at least `bytes` long.
  const unsigned char* item(const unsigned char* b, int c, std::uint32_t bytes) const {
    const std::uint32_t offset = read_big_endian(b + c, 2);
    if (offset + bytes > block_size_) fail("a block's item is outside it");
    return b + offset;
  }

  std::string path_;
  std::string bytes_;
  std::uint32_t block_size_ = 0;
  std::uint32_t roots_[kTables] = {};
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The leaves of the postlist table that hold keys read at open: those whose
/// first key sorts before the first key read by need.
void add_opening_leaves(const GlassFile& file, std::set<std::uint32_t>& start) {
  if (!file.root(kPostlistTable)) return;
  const std::string by_need = std::string("\0\xc0", 2) + "firstline:";
  bool done = false;
  std::function<void(std::uint32_t, int)> walk = [&](std::uint32_t n, int depth) {
    if (done) return;
    if (depth > 32) file.fail("its B-tree is deeper than any glass table");
    if (file.level(n) == 0) {
      if (file.first_key(n) >= by_need) {
        done = true;
      } else {
        start.insert(n);
      }
      return;
    }
    for (const std::uint32_t child : file.children(n)) {
      walk(child, depth + 1);
      if (done) return;
    }
  };
  walk(file.root(kPostlistTable), 0);
}

std::uint32_t fnv1a32(const char* data, std::size_t size) {
  std::uint32_t h = 2166136261u;
  for (std::size_t i = 0; i < size; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 16777619u;
  }
  return h;
}

void put_be(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xff);
}

std::string chunk(const std::string& build, std::uint32_t number, const std::string& blocks) {
  std::string out = "FLCK";
  put_be(out, number);
  out += build.substr(0, 8);
  put_be(out, fnv1a32(blocks.data(), blocks.size()));
  out += blocks;
  return out;
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error(path.string() + ": cannot be written");
}

/// The branch blocks of at least `min_level` under branch block `n`
/// (covering keys from `lo` to `hi`, "" for no bound) whose keys may fall in
/// [from, to) ("" for no bound).
void add_branches(const GlassFile& file, std::uint32_t n, const std::string& lo, const std::string& hi,
                  const std::string& from, const std::string& to, std::set<std::uint32_t>& start, int min_level = 1,
                  int depth = 0) {
  if (depth > 32) file.fail("its B-tree is deeper than any glass table");
  const auto items = file.branch_items(n);
  for (std::size_t j = 0; j < items.size(); ++j) {
    const std::string& child_lo = j == 0 ? lo : items[j].first;
    const std::string& child_hi = j + 1 < items.size() ? items[j + 1].first : hi;
    const bool overlaps = (to.empty() || child_lo < to) && (child_hi.empty() || child_hi > from);
    const std::uint32_t child = items[j].second;
    if (!overlaps || file.level(child) < min_level) continue;
    start.insert(child);
    add_branches(file, child, child_lo, child_hi, from, to, start, min_level, depth + 1);
  }
}

/// The postlist table's branch blocks over the metadata and the document
/// lengths ("\0\xc0..." and "\0\xe0..."): all of them but, when there are
/// more than kHintBranchesAtStart, the lowest ones over the hints
/// (firstline/hint_store.h): a keystroke reads one or two of a large KB's
/// many (afqmc-zh: 25 of the 63), and a question none.
void add_metadata_branches(const GlassFile& file, std::set<std::uint32_t>& start) {
  const std::uint32_t root = file.root(kPostlistTable);
  const std::string metadata("\0\xc0", 2), after_lengths("\0\xe1", 2);
  const std::string hints = metadata + "firstline:h:";
  std::string after_hints = hints;
  after_hints.back() = static_cast<char>(after_hints.back() + 1);
  std::set<std::uint32_t> over_hints, lowest;  // the branches over the hints, the lowest of them
  add_branches(file, root, "", "", hints, after_hints, over_hints);
  for (const std::uint32_t n : over_hints)
    if (file.level(n) == 1) lowest.insert(n);
  add_branches(file, root, "", "", metadata, after_lengths, start);
  if (lowest.size() <= kHintBranchesAtStart) return;
  // A lowest block whose first or last child holds keys that are not hints stays.
  for (const std::uint32_t n : lowest) {
    const auto items = file.branch_items(n);
    if (items.size() >= 2 && items[1].first > hints && items.back().first < after_hints) start.erase(n);
  }
}

WebBundle plan(const GlassFile& file, const std::string& bytes_hash) {
  WebBundle bundle;
  bundle.build = bytes_hash.substr(0, 16);
  bundle.folder = "public." + bundle.build;
  bundle.bytes = file.bytes().size();
  bundle.block_size = file.block_size();
  std::set<std::uint32_t> start = {0};
  for (const std::uint32_t root : file.roots()) start.insert(root);
  // The branch blocks a question reads through: of the postlist table only
  // those over its metadata and document lengths (keys "\0\xc0..." and
  // "\0\xe0..."), not over the articles' own postings, which only an
  // article search reads (then a round more); the term lists' none (no
  // query reads them); the other tables' all.
  for (int table = 0; table < kTables; ++table) {
    const std::uint32_t root = file.root(table);
    if (!root || file.level(root) == 0 || table == kTermlistTable) continue;
    if (table == kPostlistTable) {
      add_metadata_branches(file, start);
    } else {
      add_branches(file, root, "", "", "", "", start);
    }
  }
  add_opening_leaves(file, start);
  bundle.start_blocks.assign(start.begin(), start.end());
  const std::uint32_t rest = file.blocks() - static_cast<std::uint32_t>(start.size());
  bundle.chunks = (rest + kBlocksPerChunk - 1) / kBlocksPerChunk;
  // Runs: consecutive leaves whose first keys are of one group a query reads together.
  static_assert(kBlocksPerChunk == 1, "runs are of chunks of one block");
  const std::string metadata("\0\xc0", 2);
  std::string group;  // of the run being gathered
  std::uint32_t chunk = 0, first = 0;
  auto close_run = [&] {
    if (!group.empty() && chunk - first >= 2) bundle.runs.emplace_back(first, chunk - first);
    group.clear();
  };
  for (std::uint32_t n = 1; n < file.blocks(); ++n) {
    if (start.count(n)) continue;
    std::string of;
    if (file.level(n) == 0) {
      const std::string key = file.first_key(n);
      if (key.compare(0, metadata.size(), metadata) == 0) of = read_together(std::string_view(key).substr(metadata.size()));
    }
    if (of.empty() || of != group || chunk - first >= kMaxRunChunks) {
      close_run();
      group = of;
      first = chunk;
    }
    ++chunk;
  }
  close_run();
  return bundle;
}

/// The start chunk's payload: its blocks, branch blocks packed
/// (branch_packing.h), then the runs table. Each packed block is unpacked
/// again and compared: a packing bug fails the build, not a reader.
std::string start_payload(const GlassFile& file, const WebBundle& bundle) {
  const std::size_t block = file.block_size();
  std::string out;
  for (const std::uint32_t n : bundle.start_blocks) {
    const std::string_view bytes = std::string_view(file.bytes()).substr(n * block, block);
    if (n == 0 || file.level(n) == 0) {
      out.append(bytes);
      continue;
    }
    const std::string packed = pack_branch_block(bytes);
    std::string_view in = packed;
    std::string unpacked;
    if (!unpack_branch_block(in, file.block_size(), unpacked) || !in.empty() || unpacked != bytes)
      file.fail("block " + std::to_string(n) + " does not unpack to itself (a bug)");
    out += packed;
  }
  put_be(out, static_cast<std::uint32_t>(bundle.runs.size()));
  for (const auto& [first, count] : bundle.runs) {
    put_be(out, first);
    put_be(out, count);
  }
  return out;
}

std::string sha256_of(const std::string& bytes) {
  Sha256 sha;
  sha.update(bytes);
  return sha.hex_digest();
}

}  // namespace

WebBundle write_web_bundle(const std::string& index_path, const std::string& web_dir) {
  const GlassFile file(index_path, read_file(index_path));
  WebBundle bundle = plan(file, sha256_of(file.bytes()));
  const std::string start = start_payload(file, bundle);
  bundle.start_chunk_bytes = kChunkHeaderBytes + start.size();
  const fs::path web(web_dir);
  fs::create_directories(web);

  // Which build the entry names now: its folder stays for pages open on it.
  std::string previous;
  if (std::ifstream in(web / kWebEntryName); in) {
    const auto entry = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (entry.is_object()) previous = entry.value("folder", "");
  }

  // The build's folder, written aside and renamed into place whole.
  const fs::path folder = web / bundle.folder;
  if (!fs::exists(folder)) {
    const fs::path scratch = web / (".writing-" + bundle.folder);
    fs::remove_all(scratch);
    fs::create_directories(scratch);
    const std::string& bytes = file.bytes();
    const std::size_t block = file.block_size();
    write_file(scratch / "s.bin", chunk(bundle.build, kStartChunk, start));
    std::uint32_t number = 0;
    std::size_t next_start = 0, run = 0;
    std::string gathered;  // the run's blocks so far
    for (std::uint32_t n = 0; n < file.blocks(); ++n) {
      if (next_start < bundle.start_blocks.size() && bundle.start_blocks[next_start] == n) {
        ++next_start;
        continue;
      }
      const std::string blocks = bytes.substr(n * block, block);
      if (run < bundle.runs.size() && number >= bundle.runs[run].first) {
        gathered += blocks;
        if (number + 1 == bundle.runs[run].first + bundle.runs[run].second) {
          write_file(scratch / ("r" + std::to_string(bundle.runs[run].first) + ".bin"),
                     chunk(bundle.build, bundle.runs[run].first, gathered));
          gathered.clear();
          ++run;
        }
      } else {
        write_file(scratch / (std::to_string(number) + ".bin"), chunk(bundle.build, number, blocks));
      }
      ++number;
    }
    if (number != bundle.chunks || run != bundle.runs.size())
      throw std::runtime_error(index_path + ": chunk count disagrees with the plan (a bug)");
    fs::rename(scratch, folder);
  }

  // The start chunk's copy, then the entry, each replaced atomically: a reader
  // sees the old build or this one (and tells a copy of another build by its header).
  {
    const fs::path copy_scratch = web / (std::string(kWebStartCopyName) + ".new");
    fs::copy_file(folder / "s.bin", copy_scratch, fs::copy_options::overwrite_existing);
    fs::rename(copy_scratch, web / kWebStartCopyName);
  }
  const nlohmann::json entry = {{"firstline_index", kWebEntryVersion},
                                {"artifact", "public"},
                                {"format", schema::kFormatVersion},
                                {"build", bundle.build},
                                {"folder", bundle.folder},
                                {"bytes", bundle.bytes},
                                {"block_size", bundle.block_size},
                                {"blocks_per_chunk", kBlocksPerChunk},
                                {"chunks", bundle.chunks},
                                {"runs", bundle.runs.size()},
                                {"start_blocks", bundle.start_blocks}};
  const fs::path entry_scratch = web / (std::string(kWebEntryName) + ".new");
  write_file(entry_scratch, entry.dump() + "\n");
  fs::rename(entry_scratch, web / kWebEntryName);

  // Builds older than the previous one are no longer named by anything.
  for (const auto& item : fs::directory_iterator(web)) {
    const std::string name = item.path().filename().string();
    if (item.is_directory() && name.rfind("public.", 0) == 0 && name != bundle.folder && name != previous)
      fs::remove_all(item.path());
  }
  return bundle;
}

}  // namespace firstline::indexer
