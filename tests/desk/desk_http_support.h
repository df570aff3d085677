// A desk running in this process on a free loopback port, over a fresh store
// of the test's kind (SQLite or PostgreSQL), with a clock the test sets; and
// handoff payloads made by the real core from the sample KB's public index,
// as the widget makes them.
#pragma once

#include <httplib.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "desk_test_support.h"
#include "firstline/desk/desk.h"

namespace firstline::desk::testing {

/// 2026-11-24 10:00 in Asia/Shanghai (a Tuesday; chat open 08:00-22:00).
inline constexpr Millis kTuesdayMorning = 1795485600000;  // 02:00 UTC

/// The sample KB's channels (kb-content/escalation.yaml), read from the sample public index.
DeskConfig test_config();

class RunningDesk {
 public:
  RunningDesk(DeskConfig config, const std::string& store_location);
  ~RunningDesk();
  RunningDesk(const RunningDesk&) = delete;
  RunningDesk& operator=(const RunningDesk&) = delete;

  Store& store() { return desk_.store(); }
  int port() const { return port_; }
  httplib::Client client() const;
  std::atomic<Millis> now{kTuesdayMorning};

 private:
  Desk desk_;
  int port_ = 0;
  std::thread thread_;
};

/// A handoff payload from the core, after the customer typed `queries` (masked unless include_personal_data).
nlohmann::json core_handoff(const std::vector<std::string>& queries, bool include_personal_data = false);

/// What the widget posts to handoffUrl: {channel, kind, handoff} (+ callback).
nlohmann::json widget_post(const std::string& channel, const nlohmann::json& handoff);

/// A desk over a fresh store of the test's kind, for HTTP tests.
class DeskOnBoth : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  /// Starts (or restarts) the desk with a changed config.
  void start(DeskConfig config);
  RunningDesk& desk() { return *desk_; }
  httplib::Client client() { return desk_->client(); }
  /// POSTs JSON (Content-Type application/json), optionally with extra headers.
  httplib::Result post(const std::string& path, const std::string& body, const httplib::Headers& headers = {});
  /// Adds an agent and signs them in: the session token.
  std::string sign_in(const std::string& name);

 private:
  TempFolder dir_;
  std::string location_;
  std::unique_ptr<RunningDesk> desk_;
};

}  // namespace firstline::desk::testing
