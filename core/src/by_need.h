// Reads of the index that a ReadProbe (firstline/read_probe.h) may excuse:
// every place the engine reads the index while answering a call goes
// through `by_need::read`, so a probe sees every miss.
#pragma once

#include <cstdint>
#include <utility>

#include <xapian.h>

namespace firstline::by_need {

/// Whether a ReadProbe lives on this thread.
bool probing();
/// The reads excused on this thread so far (BoundedCache keeps nothing read
/// while this count moved).
std::uint64_t misses();
void count_miss();
/// Whether a probe lives and a read has already failed during it: what the
/// call computes from here on is thrown away, so a step that would only read
/// what earlier (incomplete) reads point to (the intents of the nearest
/// examples, an article) skips its reads until the next round, when the
/// earlier reads are complete.
bool missed();
/// Which probe lives on this thread (a number new for each), 0 if none: for
/// remembering, within one probe, a read that failed, so that it is not
/// tried (and excused) again and again.
std::uint64_t probe_number();

/// `read()`; when probing and the read fails (the file lacks that part),
/// counts the miss and returns `missing` instead.
template <typename Read, typename T>
auto read(T missing, Read&& read) -> decltype(read()) {
  if (!probing()) return read();
  try {
    return read();
  } catch (const Xapian::DatabaseError&) {
    count_miss();
    return missing;
  }
}

}  // namespace firstline::by_need
