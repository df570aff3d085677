// What the engine knows once an index is open, in the form queries read it
// (not part of the public API). Loaded once, by Knowledge::load
// (knowledge.cpp); every other part of the engine only reads it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "channel_routing.h"
#include "decision_policy.h"
#include "example_table.h"
#include "firstline/engine.h"
#include "firstline/intent_model.h"
#include "hint_table.h"
#include "index_internal.h"
#include "signals.h"

namespace firstline {

struct Knowledge {
  std::shared_ptr<Index::Internal> index;

  /// The articles as a decision shows them, read once: a query then touches
  /// only the postings, never the stored documents.
  struct Article {
    ArticleHit hit;    ///< snippet empty, score 0
    std::string text;  ///< as written: snippets show it
  };
  std::unordered_map<Xapian::docid, Article> articles;

  /// An intent's articles, as far as decisions need them.
  struct IntentArticles {
    std::uint32_t count = 0;      ///< the index's articles tagged with it
    Xapian::docid first = 0;      ///< the first of them
  };
  std::vector<IntentArticles> intent_articles;              ///< by position in index->intents
  std::unordered_map<std::string, std::size_t> intent_at;  ///< id -> position in index->intents

  ExampleTable examples;
  HintTable hints;
  IntentModel model;  ///< empty when the index has none
  ChannelRouting channels;
  Thresholds thresholds;
  SignalDetector signals;
  nlohmann::json first_screen = nlohmann::json::object();  ///< first-screen.yaml

  /// Reads everything above from the open `index`. Throws what Xapian throws.
  void load(std::shared_ptr<Index::Internal> index);

  const std::vector<IntentInfo>& intents() const { return index->intents; }
  const IntentInfo* intent(const std::string& id) const {
    const auto it = intent_at.find(id);
    return it == intent_at.end() ? nullptr : &index->intents[it->second];
  }
  const IntentArticles* articles_of(const std::string& id) const {
    const auto it = intent_at.find(id);
    return it == intent_at.end() ? nullptr : &intent_articles[it->second];
  }

  /// Whether the index has a learned classifier for its intents (it has none
  /// for intents of a question or two each, or too many to learn).
  bool has_classifier() const { return !model.empty() && model.intent_count() == index->intents.size(); }
};

/// The engine's state is its knowledge.
struct Engine::Internal : Knowledge {};

}  // namespace firstline
