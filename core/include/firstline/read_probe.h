// firstline/read_probe.h — calls over an index file that may lack parts.
//
// A browser reads a published index by need (web/index-reader.js): a part the
// file has not fetched yet cannot be read without waiting on the network, and
// fetching the parts one call needs one after another costs a round trip
// each. So a call can run as a probe: while a ReadProbe lives on a thread, a
// read of the index that fails does not fail the call; it is counted, the
// call goes on with what it could read (its result is then meaningless), and
// the file's reader notes what it lacked. The caller fetches all of that at
// once and calls again: a few rounds of parallel fetches instead of one
// fetch per lookup. A call during which nothing was missing is exact, and
// nothing read during a probe that missed is kept in the engine's caches.
#pragma once

#include <cstdint>

namespace firstline {

class ReadProbe {
 public:
  ReadProbe();
  ~ReadProbe();
  ReadProbe(const ReadProbe&) = delete;
  ReadProbe& operator=(const ReadProbe&) = delete;

  /// Whether a read failed while this probe lived: the call's result must be
  /// thrown away.
  bool missed() const;

 private:
  std::uint64_t misses_at_start_;
  bool outer_;
};

}  // namespace firstline
