#include "hints.h"

#include <string>

#include "by_need.h"
#include "firstline/limits.h"
#include "firstline/locale.h"
#include "firstline/schema.h"
#include "firstline/terms.h"
#include "knowledge.h"
#include "locale_detection.h"
#include "xapian_errors.h"

namespace firstline {

namespace {

/// Whether the index's list of correct words (schema::kMetaCorrectWords) has `word`.
bool is_correct_word(const Xapian::Database& db, const std::string& word) {
  const std::string words = db.get_metadata(schema::kMetaCorrectWords + word.substr(0, 2));
  for (std::size_t at = words.find(word); at != std::string::npos; at = words.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if ((at == 0 || words[at - 1] == '\n') && (end == words.size() || words[end] == '\n')) return true;
  }
  return false;
}

/// The typed text with each English word the KB does not have (and the
/// spelling table can correct) corrected, or "" if nothing was. A correct
/// English word is never changed ("talk" is no typo of "take"): the index
/// keeps those the table would change (schema::kMetaCorrectWords, from the
/// indexer's word list). The last word counts only once complete (a space
/// after it), unless it is alone.
std::string spelling_correction(const Knowledge& knowledge, const std::string& folded) {
  const Index::Internal& index = *knowledge.index;
  const std::vector<std::string> words = ascii_words(folded);
  const bool last_complete = !folded.empty() && folded.back() == ' ';
  std::string corrected = folded;
  bool changed = false;
  with_xapian_errors_translated("index", [&] {
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i + 1 == words.size() && !last_complete && words.size() > 1) break;  // still being typed
      if (words[i].size() < 3) continue;
      const std::string stem = terms::stemmed_word(index.stemmer, words[i]);
      if (by_need::read(true, [&] { return index.db.term_exists(stem); })) continue;  // a word the KB has
      if (by_need::read(true, [&] { return is_correct_word(index.db, words[i]); })) continue;  // a word of the language
      const std::string suggestion =
          by_need::read(std::string(), [&] { return index.db.get_spelling_suggestion(words[i]); });
      if (suggestion.empty()) continue;
      const std::size_t at = corrected.find(words[i]);
      if (at != std::string::npos) corrected.replace(at, words[i].size(), suggestion), changed = true;
    }
  });
  if (!changed) return "";
  while (!corrected.empty() && corrected.back() == ' ') corrected.pop_back();
  return corrected;
}

}  // namespace

std::vector<Hint> suggest_hints(const Knowledge& knowledge, const Session& session, std::string_view typed,
                                std::size_t limit) {
  std::string folded = knowledge.index->folder.fold(typed.substr(0, limits::kTypedBytes));
  // Leading spaces never matter; a trailing space means the last word is complete.
  folded.erase(0, folded.find_first_not_of(' '));
  if (folded.empty() || limit == 0) return first_screen_topics(knowledge, session.context, limit);

  const std::string locale = detect_locale(knowledge.index->folder, typed, session.context.locale);
  const std::string language = language_of(locale);
  std::vector<Hint> out = knowledge.hints.completions(folded, language, limit);
  if (language == "en") {
    if (std::string corrected = spelling_correction(knowledge, folded); !corrected.empty()) {
      out.insert(out.begin(), Hint{Hint::Kind::correction, std::move(corrected), ""});
      if (out.size() > limit) out.pop_back();
    }
  }
  return out;
}

std::vector<Hint> first_screen_topics(const Knowledge& knowledge, const HostContext& context, std::size_t limit) {
  using nlohmann::json;
  const json& screen = knowledge.first_screen;
  json list;
  if (const auto states = screen.find("order_states"); !context.order_state.empty() && states != screen.end())
    list = states->value(context.order_state, json());
  if (!list.is_array())
    if (const auto pages = screen.find("pages"); !context.page.empty() && pages != screen.end())
      list = pages->value(context.page, json());
  if (!list.is_array()) list = screen.value("default", json::array());
  if (!list.is_array() || list.empty()) {  // a KB without first-screen.yaml
    list = json::array();
    // The first `limit` intents (only those: a probe that cannot read one,
    // firstline/read_probe.h, must not go on through all of them).
    for (std::size_t i = 0; i < knowledge.intents.size() && list.size() < limit; ++i) {
      const auto intent = knowledge.intents.at(i);
      if (!intent && by_need::missed()) break;
      if (intent && !intent->not_covered) list.push_back(intent->id);
    }
  }
  const std::string locale = context.locale.empty() ? kDefaultLocale : context.locale;
  std::vector<Hint> topics;
  for (const auto& id : list) {
    if (topics.size() >= limit) break;
    const auto info = id.is_string() ? knowledge.intent(id) : nullptr;
    if (!info || info->not_covered) continue;
    topics.push_back({Hint::Kind::topic, option_label(*info, locale), info->id});
  }
  return topics;
}

}  // namespace firstline
