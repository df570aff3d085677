// The locales: the fallback rule between them (firstline/locale.h) and
// telling a query's locale from its characters (locale_detection.h).
#include "firstline/locale.h"

#include <cctype>

#include "firstline/limits.h"
#include "locale_detection.h"

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

std::string detect_locale(const TextFolder& folder, std::string_view query, const std::string& context_locale) {
  bool cjk = false, latin = false;
  const std::string_view q = query.substr(0, limits::kLocaleProbeBytes);
  std::size_t pos = 0;
  while (pos < q.size()) {
    const char32_t cp = decode_utf8(q, pos);
    if (is_cjk_ideograph(cp)) cjk = true;
    else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) latin = true;
  }
  if (cjk) {
    // Traditional if folding changed any ideograph (width and case folding aside).
    std::string lowered(q);
    for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool traditional = TextFolder().fold(lowered) != folder.fold(q) || context_locale == "zh-Hant";
    return traditional ? "zh-Hant" : "zh-Hans";
  }
  if (latin) return "en";
  return context_locale.empty() ? kDefaultLocale : context_locale;
}

}  // namespace firstline
