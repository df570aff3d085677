// firstline/console/handoff.h — reading the widget's handoff payload
// (core/schema/handoff.schema.json, version 1) into what an agent grasps at a
// glance. Any text can be pasted: a payload that is not JSON, not a handoff,
// of another version or missing fields gives a clear error, never a crash.
//
//   auto parsed = firstline::console::parse_handoff(pasted_text);
//   if (!parsed.ok()) show(parsed.error);
//   else for (const auto& attempt : parsed.value.attempts) ...
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace firstline::console {

/// The payload version this console reads.
inline constexpr int kHandoffVersion = 1;

struct HandoffCase {
  struct Intent {
    std::string id, label;
    double confidence = 0;  ///< 0..1
    /// Whether the engine would have answered with it (the KB's own threshold);
    /// unset in a payload that does not say.
    std::optional<bool> confident;
  };
  struct Turn {
    std::string query, decision, intent, chosen_intent, escalation_reason;
    std::vector<std::string> articles;  ///< offered for this turn
  };
  /// One article the customer was offered, opened or rated: what they already tried.
  struct Attempt {
    std::string article;
    bool offered = false, opened = false;
    std::optional<bool> helped;  ///< the customer's own verdict, if they gave one
  };

  int version = 0;
  std::string summary, locale;
  int problem_level = 1;  ///< 1..4
  bool urgent = false, emotional = false;
  std::vector<std::string> urgent_signals, emotion_signals, human_request;
  std::vector<Intent> intents;  ///< most likely first
  std::string channel, channel_reason, channel_why;
  std::vector<std::string> channel_order;
  std::string page, order_state;
  int previous_contacts = 0;
  std::vector<Turn> conversation;
  std::vector<std::string> articles_viewed;
  std::vector<Attempt> attempts;  ///< derived: every article offered, opened or rated, in first-seen order
  std::string personal_data;      ///< "masked" or "included"

  /// When the payload came wrapped: what the widget POSTs to handoffUrl
  /// ({channel, kind, handoff, callback?}) or the desk's case ({"case": …} or
  /// the case itself, with reference, status and contact).
  struct Request {
    std::string channel, kind;                  ///< the channel the customer confirmed
    std::string callback_phone, callback_time;  ///< a callback's number and preferred time
    std::string reference, status;              ///< the desk's case, "" for the widget's POST
  };
  std::optional<Request> request;
};

struct HandoffParse {
  HandoffCase value;
  std::string error;                  ///< empty when the payload was read
  std::vector<std::string> warnings;  ///< non-essential fields that were missing or odd (defaults used)
  bool ok() const { return error.empty(); }
};

/// Reads a pasted or dropped payload: the handoff itself, the widget's POST
/// wrapping it, or the desk's case holding it. Essential fields (schema, version,
/// summary, problem_level, intents, recommended_channel, conversation)
/// missing or of the wrong kind make it an error naming them; the rest
/// default with a warning.
HandoffParse parse_handoff(std::string_view text);

/// Whether pasted or dropped text is meant as a handoff payload rather than a
/// widget event log: it names a schema, or it is one lone object without an
/// event "type" (read as a payload so its error is shown).
bool looks_like_handoff(std::string_view text);

/// The intents to fetch best practices for, at most `limit`: the payload's
/// confident ones (>= 0.15) first, then what the customer's turns were
/// about (a chosen clarification first, then the most frequent); the
/// payload's weak guesses only when there is nothing else. A last "转人工" turn guesses poorly; the
/// turns before it say what the case is about.
std::vector<std::string> case_intents(const HandoffCase& handoff, std::size_t limit = 3);

/// What problem level N means, one line for an agent.
const char* problem_level_meaning(int level) noexcept;

/// Why a channel was recommended, as a short phrase ("customer asked for a person").
const char* escalation_reason_text(std::string_view reason) noexcept;

}  // namespace firstline::console
