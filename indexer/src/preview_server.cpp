// The preview server (preview_server.h). Three parts: a watcher thread that
// fingerprints the KB folder and rebuilds (build.h) when it changes; the
// state of the last build, which pages long poll; and the HTTP routes: the
// site's files (HTML pages get the preview's reload script and lose their
// desk: nothing is handed over from a preview), the last good
// build's web bundle and agent index, and the state.
#include "preview_server.h"

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "build.h"
#include "web_bundle.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace firstline::indexer {
namespace {

// The same policy as the demo server (web/demo/serve.mjs): no inline script or style.
constexpr const char* kCsp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'";

constexpr const char* kReloadScriptPath = "/__preview/reload.js";

// Added to every page: follows the preview's state; reloads the page when a new
// build is served, and shows a failed build's problems at the top of the page.
// Text only (textContent), and styles through the CSSOM, which the CSP allows.
constexpr const char* kReloadScript = R"JS(// firstline-index serve: the preview's page script.
(function () {
  'use strict';
  var seen = null;
  var banner = null;
  function show(state) {
    if (state.ok) { if (banner) banner.remove(); banner = null; return; }
    if (!banner) {
      banner = document.createElement('div');
      banner.setAttribute('role', 'alert');
      banner.className = 'firstline-preview-error';
      var s = banner.style;
      s.position = 'fixed'; s.left = '0'; s.right = '0'; s.top = '0'; s.zIndex = '2147483647';
      s.background = '#fff0f0'; s.color = '#7a1010'; s.borderBottom = '2px solid #b42318';
      s.font = '14px/1.5 system-ui, sans-serif'; s.padding = '10px 16px'; s.whiteSpace = 'pre-wrap';
      s.maxHeight = '40vh'; s.overflowY = 'auto';
      document.body.append(banner);
    }
    var lines = ['The last change did not build (' + state.reason + '). ' +
      (state.build ? 'The widget still serves the last good build, ' + state.build + '.' : 'There is no good build yet.')];
    state.problems.forEach(function (p) { lines.push(p.file + ':' + p.line + ': ' + p.severity + ': ' + p.message); });
    banner.textContent = lines.join('\n');
  }
  function follow() {
    var url = '/__preview/state?after=' + (seen === null ? -1 : seen) + '&wait=25';
    fetch(url, { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (state) {
      if (seen !== null && state.generation !== seen && state.ok) { location.reload(); return; }
      seen = state.generation;
      show(state);
      follow();
    }, function () { setTimeout(follow, 1000); });
  }
  if (document.body) follow(); else document.addEventListener('DOMContentLoaded', follow);
})();
)JS";

std::string content_type(const fs::path& file) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".wasm", "application/wasm"}, {".png", "image/png"},
      {".svg", "image/svg+xml"}, {".ttf", "font/ttf"}};
  const auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// Every file of the KB folder with its size and time: a change to any of them changes this.
std::string fingerprint(const fs::path& root) {
  std::vector<std::string> entries;
  std::error_code error;
  for (fs::recursive_directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
    if (!it->is_regular_file(error)) continue;
    const auto size = it->file_size(error);
    const auto time = it->last_write_time(error).time_since_epoch().count();
    entries.push_back(it->path().string() + "\t" + std::to_string(size) + "\t" + std::to_string(time));
  }
  std::sort(entries.begin(), entries.end());
  std::string all;
  for (const auto& entry : entries) all += entry + "\n";
  return all;
}

/// `path` (a request's path, "/demo/x.html") inside `root`, or empty when it would leave it.
fs::path inside(const fs::path& root, const std::string& path) {
  if (path.empty() || path[0] != '/' || path.find('\0') != std::string::npos || path.find('\\') != std::string::npos)
    return {};
  const fs::path relative = fs::path(path.substr(1)).lexically_normal();
  if (relative.empty() || *relative.begin() == "..") return {};
  return root / relative;
}

class Preview {
 public:
  explicit Preview(PreviewOptions options) : options_(std::move(options)) {}

  /// The first build, before the server listens (a page never finds no build but when it failed).
  void first_build() {
    last_ = fingerprint(options_.kb_dir);
    rebuild();
  }

  /// A rebuild whenever the KB folder changes, until stop().
  void watch() {
    while (!stopping_) {
      const std::string now = fingerprint(options_.kb_dir);
      if (now != last_) {
        last_ = now;
        rebuild();
      }
      std::unique_lock<std::mutex> hold(lock_);
      changed_.wait_for(hold, std::chrono::milliseconds(options_.poll_ms), [&] { return stopping_.load(); });
    }
  }

  void stop() {
    stopping_ = true;
    changed_.notify_all();
  }

  /// The state after `after` (the generation a page saw), waiting up to `wait` seconds for a newer one.
  json state(long after, int wait) {
    std::unique_lock<std::mutex> hold(lock_);
    changed_.wait_for(hold, std::chrono::seconds(std::clamp(wait, 0, 25)),
                      [&] { return generation_ > after || stopping_; });
    return state_;
  }

  /// The folder the last good build's web bundle and agent index are in ("" before one).
  fs::path good_build() {
    std::lock_guard<std::mutex> hold(lock_);
    return good_;
  }

  const PreviewOptions& options() const { return options_; }

 private:
  void rebuild() {
    std::cerr << "[preview] building " << options_.kb_dir << "\n";
    const BuildOutcome built = build_kb(options_.kb_dir, options_.out_dir, options_.tool_version, {});
    json problems = json::array();
    std::size_t warnings = 0;
    for (const auto& d : built.diagnostics.all()) {
      const bool error = d.severity == Diagnostic::Severity::error;
      if (!error && ++warnings > 20) continue;
      problems.push_back({{"severity", error ? "error" : "warning"}, {"file", d.file}, {"line", d.line}, {"message", d.message}});
      if (error || warnings <= 20) std::cerr << d.to_string() << "\n";
    }
    std::lock_guard<std::mutex> hold(lock_);
    if (built.ok) good_ = options_.out_dir;
    ++generation_;
    const std::string build = built.ok ? built.web.build : state_.value("build", std::string());
    state_ = {{"generation", generation_}, {"ok", built.ok}, {"reason", built.reason}, {"build", build},
              {"errors", built.diagnostics.error_count()}, {"warnings", built.diagnostics.warning_count()},
              {"problems", problems}};
    std::cerr << "[preview] " << (built.ok ? "serving build " + build : built.reason + "; still serving " +
                                                                            (build.empty() ? "nothing" : build))
              << "\n";
    changed_.notify_all();
  }

  PreviewOptions options_;
  std::string last_;  // the KB folder's fingerprint at the last build
  std::mutex lock_;
  std::condition_variable changed_;
  std::atomic<bool> stopping_{false};
  long generation_ = 0;
  json state_ = {{"generation", 0}, {"ok", false}, {"reason", "building"}, {"build", ""}, {"problems", json::array()}};
  fs::path good_;
};

void send_file(httplib::Response& res, const fs::path& file, bool immutable) {
  res.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.set_content(read_all(file), content_type(file));
}

void plain(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(text, "text/plain; charset=utf-8");
}

void routes(httplib::Server& server, Preview& preview) {
  const fs::path site = preview.options().site_dir;
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Content-Security-Policy", kCsp);
    res.set_header("X-Content-Type-Options", "nosniff");
    // A page elsewhere that points a name at 127.0.0.1 (DNS rebinding) sends its own Host.
    std::string host = req.get_header_value("Host");
    host = host.substr(0, host.rfind(':') == std::string::npos || host.back() == ']' ? host.size() : host.rfind(':'));
    if (host != "127.0.0.1" && host != "localhost" && host != "[::1]") {
      plain(res, 421, "unknown host");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.Get("/__preview/state", [&preview](const httplib::Request& req, httplib::Response& res) {
    long after = -1;
    int wait = 0;
    try {
      if (req.has_param("after")) after = std::stol(req.get_param_value("after"));
      if (req.has_param("wait")) wait = std::stoi(req.get_param_value("wait"));
    } catch (const std::exception&) {
      return plain(res, 400, "after and wait are numbers");
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(preview.state(after, wait).dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
  });
  server.Get(kReloadScriptPath, [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(kReloadScript, "text/javascript; charset=utf-8");
  });
  server.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/demo/"); });
  server.Get(R"(/api/.*)", [](const httplib::Request&, httplib::Response& res) {
    plain(res, 404, "the preview has no handoff desk (scripts/demo.sh runs one)");
  });
  server.Get(R"(/.*)", [&preview, site](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.path;
    if (path.back() == '/') path += "index.html";
    // The last good build's entry and chunks, and its agent index for the console.
    const fs::path good = preview.good_build();
    const bool index_file = path == std::string("/") + kWebEntryName || path == std::string("/") + kWebStartCopyName ||
                            path.rfind("/public.", 0) == 0;
    if (index_file || path == "/console/agent.db") {
      if (good.empty()) return plain(res, 503, "no good build yet: see the errors on the page or in the terminal");
      const fs::path file = path == "/console/agent.db" ? good / "agent.db" : inside(good / "web", path);
      if (file.empty() || !fs::is_regular_file(file)) return plain(res, 404, "not found");
      return send_file(res, file, path.rfind("/public.", 0) == 0);
    }
    const fs::path file = inside(site, path);
    if (file.empty()) return plain(res, 400, "bad request");
    if (fs::is_directory(file)) return res.set_redirect(path + "/");
    if (!fs::is_regular_file(file)) return plain(res, 404, "not found");
    if (file.extension() != ".html") return send_file(res, file, false);
    // The preview has no handoff desk: the pages' widgets send nothing (no data-desk).
    static const std::regex desk_attribute(R"( (data-)?desk="[^"]*")");
    std::string page = std::regex_replace(read_all(file), desk_attribute, "");
    const std::string tag = std::string("<script src=\"") + kReloadScriptPath + "\" defer></script>\n";
    const auto head = page.find("</head>");
    page.insert(head == std::string::npos ? 0 : head, tag);
    res.set_header("Cache-Control", "no-cache");
    res.set_content(page, "text/html; charset=utf-8");
  });
}

httplib::Server* running_server = nullptr;
Preview* running_preview = nullptr;

}  // namespace

int serve_preview(const PreviewOptions& options) {
  if (!fs::is_regular_file(fs::path(options.site_dir) / "widget" / "firstline-widget.js")) {
    std::cerr << "firstline-index serve: " << options.site_dir
              << " holds no built widget (run scripts/build.sh, or give the built site with --site DIR)\n";
    return 2;
  }
  fs::create_directories(options.out_dir);
  Preview preview(options);
  preview.first_build();
  httplib::Server server;
  // Each open page holds a long poll of the state: room for many tabs.
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };
  routes(server, preview);
  const int port = options.port == 0 ? server.bind_to_any_port(options.host)
                                     : (server.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port <= 0) {
    std::cerr << "firstline-index serve: cannot listen on " << options.host << ":" << options.port << " (in use?)\n";
    return 1;
  }
  running_server = &server;
  running_preview = &preview;
  auto on_signal = +[](int) {
    if (running_preview) running_preview->stop();
    if (running_server) running_server->stop();
  };
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  std::thread watcher([&preview] { preview.watch(); });
  std::cout << "firstline-index serve: http://" << options.host << ":" << port << "/ (previewing " << options.kb_dir
            << "; the console at /console/; rebuilt on every save)" << std::endl;
  server.listen_after_bind();
  preview.stop();
  watcher.join();
  return 0;
}

}  // namespace firstline::indexer
