// The console's Dear ImGui view: four tabs (Search, Handoff, Editor) over
// the logic library (firstline/console/*.h). No logic lives here: every
// decision (what matches, what a payload means, what a gap is) is made by
// the library, which GoogleTest covers; this file only lays it out.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "firstline/console/article.h"
#include "firstline/console/catalogue.h"
#include "firstline/console/gaps.h"
#include "firstline/console/handoff.h"

struct ImFont;

namespace firstline::console {

struct ViewFonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
};

class ConsoleView {
 public:
  enum class Tab { search, handoff, editor };

  /// `copy` puts text on the clipboard (the host decides how: GLFW natively,
  /// also navigator.clipboard in the browser); `log_error` reports a problem.
  ConsoleView(std::function<void(const std::string&)> copy, std::function<void(const std::string&)> log_error);

  /// Opens the agent index; on failure the view shows the error and returns false.
  bool open_index(const std::string& path);
  /// A message shown while there is no index yet (the browser's download).
  void set_status(const std::string& status) { status_ = status; }

  void set_query(const std::string& query);
  void select_tab(Tab tab) { requested_tab_ = tab; }
  /// A dropped or pasted text: a handoff payload, or else a widget event log.
  void take_text(const std::string& text, const std::string& origin);
  void load_handoff(const std::string& text);
  void load_events(const std::string& text, const std::string& origin);

  /// Changes when the text to show changes (an index, a payload or a log
  /// opened): the host then rebuilds the font atlas with glyph_text().
  int text_generation() const { return generation_; }

  /// Every character the view may show (content, labels, UI strings), for font glyph ranges.
  std::string glyph_text() const;

  void draw(const ViewFonts& fonts);

 private:
  void draw_search();
  void draw_filters();
  void draw_results();
  void draw_article_pane();
  void draw_article(const ArticleDocument& doc, std::optional<ArticleDocument>& pane);
  void draw_handoff();
  void draw_case(const HandoffCase& c);
  void draw_recommendations();
  void draw_editor();
  void draw_gaps();
  void run_search();
  /// Reads article `id` into `into` (the search pane's or the case's).
  void open_article(const std::string& id, std::optional<ArticleDocument>& into);
  void copy(const std::string& text, const char* what);

  std::function<void(const std::string&)> copy_, log_error_;
  std::optional<Catalogue> catalogue_;
  std::string status_ = "No agent index open.";
  std::string index_error_;
  ViewFonts fonts_;
  std::optional<Tab> requested_tab_;
  int generation_ = 0;

  // Search
  std::string query_;
  int focused_query_widget_ = -1;
  int query_widget_ = 0;  ///< bumped when the query is set from outside: a new box shows it (an active one keeps its own text)
  ArticleFilter filter_;
  SearchResults results_;
  double search_ms_ = 0;
  bool search_dirty_ = true;
  std::optional<ArticleDocument> article_;
  std::string toast_;
  double toast_until_ = 0;

  // Handoff
  std::string handoff_text_;
  std::optional<HandoffParse> handoff_;
  Recommendations recommendations_;
  std::optional<ArticleDocument> case_article_;

  // Editor
  std::optional<IndexStats> stats_;
  std::string events_path_;
  std::string events_origin_;
  std::optional<GapReport> gaps_;
};

}  // namespace firstline::console
