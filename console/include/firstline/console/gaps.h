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
};

struct GapReport {
  std::vector<GapGroup> groups;  ///< most questions first
  std::size_t lines = 0, events = 0, asks = 0, gaps = 0;
  std::vector<std::string> problems;  ///< "line 7: not JSON", at most 20, then a count
};

/// Folds text for comparison (e.g. the index's TextFolder::fold); lower-casing if none.
using TextFold = std::function<std::string(std::string_view)>;

/// Reads a JSON Lines event log and groups its gaps.
GapReport find_gaps(std::string_view jsonl, const TextFold& fold = nullptr);

/// The comparison terms of a question: English words (stop words dropped,
/// plural s cut) and Chinese character pairs; exposed for tests.
std::vector<std::string> gap_terms(std::string_view folded);

}  // namespace firstline::console
