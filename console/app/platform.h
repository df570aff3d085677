// platform.h — everything that differs between the browser and a native
// window, behind one interface, so the rest of the console reads the same on
// both. Two files define it and CMake compiles the one for the toolchain:
//   platform_native.cpp   GLFW + OpenGL 3 on a desktop (and under Xvfb)
//   platform_browser.cpp  Emscripten: its GLFW + WebGL 2, the page's script,
//                         the browser's main loop
// No other file of the console asks which platform it is on.
#pragma once

#include <functional>
#include <memory>
#include <string>

struct GLFWwindow;

namespace firstline::console {
class ConsoleView;
class DeskTransport;
}

namespace firstline::console::platform {

/// The CJK font used unless --font names another: Debian's WenQuanYi Micro
/// Hei natively, the subset the build preloads in the browser.
extern const char* const kDefaultFont;

/// True in the browser, where the page's script downloads the agent index and
/// opens it (console_open_index); natively the command line names it.
extern const bool kIndexComesFromThePage;

/// Reports a problem on stderr; in the browser also with console.error and
/// the page's Module.onConsoleError.
void log_error(const std::string& message);

/// Asks GLFW, before it opens the window, for the context the ImGui OpenGL 3
/// backend draws with: OpenGL 3.0, or OpenGL ES 3.0 (WebGL 2) in the browser.
void hint_opengl_context();

/// The GLSL version of that context, for the backend's shaders.
const char* glsl_version();

/// Puts text on the clipboard: ImGui's (GLFW's), and in the browser the
/// system's too (navigator.clipboard).
void copy_to_clipboard(const std::string& text);

/// Calls `take(path)` for each file dropped on the window. In the browser the
/// page takes drops itself (web/console/console.js calls console_take_text),
/// so this does nothing there.
void on_file_drop(GLFWwindow* window, std::function<void(const std::string& path)> take);

/// Lets the page's script drive `view` through the exported console_*
/// functions (the browser); nothing natively.
void expose_to_page(ConsoleView& view);

/// How requests reach the handoff desk at `desk_url`: cpp-httplib on
/// background threads natively (Authorization: Bearer), the page's fetch in
/// the browser (the session cookie; "" = the page's own origin).
std::unique_ptr<DeskTransport> desk_transport(const std::string& desk_url);

/// The agent has signed in to the desk: in the browser the page then
/// downloads the agent index from it if it has none; nothing natively.
void desk_signed_in();

/// Once Dear ImGui is set up: in the browser, routes IME text and pastes
/// from the page into the focused ImGui field (web/console/console.js's
/// hidden text field) and the clipboard to the system's; nothing natively.
void after_imgui_init(GLFWwindow* window);

/// After each frame: in the browser, tells the page where the focused text
/// field's cursor is (so the IME's candidate window shows there) or that
/// none is focused; nothing natively.
void after_frame();

/// At the start of each frame: in the browser, sizes the window to the
/// canvas as the page lays it out; nothing natively.
void follow_page_layout(GLFWwindow* window);

/// Saves what was just drawn as a PNG. Returns "" on success, else why not
/// (in the browser the page takes screenshots: tests/browser/console_smoke.mjs).
std::string save_screenshot(GLFWwindow* window, const std::string& path);

/// Calls `frame` once per displayed frame until it returns false or the
/// window is closed, then returns. In the browser the browser calls `frame`
/// instead (Emscripten's main loop) and this never returns, so what follows
/// it (shutting down) runs natively only.
void run_main_loop(GLFWwindow* window, std::function<bool()> frame);

}  // namespace firstline::console::platform
