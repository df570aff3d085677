#include "firstline/index.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "firstline/packed.h"
#include "firstline/schema.h"
#include "index_internal.h"
#include "intent_directory.h"
#include "localized_json.h"
#include "xapian_errors.h"

namespace firstline {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::index_missing: return "index_missing";
    case ErrorCode::index_corrupt: return "index_corrupt";
    case ErrorCode::index_wrong_version: return "index_wrong_version";
    case ErrorCode::index_wrong_artifact: return "index_wrong_artifact";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

namespace {

BuildInfo read_build_info(const Xapian::Database& db, const std::string& path) {
  BuildInfo info;
  std::string format = db.get_metadata(schema::kMetaFormat);
  if (format.empty()) format = db.get_metadata(schema::kMetaLegacyFormat);
  if (format.empty()) {
    throw Error(ErrorCode::index_corrupt,
                path + ": not a firstline index (no format version); rebuild it with firstline-index build");
  }
  try {
    info.format_version = std::stoi(format);
  } catch (const std::exception&) {
    throw Error(ErrorCode::index_corrupt, path + ": unreadable format version '" + format + "'");
  }
  if (info.format_version != schema::kFormatVersion) {
    throw Error(ErrorCode::index_wrong_version,
                path + ": index format " + format + ", but this firstline reads format " +
                    std::to_string(schema::kFormatVersion) + "; rebuild the index with a matching firstline-index");
  }
  info.json = db.get_metadata(schema::kMetaBuild);
  const auto build = nlohmann::json::parse(info.json, nullptr, /*allow_exceptions=*/false);
  if (!build.is_object()) {
    throw Error(ErrorCode::index_corrupt, path + ": build metadata is missing or damaged");
  }
  info.artifact = build.value("artifact", "");
  info.built_at = build.value("built_at", "");
  info.content_hash = build.value("content_hash", "");
  info.tool_version = build.value("tool_version", "");
  if (const auto counts = build.find("counts"); counts != build.end() && counts->is_object()) {
    info.articles = counts->value("articles", 0u);
    info.examples = counts->value("examples", 0u);
    info.intents = counts->value("intents", 0u);
  }
  return info;
}

}  // namespace

std::string option_label(const IntentInfo& intent, std::string_view locale) {
  std::string text = localized(intent.option, locale);
  return text.empty() ? localized(intent.label, locale) : text;
}

ArticleHit Index::Internal::article_from_data(const nlohmann::json& data) {
  ArticleHit hit;
  hit.id = data.value("id", "");
  hit.title = data.value("title", "");
  hit.type = data.value("type", "");
  hit.audience = data.value("audience", "");
  hit.locale = data.value("locale", "");
  hit.intents = data.value("intents", std::vector<std::string>{});
  hit.translation_of = data.value("translation_of", "");
  hit.updated = data.value("updated", "");
  if (const auto level = data.find("level"); level != data.end() && level->is_number_integer()) hit.level = level->get<int>();
  return hit;
}

std::vector<ArticleHit> Index::Internal::article_hits(
    const Xapian::MSet& mset, const std::vector<std::pair<std::string, Xapian::termcount>>& terms) const {
  std::vector<ArticleHit> hits;
  std::vector<std::pair<std::string, double>> weighted;
  const double documents = static_cast<double>(db.get_doccount());
  for (const auto& [term, wqf] : terms)
    weighted.emplace_back(term, std::log((documents + 1.0) / (static_cast<double>(mset.get_termfreq(term)) + 0.5)));
  const Snippeter snippet = snippeter(weighted);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
    if (!data.is_object()) continue;
    ArticleHit hit = article_from_data(data);
    hit.score = it.get_weight();
    hit.snippet_html = snippet(data.value("text", ""));
    hits.push_back(std::move(hit));
  }
  return hits;
}

Index Index::open(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    throw Error(ErrorCode::index_missing, path + ": no index file there (build one with firstline-index build)");
  }
  return with_xapian_errors_translated(path, [&] {
    auto internal = std::make_shared<Internal>();
    // An index is one file (a single-file glass database), opened by its
    // descriptor: Xapian::Database(path) would also read stub files through
    // std::ifstream, which brings iostreams and all of std::locale into the
    // WebAssembly module (measured: 32 KB of its gzip, 2 KB of the glue's).
    // Xapian owns the descriptor from here on and closes it, on failure too.
    // Any other file (a directory, garbage, a stub) is index_corrupt, as
    // garbage and truncated files were before.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Xapian::DatabaseOpeningError("Couldn't open " + path + ": " + std::strerror(errno));
    internal->db = Xapian::Database(fd);
    internal->build = read_build_info(internal->db, path);
    internal->folder = TextFolder::from_table(internal->db.get_metadata(schema::kMetaFoldTable));
    internal->synonyms = SynonymSet::from_json(internal->db.get_metadata(schema::kMetaSynonyms));
    // A truncated file fails here, not on the first query: each table's root
    // (read at open) is among the last blocks a compacted file holds.
    (void)internal->db.get_doccount();
    return Index(std::move(internal));
  });
}

const BuildInfo& Index::build_info() const { return internal_->build; }

std::string Index::Internal::intent_entries() const {
  if (std::string all = db.get_metadata(schema::kMetaIntentsAtOpen); !all.empty()) return all;
  // A KB of too many intents to keep them among what opening reads: one entry each.
  std::string all = "[";
  for (std::uint32_t at = 0; at < build.intents; ++at) {
    const std::string entry = db.get_metadata(packed::numbered_key(schema::kMetaIntentAt, at));
    if (entry.empty()) continue;
    if (all.size() > 1) all += ',';
    all += entry;
  }
  return all + "]";
}

const std::vector<IntentInfo>& Index::Internal::all_intents() const {
  std::call_once(intents_read, [&] {
    const auto entries = nlohmann::json::parse(intent_entries(), nullptr, /*allow_exceptions=*/false);
    if (!entries.is_array()) return;
    for (const auto& entry : entries)
      if (auto intent = intent_from_json(entry)) intents.push_back(std::move(*intent));
  });
  return intents;
}

std::string Index::intents_json() const {
  return with_xapian_errors_translated("index", [&] { return internal_->intent_entries(); });
}

const std::vector<IntentInfo>& Index::intents() const {
  return with_xapian_errors_translated("index", [&]() -> const std::vector<IntentInfo>& { return internal_->all_intents(); });
}

const TextFolder& Index::folder() const { return internal_->folder; }

std::string Index::metadata(const std::string& key) const {
  return with_xapian_errors_translated("index", [&] { return internal_->db.get_metadata(key); });
}

std::string Index::article_json(const std::string& id) const {
  return with_xapian_errors_translated("index", [&] {
    Xapian::PostingIterator it = internal_->db.postlist_begin(schema::kPrefixId + id);
    if (it == internal_->db.postlist_end(schema::kPrefixId + id)) {
      throw Error(ErrorCode::invalid_argument, "no article with id '" + id + "'");
    }
    return internal_->db.get_document(*it).get_data();
  });
}

std::vector<ArticleHit> Index::search(std::string_view query, std::size_t limit) const {
  return search(query, ArticleFilter{}, limit);
}

std::vector<ArticleHit> Index::search(std::string_view query, const ArticleFilter& filter, std::size_t limit) const {
  const std::string folded = internal_->folder.fold(query);
  return with_xapian_errors_translated("index", [&] {
    std::vector<ArticleHit> hits;
    const auto terms = internal_->query_terms(folded);
    const Xapian::Query parsed = Internal::query_for(terms);
    if (parsed.empty() || limit == 0) return hits;
    Xapian::Enquire enquire(internal_->db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, parsed, internal_->articles_query(filter)));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    hits = internal_->article_hits(mset, terms);
    return hits;
  });
}

std::vector<ArticleHit> Index::articles(const ArticleFilter& filter, std::size_t limit) const {
  return with_xapian_errors_translated("index", [&] {
    std::vector<ArticleHit> hits;
    if (limit == 0) return hits;
    Xapian::Enquire enquire(internal_->db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, internal_->articles_query(filter), 0));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value_then_relevance(schema::kSlotUpdated, /*reverse=*/true);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
      if (data.is_object()) hits.push_back(Internal::article_from_data(data));
    }
    // Same day: by id, so the listing is stable.
    std::stable_sort(hits.begin(), hits.end(), [](const ArticleHit& a, const ArticleHit& b) {
      return a.updated != b.updated ? a.updated > b.updated : a.id < b.id;
    });
    return hits;
  });
}

Xapian::Query Index::Internal::articles_query(const ArticleFilter& filter) {
  std::vector<Xapian::Query> terms{Xapian::Query(std::string(schema::kPrefixKind) + schema::kKindArticle)};
  if (!filter.type.empty()) terms.emplace_back(schema::kPrefixType + filter.type);
  if (!filter.audience.empty()) terms.emplace_back(schema::kPrefixAudience + filter.audience);
  if (!filter.locale.empty()) {
    std::string locale = filter.locale;
    std::transform(locale.begin(), locale.end(), locale.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    terms.emplace_back(schema::kPrefixLocale + locale);
  }
  if (!filter.intent.empty()) terms.emplace_back(schema::kPrefixIntent + filter.intent);
  if (filter.level > 0) terms.emplace_back(schema::kPrefixLevel + std::to_string(filter.level));
  return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
}

}  // namespace firstline
