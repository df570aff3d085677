// A throwaway PostgreSQL server for the desk's tests: Debian's PostgreSQL 15
// on a temporary data directory, loopback only, a free port, its unix socket
// in that directory. Run as the `postgres` user when the tests run as root
// (the server refuses root).
//
// CTest starts one for all the desk's tests (the desk_postgres fixture, via
// desk_test_postgres start/stop), named by FIRSTLINE_DESK_POSTGRES; a test
// binary run by hand starts its own. Either way a server that cannot start or
// be reached is an error with the reason, never a skipped test.
#pragma once

#include <string>

namespace firstline::desk::testing {

class ThrowawayPostgres {
 public:
  /// Initialises and starts a server in a new temporary directory. Throws
  /// std::runtime_error with the command that failed and its output.
  ThrowawayPostgres();
  /// Stops the server and removes its directory.
  ~ThrowawayPostgres();
  ThrowawayPostgres(const ThrowawayPostgres&) = delete;
  ThrowawayPostgres& operator=(const ThrowawayPostgres&) = delete;

  const std::string& data_dir() const { return dir_; }
  int port() const { return port_; }
  /// postgresql://firstline@127.0.0.1:PORT/DATABASE
  std::string url(const std::string& database = "postgres") const;

  /// Stops a server this class started in `dir` (used by desk_test_postgres stop).
  static void stop(const std::string& dir);
  /// Whether a server this class started should be stopped by the destructor.
  void release() { owned_ = false; }

 private:
  void start();
  std::string dir_;
  int port_ = 0;
  bool owned_ = true;
};

/// A new, empty database on the tests' server (the fixture's, or this
/// process's own, started once): its URL. Throws std::runtime_error saying
/// why PostgreSQL is unavailable.
std::string fresh_postgres_database();

}  // namespace firstline::desk::testing
