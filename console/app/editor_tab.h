// editor_tab.h — the Editor tab, for the people who write the knowledge
// base: the index's build and counts, its intents (thin ones marked), and
// the gaps of a widget event log (what to write next), and the customers'
// wordings the desk suggests as example questions (accept or reject each).
#pragma once

#include <optional>
#include <string>

#include "firstline/console/catalogue.h"
#include "firstline/console/desk_session.h"
#include "firstline/console/gaps.h"
#include "ui_kit.h"

namespace firstline::console {

class EditorTab {
 public:
  /// The index was opened: its statistics.
  void use_index(const Catalogue& catalogue) { stats_ = catalogue.stats(); }
  /// Reads a widget event log (JSON Lines) from `origin` (a path, "pasted
  /// text", "the desk, the last 7 days"); with an index, questions are folded
  /// as the index folds them and each gap is asked again ("answered now by").
  void load_events(const std::string& text, const std::string& origin, const Catalogue* catalogue);
  /// Takes the desk's events when a new read of them arrived (DeskSession::fetch_events); true then.
  bool take_desk_events(const DeskSession& desk, const Catalogue* catalogue);

  /// The log's questions: customers' words may use characters the KB does not.
  std::string questions_text() const;

  /// `desk`: the desk the agent signed in to, if any (the period buttons read its events).
  void draw(const ViewContext& context, DeskSession* desk);

 private:
  void draw_index(const IndexStats& stats, const ViewContext& context);
  void draw_gaps(const ViewContext& context, DeskSession* desk);
  void draw_articles(const ViewContext& context);
  void draw_suggestions(const ViewContext& context, DeskSession* desk);

  std::optional<IndexStats> stats_;
  std::string events_origin_;
  std::optional<GapReport> gaps_;
  int desk_events_seen_ = 0;
};

}  // namespace firstline::console
