// The console's Dear ImGui view (see console_view.h): layout only.
#include "console_view.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"

namespace firstline::console {

namespace {

const ImVec4 kMuted(0.55f, 0.58f, 0.62f, 1.0f);
const ImVec4 kHighlight(1.0f, 0.82f, 0.30f, 1.0f);
const ImVec4 kError(1.0f, 0.42f, 0.38f, 1.0f);
const ImVec4 kWarning(1.0f, 0.75f, 0.30f, 1.0f);
const ImVec4 kGood(0.45f, 0.85f, 0.50f, 1.0f);

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

/// Spans on wrapped lines, highlighted ones in colour (ImGui has no rich text:
/// each run is measured and placed with SameLine).
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
  std::string preview = "any";
  for (const auto& c : choices)
    if (c.value == value) preview = c.label;
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

std::string percent(double x) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", x * 100);
  return buffer;
}

}  // namespace

ConsoleView::ConsoleView(std::function<void(const std::string&)> copy, std::function<void(const std::string&)> log_error)
    : copy_(std::move(copy)), log_error_(std::move(log_error)) {}

bool ConsoleView::open_index(const std::string& path) {
  try {
    catalogue_.emplace(Catalogue::open(path));
    stats_ = catalogue_->stats();
    ++generation_;
    index_error_.clear();
    status_.clear();
    search_dirty_ = true;
    if (handoff_ && handoff_->ok()) recommendations_ = catalogue_->recommendations(handoff_->value);
    return true;
  } catch (const std::exception& e) {
    catalogue_.reset();
    index_error_ = std::string("Could not open the agent index: ") + e.what();
    log_error_(index_error_);
    return false;
  }
}

std::string ConsoleView::glyph_text() const {
  std::string all =
      "Search Handoff Editor ¥ “” ‘’ 「」 （）【】《》、，。：；！？…—–·→←↑↓ ";
  all += handoff_text_;  // what a customer typed may use characters the KB does not
  if (gaps_)
    for (const auto& group : gaps_->groups)
      for (const auto& q : group.questions) all += q.query;
  if (!catalogue_) return all;
  const Index& index = catalogue_->index();
  for (const char* key : {"firstline:intents", "firstline:escalation", "firstline:first_screen", "firstline:build"})
    all += index.metadata(key);
  for (const auto& hit : index.articles(ArticleFilter{}, kEveryArticle)) {
    try {
      all += index.article_json(hit.id);
    } catch (const std::exception&) {
    }
  }
  return all;
}

void ConsoleView::set_query(const std::string& query) {
  query_ = query;
  ++query_widget_;
  search_dirty_ = true;
}

void ConsoleView::take_text(const std::string& text, const std::string& origin) {
  if (looks_like_handoff(text)) load_handoff(text);
  else load_events(text, origin);
}

void ConsoleView::load_handoff(const std::string& text) {
  handoff_text_ = text;
  handoff_ = parse_handoff(text);
  ++generation_;  // new characters for the font atlas
  recommendations_ = {};
  case_article_.reset();
  if (handoff_->ok() && catalogue_) recommendations_ = catalogue_->recommendations(handoff_->value);
  requested_tab_ = Tab::handoff;
}

void ConsoleView::load_events(const std::string& text, const std::string& origin) {
  TextFold fold;
  if (catalogue_) {
    const Index& index = catalogue_->index();
    fold = [&index](std::string_view s) { return index.folder().fold(s); };
  }
  gaps_ = find_gaps(text, fold);
  ++generation_;
  events_origin_ = origin;
  requested_tab_ = Tab::editor;
}

void ConsoleView::copy(const std::string& text, const char* what) {
  copy_(text);
  toast_ = std::string("Copied ") + what + " to the clipboard";
  toast_until_ = ImGui::GetTime() + 2.5;
}

void ConsoleView::run_search() {
  search_dirty_ = false;
  if (!catalogue_) return;
  SearchRequest request;
  request.query = query_;
  request.filter = filter_;
  request.limit = 60;
  const auto start = std::chrono::steady_clock::now();
  results_ = catalogue_->search(request);
  search_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  // Show the best match, unless the article being read is still among the results.
  const bool still_listed = article_ && std::any_of(results_.rows.begin(), results_.rows.end(),
                                                    [&](const ResultRow& row) { return row.id == article_->id; });
  if (!still_listed && !results_.rows.empty()) open_article(results_.rows.front().id, article_);
}

void ConsoleView::open_article(const std::string& id, std::optional<ArticleDocument>& into) {
  if (!catalogue_) return;
  try {
    into = parse_article(catalogue_->index().article_json(id));
  } catch (const std::exception& e) {
    log_error_(std::string("Could not open article ") + id + ": " + e.what());
  }
}

void ConsoleView::draw(const ViewFonts& fonts) {
  fonts_ = fonts;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("firstline agent console", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  if (!catalogue_) {
    ImGui::PushFont(fonts_.heading);
    text("firstline agent console");
    ImGui::PopFont();
    if (!index_error_.empty()) wrapped(kError, index_error_);
    else wrapped(status_);
    ImGui::End();
    return;
  }
  if (ImGui::BeginTabBar("views")) {
    const auto tab = [&](const char* label, Tab which) {
      ImGuiTabItemFlags flags = requested_tab_ == which ? ImGuiTabItemFlags_SetSelected : 0;
      return ImGui::BeginTabItem(label, nullptr, flags);
    };
    if (tab("Search", Tab::search)) {
      draw_search();
      ImGui::EndTabItem();
    }
    if (tab("Handoff", Tab::handoff)) {
      draw_handoff();
      ImGui::EndTabItem();
    }
    if (tab("Editor", Tab::editor)) {
      draw_editor();
      ImGui::EndTabItem();
    }
    requested_tab_.reset();
    ImGui::EndTabBar();
  }
  if (ImGui::GetTime() < toast_until_) {
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - 16, viewport->WorkPos.y + 16),
                            ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowBgAlpha(0.9f);
    ImGui::Begin("toast", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                       ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    text(kGood, toast_);
    ImGui::End();
  }
  ImGui::End();
}

// ---------------------------------------------------------------- Search

void ConsoleView::draw_search() {
  if (focused_query_widget_ != query_widget_) {  // the first frame, or the query was replaced: type into it
    ImGui::SetKeyboardFocusHere();
    focused_query_widget_ = query_widget_;
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  ImGui::PushID(query_widget_);
  if (ImGui::InputTextWithHint("##query", "Search solutions, scripts, compensation standards, lessons… (e.g. 快递延迟补偿)",
                               &query_))
    search_dirty_ = true;
  ImGui::PopID();
  draw_filters();
  if (search_dirty_) run_search();

  ImGui::SameLine();
  char summary[96];
  std::snprintf(summary, sizeof summary, "%zu article%s · %.1f ms", results_.rows.size(),
                results_.rows.size() == 1 ? "" : "s", search_ms_);
  text(kMuted, summary);
  if (!results_.decision.empty()) {
    std::string reading = "The widget reads this as: " + results_.decision;
    for (std::size_t i = 0; i < results_.intents.size(); ++i)
      reading += (i ? ", " : " · ") + catalogue_->intent_label(results_.intents[i].id, "zh-Hans") + " " +
                 percent(results_.intents[i].confidence);
    text(kMuted, reading);
  } else {
    text(kMuted, query_.empty() ? "No query: every article the filters let through, newest first." : "");
  }
  ImGui::Separator();

  const float left = ImGui::GetContentRegionAvail().x * 0.46f;
  ImGui::BeginChild("results", ImVec2(left, 0), false);
  draw_results();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("article", ImVec2(0, 0), true);
  draw_article_pane();
  ImGui::EndChild();
}

void ConsoleView::draw_filters() {
  const Facets& facets = catalogue_->facets();
  const float w = 150;
  bool changed = false;
  ImGui::SameLine();
  changed |= combo("Type", filter_.type, facets.types, w * 0.8f);
  ImGui::SameLine();
  changed |= combo("Audience", filter_.audience, facets.audiences, w * 0.8f);
  // Second row: intent, level, locale.
  changed |= combo("Intent", filter_.intent, facets.intents, w * 2.0f);
  ImGui::SameLine();
  std::string level = filter_.level ? std::to_string(filter_.level) : "";
  if (combo("Problem level", level, facets.levels, w * 0.6f)) {
    filter_.level = level.empty() ? 0 : std::stoi(level);
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

void ConsoleView::draw_results() {
  if (results_.rows.empty()) {
    wrapped(kMuted, query_.empty() ? "No article matches these filters." : "Nothing found. Try other words or clear the filters.");
    return;
  }
  for (const auto& row : results_.rows) {
    ImGui::PushID(row.id.c_str());
    const bool selected = article_ && article_->id == row.id;
    const ImVec2 start = ImGui::GetCursorPos();
    if (ImGui::Selectable("##row", selected, 0, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 2)))
      open_article(row.id, article_);
    ImGui::SetCursorPos(start);
    text(type_colour(row.type), row.type);
    ImGui::SameLine();
    text(row.audience == "internal" ? kWarning : kMuted, row.audience);
    ImGui::SameLine();
    text(kMuted, row.locale + " · " + row.updated + (row.level ? " · L" + std::to_string(row.level) : ""));
    ImGui::PushFont(fonts_.heading);
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

void ConsoleView::draw_article_pane() {
  if (!article_) {
    wrapped(kMuted, "Select an article to read it here.");
    return;
  }
  draw_article(*article_, article_);
}

void ConsoleView::draw_article(const ArticleDocument& doc, std::optional<ArticleDocument>& pane) {
  if (!doc.error.empty()) {
    wrapped(kError, doc.error);
    return;
  }
  ImGui::PushFont(fonts_.heading);
  wrapped(doc.title);
  ImGui::PopFont();
  text(type_colour(doc.type), doc.type);
  ImGui::SameLine();
  text(doc.audience == "internal" ? kWarning : kMuted, doc.audience);
  ImGui::SameLine();
  std::string meta = doc.locale + " · updated " + doc.updated + (doc.level ? " · L" + std::to_string(doc.level) : "") + " · " + doc.id;
  text(kMuted, meta);
  if (catalogue_) {
    std::string labels;
    for (const auto& intent : doc.intents) labels += (labels.empty() ? "" : ", ") + catalogue_->intent_label(intent, doc.locale);
    if (!labels.empty()) text(kMuted, "Intents: " + labels);
  }
  const bool is_script = doc.type == "script";
  if (ImGui::Button(is_script ? "Copy the whole script" : "Copy the answer")) copy(plain_text(doc.blocks), is_script ? "the script" : "the answer");
  ImGui::Separator();

  int n = 0;
  for (const auto& block : doc.blocks) {
    ImGui::PushID(n++);
    switch (block.kind) {
      case Block::Kind::heading:
        ImGui::Spacing();
        ImGui::PushFont(fonts_.heading);
        wrapped(block.text);
        ImGui::PopFont();
        break;
      case Block::Kind::paragraph:
      case Block::Kind::quote:
      case Block::Kind::list_item: {
        if (is_script && has_quoted_speech(block.text)) {
          if (ImGui::SmallButton("Copy")) copy(spoken_text(block.text), "the line");
          ImGui::SameLine();
        }
        if (block.kind == Block::Kind::list_item) {
          ImGui::Indent(static_cast<float>(block.level - 1) * 18.0f);
          text(block.number ? std::to_string(block.number) + "." : "•");
          ImGui::SameLine();
          wrapped(block.text);
          ImGui::Unindent(static_cast<float>(block.level - 1) * 18.0f);
        } else if (block.kind == Block::Kind::quote) {
          wrapped(ImVec4(0.75f, 0.85f, 1.0f, 1.0f), block.text);
        } else {
          wrapped(block.text);
        }
        break;
      }
      case Block::Kind::code:
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.95f, 0.75f, 1.0f));
        text(block.text);
        ImGui::PopStyleColor();
        break;
      case Block::Kind::rule:
        ImGui::Separator();
        break;
      case Block::Kind::table: {
        std::size_t columns = 0;
        for (const auto& row : block.rows) columns = std::max(columns, row.size());
        if (columns == 0 || columns > 63) break;
        if (ImGui::BeginTable("table", static_cast<int>(columns),
                              ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
          for (std::size_t r = 0; r < block.rows.size(); ++r) {
            ImGui::TableNextRow(r == 0 && block.has_header ? ImGuiTableRowFlags_Headers : 0);
            for (std::size_t c = 0; c < columns; ++c) {
              ImGui::TableSetColumnIndex(static_cast<int>(c));
              const std::string& cell = c < block.rows[r].size() ? block.rows[r][c] : std::string();
              if (r == 0 && block.has_header) text(kHighlight, cell);
              else wrapped(cell);
            }
          }
          ImGui::EndTable();
        }
        if (ImGui::SmallButton("Copy table")) {
          std::vector<Block> one{block};
          copy(plain_text(one), "the table");
        }
        break;
      }
    }
    ImGui::PopID();
  }
  if (!doc.questions.empty()) {
    ImGui::Spacing();
    if (ImGui::CollapsingHeader("Questions this article answers")) {
      for (const auto& q : doc.questions) {
        ImGui::Bullet();
        wrapped(q);
      }
    }
  }
  if (!doc.related.empty() && ImGui::CollapsingHeader("Related articles")) {
    for (const auto& id : doc.related) {
      const std::string title = catalogue_ ? catalogue_->article_title(id) : id;
      if (ImGui::Selectable((title + "##" + id).c_str())) {
        open_article(id, pane);
        break;  // doc now refers to the replaced article
      }
    }
  }
}

// ---------------------------------------------------------------- Handoff

void ConsoleView::draw_handoff() {
  const float left = ImGui::GetContentRegionAvail().x * 0.52f;
  ImGui::BeginChild("case", ImVec2(left, 0), false);
  wrapped(kMuted, "Paste the handoff payload from the widget below, or drop its file on the window.");
  ImGui::InputTextMultiline("##payload", &handoff_text_, ImVec2(-1, ImGui::GetTextLineHeight() * 5));
  if (ImGui::Button("Read payload")) load_handoff(handoff_text_);
  ImGui::SameLine();
  if (ImGui::Button("Paste and read")) {
    const char* clip = ImGui::GetClipboardText();
    load_handoff(clip ? clip : "");
  }
  ImGui::SameLine();
  if (ImGui::Button("Clear")) {
    handoff_text_.clear();
    handoff_.reset();
    recommendations_ = {};
    case_article_.reset();
  }
  ImGui::Separator();
  if (!handoff_) {
    wrapped(kMuted, "No case yet.");
  } else if (!handoff_->ok()) {
    ImGui::PushFont(fonts_.heading);
    wrapped(kError, handoff_->error);
    ImGui::PopFont();
  } else {
    for (const auto& warning : handoff_->warnings) wrapped(kWarning, "Note: " + warning);
    draw_case(handoff_->value);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("best practice", ImVec2(0, 0), true);
  draw_recommendations();
  ImGui::EndChild();
}

void ConsoleView::draw_case(const HandoffCase& c) {
  ImGui::PushFont(fonts_.heading);
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
  const std::string best = c.intents.empty() ? "Unrecognised problem" : c.intents.front().label;
  wrapped(best);
  ImGui::PopFont();
  text(kMuted, problem_level_meaning(c.problem_level));
  wrapped(c.summary);
  ImGui::Spacing();

  if (ImGui::BeginTable("glance", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    const auto row = [](const char* label) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      text(kMuted, label);
      ImGui::TableSetColumnIndex(1);
    };
    row("Detected intent");
    if (c.intents.empty()) text("none");
    for (std::size_t i = 0; i < c.intents.size() && i < 3; ++i) {
      ImGui::ProgressBar(static_cast<float>(c.intents[i].confidence), ImVec2(80, 0), percent(c.intents[i].confidence).c_str());
      ImGui::SameLine();
      text(c.intents[i].label + "  (" + c.intents[i].id + ")");
    }
    if (catalogue_) {
      const auto about = case_intents(c);
      if (!about.empty() && (c.intents.empty() || about.front() != c.intents.front().id)) {
        row("Asked about");
        std::string labels;
        for (const auto& id : about) labels += (labels.empty() ? "" : ", ") + catalogue_->intent_label(id, c.locale);
        wrapped(labels);
      }
    }
    row("Recommended");
    text(kGood, c.channel);
    ImGui::SameLine();
    text(kMuted, std::string("— ") + escalation_reason_text(c.channel_reason));
    if (!c.channel_why.empty()) wrapped(c.channel_why);
    if (!c.channel_order.empty()) {
      std::string order;
      for (const auto& ch : c.channel_order) order += (order.empty() ? "" : " → ") + ch;
      text(kMuted, "Order: " + order);
    }
    row("Urgency / emotion");
    std::string signals;
    for (const auto& s : c.urgent_signals) signals += "urgent: " + s + "  ";
    for (const auto& s : c.emotion_signals) signals += "emotion: " + s + "  ";
    for (const auto& s : c.human_request) signals += "asked for a person: " + s + "  ";
    wrapped(signals.empty() ? "none detected" : signals);
    row("Context");
    text("page " + (c.page.empty() ? std::string("?") : c.page) + " · order " +
         (c.order_state.empty() ? std::string("?") : c.order_state) + " · " + std::to_string(c.previous_contacts) +
         " earlier contact(s) · " + c.locale + " · personal data " + c.personal_data);
    ImGui::EndTable();
  }

  ImGui::Spacing();
  text(kHighlight, "What the customer asked");
  if (ImGui::BeginTable("turns", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 24);
    ImGui::TableSetupColumn("Question");
    ImGui::TableSetupColumn("Widget's answer");
    ImGui::TableHeadersRow();
    int n = 1;
    for (const auto& turn : c.conversation) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      text(std::to_string(n++));
      ImGui::TableSetColumnIndex(1);
      wrapped(turn.chosen_intent.empty() ? turn.query : "chose: " + (catalogue_ ? catalogue_->intent_label(turn.chosen_intent, c.locale) : turn.chosen_intent));
      ImGui::TableSetColumnIndex(2);
      std::string answer = turn.decision;
      if (!turn.intent.empty()) answer += " · " + (catalogue_ ? catalogue_->intent_label(turn.intent, c.locale) : turn.intent);
      if (!turn.escalation_reason.empty()) answer += " · " + turn.escalation_reason;
      wrapped(answer);
    }
    ImGui::EndTable();
  }

  ImGui::Spacing();
  text(kHighlight, "What they already tried");
  if (c.attempts.empty()) text(kMuted, "No article was offered or opened.");
  else if (ImGui::BeginTable("tried", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Article");
    ImGui::TableSetupColumn("Seen");
    ImGui::TableSetupColumn("Helped?");
    ImGui::TableHeadersRow();
    for (const auto& a : c.attempts) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const std::string title = catalogue_ ? catalogue_->article_title(a.article) : a.article;
      if (ImGui::Selectable((title + "##tried" + a.article).c_str())) open_article(a.article, case_article_);
      ImGui::TableSetColumnIndex(1);
      text(a.opened ? "opened" : a.offered ? "offered" : "rated");
      ImGui::TableSetColumnIndex(2);
      if (!a.helped) text(kMuted, "no verdict");
      else if (*a.helped) text(kGood, "helped");
      else text(kError, "did not help");
    }
    ImGui::EndTable();
  }
}

void ConsoleView::draw_recommendations() {
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
      const bool selected = case_article_ && case_article_->id == row.id;
      if (ImGui::Selectable((row.title + "##rec" + row.id).c_str(), selected)) open_article(row.id, case_article_);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s · %s · %s", row.type.c_str(), row.audience.c_str(), row.intent_labels.c_str());
    }
  };
  section("Compensation standards", recommendations_.standards);
  section("Scripts", recommendations_.scripts);
  section("Solutions and lessons", recommendations_.solutions);
  ImGui::Separator();
  if (!case_article_) {
    const auto* first = !recommendations_.standards.empty() ? &recommendations_.standards
                        : !recommendations_.scripts.empty()  ? &recommendations_.scripts
                                                             : &recommendations_.solutions;
    if (!first->empty()) open_article(first->front().id, case_article_);
  }
  if (case_article_) draw_article(*case_article_, case_article_);
}

// ---------------------------------------------------------------- Editor

void ConsoleView::draw_editor() {
  ImGui::BeginChild("editor", ImVec2(0, 0), false);
  if (stats_) {
    const IndexStats& s = *stats_;
    ImGui::PushFont(fonts_.heading);
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
        for (const auto& i : s.intents) {
          ImGui::TableNextRow();
          ImGui::TableSetColumnIndex(0);
          text(i.id);
          ImGui::TableSetColumnIndex(1);
          text(i.label);
          ImGui::TableSetColumnIndex(2);
          text(i.group);
          ImGui::TableSetColumnIndex(3);
          text(i.examples < 12 ? kWarning : ImGui::GetStyleColorVec4(ImGuiCol_Text), std::to_string(i.examples));
          ImGui::TableSetColumnIndex(4);
          text(i.articles == 0 ? kError : ImGui::GetStyleColorVec4(ImGuiCol_Text), std::to_string(i.articles));
          ImGui::TableSetColumnIndex(5);
          text(std::string(i.human_only ? "human only " : "") + (i.urgent ? "urgent" : ""));
        }
        ImGui::EndTable();
      }
    }
  }
  ImGui::Spacing();
  draw_gaps();
  ImGui::EndChild();
}

void ConsoleView::draw_gaps() {
  ImGui::PushFont(fonts_.heading);
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
      text(g.intent.empty() ? "—" : (catalogue_ ? catalogue_->intent_label(g.intent, "zh-Hans") : g.intent));
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
