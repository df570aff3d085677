// firstline-console: the agent console's entry point. Opens a window (GLFW +
// OpenGL 3 natively; Emscripten's GLFW + WebGL 2 in the browser), loads the
// CJK font with the glyphs the index needs, and runs the ConsoleView.
//
//   firstline-console INDEX [--query TEXT | --type TEXT] [--handoff FILE] [--events FILE]
//                     [--tab search|handoff|editor] [--font FILE] [--size WxH]
//                     [--frames N --screenshot FILE.png]
//
// In the browser the page's script downloads the index and calls the
// exported console_* functions below.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_ES3
#endif
#include <GLFW/glfw3.h>

#include "console_view.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#ifndef __EMSCRIPTEN__
#include "png_writer.h"
#endif

using firstline::console::ConsoleView;

namespace {

#ifdef __EMSCRIPTEN__
constexpr const char* kDefaultFont = "/fonts/console.ttf";  // the subset preloaded by the build
#else
constexpr const char* kDefaultFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";  // Debian's fonts-wqy-microhei
#endif
constexpr float kBodySize = 17.0f, kHeadingSize = 21.0f;

#ifdef __EMSCRIPTEN__
EM_JS(void, browser_copy, (const char* text), {
  const value = UTF8ToString(text);
  if (navigator.clipboard) navigator.clipboard.writeText(value).catch((e) => console.warn('clipboard: ' + e));
});
EM_JS(void, browser_report_error, (const char* text), {
  const message = UTF8ToString(text);
  console.error(message);
  if (Module.onConsoleError) Module.onConsoleError(message);
});
#endif

void log_error(const std::string& message) {
  std::fprintf(stderr, "firstline-console: error: %s\n", message.c_str());
#ifdef __EMSCRIPTEN__
  browser_report_error(message.c_str());
#endif
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

struct Options {
  std::string index, query, typed, handoff, events, tab, screenshot;
  std::string font = kDefaultFont;
  int width = 1400, height = 900, frames = 0;
};

struct App {
  Options options;
  GLFWwindow* window = nullptr;
  ConsoleView view{[](const std::string& text) {
                     ImGui::SetClipboardText(text.c_str());
#ifdef __EMSCRIPTEN__
                     browser_copy(text.c_str());
#endif
                   },
                   log_error};
  firstline::console::ViewFonts fonts;
  int fonts_generation = -1;
  int frame = 0;
  int exit_code = 0;
  std::size_t typed_at = 0;  // bytes of --type already typed
  std::vector<ImWchar> ranges;  // must outlive the atlas
};

App* g_app = nullptr;

/// (Re)builds the font atlas: the CJK font at two sizes, with the glyphs of
/// everything there is to show (index, payload, log) and the common Chinese
/// characters an agent may type or a customer may have written.
void build_fonts(App& app) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
  static const ImWchar punctuation[] = {0x2000, 0x206F, 0x2190, 0x21FF, 0x2500, 0x257F, 0x2713, 0x2717, 0x3000, 0x30FF, 0xFF00, 0xFFEF, 0};
  builder.AddRanges(punctuation);
  builder.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
  builder.AddText(app.view.glyph_text().c_str());
  ImVector<ImWchar> built;
  builder.BuildRanges(&built);
  app.ranges.assign(built.begin(), built.end());

  std::FILE* probe = std::fopen(app.options.font.c_str(), "rb");
  if (probe) {
    std::fclose(probe);
    ImFontConfig config;
    config.OversampleH = 1;  // CJK glyphs are many: keep the atlas small
    config.PixelSnapH = true;
    app.fonts.body = io.Fonts->AddFontFromFileTTF(app.options.font.c_str(), kBodySize, &config, app.ranges.data());
    app.fonts.heading = io.Fonts->AddFontFromFileTTF(app.options.font.c_str(), kHeadingSize, &config, app.ranges.data());
  }
  if (!app.fonts.body || !app.fonts.heading) {
    log_error("cannot load the font " + app.options.font + " (Chinese will not render; install fonts-wqy-microhei)");
    app.fonts.body = app.fonts.heading = io.Fonts->AddFontDefault();
  }
  io.FontDefault = app.fonts.body;
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  app.fonts_generation = app.view.text_generation();
}

#ifndef __EMSCRIPTEN__
void save_screenshot(App& app) {
  int width = 0, height = 0;
  glfwGetFramebufferSize(app.window, &width, &height);
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * 4), flipped(pixels.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  for (int y = 0; y < height; ++y)
    std::memcpy(flipped.data() + static_cast<std::size_t>(y) * row, pixels.data() + static_cast<std::size_t>(height - 1 - y) * row, row);
  const std::string error = firstline::console::write_png(app.options.screenshot, width, height, flipped);
  if (!error.empty()) {
    log_error("screenshot: " + error);
    app.exit_code = 1;
  } else {
    std::fprintf(stderr, "firstline-console: screenshot %dx%d written to %s\n", width, height, app.options.screenshot.c_str());
  }
}
#endif

void frame(void* arg) {
  App& app = *static_cast<App*>(arg);
  if (app.fonts_generation != app.view.text_generation()) build_fonts(app);
  glfwPollEvents();
  // --type: one character a frame into the focused search box, as a keyboard would.
  const std::string& typed = app.options.typed;
  if (app.frame >= 2 && app.typed_at < typed.size()) {
    std::size_t next = app.typed_at + 1;
    while (next < typed.size() && (static_cast<unsigned char>(typed[next]) & 0xC0) == 0x80) ++next;
    ImGui::GetIO().AddInputCharactersUTF8(typed.substr(app.typed_at, next - app.typed_at).c_str());
    app.typed_at = next;
  }
#ifdef __EMSCRIPTEN__
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  int width = 0, height = 0;
  glfwGetWindowSize(app.window, &width, &height);
  if (css_width > 0 && css_height > 0 && (static_cast<int>(css_width) != width || static_cast<int>(css_height) != height))
    glfwSetWindowSize(app.window, static_cast<int>(css_width), static_cast<int>(css_height));
#endif
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  app.view.draw(app.fonts);
  ImGui::Render();
  int fb_width = 0, fb_height = 0;
  glfwGetFramebufferSize(app.window, &fb_width, &fb_height);
  glViewport(0, 0, fb_width, fb_height);
  glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++app.frame;
#ifndef __EMSCRIPTEN__
  if (app.options.frames > 0 && app.frame >= app.options.frames && app.typed_at >= typed.size()) {
    if (!app.options.screenshot.empty()) save_screenshot(app);
    glfwSetWindowShouldClose(app.window, GLFW_TRUE);
  }
#endif
  glfwSwapBuffers(app.window);
}

[[maybe_unused]] void on_drop(GLFWwindow*, int count, const char** paths) {
  for (int i = 0; i < count; ++i) {
    std::string text;
    if (!read_file(paths[i], text)) {
      log_error(std::string("cannot read the dropped file ") + paths[i]);
      continue;
    }
    g_app->view.take_text(text, paths[i]);
  }
}

int usage(const char* message) {
  if (message) std::fprintf(stderr, "firstline-console: %s\n", message);
  std::fprintf(stderr,
               "usage: firstline-console INDEX [--query TEXT | --type TEXT] [--handoff FILE] [--events FILE]\n"
               "                         [--tab search|handoff|editor] [--font FILE] [--size WxH]\n"
               "                         [--frames N --screenshot FILE.png]\n"
               "  --type      types TEXT into the search box, a character a frame (for smoke tests)\n"
               "  INDEX       the agent index (out/index/agent.db); internal, keep it behind the company's login\n"
               "  --handoff   a handoff payload from the widget (JSON); dropping the file on the window works too\n"
               "  --events    the widget's event log (JSON Lines), for the editor's gaps\n"
               "  --frames N  render N frames, save --screenshot (PNG) and exit\n");
  return 2;
}

bool parse_options(int argc, char** argv, Options& o, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&](std::string& out) {
      if (i + 1 >= argc) {
        error = arg + " needs a value";
        return false;
      }
      out = argv[++i];
      return true;
    };
    std::string number;
    if (arg == "--query") { if (!value(o.query)) return false; }
    else if (arg == "--type") { if (!value(o.typed)) return false; }
    else if (arg == "--handoff") { if (!value(o.handoff)) return false; }
    else if (arg == "--events") { if (!value(o.events)) return false; }
    else if (arg == "--tab") { if (!value(o.tab)) return false; }
    else if (arg == "--font") { if (!value(o.font)) return false; }
    else if (arg == "--screenshot") { if (!value(o.screenshot)) return false; }
    else if (arg == "--frames") {
      if (!value(number)) return false;
      o.frames = std::atoi(number.c_str());
      if (o.frames <= 0) { error = "--frames needs a positive number"; return false; }
    } else if (arg == "--size") {
      if (!value(number) || std::sscanf(number.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 200 || o.height < 150) {
        error = "--size needs WIDTHxHEIGHT, at least 200x150";
        return false;
      }
    } else if (arg == "--help" || arg == "-h") {
      return false;
    } else if (!arg.empty() && arg[0] == '-') {
      error = "unknown option " + arg;
      return false;
    } else if (o.index.empty()) {
      o.index = arg;
    } else {
      error = "more than one index given";
      return false;
    }
  }
  if (!o.tab.empty() && o.tab != "search" && o.tab != "handoff" && o.tab != "editor") {
    error = "--tab is search, handoff or editor";
    return false;
  }
#ifndef __EMSCRIPTEN__
  if (o.index.empty()) {
    error = "no index given";
    return false;
  }
#endif
  return true;
}

}  // namespace

#ifdef __EMSCRIPTEN__
// Called by the page (web/console/console.js).
extern "C" {
EMSCRIPTEN_KEEPALIVE int console_open_index(const char* path) { return g_app && g_app->view.open_index(path) ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE void console_set_status(const char* status) { if (g_app) g_app->view.set_status(status); }
EMSCRIPTEN_KEEPALIVE void console_take_text(const char* text, const char* origin) { if (g_app) g_app->view.take_text(text, origin); }
EMSCRIPTEN_KEEPALIVE void console_set_query(const char* query) {
  if (!g_app) return;
  g_app->view.set_query(query);
  g_app->view.select_tab(ConsoleView::Tab::search);
}
}
#endif

int main(int argc, char** argv) {
  static App app;  // lives as long as the browser's main loop
  g_app = &app;
  std::string error;
  if (!parse_options(argc, argv, app.options, error)) return usage(error.empty() ? nullptr : error.c_str());

  glfwSetErrorCallback([](int code, const char* description) { log_error("GLFW " + std::to_string(code) + ": " + description); });
  if (!glfwInit()) return 1;
#ifdef __EMSCRIPTEN__
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const char* glsl_version = "#version 300 es";
#else
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const char* glsl_version = "#version 130";
#endif
  app.window = glfwCreateWindow(app.options.width, app.options.height, "firstline agent console", nullptr, nullptr);
  if (!app.window) {
    log_error("cannot open a window with OpenGL 3 (is a display available? under CI use Xvfb)");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(app.window);
  glfwSwapInterval(app.options.frames > 0 ? 0 : 1);
#ifndef __EMSCRIPTEN__
  glfwSetDropCallback(app.window, on_drop);  // in the browser the page's script takes drops (web/console/console.js)
#endif

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini beside the index
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows and Enter move through the views
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.CellPadding = ImVec2(6, 4);
  ImGui_ImplGlfw_InitForOpenGL(app.window, true);
  ImGui_ImplOpenGL3_Init(glsl_version);

#ifndef __EMSCRIPTEN__
  if (!app.view.open_index(app.options.index)) app.exit_code = 1;  // the window shows why
#else
  app.view.set_status("Loading the agent index…");
#endif
  if (!app.options.query.empty()) app.view.set_query(app.options.query);
  if (!app.options.events.empty()) {
    std::string text;
    if (read_file(app.options.events, text)) app.view.load_events(text, app.options.events);
    else log_error("cannot read the event log " + app.options.events);
  }
  if (!app.options.handoff.empty()) {
    std::string text;
    if (read_file(app.options.handoff, text)) app.view.load_handoff(text);
    else log_error("cannot read the handoff payload " + app.options.handoff);
  }
  if (app.options.tab == "search") app.view.select_tab(ConsoleView::Tab::search);
  if (app.options.tab == "handoff") app.view.select_tab(ConsoleView::Tab::handoff);
  if (app.options.tab == "editor") app.view.select_tab(ConsoleView::Tab::editor);
  build_fonts(app);

#ifdef __EMSCRIPTEN__
  emscripten_set_main_loop_arg(frame, &app, 0, true);
#else
  while (!glfwWindowShouldClose(app.window)) frame(&app);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(app.window);
  glfwTerminate();
#endif
  return app.exit_code;
}
