// Turning a labelled query set into a kb-content folder the indexer builds.
#include <gtest/gtest.h>

#include <fstream>

#include "dataset.h"
#include "knowledge_base.h"
#include "test_kb.h"

using namespace firstline::indexer;

TEST(DatasetConversion, OneIntentBecomesOneArticleWithItsTrainLinesAsQuestions) {
  firstline::testing::TempDir dir;
  const std::string set = dir.str() + "/set", kb = dir.str() + "/kb";
  std::filesystem::create_directories(set);
  std::ofstream(set + "/intents.json") << R"([{"id": "Card_arrival", "label": "Card arrival"}, {"id": "pin", "label": "PIN"}])";
  std::ofstream(set + "/train.jsonl") << R"({"text": "where is my card?", "intent": "Card_arrival"}
{"text": "card not here yet", "intent": "Card_arrival"}
{"text": "change my \"pin\": now", "intent": "pin"}
)";
  const DatasetConversion result = convert_dataset(set, kb);
  EXPECT_EQ(result.intents, 2u);
  EXPECT_EQ(result.questions, 3u);
  EXPECT_EQ(result.locale, "en");

  Diagnostics diagnostics;
  const KnowledgeBase loaded = load_knowledge_base(kb, diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.all().front().to_string();
  ASSERT_EQ(loaded.articles.size(), 2u);
  EXPECT_EQ(loaded.articles[0].title, "Card arrival");
  EXPECT_EQ(loaded.articles[0].intents, std::vector<std::string>{"Card_arrival"});
  EXPECT_EQ(loaded.articles[0].questions, (std::vector<std::string>{"where is my card?", "card not here yet"}));
  EXPECT_EQ(loaded.articles[1].questions, std::vector<std::string>{"change my \"pin\": now"});
}

TEST(DatasetConversion, ChineseSetsAreDetectedAndUnlabelledIntentsUseTheirFirstQuestion) {
  firstline::testing::TempDir dir;
  const std::string set = dir.str() + "/set";
  std::filesystem::create_directories(set);
  std::ofstream(set + "/train.jsonl") << R"({"text": "花呗怎么还款", "intent": "q001"})" << "\n";
  const DatasetConversion result = convert_dataset(set, dir.str() + "/kb");
  EXPECT_EQ(result.locale, "zh-Hans");
  Diagnostics diagnostics;
  const KnowledgeBase loaded = load_knowledge_base(dir.str() + "/kb", diagnostics);
  ASSERT_EQ(loaded.intents.size(), 1u);
  EXPECT_EQ(loaded.intents[0].label.at("zh-Hans"), "花呗怎么还款");
}

TEST(DatasetConversion, AMalformedLineIsReportedWithItsLineNumber) {
  firstline::testing::TempDir dir;
  std::filesystem::create_directories(dir.str() + "/set");
  std::ofstream(dir.str() + "/set/train.jsonl") << "{\"text\": \"a\", \"intent\": \"x\"}\nnot json\n";
  try {
    convert_dataset(dir.str() + "/set", dir.str() + "/kb");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), dir.str() + "/set/train.jsonl:2: expected {\"text\": ..., \"intent\": ...}");
  }
}

TEST(DatasetConversion, IntentIdsKeepTheirCharactersWhereAllowed) {
  EXPECT_EQ(dataset_intent_id("Refund_not_showing_up"), "Refund_not_showing_up");
  EXPECT_EQ(dataset_intent_id("app.query"), "app.query");
  EXPECT_EQ(dataset_intent_id("a b/c"), "a_b_c");
  EXPECT_EQ(dataset_intent_id("_x"), "i_x");
}
