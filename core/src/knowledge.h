// What the engine knows once an index is open, in the form queries read it
// (not part of the public API). Loaded by Knowledge::load (knowledge.cpp):
// the small parts at open, the examples and articles by need; every other
// part of the engine only reads it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "bounded_cache.h"
#include "channel_routing.h"
#include "decision_policy.h"
#include "example_table.h"
#include "firstline/engine.h"
#include "firstline/intent_model.h"
#include "hint_table.h"
#include "index_internal.h"
#include "intent_directory.h"
#include "signals.h"

namespace firstline {

struct Knowledge {
  std::shared_ptr<Index::Internal> index;

  /// An article as a decision shows it, read from its document when a
  /// decision offers it (the last few kept).
  struct Article {
    ArticleHit hit;    ///< snippet empty, score 0
    std::string text;  ///< as written: snippets show it
  };
  /// The article document `docid`; null if it is not one.
  std::shared_ptr<const Article> article(Xapian::docid docid) const;

  IntentDirectory intents;  ///< the KB's intents, one by one

  ExampleTable examples;
  HintTable hints;
  StoredIntentModel model;  ///< empty when the index has none
  ChannelRouting channels;
  Thresholds thresholds;
  SignalDetector signals;
  nlohmann::json first_screen = nlohmann::json::object();  ///< first-screen.yaml
  mutable BoundedCache<Xapian::docid, std::optional<Article>> article_cache{64};  ///< article()'s last reads

  /// Reads what every query needs from the open `index` (the rest is read
  /// by need: examples, articles). Throws what Xapian throws.
  void load(std::shared_ptr<Index::Internal> index);

  std::shared_ptr<const IntentInfo> intent(const std::string& id) const { return intents.find(id); }

  /// Whether the index has a learned classifier for its intents (it has none
  /// for intents of a question or two each, or too many to learn).
  bool has_classifier() const { return !model.empty() && model.intent_count() == intents.size(); }
};

/// The engine's state is its knowledge.
struct Engine::Internal : Knowledge {};

}  // namespace firstline
