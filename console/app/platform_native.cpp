// The console on a desktop (see platform.h): GLFW with an OpenGL 3 context,
// GLFW's clipboard and file drops, a plain loop, and PNG screenshots read
// back from the framebuffer (the native smoke test's).
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include <GLFW/glfw3.h>

#include "firstline/console/desk_http.h"
#include "imgui.h"
#include "platform.h"
#include "png_writer.h"

namespace firstline::console::platform {

const char* const kDefaultFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";  // Debian's fonts-wqy-microhei
const bool kIndexComesFromThePage = false;

void log_error(const std::string& message) { std::fprintf(stderr, "firstline-console: error: %s\n", message.c_str()); }

void hint_opengl_context() {
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
}

const char* glsl_version() { return "#version 130"; }

void copy_to_clipboard(const std::string& text) { ImGui::SetClipboardText(text.c_str()); }

namespace {

std::function<void(const std::string&)> g_take_drop;  // GLFW's drop callback takes no user data of ours

}  // namespace

void on_file_drop(GLFWwindow* window, std::function<void(const std::string& path)> take) {
  g_take_drop = std::move(take);
  glfwSetDropCallback(window, [](GLFWwindow*, int count, const char** paths) {
    for (int i = 0; i < count; ++i) g_take_drop(paths[i]);
  });
}

void expose_to_page(ConsoleView&) {}

std::unique_ptr<DeskTransport> desk_transport(const std::string& desk_url) { return make_http_transport(desk_url); }

void desk_signed_in() {}

void after_imgui_init(GLFWwindow*) {}  // GLFW gives a desktop's IME text and clipboard to ImGui itself

void after_frame() {}

void follow_page_layout(GLFWwindow*) {}

std::string save_screenshot(GLFWwindow* window, const std::string& path) {
  int width = 0, height = 0;
  glfwGetFramebufferSize(window, &width, &height);
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * 4), flipped(pixels.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  for (int y = 0; y < height; ++y)  // OpenGL's rows run bottom up, PNG's top down
    std::memcpy(flipped.data() + static_cast<std::size_t>(y) * row, pixels.data() + static_cast<std::size_t>(height - 1 - y) * row, row);
  const std::string error = write_png(path, width, height, flipped);
  if (error.empty()) std::fprintf(stderr, "firstline-console: screenshot %dx%d written to %s\n", width, height, path.c_str());
  return error;
}

void run_main_loop(GLFWwindow* window, std::function<bool()> frame) {
  while (!glfwWindowShouldClose(window) && frame()) {
  }
}

}  // namespace firstline::console::platform
