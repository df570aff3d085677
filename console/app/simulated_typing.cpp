// --type's keyboard (see simulated_typing.h).
#include "simulated_typing.h"

#include "imgui.h"

namespace firstline::console {

void SimulatedTyping::type_next(ImGuiIO& io) {
  if (done()) return;
  std::size_t next = typed_ + 1;
  while (next < text_.size() && (static_cast<unsigned char>(text_[next]) & 0xC0) == 0x80) ++next;  // UTF-8 continuation bytes
  io.AddInputCharactersUTF8(text_.substr(typed_, next - typed_).c_str());
  typed_ = next;
}

}  // namespace firstline::console
