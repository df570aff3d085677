// firstline/desk/store.h — where the desk keeps its cases, messages, widget
// events, agents and agent sessions.
//
//   auto store = firstline::desk::open_store("desk.sqlite");                  // embedded (default)
//   auto store = firstline::desk::open_store("postgresql://desk@db/desk");   // several desk instances
//   auto created = store->create_case(new_case);                              // durable when it returns
//
// One schema for both databases (desk/src/schema.cpp), brought up to date by
// versioned migrations when a store is opened. Every write is committed (and,
// on SQLite, synced to disk) before the call returns, so the service only
// acknowledges what would survive a crash. Every method is thread-safe.
// Failures are StoreError, with a code.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace firstline::desk {

/// Milliseconds since the Unix epoch (UTC).
using Millis = std::int64_t;

class StoreError : public std::runtime_error {
 public:
  enum class Code {
    unavailable,     ///< the database cannot be opened or reached (message says which and why)
    conflict,        ///< a unique value exists already (a case reference, an agent name)
    wrong_version,   ///< the database's schema is newer than this desk knows
    failed,          ///< a statement failed; a bug or a damaged database
  };
  StoreError(Code code, const std::string& message) : std::runtime_error(message), code_(code) {}
  Code code() const noexcept { return code_; }

 private:
  Code code_;
};

/// A case as the public side creates it (the handoff already validated and masked).
struct NewCase {
  std::string reference;   ///< short, human-readable, unique ("FL-7K3M9Q")
  std::string token_hash;  ///< hash of the customer's token (the token itself is never stored)
  std::string channel;     ///< the channel id the customer picked ("chat")
  std::string kind;        ///< chat, callback, email or phone
  std::string locale;      ///< the customer's locale (zh-Hans, zh-Hant, en)
  int problem_level = 1;   ///< 1..4
  bool urgent = false, emotional = false;
  std::string summary;       ///< the handoff's one line for the agent ("" without a handoff)
  std::string handoff_json;  ///< the masked handoff payload, or "null"
  std::string contact_json;  ///< how to reach the customer: {"phone","time"} for a callback, else {}
  std::string promise_json;  ///< what the customer was promised
  Millis created_at = 0;
};

struct CaseRecord : NewCase {
  std::int64_t id = 0;
  std::string status;  ///< waiting, claimed or closed
  std::optional<std::int64_t> claimed_by;
  std::string claimed_by_name;  ///< the agent's name when claimed
  std::optional<Millis> claimed_at, closed_at;
  std::string outcome;  ///< set when closed
  Millis updated_at = 0;
};

struct Message {
  std::int64_t id = 0;  ///< increasing in the order messages were stored
  std::int64_t case_id = 0;
  std::string author;   ///< customer or agent
  std::optional<std::int64_t> agent_id;
  std::string body;
  Millis created_at = 0;
};

/// One widget event as received (masked).
struct EventRecord {
  Millis received_at = 0;
  std::string client;          ///< a hash of the client's address, not the address
  std::string type;            ///< the event's type (ask, hints, handoff, ...)
  std::string widget_session;  ///< the widget's own random session id, if any
  std::string body_json;       ///< the whole event
  std::int64_t id = 0;         ///< the store's (0 before it is stored)
};

struct Agent {
  std::int64_t id = 0;
  std::string name;
  std::string password_hash;  ///< libsodium crypto_pwhash_str (argon2id)
  Millis created_at = 0;
};

struct AgentSession {
  std::string token_hash;
  std::int64_t agent_id = 0;
  std::string agent_name;  ///< filled in when read
  Millis created_at = 0, expires_at = 0, last_seen_at = 0;
};

/// A customer's wording the desk derived from a session's events
/// (desk/src/suggestions.cpp): to be stored as evidence for a suggestion.
struct ProposedWording {
  std::string intent;       ///< the intent it is an example of (the one that finally helped)
  std::string locale;       ///< the widget's locale in that session
  std::string wording;      ///< the customer's words, masked again
  std::string wording_key;  ///< what makes two wordings the same (case, spaces, end punctuation aside)
  std::string kind;         ///< "clarified" (asked, clarified, the option chosen helped) or "rephrased"
  std::string session;      ///< the widget session it came from (one customer)
  std::string got_json;     ///< what the wording got from the core then (the event's decision summary)
  Millis seen_at = 0;       ///< when the helpful feedback was received
};

/// One piece of evidence behind a suggestion: a customer's session.
struct SuggestionEvidence {
  std::string kind;      ///< clarified or rephrased
  std::string got_json;  ///< the decision the wording got then
  Millis seen_at = 0;
};

/// A suggested example question: a wording customers used for an intent the
/// KB did not give it, deduplicated per (intent, wording_key).
struct Suggestion {
  std::int64_t id = 0;
  std::string intent, locale, wording;
  std::string status;  ///< pending, accepted, rejected or written
  int customers = 0;   ///< distinct widget sessions that gave it
  int clarified = 0, rephrased = 0;
  Millis first_seen = 0, last_seen = 0;
  std::string decided_by;  ///< the agent who accepted or rejected it ("" while pending)
  std::optional<Millis> decided_at;
  std::string written_by;  ///< the agent whose session marked it written into kb-content
  std::optional<Millis> written_at;
  std::vector<SuggestionEvidence> latest;  ///< up to 5, newest first
};

enum class SuggestionChange {
  done,          ///< the status is now the one asked for
  not_found,
  written,       ///< already written into kb-content: it can no longer change
  not_accepted,  ///< marking written a suggestion nobody accepted
};

enum class ClaimResult {
  claimed,           ///< the case is now this agent's
  already_yours,     ///< it was this agent's already (claiming twice is harmless)
  claimed_by_other,  ///< another agent has it: refused
  closed,            ///< the case is closed: refused
  not_found,
};

class Store {
 public:
  virtual ~Store() = default;

  /// "sqlite" or "postgresql".
  virtual std::string kind() const = 0;
  /// The schema version the database is at (kSchemaVersion after opening).
  virtual int schema_version() = 0;

  // --- cases ---------------------------------------------------------------
  /// Stores a new waiting case. StoreError conflict if its reference or token hash exists.
  virtual CaseRecord create_case(const NewCase& c) = 0;
  virtual std::optional<CaseRecord> case_by_token_hash(const std::string& token_hash) = 0;
  virtual std::optional<CaseRecord> case_by_reference(const std::string& reference) = 0;
  /// Every case not closed, in queue order: problem level 4 or urgent first,
  /// then the longest waiting.
  virtual std::vector<CaseRecord> open_cases() = 0;
  virtual std::int64_t count_cases() = 0;
  /// Claims a case for an agent, atomically: two agents claiming at once get
  /// one claimed and one claimed_by_other.
  virtual ClaimResult claim_case(std::int64_t case_id, std::int64_t agent_id, Millis now) = 0;
  /// Closes a case its agent holds, with an outcome. claimed_by_other,
  /// closed or not_found when refused; claimed when closed now.
  virtual ClaimResult close_case(std::int64_t case_id, std::int64_t agent_id, const std::string& outcome,
                                 Millis now) = 0;
  /// Increases with every change to any case (a new case, a claim, a close, a
  /// message): a queue that has seen version N waits for a greater one.
  virtual std::int64_t queue_version() = 0;

  // --- messages ------------------------------------------------------------
  /// Adds a message to a case (and counts as a change of the queue).
  virtual Message add_message(std::int64_t case_id, const std::string& author,
                              std::optional<std::int64_t> agent_id, const std::string& body, Millis now) = 0;
  /// The case's messages with an id above `after_id`, oldest first.
  virtual std::vector<Message> messages(std::int64_t case_id, std::int64_t after_id = 0) = 0;

  // --- widget events -------------------------------------------------------
  /// Stores a batch of events in one transaction (all or none).
  virtual void add_events(const std::vector<EventRecord>& events) = 0;
  virtual std::int64_t count_events() = 0;
  /// The last `limit` events stored, newest first (the editors' view of what customers asked).
  virtual std::vector<EventRecord> recent_events(std::int64_t limit) = 0;
  /// The events received in [from, to), oldest first, those with an id above `after_id`, at most `limit`
  /// (a page: the next starts after the last id returned).
  virtual std::vector<EventRecord> events_between(Millis from, Millis to, std::int64_t after_id, std::int64_t limit) = 0;

  /// The last `limit` events of one widget session, oldest first.
  virtual std::vector<EventRecord> session_events(const std::string& session, std::int64_t limit) = 0;

  // --- suggested example questions (desk/src/suggestions.cpp derives them) ----
  /// The id of the last event the suggestions were derived through (0 at first).
  virtual std::int64_t suggestions_through() = 0;
  /// Stores derived wordings as suggestions and their evidence, and moves the
  /// cursor to `through` (never back), in one transaction. A wording already
  /// suggested for the intent gains the session as evidence; a session
  /// counts once per suggestion, so deriving twice changes nothing.
  virtual void add_proposals(const std::vector<ProposedWording>& proposals, std::int64_t through, Millis now) = 0;
  /// Suggestions with `status` ("" for all), most customers first, then the latest seen.
  virtual std::vector<Suggestion> suggestions(const std::string& status) = 0;
  virtual std::optional<Suggestion> suggestion(std::int64_t id) = 0;
  /// Accepts or rejects (`status`) a suggestion not yet written, by `agent_id`.
  virtual SuggestionChange decide_suggestion(std::int64_t id, const std::string& status, std::int64_t agent_id, Millis now) = 0;
  /// Marks an accepted suggestion as written into kb-content (its intents.yaml).
  virtual SuggestionChange mark_suggestion_written(std::int64_t id, std::int64_t agent_id, Millis now) = 0;

  // --- agents and their sessions -------------------------------------------
  /// StoreError conflict if the name exists.
  virtual Agent add_agent(const std::string& name, const std::string& password_hash, Millis now) = 0;
  /// Replaces an existing agent's password hash; false if there is no such agent.
  virtual bool set_agent_password(const std::string& name, const std::string& password_hash) = 0;
  virtual std::optional<Agent> agent_by_name(const std::string& name) = 0;
  virtual void add_session(const AgentSession& session) = 0;
  /// The session, only if it has not expired at `now`.
  virtual std::optional<AgentSession> session_by_token_hash(const std::string& token_hash, Millis now) = 0;
  virtual void touch_session(const std::string& token_hash, Millis now) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  /// How many distinct agents have a session that has not expired at `now`
  /// and was used at or after `seen_since`: who is there to answer a chat.
  virtual int agents_present(Millis seen_since, Millis now) = 0;
};

/// The schema version this desk writes and reads.
inline constexpr int kSchemaVersion = 3;

/// Whether `location` names a PostgreSQL database ("postgresql://..." or
/// "postgres://...", or libpq "key=value" settings starting with "host=" or
/// "dbname="); anything else is a SQLite file path.
bool is_postgresql_location(const std::string& location);

/// Opens (creating a SQLite file if need be) and migrates the store at
/// `location`. Throws StoreError unavailable (with the database's own words)
/// or wrong_version.
std::unique_ptr<Store> open_store(const std::string& location);

}  // namespace firstline::desk
