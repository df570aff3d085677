// fonts.h — the console's font atlas: one CJK font at a body and a heading
// size, with the glyphs of everything there is to show (so a rebuild follows
// each new index, payload or log) and the common Chinese characters an agent
// may type or a customer may have written.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "ui_kit.h"

namespace firstline::console {

class ConsoleFonts {
 public:
  /// (Re)builds ImGui's font atlas and its OpenGL texture from the font file
  /// at `path`, covering the characters of `text`. If the font cannot be read
  /// it logs why and uses ImGui's default font (no Chinese).
  void build(const std::string& path, const std::string& text);

  const ViewFonts& fonts() const { return fonts_; }

 private:
  ViewFonts fonts_;
  std::vector<ImWchar> ranges_;  // the atlas keeps pointing at these: they live as long as it
};

}  // namespace firstline::console
