// The console's handoff tab: a handed-off case in the words an agent reads at a glance.
#include <chrono>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "firstline/console/case_glance.h"
#include "test_kb.h"

using firstline::console::Catalogue;
using firstline::console::glance_at;
using firstline::console::parse_handoff;
using nlohmann::json;

namespace {

const Catalogue& sample() {
  static const Catalogue catalogue = Catalogue::open(firstline::testing::sample_agent_index());
  return catalogue;
}

std::string fixture() {
  return firstline::testing::read_bytes(firstline::testing::source_dir() + "/tests/fixtures/console/handoff-delayed-parcel.json");
}

firstline::console::HandoffCase fixture_case(const json& changes = json::object()) {
  json payload = json::parse(fixture());
  payload.merge_patch(changes);
  const auto parsed = parse_handoff(payload.dump());
  EXPECT_TRUE(parsed.ok()) << parsed.error;
  return parsed.value;
}

}  // namespace

TEST(ConsoleCaseGlance, TheHeadlineIsThePayloadsBestGuessAndAskedAboutSaysWhatTheTurnsWereAbout) {
  const auto glance = glance_at(fixture_case(), sample());
  EXPECT_EQ(glance.headline, "配送延迟") << "today's core understands the late parcel (tests/fixtures/console/regenerate.sh)";
  ASSERT_EQ(glance.detected.size(), 3u) << "three likeliest of five";
  EXPECT_EQ(glance.detected[0].id, "parcel.delayed");
  EXPECT_EQ(glance.asked_about, "") << "the headline already says it";

  // A payload whose best guess is weak and off the point (an older core's, for the last "转人工" turn):
  // asked-about says what the turns were about.
  const auto weak = glance_at(fixture_case({{"intents", json::array({
                                  {{"id", "account.hacked"}, {"label", "账号被盗或异常登录"}, {"confidence", 0.027}},
                                  {{"id", "parcel.delayed"}, {"label", "配送延迟"}, {"confidence", 0.026}},
                                  {{"id", "fraud.scam"}, {"label", "冒充客服诈骗"}, {"confidence", 0.027}}})}}),
                              sample());
  EXPECT_EQ(weak.headline, "账号被盗或异常登录");
  EXPECT_EQ(weak.asked_about.rfind("配送延迟", 0), 0u) << weak.asked_about;
}

TEST(ConsoleCaseGlance, AskedAboutIsLeftOutWhenItWouldRepeatTheHeadline) {
  const auto glance = glance_at(fixture_case({{"intents", json::array({{{"id", "parcel.delayed"}, {"label", "配送延迟"}, {"confidence", 0.9}}})}}), sample());
  EXPECT_EQ(glance.headline, "配送延迟");
  EXPECT_EQ(glance.asked_about, "");
}

TEST(ConsoleCaseGlance, ACaseWithoutIntentsIsAnUnrecognisedProblem) {
  const auto glance = glance_at(fixture_case({{"intents", json::array()}}), sample());
  EXPECT_EQ(glance.headline, "Unrecognised problem");
  EXPECT_TRUE(glance.detected.empty());
}

TEST(ConsoleCaseGlance, ChannelsSignalsAndContextReadAsOneLineEach) {
  const auto glance = glance_at(fixture_case(), sample());
  EXPECT_EQ(glance.channel_order, "chat → phone → callback → email");
  EXPECT_EQ(glance.signals, "emotion: 气人  asked for a person: 转人工  ");
  EXPECT_EQ(glance.context, "page ? · order ? · 0 earlier contact(s) · zh-Hans · personal data masked");

  const auto quiet = glance_at(fixture_case({{"signals", {{"human_request", json::array()}, {"emotion", json::array()}}},
                                             {"recommended_channel", {{"order", json::array()}}}}),
                               sample());
  EXPECT_EQ(quiet.signals, "none detected");
  EXPECT_EQ(quiet.channel_order, "");
}

TEST(ConsoleCaseGlance, EachTurnIsTheQuestionAndTheWidgetsAnswerWithLabels) {
  auto c = fixture_case();
  c.conversation[1].chosen_intent = "parcel.delayed";
  const auto glance = glance_at(c, sample());
  ASSERT_EQ(glance.turns.size(), 3u);
  EXPECT_EQ(glance.turns[0].question, "我的快递一个星期了还没到");
  EXPECT_EQ(glance.turns[0].answer, "answer · 配送延迟");
  EXPECT_EQ(glance.turns[1].question, "chose: 配送延迟");
  EXPECT_EQ(glance.turns[2].answer, "escalate · 配送延迟 · explicit_request");
}

TEST(ConsoleCaseGlance, WhatTheyTriedIsTitledWithHowTheySawItAndTheirVerdict) {
  auto c = fixture_case();
  c.attempts.push_back({"no-such-article", false, false, std::nullopt});
  const auto glance = glance_at(c, sample());
  ASSERT_EQ(glance.tried.size(), 3u);
  EXPECT_EQ(glance.tried[0].article, "parcel-delayed");
  EXPECT_EQ(glance.tried[0].title, "包裹超过预计时间还没到怎么办？");
  EXPECT_EQ(glance.tried[0].seen, "opened");
  EXPECT_EQ(glance.tried[0].helped, false);
  EXPECT_EQ(glance.tried[2].title, "no-such-article") << "an article the index lacks keeps its id";
  EXPECT_EQ(glance.tried[2].seen, "rated");
  EXPECT_FALSE(glance.tried[2].helped.has_value());
}

TEST(ConsoleCaseGlance, AMillionCharacterQuestionIsShownCutWithAMarkerWhileThePayloadKeepsItWhole) {
  // Laid out whole, it took 0.4 s a frame.
  std::string huge;
  for (int i = 0; i < 500000; ++i) huge += "快递";
  json payload = json::parse(fixture());
  payload["conversation"][0]["query"] = huge;
  payload["summary"] = std::string(1000000, 's');
  const auto parsed = parse_handoff(payload.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  const auto glance = glance_at(parsed.value, sample());
  const auto& question = glance.turns.at(0).question;
  EXPECT_TRUE(glance.turns[0].question_cut);
  std::string first;
  for (int i = 0; i < 1000; ++i) first += "快递";
  EXPECT_EQ(question, first + "… [cut: 1000000 characters in all]");
  EXPECT_EQ(glance.summary, std::string(2000, 's') + "… [cut: 1000000 characters in all]");
  EXPECT_EQ(parsed.value.conversation[0].query, huge) << "the whole question, for copying";
  EXPECT_FALSE(glance.turns.at(1).question_cut);
}

TEST(ConsoleCaseGlance, AHundredThousandTurnsAreListedUpToTwoHundredAndCounted) {
  json payload = json::parse(fixture());
  json turn = payload["conversation"][0];
  payload["conversation"] = json::array();
  for (int i = 0; i < 100000; ++i) {
    turn["intent"] = "intent." + std::to_string(i);  // each turn a different intent, each article another
    turn["articles"] = {"article-" + std::to_string(i)};
    payload["conversation"].push_back(turn);
  }
  const auto started = std::chrono::steady_clock::now();
  const auto parsed = parse_handoff(payload.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  const auto glance = glance_at(parsed.value, sample());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(glance.turns.size(), 200u);
  EXPECT_EQ(glance.turns_not_shown, 99800u);
  EXPECT_EQ(glance.tried.size(), 200u);
  EXPECT_EQ(glance.tried_not_shown, parsed.value.attempts.size() - 200);
  EXPECT_LT(seconds, 2.0) << "every article and intent was looked for in a list of all the others";
}
