// The checks an editor expects beyond "is it valid" (issue 18): drafts stay
// unpublished, a missing translation says who reads what instead, an unknown
// id gets a "did you mean", a YAML slip gets one plain message at its own line
// (and no knock-on errors), a list item merged into the one above and a file
// named unlike its id are warnings. Each test asserts the exact message.
#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "indexer_cli.h"
#include "firstline/index.h"
#include "knowledge_base.h"
#include "test_kb.h"
#include "yaml_source.h"

using namespace firstline::indexer;
using firstline::testing::TestKb;
using firstline::testing::run_indexer;

namespace {

/// Every diagnostic of loading the KB as "file:line: severity: message", the
/// KB root shown as "kb"; missing translations (the test KB's parcel-where
/// and refund-status-hant have none) only if asked for.
std::vector<std::string> problems(const TestKb& kb_dir, bool translations = false) {
  Diagnostics diagnostics;
  load_knowledge_base(kb_dir.root(), diagnostics);
  std::vector<std::string> out;
  for (const auto& d : diagnostics.all()) {
    std::string line = d.to_string();
    for (std::size_t at; (at = line.find(kb_dir.root())) != std::string::npos;)
      line.replace(at, kb_dir.root().size(), "kb");
    const bool translation = line.find(") has no ") != std::string::npos && line.find(" translation: ") != std::string::npos;
    if (translation && !translations) continue;
    out.push_back(line);
  }
  return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::vector<std::string> one(const std::string& message) { return {message}; }

std::vector<std::string> article_ids(const std::string& index_path) {
  const auto index = firstline::Index::open(index_path);
  std::vector<std::string> ids;
  for (const auto& article : index.articles()) ids.push_back(article.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

/// An English article with `extra` front matter, e.g. a translation.
std::string english(const std::string& id, const std::string& extra = "") {
  return "---\nid: " + id + "\ntitle: Where is my parcel\ntype: solution\naudience: public\nlocale: en\n"
         "intents: [parcel.where]\nupdated: 2026-10-01\n" + extra + "---\nOpen the order to see where it is.\n";
}

}  // namespace

// --- drafts ---------------------------------------------------------------

TEST(ContentChecks, ADraftIsInNeitherIndexAndTheStatsListIt) {
  TestKb kb_dir;
  kb_dir.write("articles/parcel-late.md", TestKb::article("parcel-late", "draft: true\n"));
  EXPECT_EQ(problems(kb_dir), std::vector<std::string>{});
  ASSERT_EQ(run_indexer({"build", kb_dir.root(), "--out", kb_dir.scratch("out"), "--quiet"}), 0);
  EXPECT_EQ(article_ids(kb_dir.scratch("out") + "/public.db"),
            (std::vector<std::string>{"parcel-where", "refund-status-hant"}));
  EXPECT_EQ(article_ids(kb_dir.scratch("out") + "/agent.db"),
            (std::vector<std::string>{"comp-standard", "parcel-where", "refund-status-hant"}));
  ::testing::internal::CaptureStdout();
  EXPECT_EQ(run_indexer({"stats", kb_dir.scratch("out") + "/agent.db"}), 0);
  const std::string stats = ::testing::internal::GetCapturedStdout();
  EXPECT_NE(stats.find("  drafts (not published): parcel-late (" + kb_dir.root() + "/articles/parcel-late.md)\n"),
            std::string::npos)
      << stats;
  // The public index does not even name it.
  ::testing::internal::CaptureStdout();
  EXPECT_EQ(run_indexer({"stats", kb_dir.scratch("out") + "/public.db"}), 0);
  EXPECT_EQ(::testing::internal::GetCapturedStdout().find("parcel-late"), std::string::npos);
}

TEST(ContentChecks, DraftFalsePublishesAndAnythingElseIsAnError) {
  TestKb kb_dir;
  kb_dir.write("articles/parcel-where.md", TestKb::article("parcel-where", "draft: false\n"));
  EXPECT_EQ(problems(kb_dir), std::vector<std::string>{});
  kb_dir.write("articles/parcel-where.md", TestKb::article("parcel-where", "draft: maybe\n"));
  EXPECT_EQ(problems(kb_dir), one("kb/articles/parcel-where.md:10: error: field 'draft' must be true or false"));
}

TEST(ContentChecks, APublishedArticleRelatedToADraftIsAnError) {
  TestKb kb_dir;
  kb_dir.write("articles/parcel-late.md", TestKb::article("parcel-late", "draft: true\n"));
  kb_dir.write("articles/parcel-where.md", TestKb::article("parcel-where", "related: [parcel-late]\n"));
  EXPECT_EQ(problems(kb_dir), one("kb/articles/parcel-where.md:10: error: related article 'parcel-late' is a draft: "
                                  "publish it (remove 'draft: true') or take it out of related"));
  // A draft may link a draft.
  kb_dir.write("articles/parcel-where.md", TestKb::article("parcel-where", "related: [parcel-late]\ndraft: true\n"));
  EXPECT_EQ(problems(kb_dir), std::vector<std::string>{});
}

TEST(ContentChecks, APublishedTranslationOfADraftIsAWarningSayingWhoGetsIt) {
  TestKb kb_dir;
  kb_dir.write("articles/parcel-where.md", TestKb::article("parcel-where", "draft: true\n"));
  kb_dir.write("articles/parcel-where-en.md", english("parcel-where-en", "translation_of: parcel-where\n"));
  EXPECT_EQ(problems(kb_dir, true),
            (std::vector<std::string>{
                "kb/articles/parcel-where-en.md:9: warning: translation_of names article 'parcel-where', which is a "
                "draft: until it is published, its customers get this en text in its place",
                // zh-Hans is not served: its only article is the draft
                "kb/articles/parcel-where-en.md:2: warning: article 'parcel-where-en' (en) has no zh-Hant "
                "translation: Traditional Chinese customers get the en text",
                "kb/articles/refund-status-hant.md:2: warning: article 'refund-status-hant' (zh-Hant) has no en "
                "translation: English customers get the zh-Hant text"}));
}

// --- translations ---------------------------------------------------------

TEST(ContentChecks, AMissingTranslationIsAWarningNamingTheLocaleAndWhatItsCustomersGet) {
  TestKb kb_dir;
  kb_dir.write("articles/refund-time.md",
               replaced(TestKb::article("refund-time"), "intents: [parcel.where]", "intents: [refund.status]"));
  kb_dir.write("articles/parcel-where-en.md", english("parcel-where-en", "translation_of: parcel-where\n"));
  kb_dir.write("articles/parcel-where-hant.md",
               "---\nid: parcel-where-hant\ntitle: 我的包裹到哪了\ntype: solution\naudience: public\nlocale: zh-Hant\n"
               "intents: [parcel.where]\nupdated: 2026-10-01\ntranslation_of: parcel-where\n---\n在訂單詳情查看物流。\n");
  Diagnostics diagnostics;
  load_knowledge_base(kb_dir.root(), diagnostics);
  std::vector<std::string> warnings;
  for (const auto& d : diagnostics.all()) warnings.push_back(d.to_string().substr(kb_dir.root().size()));
  EXPECT_EQ(warnings, (std::vector<std::string>{
                          "/articles/refund-status-hant.md:2: warning: article 'refund-status-hant' (zh-Hant) has no "
                          "zh-Hans or en translation: Simplified Chinese and English customers get the zh-Hant text",
                          "/articles/refund-time.md:2: warning: article 'refund-time' (zh-Hans) has no zh-Hant or en "
                          "translation: Traditional Chinese and English customers get the zh-Hans text"}));
}

TEST(ContentChecks, TheExampleOfTheIssueReadsAsWritten) {
  // Only zh-Hans and en are served here: a zh-Hans article without en.
  TestKb kb_dir;
  kb_dir.remove("articles/refund-status-hant.md");
  kb_dir.write("articles/parcel-where-en.md", english("parcel-where-en", "translation_of: parcel-where\n"));
  kb_dir.write("articles/refund-time.md", TestKb::article("refund-time"));
  EXPECT_EQ(problems(kb_dir, true), one("kb/articles/refund-time.md:2: warning: article 'refund-time' (zh-Hans) has no en "
                                  "translation: English customers get the zh-Hans text"));
  // A KB written in one locale (a converted dataset) serves no other: nothing
  // to translate. Internal articles (comp-standard) never need a translation.
  kb_dir.remove("articles/parcel-where-en.md");
  EXPECT_EQ(problems(kb_dir, true), std::vector<std::string>{});
}

TEST(ContentChecks, AMissingTranslationNamesADraftOfIt) {
  TestKb kb_dir;
  kb_dir.remove("articles/refund-status-hant.md");
  kb_dir.write("articles/parcel-where-en.md", english("parcel-where-en", "translation_of: parcel-where\n"));
  kb_dir.write("articles/refund-time.md", TestKb::article("refund-time"));
  kb_dir.write("articles/refund-time-en.md", english("refund-time-en", "translation_of: refund-time\ndraft: true\n"));
  EXPECT_EQ(problems(kb_dir, true), one("kb/articles/refund-time.md:2: warning: article 'refund-time' (zh-Hans) has no "
                                        "en translation: English customers get the zh-Hans text (the en translation "
                                        "'refund-time-en' is a draft)"));
}

// --- did you mean ---------------------------------------------------------

TEST(ContentChecks, AnUnknownIntentSuggestsTheNearestKnownOne) {
  TestKb kb_dir;
  kb_dir.write("intents.yaml", firstline::testing::read_bytes(kb_dir.root() + "/intents.yaml") +
                                   "  - id: member.point\n    label: {zh-Hans: 会员积分}\n"
                                   "    examples: {zh-Hans: [积分, 积分怎么获得, 积分怎么用, 积分查询, 积分过期, 积分兑换, "
                                   "积分规则, 我的积分]}\n");
  kb_dir.write("articles/member-points.md",
               replaced(TestKb::article("member-points"), "intents: [parcel.where]", "intents: [member.piont]"));
  EXPECT_EQ(problems(kb_dir), one("kb/articles/member-points.md:7: error: unknown intent 'member.piont' (not in "
                                  "intents.yaml): did you mean 'member.point'?"));
}

TEST(ContentChecks, AnUnknownFirstScreenTopicSuggestsTheNearestIntent) {
  TestKb kb_dir;
  kb_dir.write("first-screen.yaml", "default: [parcel.wehre]\n");
  EXPECT_EQ(problems(kb_dir), one("kb/first-screen.yaml:1: error: unknown intent 'parcel.wehre' (not in "
                                  "intents.yaml): did you mean 'parcel.where'?"));
}

TEST(ContentChecks, AnUnknownRelatedOrTranslatedArticleSuggestsTheNearestId) {
  TestKb kb_dir;
  kb_dir.write("articles/parcel-where-en.md",
               english("parcel-where-en", "translation_of: parcel-wehre\nrelated: [refund-status-hnat]\n"));
  EXPECT_EQ(problems(kb_dir),
            (std::vector<std::string>{
                "kb/articles/parcel-where-en.md:10: error: related article 'refund-status-hnat' does not exist: did "
                "you mean 'refund-status-hant'?",
                "kb/articles/parcel-where-en.md:9: error: translation_of names article 'parcel-wehre', which does not "
                "exist: did you mean 'parcel-where'?"}));
}

TEST(ContentChecks, AnUnknownChannelInARouteSuggestsTheNearestChannel) {
  TestKb kb_dir;
  std::string escalation = firstline::testing::read_bytes(kb_dir.root() + "/escalation.yaml");
  kb_dir.write("escalation.yaml", replaced(escalation, "urgent: [phone]", "urgent: [phnoe]"));
  EXPECT_EQ(problems(kb_dir), one("kb/escalation.yaml:5: error: route 'urgent' names unknown channel 'phnoe': did you "
                                  "mean 'phone'?"));
}

TEST(ContentChecks, DidYouMeanAllowsFewEditsForShortIdsAndNamesTies) {
  const std::vector<std::string> known{"chat", "phone", "parcel.where", "parcel.when", "member.point"};
  EXPECT_EQ(did_you_mean("member.piont", known), ": did you mean 'member.point'?");  // a swap is one edit
  EXPECT_EQ(did_you_mean("chta", known), ": did you mean 'chat'?");
  EXPECT_EQ(did_you_mean("mail", known), "");  // 3 edits from chat: too far for 4 letters
  EXPECT_EQ(did_you_mean("parcel.wher", known), ": did you mean 'parcel.when' or 'parcel.where'?");
  EXPECT_EQ(did_you_mean("parcel.teleport", known), "");
}

// --- a topic marked not covered ------------------------------------------

namespace {

/// The test KB with a third intent, member.points, marked not covered (a known gap).
void add_points_gap(TestKb& kb_dir, const std::string& flags = "    not_covered: true\n") {
  kb_dir.write("intents.yaml", firstline::testing::read_bytes(kb_dir.root() + "/intents.yaml") +
                                   "  - id: member.points\n    label: {zh-Hans: 会员积分}\n"
                                   "    examples: {zh-Hans: [积分, 积分怎么获得, 积分怎么用, 积分查询, 积分过期, 积分兑换, "
                                   "积分规则, 我的积分]}\n" + flags);
}

}  // namespace

TEST(ContentChecks, AnArticleForATopicMarkedNotCoveredIsAnErrorNamingBothPlaces) {
  TestKb kb_dir;
  add_points_gap(kb_dir);
  EXPECT_TRUE(problems(kb_dir).empty()) << "a gap without an article is what the flag is for";
  kb_dir.write("articles/member-points.md",
               replaced(TestKb::article("member-points"), "intents: [parcel.where]", "intents: [member.points]"));
  EXPECT_EQ(problems(kb_dir), one("kb/articles/member-points.md:7: error: intent 'member.points' is marked not_covered "
                                  "(intents.yaml line 20), yet this article answers it: remove 'not_covered: true' "
                                  "from the intent, or keep the article 'draft: true' until it is ready"));
  kb_dir.write("articles/member-points.md", replaced(TestKb::article("member-points", "draft: true\n"),
                                                     "intents: [parcel.where]", "intents: [member.points]"));
  EXPECT_TRUE(problems(kb_dir).empty()) << "the article being written, as a draft";
}

TEST(ContentChecks, ATopicMarkedNotCoveredIsNeitherOnTheFirstScreenNorUrgent) {
  TestKb kb_dir;
  add_points_gap(kb_dir, "    not_covered: true\n    urgent: true\n");
  kb_dir.write("first-screen.yaml", "default: [parcel.where, member.points]\n");
  EXPECT_EQ(problems(kb_dir),
            (std::vector<std::string>{
                "kb/intents.yaml:23: error: an intent marked not_covered is out of scope: it cannot also be urgent or "
                "human_only (those go to a person for their own reason)",
                "kb/first-screen.yaml:1: error: intent 'member.points' is marked not_covered in intents.yaml: the "
                "first screen offers only topics the KB answers"}));
}

// --- YAML syntax ----------------------------------------------------------

TEST(ContentChecks, ATabInTheIndentationIsNamedAtItsLineWithNoKnockOnErrors) {
  TestKb kb_dir;
  std::string intents = firstline::testing::read_bytes(kb_dir.root() + "/intents.yaml");
  kb_dir.write("intents.yaml", replaced(intents, "    human_only: false", "\thuman_only: false"));
  // The articles' intents are not reported unknown: intents.yaml could not be read.
  EXPECT_EQ(problems(kb_dir), one("kb/intents.yaml:9: error: invalid YAML: this line is indented with a tab: YAML "
                                  "indents with spaces only; replace the tab with spaces (yaml-cpp: end of map not "
                                  "found)"));
}

TEST(ContentChecks, AnUnquotedColonInATitleSaysToQuoteIt) {
  TestKb kb_dir;
  std::string article = TestKb::article("parcel-where");
  article = replaced(article, "title: 我的包裹到哪了", "title: Refund: how long");
  kb_dir.write("articles/parcel-where.md", article);
  EXPECT_EQ(problems(kb_dir), one("kb/articles/parcel-where.md:3: error: invalid YAML: the value of 'title' holds ': ', "
                                  "which YAML reads as the start of another key: put the whole value in quotes, e.g. "
                                  "title: \"Refund: how long\" (yaml-cpp: illegal map value)"));
  article = replaced(article, "title: Refund: how long", "title: 退款: 多久到账");
  kb_dir.write("articles/parcel-where.md", article);
  EXPECT_EQ(problems(kb_dir), one("kb/articles/parcel-where.md:3: error: invalid YAML: the value of 'title' holds ': ', "
                                  "which YAML reads as the start of another key: put the whole value in quotes, e.g. "
                                  "title: \"退款: 多久到账\" (yaml-cpp: illegal map value)"));
}

TEST(ContentChecks, AnOutdentedKeyInIntentsIsOneErrorAtItsLineNotAFloodOfUnknownIntents) {
  TestKb kb_dir;
  std::string intents = firstline::testing::read_bytes(kb_dir.root() + "/intents.yaml");
  kb_dir.write("intents.yaml", replaced(intents, "    human_only: false", "  human_only: false"));
  kb_dir.write("first-screen.yaml", "default: [parcel.where, refund.status]\n");
  EXPECT_EQ(problems(kb_dir), one("kb/intents.yaml:9: error: invalid YAML: this line is indented 2 spaces and the line "
                                  "above 6 spaces: the keys of one map, and the '-' of the items of one list, must "
                                  "start at the same column (count the spaces) (yaml-cpp: end of map not found)"));
}

TEST(ContentChecks, AKeyLinedUpWithTheDashOfItsItemSaysWhereItsKeysStart) {
  TestKb kb_dir;
  std::string intents = firstline::testing::read_bytes(kb_dir.root() + "/intents.yaml");
  kb_dir.write("intents.yaml", replaced(intents, "    group: delivery", "  group: delivery"));
  EXPECT_EQ(problems(kb_dir), one("kb/intents.yaml:3: error: invalid YAML: this line is indented 2 spaces, like the "
                                  "'-' of the item above, whose keys start after it: indent it 4 spaces to go on with "
                                  "that item, or start a new item with '- ' (yaml-cpp: end of map not found)"));
}

TEST(ContentChecks, AKeyIndentedUnderAValueSaysSo) {
  TestKb kb_dir;
  std::string intents = firstline::testing::read_bytes(kb_dir.root() + "/intents.yaml");
  kb_dir.write("intents.yaml", replaced(intents, "    label: {zh-Hans: 查询包裹", "      label: {zh-Hans: 查询包裹"));
  EXPECT_EQ(problems(kb_dir), one("kb/intents.yaml:4: error: invalid YAML: this line is indented 6 spaces, more than "
                                  "the line above (4 spaces), which already has its value: line a new key up with the "
                                  "keys above it, or, if the text continues that value, put the whole value in quotes "
                                  "on one line (yaml-cpp: illegal map value)"));
}

TEST(ContentChecks, AnUnclosedBracketPointsAtTheLineThatOpensIt) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", "---\nid: bad\ntitle: [unclosed\ntype: faq\n---\nbody\n");
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:3: error: invalid YAML: a '[' or '{' opened on this line is not "
                                  "closed: close it, or put the value in quotes if the bracket is part of the text "
                                  "(yaml-cpp: end of sequence flow not found)"));
}

TEST(ContentChecks, LinksToAnArticleWhoseYamlIsBrokenAreNotReportedAgain) {
  TestKb kb_dir;
  kb_dir.write("articles/parcel-late.md", "---\nid: parcel-late\ntitle: a: b\n---\nbody\n");
  kb_dir.write("articles/parcel-where.md", TestKb::article("parcel-where", "related: [parcel-late]\n"));
  const auto found = problems(kb_dir);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rfind("kb/articles/parcel-late.md:3: error: invalid YAML: the value of 'title' holds ': '", 0), 0u)
      << found[0];
}

// --- merged list items ----------------------------------------------------

TEST(ContentChecks, AQuestionHoldingAListMarkerIsAWarningAtTheMarkersLine) {
  TestKb kb_dir;
  std::string article = TestKb::article("parcel-where");
  article = replaced(article, "questions: [快递到哪了, 查物流]", "questions:\n  - 积分怎么获得\n   - 积分怎么用\n  - \"A - B\"");
  kb_dir.write("articles/parcel-where.md", article);
  EXPECT_EQ(problems(kb_dir), one("kb/articles/parcel-where.md:10: warning: question '积分怎么获得 - 积分怎么用' holds "
                                  "' - ', the mark of a list item: two merged into one? Start '- 积分怎么用' at the "
                                  "same column as the '-' above it (or quote the text if the dash belongs to it)"));
}

TEST(ContentChecks, AnExampleQuestionHoldingAListMarkerIsAWarning) {
  TestKb kb_dir;
  std::string intents = firstline::testing::read_bytes(kb_dir.root() + "/intents.yaml");
  kb_dir.write("intents.yaml", replaced(intents, "[退款什么时候到账, 退款进度,", "[退款什么时候到账 - 退款进度,"));
  EXPECT_EQ(problems(kb_dir),
            (std::vector<std::string>{
                "kb/intents.yaml:16: warning: example question '退款什么时候到账 - 退款进度' holds ' - ', the mark of a "
                "list item: two in one? Make '退款进度' an item of its own (or quote the text if the dash belongs to it)",
                "kb/intents.yaml:11: warning: intent 'refund.status' has only 7 zh-Hans example questions (8 or more "
                "recommended)"}));
}

// --- file names -----------------------------------------------------------

TEST(ContentChecks, AFileNameThatDoesNotMatchTheIdIsAWarning) {
  TestKb kb_dir;
  kb_dir.remove("articles/parcel-where.md");
  kb_dir.write("articles/refund.md", TestKb::article("parcel-where"));
  EXPECT_EQ(problems(kb_dir), one("kb/articles/refund.md:2: warning: the file name 'refund.md' does not match the id "
                                  "'parcel-where': rename the file to 'parcel-where.md' (or change the id)"));
}

// --- what the editor reads -------------------------------------------------

TEST(ContentChecks, TheBuildPrintsItsErrorsAfterItsWarningsSoTheyStayOnScreen) {
  TestKb kb_dir;
  kb_dir.write("articles/refund.md", TestKb::article("parcel-late", "related: [parcel-wher]\n"));
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(run_indexer({"build", kb_dir.root(), "--out", kb_dir.scratch("out"), "--quiet"}), 1);
  std::string printed = ::testing::internal::GetCapturedStderr();
  printed = replaced(printed, kb_dir.scratch("out"), "out");
  for (std::size_t at; (at = printed.find(kb_dir.root())) != std::string::npos;)
    printed.replace(at, kb_dir.root().size(), "kb");
  EXPECT_EQ(printed,
            "kb/articles/refund.md:2: warning: the file name 'refund.md' does not match the id 'parcel-late': rename "
            "the file to 'parcel-late.md' (or change the id)\n"
            "kb/articles/refund.md:2: warning: article 'parcel-late' (zh-Hans) has no zh-Hant translation: "
            "Traditional Chinese customers get the zh-Hans text\n"
            "kb/articles/parcel-where.md:2: warning: article 'parcel-where' (zh-Hans) has no zh-Hant translation: "
            "Traditional Chinese customers get the zh-Hans text\n"
            "kb/articles/refund-status-hant.md:2: warning: article 'refund-status-hant' (zh-Hant) has no zh-Hans "
            "translation: Simplified Chinese customers get the zh-Hant text\n"
            "kb/articles/refund.md:10: error: related article 'parcel-wher' does not exist: did you mean "
            "'parcel-where'?\n"
            "firstline-index: build failed with 1 error(s); the previous indexes in out are unchanged\n");
}
