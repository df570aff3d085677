#include "desk_test_support.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>

#include "throwaway_postgres.h"

namespace firstline::desk::testing {

TempFolder::TempFolder() {
  char pattern[] = "/tmp/firstline-desk-test-XXXXXX";
  if (!mkdtemp(pattern)) throw std::runtime_error("cannot make a temporary folder");
  path_ = pattern;
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string fresh_store_location(const std::string& kind, const TempFolder& dir) {
  if (kind == "postgresql") return fresh_postgres_database();
  return dir.path() + "/desk.sqlite";
}

void StoreOnBoth::SetUp() {
  try {
    location_ = fresh_store_location(GetParam(), dir_);
    store_ = open_store(location_);
  } catch (const std::exception& e) {
    FAIL() << "no " << GetParam() << " store for this test: " << e.what();
  }
}

void StoreOnBoth::raw_execute(const std::string& sql) {
  if (GetParam() == "sqlite") {
    sqlite3* db = nullptr;
    sqlite3_open(location_.c_str(), &db);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string why = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << why;
    return;
  }
  PGconn* conn = PQconnectdb(location_.c_str());
  PGresult* res = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
  const std::string why = PQresultErrorMessage(res);
  PQclear(res);
  PQfinish(conn);
  ASSERT_TRUE(ok) << why;
}

}  // namespace firstline::desk::testing
