// The console's small UI kit (see ui_kit.h): colours, style, text helpers
// and the filter combo the tabs share.
#include "ui_kit.h"

#include <cstdio>
#include <map>

#include "firstline/console/search_results.h"

namespace firstline::console {

ImVec4 type_colour(const std::string& type) {
  if (type == "policy") return ImVec4(0.95f, 0.60f, 0.35f, 1.0f);
  if (type == "script") return ImVec4(0.55f, 0.75f, 1.00f, 1.0f);
  if (type == "lesson") return ImVec4(0.80f, 0.60f, 0.95f, 1.0f);
  if (type == "faq") return ImVec4(0.60f, 0.85f, 0.80f, 1.0f);
  return ImVec4(0.70f, 0.85f, 0.55f, 1.0f);
}

ImVec4 level_colour(int level) {
  return level >= 4 ? kError : level == 3 ? kWarning : level == 2 ? ImVec4(0.95f, 0.90f, 0.45f, 1.0f) : kGood;
}

ImVec4 audience_colour(const std::string& audience) { return audience == "internal" ? kWarning : kMuted; }

void use_console_style() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.CellPadding = ImVec2(6, 4);
}

namespace {

struct Marked {
  ImVec2 min, max;
  int frame = 0;
  bool active = false;
};
std::map<std::string, Marked>& marks() {
  static std::map<std::string, Marked> all;
  return all;
}

}  // namespace

void mark(const std::string& name) {
  marks()[name] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::GetFrameCount(), ImGui::IsItemActive()};
}

std::string marked_rect(const std::string& name) {
  const auto it = marks().find(name);
  if (it == marks().end() || ImGui::GetFrameCount() - it->second.frame > 2) return "";
  char out[96];
  std::snprintf(out, sizeof out, "%.0f,%.0f,%.0f,%.0f,%d", it->second.min.x, it->second.min.y, it->second.max.x - it->second.min.x,
                it->second.max.y - it->second.min.y, it->second.active ? 1 : 0);
  return out;
}

void text(const std::string& s) { ImGui::TextUnformatted(s.c_str(), s.c_str() + s.size()); }

void text(const ImVec4& colour, const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  text(s);
  ImGui::PopStyleColor();
}

void wrapped(const std::string& s) {
  ImGui::PushTextWrapPos(0.0f);
  text(s);
  ImGui::PopTextWrapPos();
}

void wrapped(const ImVec4& colour, const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  wrapped(s);
  ImGui::PopStyleColor();
}

void rich_text(const std::vector<Span>& spans) {
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  bool first = true;
  for (const auto& span : spans) {
    const char* p = span.text.c_str();
    const char* end = p + span.text.size();
    while (p < end) {
      if (!first) ImGui::SameLine(0, 0);
      first = false;
      float room = right - ImGui::GetCursorScreenPos().x;
      // How much fits: advance character by character (UTF-8), breaking after spaces when possible.
      const char* cut = p;
      const char* last_space = nullptr;
      while (cut < end) {
        const char* next = cut + 1;
        while (next < end && (static_cast<unsigned char>(*next) & 0xC0) == 0x80) ++next;
        if (ImGui::CalcTextSize(p, next).x > room) break;
        if (*cut == ' ') last_space = next;
        cut = next;
      }
      if (cut < end && last_space && last_space > p) cut = last_space;
      if (cut == p) {  // nothing fits on this line: start a new one
        if (room < ImGui::GetContentRegionAvail().x) {
          ImGui::NewLine();
          first = true;
          continue;
        }
        cut = p + 1;  // a single glyph wider than the pane
        while (cut < end && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80) ++cut;
      }
      if (span.highlighted) ImGui::PushStyleColor(ImGuiCol_Text, kHighlight);
      ImGui::TextUnformatted(p, cut);
      if (span.highlighted) ImGui::PopStyleColor();
      p = cut;
      if (p < end) first = true;  // TextUnformatted already moved to the next line
    }
  }
}

bool combo(const char* label, std::string& value, const std::vector<FilterChoice>& choices, float width) {
  bool changed = false;
  const std::string preview = chosen_label(choices, value);
  ImGui::AlignTextToFramePadding();
  text(kMuted, label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo((std::string("##") + label).c_str(), preview.c_str())) {
    if (ImGui::Selectable("any", value.empty())) {
      value.clear();
      changed = true;
    }
    for (const auto& c : choices) {
      const std::string item = c.label + "  (" + std::to_string(c.articles) + ")";
      if (ImGui::Selectable(item.c_str(), c.value == value)) {
        value = c.value;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace firstline::console
