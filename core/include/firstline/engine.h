// firstline/engine.h — hints, answers, clarifying questions and escalation.
//
// The Engine is the brain shared by the widget (in WebAssembly) and the agent
// console. Each customer conversation is a Session the caller keeps; every
// call takes it, so the engine itself holds no per-customer state.
//
//   auto engine = firstline::Engine::open("public.db");       // throws firstline::Error
//   firstline::Session session;
//   session.context = {"order", "shipped", "zh-Hans"};
//   auto decision = engine.ask(session, "快递");              // Decision::Kind::clarify
//   decision = engine.choose(session, "parcel.where");        // Decision::Kind::answer
//   engine.feedback(session, decision.articles[0].id, false); // "this did not help"
//   std::string payload = engine.handoff(session);            // JSON for a human agent
//
// Not thread-safe: one Engine per thread (copies share the open index).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "firstline/index.h"
#include "firstline/personal_data.h"  // mask_personal_data, which handoff() applies

namespace firstline {

/// What the host page knows about where the customer is.
struct HostContext {
  std::string page;         ///< e.g. "home", "order", "product"; empty = unknown
  std::string order_state;  ///< e.g. "unpaid", "shipped", "delivered"; empty = none
  std::string locale;       ///< "zh-Hans", "zh-Hant" or "en"; empty = from the query
  /// Contacts about this problem before this session (raises the problem
  /// level); the handoff reports it within 0..limits::kMaxPreviousContacts.
  int previous_contacts = 0;
};

/// One suggestion while the customer types.
struct Hint {
  enum class Kind { completion, correction, topic };
  Kind kind = Kind::completion;
  std::string text;    ///< what to show and, if chosen, to ask
  std::string intent;  ///< the intent it belongs to, if known
};

/// An intent with the engine's confidence in it (0..1), and what that is made of.
struct IntentScore {
  std::string id;
  /// What decisions use, compared with the KB's answer_min_confidence: the
  /// probability relative to the best intent's, scaled by the best's own; in a
  /// KB without a classifier, the relative score times how closely the
  /// intent's nearest question matches the query both ways.
  double confidence = 0;
  double probability = 0;  ///< the classifier and the nearest examples combined (a product of experts)
  double coverage = 0;     ///< idf-weighted share of the query found in the intent's best example
  /// How near its example questions come: the BM25 score of its nearest
  /// ones (the decayed sum of its best three; 0: none near). Its scale is the
  /// KB's own (it grows with the KB's idf and, for Chinese, its n-grams).
  double support = 0;
};

/// One choice of a clarifying question.
struct ClarifyOption {
  std::string intent;
  std::string label;  ///< the intent's option label in the customer's locale
};

/// Why the engine hands the customer to a person.
enum class EscalationReason {
  explicit_request,  ///< the customer asked for a person ("转人工", "talk to an agent")
  urgent,            ///< urgent language or an intent marked urgent (a moment of truth)
  human_only,        ///< an intent only a person may handle (e.g. negotiating compensation)
  emotional,         ///< strong negative emotion
  repeated,          ///< the same problem asked again and again, or marked not helpful: level 3-4
  out_of_scope,      ///< no confident answer in the knowledge base
};

/// Every reason, in the order above.
inline constexpr EscalationReason kEscalationReasons[] = {
    EscalationReason::explicit_request, EscalationReason::urgent,   EscalationReason::human_only,
    EscalationReason::emotional,        EscalationReason::repeated, EscalationReason::out_of_scope};

/// The stable name of a reason, e.g. "out_of_scope" (the key of escalation.yaml's routes).
const char* escalation_reason_name(EscalationReason reason) noexcept;

struct Escalation {
  EscalationReason reason = EscalationReason::out_of_scope;
  std::string channel;         ///< recommended channel id from escalation.yaml
  std::vector<std::string> channels;  ///< all channels in recommended order (the widget checks open hours)
  int problem_level = 1;       ///< 1..4
  /// One sentence for the agent, never shown to the customer: why a person
  /// and this channel (phrases.cpp's reason, then the channel's `agent` text
  /// from escalation.yaml). The widget says why in its own words (web/widget/strings.js).
  std::string explanation;
};

/// The engine's one decision for a query.
struct Decision {
  enum class Kind { answer, clarify, escalate };
  Kind kind = Kind::answer;
  std::vector<IntentScore> intents;     ///< best intent candidates, most likely first
  std::vector<ArticleHit> articles;     ///< ranked answers (also offered beside a clarification or escalation)
  std::string question;                 ///< clarify: the question to ask
  std::vector<ClarifyOption> options;   ///< clarify: 2-5 options
  Escalation escalation;                ///< escalate: reason, channel, level
  std::string locale;                   ///< the locale the engine answered in
  bool urgent = false;                  ///< urgency detected (language or intent)
  bool emotional = false;               ///< strong negative emotion detected
  int problem_level = 1;                ///< 1..4 for this session so far
};

const char* decision_kind_name(Decision::Kind kind) noexcept;

/// One customer conversation; the caller keeps it between calls.
struct Session {
  struct Turn {
    std::string query;          ///< as typed (masked only when handed off)
    std::string chosen_intent;  ///< set when the customer answered a clarification
    Decision::Kind kind = Decision::Kind::answer;
    std::vector<IntentScore> intents;
    std::vector<std::string> articles;  ///< ids offered
    std::string escalation_reason;      ///< for an escalation: escalation_reason_name()
    std::string channel;                ///< for an escalation: the recommended channel
    int problem_level = 1;
    bool urgent = false;                ///< the decision's Decision::urgent (the handoff's urgency is theirs)
  };
  struct Feedback {
    std::string article;
    bool helped = false;
  };
  HostContext context;
  std::vector<Turn> turns;
  std::vector<std::string> opened;  ///< articles the customer opened, in order
  std::vector<Feedback> feedback;
};

struct HandoffOptions {
  bool include_personal_data = false;  ///< false: queries masked by mask_personal_data (phones, emails, IDs, cards, addresses)
};

class Engine {
 public:
  /// Opens the index at `path`. Throws Error (see Index::open).
  static Engine open(const std::string& path);
  explicit Engine(Index index);

  const Index& index() const { return index_; }

  /// Suggestions for what has been typed so far. Empty `typed`: the first-screen
  /// topics for the session's context. Never throws on any input.
  std::vector<Hint> hints(const Session& session, std::string_view typed, std::size_t limit = 6) const;

  /// The decision for a new query; records the turn in `session`. Rules, in
  /// order (thresholds and word lists from the index's escalation settings;
  /// kb-content/README.md documents each): a request for a person, urgent
  /// language, problem level 4, strong emotion escalate; a message that is only
  /// a greeting or thanks gets the first-screen topics; no confident intent
  /// (out of scope) escalates; close or vague intents clarify, and so does an
  /// urgent intent the engine is not sure of in calm words (it is the first
  /// option); an urgent or human-only intent escalates; anything else is
  /// answered. Intents are ranked on the query without its request for a
  /// person (SignalDetector::without_requests): "转人工" alone names no topic.
  /// Never throws on any input;
  /// throws Error index_corrupt if the index fails while being read.
  Decision ask(Session& session, std::string_view query) const;

  /// The customer picked `intent` from a clarification: answers it and records the choice.
  /// Throws Error invalid_argument for an intent the index does not know.
  Decision choose(Session& session, const std::string& intent) const;

  /// Records "this helped" / "this did not help" for an article.
  void feedback(Session& session, const std::string& article, bool helped) const;

  /// Records that the customer opened an article.
  void opened(Session& session, const std::string& article) const;

  /// Every contact channel's id, in the order to offer them for `reason`:
  /// the route's (escalation.yaml), then the rest. Which one is open now is
  /// the host's to check (it knows the clock); Escalation::channels is this list.
  std::vector<std::string> channel_order(EscalationReason reason) const;

  /// The versioned handoff payload for a human agent (JSON; schema in
  /// core/schema/handoff.schema.json).
  std::string handoff(const Session& session, const HandoffOptions& options = {}) const;

  struct Internal;

 private:
  Index index_;
  std::shared_ptr<const Internal> internal_;
};

}  // namespace firstline
