// The knowledge base as the indexer reads it from a kb-content folder, and the
// diagnostics its validation produces. See kb-content/README.md for the format.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace firstline::indexer {

/// One problem found in the KB, pointing at a file and line.
struct Diagnostic {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  std::string file;  ///< path as given on the command line, e.g. kb-content/articles/x.md
  int line = 0;      ///< 1-based; 0 when the problem is with the file as a whole
  std::string message;

  /// "file:line: error: message", the form compilers use and editors can jump to.
  std::string to_string() const;
};

class Diagnostics {
 public:
  void error(const std::string& file, int line, const std::string& message);
  void warning(const std::string& file, int line, const std::string& message);
  const std::vector<Diagnostic>& all() const { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }

 private:
  std::vector<Diagnostic> items_;
};

struct Article {
  std::string file;  ///< for diagnostics
  int line = 1;      ///< line of the front matter's opening '---'
  std::string id, title, type, audience, locale, updated, translation_of;
  std::vector<std::string> intents, questions, keywords, related;
  int level = 0;  ///< 0 = not set
  bool draft = false;  ///< `draft: true`: checked like any article, published in neither index
  /// Lines of the fields that cross-file checks report on (1 when absent).
  int id_line = 1, intents_line = 1, related_line = 1, translation_line = 1;
  std::string body_markdown;
  int body_line = 1;  ///< file line where the body starts
  std::string html;   ///< safe HTML, filled by render
  std::string text;   ///< plain text of the body, filled by render
};

struct Intent {
  std::string id, group;
  std::map<std::string, std::string> label, option;            ///< per locale
  std::map<std::string, std::vector<std::string>> examples;    ///< per locale
  bool human_only = false;
  bool urgent = false;
  /// A topic customers ask about that the KB does not answer yet: its
  /// examples teach the core to recognise it, and such a question goes to a
  /// person as out of scope instead of to a neighbouring topic's article.
  bool not_covered = false;
  int line = 0;
};

struct KnowledgeBase {
  std::string root;                 ///< the kb-content folder
  std::vector<Article> articles;    ///< the published ones, sorted by id (deterministic order)
  std::vector<Article> drafts;      ///< articles marked `draft: true`, sorted by id: in no index
  std::vector<Intent> intents;      ///< in file order
  std::vector<std::vector<std::string>> synonyms;
  nlohmann::json escalation;        ///< escalation.yaml as JSON
  nlohmann::json first_screen;      ///< first-screen.yaml as JSON
  std::string content_hash;         ///< SHA-256 (hex) over every file read, in path order
  /// What could not be read, so that no check reports its absence again: false
  /// when intents.yaml is missing or its YAML broken (articles' intents then go
  /// unchecked), and the file names (without .md) of articles without an id
  /// (front matter missing or broken; links to such a name go unchecked).
  bool intents_readable = true;
  std::vector<std::string> unreadable_articles;
};

/// The locales an article or intent may be written in (firstline/locale.h's kLocales).
const std::vector<std::string>& known_locales();
/// The values of an article's `type`.
const std::vector<std::string>& known_types();

/// Reads and validates the KB folder `root`. Every problem goes into
/// `diagnostics`; the KB returned is usable only if there are no errors.
/// `progress` (may be null) is called with (done, total) while reading articles.
KnowledgeBase load_knowledge_base(const std::string& root, Diagnostics& diagnostics,
                                  void (*progress)(std::size_t, std::size_t) = nullptr);

}  // namespace firstline::indexer
