// How the console writes numbers and lists as text (see format.h).
#include "firstline/console/format.h"

#include <cstdio>

namespace firstline::console {

std::string percent(double share) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", share * 100);
  return buffer;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

}  // namespace firstline::console
