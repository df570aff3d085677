// The reading pane the search and the handoff tab share (see article_view.h).
#include "article_view.h"

#include <algorithm>
#include <vector>

namespace firstline::console {

void ArticleView::open(const std::string& id, const ViewContext& context) {
  try {
    article_ = parse_article(context.catalogue.index().article_json(id));
  } catch (const std::exception& e) {
    context.log_error(std::string("Could not open article ") + id + ": " + e.what());
  }
}

void ArticleView::draw(const ViewContext& context) {
  if (!article_) return;
  const ArticleDocument& doc = *article_;
  if (!doc.error.empty()) {
    wrapped(kError, doc.error);
    return;
  }
  ImGui::PushFont(context.fonts.heading);
  wrapped(doc.title);
  ImGui::PopFont();
  text(type_colour(doc.type), doc.type);
  ImGui::SameLine();
  text(audience_colour(doc.audience), doc.audience);
  ImGui::SameLine();
  std::string meta = doc.locale + " · updated " + doc.updated + (doc.level ? " · L" + std::to_string(doc.level) : "") + " · " + doc.id;
  text(kMuted, meta);
  const std::string labels = context.catalogue.intent_labels(doc.intents, doc.locale);
  if (!labels.empty()) text(kMuted, "Intents: " + labels);
  const bool is_script = doc.type == "script";
  if (ImGui::Button(is_script ? "Copy the whole script" : "Copy the answer"))
    context.copy(plain_text(doc.blocks), is_script ? "the script" : "the answer");
  ImGui::Separator();

  const std::vector<bool> copyable = is_script ? copyable_script_lines(doc.blocks) : std::vector<bool>(doc.blocks.size(), false);
  for (std::size_t n = 0; n < doc.blocks.size(); ++n) {
    ImGui::PushID(static_cast<int>(n));
    draw_block(doc.blocks[n], copyable[n], context);
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
      if (ImGui::Selectable((context.catalogue.article_title(id) + "##" + id).c_str())) {
        const std::string related = id;  // open() replaces doc, and with it id
        open(related, context);
        break;
      }
    }
  }
}

void ArticleView::draw_block(const Block& block, bool copyable_line, const ViewContext& context) {
  switch (block.kind) {
    case Block::Kind::heading:
      ImGui::Spacing();
      ImGui::PushFont(context.fonts.heading);
      wrapped(block.text);
      ImGui::PopFont();
      break;
    case Block::Kind::paragraph:
    case Block::Kind::quote:
    case Block::Kind::list_item: {
      if (copyable_line) {  // a script's line to say; never a don't-say line (copyable_script_lines)
        if (ImGui::SmallButton("Copy")) context.copy(spoken_text(block.text), "the line");
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
      text(ImVec4(0.75f, 0.95f, 0.75f, 1.0f), block.text);
      break;
    case Block::Kind::rule:
      ImGui::Separator();
      break;
    case Block::Kind::table: {
      std::size_t columns = 0;
      for (const auto& row : block.rows) columns = std::max(columns, row.size());
      if (columns == 0 || columns > 63) break;  // ImGui tables hold at most 64 columns
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
      if (ImGui::SmallButton("Copy table")) context.copy(plain_text({block}), "the table");
      break;
    }
  }
}

}  // namespace firstline::console
