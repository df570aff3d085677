// The console's handoff tab: a handed-off case in the words an agent reads at a glance.
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
  EXPECT_EQ(glance.headline, "账号被盗或异常登录");
  ASSERT_EQ(glance.detected.size(), 3u) << "three likeliest of five";
  EXPECT_EQ(glance.detected[0].id, "account.hacked");
  EXPECT_EQ(glance.asked_about.rfind("配送延迟", 0), 0u) << glance.asked_about;
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
  EXPECT_EQ(glance.signals, "asked for a person: 转人工  ");
  EXPECT_EQ(glance.context, "page ? · order ? · 0 earlier contact(s) · zh-Hans · personal data masked");

  const auto quiet = glance_at(fixture_case({{"signals", {{"human_request", json::array()}}},
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
  EXPECT_EQ(glance.turns[2].answer, "escalate · 账号被盗或异常登录 · explicit_request");
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
