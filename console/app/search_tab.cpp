// The Search tab (see search_tab.h): layout only; what the results mean is
// firstline/console/search_results.h's.
#include "search_tab.h"

#include <chrono>

#include "firstline/console/search_results.h"
#include "misc/cpp/imgui_stdlib.h"

namespace firstline::console {

namespace {

constexpr std::size_t kResultsShown = 60;

}  // namespace

void SearchTab::set_query(const std::string& query) {
  query_ = query;
  ++query_widget_;
  search_dirty_ = true;
}

void SearchTab::run_search(const ViewContext& context) {
  search_dirty_ = false;
  SearchRequest request;
  request.query = query_;
  request.filter = filter_;
  request.limit = kResultsShown;
  const auto start = std::chrono::steady_clock::now();
  results_ = context.catalogue.search(request);
  search_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (const std::string id = article_after_search(results_, article_.shown()); !id.empty()) article_.open(id, context);
}

void SearchTab::draw(const ViewContext& context) {
  if (focused_query_widget_ != query_widget_) {  // the first frame, or the query was replaced: type into it
    ImGui::SetKeyboardFocusHere();
    focused_query_widget_ = query_widget_;
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  ImGui::PushID(query_widget_);
  if (ImGui::InputTextWithHint("##query", "Search solutions, scripts, compensation standards, lessons… (e.g. 快递延迟补偿)",
                               &query_))
    search_dirty_ = true;
  mark("search box");
  ImGui::PopID();
  draw_filters(context);
  if (search_dirty_) run_search(context);

  ImGui::SameLine();
  text(kMuted, results_summary(results_.rows.size(), search_ms_));
  text(kMuted, describe_reading(results_, query_, context.catalogue));
  ImGui::Separator();

  const float left = ImGui::GetContentRegionAvail().x * 0.46f;
  ImGui::BeginChild("results", ImVec2(left, 0), false);
  draw_results(context);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("article", ImVec2(0, 0), true);
  if (article_.empty()) wrapped(kMuted, "Select an article to read it here.");
  else article_.draw(context);
  ImGui::EndChild();
}

void SearchTab::draw_filters(const ViewContext& context) {
  const Facets& facets = context.catalogue.facets();
  const float w = 150;
  bool changed = false;
  ImGui::SameLine();
  changed |= combo("Type", filter_.type, facets.types, w * 0.8f);
  ImGui::SameLine();
  changed |= combo("Audience", filter_.audience, facets.audiences, w * 0.8f);
  // Second row: intent, level, locale.
  changed |= combo("Intent", filter_.intent, facets.intents, w * 2.0f);
  ImGui::SameLine();
  std::string level = level_choice(filter_.level);
  if (combo("Problem level", level, facets.levels, w * 0.6f)) {
    filter_.level = level_of_choice(level);
    changed = true;
  }
  ImGui::SameLine();
  changed |= combo("Locale", filter_.locale, facets.locales, w * 0.8f);
  ImGui::SameLine();
  if (ImGui::Button("Clear filters")) {
    filter_ = {};
    changed = true;
  }
  if (changed) search_dirty_ = true;
}

void SearchTab::draw_results(const ViewContext& context) {
  if (results_.rows.empty()) {
    wrapped(kMuted, query_.empty() ? "No article matches these filters." : "Nothing found. Try other words or clear the filters.");
    return;
  }
  for (const auto& row : results_.rows) {
    ImGui::PushID(row.id.c_str());
    const bool selected = article_.shown() == row.id;
    const ImVec2 start = ImGui::GetCursorPos();
    if (ImGui::Selectable("##row", selected, 0, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 2)))
      article_.open(row.id, context);
    ImGui::SetCursorPos(start);
    text(type_colour(row.type), row.type);
    ImGui::SameLine();
    text(audience_colour(row.audience), row.audience);
    ImGui::SameLine();
    text(kMuted, row.locale + " · " + row.updated + (row.level ? " · L" + std::to_string(row.level) : ""));
    ImGui::PushFont(context.fonts.heading);
    wrapped(row.title);
    ImGui::PopFont();
    text(kMuted, row.intent_labels);
    if (!row.snippet.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.82f, 0.85f, 1));
      rich_text(row.snippet);
      ImGui::PopStyleColor();
    }
    ImGui::Separator();
    ImGui::PopID();
  }
}

}  // namespace firstline::console
