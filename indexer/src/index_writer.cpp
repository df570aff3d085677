#include "index_writer.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <stdexcept>

#include <xapian.h>

#include "firstline/example_store.h"
#include "firstline/hint_store.h"
#include "firstline/intent_model.h"
#include "firstline/locale.h"
#include "firstline/packed.h"
#include "firstline/schema.h"
#include "firstline/terms.h"
#include "markdown.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace firstline::indexer {

void render_articles(KnowledgeBase& kb, Diagnostics& diagnostics) {
  for (auto& article : kb.articles) {
    RenderedMarkdown rendered = render_markdown(article.body_markdown);
    if (!rendered.ok) {
      diagnostics.error(article.file, article.body_line, "the Markdown body could not be rendered");
      continue;
    }
    if (rendered.dropped_links > 0)
      diagnostics.warning(article.file, article.body_line,
                          std::to_string(rendered.dropped_links) +
                              " link(s) dropped: only http, https, mailto and tel links are kept");
    article.html = std::move(rendered.html);
    article.text = std::move(rendered.text);
  }
}

namespace {

/// The index's B-tree block size (Xapian allows 2-64 KiB; its default is 8).
constexpr int kBlockSize = 4096;

std::string now_iso8601() {
  std::time_t t;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch)
    t = static_cast<std::time_t>(std::stoll(epoch));
  else
    t = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buffer;
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// Indexes one artifact into a fresh glass database in `scratch_dir`.
class ArtifactWriter {
 public:
  /// `intents`: the KB's intents in the order of the intents metadata, which
  /// the example and completion entries refer to by position.
  ArtifactWriter(const std::string& scratch_dir, const TextFolder& folder, const std::vector<Intent>& intents)
      : db_(scratch_dir, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS),
        folder_(folder),
        examples_(folder, synonyms_) {
    for (const auto& intent : intents) {
      intent_index_.emplace(intent.id, intent_index_.size());
      if (intent.not_covered) not_covered_.insert(intent.id);
    }
    terms_.set_database(db_);  // for the spelling table
  }

  /// Adds `article` as a document; returns its document id.
  Xapian::docid add_article(const Article& article) {
    Xapian::Document doc;
    start(doc, article.locale);
    index(article.title, schema::kWeightTitle);
    for (const auto& question : article.questions) index(question, schema::kWeightQuestion);
    for (const auto& keyword : article.keywords) index(keyword, schema::kWeightKeyword);
    index(article.text, schema::kWeightBody);

    doc.add_boolean_term(std::string(schema::kPrefixKind) + schema::kKindArticle);
    doc.add_boolean_term(schema::kPrefixId + article.id);
    doc.add_boolean_term(schema::kPrefixType + article.type);
    doc.add_boolean_term(schema::kPrefixAudience + article.audience);
    doc.add_boolean_term(schema::kPrefixLocale + lower(article.locale));
    for (const auto& intent : article.intents) doc.add_boolean_term(schema::kPrefixIntent + intent);
    if (article.level) doc.add_boolean_term(schema::kPrefixLevel + std::to_string(article.level));
    std::string updated = article.updated;
    updated.erase(std::remove(updated.begin(), updated.end(), '-'), updated.end());
    doc.add_value(schema::kSlotUpdated, updated);
    if (article.level) doc.add_value(schema::kSlotLevel, std::to_string(article.level));

    json data = {{"id", article.id},           {"title", article.title},       {"type", article.type},
                 {"audience", article.audience}, {"locale", article.locale},   {"intents", article.intents},
                 {"questions", article.questions}, {"keywords", article.keywords}, {"related", article.related},
                 {"updated", article.updated},   {"html", article.html},       {"text", article.text},
                 {"source", article.file}};
    if (article.level) data["level"] = article.level;
    if (!article.translation_of.empty()) data["translation_of"] = article.translation_of;
    doc.set_data(data.dump());
    const Xapian::docid docid = db_.add_document(doc);
    ++articles_;
    hint_titles_.push_back(hint_of(article.title, article.locale, article.intents));
    return docid;
  }

  /// An example question, for intent suggestion: kept in the example entries
  /// (firstline/example_store.h), not as a document, and a completion while
  /// typing. English words still feed the spelling corrector.
  void add_example(const std::string& text, const std::vector<std::string>& intents, const std::string& locale) {
    if (locale == "en") {
      Xapian::Document scratch;
      start(scratch, locale);
      index(text, 1);
    }
    std::vector<std::uint32_t> positions;
    for (const auto& intent : intents) positions.push_back(intent_index_.at(intent));  // validated: every intent is in intents.yaml
    examples_.add(text, positions);
    // A question the KB does not answer is never offered as a completion.
    const bool answered = std::none_of(intents.begin(), intents.end(),
                                       [&](const std::string& intent) { return not_covered_.count(intent) > 0; });
    if (answered) hint_examples_.push_back(hint_of(text, locale, intents));
  }

  /// synonyms.yaml's groups: each group found in an article's text becomes
  /// one more term of it (text.h, SynonymSet), and the core reads the groups
  /// from the index to do the same for queries and example questions.
  void set_synonyms(const std::vector<std::vector<std::string>>& groups) {
    std::vector<std::vector<std::string>> folded;
    for (const auto& group : groups) {
      folded.emplace_back();
      for (const auto& word : group) folded.back().push_back(folder_.fold(word));
    }
    synonyms_ = SynonymSet(folded);
    db_.set_metadata(schema::kMetaSynonyms, synonyms_.to_json());
  }

  const SynonymSet& synonyms() const { return synonyms_; }
  void set_metadata(const std::string& key, const std::string& value) { db_.set_metadata(key, value); }
  std::size_t articles() const { return articles_; }
  std::size_t examples() const { return examples_.size(); }

  /// Commits and compacts into one file at `path`. `dictionary`: correct
  /// English words (read_word_list), of which those the spelling table would
  /// change are kept (schema::kMetaCorrectWords).
  /// `with_intent_model`: whether the index has an intent model; without one
  /// the ranking needs each example's stored idf total (example_store.h).
  void finish(const std::string& path, const std::vector<std::string>& dictionary, bool with_intent_model) {
    db_.commit();  // the articles, for their terms' frequencies
    // How many articles have each term a query can have, written in the term's
    // entry beside its example postings (firstline/anchors.h): a query's idf
    // then reads no article postings.
    std::map<std::string, std::uint32_t> articles_with;
    for (auto t = db_.allterms_begin(schema::kPrefixStem); t != db_.allterms_end(schema::kPrefixStem); ++t)
      articles_with.emplace(*t, t.get_termfreq());
    examples_.write(db_, /*with_weights=*/!with_intent_model, articles_with);
    // The completions: every example question, then every article title (the first of a folded text wins).
    HintStoreWriter hints;
    for (const auto* part : {&hint_examples_, &hint_titles_})
      for (const auto& h : *part) hints.add(folder_.fold(h.text), h.text, h.intent, language_of(h.locale));
    hints.write(db_);
    db_.commit();
    // The same test the core's hints make (core/src/hints.cpp): a word the
    // KB lacks, for which the spelling table has a suggestion.
    if (db_.spellings_begin() != db_.spellings_end()) {
      std::map<std::string, std::set<std::string>> kept;  // by the first two letters
      for (const auto& word : dictionary)
        if (!db_.term_exists(terms::stemmed_word(stemmer_, word)) && !db_.get_spelling_suggestion(word).empty())
          kept[word.substr(0, 2)].insert(word);
      for (const auto& [start, words] : kept) {
        std::string value;
        for (const auto& word : words) value += (value.empty() ? "" : "\n") + word;
        db_.set_metadata(schema::kMetaCorrectWords + start, value);
      }
      db_.commit();
    }
    // 4 KiB blocks: a browser reading the index by need fetches a block for each
    // lookup, so smaller blocks mean fewer bytes a question (indexer/src/web_bundle.h).
    db_.compact(path, Xapian::DBCOMPACT_SINGLE_FILE, kBlockSize);
    db_.close();
  }

 private:
  // The terms as the core's queries look for them (firstline/terms.h).
  void start(Xapian::Document& doc, const std::string& locale) {
    // Spelling data is for English words; CJK n-grams would only add noise.
    terms::configure(terms_, stemmer_, /*spelling=*/locale == "en");
    terms_.set_document(doc);
    document_ = &doc;
  }
  void index(const std::string& text, unsigned weight) {
    terms::index_text(terms_, *document_, synonyms_, folder_.fold(text), weight);
  }
  /// A completion to be: its text, locale and first intent's position (or -1).
  struct HintSource {
    std::string text, locale;
    std::int64_t intent;
  };
  HintSource hint_of(const std::string& text, const std::string& locale, const std::vector<std::string>& intents) const {
    const auto intent = intents.empty() ? intent_index_.end() : intent_index_.find(intents.front());
    return {text, locale, intent == intent_index_.end() ? -1 : static_cast<std::int64_t>(intent->second)};
  }

  Xapian::WritableDatabase db_;
  const TextFolder& folder_;
  Xapian::Stem stemmer_{"english"};
  Xapian::TermGenerator terms_;
  Xapian::Document* document_ = nullptr;  // the one start() began
  SynonymSet synonyms_;
  std::size_t articles_ = 0;
  std::map<std::string, std::size_t> intent_index_;
  std::set<std::string> not_covered_;  ///< intents.yaml's intents marked not_covered
  ExampleStoreWriter examples_;
  std::vector<HintSource> hint_examples_, hint_titles_;
};

/// Each intent's articles in one artifact, as its entry lists them (schema.h): [docid, locale, family].
using IntentArticles = std::map<std::string, json>;

json intents_json(const KnowledgeBase& kb, const IntentArticles& articles_of) {
  std::map<std::string, std::size_t> article_questions;
  for (const auto& article : kb.articles)
    if (!article.intents.empty()) article_questions[article.intents.front()] += article.questions.size();
  json out = json::array();
  for (const auto& intent : kb.intents) {
    std::size_t examples = article_questions[intent.id];
    for (const auto& [locale, list] : intent.examples) examples += list.size();
    // Only what differs from a reader's default (schema.h): a dataset KB has
    // tens of thousands of intents, each labelled with its one question.
    json entry = {{"id", intent.id}, {"label", intent.label}, {"examples", examples}};
    if (!intent.group.empty()) entry["group"] = intent.group;
    if (!intent.option.empty() && intent.option != intent.label) entry["option"] = intent.option;
    if (intent.human_only) entry["human_only"] = true;
    if (intent.urgent) entry["urgent"] = true;
    if (intent.not_covered) entry["not_covered"] = true;
    if (const auto it = articles_of.find(intent.id); it != articles_of.end()) entry["articles"] = it->second;
    out.push_back(std::move(entry));
  }
  return out;
}

/// The intent classifier, learned from this artifact's own examples: intent
/// examples, and the titles and questions of its articles. Skipped when the
/// intents have too few examples to learn from (a KB of one question per
/// intent is answered by retrieval alone) or the model would not fit.
IntentModel::Parts learn_intent_model(const KnowledgeBase& kb, const std::vector<const Article*>& articles,
                                      const TextFolder& folder, const SynonymSet& synonyms) {
  std::map<std::string, std::size_t> intent_index;
  for (const auto& intent : kb.intents) intent_index.emplace(intent.id, intent_index.size());
  std::vector<IntentModel::Example> examples;
  auto add = [&](const std::string& text, std::size_t intent) {
    IntentModel::Example example{folder.fold(text), intent};
    for (const auto& [term, count] : synonyms.terms_in(example.folded_text)) example.synonym_terms.push_back(term);
    examples.push_back(std::move(example));
  };
  for (const auto& intent : kb.intents)
    for (const auto& [locale, list] : intent.examples)
      for (const auto& text : list) add(text, intent_index[intent.id]);
  for (const auto* article : articles) {
    if (article->intents.empty()) continue;
    const std::size_t intent = intent_index[article->intents.front()];
    add(article->title, intent);
    for (const auto& question : article->questions) add(question, intent);
  }
  constexpr double kMinExamplesPerIntent = 2.0;
  constexpr std::size_t kMaxIntents = 5000;
  if (kb.intents.size() < 2 || kb.intents.size() > kMaxIntents ||
      static_cast<double>(examples.size()) / static_cast<double>(kb.intents.size()) < kMinExamplesPerIntent)
    return {};
  return IntentModel::train(examples, kb.intents.size()).serialize_parts();
}

json count_by(const std::vector<const Article*>& articles, std::string Article::*field) {
  std::map<std::string, std::size_t> counts;
  for (const auto* article : articles) ++counts[article->*field];
  return counts;
}

}  // namespace

namespace {

/// Writes one artifact into `scratch` and returns its stats; the finished
/// single file is `scratch/<name>.new`.
ArtifactStats write_artifact(const KnowledgeBase& kb, const TextFolder& folder, const BuildOptions& options,
                             bool is_public, const fs::path& scratch, const std::string& built_at,
                             const std::vector<std::string>& dictionary,
                             const std::function<void(const std::string&)>& progress) {
  const std::string artifact = is_public ? schema::kArtifactPublic : schema::kArtifactAgent;
  if (progress) progress("writing the " + artifact + " index");
  std::vector<const Article*> articles;
  for (const auto& article : kb.articles)
    if (!is_public || article.audience == "public") articles.push_back(&article);

  ArtifactWriter writer((scratch / artifact).string(), folder, kb.intents);
  writer.set_synonyms(kb.synonyms);
  std::size_t done = 0;
  IntentArticles intent_articles;
  for (const auto* article : articles) {
    const Xapian::docid docid = writer.add_article(*article);
    const std::string& family = article->translation_of.empty() ? article->id : article->translation_of;
    for (const auto& intent : article->intents) intent_articles[intent].push_back({docid, article->locale, family});
    // The title is phrased as the customer's question: it is an example too,
    // unless it is one of the questions already.
    if (std::find(article->questions.begin(), article->questions.end(), article->title) == article->questions.end())
      writer.add_example(article->title, article->intents, article->locale);
    for (const auto& question : article->questions) writer.add_example(question, article->intents, article->locale);
    if (progress && articles.size() >= 5000 && ++done % 10000 == 0)
      progress("  " + artifact + ": " + std::to_string(done) + " / " + std::to_string(articles.size()) + " articles");
  }
  for (const auto& intent : kb.intents)
    for (const auto& [locale, examples] : intent.examples)
      for (const auto& example : examples) writer.add_example(example, {intent.id}, locale);
  if (progress) progress("learning the " + artifact + " intent model");
  const IntentModel::Parts model = learn_intent_model(kb, articles, folder, writer.synonyms());
  if (!model.head.empty()) writer.set_metadata(schema::kMetaIntentModelHead, model.head);
  for (const auto& [key, value] : model.entries) writer.set_metadata(schema::kMetaAnchored + key, value);

  json build = {{"artifact", artifact},
                {"built_at", built_at},
                {"content_hash", kb.content_hash},
                {"tool_version", options.tool_version},
                {"format_version", schema::kFormatVersion},
                {"counts",
                 {{"articles", writer.articles()},
                  {"examples", writer.examples()},
                  {"intents", kb.intents.size()},
                  {"synonym_groups", kb.synonyms.size()},
                  {"by_type", count_by(articles, &Article::type)},
                  {"by_audience", count_by(articles, &Article::audience)},
                  {"by_locale", count_by(articles, &Article::locale)}}}};
  if (!is_public) build["warnings"] = options.warnings;  // for editors, in the internal index only
  if (!is_public && !kb.drafts.empty()) {  // what is not published yet, for `stats`
    build["drafts"] = json::array();
    for (const auto& draft : kb.drafts) build["drafts"].push_back({{"id", draft.id}, {"file", draft.file}});
  }
  writer.set_metadata(schema::kMetaFormat, std::to_string(schema::kFormatVersion));
  writer.set_metadata(schema::kMetaBuild, build.dump());
  const json intents = intents_json(kb, intent_articles);
  if (const std::string all = intents.dump(); all.size() <= schema::kMaxIntentsAtOpenBytes)
    writer.set_metadata(schema::kMetaIntentsAtOpen, all);
  for (std::uint32_t at = 0; at < intents.size(); ++at) {
    writer.set_metadata(packed::numbered_key(schema::kMetaIntentAt, at), intents[at].dump());
    const std::string id_key = schema::kMetaIntentId + intents[at]["id"].get<std::string>();
    if (id_key.size() <= schema::kMaxMetadataKeyBytes) writer.set_metadata(id_key, std::to_string(at));
  }
  writer.set_metadata(schema::kMetaEscalation, kb.escalation.dump());
  writer.set_metadata(schema::kMetaFirstScreen, kb.first_screen.dump());
  writer.set_metadata(schema::kMetaFoldTable, folder.to_table());

  const std::string name = is_public ? kPublicIndexName : kAgentIndexName;
  const fs::path finished = scratch / (name + std::string(".new"));
  writer.finish(finished.string(), dictionary, /*with_intent_model=*/!model.head.empty());
  return {(fs::path(options.out_dir) / name).string(), writer.articles(), writer.examples(), fs::file_size(finished)};
}

/// Puts scratch/NAME.new in place of out/NAME for both artifacts, both or
/// neither: a destination that is not a file stops it before anything moves,
/// and a rename that fails puts the previous artifacts back.
void replace_together(const fs::path& scratch, const fs::path& out) {
  const std::string names[] = {kPublicIndexName, kAgentIndexName};
  for (const auto& name : names) {
    const fs::file_status status = fs::symlink_status(out / name);
    if (fs::exists(status) && !fs::is_regular_file(status))
      throw std::runtime_error((out / name).string() + " is not a file (a folder or a link?): move it away and build again");
  }
  std::vector<std::string> set_aside, put_in_place;
  try {
    for (const auto& name : names)
      if (fs::exists(out / name)) {
        fs::rename(out / name, scratch / (name + ".old"));
        set_aside.push_back(name);
      }
    for (const auto& name : names) {
      fs::rename(scratch / (name + ".new"), out / name);
      put_in_place.push_back(name);
    }
  } catch (...) {
    std::error_code ignored;
    for (const auto& name : put_in_place) fs::remove(out / name, ignored);
    for (const auto& name : set_aside) fs::rename(scratch / (name + ".old"), out / name, ignored);
    throw;
  }
}

}  // namespace

std::vector<std::string> read_word_list(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the word list " + path);
  std::vector<std::string> words;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() >= 3 && std::all_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      words.push_back(line);
  }
  return words;
}

BuildResult write_indexes(const KnowledgeBase& kb, const TextFolder& folder, const BuildOptions& options) {
  const fs::path out(options.out_dir);
  fs::create_directories(out);
  const fs::path scratch = out / (".build-" + std::to_string(::getpid()));
  fs::remove_all(scratch);
  fs::create_directories(scratch);

  const std::string built_at = options.built_at.empty() ? now_iso8601() : options.built_at;
  std::mutex progress_lock;
  const std::function<void(const std::string&)> progress =
      options.progress ? std::function<void(const std::string&)>([&](const std::string& line) {
        const std::lock_guard<std::mutex> hold(progress_lock);
        options.progress(line);
      })
                       : nullptr;
  const std::vector<std::string> dictionary =
      options.dictionary.empty() ? std::vector<std::string>() : read_word_list(options.dictionary);
  BuildResult result;
  try {
    // The two artifacts are independent: the agent index is written on a
    // second thread while this one writes the public index.
    std::exception_ptr agent_failure;
    std::thread agent([&] {
      try {
        result.agent_index = write_artifact(kb, folder, options, false, scratch, built_at, dictionary, progress);
      } catch (...) {
        agent_failure = std::current_exception();
      }
    });
    try {
      result.public_index = write_artifact(kb, folder, options, true, scratch, built_at, dictionary, progress);
    } catch (...) {
      agent.join();
      throw;
    }
    agent.join();
    if (agent_failure) std::rethrow_exception(agent_failure);
    // Both artifacts are complete: only now replace the previous ones.
    replace_together(scratch, out);
  } catch (const Xapian::Error& e) {
    fs::remove_all(scratch);
    throw std::runtime_error("writing the index failed: " + e.get_description());
  } catch (...) {
    fs::remove_all(scratch);
    throw;
  }
  fs::remove_all(scratch);
  return result;
}

}  // namespace firstline::indexer
