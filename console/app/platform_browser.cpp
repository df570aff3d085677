// The console in the browser (see platform.h), compiled by Emscripten only.
// Three things differ from a desktop:
//   - the page's script (web/console/console.js) drives the console: it
//     downloads the agent index, passes pasted and dropped text, and sets the
//     query, through the console_* functions exported below;
//   - the browser owns the main loop: it calls our frame at each animation
//     frame (emscripten_set_main_loop_arg), so run_main_loop never returns;
//   - the clipboard and error reports also reach the page (navigator.clipboard,
//     console.error and Module.onConsoleError).
#include <cstdio>

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLFW/glfw3.h>  // GLFW_INCLUDE_ES3 is set by CMake for Emscripten: WebGL 2 is OpenGL ES 3

#include "console_view.h"
#include "imgui.h"
#include "platform.h"

namespace {

EM_JS(void, browser_copy, (const char* text), {
  const value = UTF8ToString(text);
  if (navigator.clipboard) navigator.clipboard.writeText(value).catch((e) => console.warn('clipboard: ' + e));
});

EM_JS(void, browser_report_error, (const char* text), {
  const message = UTF8ToString(text);
  console.error(message);
  if (Module.onConsoleError) Module.onConsoleError(message);
});

firstline::console::ConsoleView* g_view = nullptr;  // what the exported functions drive
std::function<bool()> g_frame;                      // what the browser's main loop calls

}  // namespace

// Called by the page (web/console/console.js).
extern "C" {
EMSCRIPTEN_KEEPALIVE int console_open_index(const char* path) { return g_view && g_view->open_index(path) ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE void console_set_status(const char* status) { if (g_view) g_view->set_status(status); }
EMSCRIPTEN_KEEPALIVE void console_take_text(const char* text, const char* origin) { if (g_view) g_view->take_text(text, origin); }
EMSCRIPTEN_KEEPALIVE void console_set_query(const char* query) {
  if (!g_view) return;
  g_view->set_query(query);
  g_view->select_tab(firstline::console::ConsoleView::Tab::search);
}
}

namespace firstline::console::platform {

const char* const kDefaultFont = "/fonts/console.ttf";  // the subset preloaded by the build (console/app/CMakeLists.txt)
const bool kIndexComesFromThePage = true;

void log_error(const std::string& message) {
  std::fprintf(stderr, "firstline-console: error: %s\n", message.c_str());
  browser_report_error(message.c_str());
}

void hint_opengl_context() {
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
}

const char* glsl_version() { return "#version 300 es"; }

void copy_to_clipboard(const std::string& text) {
  ImGui::SetClipboardText(text.c_str());
  browser_copy(text.c_str());
}

void on_file_drop(GLFWwindow*, std::function<void(const std::string&)>) {}

void expose_to_page(ConsoleView& view) { g_view = &view; }

void follow_page_layout(GLFWwindow* window) {
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  int width = 0, height = 0;
  glfwGetWindowSize(window, &width, &height);
  if (css_width > 0 && css_height > 0 && (static_cast<int>(css_width) != width || static_cast<int>(css_height) != height))
    glfwSetWindowSize(window, static_cast<int>(css_width), static_cast<int>(css_height));
}

std::string save_screenshot(GLFWwindow*, const std::string&) {
  return "the browser console takes no screenshots itself (the page does: tests/browser/console_smoke.mjs)";
}

void run_main_loop(GLFWwindow*, std::function<bool()> frame) {
  g_frame = std::move(frame);
  emscripten_set_main_loop_arg(
      [](void*) {
        if (!g_frame()) emscripten_cancel_main_loop();
      },
      nullptr, 0, /*simulate_infinite_loop=*/true);
}

}  // namespace firstline::console::platform
