// console_view.h — the agent console's Dear ImGui view: a thin shell that
// owns the open agent index and four tabs (Search, Handoff, Editor, Queue: see
// search_tab.h, handoff_tab.h, editor_tab.h, queue_tab.h), routes what the host hands it
// (an index, a query, a dropped payload or log) to them, and shows the
// "copied" toast. Every decision (what matches, what a payload means, what a
// gap is) is the logic library's (firstline/console/*.h), which GoogleTest
// covers; the tabs only lay it out.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "editor_tab.h"
#include "firstline/console/catalogue.h"
#include "handoff_tab.h"
#include "queue_tab.h"
#include "search_tab.h"
#include "ui_kit.h"

namespace firstline::console {

class ConsoleView {
 public:
  enum class Tab { search, handoff, editor, queue };
  /// "search", "handoff", "editor" or "queue" as a Tab; nullopt for any other name.
  static std::optional<Tab> tab_named(std::string_view name);

  /// `copy` puts text on the clipboard (the host decides how: GLFW natively,
  /// also navigator.clipboard in the browser); `log_error` reports a problem.
  ConsoleView(std::function<void(const std::string&)> copy, std::function<void(const std::string&)> log_error);
  ConsoleView(const ConsoleView&) = delete;  // the tabs' copy function points at this view
  ConsoleView& operator=(const ConsoleView&) = delete;

  /// Opens the agent index; on failure the view shows the error and returns false.
  bool open_index(const std::string& path);
  /// A message shown while there is no index yet (the browser's download).
  void set_status(const std::string& status) { status_ = status; }

  void set_query(const std::string& query) { search_.set_query(query); }
  /// The handoff desk the Queue tab signs in to and works with.
  void connect_desk(std::unique_ptr<DeskSession> desk) { queue_.connect(std::move(desk)); }
  DeskSession* desk() { return queue_.desk(); }
  /// Called once each time the agent has signed in to the desk (the browser
  /// then downloads the agent index from it, if it has none yet).
  void on_signed_in(std::function<void()> signed_in) { on_signed_in_ = std::move(signed_in); }
  bool has_index() const { return catalogue_.has_value(); }
  const SearchTab& search() const { return search_; }
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
  void copy(const std::string& text, const char* what);
  void draw_toast();

  std::function<void(const std::string&)> copy_, log_error_;
  std::function<void(const std::string&, const char*)> copy_and_confirm_;  ///< the tabs' copy: copy() with its toast
  std::optional<Catalogue> catalogue_;
  std::string status_ = "No agent index open.";
  std::string index_error_;
  std::optional<Tab> requested_tab_;
  int generation_ = 0;
  std::string toast_;
  double toast_until_ = 0;

  SearchTab search_;
  HandoffTab handoff_;
  EditorTab editor_;
  QueueTab queue_;
  std::function<void()> on_signed_in_;
  bool was_signed_in_ = false;
};

}  // namespace firstline::console
