// The console in the browser (see platform.h), compiled by Emscripten only.
// What differs from a desktop:
//   - the page's script (web/console/console.js) drives the console: it
//     downloads the agent index, passes pasted and dropped text, and sets the
//     query, through the console_* functions exported below;
//   - the desk is reached through the page's fetch (Module.deskFetch in
//     console.js), with the session cookie, answers coming back through
//     console_http_done;
//   - text comes from the page: the browser's IME composes into a hidden text
//     field of console.js, placed at the focused ImGui field's cursor (so the
//     candidate window shows there), which hands the committed text to
//     console_ime_commit; a paste (console_paste) goes to the focused field at
//     its cursor, so ImGui's own Ctrl+V is held back;
//   - the browser owns the main loop: it calls our frame at each animation
//     frame (emscripten_set_main_loop_arg), so run_main_loop never returns;
//   - the clipboard and error reports also reach the page (navigator.clipboard,
//     console.error and Module.onConsoleError).
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLFW/glfw3.h>  // GLFW_INCLUDE_ES3 is set by CMake for Emscripten: WebGL 2 is OpenGL ES 3

#include "console_view.h"
#include "firstline/console/desk_session.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "platform.h"
#include "ui_kit.h"

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

// The page's fetch (web/console/console.js: Module.deskFetch); the answer comes back to console_http_done.
EM_JS(void, browser_fetch, (double id, const char* method, const char* path, const char* body), {
  const give = (status, text, error) => {
    const copy = (s) => {
      const bytes = new TextEncoder().encode(s);
      const at = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, at);
      HEAPU8[at + bytes.length] = 0;
      return at;
    };
    const textAt = copy(text), errorAt = copy(error);
    _console_http_done(id, status, textAt, errorAt);
    _free(textAt);
    _free(errorAt);
  };
  if (!Module.deskFetch) {
    give(0, "", "this page reaches no desk");
    return;
  }
  Module.deskFetch(UTF8ToString(method), UTF8ToString(path), UTF8ToString(body))
      .then((answer) => give(answer.status, answer.body, ""), (error) => give(0, "", String((error && error.message) || error)));
});

EM_JS(void, browser_signed_in, (), {
  if (Module.onDeskSignedIn) Module.onDeskSignedIn();
});

// Where the focused text field's cursor is (window coordinates), or that none is focused.
EM_JS(void, browser_ime_at, (int focused, int x, int y, int line_height), {
  if (Module.imeAt) Module.imeAt(!!focused, x, y, line_height);
});

firstline::console::ConsoleView* g_view = nullptr;  // what the exported functions drive
std::function<bool()> g_frame;                      // what the browser's main loop calls
std::vector<std::pair<std::uint64_t, firstline::console::DeskAnswer>> g_answers;  // from the page's fetch
std::string g_clipboard;   // the last text pasted into or copied from the console
ImVec2 g_ime_position;     // where ImGui last put the text cursor (ImeSetInputScreenPosFn)
std::string g_returned;    // what the last console_* function returning text returned

class BrowserTransport final : public firstline::console::DeskTransport {
 public:
  void send(std::uint64_t id, const firstline::console::DeskRequest& request) override {
    // No bearer token: the page's fetch carries the session cookie (HttpOnly, SameSite=Strict).
    browser_fetch(static_cast<double>(id), request.method.c_str(), request.path.c_str(), request.body.c_str());
  }
  std::vector<std::pair<std::uint64_t, firstline::console::DeskAnswer>> take_answers() override {
    std::vector<std::pair<std::uint64_t, firstline::console::DeskAnswer>> out;
    out.swap(g_answers);
    return out;
  }
};

/// GLFW's keys reach ImGui through here: Ctrl+V (Cmd+V) is left to the
/// page's paste event, which carries the system clipboard (console_paste).
void key_callback(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (key == GLFW_KEY_V && (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER))) return;
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

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
/// The desk this page works with ("" = the page's own origin): the Queue tab signs in to it.
EMSCRIPTEN_KEEPALIVE void console_connect_desk(const char* url) {
  if (!g_view) return;
  g_view->connect_desk(std::make_unique<firstline::console::DeskSession>(std::make_unique<BrowserTransport>(), url,
                                                                         [] { return emscripten_get_now() / 1000.0; }));
}
EMSCRIPTEN_KEEPALIVE void console_http_done(double id, int status, const char* body, const char* error) {
  g_answers.emplace_back(static_cast<std::uint64_t>(id), firstline::console::DeskAnswer{status, body, error});
}
/// Text the IME committed: typed into the focused ImGui field at its cursor.
EMSCRIPTEN_KEEPALIVE void console_ime_commit(const char* text) { ImGui::GetIO().AddInputCharactersUTF8(text); }
/// Pasted text: into the focused ImGui field at its cursor (1), or 0 when no
/// field has the keyboard (the page then opens it as a payload or a query).
EMSCRIPTEN_KEEPALIVE int console_paste(const char* text) {
  g_clipboard = text;
  if (!ImGui::GetIO().WantTextInput) return 0;
  ImGui::GetIO().AddInputCharactersUTF8(text);
  return 1;
}
/// Where the item marked `name` was drawn ("x,y,w,h", ui_kit.h's mark), for tests.
EMSCRIPTEN_KEEPALIVE const char* console_item_rect(const char* name) {
  g_returned = firstline::console::marked_rect(name);
  return g_returned.c_str();
}
/// The desk's state (DeskSession::state_json) and the search box's, as JSON, for tests.
EMSCRIPTEN_KEEPALIVE const char* console_desk_state() {
  g_returned = "{\"desk\": " + (g_view && g_view->desk() ? g_view->desk()->state_json() : std::string("null")) +
               ", \"search\": {\"results\": " + std::to_string(g_view ? g_view->search().result_count() : 0) + "}}";
  return g_returned.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* console_search_query() {
  g_returned = g_view ? g_view->search().query() : "";
  return g_returned.c_str();
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

void copy_to_clipboard(const std::string& text) { ImGui::SetClipboardText(text.c_str()); }  // SetClipboardTextFn: ours and the system's

void on_file_drop(GLFWwindow*, std::function<void(const std::string&)>) {}

void expose_to_page(ConsoleView& view) { g_view = &view; }

std::unique_ptr<DeskTransport> desk_transport(const std::string&) { return std::make_unique<BrowserTransport>(); }

void desk_signed_in() { browser_signed_in(); }

void after_imgui_init(GLFWwindow* window) {
  ImGuiIO& io = ImGui::GetIO();
  io.ImeSetInputScreenPosFn = [](int x, int y) { g_ime_position = ImVec2(static_cast<float>(x), static_cast<float>(y)); };
  io.GetClipboardTextFn = [](void*) { return g_clipboard.c_str(); };
  io.SetClipboardTextFn = [](void*, const char* text) {
    g_clipboard = text;
    browser_copy(text);
  };
  glfwSetKeyCallback(window, key_callback);  // in place of the backend's, which key_callback calls
}

void after_frame() {
  // ImGui 1.86 gives the cursor's position (ImeSetInputScreenPosFn, the top of its line) and
  // WantTextInput; newer versions call this PlatformSetImeDataFn.
  const ImGuiIO& io = ImGui::GetIO();
  browser_ime_at(io.WantTextInput ? 1 : 0, static_cast<int>(g_ime_position.x), static_cast<int>(g_ime_position.y),
                 static_cast<int>(ImGui::GetFontSize() + 4));
}

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
