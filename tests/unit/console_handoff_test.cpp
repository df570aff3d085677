// The console's handoff view: reading whatever an agent pastes or drops.
#include <algorithm>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "firstline/console/handoff.h"
#include "firstline/engine.h"
#include "test_kb.h"

using firstline::console::parse_handoff;
using nlohmann::json;

namespace {

std::string fixture() {
  return firstline::testing::read_bytes(firstline::testing::source_dir() + "/tests/fixtures/console/handoff-delayed-parcel.json");
}

}  // namespace

TEST(ConsoleHandoff, AValidPayloadGivesTheWholeCaseAtAGlance) {
  const auto parsed = parse_handoff(fixture());
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_TRUE(parsed.warnings.empty()) << parsed.warnings.front();
  const auto& c = parsed.value;
  EXPECT_EQ(c.version, 1);
  EXPECT_EQ(c.problem_level, 4);
  EXPECT_EQ(c.locale, "zh-Hans");
  EXPECT_EQ(c.channel, "chat");
  EXPECT_EQ(c.channel_reason, "explicit_request");
  EXPECT_FALSE(c.channel_why.empty());
  ASSERT_EQ(c.conversation.size(), 3u);
  EXPECT_EQ(c.conversation[0].query, "我的快递一个星期了还没到");
  EXPECT_EQ(c.human_request, std::vector<std::string>{"转人工"});
  ASSERT_FALSE(c.intents.empty());
  // What the customer already tried, and that it did not help.
  ASSERT_EQ(c.attempts.size(), 2u);
  EXPECT_EQ(c.attempts[0].article, "parcel-delayed");
  EXPECT_TRUE(c.attempts[0].offered);
  EXPECT_TRUE(c.attempts[0].opened);
  ASSERT_TRUE(c.attempts[0].helped.has_value());
  EXPECT_FALSE(*c.attempts[0].helped);
  EXPECT_EQ(c.attempts[1].article, "parcel-lost-damaged");
  EXPECT_FALSE(c.attempts[1].offered);
}

TEST(ConsoleHandoff, ThePayloadTheCoreProducesTodayIsRead) {
  auto engine = firstline::Engine::open(firstline::testing::sample_public_index());
  firstline::Session session;
  const auto decision = engine.ask(session, "where is my parcel, it's late");
  if (!decision.articles.empty()) engine.feedback(session, decision.articles[0].id, true);
  engine.ask(session, "I want to talk to an agent");
  const auto parsed = parse_handoff(engine.handoff(session));
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_TRUE(parsed.warnings.empty());
  EXPECT_EQ(parsed.value.locale, "en");
  EXPECT_EQ(parsed.value.conversation.size(), 2u);
  ASSERT_FALSE(parsed.value.intents.empty());
  EXPECT_TRUE(parsed.value.intents.front().confident.value_or(false))
      << "the parcel question was understood, and the payload says so";
}

TEST(ConsoleHandoff, TheCaseIsAboutWhatTheCustomerAskedNotTheirLastRequestForAPerson) {
  const auto parsed = parse_handoff(fixture());
  ASSERT_TRUE(parsed.ok());
  const auto intents = firstline::console::case_intents(parsed.value);
  ASSERT_FALSE(intents.empty());
  EXPECT_EQ(intents.front(), "parcel.delayed");
  EXPECT_LE(intents.size(), 3u);
}

TEST(ConsoleHandoff, MissingEssentialFieldsAreNamedInTheError) {
  json payload = json::parse(fixture());
  payload.erase("summary");
  payload.erase("conversation");
  payload["problem_level"] = "high";
  const auto parsed = parse_handoff(payload.dump());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error.find("summary"), std::string::npos) << parsed.error;
  EXPECT_NE(parsed.error.find("conversation"), std::string::npos) << parsed.error;
  EXPECT_NE(parsed.error.find("problem_level (a string)"), std::string::npos) << parsed.error;
}

TEST(ConsoleHandoff, MissingSecondaryFieldsStillShowTheCaseWithWarnings) {
  json payload = json::parse(fixture());
  payload.erase("signals");
  payload.erase("feedback");
  payload["recommended_channel"].erase("why");
  payload["problem_level"] = 9;
  const auto parsed = parse_handoff(payload.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.value.problem_level, 4) << "clamped to 1-4";
  EXPECT_GE(parsed.warnings.size(), 4u);
  bool named_why = false;
  for (const auto& w : parsed.warnings) named_why = named_why || w == "recommended_channel.why is missing";
  EXPECT_TRUE(named_why);
  EXPECT_FALSE(parsed.value.attempts.front().helped.has_value()) << "no feedback, no verdict";
}

TEST(ConsoleHandoff, AnotherVersionIsRefusedWithWhatToUpdate) {
  json payload = json::parse(fixture());
  payload["version"] = 2;
  auto parsed = parse_handoff(payload.dump());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error.find("version 2"), std::string::npos) << parsed.error;
  EXPECT_NE(parsed.error.find("Update the console"), std::string::npos) << parsed.error;
  payload["version"] = "1";
  parsed = parse_handoff(payload.dump());
  EXPECT_FALSE(parsed.ok());
}

TEST(ConsoleHandoff, GarbageGivesAClearMessageNeverACrash) {
  const std::string nasty[] = {"", "   \n", "hello", "{", "[1,2,3]", "42", "null", "{\"schema\":\"other\"}",
                               "{\"schema\":\"firstline.handoff\"}", std::string("\xff\xfe{\"a\":1}", 9),
                               std::string(100000, '['), "{\"schema\":\"firstline.handoff\",\"version\":1}"};
  for (const auto& text : nasty) {
    firstline::console::HandoffParse parsed;
    EXPECT_NO_THROW(parsed = parse_handoff(text)) << text.substr(0, 40);
    EXPECT_FALSE(parsed.ok()) << text.substr(0, 40);
    EXPECT_FALSE(parsed.error.empty());
  }
  EXPECT_NE(parse_handoff("hello").error.find("not valid JSON"), std::string::npos);
  EXPECT_NE(parse_handoff("{\"schema\":\"other\"}").error.find("\"other\""), std::string::npos);
}

TEST(ConsoleHandoff, WrongKindsInsideListsAreSkipped) {
  json payload = json::parse(fixture());
  payload["intents"].push_back(7);
  payload["conversation"].push_back("text");
  payload["feedback"].push_back({{"article", 3}});
  const auto parsed = parse_handoff(payload.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.value.conversation.size(), 3u);
}

TEST(ConsoleHandoff, WeakGuessesServeOnlyWhenTheTurnsSayNothing) {
  json payload = json::parse(fixture());
  // An older core's guesses for the last "转人工" turn, none of them confident.
  payload["intents"] = json::array({{{"id", "account.hacked"}, {"label", "账号被盗或异常登录"}, {"confidence", 0.027}},
                                    {{"id", "parcel.delayed"}, {"label", "配送延迟"}, {"confidence", 0.026}},
                                    {{"id", "fraud.scam"}, {"label", "冒充客服诈骗"}, {"confidence", 0.027}}});
  auto parsed = parse_handoff(payload.dump());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(firstline::console::case_intents(parsed.value), std::vector<std::string>{"parcel.delayed"})
      << "the 3% guesses of the last turn are left out";
  for (auto& turn : payload["conversation"]) turn.erase("intent");
  parsed = parse_handoff(payload.dump());
  ASSERT_TRUE(parsed.ok());
  const auto intents = firstline::console::case_intents(parsed.value, 2);
  ASSERT_EQ(intents.size(), 2u);
  EXPECT_EQ(intents[0], parsed.value.intents[0].id);
}

TEST(ConsoleHandoff, TheKnowledgeBasesOwnThresholdSaysWhichIntentsFrameTheCase) {
  json payload = json::parse(fixture());
  for (auto& turn : payload["conversation"]) turn.erase("intent");
  payload["intents"] = json::array({
      {{"id", "parcel.lost-damaged"}, {"label", "lost"}, {"confidence", 0.4}, {"confident", false}},
      {{"id", "parcel.delayed"}, {"label", "delayed"}, {"confidence", 0.13}, {"confident", true}},
  });
  const auto parsed = parse_handoff(payload.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  ASSERT_TRUE(parsed.value.intents[1].confident.has_value());
  EXPECT_EQ(firstline::console::case_intents(parsed.value, 1), std::vector<std::string>{"parcel.delayed"})
      << "the engine's verdict, not a number the console would have to guess a cut for";
}

TEST(ConsoleHandoff, DroppedTextIsTakenAsAPayloadOrAnEventLog) {
  using firstline::console::looks_like_handoff;
  EXPECT_TRUE(looks_like_handoff(fixture()));
  EXPECT_TRUE(looks_like_handoff("{\"summary\": \"x\"}")) << "a lone object: a payload, so its error is shown";
  EXPECT_TRUE(looks_like_handoff("  ")) << "nothing: the payload reader says what to paste";
  EXPECT_FALSE(looks_like_handoff(firstline::testing::read_bytes(firstline::testing::source_dir() +
                                                                 "/tests/fixtures/console/widget-events.jsonl")));
  EXPECT_FALSE(looks_like_handoff("{\"type\":\"ask\",\"query\":\"x\"}"));
}

TEST(ConsoleHandoff, NumbersOutsideTheirRangeAreClampedAndNamedAsThePayloadWroteThem) {
  json payload = json::parse(fixture());
  payload["problem_level"] = -2147483649LL;  // read as an int, it was 2147483647
  payload["context"]["previous_contacts"] = 18446744073709551615ULL;
  auto parsed = parse_handoff(payload.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_EQ(parsed.value.problem_level, 1);
  EXPECT_EQ(parsed.value.previous_contacts, 999);
  const auto warned = [&](const std::string& text) {
    return std::find(parsed.warnings.begin(), parsed.warnings.end(), text) != parsed.warnings.end();
  };
  EXPECT_TRUE(warned("problem_level -2147483649 is outside 1-4; shown as 1"));
  EXPECT_TRUE(warned("context.previous_contacts 18446744073709551615 is outside 0-999; shown as 999"));

  payload["problem_level"] = 2147483652LL;  // an int of it is negative
  parsed = parse_handoff(payload.dump());
  EXPECT_EQ(parsed.value.problem_level, 4);
  EXPECT_TRUE(warned("problem_level 2147483652 is outside 1-4; shown as 4"));

  payload["version"] = 4294967297LL;  // an int of it is 1
  parsed = parse_handoff(payload.dump());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error.find("version 4294967297: "), std::string::npos) << parsed.error;
  EXPECT_NE(parsed.error.find("Update the console"), std::string::npos) << parsed.error;
}

TEST(ConsoleHandoff, TheWidgetsPostIsReadWithTheCallbackNumberAndTime) {
  const json post = {{"channel", "callback"}, {"kind", "callback"}, {"handoff", json::parse(fixture())},
                     {"callback", {{"phone", "138 1234 5678"}, {"time", "下午"}}}};
  const auto parsed = parse_handoff(post.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  ASSERT_TRUE(parsed.value.request.has_value());
  EXPECT_EQ(parsed.value.request->channel, "callback");
  EXPECT_EQ(parsed.value.request->callback_phone, "138 1234 5678");
  EXPECT_EQ(parsed.value.request->callback_time, "下午");
  EXPECT_EQ(parsed.value.conversation.size(), 3u);
  EXPECT_TRUE(firstline::console::looks_like_handoff(post.dump()));
}

TEST(ConsoleHandoff, TheDesksCaseIsReadWithItsReferenceStatusAndContact) {
  const json c = {{"reference", "FL-7K3M9Q"}, {"status", "waiting"}, {"channel", "callback"}, {"kind", "callback"},
                  {"handoff", json::parse(fixture())}, {"contact", {{"phone", "021 5555 0101"}, {"time", "今晚"}}},
                  {"messages", json::array()}};
  for (const json& given : {json{{"case", c}}, c}) {
    const auto parsed = parse_handoff(given.dump());
    ASSERT_TRUE(parsed.ok()) << parsed.error;
    ASSERT_TRUE(parsed.value.request.has_value());
    EXPECT_EQ(parsed.value.request->reference, "FL-7K3M9Q");
    EXPECT_EQ(parsed.value.request->status, "waiting");
    EXPECT_EQ(parsed.value.request->callback_phone, "021 5555 0101");
    EXPECT_EQ(parsed.value.request->callback_time, "今晚");
  }
}

TEST(ConsoleHandoff, APostWithoutAHandoffSaysSoAndStillGivesTheNumberToCall) {
  const json post = {{"channel", "callback"}, {"kind", "callback"}, {"handoff", nullptr},
                     {"callback", {{"phone", "138 1234 5678"}}}};
  const auto parsed = parse_handoff(post.dump());
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error, "This request carries no handoff summary (the widget's index had not loaded): the customer chose "
                          "callback, call back 138 1234 5678.");
  const auto odd = parse_handoff(R"({"channel": "chat", "kind": "chat", "handoff": [1]})");
  EXPECT_EQ(odd.error, "Not a handoff payload: its \"handoff\" is an array, expected an object.");
}
