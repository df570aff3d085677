// The Store over either database: every statement written once
// (connection.h runs it on SQLite or PostgreSQL), one connection per store
// behind a mutex. Several desk processes share a PostgreSQL database; the
// queue counter (desk_state) and single-statement claims keep them consistent.
#include <chrono>
#include <mutex>
#include <string>

#include "connection.h"
#include "firstline/desk/store.h"
#include "schema.h"

namespace firstline::desk {

namespace {

using detail::Connection;
using detail::Result;
using detail::Row;
using detail::Value;

std::int64_t to_int(const std::optional<std::string>& v) { return v ? std::stoll(*v) : 0; }
std::optional<std::int64_t> to_opt_int(const std::optional<std::string>& v) {
  return v ? std::optional<std::int64_t>(std::stoll(*v)) : std::nullopt;
}
std::string to_str(const std::optional<std::string>& v) { return v.value_or(""); }
std::int64_t now_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const char* const kCaseColumns =
    "c.id, c.reference, c.token_hash, c.channel, c.kind, c.locale, c.status, c.problem_level, c.urgent, c.emotional, "
    "c.summary, c.handoff, c.contact, c.promise, c.created_at, c.updated_at, c.claimed_by, c.claimed_at, c.closed_at, "
    "c.outcome, a.name";
const char* const kCaseFrom = " FROM cases c LEFT JOIN agents a ON a.id = c.claimed_by";

CaseRecord case_from(const Row& r) {
  CaseRecord c;
  c.id = to_int(r[0]);
  c.reference = to_str(r[1]);
  c.token_hash = to_str(r[2]);
  c.channel = to_str(r[3]);
  c.kind = to_str(r[4]);
  c.locale = to_str(r[5]);
  c.status = to_str(r[6]);
  c.problem_level = static_cast<int>(to_int(r[7]));
  c.urgent = to_int(r[8]) != 0;
  c.emotional = to_int(r[9]) != 0;
  c.summary = to_str(r[10]);
  c.handoff_json = to_str(r[11]);
  c.contact_json = to_str(r[12]);
  c.promise_json = to_str(r[13]);
  c.created_at = to_int(r[14]);
  c.updated_at = to_int(r[15]);
  c.claimed_by = to_opt_int(r[16]);
  c.claimed_at = to_opt_int(r[17]);
  c.closed_at = to_opt_int(r[18]);
  c.outcome = to_str(r[19]);
  c.claimed_by_name = to_str(r[20]);
  return c;
}

Message message_from(const Row& r) {
  Message m;
  m.id = to_int(r[0]);
  m.case_id = to_int(r[1]);
  m.author = to_str(r[2]);
  m.agent_id = to_opt_int(r[3]);
  m.body = to_str(r[4]);
  m.created_at = to_int(r[5]);
  return m;
}

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<Connection> db) : db_(std::move(db)) { migrate(); }

  std::string kind() const override { return db_->kind(); }

  int schema_version() override {
    std::lock_guard lock(mutex_);
    return current_version();
  }

  CaseRecord create_case(const NewCase& c) override {
    std::lock_guard lock(mutex_);
    return in_transaction([&] {
      const auto version = bump();
      (void)version;
      const Result r = db_->exec(
          "INSERT INTO cases (reference, token_hash, channel, kind, locale, status, problem_level, urgent, emotional, "
          "summary, handoff, contact, promise, created_at, updated_at) "
          "VALUES ($1, $2, $3, $4, $5, 'waiting', $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
          {c.reference, c.token_hash, c.channel, c.kind, c.locale, std::int64_t{c.problem_level},
           std::int64_t{c.urgent ? 1 : 0}, std::int64_t{c.emotional ? 1 : 0}, c.summary, c.handoff_json,
           c.contact_json, c.promise_json, c.created_at});
      CaseRecord out;
      static_cast<NewCase&>(out) = c;
      out.id = to_int(r.rows.at(0)[0]);
      out.status = "waiting";
      out.updated_at = c.created_at;
      return out;
    });
  }

  std::optional<CaseRecord> case_by_token_hash(const std::string& token_hash) override {
    return one_case(" WHERE c.token_hash = $1", {token_hash});
  }
  std::optional<CaseRecord> case_by_reference(const std::string& reference) override {
    return one_case(" WHERE c.reference = $1", {reference});
  }

  std::vector<CaseRecord> open_cases() override {
    std::lock_guard lock(mutex_);
    const Result r = db_->exec(std::string("SELECT ") + kCaseColumns + kCaseFrom +
                               " WHERE c.status <> 'closed'"
                               " ORDER BY CASE WHEN c.problem_level = 4 OR c.urgent = 1 THEN 0 ELSE 1 END,"
                               " c.created_at, c.id");
    std::vector<CaseRecord> out;
    for (const auto& row : r.rows) out.push_back(case_from(row));
    return out;
  }

  std::int64_t count_cases() override {
    std::lock_guard lock(mutex_);
    return to_int(db_->exec("SELECT COUNT(*) FROM cases").rows.at(0)[0]);
  }

  ClaimResult claim_case(std::int64_t case_id, std::int64_t agent_id, Millis now) override {
    std::lock_guard lock(mutex_);
    return in_transaction([&] {
      // One statement decides: concurrent claims (any desk instance) cannot both win.
      const Result r = db_->exec(
          "UPDATE cases SET status = 'claimed', claimed_by = $2, claimed_at = $3, updated_at = $3"
          " WHERE id = $1 AND status = 'waiting'",
          {case_id, agent_id, now});
      if (r.affected == 1) {
        bump();
        return ClaimResult::claimed;
      }
      return holder(case_id, agent_id);
    });
  }

  ClaimResult close_case(std::int64_t case_id, std::int64_t agent_id, const std::string& outcome, Millis now) override {
    std::lock_guard lock(mutex_);
    return in_transaction([&] {
      const Result r = db_->exec(
          "UPDATE cases SET status = 'closed', outcome = $3, closed_at = $4, updated_at = $4"
          " WHERE id = $1 AND status = 'claimed' AND claimed_by = $2",
          {case_id, agent_id, outcome, now});
      if (r.affected == 1) {
        bump();
        return ClaimResult::claimed;
      }
      const ClaimResult why = holder(case_id, agent_id);
      // A waiting case nobody holds cannot be closed either: claim it first.
      return why == ClaimResult::claimed ? ClaimResult::claimed_by_other : why;
    });
  }

  std::int64_t queue_version() override {
    std::lock_guard lock(mutex_);
    return to_int(db_->exec("SELECT queue_version FROM desk_state WHERE id = 1").rows.at(0)[0]);
  }

  Message add_message(std::int64_t case_id, const std::string& author, std::optional<std::int64_t> agent_id,
                      const std::string& body, Millis now) override {
    std::lock_guard lock(mutex_);
    return in_transaction([&] {
      bump();
      // Built one by one: GCC 12 misreads a brace list holding a null variant (-Wmaybe-uninitialized).
      std::vector<Value> params;
      params.emplace_back(case_id);
      params.emplace_back(author);
      if (agent_id) params.emplace_back(*agent_id);
      else params.emplace_back(nullptr);
      params.emplace_back(body);
      params.emplace_back(now);
      const Result r = db_->exec(
          "INSERT INTO messages (case_id, author, agent_id, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
          params);
      db_->exec("UPDATE cases SET updated_at = $2 WHERE id = $1", {case_id, now});
      Message m;
      m.id = to_int(r.rows.at(0)[0]);
      m.case_id = case_id;
      m.author = author;
      m.agent_id = agent_id;
      m.body = body;
      m.created_at = now;
      return m;
    });
  }

  std::vector<Message> messages(std::int64_t case_id, std::int64_t after_id) override {
    std::lock_guard lock(mutex_);
    const Result r = db_->exec(
        "SELECT id, case_id, author, agent_id, body, created_at FROM messages WHERE case_id = $1 AND id > $2 ORDER BY id",
        {case_id, after_id});
    std::vector<Message> out;
    for (const auto& row : r.rows) out.push_back(message_from(row));
    return out;
  }

  void add_events(const std::vector<EventRecord>& events) override {
    if (events.empty()) return;
    std::lock_guard lock(mutex_);
    in_transaction([&] {
      for (const auto& e : events)
        db_->exec("INSERT INTO events (received_at, client, type, widget_session, body) VALUES ($1, $2, $3, $4, $5)",
                  {e.received_at, e.client, e.type, e.widget_session, e.body_json});
      return 0;
    });
  }

  std::int64_t count_events() override {
    std::lock_guard lock(mutex_);
    return to_int(db_->exec("SELECT COUNT(*) FROM events").rows.at(0)[0]);
  }

  std::vector<EventRecord> recent_events(std::int64_t limit) override {
    std::lock_guard lock(mutex_);
    const Result r = db_->exec(
        "SELECT received_at, client, type, widget_session, body FROM events ORDER BY id DESC LIMIT $1", {limit});
    std::vector<EventRecord> out;
    for (const auto& row : r.rows) out.push_back({to_int(row[0]), to_str(row[1]), to_str(row[2]), to_str(row[3]), to_str(row[4])});
    return out;
  }

  std::vector<EventRecord> events_between(Millis from, Millis to, std::int64_t after_id, std::int64_t limit) override {
    std::lock_guard lock(mutex_);
    const Result r = db_->exec(
        "SELECT received_at, client, type, widget_session, body, id FROM events "
        "WHERE received_at >= $1 AND received_at < $2 AND id > $3 ORDER BY id LIMIT $4",
        {from, to, after_id, limit});
    std::vector<EventRecord> out;
    for (const auto& row : r.rows)
      out.push_back({to_int(row[0]), to_str(row[1]), to_str(row[2]), to_str(row[3]), to_str(row[4]), to_int(row[5])});
    return out;
  }

  std::vector<EventRecord> session_events(const std::string& session, std::int64_t limit) override {
    std::lock_guard lock(mutex_);
    const Result r = db_->exec(
        "SELECT received_at, client, type, widget_session, body, id FROM events WHERE widget_session = $1 "
        "ORDER BY id DESC LIMIT $2",
        {session, limit});
    std::vector<EventRecord> out;
    for (auto row = r.rows.rbegin(); row != r.rows.rend(); ++row)
      out.push_back({to_int((*row)[0]), to_str((*row)[1]), to_str((*row)[2]), to_str((*row)[3]), to_str((*row)[4]),
                     to_int((*row)[5])});
    return out;
  }

  std::int64_t suggestions_through() override {
    std::lock_guard lock(mutex_);
    return to_int(db_->exec("SELECT suggestions_through FROM desk_state WHERE id = 1").rows.at(0)[0]);
  }

  void add_proposals(const std::vector<ProposedWording>& proposals, std::int64_t through, Millis now) override {
    std::lock_guard lock(mutex_);
    in_transaction([&] {
      for (const auto& p : proposals) {
        // ON CONFLICT DO NOTHING: the same statement on SQLite (3.24+) and PostgreSQL (9.5+).
        db_->exec(
            "INSERT INTO suggestions (intent, locale, wording, wording_key, status, created_at) "
            "VALUES ($1, $2, $3, $4, 'pending', $5) ON CONFLICT (intent, wording_key) DO NOTHING",
            {p.intent, p.locale, p.wording, p.wording_key, now});
        const Result id = db_->exec("SELECT id FROM suggestions WHERE intent = $1 AND wording_key = $2",
                                    {p.intent, p.wording_key});
        db_->exec(
            "INSERT INTO suggestion_evidence (suggestion_id, session, kind, got, seen_at) VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (suggestion_id, session) DO NOTHING",
            {to_int(id.rows.at(0)[0]), p.session, p.kind, p.got_json, p.seen_at});
      }
      db_->exec("UPDATE desk_state SET suggestions_through = $1 WHERE id = 1 AND suggestions_through < $1", {through});
      return 0;
    });
  }

  std::vector<Suggestion> suggestions(const std::string& status) override {
    std::lock_guard lock(mutex_);
    return read_suggestions(status.empty() ? "" : " WHERE s.status = $1",
                            status.empty() ? std::vector<Value>{} : std::vector<Value>{status});
  }

  std::optional<Suggestion> suggestion(std::int64_t id) override {
    std::lock_guard lock(mutex_);
    auto found = read_suggestions(" WHERE s.id = $1", {id});
    if (found.empty()) return std::nullopt;
    return found[0];
  }

  SuggestionChange decide_suggestion(std::int64_t id, const std::string& status, std::int64_t agent_id, Millis now) override {
    std::lock_guard lock(mutex_);
    return in_transaction([&] {
      const Result r = db_->exec(
          "UPDATE suggestions SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND status <> 'written'",
          {id, status, agent_id, now});
      if (r.affected == 1) return SuggestionChange::done;
      return db_->exec("SELECT id FROM suggestions WHERE id = $1", {id}).rows.empty() ? SuggestionChange::not_found
                                                                                       : SuggestionChange::written;
    });
  }

  SuggestionChange mark_suggestion_written(std::int64_t id, std::int64_t agent_id, Millis now) override {
    std::lock_guard lock(mutex_);
    return in_transaction([&] {
      const Result r = db_->exec(
          "UPDATE suggestions SET status = 'written', written_by = $2, written_at = $3 WHERE id = $1 AND status = 'accepted'",
          {id, agent_id, now});
      if (r.affected == 1) return SuggestionChange::done;
      const Result now_status = db_->exec("SELECT status FROM suggestions WHERE id = $1", {id});
      if (now_status.rows.empty()) return SuggestionChange::not_found;
      return to_str(now_status.rows[0][0]) == "written" ? SuggestionChange::written : SuggestionChange::not_accepted;
    });
  }

  Agent add_agent(const std::string& name, const std::string& password_hash, Millis now) override {
    std::lock_guard lock(mutex_);
    const Result r = db_->exec("INSERT INTO agents (name, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
                               {name, password_hash, now});
    return Agent{to_int(r.rows.at(0)[0]), name, password_hash, now};
  }

  bool set_agent_password(const std::string& name, const std::string& password_hash) override {
    std::lock_guard lock(mutex_);
    return db_->exec("UPDATE agents SET password_hash = $2 WHERE name = $1", {name, password_hash}).affected == 1;
  }

  std::optional<Agent> agent_by_name(const std::string& name) override {
    std::lock_guard lock(mutex_);
    const Result r = db_->exec("SELECT id, name, password_hash, created_at FROM agents WHERE name = $1", {name});
    if (r.rows.empty()) return std::nullopt;
    const Row& row = r.rows[0];
    return Agent{to_int(row[0]), to_str(row[1]), to_str(row[2]), to_int(row[3])};
  }

  void add_session(const AgentSession& s) override {
    std::lock_guard lock(mutex_);
    db_->exec("INSERT INTO sessions (token_hash, agent_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)",
              {s.token_hash, s.agent_id, s.created_at, s.expires_at, s.last_seen_at});
  }

  std::optional<AgentSession> session_by_token_hash(const std::string& token_hash, Millis now) override {
    std::lock_guard lock(mutex_);
    const Result r = db_->exec(
        "SELECT s.token_hash, s.agent_id, a.name, s.created_at, s.expires_at, s.last_seen_at"
        " FROM sessions s JOIN agents a ON a.id = s.agent_id WHERE s.token_hash = $1 AND s.expires_at > $2",
        {token_hash, now});
    if (r.rows.empty()) return std::nullopt;
    const Row& row = r.rows[0];
    return AgentSession{to_str(row[0]), to_int(row[1]), to_str(row[2]), to_int(row[3]), to_int(row[4]), to_int(row[5])};
  }

  void touch_session(const std::string& token_hash, Millis now) override {
    std::lock_guard lock(mutex_);
    db_->exec("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1", {token_hash, now});
  }

  void delete_session(const std::string& token_hash) override {
    std::lock_guard lock(mutex_);
    db_->exec("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
  }

  int agents_present(Millis seen_since, Millis now) override {
    std::lock_guard lock(mutex_);
    const Result r = db_->exec(
        "SELECT COUNT(DISTINCT agent_id) FROM sessions WHERE expires_at > $1 AND last_seen_at >= $2", {now, seen_since});
    return static_cast<int>(to_int(r.rows.at(0)[0]));
  }

 private:
  /// Runs `work` in a write transaction; rolls back if it throws.
  template <typename Work>
  auto in_transaction(Work work) -> decltype(work()) {
    db_->begin_write();
    try {
      auto result = work();
      db_->exec("COMMIT");
      return result;
    } catch (...) {
      try {
        db_->exec("ROLLBACK");
      } catch (...) {
        // the connection is gone; the transaction went with it
      }
      throw;
    }
  }

  std::int64_t bump() {
    const Result r = db_->exec("UPDATE desk_state SET queue_version = queue_version + 1 WHERE id = 1 RETURNING queue_version");
    return to_int(r.rows.at(0)[0]);
  }

  /// Why a claim or close by `agent_id` did not change the case.
  ClaimResult holder(std::int64_t case_id, std::int64_t agent_id) {
    const Result r = db_->exec("SELECT status, claimed_by FROM cases WHERE id = $1", {case_id});
    if (r.rows.empty()) return ClaimResult::not_found;
    const std::string status = to_str(r.rows[0][0]);
    if (status == "closed") return ClaimResult::closed;
    if (status == "claimed") return to_opt_int(r.rows[0][1]) == agent_id ? ClaimResult::already_yours
                                                                         : ClaimResult::claimed_by_other;
    return ClaimResult::claimed;  // waiting: only close_case gets here
  }

  std::optional<CaseRecord> one_case(const std::string& where, const std::vector<Value>& params) {
    std::lock_guard lock(mutex_);
    const Result r = db_->exec(std::string("SELECT ") + kCaseColumns + kCaseFrom + where, params);
    if (r.rows.empty()) return std::nullopt;
    return case_from(r.rows[0]);
  }

  /// Suggestions with their counts (`where` on the suggestions table, alias s), caller holds the mutex.
  std::vector<Suggestion> read_suggestions(const std::string& where, const std::vector<Value>& params) {
    const Result r = db_->exec(
        "SELECT s.id, s.intent, s.locale, s.wording, s.status, s.decided_at, s.written_at, d.name, w.name,"
        " COUNT(e.session), SUM(CASE WHEN e.kind = 'clarified' THEN 1 ELSE 0 END), MIN(e.seen_at), MAX(e.seen_at)"
        " FROM suggestions s LEFT JOIN suggestion_evidence e ON e.suggestion_id = s.id"
        " LEFT JOIN agents d ON d.id = s.decided_by LEFT JOIN agents w ON w.id = s.written_by" +
            where +
            " GROUP BY s.id, s.intent, s.locale, s.wording, s.status, s.decided_at, s.written_at, d.name, w.name"
            " ORDER BY COUNT(e.session) DESC, MAX(e.seen_at) DESC, s.id",
        params);
    std::vector<Suggestion> out;
    for (const auto& row : r.rows) {
      Suggestion s;
      s.id = to_int(row[0]);
      s.intent = to_str(row[1]);
      s.locale = to_str(row[2]);
      s.wording = to_str(row[3]);
      s.status = to_str(row[4]);
      s.decided_at = to_opt_int(row[5]);
      s.written_at = to_opt_int(row[6]);
      s.decided_by = to_str(row[7]);
      s.written_by = to_str(row[8]);
      s.customers = static_cast<int>(to_int(row[9]));
      s.clarified = static_cast<int>(to_int(row[10]));
      s.rephrased = s.customers - s.clarified;
      s.first_seen = to_int(row[11]);
      s.last_seen = to_int(row[12]);
      const Result latest = db_->exec(
          "SELECT kind, got, seen_at FROM suggestion_evidence WHERE suggestion_id = $1 ORDER BY seen_at DESC, session LIMIT 5",
          {s.id});
      for (const auto& e : latest.rows) s.latest.push_back({to_str(e[0]), to_str(e[1]), to_int(e[2])});
      out.push_back(std::move(s));
    }
    return out;
  }

  bool has_schema_table() {
    const std::string sql = db_->kind() == "sqlite"
                                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'desk_schema'"
                                : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'desk_schema'";
    return !db_->exec(sql).rows.empty();
  }

  int current_version() {
    if (!has_schema_table()) return 0;
    return static_cast<int>(to_int(db_->exec("SELECT COALESCE(MAX(version), 0) FROM desk_schema").rows.at(0)[0]));
  }

  void migrate() {
    std::lock_guard lock(mutex_);
    in_transaction([&] {
      db_->lock_for_migration();  // another desk instance may be migrating the same database
      db_->exec("CREATE TABLE IF NOT EXISTS desk_schema (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)");
      const int at = current_version();
      if (at > kSchemaVersion)
        throw StoreError(StoreError::Code::wrong_version,
                         "the " + db_->kind() + " store is at schema version " + std::to_string(at) +
                             ", newer than this desk's " + std::to_string(kSchemaVersion) + ": update the desk");
      for (const auto& m : detail::migrations()) {
        if (m.version <= at) continue;
        for (std::string statement : m.statements) {
          for (auto p = statement.find("{id}"); p != std::string::npos; p = statement.find("{id}"))
            statement.replace(p, 4, db_->auto_id_column());
          db_->exec(statement);
        }
        db_->exec("INSERT INTO desk_schema (version, applied_at) VALUES ($1, $2)",
                  {std::int64_t{m.version}, now_millis()});
      }
      return 0;
    });
  }

  std::mutex mutex_;
  std::unique_ptr<Connection> db_;
};

}  // namespace

bool is_postgresql_location(const std::string& location) {
  const auto starts = [&](const char* prefix) { return location.rfind(prefix, 0) == 0; };
  return starts("postgresql://") || starts("postgres://") || starts("host=") || starts("dbname=");
}

std::unique_ptr<Store> open_store(const std::string& location) {
  if (location.empty()) throw StoreError(StoreError::Code::unavailable, "no store given: a SQLite file path or a postgresql:// URL");
  if (is_postgresql_location(location)) return std::make_unique<SqlStore>(detail::open_postgresql(location));
  return std::make_unique<SqlStore>(detail::open_sqlite(location));
}

}  // namespace firstline::desk
