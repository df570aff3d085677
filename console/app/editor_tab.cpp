// The Editor tab (see editor_tab.h): layout only; the statistics are
// Catalogue::stats()'s and the gaps firstline/console/gaps.h's.
#include "editor_tab.h"

#include "firstline/locale.h"

namespace firstline::console {

void EditorTab::load_events(const std::string& text, const std::string& origin, const Catalogue* catalogue) {
  TextFold fold;
  if (catalogue) {
    const Index& index = catalogue->index();
    fold = [&index](std::string_view s) { return index.folder().fold(s); };
  }
  gaps_ = find_gaps(text, fold);
  events_origin_ = origin;
}

std::string EditorTab::questions_text() const {
  std::string all;
  if (gaps_)
    for (const auto& group : gaps_->groups)
      for (const auto& q : group.questions) all += q.query;
  return all;
}

void EditorTab::draw(const ViewContext& context) {
  ImGui::BeginChild("editor", ImVec2(0, 0), false);
  if (stats_) draw_index(*stats_, context);
  ImGui::Spacing();
  draw_gaps(context);
  ImGui::EndChild();
}

void EditorTab::draw_index(const IndexStats& s, const ViewContext& context) {
  ImGui::PushFont(context.fonts.heading);
  text("Index");
  ImGui::PopFont();
  text(s.build.artifact + " index · format " + std::to_string(s.build.format_version) + " · built " + s.build.built_at +
       " · indexer " + s.build.tool_version + " · content " + s.build.content_hash.substr(0, 12));
  text(std::to_string(s.build.articles) + " articles · " + std::to_string(s.build.examples) + " example questions · " +
       std::to_string(s.build.intents) + " intents");
  const auto counts = [](const char* id, const char* title, const Counts& c) {
    if (ImGui::BeginTable(id, 2, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp, ImVec2(230, 0))) {
      ImGui::TableSetupColumn(title);
      ImGui::TableSetupColumn("articles");
      ImGui::TableHeadersRow();
      for (const auto& [key, n] : c) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        text(key);
        ImGui::TableSetColumnIndex(1);
        text(std::to_string(n));
      }
      ImGui::EndTable();
    }
  };
  ImGui::BeginGroup();
  counts("by type", "type", s.by_type);
  ImGui::EndGroup();
  ImGui::SameLine(0, 24);
  ImGui::BeginGroup();
  counts("by audience", "audience", s.by_audience);
  ImGui::EndGroup();
  ImGui::SameLine(0, 24);
  ImGui::BeginGroup();
  counts("by locale", "locale", s.by_locale);
  ImGui::EndGroup();

  ImGui::Spacing();
  text(kHighlight, s.warnings.empty() ? "Validation warnings: none in this build" : "Validation warnings (" + std::to_string(s.warnings.size()) + ")");
  for (const auto& w : s.warnings) wrapped(kWarning, w);

  ImGui::Spacing();
  if (ImGui::CollapsingHeader(("Intents (" + std::to_string(s.intents.size()) + "), fewest examples first").c_str())) {
    if (ImGui::BeginTable("intents", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
      for (const char* h : {"intent", "label", "group", "examples", "articles", "flags"}) ImGui::TableSetupColumn(h);
      ImGui::TableHeadersRow();
      const ImVec4 plain = ImGui::GetStyleColorVec4(ImGuiCol_Text);
      for (const auto& i : s.intents) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        text(i.id);
        ImGui::TableSetColumnIndex(1);
        text(i.label);
        ImGui::TableSetColumnIndex(2);
        text(i.group);
        ImGui::TableSetColumnIndex(3);
        text(has_few_examples(i) ? kWarning : plain, std::to_string(i.examples));
        ImGui::TableSetColumnIndex(4);
        text(i.articles == 0 ? kError : plain, std::to_string(i.articles));
        ImGui::TableSetColumnIndex(5);
        text(std::string(i.human_only ? "human only " : "") + (i.urgent ? "urgent" : ""));
      }
      ImGui::EndTable();
    }
  }
}

void EditorTab::draw_gaps(const ViewContext& context) {
  ImGui::PushFont(context.fonts.heading);
  text("What to write next");
  ImGui::PopFont();
  wrapped(kMuted, "Drop the widget's event log (JSON Lines) on the window, or start the console with --events FILE: "
                  "questions that found nothing, were answered unhelpfully or ended with a person, grouped.");
  if (!gaps_) return;
  const GapReport& r = *gaps_;
  text(events_origin_ + ": " + std::to_string(r.lines) + " lines, " + std::to_string(r.asks) + " questions, " +
       std::to_string(r.gaps) + " not self-served, " + std::to_string(r.groups.size()) + " groups");
  for (const auto& p : r.problems) text(kWarning, p);
  if (ImGui::BeginTable("gaps", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("asked", ImGuiTableColumnFlags_WidthFixed, 50);
    ImGui::TableSetupColumn("question (most asked wording)");
    ImGui::TableSetupColumn("outcomes");
    ImGui::TableSetupColumn("widget's guess");
    ImGui::TableSetupColumn("shared terms");
    ImGui::TableHeadersRow();
    int n = 0;
    for (const auto& g : r.groups) {
      ImGui::PushID(n++);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      text(std::to_string(g.count));
      ImGui::TableSetColumnIndex(1);
      const bool open = ImGui::TreeNodeEx(g.label.c_str(), ImGuiTreeNodeFlags_SpanFullWidth);
      ImGui::TableSetColumnIndex(2);
      std::string outcomes;
      for (const auto& [outcome, k] : g.outcomes) outcomes += std::to_string(k) + " " + gap_outcome_name(outcome) + "  ";
      text(outcomes);
      ImGui::TableSetColumnIndex(3);
      text(g.intent.empty() ? "—" : context.catalogue.intent_label(g.intent, kDefaultLocale));
      ImGui::TableSetColumnIndex(4);
      std::string terms;
      for (const auto& t : g.terms) terms += t + " ";
      text(kMuted, terms);
      if (open) {
        for (const auto& q : g.questions) {
          ImGui::TableNextRow();
          ImGui::TableSetColumnIndex(1);
          text("  " + q.query);
          ImGui::TableSetColumnIndex(2);
          text(kMuted, std::string(gap_outcome_name(q.outcome)) + (q.reason.empty() ? "" : " (" + q.reason + ")"));
          ImGui::TableSetColumnIndex(3);
          text(kMuted, q.locale + " · " + q.at);
        }
        ImGui::TreePop();
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

}  // namespace firstline::console
