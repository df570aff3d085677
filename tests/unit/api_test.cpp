// The module's request/response contract, tested natively.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "firstline/api.h"
#include "firstline/schema.h"
#include "test_kb.h"

using nlohmann::json;

namespace {
json call(firstline::Api& api, const std::string& request) { return json::parse(api.call(request)); }
}  // namespace

TEST(Api, VersionReportsTheApiAndIndexFormat) {
  firstline::Api api;
  const json response = call(api, R"({"api": 1, "op": "version"})");
  EXPECT_EQ(response["ok"], true);
  EXPECT_EQ(response["api"], 1);
  EXPECT_EQ(response["result"]["index_format"], firstline::schema::kFormatVersion);
}

TEST(Api, MalformedRequestsGetAStructuredErrorNeverNull) {
  firstline::Api api;
  for (const std::string request : {"", "null", "[1]", "{", "\xFF", "42"}) {
    const json response = call(api, request);
    EXPECT_EQ(response["ok"], false) << request;
    EXPECT_EQ(response["error"]["code"], "bad_request") << request;
    EXPECT_FALSE(response["error"]["message"].get<std::string>().empty());
  }
}

TEST(Api, AnUnknownOperationOrApiVersionIsNamed) {
  firstline::Api api;
  EXPECT_EQ(call(api, R"({"op": "fly"})")["error"]["code"], "unknown_op");
  EXPECT_EQ(call(api, R"({"api": 2, "op": "version"})")["error"]["code"], "unsupported_api");
}

TEST(Api, SearchingBeforeOpeningAnIndexIsAnError) {
  firstline::Api api;
  const json response = call(api, R"({"op": "search", "query": "x"})");
  EXPECT_EQ(response["error"]["code"], "invalid_argument");
  EXPECT_EQ(response["error"]["message"], "no index is open: call 'open' first");
}

TEST(Api, OpeningAMissingIndexReportsIndexMissing) {
  firstline::Api api;
  EXPECT_EQ(call(api, R"({"op": "open", "path": "/nope.db"})")["error"]["code"], "index_missing");
  EXPECT_EQ(call(api, R"({"op": "open"})")["error"]["code"], "invalid_argument");
}

TEST(Api, OpenSearchAndReadAnArticle) {
  firstline::Api api;
  const json opened = call(api, json{{"op", "open"}, {"path", firstline::testing::sample_public_index()}}.dump());
  ASSERT_EQ(opened["ok"], true) << opened.dump();
  EXPECT_EQ(opened["result"]["build"]["artifact"], "public");
  const json found = call(api, R"({"op": "search", "query": "我的快递到哪了", "limit": 3})");
  ASSERT_EQ(found["ok"], true);
  ASSERT_FALSE(found["result"]["hits"].empty());
  const std::string id = found["result"]["hits"][0]["id"];
  const json article = call(api, json{{"op", "article"}, {"id", id}}.dump());
  ASSERT_EQ(article["ok"], true);
  EXPECT_FALSE(article["result"]["article"]["html"].get<std::string>().empty());
  EXPECT_EQ(call(api, R"({"op": "article", "id": "no-such"})")["error"]["code"], "invalid_argument");
}

// What hosts read from `open`: nothing more, nothing less, so a key renamed in
// api.cpp breaks here and not in a widget.
TEST(Api, OpeningAnIndexAnswersBuildEscalationAndChannelOrder) {
  firstline::Api api;
  const json opened = call(api, json{{"op", "open"}, {"path", firstline::testing::sample_public_index()}}.dump());
  ASSERT_EQ(opened["ok"], true) << opened.dump();
  std::vector<std::string> keys;
  for (const auto& [key, value] : opened["result"].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"build", "channel_order", "escalation"}));
  const json intents = call(api, R"({"op": "intents"})");
  ASSERT_TRUE(intents["result"]["intents"].is_array()) << intents.dump();
  EXPECT_FALSE(intents["result"]["intents"].empty());
  EXPECT_TRUE(opened["result"]["escalation"]["channels"].is_array());
  const json& order = opened["result"]["channel_order"];
  for (const char* reason : firstline::schema::kEscalationReasons) {
    ASSERT_TRUE(order.contains(reason)) << reason;
    EXPECT_FALSE(order[reason].empty()) << reason << ": every reason has a channel";
  }
}

TEST(Api, TheAgentIndexOpenedWhereThePublicOneBelongsIsRefusedAndNothingIsOpen) {
  firstline::Api api;
  const json request = {{"op", "open"}, {"path", firstline::testing::sample_agent_index()}};
  const json refused = call(api, request.dump());
  EXPECT_EQ(refused["ok"], false);
  EXPECT_EQ(refused["error"]["code"], "index_wrong_artifact");
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("is the agent index"), std::string::npos);
  EXPECT_EQ(call(api, R"({"op": "ask", "query": "赔偿标准"})")["error"]["code"], "invalid_argument")
      << "nothing is left open to answer from";
}

TEST(Api, EachArtifactOpensWhenItIsTheOneAskedFor) {
  firstline::Api api;
  const auto open = [&](const std::string& path, const char* artifact) {
    return call(api, json{{"op", "open"}, {"path", path}, {"artifact", artifact}}.dump());
  };
  EXPECT_EQ(open(firstline::testing::sample_agent_index(), "agent")["result"]["build"]["artifact"], "agent");
  EXPECT_EQ(open(firstline::testing::sample_agent_index(), "any")["ok"], true);
  EXPECT_EQ(open(firstline::testing::sample_public_index(), "agent")["error"]["code"], "index_wrong_artifact");
  EXPECT_EQ(open(firstline::testing::sample_public_index(), "public")["ok"], true);
  EXPECT_EQ(open(firstline::testing::sample_public_index(), "everything")["error"]["code"], "invalid_argument");
}

TEST(Api, AQueryOfInvalidUtf8StillGivesValidJson) {
  firstline::Api api;
  call(api, json{{"op", "open"}, {"path", firstline::testing::sample_public_index()}}.dump());
  // A JSON string cannot carry invalid UTF-8, but the raw request can.
  const std::string response = api.call("{\"op\": \"search\", \"query\": \"\xFF\xFE\"}");
  EXPECT_NO_THROW(json::parse(response));
}
