// Which locale a customer writes in (not part of the public API; the locales
// themselves and the fallback between them are firstline/locale.h).
#pragma once

#include <string>
#include <string_view>

#include "firstline/text.h"

namespace firstline {

/// The locale of `query`: Chinese characters make it zh-Hant when folding
/// changes any of them (or the host says zh-Hant), else zh-Hans; Latin
/// letters alone make it en; anything else (digits, emoji, nothing) takes the
/// host's `context_locale`, else kDefaultLocale. Reads the first
/// limits::kLocaleProbeBytes bytes.
std::string detect_locale(const TextFolder& folder, std::string_view query, const std::string& context_locale);

}  // namespace firstline
