// The desk as its own process (build/desk/firstline-desk serve), for what an
// in-process desk cannot show: a kill -9 in the middle of the load, and a
// restart on the same store. And the load itself: many concurrent clients
// posting handoffs and event batches, each answer timed and each
// acknowledged case reference kept (desk_fault_test.cpp, desk_load_bench.cpp).
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace firstline::desk::testing {

/// `firstline-desk serve` on a free loopback port over `store_location`,
/// with the sample KB's channels and rate limits raised for one loopback
/// client address (the load comes from one). The constructor returns once it listens.
class DeskProcess {
 public:
  DeskProcess(const std::string& store_location, const std::string& folder);
  ~DeskProcess();  ///< SIGTERM, then waits (unless already killed)
  DeskProcess(const DeskProcess&) = delete;
  DeskProcess& operator=(const DeskProcess&) = delete;

  int port() const { return port_; }
  /// SIGKILL, and waits for the process to be gone: no shutdown, no flush.
  void kill_hard();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

struct LoadOptions {
  int clients = 16;          ///< concurrent connections, one thread each
  double seconds = 3;        ///< how long each client keeps posting
  int events_per_batch = 10;
};

struct LoadResult {
  std::int64_t handoffs_acknowledged = 0;  ///< 201 answers
  std::int64_t events_acknowledged = 0;    ///< events in 202 answers
  std::int64_t failed = 0;                 ///< no answer, or not 2xx (a killed desk)
  std::map<std::string, std::int64_t> failures;  ///< by status and message, or the client's error
  std::vector<std::string> references;     ///< of every acknowledged case
  std::vector<double> handoff_ms, events_ms;  ///< latency of each acknowledged request
  double seconds = 0;                      ///< wall time of the run
};

/// Posts, from `clients` threads each with its own keep-alive connection,
/// a handoff (as the widget sends it, made by the core) then an event batch,
/// over and over until `seconds` pass or `stop` is set. Thread-safe result.
LoadResult run_load(int port, const LoadOptions& options, const std::atomic<bool>& stop);

/// The value below which `share` (0..1) of `values` lie (nearest rank); 0 for none.
double percentile(std::vector<double> values, double share);

}  // namespace firstline::desk::testing
