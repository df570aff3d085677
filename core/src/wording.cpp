#include "firstline/wording.h"

#include <vector>

namespace firstline {

std::string wording_key(std::string_view wording) {
  static const std::vector<std::string_view> kEnds = {"?", "!", ".", " ", "\xEF\xBC\x9F", "\xEF\xBC\x81", "\xE3\x80\x82"};
  std::string out;
  bool space = false;
  for (char c : wording) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const auto trim = [&](bool front) {
    for (bool again = true; again && !out.empty();) {
      again = false;
      for (const auto end : kEnds) {
        if (out.size() < end.size()) continue;
        const std::size_t at = front ? 0 : out.size() - end.size();
        if (out.compare(at, end.size(), end) == 0) {
          out.erase(at, end.size());
          again = true;
        }
      }
    }
  };
  trim(false);
  trim(true);
  return out;
}

}  // namespace firstline
