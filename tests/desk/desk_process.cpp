#include "desk_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <mutex>
#include <optional>
#include <regex>
#include <stdexcept>
#include <thread>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "desk_http_support.h"

namespace firstline::desk::testing {

DeskProcess::DeskProcess(const std::string& store_location, const std::string& folder) {
  const nlohmann::json generous = {{"per_minute", 1000000}, {"burst", 100000}};
  const std::string config = folder + "/desk.json";
  std::ofstream(config) << nlohmann::json{
      {"store", store_location}, {"host", "127.0.0.1"}, {"port", 0},
      {"public_index", FIRSTLINE_TEST_INDEX_DIR "/public.db"}, {"agent_index", FIRSTLINE_TEST_INDEX_DIR "/agent.db"},
      {"handoff_rate", generous}, {"events_rate", generous}, {"message_rate", generous}, {"sign_in_rate", generous},
  }.dump();
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execl(FIRSTLINE_DESK_BINARY, FIRSTLINE_DESK_BINARY, "serve", "--config", config.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  // The first line says where it listens: "firstline-desk: serving on http://127.0.0.1:PORT/ …".
  std::string said;
  char buffer[512];
  const std::regex listening(R"(serving on http://127\.0\.0\.1:(\d+)/)");
  std::smatch match;
  while (!std::regex_search(said, match, listening)) {
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) {
      close(out[0]);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
      throw std::runtime_error("firstline-desk exited before listening: " + said);
    }
    said.append(buffer, static_cast<std::size_t>(n));
  }
  port_ = std::stoi(match[1]);
  // Its later output goes nowhere; the pipe's write end dies with the process.
  std::thread([fd = out[0]] {
    char sink[512];
    while (read(fd, sink, sizeof sink) > 0) {
    }
    close(fd);
  }).detach();
}

DeskProcess::~DeskProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

void DeskProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

double percentile(std::vector<double> values, double share) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(share * static_cast<double>(values.size())));
  return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

LoadResult run_load(int port, const LoadOptions& options, const std::atomic<bool>& stop) {
  // Payloads made once by the real core, as the widget would post them: a few customers' handoffs.
  const std::vector<std::string> posts = {
      widget_post("chat", core_handoff({"我的快递三天没到", "转人工"})).dump(),
      widget_post("chat", core_handoff({"退款多久到账", "还没到账，找客服"})).dump(),
      widget_post("chat", core_handoff({"where is my refund", "talk to a person"})).dump(),
  };
  nlohmann::json batch = nlohmann::json::array();
  for (int i = 0; i < options.events_per_batch; ++i) {
    batch.push_back({{"type", i % 2 ? "hints" : "ask"}, {"at", "2026-11-24T02:00:00.000Z"}, {"locale", "zh-Hans"},
                     {"session", "s-load"}, {"query", "快递到哪了"}});
  }
  const std::string events = batch.dump();

  LoadResult total;
  std::mutex lock;
  const auto started = std::chrono::steady_clock::now();
  const auto deadline = started + std::chrono::duration<double>(options.seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < options.clients; ++c) {
    threads.emplace_back([&, c] {
      LoadResult mine;
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);  // as a browser does
      client.set_connection_timeout(2);
      client.set_read_timeout(10);
      for (std::size_t n = static_cast<std::size_t>(c); !stop && std::chrono::steady_clock::now() < deadline; ++n) {
        // The body of a `ok` answer, timed; nothing for a failed request.
        auto timed = [&](const char* path, const std::string& body, int ok, std::vector<double>& into) -> std::optional<std::string> {
          const auto t0 = std::chrono::steady_clock::now();
          auto res = client.Post(path, body, "application/json");
          const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
          if (!res || res->status != ok) {
            ++mine.failed;
            ++mine.failures[res ? std::to_string(res->status) + " " + res->body.substr(0, 120) : httplib::to_string(res.error())];
            return std::nullopt;
          }
          into.push_back(ms);
          return res->body;
        };
        if (auto answer = timed("/api/handoffs", posts[n % posts.size()], 201, mine.handoff_ms)) {
          ++mine.handoffs_acknowledged;
          mine.references.push_back(nlohmann::json::parse(*answer).at("reference"));
        } else if (stop) {
          break;
        }
        if (auto answer = timed("/api/events", events, 202, mine.events_ms)) {
          mine.events_acknowledged += nlohmann::json::parse(*answer).at("stored").get<std::int64_t>();
        }
      }
      std::lock_guard<std::mutex> hold(lock);
      total.handoffs_acknowledged += mine.handoffs_acknowledged;
      total.events_acknowledged += mine.events_acknowledged;
      total.failed += mine.failed;
      for (const auto& [what, count] : mine.failures) total.failures[what] += count;
      total.references.insert(total.references.end(), mine.references.begin(), mine.references.end());
      total.handoff_ms.insert(total.handoff_ms.end(), mine.handoff_ms.begin(), mine.handoff_ms.end());
      total.events_ms.insert(total.events_ms.end(), mine.events_ms.begin(), mine.events_ms.end());
    });
  }
  for (auto& thread : threads) thread.join();
  total.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return total;
}

}  // namespace firstline::desk::testing
