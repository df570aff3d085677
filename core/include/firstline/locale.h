// firstline/locale.h — the locales firstline speaks, and how a text written in
// several of them is picked for one customer. One rule for every part (the
// engine, the handoff, the console; the widget's strings.js mirrors it).
//
//   firstline::LocalizedText label = {{"zh-Hans", "查询物流"}, {"en", "Track a parcel"}};
//   firstline::localized(label, "zh-Hant");  // "查询物流": the same language, the other script
//   firstline::localized(label, "fr");       // "Track a parcel"
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace firstline {

/// The locale of a customer nothing else tells about (no host setting, no
/// letters in the query), and the last fallback of localized().
inline constexpr const char* kDefaultLocale = "zh-Hans";

/// The locales a knowledge base is written in.
inline constexpr const char* kLocales[] = {"zh-Hans", "zh-Hant", "en"};

/// "zh" for a Chinese locale (zh-Hans, zh-Hant, zh-*), "en" for any other.
std::string language_of(std::string_view locale);

/// A text by locale, e.g. an intent's label or a channel's purpose.
using LocalizedText = std::map<std::string, std::string, std::less<>>;

/// The text for `locale`: its own, else the same language in the other
/// script (zh-Hant for zh-Hans and back), else English, else kDefaultLocale's,
/// else the first there is; "" when `texts` is empty.
std::string localized(const LocalizedText& texts, std::string_view locale);

}  // namespace firstline
