// Writing a validated knowledge base into the two index artifacts.
//
//   public.db  public articles only: what the customer-facing widget loads
//   agent.db   everything: what the agent console loads (internal, behind login)
//
// Both are single-file Xapian glass databases. They are written aside in the
// output folder and renamed into place only when both are complete, so a
// failed build leaves the previous artifacts byte-identical.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "firstline/text.h"
#include "knowledge_base.h"

namespace firstline::indexer {

struct BuildOptions {
  std::string out_dir;
  std::string tool_version;
  std::string built_at;  ///< ISO 8601 UTC; empty = now (or SOURCE_DATE_EPOCH if set)
  std::vector<std::string> warnings;  ///< validation warnings, recorded in the agent index for editors
  /// A word list (one word a line, e.g. Debian's wamerican): the correct
  /// English words the hints' spelling correction must not change. Empty: none.
  std::string dictionary;
  std::function<void(const std::string&)> progress;  ///< may be empty
};

struct ArtifactStats {
  std::string path;
  std::size_t articles = 0;
  std::size_t examples = 0;
  std::uintmax_t bytes = 0;
};

struct BuildResult {
  ArtifactStats public_index;
  ArtifactStats agent_index;
};

/// The artifact names inside the output folder.
inline constexpr const char* kPublicIndexName = "public.db";
inline constexpr const char* kAgentIndexName = "agent.db";

/// Where Debian's wamerican package puts its word list (the CLI's default --dictionary).
inline constexpr const char* kDefaultDictionary = "/usr/share/dict/american-english";

/// The words of a word list file worth checking: lower-case a-z only, 3 letters
/// or more (proper nouns and possessives left out). Throws std::runtime_error
/// if the file cannot be read.
std::vector<std::string> read_word_list(const std::string& path);

/// Renders every article's Markdown (fills html and text); records problems.
void render_articles(KnowledgeBase& kb, Diagnostics& diagnostics);

/// Writes both artifacts. Throws std::runtime_error (with the reason) if
/// writing fails; the previous artifacts are then untouched.
BuildResult write_indexes(const KnowledgeBase& kb, const TextFolder& folder, const BuildOptions& options);

/// The Traditional→Simplified character folder derived from OpenCC's tables.
/// Throws std::runtime_error if OpenCC's data cannot be loaded.
TextFolder make_chinese_folder();

}  // namespace firstline::indexer
