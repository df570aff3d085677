// firstline/index.h — opening a firstline index and searching its articles.
//
//   auto index = firstline::Index::open("out/index/public.db");   // throws firstline::Error
//   for (const auto& hit : index.search("快递到哪了", 5)) std::cout << hit.title << "\n";
//
// Copies of an Index share the open database (cheap to copy, like Xapian's
// own classes). Not thread-safe: use one Index per thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "firstline/error.h"
#include "firstline/locale.h"
#include "firstline/text.h"

namespace firstline {

/// What the indexer recorded about a build (the index's metadata).
struct BuildInfo {
  int format_version = 0;
  std::string artifact;       ///< "public" or "agent"
  std::string built_at;       ///< ISO 8601 UTC
  std::string content_hash;   ///< SHA-256 over the KB's files
  std::string tool_version;   ///< indexer version
  std::size_t articles = 0;   ///< article documents
  std::size_t examples = 0;   ///< example questions (firstline/example_store.h)
  std::size_t intents = 0;
  std::string json;           ///< the whole record, as the indexer wrote it
};

/// An intent of the knowledge base (an intents.yaml entry), as the index records it.
struct IntentInfo {
  std::string id;
  std::string group;         ///< intents offered together in a clarifying question; "" = none
  LocalizedText label;       ///< what the intent is called
  LocalizedText option;      ///< how it reads as a choice; empty = the label
  std::size_t examples = 0;  ///< example questions the classifier learns from
  bool human_only = false;   ///< only a person may handle it (e.g. negotiating compensation)
  bool urgent = false;       ///< a moment of truth: the customer goes straight to a person
  /// A topic customers ask about that the KB does not answer (yet): asked
  /// about, it goes to a person as out of scope; never offered as a choice.
  bool not_covered = false;
};

/// What an intent is called as a choice (a clarifying option, a first-screen
/// topic): its option text, else its label.
std::string option_label(const IntentInfo& intent, std::string_view locale);

/// One article found by search().
struct ArticleHit {
  std::string id;
  std::string title;
  std::string type;      ///< solution, faq, lesson, policy, script
  std::string audience;  ///< public or internal
  std::string locale;    ///< zh-Hans, zh-Hant, en
  std::vector<std::string> intents;
  std::string translation_of;  ///< the original's id, for a translation; empty otherwise
  std::string updated;       ///< date of the last real change, YYYY-MM-DD
  int level = 0;             ///< the problem level (1-4) the article is written for; 0 = any
  std::string snippet_html;  ///< escaped text with matched words in <mark>…</mark>
  double score = 0;          ///< relevance, higher is better (not comparable across queries);
                             ///< 0 for the only article of the intent a decision chose (nothing to rank)
};

/// Which articles search() and articles() may return; an empty field (or
/// level 0) matches every article. Values are the front matter's, e.g.
/// {.type = "policy", .audience = "internal", .locale = "zh-Hans"}.
struct ArticleFilter {
  std::string type;      ///< solution, faq, lesson, policy, script
  std::string audience;  ///< public or internal
  std::string locale;    ///< zh-Hans, zh-Hant or en
  std::string intent;    ///< an intent id the article is tagged with
  int level = 0;         ///< the article's problem level 1-4
};

class Index {
 public:
  /// Opens the index file at `path`.
  /// @throws Error index_missing        no file there, or it cannot be read;
  /// @throws Error index_corrupt        not a firstline index, truncated or damaged;
  /// @throws Error index_wrong_version  a firstline index of another format version.
  static Index open(const std::string& path);

  const BuildInfo& build_info() const;

  /// The KB's intents, in the order of intents.yaml (read once, on the first call).
  const std::vector<IntentInfo>& intents() const;
  /// The same as their stored JSON entries, an array (schema.h, kMetaIntentAt).
  std::string intents_json() const;

  /// The folder applied to indexed text; queries must be folded by it too.
  const TextFolder& folder() const;

  /// Articles ranked for free text `query` (any bytes; never throws on bad
  /// input, an unusable query gives no hits).
  std::vector<ArticleHit> search(std::string_view query, std::size_t limit = 10) const;

  /// As above, only among the articles `filter` lets through.
  std::vector<ArticleHit> search(std::string_view query, const ArticleFilter& filter, std::size_t limit = 10) const;

  /// Every article `filter` lets through (at most `limit`), most recently
  /// updated first, then by id; no query, so no snippet and score 0.
  std::vector<ArticleHit> articles(const ArticleFilter& filter = {}, std::size_t limit = 1000) const;

  /// The stored JSON of the article `id`.
  /// @throws Error invalid_argument if the index has no such article.
  std::string article_json(const std::string& id) const;

  /// Raw metadata value (empty if absent); for the index's own schema keys.
  std::string metadata(const std::string& key) const;

  struct Internal;

 private:
  friend class Engine;
  explicit Index(std::shared_ptr<Internal> internal) : internal_(std::move(internal)) {}
  std::shared_ptr<Internal> internal_;
};

}  // namespace firstline
