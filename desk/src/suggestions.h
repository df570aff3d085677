// Customers' words back into the KB: which wordings of the widget's events
// the desk proposes as example questions, and for which intent.
//
// The rule, for one widget session (its events in the order received):
//   - a question (ask) that was clarified, and the option the customer chose
//     then got an article marked helpful: the question's wording is proposed
//     for the chosen intent ("clarified");
//   - questions asked again and again until an answer was marked helpful:
//     each earlier wording is proposed for the intent of the helpful answer
//     ("rephrased").
// A wording already answered with that intent teaches nothing and is left
// out; so is a wording holding personal data (masked again here: it then
// holds a tag such as [phone], and is dropped whole), an empty one, and one
// over kMaxWordingChars. A helpful answer closes the chain: the questions
// after it start a new one. "not helpful" changes nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "firstline/desk/store.h"

namespace firstline::desk::detail {

/// The longest wording proposed, in characters.
inline constexpr std::size_t kMaxWordingChars = 200;
/// How many events before the cursor each catch-up reads again (see catch_up_suggestions).
inline constexpr std::int64_t kRereadEvents = 200;
/// The most events of one session read to derive its wordings.
inline constexpr std::int64_t kMaxSessionEvents = 500;

/// The wordings one session's events propose (see above). `events` oldest first.
std::vector<ProposedWording> derive_wordings(const std::vector<EventRecord>& events);

/// Reads the events received since the store's cursor, derives the wordings
/// of every session that marked an answer helpful among them (from that
/// session's whole history) and stores them, moving the cursor on. Safe to
/// run from several threads or desk instances at once: storing is idempotent.
void catch_up_suggestions(Store& store, Millis now);

}  // namespace firstline::desk::detail
