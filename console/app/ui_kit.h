// ui_kit.h — the console's small UI kit, shared by its tabs: the look
// (colours, ImGui style), text helpers (in a colour, wrapped, highlighted
// spans), the filter combo, and ViewContext, what every tab draws with.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "firstline/console/catalogue.h"
#include "imgui.h"

namespace firstline::console {

inline const ImVec4 kMuted(0.55f, 0.58f, 0.62f, 1.0f);      ///< secondary text: details, hints
inline const ImVec4 kHighlight(1.0f, 0.82f, 0.30f, 1.0f);   ///< matched words, section titles
inline const ImVec4 kError(1.0f, 0.42f, 0.38f, 1.0f);
inline const ImVec4 kWarning(1.0f, 0.75f, 0.30f, 1.0f);
inline const ImVec4 kGood(0.45f, 0.85f, 0.50f, 1.0f);

/// An article type's colour (policy, script, lesson, faq; solution and others alike).
ImVec4 type_colour(const std::string& type);
/// A problem level's colour, from good (L1) to error (L4).
ImVec4 level_colour(int level);
/// An audience's colour: internal articles stand out.
ImVec4 audience_colour(const std::string& audience);

/// ImGui's dark style with the console's corners and cell padding.
void use_console_style();

struct ViewFonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
};

/// What every tab draws with: the open index, the fonts, the shell's copy
/// (to the clipboard, confirmed by a toast naming `what`) and error log.
struct ViewContext {
  const Catalogue& catalogue;
  const ViewFonts& fonts;
  const std::function<void(const std::string& text, const char* what)>& copy;
  const std::function<void(const std::string& message)>& log_error;
};

void text(const std::string& s);
void text(const ImVec4& colour, const std::string& s);
/// Text wrapped at the pane's right edge.
void wrapped(const std::string& s);
void wrapped(const ImVec4& colour, const std::string& s);

/// Spans on wrapped lines, highlighted ones in kHighlight (ImGui has no rich
/// text: each run is measured and placed with SameLine).
void rich_text(const std::vector<Span>& spans);

/// Notes where the last item was drawn under `name` ("sign in", "case FL-…"),
/// so a browser test can click it (platform_browser.cpp: console_item_rect).
void mark(const std::string& name);
/// "x,y,width,height,active" of what was marked `name` in the last two
/// frames, in window coordinates (active: 1 while it has the mouse or the
/// keyboard, a text field being typed in); "" when it was not drawn.
std::string marked_rect(const std::string& name);

/// A labelled filter combo: "any" and every choice with its article count.
/// Returns true when the agent picked something (`value` then holds it).
bool combo(const char* label, std::string& value, const std::vector<FilterChoice>& choices, float width);

}  // namespace firstline::console
