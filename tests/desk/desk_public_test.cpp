// The desk's public side over HTTP, on both stores: what the widget posts
// (handoffs, events), what the customer reads back with the token, and every
// kind of bad input refused with a clear error and nothing stored.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <regex>

#include "desk_http_support.h"

using namespace firstline::desk;
using namespace firstline::desk::testing;
using nlohmann::json;

namespace {

json body_of(const httplib::Result& res) { return res ? json::parse(res->body, nullptr, false) : json(); }

void expect_error(const httplib::Result& res, int status, const std::string& code) {
  ASSERT_TRUE(res) << "no answer";
  EXPECT_EQ(res->status, status) << res->body;
  const json j = body_of(res);
  ASSERT_TRUE(j.is_object() && j.contains("error")) << res->body;
  EXPECT_EQ(j["error"]["code"], code) << res->body;
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
}

const std::vector<std::string> kEscalating = {"我的快递一个星期了还没到", "转人工"};

}  // namespace

using DeskPublic = DeskOnBoth;

TEST_P(DeskPublic, TakesTheWidgetsChatHandoffAndAnswersWithAReferenceATokenAndAPromise) {
  const auto res = post("/api/handoffs", widget_post("chat", core_handoff(kEscalating)).dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const json j = body_of(res);
  EXPECT_TRUE(std::regex_match(j["reference"].get<std::string>(), std::regex("FL-[2-9A-HJKMNP-TV-Z]{6}"))) << j;
  EXPECT_EQ(j["token"].get<std::string>().size(), 43u);
  EXPECT_EQ(j["status"], "waiting");
  EXPECT_EQ(j["case_url"], "/api/cases/" + j["token"].get<std::string>());
  // 10:00 in Shanghai, chat open, nobody signed in: no promise of a live answer.
  EXPECT_EQ(j["promise"]["mode"], "when_an_agent_signs_in");
  EXPECT_EQ(j["promise"]["agents_available"], 0);
  EXPECT_NE(j["promise"]["text"].get<std::string>().find("没有客服在线"), std::string::npos) << j["promise"];

  const auto stored = desk().store().case_by_reference(j["reference"]);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->kind, "chat");
  EXPECT_EQ(stored->status, "waiting");
  EXPECT_NE(stored->token_hash, j["token"]) << "the token itself is not stored";
  EXPECT_EQ(json::parse(stored->handoff_json)["schema"], "firstline.handoff");
  EXPECT_FALSE(stored->summary.empty());
}

TEST_P(DeskPublic, MasksPersonalDataInTheHandoffAgainEvenWhenTheWidgetIncludedIt) {
  const json handoff = core_handoff({"我的手机13812345678，邮箱 li.lei@example.com，快递没到，转人工"}, true);
  ASSERT_NE(handoff.dump().find("13812345678"), std::string::npos) << "the widget sent it unmasked";
  const auto res = post("/api/handoffs", widget_post("chat", handoff).dump());
  ASSERT_EQ(res->status, 201) << res->body;
  const auto stored = desk().store().case_by_reference(body_of(res)["reference"]);
  EXPECT_EQ(stored->handoff_json.find("13812345678"), std::string::npos);
  EXPECT_EQ(stored->handoff_json.find("li.lei@example.com"), std::string::npos);
  EXPECT_NE(stored->handoff_json.find("[phone]"), std::string::npos);
}

TEST_P(DeskPublic, KeepsACallbackNumberForTheAgentAndPromisesTheCallWithinTheWindow) {
  json post_body = widget_post("callback", core_handoff(kEscalating));
  post_body["callback"] = {{"phone", "138 1234 5678"}, {"time", "下午，或打 13900001111"}};
  const auto res = post("/api/handoffs", post_body.dump());
  ASSERT_EQ(res->status, 201) << res->body;
  const json promise = body_of(res)["promise"];
  EXPECT_EQ(promise["mode"], "by");
  EXPECT_EQ(promise["by"], "2026-11-24T12:00:00+08:00") << "10:00 plus the 2-hour window";
  EXPECT_NE(promise["text"].get<std::string>().find("今天 12:00"), std::string::npos) << promise;
  const auto stored = desk().store().case_by_reference(body_of(res)["reference"]);
  const json contact = json::parse(stored->contact_json);
  EXPECT_EQ(contact["phone"], "138 1234 5678") << "the number to call is kept as typed";
  EXPECT_EQ(contact["time"], "下午，或打 [phone]") << "free text is masked";

  // After 20:00 the window would pass the 21:00 close: the call is promised after opening.
  desk().now = kTuesdayMorning + 11 * 3600 * 1000LL;  // 21:00 is closed already
  const auto late = post("/api/handoffs", post_body.dump());
  EXPECT_EQ(body_of(late)["promise"]["by"], "2026-11-25T11:00:00+08:00");
}

TEST_P(DeskPublic, RefusesACallbackWithoutANumberAndStoresNothing) {
  expect_error(post("/api/handoffs", widget_post("callback", core_handoff(kEscalating)).dump()), 400, "missing_contact");
  json post_body = widget_post("callback", core_handoff(kEscalating));
  post_body["callback"] = {{"phone", "abc"}};
  expect_error(post("/api/handoffs", post_body.dump()), 400, "missing_contact");
  EXPECT_EQ(desk().store().count_cases(), 0);
}

TEST_P(DeskPublic, PromisesALiveChatOnlyWhileAnAgentIsSignedInAndTheChatIsOpen) {
  sign_in("ana");
  const auto now_open = post("/api/handoffs", widget_post("chat", core_handoff(kEscalating)).dump());
  EXPECT_EQ(body_of(now_open)["promise"]["mode"], "now") << now_open->body;
  EXPECT_EQ(body_of(now_open)["promise"]["agents_available"], 1);

  desk().now = kTuesdayMorning + (13 * 60 + 30) * 60 * 1000LL;  // 23:30: chat closed
  const auto closed = post("/api/handoffs", widget_post("chat", core_handoff(kEscalating)).dump());
  const json promise = body_of(closed)["promise"];
  EXPECT_EQ(promise["mode"], "when_open");
  EXPECT_EQ(promise["opens_at"], "2026-11-25T08:00:00+08:00");
  EXPECT_NE(promise["text"].get<std::string>().find("明天 08:00"), std::string::npos) << promise;

  // The agent signed in at 10:00 and has not been seen for 2 minutes: no longer counted.
  desk().now = kTuesdayMorning + 5 * 60 * 1000LL;
  const auto gone = post("/api/handoffs", widget_post("chat", core_handoff(kEscalating)).dump());
  EXPECT_EQ(body_of(gone)["promise"]["mode"], "when_an_agent_signs_in") << gone->body;
}

TEST_P(DeskPublic, TellsThePageBeforehandWhatEachChannelWouldPromiseNow) {
  const auto res = client().Get("/api/channels?locale=en");
  ASSERT_EQ(res->status, 200);
  const json j = body_of(res);
  EXPECT_EQ(j["timezone"], "Asia/Shanghai");
  EXPECT_EQ(j["agents_available"], 0);
  std::map<std::string, json> by_id;
  for (const auto& c : j["channels"]) by_id[c["channel"]] = c;
  EXPECT_EQ(by_id["chat"]["mode"], "when_an_agent_signs_in");
  EXPECT_EQ(by_id["phone"]["mode"], "call");
  EXPECT_EQ(by_id["email"]["by"], "2026-11-25T10:00:00+08:00");
  EXPECT_NE(by_id["callback"]["text"].get<std::string>().find("12:00 today"), std::string::npos) << by_id["callback"];
}

TEST_P(DeskPublic, RefusesBadInputWithAClearErrorAndStoresNothing) {
  const json good = widget_post("chat", core_handoff(kEscalating));
  expect_error(post("/api/handoffs", "{\"channel\": \"chat\", "), 400, "bad_json");
  expect_error(post("/api/handoffs", "[1, 2]"), 400, "bad_request");
  expect_error(client().Post("/api/handoffs", good.dump(), "text/plain"), 415, "unsupported_media_type");
  json wrong_version = good;
  wrong_version["handoff"]["version"] = 2;
  expect_error(post("/api/handoffs", wrong_version.dump()), 400, "wrong_version");
  json not_a_handoff = good;
  not_a_handoff["handoff"] = {{"summary", "hi"}};
  expect_error(post("/api/handoffs", not_a_handoff.dump()), 400, "bad_request");
  json bad_level = good;
  bad_level["handoff"]["problem_level"] = 7;
  const auto level = post("/api/handoffs", bad_level.dump());
  expect_error(level, 400, "bad_request");
  EXPECT_NE(body_of(level)["error"]["message"].get<std::string>().find("handoff.problem_level: 7 > 4"), std::string::npos);
  json missing = good;
  missing["handoff"].erase("conversation");
  expect_error(post("/api/handoffs", missing.dump()), 400, "bad_request");
  json unknown_channel = good;
  unknown_channel["channel"] = "fax";
  expect_error(post("/api/handoffs", unknown_channel.dump()), 400, "unknown_channel");
  json wrong_kind = good;
  wrong_kind["kind"] = "email";
  expect_error(post("/api/handoffs", wrong_kind.dump()), 400, "unknown_channel");
  json extra = good;
  extra["admin"] = true;
  expect_error(post("/api/handoffs", extra.dump()), 400, "bad_request");
  json huge = good;
  huge["handoff"]["summary"] = std::string(200 * 1024, 'x');
  expect_error(post("/api/handoffs", huge.dump()), 413, "too_large");
  expect_error(post("/api/nowhere", "{}"), 404, "not_found");
  EXPECT_EQ(desk().store().count_cases(), 0);
  EXPECT_EQ(desk().store().queue_version(), 0);
}

TEST_P(DeskPublic, StoresScriptInATextFieldAsTextAndAnswersOnlyJson) {
  json handoff = core_handoff(kEscalating);
  handoff["summary"] = "<script>alert(1)</script>";
  const auto res = post("/api/handoffs", widget_post("chat", handoff).dump());
  ASSERT_EQ(res->status, 201);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(desk().store().case_by_reference(body_of(res)["reference"])->summary, "<script>alert(1)</script>");
}

TEST_P(DeskPublic, ServesOnlyTheConfiguredOriginsAndAnswersTheirPreflight) {
  auto c = client();
  const auto preflight = c.Options("/api/handoffs", {{"Origin", "http://shop.example"},
                                                      {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
  EXPECT_EQ(preflight->get_header_value("Access-Control-Allow-Origin"), "http://shop.example");
  EXPECT_EQ(preflight->get_header_value("Access-Control-Allow-Headers"), "Content-Type");
  EXPECT_FALSE(preflight->has_header("Access-Control-Allow-Credentials"));

  const std::string body = widget_post("chat", core_handoff(kEscalating)).dump();
  expect_error(post("/api/handoffs", body, {{"Origin", "http://evil.example"}}), 403, "origin_not_allowed");
  expect_error(c.Options("/api/handoffs", {{"Origin", "http://evil.example"}}), 403, "origin_not_allowed");
  EXPECT_EQ(desk().store().count_cases(), 0);
  const auto allowed = post("/api/handoffs", body, {{"Origin", "http://shop.example"}});
  EXPECT_EQ(allowed->status, 201);
  EXPECT_EQ(allowed->get_header_value("Access-Control-Allow-Origin"), "http://shop.example");
  // The agent side is not open to the widget's origins.
  expect_error(post("/api/agent/sign-in", "{}", {{"Origin", "http://shop.example"}}), 403, "origin_not_allowed");
}

TEST_P(DeskPublic, StoresTheWidgetsEventsOneOrABatchAtATimeMaskedAgain) {
  const json one = {{"type", "ask"}, {"at", "2026-11-24T02:00:00.000Z"}, {"locale", "zh-Hans"}, {"session", "s1"},
                    {"query", "我的手机13812345678"}};
  const auto single = post("/api/events", one.dump());
  ASSERT_EQ(single->status, 202) << single->body;
  EXPECT_EQ(body_of(single)["stored"], 1);
  const auto batch = post("/api/events", json::array({one, one, one}).dump());
  EXPECT_EQ(body_of(batch)["stored"], 3);
  EXPECT_EQ(desk().store().count_events(), 4);

  expect_error(post("/api/events", json::array({one, {{"type", "steal"}}}).dump()), 400, "bad_request");
  expect_error(post("/api/events", json(std::vector<json>(101, one)).dump()), 413, "too_large");
  expect_error(post("/api/events", "not json"), 400, "bad_json");
  EXPECT_EQ(desk().store().count_events(), 4) << "a refused batch stores none of its events";
}

TEST_P(DeskPublic, KeepsTheEventsMaskedInTheStore) {
  post("/api/events", json{{"type", "ask"}, {"session", "s1"}, {"query", "我的手机13812345678，邮箱 li.lei@example.com"}}.dump());
  const auto events = desk().store().recent_events(10);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "ask");
  EXPECT_EQ(events[0].widget_session, "s1");
  EXPECT_EQ(json::parse(events[0].body_json)["query"], "我的手机[phone]，邮箱 [email]");
  EXPECT_EQ(events[0].client.size(), 16u) << "a hash of the address, not the address";
}

TEST_P(DeskPublic, LimitsEachClientsRateWithRetryAfter) {
  DeskConfig config = test_config();
  config.events_rate = {60, 3};
  start(config);
  const std::string event = json{{"type", "hints"}, {"query", "快"}}.dump();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(post("/api/events", event)->status, 202);
  const auto limited = post("/api/events", event);
  expect_error(limited, 429, "rate_limited");
  EXPECT_EQ(limited->get_header_value("Retry-After"), "1");
  EXPECT_EQ(desk().store().count_events(), 3);
}

TEST_P(DeskPublic, ShowsTheCustomerOnlyTheStatusAndTheConversationThroughTheToken) {
  const json created = body_of(post("/api/handoffs", widget_post("chat", core_handoff(kEscalating)).dump()));
  const auto res = client().Get(("/api/cases/" + created["token"].get<std::string>()).c_str());
  ASSERT_EQ(res->status, 200) << res->body;
  const json j = body_of(res);
  std::set<std::string> keys;
  for (const auto& [key, _] : j.items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"reference", "status", "channel", "promise", "messages"}))
      << "nothing internal: no summary, problem level or handoff";
  EXPECT_EQ(j["status"], "waiting");
  EXPECT_EQ(j["reference"], created["reference"]);

  std::string forged = created["token"];
  forged[5] = forged[5] == 'A' ? 'B' : 'A';
  expect_error(client().Get(("/api/cases/" + forged).c_str()), 404, "not_found");
  expect_error(client().Get("/api/cases/FL-123456"), 404, "not_found");
  expect_error(client().Get(("/api/cases/" + created["reference"].get<std::string>()).c_str()), 404, "not_found");
}

TEST_P(DeskPublic, DeliversAnAgentsReplyToTheCustomersWaitingRequestWithinASecond) {
  const json created = body_of(post("/api/handoffs", widget_post("chat", core_handoff(kEscalating)).dump()));
  const std::string token = created["token"], reference = created["reference"];
  const std::string agent = sign_in("ana");
  const httplib::Headers auth = {{"Authorization", "Bearer " + agent}};
  ASSERT_EQ(post("/api/agent/cases/" + reference + "/claim", "{}", auth)->status, 200);

  auto waiting = std::async(std::launch::async, [&] {
    const auto res = client().Get(("/api/cases/" + token + "?after=0&status=with_agent&wait=20").c_str());
    return std::make_pair(std::chrono::steady_clock::now(), body_of(res));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto sent_at = std::chrono::steady_clock::now();
  ASSERT_EQ(post("/api/agent/cases/" + reference + "/messages", json{{"text", "您好，我来查一下物流"}}.dump(), auth)->status, 201);
  const auto [arrived_at, answer] = waiting.get();
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(arrived_at - sent_at).count(), 1000);
  ASSERT_EQ(answer["messages"].size(), 1u) << answer;
  EXPECT_EQ(answer["messages"][0]["from"], "agent");
  EXPECT_EQ(answer["messages"][0]["text"], "您好，我来查一下物流");
  EXPECT_EQ(answer["status"], "with_agent");
}

TEST_P(DeskPublic, LetsTheCustomerAnswerWithTheTokenUntilTheCaseIsClosed) {
  const json created = body_of(post("/api/handoffs", widget_post("chat", core_handoff(kEscalating)).dump()));
  const std::string path = "/api/cases/" + created["token"].get<std::string>();
  const auto sent = post(path + "/messages", json{{"text", "订单号 12345，电话 13812345678"}}.dump());
  ASSERT_EQ(sent->status, 201) << sent->body;
  EXPECT_EQ(body_of(sent)["message"]["text"], "订单号 12345，电话 [phone]");
  expect_error(post(path + "/messages", json{{"text", "   "}}.dump()), 400, "bad_request");
  expect_error(post(path + "/messages", json{{"text", std::string(2001, 'a')}}.dump()), 413, "too_large");
  expect_error(post("/api/cases/" + std::string(43, 'A') + "/messages", json{{"text", "hi"}}.dump()), 404, "not_found");

  const std::string agent = sign_in("ana");
  const httplib::Headers auth = {{"Authorization", "Bearer " + agent}};
  const std::string reference = created["reference"];
  post("/api/agent/cases/" + reference + "/claim", "{}", auth);
  ASSERT_EQ(post("/api/agent/cases/" + reference + "/close", json{{"outcome", "resolved"}}.dump(), auth)->status, 200);
  expect_error(post(path + "/messages", json{{"text", "还在吗"}}.dump()), 409, "closed");
  const json after = body_of(client().Get(path.c_str()));
  EXPECT_EQ(after["status"], "closed");
  EXPECT_EQ(after["messages"].size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Both, DeskPublic, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
