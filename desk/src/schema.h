// The desk's schema, as versioned migrations (the same for both databases).
#pragma once

#include <string>
#include <vector>

namespace firstline::desk::detail {

struct Migration {
  int version;
  /// Statements in order; "{id}" stands for the database's auto-numbered
  /// primary key column (Connection::auto_id_column).
  std::vector<std::string> statements;
};

/// Every migration, oldest first; the last one's version is kSchemaVersion.
const std::vector<Migration>& migrations();

}  // namespace firstline::desk::detail
