// A small least-recently-used cache of what the engine read from the index
// (a term's postings, a row of examples, an article), so repeated queries do
// not read it again while memory stays bounded whatever the KB's size. Safe
// to share between threads: one lock, held only to look up or insert.
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "by_need.h"

namespace firstline {

template <typename Key, typename Value>
class BoundedCache {
 public:
  explicit BoundedCache(std::size_t capacity) : capacity_(capacity) {}

  /// The cached value for `key`, or null: nothing is read.
  std::shared_ptr<const Value> peek(const Key& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : it->second.first;
  }

  /// The cached value for `key`, else `read()`'s (then cached, the least
  /// recently used entry leaving if the cache is full; not if a read failed
  /// during a ReadProbe, firstline/read_probe.h). `read` runs unlocked
  /// and may throw; nothing is cached then.
  template <typename Read>
  std::shared_ptr<const Value> get(const Key& key, Read&& read) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (const auto it = entries_.find(key); it != entries_.end()) {
        order_.splice(order_.begin(), order_, it->second.second);
        return it->second.first;
      }
    }
    const std::uint64_t misses = by_need::misses();
    auto value = std::make_shared<const Value>(read());
    if (by_need::misses() != misses) return value;  // read in part during a probe: not kept
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.count(key)) return value;
    order_.push_front(key);
    entries_.emplace(key, std::make_pair(value, order_.begin()));
    if (entries_.size() > capacity_) {
      entries_.erase(order_.back());
      order_.pop_back();
    }
    return value;
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::list<Key> order_;  // most recent first
  std::map<Key, std::pair<std::shared_ptr<const Value>, typename std::list<Key>::iterator>> entries_;
};

}  // namespace firstline
