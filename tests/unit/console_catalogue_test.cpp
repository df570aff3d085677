// The console's search and editor statistics over the sample agent index.
#include <gtest/gtest.h>

#include <algorithm>

#include "firstline/console/catalogue.h"
#include "test_kb.h"

using firstline::console::Catalogue;
using firstline::console::SearchRequest;

namespace {

const Catalogue& sample() {
  static const Catalogue catalogue = Catalogue::open(firstline::testing::sample_agent_index());
  return catalogue;
}

}  // namespace

TEST(ConsoleCatalogue, SearchFindsInternalCompensationStandardsWithTheirDetails) {
  SearchRequest request;
  request.query = "快递延迟补偿";
  const auto results = sample().search(request);
  ASSERT_FALSE(results.rows.empty());
  const auto standard = std::find_if(results.rows.begin(), results.rows.end(),
                                     [](const auto& row) { return row.id == "comp-standard-delivery"; });
  ASSERT_NE(standard, results.rows.end());
  EXPECT_EQ(standard->type, "policy");
  EXPECT_EQ(standard->audience, "internal");
  EXPECT_EQ(standard->updated, "2026-10-15");
  EXPECT_NE(standard->intent_labels.find("配送延迟"), std::string::npos) << standard->intent_labels;
  EXPECT_TRUE(std::any_of(standard->snippet.begin(), standard->snippet.end(), [](const auto& s) { return s.highlighted; }));
  // The widget's core reads the same words.
  EXPECT_FALSE(results.decision.empty());
  ASSERT_FALSE(results.intents.empty());
}

TEST(ConsoleCatalogue, FiltersNarrowResultsByTypeIntentLevelAndLocale) {
  SearchRequest request;
  request.query = "补偿";
  request.filter.type = "script";
  for (const auto& row : sample().search(request).rows) EXPECT_EQ(row.type, "script") << row.id;

  request = {};
  request.filter.intent = "parcel.delayed";
  request.filter.locale = "en";
  const auto listed = sample().search(request);  // no query: a listing
  ASSERT_FALSE(listed.rows.empty());
  EXPECT_TRUE(listed.intents.empty());
  for (const auto& row : listed.rows) {
    EXPECT_EQ(row.locale, "en");
    EXPECT_NE(std::find(row.intents.begin(), row.intents.end(), "parcel.delayed"), row.intents.end());
  }

  const auto& levels = sample().facets().levels;
  ASSERT_FALSE(levels.empty());
  request = {};
  request.filter.level = std::stoi(levels.front().value);
  const auto by_level = sample().search(request);
  EXPECT_EQ(by_level.rows.size(), levels.front().articles);
  for (const auto& row : by_level.rows) EXPECT_EQ(row.level, request.filter.level);
}

TEST(ConsoleCatalogue, FilterChoicesComeFromTheIndexWithCounts) {
  const auto& facets = sample().facets();
  std::size_t total = 0;
  for (const auto& choice : facets.types) total += choice.articles;
  EXPECT_EQ(total, sample().index().build_info().articles);
  EXPECT_EQ(facets.types.front().value, "solution");
  EXPECT_EQ(facets.audiences.size(), 2u);
  EXPECT_EQ(facets.locales.size(), 3u);
  EXPECT_GE(facets.intents.size(), 20u);
}

TEST(ConsoleCatalogue, NastyQueriesNeverThrow) {
  for (const std::string& query : {std::string(), std::string("\xff\xfe"), std::string(20000, 'x'), std::string("\"(*"),
                                  std::string("OR AND NOT")}) {
    SearchRequest request;
    request.query = query;
    EXPECT_NO_THROW(sample().search(request));
  }
}

TEST(ConsoleCatalogue, AHandedOffDelayGetsStandardsScriptsAndSolutions) {
  const auto parsed = firstline::console::parse_handoff(firstline::testing::read_bytes(
      firstline::testing::source_dir() + "/tests/fixtures/console/handoff-delayed-parcel.json"));
  ASSERT_TRUE(parsed.ok());
  const auto recs = sample().recommendations(parsed.value);
  ASSERT_FALSE(recs.standards.empty());
  EXPECT_EQ(recs.standards.front().id, "comp-standard-delivery");
  EXPECT_FALSE(recs.scripts.empty());
  ASSERT_FALSE(recs.solutions.empty());
  for (const auto* list : {&recs.standards, &recs.scripts, &recs.solutions})
    for (const auto& row : *list) EXPECT_EQ(row.locale.substr(0, 2), "zh") << row.id << ": the case is in Chinese";
  EXPECT_EQ(recs.solutions.front().audience, "internal") << "internal know-how first";
}

TEST(ConsoleCatalogue, StatsCountArticlesAndIntentsFromTheBuild) {
  const auto stats = sample().stats();
  EXPECT_EQ(stats.build.artifact, "agent");
  std::size_t total = 0;
  for (const auto& [type, n] : stats.by_type) total += n;
  EXPECT_EQ(total, stats.build.articles);
  ASSERT_EQ(stats.intents.size(), stats.build.intents);
  EXPECT_LE(stats.intents.front().examples, stats.intents.back().examples) << "thinnest intents first";
  for (const auto& intent : stats.intents) {
    EXPECT_GT(intent.examples, 0u) << intent.id;
    EXPECT_FALSE(intent.label.empty());
  }
}

TEST(ConsoleCatalogue, SnippetHtmlBecomesHighlightedSpans) {
  const auto spans = firstline::console::snippet_spans("a &lt;b&gt; <mark>refund</mark> now<mark>x");
  ASSERT_EQ(spans.size(), 4u);
  EXPECT_EQ(spans[0].text, "a <b> ");
  EXPECT_TRUE(spans[1].highlighted);
  EXPECT_EQ(spans[1].text, "refund");
  EXPECT_EQ(spans[3].text, "x");
}

TEST(ConsoleCatalogue, IntentLabelsFollowTheCoresLocaleFallbacks) {
  EXPECT_EQ(sample().intent_label("parcel.delayed", "zh-Hans"), "配送延迟");
  EXPECT_EQ(sample().intent_label("parcel.delayed", "zh-Hant"), "配送延遲");
  EXPECT_EQ(sample().intent_label("parcel.delayed", "en"), "Late delivery");
  EXPECT_EQ(sample().intent_label("parcel.delayed", "fr"), "Late delivery") << "any other locale reads English";
  EXPECT_EQ(sample().intent_label("no.such-intent", "en"), "no.such-intent") << "an unknown intent keeps its id";
  EXPECT_EQ(sample().intent_labels({"parcel.delayed", "no.such-intent"}, "zh-Hans"), "配送延迟, no.such-intent");
  EXPECT_EQ(sample().intent_labels({}, "zh-Hans"), "");
}

TEST(ConsoleCatalogue, EveryIntentOfTheIndexIsCountedInKnowledgeBaseOrder) {
  const auto& intents = sample().index().intents();
  const auto stats = sample().stats();
  ASSERT_EQ(stats.intents.size(), intents.size());
  for (const auto& intent : intents) {
    const auto it = std::find_if(stats.intents.begin(), stats.intents.end(), [&](const auto& s) { return s.id == intent.id; });
    ASSERT_NE(it, stats.intents.end()) << intent.id;
    EXPECT_EQ(it->examples, intent.examples) << intent.id;
    EXPECT_EQ(it->human_only, intent.human_only) << intent.id;
    EXPECT_EQ(it->not_covered, intent.not_covered) << intent.id;
    EXPECT_EQ(it->not_covered, intent.id == "member.points") << intent.id << ": the sample KB's one known gap";
    EXPECT_EQ(it->label, sample().intent_label(intent.id, "zh-Hans")) << intent.id;
  }
  const auto& choices = sample().facets().intents;
  for (std::size_t i = 1; i < choices.size(); ++i) {
    const auto at = [&](const std::string& id) {
      return std::find_if(intents.begin(), intents.end(), [&](const auto& intent) { return intent.id == id; }) - intents.begin();
    };
    EXPECT_LT(at(choices[i - 1].value), at(choices[i].value)) << "intent choices are listed as intents.yaml lists them";
  }
}

TEST(ConsoleCatalogue, AnIntentWithFewerThanTheRecommendedEightExamplesIsThin) {
  firstline::console::IntentStats intent;
  intent.examples = 7;
  EXPECT_TRUE(firstline::console::has_few_examples(intent));
  intent.examples = 8;
  EXPECT_FALSE(firstline::console::has_few_examples(intent)) << "the indexer's threshold, schema::kRecommendedExamples";
  intent.examples = 11;
  EXPECT_FALSE(firstline::console::has_few_examples(intent)) << "the console once used 12";
}

TEST(ConsoleCatalogue, ACaseShowsItsFirstStandardElseScriptElseSolution) {
  using firstline::console::first_recommendation;
  firstline::console::Recommendations recs;
  EXPECT_EQ(first_recommendation(recs), "");
  recs.solutions.push_back({});
  recs.solutions.back().id = "solution";
  EXPECT_EQ(first_recommendation(recs), "solution");
  recs.scripts.push_back({});
  recs.scripts.back().id = "script";
  EXPECT_EQ(first_recommendation(recs), "script");
  recs.standards.push_back({});
  recs.standards.back().id = "standard";
  EXPECT_EQ(first_recommendation(recs), "standard");
}

TEST(ConsoleCatalogue, AllTextHoldsWhatTheIndexMayShow) {
  const std::string all = sample().all_text();
  EXPECT_NE(all.find("配送延迟"), std::string::npos) << "intent labels";
  EXPECT_NE(all.find("包裹超过预计时间还没到怎么办"), std::string::npos) << "article titles";
  EXPECT_NE(all.find("配送延遲"), std::string::npos) << "traditional Chinese too";
}
