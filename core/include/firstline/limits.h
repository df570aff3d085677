// firstline/limits.h — how much of its input the core reads, and how much a
// decision holds. Longer input is cut, never refused: a customer who pastes
// an essay still gets a decision.
#pragma once

#include <cstddef>

namespace firstline::limits {

/// Bytes of a query that ask() reads and records (the rest is ignored).
inline constexpr std::size_t kQueryBytes = 4096;
/// Bytes of the text typed so far that hints() reads.
inline constexpr std::size_t kTypedBytes = 256;
/// Bytes of a query read to tell its locale.
inline constexpr std::size_t kLocaleProbeBytes = 512;
/// Bytes of folded text turned into search terms (cut at a character boundary).
inline constexpr std::size_t kTermBytes = 2048;
/// Earlier turns of a session compared with a new query to see whether the
/// customer is asking about the same problem again: a conversation, not a lifetime.
inline constexpr std::size_t kTurnsRemembered = 20;

/// Intent candidates a decision carries (Decision::intents), most likely first.
inline constexpr std::size_t kDecisionIntents = 5;
/// Articles a decision offers (Decision::articles).
inline constexpr std::size_t kDecisionArticles = 3;
/// Options of a clarifying question: escalation.yaml's clarify_max_options is kept within these.
inline constexpr std::size_t kMinClarifyOptions = 2;
inline constexpr std::size_t kMaxClarifyOptions = 5;

/// The host's earlier contacts about a problem (HostContext::previous_contacts)
/// as the API reads them and the handoff reports them (its schema's maximum):
/// more than this many says nothing more than this many.
inline constexpr int kMaxPreviousContacts = 1000;

}  // namespace firstline::limits
