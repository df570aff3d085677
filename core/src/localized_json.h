// A JSON object of texts by locale, as the index stores them, read into a
// LocalizedText (not part of the public API).
#pragma once

#include <nlohmann/json.hpp>

#include "firstline/locale.h"

namespace firstline {

/// The string values of `texts` by key; anything that is not an object, or
/// not a string, is left out.
inline LocalizedText localized_text(const nlohmann::json& texts) {
  LocalizedText out;
  if (texts.is_object())
    for (const auto& [locale, text] : texts.items())
      if (text.is_string()) out.emplace(locale, text.get<std::string>());
  return out;
}

}  // namespace firstline
