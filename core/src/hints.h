// What the widget suggests: completions and spelling while the customer
// types, and the first-screen topics before they type (not part of the public API).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "firstline/engine.h"

namespace firstline {

struct Knowledge;

/// Engine::hints(): the first-screen topics for empty `typed` text, else
/// completions in the customer's language and, for English, a correction of
/// a word the KB does not have (first).
std::vector<Hint> suggest_hints(const Knowledge& knowledge, const Session& session, std::string_view typed,
                                std::size_t limit);

/// The topics first-screen.yaml lists for the host's context (its order
/// state, else its page, else the default; a KB without first-screen.yaml:
/// its intents), at most `limit`, as their option labels in the context's
/// locale (else kDefaultLocale).
std::vector<Hint> first_screen_topics(const Knowledge& knowledge, const HostContext& context, std::size_t limit);

}  // namespace firstline
