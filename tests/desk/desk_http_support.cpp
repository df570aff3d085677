#include "desk_http_support.h"

#include <chrono>

#include "firstline/desk/passwords.h"
#include "firstline/engine.h"

namespace firstline::desk::testing {

DeskConfig test_config() {
  DeskConfig config;
  config.port = 0;
  config.allowed_origins = {"http://shop.example"};
  config.public_index = FIRSTLINE_TEST_INDEX_DIR "/public.db";
  config.agent_index = FIRSTLINE_TEST_INDEX_DIR "/agent.db";
  read_channels_from_index(config.public_index, config);
  // The test clock stands still, so buckets never refill: room for every test's requests
  // (LimitsEachClientsRateWithRetryAfter sets its own).
  config.handoff_rate = config.events_rate = config.message_rate = config.sign_in_rate = {60, 1000};
  return config;
}

RunningDesk::RunningDesk(DeskConfig config, const std::string& store_location)
    : desk_(std::move(config), open_store(store_location)) {
  desk_.set_clock([this] { return now.load(); });
  port_ = desk_.bind();
  thread_ = std::thread([this] { desk_.serve(); });
  // serve() has started listening once a request is answered.
  for (int i = 0; i < 200; ++i) {
    httplib::Client probe("127.0.0.1", port_);
    if (probe.Get("/api/channels")) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

RunningDesk::~RunningDesk() {
  desk_.stop();
  if (thread_.joinable()) thread_.join();
}

httplib::Client RunningDesk::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(30, 0);
  return c;
}

nlohmann::json core_handoff(const std::vector<std::string>& queries, bool include_personal_data) {
  static const Engine engine = Engine::open(FIRSTLINE_TEST_INDEX_DIR "/public.db");
  Session session;
  session.context.page = "order";
  session.context.order_state = "shipped";
  for (const auto& q : queries) engine.ask(session, q);
  HandoffOptions options;
  options.include_personal_data = include_personal_data;
  return nlohmann::json::parse(engine.handoff(session, options));
}

nlohmann::json widget_post(const std::string& channel, const nlohmann::json& handoff) {
  return {{"channel", channel}, {"kind", channel}, {"handoff", handoff}};
}

void DeskOnBoth::SetUp() {
  try {
    location_ = fresh_store_location(GetParam(), dir_);
    start(test_config());
  } catch (const std::exception& e) {
    FAIL() << "no desk on a " << GetParam() << " store for this test: " << e.what();
  }
}

void DeskOnBoth::start(DeskConfig config) {
  desk_.reset();
  desk_ = std::make_unique<RunningDesk>(std::move(config), location_);
}

httplib::Result DeskOnBoth::post(const std::string& path, const std::string& body, const httplib::Headers& headers) {
  return client().Post(path.c_str(), headers, body, "application/json");
}

std::string DeskOnBoth::sign_in(const std::string& name) {
  add_agent(desk().store(), name, "correct horse battery");
  const auto res = post("/api/agent/sign-in", nlohmann::json{{"name", name}, {"password", "correct horse battery"}}.dump());
  if (!res || res->status != 200) return "";
  return nlohmann::json::parse(res->body)["token"];
}

}  // namespace firstline::desk::testing
