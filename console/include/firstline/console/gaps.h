// firstline/console/gaps.h — what editors should write next: the questions
// customers asked that found nothing, were answered unhelpfully or ended with
// a person, read from the widget's event log (JSON Lines) and grouped.
//
// Event lines: {type, at, locale, session?, query?, decision?: {kind,
// intents: [{id, confidence}], reason?}, article?, helped?, channel?}; types
// ready, error, hints, ask, choose, opened, feedback, escalate, handoff.
// Unreadable lines are counted and named, never fatal.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace firstline::console {

/// How an asked question failed the customer (worst last).
enum class GapOutcome { not_helpful, no_answer, escalated };
const char* gap_outcome_name(GapOutcome outcome) noexcept;

struct GapQuestion {
  std::string query, locale, at, session;
  GapOutcome outcome = GapOutcome::no_answer;
  std::string reason;  ///< the escalation reason, if any (e.g. out_of_scope)
  std::string intent;  ///< the best intent the widget guessed, if any
};

struct GapGroup {
  std::string label;               ///< the group's most asked wording
  std::vector<std::string> terms;  ///< the terms its questions share most
  std::string intent;              ///< the most common best guess, if any
  std::size_t count = 0;           ///< questions in the group
  std::map<GapOutcome, std::size_t> outcomes;
  std::vector<GapQuestion> questions;  ///< all of them, in log order
  std::map<std::string, std::size_t> by_day;  ///< questions per day ("2026-11-24", the events' UTC date): the trend
  /// Set by recheck_gaps(): the title of the public article the current index answers the
  /// group's wording with, "" while it still finds nothing.
  std::string answered_now;
};

/// How customers used one article: shown ("opened") and "Did this help?" answers.
struct ArticleUse {
  std::size_t views = 0, helped = 0, not_helped = 0;
  /// helped / (helped + not_helped); -1 with no answer yet.
  double helpful_ratio() const { return helped + not_helped ? double(helped) / double(helped + not_helped) : -1; }
};

struct GapReport {
  std::vector<GapGroup> groups;  ///< most questions first
  std::map<std::string, ArticleUse> articles;  ///< by article id, from opened and feedback events
  std::size_t lines = 0, events = 0, asks = 0, gaps = 0;
  std::vector<std::string> problems;  ///< "line 7: not JSON", at most 20, then a count
};

/// Folds text for comparison (e.g. the index's TextFolder::fold); lower-casing if none.
using TextFold = std::function<std::string(std::string_view)>;

/// Reads a JSON Lines event log and groups its gaps.
GapReport find_gaps(std::string_view jsonl, const TextFold& fold = nullptr);

/// The title of the public article the current index answers `query` with
/// (in `locale`), "" when it does not answer it (Catalogue::answered_now).
using AnswerNow = std::function<std::string(const std::string& query, const std::string& locale)>;

/// Asks the current index each group's wording again, so a gap the editors
/// have since answered says by which article (GapGroup::answered_now).
void recheck_gaps(GapReport& report, const AnswerNow& answer_now);

/// The comparison terms of a question: English words (stop words dropped,
/// plural s cut) and Chinese character pairs; exposed for tests.
std::vector<std::string> gap_terms(std::string_view folded);

}  // namespace firstline::console
