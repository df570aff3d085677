// Searching articles: Chinese through CJK n-grams, Traditional and Simplified
// as the same text, English with stemming.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli.h"
#include "firstline/index.h"
#include "test_kb.h"

using firstline::Index;
using firstline::testing::TestKb;

namespace {

std::vector<std::string> top_ids(const Index& index, const std::string& query, std::size_t n = 3) {
  std::vector<std::string> ids;
  for (const auto& hit : index.search(query, n)) ids.push_back(hit.id);
  return ids;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

Index sample() { return Index::open(firstline::testing::sample_public_index()); }

Index build_test_kb(const TestKb& kb) {
  std::vector<std::string> args{"firstline-index", "build", kb.root(), "--out", kb.scratch("out"), "--quiet"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  EXPECT_EQ(firstline::indexer::run_cli(static_cast<int>(argv.size()), argv.data()), 0);
  return Index::open(kb.scratch("out") + "/public.db");
}

}  // namespace

TEST(Search, ATraditionalChineseQueryFindsASimplifiedArticle) {
  TestKb kb;  // parcel-where is written in Simplified Chinese only
  const Index index = build_test_kb(kb);
  EXPECT_EQ(top_ids(index, "我的快遞到哪了", 1), std::vector<std::string>{"parcel-where"});
  EXPECT_EQ(top_ids(index, "查物流", 1), std::vector<std::string>{"parcel-where"});
}

TEST(Search, ASimplifiedChineseQueryFindsATraditionalArticle) {
  TestKb kb;  // refund-status-hant is written in Traditional Chinese only
  const Index index = build_test_kb(kb);
  EXPECT_EQ(top_ids(index, "退款什么时候到帐", 1), std::vector<std::string>{"refund-status-hant"});
}

TEST(Search, TheSampleKbAnswersATraditionalQueryWithoutATraditionalArticle) {
  // invoice-request has no zh-Hant version.
  const auto ids = top_ids(sample(), "發票怎麼開", 3);
  EXPECT_TRUE(contains(ids, "invoice-request")) << ids.size();
}

TEST(Search, TaiwanWordsForThingsFoldToTheMainlandOnes) {
  // The indexer stores OpenCC's Taiwan phrase table with the character table.
  const Index index = sample();
  const auto& folder = index.folder();
  EXPECT_EQ(folder.fold("收不到簡訊"), "收不到短信");
  EXPECT_EQ(folder.fold("軟體更新"), "软件更新");
  EXPECT_EQ(folder.fold("無法登入"), "无法登录");
}

TEST(Search, TheSampleKbAnswersEnglishWithStemming) {
  EXPECT_TRUE(contains(top_ids(sample(), "tracking my parcels"), "parcel-where-en"));
  EXPECT_TRUE(contains(top_ids(sample(), "cancelling an order"), "order-cancel-en"));
}

TEST(Search, ANumberInTheQueryFindsTheArticleThatHasIt) {
  // Words that start with a digit once got only an unstemmed term, which no
  // query ever looked for.
  TestKb kb;
  kb.write("articles/error-404.md", "---\nid: error-404\ntitle: The page shows an error\ntype: faq\naudience: public\n"
                                    "locale: en\nintents: [refund.status]\nupdated: 2026-10-01\n---\n"
                                    "Error 404 means the link is old: open the page from the menu.\n");
  kb.write("articles/error-500.md", "---\nid: error-500\ntitle: The page shows an error\ntype: faq\naudience: public\n"
                                    "locale: en\nintents: [refund.status]\nupdated: 2026-10-01\n---\n"
                                    "Error 500 means our server failed: try again in a minute.\n");
  const Index index = build_test_kb(kb);
  EXPECT_EQ(top_ids(index, "error 404", 1), std::vector<std::string>{"error-404"});
  EXPECT_EQ(top_ids(index, "500 error", 1), std::vector<std::string>{"error-500"});
}

TEST(Search, ASynonymFindsAnArticleWordedTheOtherWayInChineseAndInEnglish) {
  TestKb kb;
  kb.write("synonyms.yaml", "synonyms:\n  - [充电宝, 移动电源]\n  - [tracking number, waybill number]\n");
  auto article = [](const std::string& id, const std::string& title, const std::string& locale, const std::string& body) {
    return "---\nid: " + id + "\ntitle: " + title + "\ntype: faq\naudience: public\nlocale: " + locale +
           "\nintents: [parcel.where]\nupdated: 2026-10-01\n---\n" + body + "\n";
  };
  kb.write("articles/power-bank.md", article("power-bank", "移动电源能寄吗", "zh-Hans", "含锂电池的移动电源须单独包装。"));
  // Each shares a character with 充电宝 (the power bank shares only 电).
  kb.write("articles/battery.md", article("battery", "电池充不进电", "zh-Hans", "请先检查插头。"));
  kb.write("articles/top-up.md", article("top-up", "充值卡怎么用", "zh-Hans", "在账户页输入卡密即可充值。"));
  kb.write("articles/waybill.md", article("waybill", "Where to find the waybill number", "en", "It is on the label."));
  kb.write("articles/tracking.md", article("tracking", "Tracking a return", "en", "Returns are tracked once we scan them."));
  const Index index = build_test_kb(kb);
  EXPECT_EQ(top_ids(index, "充电宝", 1), std::vector<std::string>{"power-bank"});
  EXPECT_EQ(top_ids(index, "my tracking number", 1), std::vector<std::string>{"waybill"});
}

TEST(Search, SnippetsMarkTheMatchedWordsAndEscapeTheRest) {
  const auto hits = sample().search("refund", 1);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet_html.find("<mark>"), std::string::npos) << hits[0].snippet_html;
}

TEST(Search, ASnippetShowsTheArticleAsWrittenInItsScriptAndCase) {
  // The index matches folded text (Simplified, lower case); the customer
  // reads the article's own: a Traditional one stays Traditional.
  const auto hant = sample().search("我的包裹到哪裡了", [] { firstline::ArticleFilter f; f.locale = "zh-Hant"; return f; }(), 1);
  ASSERT_EQ(hant.size(), 1u);
  EXPECT_NE(hant[0].snippet_html.find("<mark>包裹</mark>"), std::string::npos) << hant[0].snippet_html;
  EXPECT_NE(hant[0].snippet_html.find("訂單"), std::string::npos) << hant[0].snippet_html;
  EXPECT_EQ(hant[0].snippet_html.find("订单"), std::string::npos) << hant[0].snippet_html;
  const auto en = sample().search("where is my refund", 1);
  ASSERT_EQ(en.size(), 1u);
  EXPECT_NE(en[0].snippet_html.find("<mark>refund</mark>"), std::string::npos) << en[0].snippet_html;
  EXPECT_EQ(en[0].snippet_html.find("<mark>is</mark>"), std::string::npos) << en[0].snippet_html;
  EXPECT_NE(en[0].snippet_html.find("Our"), std::string::npos) << en[0].snippet_html;
}

TEST(Search, AnyBytesGiveResultsOrNothingButNeverAnError) {
  const Index index = sample();
  const std::string nasty[] = {"", " ", "\xFF\xFE", std::string("a\0b", 3), "AND OR NOT", "\"unclosed", "(((",
                               "title:", "*", "\?\?!!", "😡😡😡", std::string(100 * 1024, 'x'), "快递\t\n\r"};
  for (const auto& query : nasty) EXPECT_NO_THROW(index.search(query, 5)) << query.size();
}

TEST(Search, AFilterKeepsOnlyArticlesOfThatTypeAudienceLocaleAndIntent) {
  const Index agent = Index::open(firstline::testing::sample_agent_index());
  firstline::ArticleFilter filter;
  filter.type = "policy";
  filter.audience = "internal";
  filter.locale = "zh-Hans";
  const auto hits = agent.search("快递延迟补偿", filter, 20);
  ASSERT_FALSE(hits.empty());
  for (const auto& hit : hits) {
    EXPECT_EQ(hit.type, "policy") << hit.id;
    EXPECT_EQ(hit.audience, "internal") << hit.id;
    EXPECT_EQ(hit.locale, "zh-Hans") << hit.id;
  }
  EXPECT_EQ(hits.front().id, "comp-standard-delivery");

  filter = {};
  filter.intent = "parcel.delayed";
  filter.locale = "en";
  for (const auto& hit : agent.search("delay", filter, 20)) {
    EXPECT_NE(std::find(hit.intents.begin(), hit.intents.end(), "parcel.delayed"), hit.intents.end()) << hit.id;
    EXPECT_EQ(hit.locale, "en") << hit.id;
  }
}

TEST(Search, AHitCarriesTheArticlesUpdatedDate) {
  const auto hits = sample().search("refund", 1);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].updated.size(), 10u) << hits[0].updated;  // YYYY-MM-DD
}

TEST(Search, ListingArticlesReturnsEveryMatchNewestFirst) {
  const Index agent = Index::open(firstline::testing::sample_agent_index());
  const auto all = agent.articles();
  EXPECT_EQ(all.size(), agent.build_info().articles);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1].updated, all[i].updated);

  firstline::ArticleFilter scripts;
  scripts.type = "script";
  const auto listed = agent.articles(scripts);
  ASSERT_FALSE(listed.empty());
  EXPECT_LT(listed.size(), all.size());
  for (const auto& hit : listed) EXPECT_EQ(hit.type, "script") << hit.id;
  EXPECT_EQ(agent.articles(scripts, 2).size(), 2u);
  EXPECT_TRUE(sample().articles(scripts).empty()) << "scripts are internal";
}

TEST(Search, AnEntityInAnArticleIsIndexedAndSnippedAsTheCharacterItStandsFor) {
  TestKb kb;
  kb.write("articles/markup.md",
           TestKb::article("markup-help", "", "Paste &lt;script&gt; tags into the page header &amp; save the template."));
  const Index index = build_test_kb(kb);
  const auto hits = index.search("script tags template", 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "markup-help");
  // Escaped once by the snippet: the widget shows "<script>", not "&lt;script&gt;".
  EXPECT_NE(hits[0].snippet_html.find("&lt;<mark>script</mark>&gt;"), std::string::npos) << hits[0].snippet_html;
  EXPECT_NE(hits[0].snippet_html.find(" &amp; "), std::string::npos) << hits[0].snippet_html;
  EXPECT_EQ(hits[0].snippet_html.find("&amp;lt;"), std::string::npos) << hits[0].snippet_html;
  EXPECT_TRUE(index.search("lt gt amp", 3).empty()) << "the entities' names are not words of the article";
}
