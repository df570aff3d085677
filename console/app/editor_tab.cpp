// The Editor tab (see editor_tab.h): layout only; the statistics are
// Catalogue::stats()'s and the gaps firstline/console/gaps.h's.
#include "editor_tab.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "firstline/locale.h"

namespace firstline::console {

void EditorTab::load_events(const std::string& text, const std::string& origin, const Catalogue* catalogue) {
  TextFold fold;
  if (catalogue) {
    const Index& index = catalogue->index();
    fold = [&index](std::string_view s) { return index.folder().fold(s); };
  }
  gaps_ = find_gaps(text, fold);
  if (catalogue)
    recheck_gaps(*gaps_, [catalogue](const std::string& query, const std::string& locale) {
      return catalogue->answered_now(query, locale);
    });
  events_origin_ = origin;
}

bool EditorTab::take_desk_events(const DeskSession& desk, const Catalogue* catalogue) {
  const auto& events = desk.events();
  if (events.generation == desk_events_seen_) return false;
  desk_events_seen_ = events.generation;
  load_events(events.jsonl, "the desk, " + events.label, catalogue);
  return true;
}

namespace {

/// The UTC date `days` ago, "YYYY-MM-DD".
std::string utc_date_days_ago(int days) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() - std::chrono::hours(24 * days));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return out;
}

/// The last days of a group's questions, oldest first: "11-24 3 · 11-25 5".
std::string trend(const std::map<std::string, std::size_t>& by_day) {
  std::string out;
  std::size_t shown = 0;
  for (auto it = by_day.rbegin(); it != by_day.rend() && shown < 5; ++it, ++shown)
    out = it->first.substr(5) + " " + std::to_string(it->second) + (out.empty() ? "" : " · " + out);
  return out;
}

}  // namespace

std::string EditorTab::questions_text() const {
  std::string all;
  if (gaps_)
    for (const auto& group : gaps_->groups)
      for (const auto& q : group.questions) all += q.query;
  return all;
}

void EditorTab::draw(const ViewContext& context, DeskSession* desk) {
  ImGui::BeginChild("editor", ImVec2(0, 0), false);
  if (stats_) draw_index(*stats_, context);
  ImGui::Spacing();
  draw_gaps(context, desk);
  draw_articles(context);
  draw_suggestions(context, desk);
  ImGui::EndChild();
}

void EditorTab::draw_articles(const ViewContext& context) {
  if (!gaps_ || gaps_->articles.empty()) return;
  ImGui::Spacing();
  ImGui::PushFont(context.fonts.heading);
  text("How the articles did");
  ImGui::PopFont();
  std::vector<std::pair<std::string, ArticleUse>> rows(gaps_->articles.begin(), gaps_->articles.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.views > b.second.views; });
  if (ImGui::BeginTable("article use", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* h : {"article", "views", "helped / not", "helpful"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const auto& [id, use] : rows) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      text(context.catalogue.article_title(id));
      ImGui::TableSetColumnIndex(1);
      text(std::to_string(use.views));
      ImGui::TableSetColumnIndex(2);
      text(std::to_string(use.helped) + " / " + std::to_string(use.not_helped));
      ImGui::TableSetColumnIndex(3);
      const double ratio = use.helpful_ratio();
      if (ratio < 0) text(kMuted, "—");
      else text(ratio < 0.5 ? kWarning : ImGui::GetStyleColorVec4(ImGuiCol_Text), std::to_string(static_cast<int>(ratio * 100 + 0.5)) + "%");
    }
    ImGui::EndTable();
  }
}

void EditorTab::draw_suggestions(const ViewContext& context, DeskSession* desk) {
  ImGui::Spacing();
  ImGui::PushFont(context.fonts.heading);
  text("Customers' words for the examples");
  ImGui::PopFont();
  wrapped(kMuted, "Wordings the desk saw customers use before the answer that helped them (clarified, or asked again), "
                  "suggested as example questions of that intent. Accepted ones go into kb-content/intents.yaml with "
                  "firstline-index suggestions apply kb-content --desk URL --user NAME --password-file FILE (a change to review, then build).");
  if (!desk || desk->state() != DeskSession::State::signed_in) {
    text(kMuted, "Sign in to the desk on the Queue tab to read them.");
    return;
  }
  const auto& s = desk->suggestions();
  ImGui::BeginDisabled(s.loading);
  if (ImGui::Button(s.generation ? "Read again##suggestions" : "Read the suggestions##suggestions")) desk->fetch_suggestions();
  ImGui::EndDisabled();
  mark("read suggestions");
  if (s.loading) {
    ImGui::SameLine();
    text(kMuted, "reading…");
  }
  if (!s.generation) return;
  if (s.pending.empty()) {
    text(kMuted, "Nothing pending.");
    return;
  }
  if (ImGui::BeginTable("suggestions", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* h : {"customers", "wording", "as an example of", "evidence", ""}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    // Copied: a click below changes the list.
    const std::vector<SuggestionEntry> rows = s.pending;
    for (const auto& e : rows) {
      ImGui::PushID(static_cast<int>(e.id));
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      text(std::to_string(e.customers));
      ImGui::TableSetColumnIndex(1);
      text(e.wording);
      ImGui::TableSetColumnIndex(2);
      text(context.catalogue.intent_label(e.intent, e.locale) + "  (" + e.intent + ", " + e.locale + ")");
      ImGui::TableSetColumnIndex(3);
      text(kMuted, suggestion_evidence(e));
      ImGui::TableSetColumnIndex(4);
      ImGui::BeginDisabled(desk->busy());
      if (ImGui::SmallButton("Accept")) desk->decide_suggestion(e.id, true);
      mark("accept " + e.wording);
      ImGui::SameLine();
      if (ImGui::SmallButton("Reject")) desk->decide_suggestion(e.id, false);
      mark("reject " + e.wording);
      ImGui::EndDisabled();
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
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
        // A known gap has no article by design: it is flagged, not an error.
        text(i.articles == 0 && !i.not_covered ? kError : plain, std::to_string(i.articles));
        ImGui::TableSetColumnIndex(5);
        if (i.not_covered)
          text(kWarning, "not covered");
        else
          text(std::string(i.human_only ? "human only " : "") + (i.urgent ? "urgent" : ""));
      }
      ImGui::EndTable();
    }
  }
}

void EditorTab::draw_gaps(const ViewContext& context, DeskSession* desk) {
  ImGui::PushFont(context.fonts.heading);
  text("What to write next");
  ImGui::PopFont();
  wrapped(kMuted, "Questions customers asked that found nothing, were answered unhelpfully or ended with a person, "
                  "grouped, from the handoff desk (sign in on the Queue tab) or from an event log (JSON Lines) dropped "
                  "on the window or given with --events FILE. Each group is asked again of this index.");
  if (desk && desk->state() == DeskSession::State::signed_in) {
    text("From the desk:");
    for (const auto& [label, days] : std::vector<std::pair<const char*, int>>{{"the last 7 days", 7}, {"the last 30 days", 30}, {"everything", 0}}) {
      ImGui::SameLine();
      const std::string button = std::string(label) + "##events";
      ImGui::BeginDisabled(desk->events().loading);
      if (ImGui::Button(button.c_str())) desk->fetch_events(days ? utc_date_days_ago(days) : "", "", label);
      ImGui::EndDisabled();
      mark(std::string("events ") + label);
    }
    if (desk->events().loading) {
      ImGui::SameLine();
      text(kMuted, "reading…");
    }
  }
  if (!gaps_) return;
  const GapReport& r = *gaps_;
  text(events_origin_ + ": " + std::to_string(r.lines) + " lines, " + std::to_string(r.asks) + " questions, " +
       std::to_string(r.gaps) + " not self-served, " + std::to_string(r.groups.size()) + " groups");
  for (const auto& p : r.problems) text(kWarning, p);
  if (ImGui::BeginTable("gaps", 7, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("asked", ImGuiTableColumnFlags_WidthFixed, 50);
    ImGui::TableSetupColumn("question (most asked wording)");
    ImGui::TableSetupColumn("outcomes");
    ImGui::TableSetupColumn("widget's guess");
    ImGui::TableSetupColumn("trend (by day)");
    ImGui::TableSetupColumn("now");
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
      text(kMuted, trend(g.by_day));
      ImGui::TableSetColumnIndex(5);
      if (g.answered_now.empty()) text(kWarning, "still a gap");
      else text(kHighlight, "answered now by " + g.answered_now);
      ImGui::TableSetColumnIndex(6);
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
