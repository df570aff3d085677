// Reading and validating a kb-content folder: which files make a KB, in what
// order they are read, and the content hash over them. Each file's reading is
// its own file (articles.cpp, intents_and_synonyms.cpp, settings_files.cpp,
// over yaml_source.h); what files say about each other is cross_file_checks.cpp.
//
// Reading never stops at the first problem: every file is read, every problem
// is recorded with its file and line, and the caller decides what to do.
#include "knowledge_base.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <set>

#include "articles.h"
#include "cross_file_checks.h"
#include "firstline/locale.h"
#include "intents_and_synonyms.h"
#include "settings_files.h"
#include "sha256.h"
#include "yaml_source.h"

namespace fs = std::filesystem;

namespace firstline::indexer {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += severity == Severity::error ? ": error: " : ": warning: ";
  out += message;
  return out;
}

void Diagnostics::error(const std::string& file, int line, const std::string& message) {
  items_.push_back({Diagnostic::Severity::error, file, line, message});
}
void Diagnostics::warning(const std::string& file, int line, const std::string& message) {
  items_.push_back({Diagnostic::Severity::warning, file, line, message});
}
std::size_t Diagnostics::error_count() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::error; });
}
std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

const std::vector<std::string>& known_locales() {
  static const std::vector<std::string> locales(std::begin(kLocales), std::end(kLocales));
  return locales;
}

const std::vector<std::string>& known_types() {
  static const std::vector<std::string> types{"solution", "faq", "lesson", "policy", "script"};
  return types;
}

KnowledgeBase load_knowledge_base(const std::string& root_arg, Diagnostics& diagnostics,
                                  void (*progress)(std::size_t, std::size_t)) {
  KnowledgeBase kb;
  std::string root = root_arg;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  kb.root = root;
  const fs::path root_path(root);
  if (!fs::is_directory(root_path)) {
    diagnostics.error(root, 0, "not a folder: give the kb-content folder");
    return kb;
  }
  auto display = [&](const fs::path& p) { return root + "/" + p.lexically_relative(root_path).generic_string(); };
  // A KB publishes only what is inside its folder: a file, or a link to a
  // file, that resolves outside it is an error and is not read.
  std::error_code ec;
  const fs::path real_root = fs::canonical(root_path, ec);
  auto inside_kb = [&](const fs::path& p, const std::string& shown) {
    std::error_code error;
    const fs::path real = fs::canonical(p, error);
    if (error) {
      diagnostics.error(shown, 0, "cannot be read: " + error.message());
      return false;
    }
    const auto [kb_end, unused] = std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
    if (kb_end != real_root.end()) {
      diagnostics.error(shown, 0, "is a link to " + real.string() +
                                      ", outside the KB folder: copy the file into the KB instead");
      return false;
    }
    return true;
  };

  // Every file that feeds the index, in path order, for the content hash.
  std::vector<fs::path> article_paths;
  if (fs::is_directory(root_path / "articles")) {
    for (const auto& entry : fs::recursive_directory_iterator(root_path / "articles"))
      if (entry.is_regular_file() && entry.path().extension() == ".md" && inside_kb(entry.path(), display(entry.path())))
        article_paths.push_back(entry.path());
  } else {
    diagnostics.error(root + "/articles", 0, "missing: the KB needs an articles/ folder of Markdown files");
  }
  std::sort(article_paths.begin(), article_paths.end());

  Sha256 hash;
  for (const char* name : {"intents.yaml", "synonyms.yaml", "escalation.yaml", "first-screen.yaml"}) {
    if (fs::exists(root_path / name) && !inside_kb(root_path / name, root + "/" + name)) return kb;
    if (fs::exists(root_path / name)) {
      hash.update(name);
      hash.update(std::string_view("\0", 1));
      hash.update(read_file(root_path / name));
    }
  }

  kb.intents = read_intents(root_path / "intents.yaml", root + "/intents.yaml", diagnostics, &kb.intents_readable);
  kb.synonyms = read_synonyms(root_path / "synonyms.yaml", root + "/synonyms.yaml", diagnostics);
  kb.escalation = read_yaml_json(root_path / "escalation.yaml", root + "/escalation.yaml", diagnostics, true);
  validate_escalation(root_path / "escalation.yaml", root + "/escalation.yaml", kb.escalation, diagnostics);
  kb.first_screen = read_yaml_json(root_path / "first-screen.yaml", root + "/first-screen.yaml", diagnostics, false);

  std::set<std::string> intent_ids, not_covered;
  for (const auto& intent : kb.intents) {
    intent_ids.insert(intent.id);
    if (intent.not_covered) not_covered.insert(intent.id);
  }
  if (kb.intents_readable)  // else every topic would be "unknown"
    validate_first_screen(root_path / "first-screen.yaml", root + "/first-screen.yaml", intent_ids, not_covered,
                          diagnostics);

  std::size_t done = 0;
  for (const auto& path : article_paths) {
    const std::string shown = display(path);
    hash.update(path.lexically_relative(root_path).generic_string());
    hash.update(std::string_view("\0", 1));
    hash.update(read_file(path));
    kb.articles.push_back(read_article(path, shown, diagnostics));
    if (kb.articles.back().id.empty()) kb.unreadable_articles.push_back(path.stem().string());
    if (progress && (++done % 2000 == 0 || done == article_paths.size())) progress(done, article_paths.size());
  }
  kb.content_hash = hash.hex_digest();

  check_across_files(kb, diagnostics);

  // Drafts were checked like every article; they go into no index.
  const auto draft_begin = std::stable_partition(kb.articles.begin(), kb.articles.end(),
                                                 [](const Article& a) { return !a.draft; });
  kb.drafts.assign(std::make_move_iterator(draft_begin), std::make_move_iterator(kb.articles.end()));
  kb.articles.erase(draft_begin, kb.articles.end());
  for (auto* articles : {&kb.articles, &kb.drafts})
    std::sort(articles->begin(), articles->end(), [](const Article& a, const Article& b) { return a.id < b.id; });
  return kb;
}

}  // namespace firstline::indexer
