// The desk's agent side over HTTP, on both stores: signing in, the queue,
// claiming, replying, closing, and agent.db for signed-in agents only.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <future>

#include <sodium.h>

#include "desk_http_support.h"
#include "firstline/desk/passwords.h"

using namespace firstline::desk;
using namespace firstline::desk::testing;
using nlohmann::json;

namespace {

json body_of(const httplib::Result& res) { return res ? json::parse(res->body, nullptr, false) : json(); }
httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

}  // namespace

class DeskAgent : public DeskOnBoth {
 protected:
  /// A chat case from the core's handoff after `queries`: its reference.
  std::string hand_off(const std::vector<std::string>& queries) {
    const auto res = post("/api/handoffs", widget_post("chat", core_handoff(queries)).dump());
    return body_of(res)["reference"];
  }
  httplib::Result agent_post(const std::string& token, const std::string& path, const json& body = json::object()) {
    return post(path, body.dump(), bearer(token));
  }
};

TEST_P(DeskAgent, SignsInWithTheRightPasswordOnlyAndSetsAStrictHttpOnlyCookie) {
  add_agent(desk().store(), "ana", "correct horse battery");
  const auto wrong = post("/api/agent/sign-in", json{{"name", "ana"}, {"password", "wrong horse battery"}}.dump());
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(body_of(wrong)["error"]["code"], "wrong_credentials");
  const auto nobody = post("/api/agent/sign-in", json{{"name", "bo"}, {"password", "correct horse battery"}}.dump());
  EXPECT_EQ(body_of(nobody)["error"]["code"], "wrong_credentials") << "the same answer for an unknown name";

  const auto ok = post("/api/agent/sign-in", json{{"name", "ana"}, {"password", "correct horse battery"}}.dump());
  ASSERT_EQ(ok->status, 200) << ok->body;
  const std::string cookie = ok->get_header_value("Set-Cookie");
  const std::string token = body_of(ok)["token"];
  EXPECT_EQ(cookie.rfind("firstline_desk_session=" + token + ";", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Max-Age=43200"), std::string::npos);
  EXPECT_EQ(body_of(ok)["expires_at"], "2026-11-24T14:00:00.000Z");
  // The cookie works as well as the bearer token.
  EXPECT_EQ(client().Get("/api/agent/queue", {{"Cookie", "firstline_desk_session=" + token}})->status, 200);
  EXPECT_EQ(client().Get("/api/agent/queue", bearer(token))->status, 200);
}

TEST_P(DeskAgent, HashesPasswordsWithArgon2idAndRefusesWeakOnesAndOddNames) {
  const Agent ana = add_agent(desk().store(), "ana.li", "correct horse battery");
  EXPECT_EQ(ana.password_hash.rfind("$argon2id$", 0), 0u) << ana.password_hash;
  EXPECT_EQ(crypto_pwhash_str_verify(ana.password_hash.c_str(), "correct horse battery", 21), 0);
  EXPECT_THROW(add_agent(desk().store(), "bo", "short"), AgentError);
  EXPECT_THROW(add_agent(desk().store(), "bo li", "correct horse battery"), AgentError);
  EXPECT_THROW(add_agent(desk().store(), "", "correct horse battery"), AgentError);
  EXPECT_THROW(add_agent(desk().store(), "ana.li", "correct horse battery"), StoreError);
  set_agent_password(desk().store(), "ana.li", "another long password");
  EXPECT_EQ(post("/api/agent/sign-in", json{{"name", "ana.li"}, {"password", "another long password"}}.dump())->status, 200);
  EXPECT_THROW(set_agent_password(desk().store(), "nobody", "another long password"), AgentError);
}

TEST_P(DeskAgent, RefusesEveryAgentEndpointWithoutALiveSession) {
  const std::string reference = hand_off({"转人工"});
  for (const std::string& path : std::vector<std::string>{"/api/agent/queue", "/api/agent/cases/" + reference, "/api/agent/agent.db"}) {
    EXPECT_EQ(client().Get(path.c_str())->status, 401) << path;
    EXPECT_EQ(client().Get(path.c_str(), bearer(std::string(43, 'x')))->status, 401) << path;
  }
  for (const std::string& path : std::vector<std::string>{"/api/agent/cases/" + reference + "/claim", "/api/agent/cases/" + reference + "/messages",
                                 "/api/agent/cases/" + reference + "/close", std::string("/api/agent/sign-out")})
    EXPECT_EQ(post(path, json{{"text", "hi"}, {"outcome", "resolved"}}.dump())->status, 401) << path;
  EXPECT_EQ(desk().store().case_by_reference(reference)->status, "waiting");

  const std::string token = sign_in("ana");
  desk().now = kTuesdayMorning + 12 * 3600 * 1000LL;  // the session's 12 hours are over
  EXPECT_EQ(client().Get("/api/agent/queue", bearer(token))->status, 401);
}

TEST_P(DeskAgent, SignsOutAndTheTokenStopsWorking) {
  const std::string token = sign_in("ana");
  const auto out = agent_post(token, "/api/agent/sign-out");
  EXPECT_EQ(out->status, 200);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(client().Get("/api/agent/queue", bearer(token))->status, 401);
}

TEST_P(DeskAgent, QueuesLevelFourAndUrgentCasesFirstWithTheirWaitingTime) {
  const std::string calm = hand_off({"我想退货"});
  desk().now = desk().now + 60000;
  const std::string urgent = hand_off({"我的银行卡被盗刷了"});
  const std::string token = sign_in("ana");
  desk().now = desk().now + 30000;
  const auto res = client().Get("/api/agent/queue", bearer(token));
  ASSERT_EQ(res->status, 200);
  const json q = body_of(res);
  ASSERT_EQ(q["cases"].size(), 2u) << q;
  EXPECT_EQ(q["cases"][0]["reference"], urgent) << q.dump(1);
  EXPECT_TRUE(q["cases"][0]["urgent"]);
  EXPECT_EQ(q["cases"][0]["waiting_seconds"], 30);
  EXPECT_EQ(q["cases"][1]["reference"], calm);
  EXPECT_EQ(q["cases"][1]["waiting_seconds"], 90);
  EXPECT_FALSE(q["cases"][1]["summary"].get<std::string>().empty());
  EXPECT_TRUE(q["cases"][1]["claimed_by"].is_null());
  EXPECT_GT(q["version"].get<int>(), 0);
}

TEST_P(DeskAgent, AWaitingQueueRequestReturnsAsSoonAsANewCaseArrives) {
  const std::string token = sign_in("ana");
  const json first = body_of(client().Get("/api/agent/queue", bearer(token)));
  auto waiting = std::async(std::launch::async, [&] {
    const std::string path = "/api/agent/queue?wait=20&after=" + std::to_string(first["version"].get<int>());
    const auto res = client().Get(path.c_str(), bearer(token));
    return std::make_pair(std::chrono::steady_clock::now(), body_of(res));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto handed_at = std::chrono::steady_clock::now();
  const std::string reference = hand_off({"转人工"});
  const auto [arrived_at, queue] = waiting.get();
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(arrived_at - handed_at).count(), 1000);
  ASSERT_EQ(queue["cases"].size(), 1u);
  EXPECT_EQ(queue["cases"][0]["reference"], reference);
}

TEST_P(DeskAgent, ClaimsACaseReadsItRepliesAndClosesItWithAnOutcome) {
  json post_body = widget_post("callback", core_handoff({"快递一直没到", "转人工"}));
  post_body["callback"] = {{"phone", "138 1234 5678"}, {"time", ""}};
  const std::string reference = body_of(post("/api/handoffs", post_body.dump()))["reference"];
  const std::string token = sign_in("ana");
  const auto claimed = agent_post(token, "/api/agent/cases/" + reference + "/claim");
  ASSERT_EQ(claimed->status, 200) << claimed->body;
  const json c = body_of(claimed)["case"];
  EXPECT_EQ(c["status"], "claimed");
  EXPECT_EQ(c["claimed_by"], "ana");
  EXPECT_EQ(c["contact"]["phone"], "138 1234 5678") << "the agent sees the number to call";
  EXPECT_EQ(c["handoff"]["schema"], "firstline.handoff") << "the whole handoff, for the three-second view";
  EXPECT_EQ(c["promise"]["mode"], "by");

  EXPECT_EQ(agent_post(token, "/api/agent/cases/" + reference + "/messages", {{"text", "<b>马上回电</b>"}})->status, 201);
  const json read = body_of(client().Get(("/api/agent/cases/" + reference).c_str(), bearer(token)))["case"];
  ASSERT_EQ(read["messages"].size(), 1u);
  EXPECT_EQ(read["messages"][0]["text"], "<b>马上回电</b>") << "text, as written";

  const auto bad = agent_post(token, "/api/agent/cases/" + reference + "/close", {{"outcome", "vanished"}});
  EXPECT_EQ(body_of(bad)["error"]["code"], "bad_request");
  const auto closed = agent_post(token, "/api/agent/cases/" + reference + "/close", {{"outcome", "compensated"}});
  ASSERT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(body_of(closed)["case"]["outcome"], "compensated");
  EXPECT_TRUE(body_of(client().Get("/api/agent/queue", bearer(token)))["cases"].empty());
  EXPECT_EQ(body_of(agent_post(token, "/api/agent/cases/" + reference + "/claim"))["error"]["code"], "closed");
}

TEST_P(DeskAgent, RefusesAnotherAgentsClaimedCase) {
  const std::string reference = hand_off({"转人工"});
  const std::string ana = sign_in("ana"), bo = sign_in("bo");
  ASSERT_EQ(agent_post(ana, "/api/agent/cases/" + reference + "/claim")->status, 200);
  EXPECT_EQ(agent_post(ana, "/api/agent/cases/" + reference + "/claim")->status, 200) << "claiming twice is harmless";
  const auto claim = agent_post(bo, "/api/agent/cases/" + reference + "/claim");
  EXPECT_EQ(claim->status, 409);
  EXPECT_EQ(body_of(claim)["error"]["code"], "claimed_by_other");
  EXPECT_NE(body_of(claim)["error"]["message"].get<std::string>().find("ana"), std::string::npos);
  const auto reply = agent_post(bo, "/api/agent/cases/" + reference + "/messages", {{"text", "我来"}});
  EXPECT_EQ(body_of(reply)["error"]["code"], "claimed_by_other");
  const auto close = agent_post(bo, "/api/agent/cases/" + reference + "/close", {{"outcome", "resolved"}});
  EXPECT_EQ(body_of(close)["error"]["code"], "claimed_by_other");
  EXPECT_TRUE(desk().store().messages(desk().store().case_by_reference(reference)->id).empty());
  EXPECT_EQ(desk().store().case_by_reference(reference)->status, "claimed");

  const std::string other = hand_off({"转人工"});
  const auto unclaimed = agent_post(ana, "/api/agent/cases/" + other + "/messages", {{"text", "hi"}});
  EXPECT_EQ(body_of(unclaimed)["error"]["code"], "not_claimed");
  EXPECT_EQ(agent_post(ana, "/api/agent/cases/FL-NONE00/claim")->status, 404);
}

TEST_P(DeskAgent, ServesAgentDbOnlyToSignedInAgents) {
  EXPECT_EQ(client().Get("/api/agent/agent.db")->status, 401);
  const std::string token = sign_in("ana");
  const auto res = client().Get("/api/agent/agent.db", bearer(token));
  ASSERT_EQ(res->status, 200);
  std::ifstream file(FIRSTLINE_TEST_INDEX_DIR "/agent.db", std::ios::binary);
  const std::string expected((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(res->body.size(), expected.size());
  EXPECT_TRUE(res->body == expected);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "private, no-store");
}

TEST_P(DeskAgent, GivesSignedInEditorsTheEventsOfAPeriodAsJsonLinesInPages) {
  auto event = [](const std::string& query) {
    return nlohmann::json{{"type", "ask"}, {"at", "2026-11-24T02:00:00.000Z"}, {"locale", "zh-Hans"}, {"session", "s1"},
                          {"query", query}};
  };
  post("/api/events", nlohmann::json::array({event("昨天的问题")}).dump());  // 2026-11-24 02:00 UTC
  desk().now = kTuesdayMorning + 24 * 3600 * 1000LL;                         // the next day
  post("/api/events", nlohmann::json::array({event("我的手机13812345678"), event("积分什么时候过期"), event("发票")}).dump());
  EXPECT_EQ(client().Get("/api/agent/events")->status, 401);
  const auto headers = bearer(sign_in("ana"));

  const auto day = client().Get("/api/agent/events?from=2026-11-25&to=2026-11-26", headers);
  ASSERT_EQ(day->status, 200) << day->body;
  EXPECT_EQ(day->get_header_value("Content-Type"), "application/x-ndjson; charset=utf-8");
  std::vector<std::string> queries;
  std::istringstream lines(day->body);
  for (std::string line; std::getline(lines, line);) queries.push_back(nlohmann::json::parse(line)["query"]);
  ASSERT_EQ(queries.size(), 3u);
  EXPECT_EQ(queries[0].find("13812345678"), std::string::npos) << "masked: " << queries[0];
  EXPECT_EQ(queries[1], "积分什么时候过期");
  EXPECT_EQ(queries[2], "发票");
  EXPECT_FALSE(day->has_header("X-Next-After"));

  // A page of two, then the rest after the id it names.
  const auto first = client().Get("/api/agent/events?from=2026-11-25T00:00:00Z&limit=2", headers);
  ASSERT_TRUE(first->has_header("X-Next-After"));
  const auto rest = client().Get("/api/agent/events?from=2026-11-25T00:00:00Z&limit=2&after=" +
                                     first->get_header_value("X-Next-After"), headers);
  EXPECT_EQ(std::count(first->body.begin(), first->body.end(), '\n'), 2);
  EXPECT_EQ(std::count(rest->body.begin(), rest->body.end(), '\n'), 1);
  EXPECT_NE(rest->body.find("发票"), std::string::npos);

  EXPECT_EQ(client().Get("/api/agent/events?from=yesterday", headers)->status, 400);
  EXPECT_EQ(client().Get("/api/agent/events?from=2026-13-01", headers)->status, 400);
}

TEST_P(DeskAgent, ServesTheBrowserConsoleFromConsoleRootUnderAStrictPolicyAndNeverAnIndex) {
  TempFolder site;
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"index.html", "<!doctype html><title>console</title>"}, {"console.js", "'use strict';"}, {"agent.db", "internal"}})
    std::ofstream(site.path() + "/" + name) << text;
  DeskConfig config = test_config();
  config.console_root = site.path();
  start(config);
  const auto page = client().Get("/console/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body, "<!doctype html><title>console</title>");
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self' 'wasm-unsafe-eval'"), std::string::npos);
  EXPECT_EQ(client().Get("/console/console.js")->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(client().Get("/console")->status, 301);
  for (const char* refused : {"/console/agent.db", "/console/../desk.sqlite", "/console/%2e%2e/x.html", "/console/.hidden.js",
                              "/console/missing.js"})
    EXPECT_EQ(client().Get(refused)->status, 404) << refused;

  // The page it serves signs in from the desk's own origin; any other origin is still refused.
  add_agent(desk().store(), "ana", "correct horse battery");
  const std::string own = "http://127.0.0.1:" + std::to_string(desk().port());
  const std::string body = json{{"name", "ana"}, {"password", "correct horse battery"}}.dump();
  EXPECT_EQ(post("/api/agent/sign-in", body, {{"Origin", own}})->status, 200);
  EXPECT_EQ(post("/api/agent/sign-in", body, {{"Origin", "http://evil.example"}})->status, 403);
}

TEST_P(DeskAgent, ServesNoConsoleWithoutConsoleRoot) {
  EXPECT_EQ(client().Get("/console/")->status, 404);
  add_agent(desk().store(), "ana", "correct horse battery");
  const std::string own = "http://127.0.0.1:" + std::to_string(desk().port());
  EXPECT_EQ(post("/api/agent/sign-in", json{{"name", "ana"}, {"password", "correct horse battery"}}.dump(), {{"Origin", own}})->status, 403)
      << "without a console of its own, the desk's origin is not an agent origin";
}

INSTANTIATE_TEST_SUITE_P(Both, DeskAgent, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
