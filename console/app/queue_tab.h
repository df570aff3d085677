// queue_tab.h — the Queue tab: signing in to the handoff desk, its open
// cases live (firstline/console/desk_session.h keeps the long poll going),
// and the case being read: claim it, read it in the Handoff tab's
// three-second view (HandoffTab::draw_case_only, the same view as a pasted
// payload), follow the conversation, reply, close it with an outcome.
#pragma once

#include <memory>
#include <set>
#include <string>

#include "firstline/console/desk_session.h"
#include "handoff_tab.h"
#include "ui_kit.h"

namespace firstline::console {

class QueueTab {
 public:
  /// The desk to work with; without one the tab says how to name one.
  void connect(std::unique_ptr<DeskSession> desk) { desk_ = std::move(desk); }
  DeskSession* desk() { return desk_.get(); }
  const DeskSession* desk() const { return desk_.get(); }

  /// Handles the desk's answers (once a frame, drawn or not). Returns true
  /// when text with characters not shown before arrived (the font atlas then grows).
  bool poll(const Catalogue* catalogue);
  /// The index was opened: the open case's best practices from it.
  void use_index(const Catalogue& catalogue) { glance_.use_index(catalogue); }

  /// Without an index (`context` null, the browser before the agent signed
  /// in) the tab still signs in and shows the queue, not the glance.
  void draw(const ViewFonts& fonts, const ViewContext* context);

  /// Every character the desk has shown so far, for the font atlas.
  std::string glyph_text() const { return seen_text_; }

 private:
  void draw_sign_in(const ViewFonts& fonts);
  void draw_queue();
  void draw_case(const ViewFonts& fonts, const ViewContext* context);
  bool take_text(const std::string& text);

  std::unique_ptr<DeskSession> desk_;
  std::string name_, password_, reply_;
  int outcome_ = 0;
  int seen_generation_ = -1;
  HandoffTab glance_;
  std::string glance_for_;  ///< the case (reference, status, handoff) glance_ shows
  std::string seen_text_;
  std::set<char32_t> seen_;
};

}  // namespace firstline::console
