// The engine's public face (firstline/engine.h): each call reads the query
// once and hands it to the part whose job it is. Where each rule lives:
//   knowledge.cpp         what is read from the index when it opens, and
//                         articles by need (bounded_cache.h keeps the last reads)
//   query_terms.cpp       a query's terms and their idf
//   example_table.cpp     the example questions, read by need
//                         (example_store.cpp writes them), and the nearest-example search
//   intent_ranking.cpp    which intents a query is about, and how surely
//   article_ranking.cpp   which articles to offer, in which language
//   decision_policy.cpp   thresholds, problem level, clarifying options and
//                         the one table of rules behind ask() and choose()
//   channel_routing.cpp   which channels, in which order, and why
//   hints.cpp             hints while typing and the first-screen topics, over
//                         hint_table.cpp (by need; hint_store.cpp writes them)
//   session_history.cpp   a conversation's turns and repeated problems
//   signals.cpp           requests for a person, urgency, emotion, small talk
//   locale.cpp            locales; phrases.cpp, the engine's own sentences
//   handoff.cpp           the payload for a person; masking.cpp, personal data
//   wording.cpp           when two customer wordings are the same example (desk and indexer)
#include "firstline/engine.h"

#include "article_ranking.h"
#include "firstline/limits.h"
#include "firstline/schema.h"
#include "hints.h"
#include "intent_ranking.h"
#include "knowledge.h"
#include "locale_detection.h"
#include "phrases.h"
#include "session_history.h"
#include "xapian_errors.h"

namespace firstline {

static_assert(std::size(schema::kEscalationReasons) == std::size(kEscalationReasons),
              "schema.h names every escalation reason, in engine.h's order");

const char* escalation_reason_name(EscalationReason reason) noexcept {
  const auto at = static_cast<std::size_t>(reason);
  return at < std::size(schema::kEscalationReasons) ? schema::kEscalationReasons[at] : "out_of_scope";
}

const char* decision_kind_name(Decision::Kind kind) noexcept {
  switch (kind) {
    case Decision::Kind::answer: return "answer";
    case Decision::Kind::clarify: return "clarify";
    case Decision::Kind::escalate: return "escalate";
  }
  return "answer";
}

Engine Engine::open(const std::string& path) { return Engine(Index::open(path)); }

Engine::Engine(Index index) : index_(std::move(index)) {
  auto internal = std::make_shared<Internal>();
  with_xapian_errors_translated("index", [&] { internal->load(index_.internal_); });
  internal_ = std::move(internal);
}

std::vector<Hint> Engine::hints(const Session& session, std::string_view typed, std::size_t limit) const {
  return suggest_hints(*internal_, session, typed, limit);
}

Decision Engine::ask(Session& session, std::string_view query) const {
  const Knowledge& k = *internal_;
  return with_xapian_errors_translated("index", [&] {
    Decision d;
    const std::string_view read = query.substr(0, limits::kQueryBytes);
    const std::string folded = k.index->folder.fold(read);
    const Signals signals = k.signals.detect(folded);
    // What the query says about the problem: a request for a person
    // ("转人工") names no topic, so its words are not ranked.
    const std::string problem = signals.human_request.empty() ? folded : k.signals.without_requests(folded);
    const AnalysedQuery terms = analyse_query(*k.index, k.examples, problem);
    d.locale = detect_locale(k.index->folder, query, session.context.locale);
    d.emotional = !signals.emotion.empty();
    d.urgent = !signals.urgent.empty();

    // Which intents, how surely, and whether it is the same problem again.
    const std::vector<std::string> verbatim = k.examples.intents_asked_verbatim(problem);
    const std::vector<IntentScore> ranking = rank_intents(k, problem, terms, verbatim);
    d.intents.assign(ranking.begin(), ranking.begin() + static_cast<std::ptrdiff_t>(
                                                            std::min(ranking.size(), limits::kDecisionIntents)));
    const bool confident = !ranking.empty() && ranking.front().confidence >= k.thresholds.answer_min_confidence;
    const auto best = ranking.empty() ? nullptr : k.intent(ranking.front().id);
    const int attempts = attempts_of_query(k, session, terms, confident && best ? best->id : "");
    d.problem_level = problem_level(k.thresholds, session, attempts);

    // Articles only when the engine understood the query: an unrelated article
    // beside "转人工" or an out-of-scope question is noise.
    // Nor beside a topic the KB marks not covered: its neighbours' articles are the wrong answer.
    if (confident && best && !best->not_covered)
      d.articles = rank_articles(k, terms, best->id, d.locale, limits::kDecisionArticles);
    std::vector<ClarifyOption> options = clarify_options(k, ranking, verbatim, d.locale);
    if (options.size() < limits::kMinClarifyOptions && is_weak_urgent_guess(k, ranking, d.urgent))
      options = urgent_first_options(k, ranking, d.locale);

    Facts facts;
    facts.asks_for_person = !signals.human_request.empty();
    facts.urgent_words = d.urgent;
    facts.problem_level = d.problem_level;
    facts.emotional = d.emotional;
    facts.nothing_to_search = terms.empty() || signals.small_talk != Signals::SmallTalk::none;
    facts.confident = confident;
    facts.clarify_options = options.size();
    facts.best_is_urgent = best && best->urgent;
    facts.best_is_human_only = best && best->human_only;
    facts.best_is_not_covered = best && best->not_covered;
    const Ruling ruling = rule_on(facts);
    // The engine's own sentences (phrases.cpp) speak the host page's language
    // when it gave one: Latin letters typed on a Chinese page ("<div>", a
    // pasted code) do not make the panel ask in English. Content (articles,
    // options) follows the query's locale.
    const std::string own_locale = session.context.locale.empty() ? d.locale : session.context.locale;
    switch (ruling.outcome) {
      case Ruling::Outcome::escalate:
        d.kind = Decision::Kind::escalate;
        if (ruling.reason == EscalationReason::urgent) d.urgent = true;  // a moment of truth
        d.escalation = k.channels.escalation(ruling.reason, d.locale, d.problem_level);
        break;
      case Ruling::Outcome::offer_topics: {
        // Nothing to go on (empty, only punctuation), or only a greeting or
        // thanks ("你好", "在吗", "谢谢"): the first-screen topics.
        d.kind = Decision::Kind::clarify;
        d.question = phrase(signals.small_talk == Signals::SmallTalk::greeting ? Phrase::greeting
                            : signals.small_talk == Signals::SmallTalk::thanks ? Phrase::thanks
                                                                               : Phrase::topics,
                            own_locale);
        d.intents.clear();
        d.articles.clear();
        HostContext context = session.context;
        context.locale = d.locale;
        for (const auto& topic : first_screen_topics(k, context, k.thresholds.clarify_max_options))
          d.options.push_back({topic.intent, topic.text});
        break;
      }
      case Ruling::Outcome::clarify:
        d.kind = Decision::Kind::clarify;
        d.question = phrase(Phrase::clarify, own_locale);
        d.options = std::move(options);
        break;
      case Ruling::Outcome::answer:
        d.kind = Decision::Kind::answer;
        break;
    }
    record_turn(session, d, std::string(read), "");
    return d;
  });
}

Decision Engine::choose(Session& session, const std::string& intent_id) const {
  const Knowledge& k = *internal_;
  const auto info = k.intent(intent_id);
  if (!info) throw Error(ErrorCode::invalid_argument, "no intent '" + intent_id + "' in this index");
  return with_xapian_errors_translated("index", [&] {
    Decision d;
    const std::string previous = session.turns.empty() ? "" : session.turns.back().query;
    d.locale = detect_locale(k.index->folder, previous, session.context.locale);
    d.intents = {{intent_id, 1.0}};
    d.urgent = info->urgent;
    const AnalysedQuery terms = analyse_query(*k.index, k.examples, k.index->folder.fold(previous));
    if (!info->not_covered) d.articles = rank_articles(k, terms, intent_id, d.locale, limits::kDecisionArticles);
    d.problem_level = problem_level(k.thresholds, session, attempts_of_choice(session, intent_id));

    // The same rules as ask(): a choice is sure of its intent and has nothing
    // left to clarify; its words were read when they were asked.
    Facts facts;
    facts.problem_level = d.problem_level;
    facts.confident = true;
    facts.best_is_urgent = info->urgent;
    facts.best_is_human_only = info->human_only;
    facts.best_is_not_covered = info->not_covered;
    const Ruling ruling = rule_on(facts);
    if (ruling.outcome == Ruling::Outcome::escalate) {
      d.kind = Decision::Kind::escalate;
      d.escalation = k.channels.escalation(ruling.reason, d.locale, d.problem_level);
    }
    record_turn(session, d, previous, intent_id);
    return d;
  });
}

std::vector<std::string> Engine::channel_order(EscalationReason reason) const {
  return internal_->channels.order(reason);
}

void Engine::feedback(Session& session, const std::string& article, bool helped) const {
  session.feedback.push_back({article, helped});
}

void Engine::opened(Session& session, const std::string& article) const { session.opened.push_back(article); }

}  // namespace firstline
