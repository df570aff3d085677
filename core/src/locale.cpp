#include "firstline/locale.h"

namespace firstline {

std::string language_of(std::string_view locale) { return locale.substr(0, 2) == "zh" ? "zh" : "en"; }

std::string localized(const LocalizedText& texts, std::string_view locale) {
  if (texts.empty()) return "";
  const std::string_view sibling = locale == "zh-Hant" ? "zh-Hans" : locale == "zh-Hans" ? "zh-Hant" : "";
  for (const std::string_view candidate : {locale, sibling, std::string_view("en"), std::string_view(kDefaultLocale)}) {
    if (candidate.empty()) continue;
    if (const auto it = texts.find(candidate); it != texts.end()) return it->second;
  }
  return texts.begin()->second;
}

}  // namespace firstline
