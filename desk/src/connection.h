// The one thing that differs between the two databases: how a statement is
// run. sql_store.cpp writes every statement once, with $1..$N parameters, over
// this interface; sqlite_connection.cpp and postgres_connection.cpp run them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "firstline/desk/store.h"

namespace firstline::desk::detail {

using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;
using Row = std::vector<std::optional<std::string>>;  ///< every column as text; nullopt = NULL

struct Result {
  std::vector<Row> rows;
  std::int64_t affected = 0;  ///< rows changed by an INSERT, UPDATE or DELETE
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual std::string kind() const = 0;  ///< "sqlite" or "postgresql"
  /// Runs one statement. StoreError conflict on a unique violation, failed otherwise.
  virtual Result exec(const std::string& sql, const std::vector<Value>& params = {}) = 0;
  /// Starts a write transaction (SQLite: BEGIN IMMEDIATE, taking the write lock at once).
  virtual void begin_write() = 0;
  /// The column type of an auto-numbered primary key.
  virtual std::string auto_id_column() const = 0;
  /// Serialises migrations between several processes opening the same database.
  virtual void lock_for_migration() = 0;
};

std::unique_ptr<Connection> open_sqlite(const std::string& path);
std::unique_ptr<Connection> open_postgresql(const std::string& conninfo);

}  // namespace firstline::desk::detail
