// handoff_tab.h — the Handoff tab: the payload box, the handed-off case at a
// glance (firstline/console/case_glance.h), and beside it the case's best
// practices (standards, scripts, solutions) with the article being read.
#pragma once

#include <optional>
#include <string>

#include "article_view.h"
#include "firstline/console/case_glance.h"
#include "firstline/console/catalogue.h"
#include "firstline/console/handoff.h"
#include "ui_kit.h"

namespace firstline::console {

class HandoffTab {
 public:
  /// Reads a pasted or dropped payload; with an index open, also finds the
  /// case's best practices.
  void load(const std::string& text, const Catalogue* catalogue);
  /// The index was opened: the case's labels, titles and best practices from it.
  void use_index(const Catalogue& catalogue);

  /// The payload as given: what a customer typed may use characters the KB does not.
  const std::string& payload_text() const { return text_; }

  /// Returns true when the agent read a new payload here (new text to show).
  bool draw(const ViewContext& context);
  /// The case at a glance and its best practices only, without the payload
  /// box: the Queue tab's view of a case taken from the desk.
  void draw_case_only(const ViewContext& context);

 private:
  void clear();
  bool draw_layout(const ViewContext& context, bool with_payload_box);
  bool draw_payload_box(const ViewContext& context);
  void draw_case(const HandoffCase& c, const CaseGlance& glance, const ViewContext& context);
  void draw_recommendations(const ViewContext& context);

  std::string text_;
  std::optional<HandoffParse> handoff_;
  std::optional<CaseGlance> glance_;  ///< of a payload that was read, made when first drawn
  Recommendations recommendations_;
  ArticleView article_;
};

}  // namespace firstline::console
