// The Handoff tab (see handoff_tab.h): layout only; what the case means is
// firstline/console/handoff.h's and case_glance.h's.
#include "handoff_tab.h"

#include "firstline/console/format.h"
#include "misc/cpp/imgui_stdlib.h"

namespace firstline::console {

void HandoffTab::load(const std::string& text, const Catalogue* catalogue) {
  text_ = text;
  handoff_ = parse_handoff(text);
  glance_.reset();
  recommendations_ = {};
  article_.close();
  if (catalogue) use_index(*catalogue);
}

void HandoffTab::use_index(const Catalogue& catalogue) {
  glance_.reset();  // drawn anew, from this index
  if (handoff_ && handoff_->ok()) recommendations_ = catalogue.recommendations(handoff_->value);
}

void HandoffTab::clear() {
  text_.clear();
  handoff_.reset();
  glance_.reset();
  recommendations_ = {};
  article_.close();
}

bool HandoffTab::draw(const ViewContext& context) { return draw_layout(context, true); }

bool HandoffTab::draw_payload_box(const ViewContext& context) {
  bool loaded = false;
  wrapped(kMuted, "Paste the handoff payload from the widget below (the handoff, what the widget posts, or the desk's case), "
                  "or drop its file on the window.");
  ImGui::InputTextMultiline("##payload", &text_, ImVec2(-1, ImGui::GetTextLineHeight() * 5));
  if (ImGui::Button("Read payload")) {
    load(std::string(text_), &context.catalogue);
    loaded = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Paste and read")) {
    const char* clip = ImGui::GetClipboardText();
    load(clip ? clip : "", &context.catalogue);
    loaded = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Clear")) clear();
  ImGui::Separator();
  return loaded;
}

void HandoffTab::draw_case_only(const ViewContext& context) { draw_layout(context, false); }

bool HandoffTab::draw_layout(const ViewContext& context, bool with_payload_box) {
  bool loaded = false;
  const float left = ImGui::GetContentRegionAvail().x * 0.52f;
  ImGui::BeginChild("case", ImVec2(left, 0), false);
  if (with_payload_box) loaded = draw_payload_box(context);
  if (!handoff_) {
    wrapped(kMuted, "No case yet.");
  } else if (!handoff_->ok()) {
    ImGui::PushFont(context.fonts.heading);
    wrapped(kError, handoff_->error);
    ImGui::PopFont();
  } else {
    for (const auto& warning : handoff_->warnings) wrapped(kWarning, "Note: " + warning);
    if (!glance_) glance_ = glance_at(handoff_->value, context.catalogue);
    draw_case(handoff_->value, *glance_, context);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("best practice", ImVec2(0, 0), true);
  draw_recommendations(context);
  ImGui::EndChild();
  return loaded;
}

void HandoffTab::draw_case(const HandoffCase& c, const CaseGlance& glance, const ViewContext& context) {
  ImGui::PushFont(context.fonts.heading);
  text(level_colour(c.problem_level), "L" + std::to_string(c.problem_level));
  if (c.urgent) {
    ImGui::SameLine();
    text(kError, "URGENT");
  }
  if (c.emotional) {
    ImGui::SameLine();
    text(kWarning, "UPSET");
  }
  ImGui::SameLine();
  wrapped(glance.headline);
  ImGui::PopFont();
  text(kMuted, problem_level_meaning(c.problem_level));
  wrapped(glance.summary);
  ImGui::Spacing();

  if (ImGui::BeginTable("glance", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    // The labels keep their width in a narrow pane (the Queue tab's); the values wrap.
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Urgency / emotion").x + 8);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    const auto row = [](const char* label) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      text(kMuted, label);
      ImGui::TableSetColumnIndex(1);
    };
    row("Detected intent");
    if (glance.detected.empty()) text("none");
    for (const auto& intent : glance.detected) {
      ImGui::ProgressBar(static_cast<float>(intent.confidence), ImVec2(80, 0), percent(intent.confidence).c_str());
      ImGui::SameLine();
      text(intent.label + "  (" + intent.id + ")");
    }
    if (!glance.asked_about.empty()) {
      row("Asked about");
      wrapped(glance.asked_about);
    }
    if (!glance.reach.empty()) {
      row("Customer chose");
      wrapped(kHighlight, glance.reach);
    }
    row("Recommended");
    text(kGood, c.channel);
    ImGui::SameLine();
    text(kMuted, std::string("— ") + escalation_reason_text(c.channel_reason));
    if (!glance.channel_why.empty()) wrapped(glance.channel_why);
    if (!glance.channel_order.empty()) text(kMuted, "Order: " + glance.channel_order);
    row("Urgency / emotion");
    wrapped(glance.signals);
    row("Context");
    text(glance.context);
    ImGui::EndTable();
  }

  ImGui::Spacing();
  text(kHighlight, "What the customer asked");
  if (ImGui::BeginTable("turns", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 24);
    ImGui::TableSetupColumn("Question");
    ImGui::TableSetupColumn("Widget's answer");
    ImGui::TableHeadersRow();
    for (std::size_t n = 0; n < glance.turns.size(); ++n) {
      const auto& turn = glance.turns[n];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      text(std::to_string(n + 1));
      ImGui::TableSetColumnIndex(1);
      wrapped(turn.question);  // bounded: the whole question is copied, never laid out
      if (turn.question_cut && n < c.conversation.size()) {
        ImGui::PushID(static_cast<int>(n));
        if (ImGui::SmallButton("Copy the whole question")) context.copy(c.conversation[n].query, "the whole question");
        ImGui::PopID();
      }
      ImGui::TableSetColumnIndex(2);
      wrapped(turn.answer);
    }
    ImGui::EndTable();
  }
  if (glance.turns_not_shown > 0) text(kMuted, "… and " + std::to_string(glance.turns_not_shown) + " more turns");

  ImGui::Spacing();
  text(kHighlight, "What they already tried");
  if (glance.tried.empty()) text(kMuted, "No article was offered or opened.");
  else if (ImGui::BeginTable("tried", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Article");
    ImGui::TableSetupColumn("Seen");
    ImGui::TableSetupColumn("Helped?");
    ImGui::TableHeadersRow();
    for (const auto& tried : glance.tried) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (ImGui::Selectable((tried.title + "##tried" + tried.article).c_str())) article_.open(tried.article, context);
      ImGui::TableSetColumnIndex(1);
      text(tried.seen);
      ImGui::TableSetColumnIndex(2);
      if (!tried.helped) text(kMuted, "no verdict");
      else if (*tried.helped) text(kGood, "helped");
      else text(kError, "did not help");
    }
    ImGui::EndTable();
    if (glance.tried_not_shown > 0) text(kMuted, "… and " + std::to_string(glance.tried_not_shown) + " more articles");
  }
}

void HandoffTab::draw_recommendations(const ViewContext& context) {
  if (!handoff_ || !handoff_->ok()) {
    wrapped(kMuted, "Best-practice solutions, scripts and compensation standards for the case appear here.");
    return;
  }
  const auto section = [&](const char* title, const std::vector<ResultRow>& rows) {
    if (!ImGui::CollapsingHeader((title + std::string(" (") + std::to_string(rows.size()) + ")").c_str(),
                                 ImGuiTreeNodeFlags_DefaultOpen))
      return;
    if (rows.empty()) text(kMuted, "none for this intent");
    for (const auto& row : rows) {
      const bool selected = article_.shown() == row.id;
      if (ImGui::Selectable((row.title + "##rec" + row.id).c_str(), selected)) article_.open(row.id, context);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s · %s · %s", row.type.c_str(), row.audience.c_str(), row.intent_labels.c_str());
    }
  };
  section("Compensation standards", recommendations_.standards);
  section("Scripts", recommendations_.scripts);
  section("Solutions and lessons", recommendations_.solutions);
  ImGui::Separator();
  if (article_.empty()) {
    if (const std::string first = first_recommendation(recommendations_); !first.empty()) article_.open(first, context);
  }
  article_.draw(context);
}

}  // namespace firstline::console
