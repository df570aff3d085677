// The console's font atlas (see fonts.h).
#include "fonts.h"

#include <cstdio>

#include "imgui_impl_opengl3.h"
#include "platform.h"

namespace firstline::console {

namespace {

constexpr float kBodySize = 17.0f, kHeadingSize = 21.0f;

}  // namespace

void ConsoleFonts::build(const std::string& path, const std::string& text) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  fonts_ = {};  // the old fonts went with the atlas
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
  static const ImWchar punctuation[] = {0x2000, 0x206F, 0x2190, 0x21FF, 0x2500, 0x257F, 0x2713, 0x2717, 0x3000, 0x30FF, 0xFF00, 0xFFEF, 0};
  builder.AddRanges(punctuation);
  builder.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
  builder.AddText(text.c_str());
  ImVector<ImWchar> built;
  builder.BuildRanges(&built);
  ranges_.assign(built.begin(), built.end());

  if (std::FILE* probe = std::fopen(path.c_str(), "rb")) {  // ImGui asserts on a missing file: look first
    std::fclose(probe);
    ImFontConfig config;
    config.OversampleH = 1;  // CJK glyphs are many: keep the atlas small
    config.PixelSnapH = true;
    fonts_.body = io.Fonts->AddFontFromFileTTF(path.c_str(), kBodySize, &config, ranges_.data());
    fonts_.heading = io.Fonts->AddFontFromFileTTF(path.c_str(), kHeadingSize, &config, ranges_.data());
  }
  if (!fonts_.body || !fonts_.heading) {
    platform::log_error("cannot load the font " + path + " (Chinese will not render; install fonts-wqy-microhei)");
    fonts_.body = fonts_.heading = io.Fonts->AddFontDefault();
  }
  io.FontDefault = fonts_.body;
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace firstline::console
