#include "firstline/read_probe.h"

#include "by_need.h"

namespace firstline {

namespace {
thread_local bool g_probing = false;
thread_local std::uint64_t g_misses = 0;
thread_local std::uint64_t g_misses_at_probe_start = 0;  // of the outermost probe
thread_local std::uint64_t g_probes = 0;                  // outermost probes started
}  // namespace

namespace by_need {
bool probing() { return g_probing; }
std::uint64_t misses() { return g_misses; }
void count_miss() { ++g_misses; }
bool missed() { return g_probing && g_misses != g_misses_at_probe_start; }
std::uint64_t probe_number() { return g_probing ? g_probes : 0; }
}  // namespace by_need

ReadProbe::ReadProbe() : misses_at_start_(g_misses), outer_(!g_probing) {
  if (outer_) {
    g_misses_at_probe_start = g_misses;
    ++g_probes;
  }
  g_probing = true;
}

ReadProbe::~ReadProbe() {
  if (outer_) g_probing = false;
}

bool ReadProbe::missed() const { return g_misses != misses_at_start_; }

}  // namespace firstline
