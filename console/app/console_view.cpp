// The console's shell (see console_view.h): the window, the tab bar, the
// screen without an index, the toast; each tab draws itself.
#include "console_view.h"

#include "firstline/console/handoff.h"
#include "imgui.h"

namespace firstline::console {

std::optional<ConsoleView::Tab> ConsoleView::tab_named(std::string_view name) {
  if (name == "search") return Tab::search;
  if (name == "handoff") return Tab::handoff;
  if (name == "editor") return Tab::editor;
  if (name == "queue") return Tab::queue;
  return std::nullopt;
}

ConsoleView::ConsoleView(std::function<void(const std::string&)> copy, std::function<void(const std::string&)> log_error)
    : copy_(std::move(copy)),
      log_error_(std::move(log_error)),
      copy_and_confirm_([this](const std::string& text, const char* what) { this->copy(text, what); }) {}

bool ConsoleView::open_index(const std::string& path) {
  try {
    catalogue_.emplace(Catalogue::open(path));
    ++generation_;
    index_error_.clear();
    status_.clear();
    search_.search_again();
    handoff_.use_index(*catalogue_);
    editor_.use_index(*catalogue_);
    queue_.use_index(*catalogue_);
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
      "Search Handoff Editor Queue ¥ “” ‘’ 「」 （）【】《》、，。：；！？…—–·→←↑↓ ";
  all += handoff_.payload_text();
  all += queue_.glyph_text();
  all += editor_.questions_text();
  if (catalogue_) all += catalogue_->all_text();
  return all;
}

void ConsoleView::take_text(const std::string& text, const std::string& origin) {
  if (looks_like_handoff(text)) load_handoff(text);
  else load_events(text, origin);
}

void ConsoleView::load_handoff(const std::string& text) {
  handoff_.load(text, catalogue_ ? &*catalogue_ : nullptr);
  ++generation_;  // new characters for the font atlas
  requested_tab_ = Tab::handoff;
}

void ConsoleView::load_events(const std::string& text, const std::string& origin) {
  editor_.load_events(text, origin, catalogue_ ? &*catalogue_ : nullptr);
  ++generation_;
  requested_tab_ = Tab::editor;
}

void ConsoleView::copy(const std::string& text, const char* what) {
  copy_(text);
  toast_ = std::string("Copied ") + what + " to the clipboard";
  toast_until_ = ImGui::GetTime() + 2.5;
}

void ConsoleView::draw(const ViewFonts& fonts) {
  // The desk's answers are taken every frame, whichever tab is shown.
  if (queue_.poll(catalogue_ ? &*catalogue_ : nullptr)) ++generation_;  // new characters for the font atlas
  if (queue_.desk() && editor_.take_desk_events(*queue_.desk(), catalogue_ ? &*catalogue_ : nullptr)) ++generation_;
  const bool signed_in = queue_.desk() && queue_.desk()->state() == DeskSession::State::signed_in;
  if (signed_in && !was_signed_in_ && on_signed_in_) on_signed_in_();
  was_signed_in_ = signed_in;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("firstline agent console", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  if (!catalogue_) {
    ImGui::PushFont(fonts.heading);
    text("firstline agent console");
    ImGui::PopFont();
    if (!index_error_.empty()) wrapped(kError, index_error_);
    else wrapped(status_);
    if (queue_.desk()) {  // the browser signs in first, then loads the index from the desk
      ImGui::Separator();
      queue_.draw(fonts, nullptr);
    }
    ImGui::End();
    return;
  }
  const ViewContext context{*catalogue_, fonts, copy_and_confirm_, log_error_};
  if (ImGui::BeginTabBar("views")) {
    const auto tab = [&](const char* label, Tab which) {
      ImGuiTabItemFlags flags = requested_tab_ == which ? ImGuiTabItemFlags_SetSelected : 0;
      const bool open = ImGui::BeginTabItem(label, nullptr, flags);
      mark(std::string("tab ") + label);  // where a browser test clicks it
      return open;
    };
    if (tab("Search", Tab::search)) {
      search_.draw(context);
      ImGui::EndTabItem();
    }
    if (tab("Handoff", Tab::handoff)) {
      if (handoff_.draw(context)) ++generation_;  // a payload read from the tab: new characters for the font atlas
      ImGui::EndTabItem();
    }
    if (tab("Editor", Tab::editor)) {
      editor_.draw(context, queue_.desk());
      ImGui::EndTabItem();
    }
    if (tab("Queue", Tab::queue)) {
      queue_.draw(fonts, &context);
      ImGui::EndTabItem();
    }
    requested_tab_.reset();
    ImGui::EndTabBar();
  }
  draw_toast();
  ImGui::End();
}

void ConsoleView::draw_toast() {
  if (ImGui::GetTime() >= toast_until_) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - 16, viewport->WorkPos.y + 16),
                          ImGuiCond_Always, ImVec2(1, 0));
  ImGui::SetNextWindowBgAlpha(0.9f);
  ImGui::Begin("toast", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  text(kGood, toast_);
  ImGui::End();
}

}  // namespace firstline::console
