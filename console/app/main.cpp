// firstline-console: the agent console's entry point, which only wires the
// parts together: the command line, a window (platform.h: GLFW + OpenGL 3
// natively, Emscripten's GLFW + WebGL 2 in the browser), Dear ImGui with its
// GLFW and OpenGL 3 backends, the fonts, and the ConsoleView drawn each frame.
//
//   firstline-console INDEX [--query TEXT | --type TEXT] [--handoff FILE] [--events FILE] [--desk URL [--agent NAME] [--case REF]]
//                     [--tab search|handoff|editor|queue] [--font FILE] [--size WxH]
//                     [--frames N --screenshot FILE.png]
//
// In the browser the page's script downloads the index and calls the
// exported console_* functions (platform_browser.cpp).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <GLFW/glfw3.h>

#include "console_view.h"
#include "firstline/console/command_line.h"
#include "firstline/console/desk_session.h"
#include "fonts.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform.h"
#include "simulated_typing.h"
#include "ui_kit.h"

using namespace firstline::console;

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

struct App {
  ConsoleOptions options;
  GLFWwindow* window = nullptr;
  ConsoleView view{platform::copy_to_clipboard, platform::log_error};
  ConsoleFonts fonts;
  int fonts_generation = -1;  ///< the view's text_generation() the atlas was built for
  SimulatedTyping typing;
  int frame = 0;
  int exit_code = 0;
  bool case_asked = false;  ///< --case was asked of the desk
  int settled_at = -1;      ///< the frame the desk's answers were all in
};

/// Whether the desk has answered what the command line asked (--agent's
/// sign-in, the queue, --case), so --frames ends on a settled picture; at
/// most 20 s, and at once on an error (which the picture then shows).
bool desk_answered(App& app) {
  DeskSession* desk = app.view.desk();
  if (!desk || app.options.agent.empty() || glfwGetTime() > 20 || !desk->error().empty()) return true;
  if (desk->state() != DeskSession::State::signed_in || desk->queue_version() < 0) return false;
  if (app.options.open_case.empty()) return true;
  if (!app.case_asked) {
    desk->open_case(app.options.open_case);
    app.case_asked = true;
  }
  return desk->open_case() && desk->open_case()->entry.reference == app.options.open_case;
}

/// desk_answered, and a few frames since, for ImGui's tables to size their columns.
bool desk_settled(App& app) {
  if (!desk_answered(app)) return false;
  if (app.settled_at < 0) app.settled_at = app.frame;
  return app.frame - app.settled_at >= 6;
}

/// One frame: input, the view, the picture; false when --frames are done.
bool frame(App& app) {
  if (app.fonts_generation != app.view.text_generation()) {
    app.fonts.build(app.options.font, app.view.glyph_text());
    app.fonts_generation = app.view.text_generation();
  }
  glfwPollEvents();
  if (app.frame >= 2) app.typing.type_next(ImGui::GetIO());  // once the search box has the keyboard
  platform::follow_page_layout(app.window);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  app.view.draw(app.fonts.fonts());
  ImGui::Render();
  platform::after_frame();
  int width = 0, height = 0;
  glfwGetFramebufferSize(app.window, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++app.frame;
  const bool done = app.options.frames > 0 && app.frame >= app.options.frames && app.typing.done() && desk_settled(app);
  if (done && !app.options.screenshot.empty()) {
    if (const std::string error = platform::save_screenshot(app.window, app.options.screenshot); !error.empty()) {
      platform::log_error("screenshot: " + error);
      app.exit_code = 1;
    }
  }
  glfwSwapBuffers(app.window);
  return !done;
}

/// The files the command line names: a payload, an event log.
void open_files(App& app) {
  if (!app.options.events.empty()) {
    std::string text;
    if (read_file(app.options.events, text)) app.view.load_events(text, app.options.events);
    else platform::log_error("cannot read the event log " + app.options.events);
  }
  if (!app.options.handoff.empty()) {
    std::string text;
    if (read_file(app.options.handoff, text)) app.view.load_handoff(text);
    else platform::log_error("cannot read the handoff payload " + app.options.handoff);
  }
}

}  // namespace

int main(int argc, char** argv) {
  static App app;  // static: in the browser it outlives main, as long as the page's main loop
  platform::expose_to_page(app.view);
  app.options.font = platform::kDefaultFont;
  std::string error;
  if (!parse_command_line(argc, argv, !platform::kIndexComesFromThePage, app.options, error)) {
    if (!error.empty()) std::fprintf(stderr, "firstline-console: %s\n", error.c_str());
    std::fputs(console_usage(), stderr);
    return 2;
  }
  app.typing = SimulatedTyping(app.options.typed);

  // The window and its OpenGL context.
  glfwSetErrorCallback([](int code, const char* description) { platform::log_error("GLFW " + std::to_string(code) + ": " + description); });
  if (!glfwInit()) return 1;
  platform::hint_opengl_context();
  app.window = glfwCreateWindow(app.options.width, app.options.height, "firstline agent console", nullptr, nullptr);
  if (!app.window) {
    platform::log_error("cannot open a window with OpenGL 3 (is a display available? under CI use Xvfb)");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(app.window);
  glfwSwapInterval(app.options.frames > 0 ? 0 : 1);
  platform::on_file_drop(app.window, [](const std::string& path) {
    std::string text;
    if (read_file(path, text)) app.view.take_text(text, path);
    else platform::log_error("cannot read the dropped file " + path);
  });

  // Dear ImGui over it.
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini beside the index
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows and Enter move through the views
  use_console_style();
  ImGui_ImplGlfw_InitForOpenGL(app.window, true);
  ImGui_ImplOpenGL3_Init(platform::glsl_version());
  platform::after_imgui_init(app.window);

  // What to show.
  if (platform::kIndexComesFromThePage) app.view.set_status("Loading the agent index…");
  else if (!app.view.open_index(app.options.index)) app.exit_code = 1;  // the window shows why
  if (!app.options.query.empty()) app.view.set_query(app.options.query);
  app.view.on_signed_in(platform::desk_signed_in);
  if (!app.options.desk.empty()) {
    try {
      app.view.connect_desk(std::make_unique<DeskSession>(platform::desk_transport(app.options.desk), app.options.desk, glfwGetTime));
      if (!app.options.agent.empty()) {
        const char* password = std::getenv("FIRSTLINE_DESK_PASSWORD");
        app.view.desk()->sign_in(app.options.agent, password ? password : "");
      }
    } catch (const std::exception& e) {
      platform::log_error(std::string("--desk: ") + e.what());
    }
  }
  open_files(app);
  if (const auto tab = ConsoleView::tab_named(app.options.tab)) app.view.select_tab(*tab);
  app.fonts.build(app.options.font, app.view.glyph_text());
  app.fonts_generation = app.view.text_generation();

  platform::run_main_loop(app.window, [] { return frame(app); });  // in the browser this never returns
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(app.window);
  glfwTerminate();
  return app.exit_code;
}
