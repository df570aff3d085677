// A small SHA-256, for the content hash recorded in each index build.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace firstline::indexer {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  /// Lower-case hex digest; the object is spent afterwards.
  std::string hex_digest();

 private:
  void compress(const unsigned char* block);
  uint32_t h_[8];
  unsigned char buffer_[64];
  std::size_t buffered_ = 0;
  uint64_t length_ = 0;
};

}  // namespace firstline::indexer
