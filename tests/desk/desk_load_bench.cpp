// The desk's load benchmark (scripts/bench-desk.sh runs it on both stores):
// many concurrent loopback clients post handoffs and event batches to a desk
// process for a while; prints the rate held and the latencies.
//   desk_load_bench --store sqlite|postgresql [--clients N] [--seconds S]
// PostgreSQL: a throwaway server of its own (throwaway_postgres.h), or the
// one FIRSTLINE_DESK_POSTGRES names.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "desk_process.h"
#include "desk_test_support.h"

using namespace firstline::desk::testing;

int main(int argc, char** argv) {
  std::string store;
  LoadOptions options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    if (name == "--store") store = argv[i + 1];
    else if (name == "--clients") options.clients = std::atoi(argv[i + 1]);
    else if (name == "--seconds") options.seconds = std::atof(argv[i + 1]);
  }
  if (store.empty()) {
    std::cerr << "usage: desk_load_bench --store sqlite|postgresql [--clients N] [--seconds S]\n";
    return 2;
  }
  try {
    TempFolder dir;
    DeskProcess desk(fresh_store_location(store, dir), dir.path());
    const std::atomic<bool> stop{false};
    const LoadResult r = run_load(desk.port(), options, stop);
    const char* kind = store == "sqlite" ? "SQLite" : "PostgreSQL";
    std::printf("| %s | %d | %.0f | %.1f | %.1f | %.1f | %.0f | %.1f | %.1f | %lld |\n", kind, options.clients,
                r.handoffs_acknowledged / r.seconds, percentile(r.handoff_ms, 0.5), percentile(r.handoff_ms, 0.99),
                percentile(r.handoff_ms, 1.0), r.events_acknowledged / r.seconds, percentile(r.events_ms, 0.5),
                percentile(r.events_ms, 0.99), static_cast<long long>(r.failed));
    for (const auto& [what, count] : r.failures) std::cerr << "  failed " << count << "x: " << what << "\n";
  } catch (const std::exception& e) {
    std::cerr << "desk_load_bench: " << e.what() << "\n";
    return 1;
  }
}
