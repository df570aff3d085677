// simulated_typing.h — --type: text typed into the focused widget one
// character a frame, as a keyboard would, so smoke tests exercise the search
// box the way an agent does.
#pragma once

#include <cstddef>
#include <string>

struct ImGuiIO;

namespace firstline::console {

class SimulatedTyping {
 public:
  explicit SimulatedTyping(std::string text = "") : text_(std::move(text)) {}

  /// Queues the next character (one whole UTF-8 sequence) as ImGui input;
  /// nothing once all is typed.
  void type_next(ImGuiIO& io);
  bool done() const { return typed_ >= text_.size(); }

 private:
  std::string text_;
  std::size_t typed_ = 0;  ///< bytes of text_ already typed
};

}  // namespace firstline::console
