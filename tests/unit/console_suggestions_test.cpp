// The console's reading of the desk's suggested examples (GET /api/agent/suggestions):
// what the Editor tab lists, and the line of evidence beside each wording.
#include <gtest/gtest.h>

#include "firstline/console/desk_session.h"

using firstline::console::parse_suggestions;
using firstline::console::suggestion_evidence;

namespace {

const char* const kAnswer = R"({"suggestions": [
  {"id": 7, "intent": "parcel.where", "locale": "zh-Hans", "wording": "快递", "status": "pending", "customers": 3,
   "evidence": {"clarified": 2, "rephrased": 1, "latest": [
     {"kind": "clarified", "got": {"kind": "clarify", "intents": [{"id": "parcel.carrier", "confidence": 0.21}, {"id": "parcel.where", "confidence": 0.05}]}, "at": "2026-11-24T02:00:00.000Z"},
     {"kind": "rephrased", "got": {"kind": "escalate", "intents": [], "reason": "out_of_scope"}, "at": "2026-11-23T02:00:00.000Z"}]},
   "first_seen": "2026-11-23T02:00:00.000Z", "last_seen": "2026-11-24T02:00:00.000Z", "decided_by": null},
  {"id": 8, "intent": "refund.status", "locale": "en", "wording": "money still not back", "status": "pending", "customers": 1,
   "evidence": {"clarified": 0, "rephrased": 1, "latest": []}},
  {"intent": "no id: skipped"},
  "not an object"
]})";

}  // namespace

TEST(ConsoleSuggestions, ReadsEachSuggestionWithItsCountsAndWhatItsWordingGotThen) {
  const auto list = parse_suggestions(kAnswer);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, 7);
  EXPECT_EQ(list[0].intent, "parcel.where");
  EXPECT_EQ(list[0].wording, "快递");
  EXPECT_EQ(list[0].customers, 3);
  EXPECT_EQ(list[0].clarified, 2);
  EXPECT_EQ(list[0].rephrased, 1);
  ASSERT_EQ(list[0].got.size(), 2u);
  EXPECT_EQ(list[0].got[0], "clarify: parcel.carrier, parcel.where");
  EXPECT_EQ(list[0].got[1], "escalate (out_of_scope)");
  EXPECT_EQ(list[1].locale, "en");
  EXPECT_TRUE(list[1].got.empty());
}

TEST(ConsoleSuggestions, SaysInOneLineHowManyCustomersGaveAWordingAndHow) {
  const auto list = parse_suggestions(kAnswer);
  EXPECT_EQ(suggestion_evidence(list[0]), "3 customers · 2 clarified, 1 rephrased · got clarify: parcel.carrier, parcel.where");
  EXPECT_EQ(suggestion_evidence(list[1]), "1 customer · 1 rephrased");
}

TEST(ConsoleSuggestions, AnAnswerItCannotReadListsNothing) {
  EXPECT_TRUE(parse_suggestions("").empty());
  EXPECT_TRUE(parse_suggestions("{\"error\": {\"code\": \"unauthorized\"}}").empty());
  EXPECT_TRUE(parse_suggestions("{\"suggestions\": {}}").empty());
}
