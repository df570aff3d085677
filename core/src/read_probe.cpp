#include "firstline/read_probe.h"

#include "by_need.h"

namespace firstline {

namespace {
thread_local bool g_probing = false;
thread_local std::uint64_t g_misses = 0;
}  // namespace

namespace by_need {
bool probing() { return g_probing; }
std::uint64_t misses() { return g_misses; }
void count_miss() { ++g_misses; }
}  // namespace by_need

ReadProbe::ReadProbe() : misses_at_start_(g_misses), outer_(!g_probing) { g_probing = true; }

ReadProbe::~ReadProbe() {
  if (outer_) g_probing = false;
}

bool ReadProbe::missed() const { return g_misses != misses_at_start_; }

}  // namespace firstline
