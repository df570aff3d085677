// The engine: intent ranking over the index's example questions, the decision
// rules (answer, clarify, escalate), hints and the handoff payload.
//
// Intent ranking: the query's terms (generated exactly as the indexer does, a
// synonym group found in it one more term) retrieve the nearest example
// questions by BM25, and each intent scores the decayed sum of its best three
// neighbours; the learned classifier (where the index has one) gives every intent a probability. The
// two combine as a product of experts (engine_internal.h, Tuning) into one
// probability per intent, and an intent's confidence is that probability
// relative to the best intent's, scaled by how sure the best one is: a query
// nothing in the KB resembles cannot be answered confidently, and two intents
// of nearly equal confidence are a reason to ask rather than guess.
#include "firstline/engine.h"

#include <optional>

#include "engine_internal.h"
#include "xapian_errors.h"

namespace firstline {

const char* escalation_reason_name(EscalationReason reason) noexcept {
  switch (reason) {
    case EscalationReason::explicit_request: return "explicit_request";
    case EscalationReason::urgent: return "urgent";
    case EscalationReason::human_only: return "human_only";
    case EscalationReason::emotional: return "emotional";
    case EscalationReason::repeated: return "repeated";
    case EscalationReason::out_of_scope: return "out_of_scope";
  }
  return "out_of_scope";
}

const char* decision_kind_name(Decision::Kind kind) noexcept {
  switch (kind) {
    case Decision::Kind::answer: return "answer";
    case Decision::Kind::clarify: return "clarify";
    case Decision::Kind::escalate: return "escalate";
  }
  return "answer";
}

namespace {

/// Every pair of adjacent characters of `text`, as one number each.
std::vector<std::uint64_t> character_pairs(const std::string& text) {
  std::vector<std::uint64_t> pairs;
  std::size_t pos = 0;
  char32_t previous = 0;
  bool first = true;
  while (pos < text.size()) {
    const char32_t cp = decode_utf8(text, pos);
    if (!first) pairs.push_back((static_cast<std::uint64_t>(previous) << 21) | cp);
    previous = cp;
    first = false;
  }
  return pairs;
}

/// Whether `text` holds `needle`; with `at_word_start`, only where a word
/// starts (at the beginning or after a space), as English completions match.
bool holds(std::string_view text, std::string_view needle, bool at_word_start) {
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1))
    if (!at_word_start || at == 0 || text[at - 1] == ' ') return true;
  return false;
}

}  // namespace

// --- construction -------------------------------------------------------------

Engine Engine::open(const std::string& path) { return Engine(Index::open(path)); }

Engine::Engine(Index index) : index_(std::move(index)) {
  auto internal = std::make_shared<Internal>();
  internal->index = index_.internal_;
  with_xapian_errors_translated("index", [&] {
    const auto& db = internal->index->db;
    const json intents = json::parse(db.get_metadata(schema::kMetaIntents), nullptr, false);
    if (intents.is_array()) {
      for (const auto& entry : intents) {
        EngineIntent info;
        info.id = entry.value("id", "");
        info.group = entry.value("group", "");
        info.label = entry.value("label", json::object());
        info.option = entry.value("option", json::object());
        info.human_only = entry.value("human_only", false);
        info.urgent = entry.value("urgent", false);
        internal->intent_order.push_back(info.id);
        internal->intents[info.id] = std::move(info);
      }
    }
    const json escalation = json::parse(db.get_metadata(schema::kMetaEscalation), nullptr, false);
    if (escalation.is_object()) {
      internal->channels = escalation.value("channels", json::array());
      internal->routes = escalation.value("routes", json::object());
      internal->fallback_order = escalation.value("fallback_order", json::array());
      const json t = escalation.value("thresholds", json::object());
      Thresholds& th = internal->thresholds;
      th.answer_min_confidence = t.value("answer_min_confidence", th.answer_min_confidence);
      th.clarify_margin = t.value("clarify_margin", th.clarify_margin);
      th.urgent_min_confidence = t.value("urgent_min_confidence", th.urgent_min_confidence);
      th.clarify_max_options = std::clamp<std::size_t>(t.value("clarify_max_options", th.clarify_max_options), 2, 5);
      th.rephrase_similarity = t.value("rephrase_similarity", th.rephrase_similarity);
      th.level3_attempts = t.value("level3_attempts", th.level3_attempts);
      th.level4_attempts = t.value("level4_attempts", th.level4_attempts);
      th.not_helpful_limit = t.value("not_helpful_limit", th.not_helpful_limit);
      internal->signals = SignalDetector(escalation.value("lexicons", json::object()), internal->index->folder);
    }
    internal->model = IntentModel::deserialize(db.get_metadata(schema::kMetaIntentModel));
    const json first_screen = json::parse(db.get_metadata(schema::kMetaFirstScreen), nullptr, false);
    if (first_screen.is_object()) internal->first_screen = first_screen;

    // Completion entries: every example question and article title.
    std::set<std::string> seen;
    auto add_hint = [&](const std::string& text, const std::string& intent, const std::string& locale) {
      HintEntry entry{internal->index->folder.fold(text), text, intent, language_of(locale)};
      if (entry.folded.empty() || !seen.insert(entry.folded).second) return;
      internal->hints.push_back(std::move(entry));
    };
    // The example questions (schema.h: the examples table), each with the
    // postings of its terms for the in-memory nearest-example search: the
    // terms a query of the same text would have.
    const json table = json::parse(db.get_metadata(schema::kMetaExamples), nullptr, false);
    if (table.is_object() && table.value("examples", json()).is_array()) {
      const json locales = table.value("locales", json::array());
      // A position in a list of `size`, if the value is one.
      auto position = [](const json& value, std::size_t size) -> std::optional<std::size_t> {
        if (value.is_number_unsigned() && value.get<std::size_t>() < size) return value.get<std::size_t>();
        return std::nullopt;
      };
      for (const auto& row : table["examples"]) {
        if (!row.is_array() || row.size() < 2 || !row[0].is_string()) continue;
        Internal::ExampleInfo info;
        info.text = row[0].get<std::string>();
        const auto locale_at = position(row[1], locales.size());
        const std::string locale = locale_at && locales[*locale_at].is_string() ? locales[*locale_at].get<std::string>() : "";
        for (std::size_t i = 2; i < row.size(); ++i) {
          if (const auto intent_at = position(row[i], internal->intent_order.size()))
            info.intents.push_back(internal->intent_order[*intent_at]);
        }
        const auto example = static_cast<std::uint32_t>(internal->examples.size());
        double length = 0;
        for (const auto& [term, wdf] : internal->index->query_terms(internal->index->folder.fold(info.text))) {
          internal->example_postings[term].push_back({example, wdf});
          length += wdf;
        }
        internal->example_norm.push_back(static_cast<float>(length));
        if (const std::string key = without_punctuation(internal->index->folder.fold(info.text)); !key.empty())
          internal->example_by_text.emplace(std::hash<std::string>{}(key), example);
        add_hint(info.text, info.intents.empty() ? "" : info.intents.front(), locale);
        internal->examples.push_back(std::move(info));
      }
    }
    internal->example_count = std::max<double>(1, static_cast<double>(internal->examples.size()));
    // The articles, and their titles as completions too.
    const std::string is_article = std::string(schema::kPrefixKind) + schema::kKindArticle;
    for (auto it = db.postlist_begin(is_article); it != db.postlist_end(is_article); ++it) {
      const json data = json::parse(db.get_document(*it).get_data(), nullptr, false);
      if (!data.is_object()) continue;
      internal->articles[*it] = Index::Internal::article_from_data(data);
      internal->article_text[*it] = data.value("text", "");
      const auto intents_of = data.value("intents", std::vector<std::string>{});
      for (const auto& intent : intents_of)
        if (const auto info = internal->intents.find(intent); info != internal->intents.end())
          if (info->second.article_count++ == 0) info->second.first_article = *it;
      add_hint(data.value("title", ""), intents_of.empty() ? "" : intents_of.front(), data.value("locale", ""));
    }
    std::sort(internal->hints.begin(), internal->hints.end(),
              [](const HintEntry& a, const HintEntry& b) { return a.folded < b.folded; });
    // BM25 length normalisation of each example (Xapian's defaults: b = 0.5, floor 0.5).
    double total_length = 0;
    for (const float length : internal->example_norm) total_length += length;
    const double average = internal->example_norm.empty() ? 1 : std::max(1.0, total_length / internal->example_norm.size());
    for (auto& norm : internal->example_norm)
      norm = static_cast<float>(0.5 + 0.5 * std::max(0.5, norm / average));
    for (std::uint32_t i = 0; i < internal->hints.size(); ++i) {
      auto pairs = character_pairs(" " + internal->hints[i].folded);
      std::sort(pairs.begin(), pairs.end());
      pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
      for (const auto key : pairs) internal->hint_pairs[key].push_back(i);
    }
  });
  internal_ = std::move(internal);
}

// --- hints ---------------------------------------------------------------------

std::vector<Hint> Engine::hints(const Session& session, std::string_view typed, std::size_t limit) const {
  const Internal& in = *internal_;
  std::string folded = in.index->folder.fold(typed.substr(0, 256));
  // Leading spaces never matter; a trailing space means the last word is complete.
  folded.erase(0, folded.find_first_not_of(' '));
  if (folded.empty() || limit == 0) return in.first_screen_topics(session.context, limit);

  const std::string locale = in.detect_locale(typed, session.context);
  const std::string language = language_of(locale);
  std::vector<Hint> out;
  std::set<std::string> shown;
  auto add = [&](const HintEntry& entry, bool any_language) {
    if (out.size() >= limit || (!any_language && entry.language != language)) return;
    if (!shown.insert(entry.folded).second) return;
    out.push_back({Hint::Kind::completion, entry.text, entry.intent});
  };
  // 1. Questions and titles that start with what was typed (shortest first).
  const auto first = std::lower_bound(in.hints.begin(), in.hints.end(), folded,
                                      [](const HintEntry& e, const std::string& key) { return e.folded < key; });
  std::vector<const HintEntry*> prefixed;
  for (auto it = first; it != in.hints.end() && it->folded.compare(0, folded.size(), folded) == 0; ++it) {
    prefixed.push_back(&*it);
    if (prefixed.size() >= 400) break;  // enough to pick the shortest from
  }
  std::stable_sort(prefixed.begin(), prefixed.end(),
                   [](const HintEntry* a, const HintEntry* b) { return a->folded.size() < b->folded.size(); });
  for (const auto* entry : prefixed) add(*entry, false);
  // 2. Questions that contain it (at a word start, for English): the entries
  // holding the needle's rarest character pair, checked one by one.
  if (out.size() < limit && folded.size() >= 2) {
    const bool at_word_start = language == "en";
    const std::vector<std::uint32_t>* rarest = nullptr;
    bool impossible = false;
    for (const auto key : character_pairs(at_word_start ? " " + folded : folded)) {
      const auto it = in.hint_pairs.find(key);
      if (it == in.hint_pairs.end()) {
        impossible = true;  // a pair no entry has
        break;
      }
      if (!rarest || it->second.size() < rarest->size()) rarest = &it->second;
    }
    std::vector<const HintEntry*> containing;
    if (rarest && !impossible) {
      for (const auto position : *rarest) {
        const HintEntry& entry = in.hints[position];
        if (entry.language != language || !holds(entry.folded, folded, at_word_start)) continue;
        containing.push_back(&entry);
        if (containing.size() >= 400) break;
      }
    }
    std::stable_sort(containing.begin(), containing.end(),
                     [](const HintEntry* a, const HintEntry* b) { return a->folded.size() < b->folded.size(); });
    for (const auto* entry : containing) add(*entry, false);
  }
  // 3. Spelling: an English word the index does not know, corrected.
  if (language == "en") {
    const std::vector<std::string> words = ascii_words(folded);
    const bool last_complete = !folded.empty() && folded.back() == ' ';
    std::string corrected = folded;
    bool changed = false;
    with_xapian_errors_translated("index", [&] {
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (i + 1 == words.size() && !last_complete && words.size() > 1) break;  // still being typed
        if (words[i].size() < 3 || in.index->db.term_exists("Z" + in.index->stemmer(words[i]))) continue;  // a word the KB has (indexed stemmed)
        const std::string suggestion = in.index->db.get_spelling_suggestion(words[i]);
        if (suggestion.empty()) continue;
        const std::size_t at = corrected.find(words[i]);
        if (at != std::string::npos) corrected.replace(at, words[i].size(), suggestion), changed = true;
      }
    });
    if (changed) {
      while (!corrected.empty() && corrected.back() == ' ') corrected.pop_back();
      Hint correction{Hint::Kind::correction, corrected, ""};
      out.insert(out.begin(), correction);
      if (out.size() > limit) out.pop_back();
    }
  }
  return out;
}

// --- asking ----------------------------------------------------------------------

namespace {

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t common = 0;
  for (const auto& x : a) common += b.count(x);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

Decision Engine::ask(Session& session, std::string_view query) const {
  const Internal& in = *internal_;
  return with_xapian_errors_translated("index", [&] {
    Decision d;
    const std::string folded = in.index->folder.fold(query.substr(0, 4096));
    const auto terms = in.analyse(folded);
    const Signals signals = in.signals.detect(folded);
    d.locale = in.detect_locale(query, session.context);
    d.emotional = !signals.emotion.empty();

    const std::vector<std::string> verbatim = in.intents_asked_verbatim(folded);
    const auto ranking = in.rank_intents(folded, terms, verbatim);
    d.intents = ranking;
    if (d.intents.size() > 5) d.intents.resize(5);
    const double top = d.intents.empty() ? 0 : d.intents[0].confidence;
    const bool confident = top >= in.thresholds.answer_min_confidence;
    const EngineIntent* best = d.intents.empty() ? nullptr : in.intent(d.intents[0].id);
    d.urgent = !signals.urgent.empty();

    // The same problem again? Same best intent, or much the same words.
    std::set<std::string> term_set;
    for (const auto& t : terms)
      if (!t.expansion) term_set.insert(t.term);  // as the earlier turns' terms: what was typed
    int attempts = 1;
    constexpr std::size_t kTurnsRemembered = 20;  // a conversation, not a lifetime
    const std::size_t first_turn = session.turns.size() > kTurnsRemembered ? session.turns.size() - kTurnsRemembered : 0;
    for (std::size_t t = first_turn; t < session.turns.size(); ++t) {
      const auto& turn = session.turns[t];
      const std::string turn_intent =
          !turn.chosen_intent.empty() ? turn.chosen_intent : turn.intents.empty() ? "" : turn.intents[0].id;
      std::set<std::string> turn_terms;
      for (const auto& [term, wqf] : in.index->query_terms(in.index->folder.fold(turn.query))) turn_terms.insert(term);
      const bool same_intent = confident && best && turn_intent == best->id;
      if (same_intent || jaccard(term_set, turn_terms) >= in.thresholds.rephrase_similarity) ++attempts;
    }
    const int level = in.problem_level(session, attempts);
    d.problem_level = level;

    // Articles only when the engine understood the query: an unrelated article
    // beside "转人工" or an out-of-scope question is noise.
    if (confident && best) d.articles = in.rank_articles(terms, best->id, d.locale, 3);

    auto escalate = [&](EscalationReason reason) {
      d.kind = Decision::Kind::escalate;
      d.escalation = in.escalation_for(reason, d.locale, level);
    };
    // Too close to call? Ask instead of guessing, with the intents within the
    // margin of the best; or, for a vague query ("快递", "card"), with the
    // intents whose examples hold all of it: when three or more do, which one
    // the customer means is not in the words, whatever a classifier prefers.
    // In a KB without a classifier each intent is its question or two (an FAQ
    // list): one asked word for word is answered, and if several intents have
    // it the choice is among those. With a classifier a verbatim example is
    // one of many the classifier has learned and ranks first, but a vague one
    // ("退货", "tracking") still gets its clarifying question.
    const bool asked_verbatim = !verbatim.empty() && !in.has_classifier();
    std::vector<ClarifyOption> options;
    if (confident && !(asked_verbatim && verbatim.size() == 1)) {
      constexpr double kFullCoverage = 0.95;
      constexpr std::size_t kVagueWhenCovering = 3;
      const auto covering = static_cast<std::size_t>(std::count_if(
          d.intents.begin(), d.intents.end(), [&](const IntentScore& s) { return s.coverage >= kFullCoverage; }));
      const bool vague = covering >= kVagueWhenCovering && d.intents[0].coverage >= kFullCoverage;
      // A vague query's options come from the best intent's group first
      // (intents.yaml's `group`: the topics offered together).
      const EngineIntent* top_info = in.intent(d.intents[0].id);
      const std::string group = top_info ? top_info->group : "";
      for (const bool same_group_pass : {true, false}) {
        for (const auto& candidate : ranking) {
          if (options.size() >= in.thresholds.clarify_max_options) break;
          const bool close = top - candidate.confidence <= in.thresholds.clarify_margin;
          if (vague ? candidate.coverage < kFullCoverage : !close) continue;
          if (asked_verbatim && std::find(verbatim.begin(), verbatim.end(), candidate.id) == verbatim.end()) continue;
          const EngineIntent* info = in.intent(candidate.id);
          if (!info) continue;
          const bool same_group = !group.empty() && info->group == group;
          if (vague && same_group != same_group_pass) continue;
          if (!vague && !same_group_pass) continue;  // one pass suffices
          options.push_back({info->id, option_label(*info, d.locale)});
        }
      }
    }
    // An urgent intent on weak evidence, in calm words: ask, with it first,
    // rather than send a question that merely shares its topic to the
    // emergency line. Choosing it escalates at once (choose()).
    const bool weak_urgent = confident && best && best->urgent && signals.urgent.empty() &&
                             top < in.thresholds.urgent_min_confidence;
    if (weak_urgent && options.size() < 2) {
      options.clear();
      for (const auto& candidate : ranking) {
        if (options.size() >= std::min<std::size_t>(3, in.thresholds.clarify_max_options)) break;
        const EngineIntent* info = in.intent(candidate.id);
        if (!info || (!options.empty() && candidate.confidence <= 0)) continue;
        options.push_back({info->id, option_label(*info, d.locale)});
      }
    }
    if (!signals.human_request.empty()) {
      escalate(EscalationReason::explicit_request);
    } else if (!signals.urgent.empty()) {
      escalate(EscalationReason::urgent);
    } else if (level >= 4) {
      escalate(EscalationReason::repeated);
    } else if (d.emotional) {
      escalate(EscalationReason::emotional);
    } else if (terms.empty() || signals.small_talk != Signals::SmallTalk::none) {
      // Nothing to go on (empty, only punctuation), or only a greeting or
      // thanks ("你好", "在吗", "谢谢"): offer the first-screen topics.
      d.kind = Decision::Kind::clarify;
      d.question = localized(kPhrases[signals.small_talk == Signals::SmallTalk::greeting ? "greeting"
                                      : signals.small_talk == Signals::SmallTalk::thanks ? "thanks"
                                                                                          : "topics"],
                             d.locale);
      d.intents.clear();
      d.articles.clear();
      HostContext context = session.context;
      context.locale = d.locale;
      for (const auto& topic : in.first_screen_topics(context, in.thresholds.clarify_max_options))
        d.options.push_back({topic.intent, topic.text});
    } else if (!confident) {
      escalate(EscalationReason::out_of_scope);
    } else if (options.size() >= 2) {
      d.kind = Decision::Kind::clarify;
      d.question = localized(kPhrases["clarify"], d.locale);
      d.options = std::move(options);
    } else if (best && best->urgent) {
      d.urgent = true;  // a moment of truth: straight to the phone
      escalate(EscalationReason::urgent);
    } else if (best && best->human_only) {
      escalate(EscalationReason::human_only);
    } else {
      d.kind = Decision::Kind::answer;
    }

    record_turn(session, d, std::string(query.substr(0, 4096)), "");
    return d;
  });
}

Decision Engine::choose(Session& session, const std::string& intent_id) const {
  const Internal& in = *internal_;
  const EngineIntent* info = in.intent(intent_id);
  if (!info) throw Error(ErrorCode::invalid_argument, "no intent '" + intent_id + "' in this index");
  return with_xapian_errors_translated("index", [&] {
    Decision d;
    const std::string previous = session.turns.empty() ? "" : session.turns.back().query;
    d.locale = previous.empty() ? (session.context.locale.empty() ? "zh-Hans" : session.context.locale)
                                : in.detect_locale(previous, session.context);
    d.intents = {{intent_id, 1.0}};
    d.urgent = info->urgent;
    d.articles = in.rank_articles(in.analyse(in.index->folder.fold(previous)), intent_id,
                                  d.locale, 3);

    int attempts = 1;
    for (const auto& turn : session.turns)
      if (turn.chosen_intent == intent_id) ++attempts;
    const int level = in.problem_level(session, attempts);
    d.problem_level = level;
    if (info->urgent) {
      d.kind = Decision::Kind::escalate;
      d.escalation = in.escalation_for(EscalationReason::urgent, d.locale, level);
    } else if (info->human_only) {
      d.kind = Decision::Kind::escalate;
      d.escalation = in.escalation_for(EscalationReason::human_only, d.locale, level);
    } else if (level >= 4) {
      d.kind = Decision::Kind::escalate;
      d.escalation = in.escalation_for(EscalationReason::repeated, d.locale, level);
    }
    record_turn(session, d, previous, intent_id);
    return d;
  });
}

void record_turn(Session& session, const Decision& d, std::string query, std::string chosen_intent) {
  Session::Turn turn;
  turn.query = std::move(query);
  turn.chosen_intent = std::move(chosen_intent);
  turn.kind = d.kind;
  turn.problem_level = d.problem_level;
  if (d.kind == Decision::Kind::escalate) {
    turn.escalation_reason = escalation_reason_name(d.escalation.reason);
    turn.channel = d.escalation.channel;
  }
  turn.intents = d.intents;
  for (const auto& article : d.articles) turn.articles.push_back(article.id);
  session.turns.push_back(std::move(turn));
}

std::vector<std::string> Engine::channel_order(EscalationReason reason) const {
  return internal_->escalation_for(reason, kDefaultLocale, 1).channels;
}

void Engine::feedback(Session& session, const std::string& article, bool helped) const {
  session.feedback.push_back({article, helped});
}

void Engine::opened(Session& session, const std::string& article) const { session.opened.push_back(article); }

}  // namespace firstline
