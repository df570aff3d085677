// The SQLite connection: one file, write-ahead log, synced on every commit.
//
// Durability: journal_mode=WAL with synchronous=FULL syncs the log at every
// commit, so a committed case survives a killed process and a power cut.
// (synchronous=NORMAL in WAL mode also survives a killed process — the log is
// in the OS's hands — but may lose the last commits on power loss; the desk
// promises "stored" to a customer only once it is on disk.)
#include <sqlite3.h>

#include <string>

#include "connection.h"

namespace firstline::desk::detail {

namespace {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) : path_(path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) {
      const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError(StoreError::Code::unavailable, "cannot open the SQLite store " + path + ": " + why);
    }
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_extended_result_codes(db_, 1);
    const Result mode = exec("PRAGMA journal_mode=WAL");
    if (mode.rows.empty() || !mode.rows[0][0] || *mode.rows[0][0] != "wal")
      throw StoreError(StoreError::Code::unavailable,
                       "the SQLite store " + path + " cannot use a write-ahead log (journal mode " +
                           (mode.rows.empty() || !mode.rows[0][0] ? std::string("unknown") : *mode.rows[0][0]) + ")");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
  }
  ~SqliteConnection() override { sqlite3_close(db_); }

  std::string kind() const override { return "sqlite"; }
  std::string auto_id_column() const override { return "INTEGER PRIMARY KEY AUTOINCREMENT"; }
  void begin_write() override { exec("BEGIN IMMEDIATE"); }
  void lock_for_migration() override {}  // BEGIN IMMEDIATE already holds the only write lock

  Result exec(const std::string& sql, const std::vector<Value>& params = {}) override {
    const std::string text = positional(sql);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, text.c_str(), static_cast<int>(text.size()), &stmt, nullptr) != SQLITE_OK)
      fail(sqlite3_extended_errcode(db_), sql);
    struct Finalize {
      sqlite3_stmt* s;
      ~Finalize() { sqlite3_finalize(s); }
    } finalize{stmt};
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i + 1);
      if (const auto* n = std::get_if<std::int64_t>(&params[i])) sqlite3_bind_int64(stmt, at, *n);
      else if (const auto* s = std::get_if<std::string>(&params[i]))
        sqlite3_bind_text(stmt, at, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      else sqlite3_bind_null(stmt, at);
    }
    Result result;
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(sqlite3_extended_errcode(db_), sql);
      Row row;
      const int n = sqlite3_column_count(stmt);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.emplace_back();
        } else {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.emplace_back(std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
      result.rows.push_back(std::move(row));
    }
    result.affected = sqlite3_changes(db_);
    return result;
  }

 private:
  /// "$3" -> "?3": the statements are written with PostgreSQL's numbered parameters.
  static std::string positional(const std::string& sql) {
    std::string out = sql;
    for (std::size_t i = 0; i + 1 < out.size(); ++i)
      if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
    return out;
  }

  [[noreturn]] void fail(int code, const std::string& sql) {
    const std::string message = std::string(sqlite3_errmsg(db_)) + " (SQLite store " + path_ + ")";
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
      throw StoreError(StoreError::Code::conflict, message);
    if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY || (code & 0xff) == SQLITE_IOERR ||
        code == SQLITE_FULL || code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
      throw StoreError(StoreError::Code::unavailable, message);
    throw StoreError(StoreError::Code::failed, message + " in: " + sql.substr(0, 80));
  }

  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path) { return std::make_unique<SqliteConnection>(path); }

}  // namespace firstline::desk::detail
