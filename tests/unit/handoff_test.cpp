// The handoff payload a person receives: what it carries, which problem it
// names, and personal data masked unless the host opts in.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "firstline/engine.h"
#include "test_kb.h"

using firstline::Engine;
using firstline::Session;

namespace {

const Engine& engine() {
  static const Engine instance = Engine::open(firstline::testing::sample_public_index());
  return instance;
}

}  // namespace

TEST(Handoff, CarriesTheCaseWithPersonalDataMasked) {
  Session session;
  session.context.page = "order";
  session.context.order_state = "shipped";
  engine().ask(session, "快递");
  engine().choose(session, "parcel.where");
  engine().opened(session, "parcel-where");
  engine().feedback(session, "parcel-where", false);
  engine().ask(session, "我的手机13812345678，邮箱 li.lei@example.com，转人工");
  const auto payload = nlohmann::json::parse(engine().handoff(session));

  // Every field the schema requires is there.
  std::ifstream schema_file(firstline::testing::source_dir() + "/core/schema/handoff.schema.json");
  const auto schema = nlohmann::json::parse(schema_file);
  for (const auto& key : schema["required"]) EXPECT_TRUE(payload.contains(key.get<std::string>())) << key;

  EXPECT_EQ(payload["schema"], "firstline.handoff");
  EXPECT_EQ(payload["version"], 1);
  EXPECT_EQ(payload["recommended_channel"]["reason"], "explicit_request");
  EXPECT_EQ(payload["context"]["order_state"], "shipped");
  EXPECT_EQ(payload["articles_viewed"], nlohmann::json::array({"parcel-where"}));
  EXPECT_EQ(payload["feedback"][0]["helped"], false);
  EXPECT_EQ(payload["conversation"][1]["chosen_intent"], "parcel.where");
  EXPECT_EQ(payload["personal_data"], "masked");
  const std::string all = payload.dump();
  EXPECT_EQ(all.find("13812345678"), std::string::npos);
  EXPECT_EQ(all.find("li.lei@example.com"), std::string::npos);
  EXPECT_NE(all.find("[phone]"), std::string::npos);
  EXPECT_NE(all.find("[email]"), std::string::npos);
  EXPECT_FALSE(payload["summary"].get<std::string>().empty());
}

TEST(Handoff, NamesTheProblemTheCustomerDescribedNotTheirClosingRequestForAPerson) {
  Session session;
  engine().ask(session, "我的快递一个星期了还没到");
  engine().ask(session, "太气人了，转人工");
  const auto payload = nlohmann::json::parse(engine().handoff(session));
  ASSERT_FALSE(payload["intents"].empty());
  EXPECT_EQ(payload["intents"][0]["id"], "parcel.delayed");
}

TEST(Handoff, IncludesPersonalDataOnlyWhenTheHostOptsIn) {
  Session session;
  engine().ask(session, "我的手机13812345678，转人工");
  firstline::HandoffOptions options;
  options.include_personal_data = true;
  const auto payload = nlohmann::json::parse(engine().handoff(session, options));
  EXPECT_NE(payload.dump().find("13812345678"), std::string::npos);
  EXPECT_EQ(payload["personal_data"], "included");
}

TEST(Handoff, APlainRequestForAPersonIsNotUrgentAndNamesNoProblem) {
  for (const std::string request : {"转人工", "人工", "我要转人工", "talk to an agent", "I want to talk to an agent"}) {
    Session session;
    const auto decision = engine().ask(session, request);
    EXPECT_EQ(decision.kind, firstline::Decision::Kind::escalate) << request;
    EXPECT_EQ(decision.escalation.reason, firstline::EscalationReason::explicit_request) << request;
    EXPECT_FALSE(decision.urgent) << request;
    // The words of the request say nothing about the problem: no topic, no article beside it.
    EXPECT_TRUE(decision.intents.empty()) << request << ": " << decision.intents.front().id;
    EXPECT_TRUE(decision.articles.empty()) << request;
    const auto payload = nlohmann::json::parse(engine().handoff(session));
    EXPECT_EQ(payload["urgent"], false) << request;
    EXPECT_TRUE(payload["intents"].empty()) << request << ": " << payload["intents"].dump();
    EXPECT_EQ(payload["summary"].get<std::string>().find("紧急"), std::string::npos) << payload["summary"];
  }
}

TEST(Handoff, IsUrgentExactlyWhenOneOfTheConversationsDecisionsWas) {
  // Calm words, urgent words, an urgent intent the engine is sure of and one it is not sure of.
  for (const std::string query : {"转人工", "我的银行卡被盗刷了", "有人冒充客服打电话让我退款", "充电宝能寄吗",
                                  "我的快递一个星期了还没到", "my card was stolen", "where is my parcel"}) {
    Session session;
    const auto decision = engine().ask(session, query);
    const auto payload = nlohmann::json::parse(engine().handoff(session));
    EXPECT_EQ(payload["urgent"].get<bool>(), decision.urgent) << query << ": " << payload["summary"];
  }
}

TEST(Handoff, PreviousContactsOutsideTheSchemasBoundsAreClampedIntoThem) {
  std::ifstream schema_file(firstline::testing::source_dir() + "/core/schema/handoff.schema.json");
  const auto bounds = nlohmann::json::parse(schema_file)["properties"]["context"]["properties"]["previous_contacts"];
  ASSERT_TRUE(bounds.contains("minimum") && bounds.contains("maximum")) << bounds;
  for (const int contacts : {-1, -2147483647 - 1, 2147483647, 1000000}) {
    Session session;
    session.context.previous_contacts = contacts;
    engine().ask(session, "我的快递一个星期了还没到");
    const auto payload = nlohmann::json::parse(engine().handoff(session));
    const auto written = payload["context"]["previous_contacts"];
    ASSERT_TRUE(written.is_number_integer()) << contacts;
    EXPECT_GE(written.get<long long>(), bounds["minimum"].get<long long>()) << contacts;
    EXPECT_LE(written.get<long long>(), bounds["maximum"].get<long long>()) << contacts;
    EXPECT_GE(payload["problem_level"].get<int>(), 1);
    EXPECT_LE(payload["problem_level"].get<int>(), 4);
  }
}

TEST(Handoff, TellsTheAgentWhyInTheAgentsWordsAndLeavesTheCustomersTextToThePanel) {
  Session session;
  session.context.locale = "zh-Hans";
  const auto decision = engine().ask(session, "你们这什么破服务，气死我了，我要投诉");
  ASSERT_EQ(decision.kind, firstline::Decision::Kind::escalate);
  EXPECT_EQ(decision.escalation.reason, firstline::EscalationReason::emotional);
  EXPECT_EQ(decision.escalation.channel, "phone");
  const auto payload = nlohmann::json::parse(engine().handoff(session));
  const std::string why = payload["recommended_channel"]["why"];
  // The reason for the agent, then the phone channel's agent text of escalation.yaml.
  EXPECT_EQ(why, "客户情绪激动，需要安抚；24 小时热线，优先处理紧急情况（银行卡丢失、账号被盗、商品安全、诈骗）");
  EXPECT_EQ(decision.escalation.explanation, why);
  EXPECT_EQ(why.find("直接和客服通话"), std::string::npos) << "the channel's customer text is the panel's";
}
