// The desk's schema. Never edit a migration that has shipped: add the next
// version (and raise kSchemaVersion in store.h). Times are milliseconds since
// the Unix epoch (BIGINT), JSON is TEXT, booleans are 0/1, so the statements
// mean the same on SQLite and PostgreSQL.
#include "schema.h"

namespace firstline::desk::detail {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1,
       {
           R"(CREATE TABLE agents (
  id {id},
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL))",
           // A case: what the customer handed over, what they were promised,
           // and where it is. token_hash: the customer's token is never stored.
           R"(CREATE TABLE cases (
  id {id},
  reference TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  locale TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'claimed', 'closed')),
  problem_level INTEGER NOT NULL CHECK (problem_level BETWEEN 1 AND 4),
  urgent INTEGER NOT NULL,
  emotional INTEGER NOT NULL,
  summary TEXT NOT NULL,
  handoff TEXT NOT NULL,
  contact TEXT NOT NULL,
  promise TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  claimed_by BIGINT REFERENCES agents (id),
  claimed_at BIGINT,
  closed_at BIGINT,
  outcome TEXT))",
           "CREATE INDEX cases_by_status ON cases (status, created_at)",
           R"(CREATE TABLE messages (
  id {id},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  author TEXT NOT NULL CHECK (author IN ('customer', 'agent')),
  agent_id BIGINT REFERENCES agents (id),
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL))",
           "CREATE INDEX messages_by_case ON messages (case_id, id)",
           R"(CREATE TABLE events (
  id {id},
  received_at BIGINT NOT NULL,
  client TEXT NOT NULL,
  type TEXT NOT NULL,
  widget_session TEXT NOT NULL,
  body TEXT NOT NULL))",
           R"(CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id BIGINT NOT NULL REFERENCES agents (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL))",
           // One row: a counter every change to a case raises, in the same
           // transaction, so a waiting queue (on any desk instance) sees it.
           R"(CREATE TABLE desk_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  queue_version BIGINT NOT NULL))",
           "INSERT INTO desk_state (id, queue_version) VALUES (1, 0)",
       }},
      // The editors read events by period (GET /api/agent/events).
      {2, {"CREATE INDEX events_by_time ON events (received_at, id)"}},
      // Customers' wordings proposed as example questions (desk/src/suggestions.cpp):
      // one row per (intent, wording), one evidence row per session that gave it.
      {3,
       {
           "CREATE INDEX events_by_session ON events (widget_session, id)",
           // How far the events have been read for suggestions.
           "ALTER TABLE desk_state ADD COLUMN suggestions_through BIGINT NOT NULL DEFAULT 0",
           R"(CREATE TABLE suggestions (
  id {id},
  intent TEXT NOT NULL,
  locale TEXT NOT NULL,
  wording TEXT NOT NULL,
  wording_key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'written')),
  created_at BIGINT NOT NULL,
  decided_by BIGINT REFERENCES agents (id),
  decided_at BIGINT,
  written_by BIGINT REFERENCES agents (id),
  written_at BIGINT,
  UNIQUE (intent, wording_key)))",
           R"(CREATE TABLE suggestion_evidence (
  suggestion_id BIGINT NOT NULL REFERENCES suggestions (id),
  session TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('clarified', 'rephrased')),
  got TEXT NOT NULL,
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (suggestion_id, session)))",
       }},
  };
  return all;
}

}  // namespace firstline::desk::detail
