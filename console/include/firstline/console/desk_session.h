// firstline/console/desk_session.h — the console's side of the handoff desk
// (desk/README.md, "Agent side"): signing in, the live queue (a long poll of
// GET /api/agent/queue), the case being read, claiming, replying and closing.
// Plain C++ and single-threaded: requests go out through a DeskTransport and
// their answers are handled in poll(), which the view calls every frame, so
// the state only changes on the view's thread.
//
//   DeskSession desk(make_transport(), "http://127.0.0.1:8090", clock);
//   desk.sign_in("ana", "a long password");
//   each frame: desk.poll(); draw(desk.queue(), desk.open_case());
//
// The transport is the one part that differs: cpp-httplib on background
// threads natively (desk_http.h), the page's fetch in the browser
// (console/app/platform_browser.cpp, web/console/console.js).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace firstline::console {

/// One HTTP request to the desk. `path` starts at the desk's root
/// ("/api/agent/queue?after=3&wait=25"); `body` is JSON for a POST.
struct DeskRequest {
  std::string method, path, body;
  std::string bearer;  ///< the session token (native: Authorization: Bearer); the browser sends its cookie instead
};

/// The desk's answer: `status` 0 when there was none (`error` says why:
/// refused, timed out, no such host).
struct DeskAnswer {
  int status = 0;
  std::string body, error;
};

/// Sends requests and hands their answers back, in any order, to the thread
/// that calls take_answers().
class DeskTransport {
 public:
  virtual ~DeskTransport() = default;
  /// Starts `request`; its answer comes back from take_answers() under `id`.
  virtual void send(std::uint64_t id, const DeskRequest& request) = 0;
  /// The answers that arrived since the last call.
  virtual std::vector<std::pair<std::uint64_t, DeskAnswer>> take_answers() = 0;
};

/// The case outcomes the desk takes (desk/README.md, close).
const std::vector<std::string>& case_outcomes();

struct QueueEntry {
  std::string reference, status, channel, kind, locale, summary, created_at;
  std::string claimed_by;  ///< the agent's name, "" while waiting
  int problem_level = 1;
  bool urgent = false, emotional = false;
  double waiting_seconds = 0;  ///< when the desk answered
  double received_at = 0;      ///< the session clock then
};

struct DeskMessage {
  std::int64_t id = 0;
  std::string from, text, at;  ///< from: "agent" or "customer"
};

/// A case as the agent side returns it (GET /api/agent/cases/<reference>).
struct DeskCase {
  QueueEntry entry;
  std::string handoff_json;  ///< the masked handoff payload as JSON text ("null" when the widget had none)
  std::string contact_phone, contact_time;  ///< a callback's number and preferred time
  std::string promise_text;                 ///< what the customer was promised
  std::string outcome;                      ///< once closed
  std::vector<DeskMessage> messages;
  std::string case_json;  ///< the whole case as the desk sent it (parse_handoff reads it)
};

/// A customer wording the desk suggests as an example question
/// (GET /api/agent/suggestions; desk/README.md, "Suggested examples").
struct SuggestionEntry {
  std::int64_t id = 0;
  std::string intent, locale, wording, status;
  int customers = 0, clarified = 0, rephrased = 0;
  std::string last_seen;
  /// What the wording got from the core in the latest sessions ("clarify: parcel.where, parcel.delay"), newest first.
  std::vector<std::string> got;
};

/// The suggestions of an answer of GET /api/agent/suggestions; {} for one not understood.
std::vector<SuggestionEntry> parse_suggestions(const std::string& body);
/// One line on why a suggestion is there: "3 customers · 2 clarified, 1 rephrased · got: clarify (parcel.where, …)".
std::string suggestion_evidence(const SuggestionEntry& entry);

class DeskSession {
 public:
  enum class State { signed_out, signing_in, signed_in };

  /// `desk_url`: "http://host:port" (no trailing path), or "" for the page's
  /// own origin (the browser). `clock`: seconds, for waiting times and retries.
  DeskSession(std::unique_ptr<DeskTransport> transport, std::string desk_url, std::function<double()> clock);
  ~DeskSession();
  DeskSession(const DeskSession&) = delete;
  DeskSession& operator=(const DeskSession&) = delete;

  const std::string& desk_url() const { return desk_url_; }

  void sign_in(const std::string& name, const std::string& password);
  void sign_out();
  /// Reads a case (and keeps it fresh while the queue changes).
  void open_case(const std::string& reference);
  // These act on the case last opened (open_case), even before its answer came.
  void claim();
  void reply(const std::string& text);     ///< once claimed
  void close(const std::string& outcome);  ///< once claimed, with one of case_outcomes()

  /// Reads the widget's events the desk received in [from, to) (UTC dates or
  /// times, "" for no bound; GET /api/agent/events), for the Editor tab's
  /// gaps; `label` names the period ("the last 7 days"). The answer lands in events().
  void fetch_events(const std::string& from, const std::string& to, const std::string& label);

  /// Reads the pending suggestions (GET /api/agent/suggestions); they land in suggestions().
  void fetch_suggestions();
  /// Accepts (or rejects) a pending suggestion; on the desk's answer it leaves the list.
  void decide_suggestion(std::int64_t id, bool accept);

  /// Handles the answers that arrived and keeps the queue's long poll going.
  /// Call once a frame (or in a loop in tests).
  void poll();

  State state() const { return state_; }
  const std::string& agent() const { return agent_; }
  /// The last problem, for the agent ("The desk at … cannot be reached: …"); "" when none.
  const std::string& error() const { return error_; }
  /// The last thing done ("Claimed FL-7K3M9Q"), "" before any.
  const std::string& notice() const { return notice_; }
  /// Open cases, as the desk orders them (level 4 and urgent first, then the longest waiting).
  const std::vector<QueueEntry>& queue() const { return queue_; }
  std::int64_t queue_version() const { return version_; }
  /// Seconds `entry` has waited by now (the desk's figure plus the time since it answered).
  double waiting_seconds(const QueueEntry& entry) const;
  const std::optional<DeskCase>& open_case() const { return case_; }
  /// Whether the open case is this agent's to answer and close.
  bool case_is_mine() const;
  /// Requests in flight other than the queue's long poll (the view greys its buttons).
  bool busy() const;
  /// Changes whenever the queue or the open case changes (new text to show).
  int generation() const { return generation_; }
  /// The last events read (fetch_events): JSON Lines, the period's label, and a
  /// count that changes with each answer (0 before any).
  struct Events {
    std::string jsonl, label;
    int generation = 0;
    bool loading = false;
  };
  const Events& events() const { return events_; }
  /// The pending suggestions last read, and a count that changes with each answer (0 before any).
  struct Suggestions {
    std::vector<SuggestionEntry> pending;
    int generation = 0;
    bool loading = false;
  };
  const Suggestions& suggestions() const { return suggestions_; }
  /// The most events one read asks for (a longer period is cut to its oldest).
  static constexpr int kMaxEvents = 20000;

  /// When the queue showed each case first (session clock), for measuring.
  const std::map<std::string, double>& first_seen() const { return first_seen_; }

  /// The state as JSON, for a browser test to wait on: {"state", "agent",
  /// "error", "queue": [references], "case": {"reference", "status",
  /// "claimed_by", "messages": n} or null, "first_seen": {reference: clock seconds}}.
  std::string state_json() const;

  /// How long the queue's long poll waits at the desk (seconds), and after a
  /// failed one how long before the next. Tests shorten them.
  int long_poll_seconds = 25;
  double retry_seconds = 3;

 private:
  enum class Purpose { sign_in, sign_out, queue, read_case, claim, reply, close, events, suggestions, decide };
  struct Pending {
    Purpose purpose;
    std::string reference;
  };
  void send(Purpose purpose, const std::string& method, const std::string& path, const std::string& body = "",
            const std::string& reference = "");
  void handle(const Pending& pending, const DeskAnswer& answer);
  void take_queue(const std::string& body);
  void take_case(const std::string& body);
  void signed_out(const std::string& why);
  std::string failure(const DeskAnswer& answer, const std::string& doing) const;

  std::unique_ptr<DeskTransport> transport_;
  std::string desk_url_;
  std::function<double()> clock_;
  State state_ = State::signed_out;
  std::string agent_, token_, error_, notice_;
  std::vector<QueueEntry> queue_;
  std::int64_t version_ = -1;
  bool queue_in_flight_ = false;
  double next_queue_at_ = 0;
  std::optional<DeskCase> case_;
  std::string wanted_case_;  ///< the reference being read
  std::map<std::uint64_t, Pending> pending_;
  std::uint64_t next_id_ = 1;
  int generation_ = 0;
  std::map<std::string, double> first_seen_;
  Events events_;
  Suggestions suggestions_;
};

}  // namespace firstline::console
