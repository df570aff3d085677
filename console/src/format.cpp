// How the console writes numbers and lists as text (see format.h).
#include "firstline/console/format.h"

#include <cstdio>
#include <utility>

namespace firstline::console {

std::string percent(double share) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", share * 100);
  return buffer;
}

std::string waiting_time(double seconds) {
  const long long total = seconds > 0 ? static_cast<long long>(seconds) : 0;
  char buffer[40];
  if (total >= 3600)
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", total / 60, total % 60);
  return buffer;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

namespace {

/// The byte where the character after the first `characters` starts, and how many characters `text` has in all.
std::pair<std::size_t, std::size_t> cut_point(std::string_view text, std::size_t characters) {
  std::size_t count = 0, cut = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (count == characters) cut = i;
    ++count;
  }
  return {cut, count};
}

}  // namespace

bool is_cut_for_display(std::string_view text, std::size_t characters) {
  if (text.size() <= characters) return false;
  return cut_point(text, characters).second > characters;
}

std::string shown_at_most(std::string_view text, std::size_t characters) {
  if (text.size() <= characters) return std::string(text);
  const auto [cut, count] = cut_point(text, characters);
  if (count <= characters) return std::string(text);
  return std::string(text.substr(0, cut)) + "… [cut: " + std::to_string(count) + " characters in all]";
}

}  // namespace firstline::console
