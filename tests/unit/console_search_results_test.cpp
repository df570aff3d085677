// The console's search tab: the words around the results and which article it shows.
#include <gtest/gtest.h>

#include "firstline/console/format.h"
#include "firstline/console/search_results.h"
#include "test_kb.h"

using namespace firstline::console;

namespace {

const Catalogue& sample() {
  static const Catalogue catalogue = Catalogue::open(firstline::testing::sample_agent_index());
  return catalogue;
}

ResultRow row(const std::string& id) {
  ResultRow r;
  r.id = id;
  return r;
}

}  // namespace

TEST(ConsoleSearchResults, TheSummarySaysHowManyArticlesAndHowFast) {
  EXPECT_EQ(results_summary(12, 3.42), "12 articles · 3.4 ms");
  EXPECT_EQ(results_summary(1, 0.05), "1 article · 0.1 ms");
  EXPECT_EQ(results_summary(0, 0), "0 articles · 0.0 ms");
}

TEST(ConsoleSearchResults, TheReadingNamesTheDecisionAndTheIntentsInTheDefaultLocale) {
  SearchResults results;
  results.decision = "clarify";
  results.intents = {{"parcel.delayed", 0.456}, {"no.such-intent", 0.2}};
  EXPECT_EQ(describe_reading(results, "快递", sample()), "The widget reads this as: clarify · 配送延迟 46%, no.such-intent 20%");
}

TEST(ConsoleSearchResults, WithoutAQueryTheReadingExplainsTheListing) {
  EXPECT_EQ(describe_reading(SearchResults{}, "", sample()), "No query: every article the filters let through, newest first.");
  EXPECT_EQ(describe_reading(SearchResults{}, "   ", sample()), "") << "blanks: no decision, nothing to explain";
}

TEST(ConsoleSearchResults, TheReadingOfARealSearchComesFromTheWidgetsCore) {
  SearchRequest request;
  request.query = "快递延迟补偿";
  const auto reading = describe_reading(sample().search(request), request.query, sample());
  EXPECT_EQ(reading.rfind("The widget reads this as: ", 0), 0u) << reading;
  EXPECT_NE(reading.find('%'), std::string::npos) << reading;
}

TEST(ConsoleSearchResults, TheBestMatchIsShownUnlessTheArticleBeingReadIsStillListed) {
  SearchResults results;
  results.rows = {row("a"), row("b")};
  EXPECT_EQ(article_after_search(results, ""), "a") << "nothing shown yet";
  EXPECT_EQ(article_after_search(results, "b"), "") << "still listed: keep reading it";
  EXPECT_EQ(article_after_search(results, "c"), "a") << "no longer listed: show the best match";
  EXPECT_EQ(article_after_search(SearchResults{}, "c"), "") << "nothing found: the pane keeps what it shows";
}

TEST(ConsoleSearchResults, AFilterShowsItsChoicesLabelOrAny) {
  const std::vector<FilterChoice> choices = {{"policy", "policy", 4}, {"parcel.delayed", "parcel.delayed  配送延迟", 7}};
  EXPECT_EQ(chosen_label(choices, "parcel.delayed"), "parcel.delayed  配送延迟");
  EXPECT_EQ(chosen_label(choices, ""), "any");
  EXPECT_EQ(chosen_label(choices, "gone"), "any");
}

TEST(ConsoleSearchResults, AProblemLevelIsAChoiceValueAndBack) {
  EXPECT_EQ(level_choice(0), "");
  EXPECT_EQ(level_choice(3), "3");
  EXPECT_EQ(level_of_choice("3"), 3);
  EXPECT_EQ(level_of_choice(""), 0) << "any level";
  EXPECT_EQ(level_of_choice("L3"), 0) << "not a value the filter offers";
  EXPECT_EQ(level_of_choice("99999999999999999999"), 0);
  for (const auto& choice : sample().facets().levels) EXPECT_EQ(level_choice(level_of_choice(choice.value)), choice.value);
}

TEST(ConsoleFormat, ASharePrintsAsAWholePercentage) {
  EXPECT_EQ(percent(0.456), "46%");
  EXPECT_EQ(percent(0), "0%");
  EXPECT_EQ(percent(1), "100%");
}

TEST(ConsoleFormat, JoinPutsTheSeparatorBetweenItemsOnly) {
  EXPECT_EQ(join({}), "");
  EXPECT_EQ(join({"chat"}), "chat");
  EXPECT_EQ(join({"chat", "phone"}), "chat, phone");
  EXPECT_EQ(join({"chat", "phone"}, " → "), "chat → phone");
}

TEST(ConsoleFormat, AWaitingTimeReadsAsMinutesAndSecondsThenHours) {
  EXPECT_EQ(firstline::console::waiting_time(42.9), "0:42");
  EXPECT_EQ(firstline::console::waiting_time(725), "12:05");
  EXPECT_EQ(firstline::console::waiting_time(7390), "2:03:10");
  EXPECT_EQ(firstline::console::waiting_time(-3), "0:00");
}
