// Accepted customer wordings written into intents.yaml (firstline-index
// suggestions apply): the change is only the added lines, quoted safely, and
// after the rebuild the wording is answered with its intent.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "indexer_cli.h"
#include "firstline/engine.h"
#include "firstline/index.h"
#include "suggestions_apply.h"
#include "test_kb.h"

namespace fs = std::filesystem;
using firstline::indexer::AcceptedWording;
using firstline::indexer::add_examples;
using firstline::indexer::WordingOutcome;
using firstline::testing::read_bytes;
using firstline::testing::TestKb;
using firstline::testing::run_indexer;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::string line;
  for (char c : text) {
    if (c == '\n') {
      out.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  if (!line.empty()) out.push_back(line);
  return out;
}

/// The lines of `after` that are not in `before`, where `after` is `before` with lines inserted.
std::vector<std::string> inserted_lines(const std::string& before, const std::string& after) {
  const auto b = lines_of(before), a = lines_of(after);
  std::vector<std::string> out;
  std::size_t i = 0;
  for (const auto& line : a) {
    if (i < b.size() && line == b[i]) ++i;
    else out.push_back(line);
  }
  EXPECT_EQ(i, b.size()) << "every line of the old file is still there, in order";
  return out;
}

// A wording customers use for parcel.where that the sample KB does not answer with it yet.
const char* const kSuggestedWording = "东西寄到哪一站了";
const char* const kSuggestedIntent = "parcel.where";

const char* kDatasetStyle = R"(# Written by firstline-index convert-dataset
intents:
  - id: "balance"
    label: {en: "Balance"}
    option: {en: "Balance"}
  - id: "card_lost"
    label: {en: "Lost card"}
    option: {en: "Lost card"}
    examples:
      en:
        - I lost my card
      # a comment the edit keeps

  - id: "transfer"
    label: {en: "Transfer"}
    examples:
      zh-Hans:
        - 转账
)";

}  // namespace

TEST(SuggestionsApply, AnAcceptedWordingIsOneNewLineAtTheEndOfItsIntentsLocaleExamplesInTheSampleKb) {
  const std::string before = read_bytes(firstline::testing::source_dir() + "/kb-content/intents.yaml");
  const auto edit = add_examples(before, {{7, "parcel.where", "en", "where has my box got to"},
                                          {8, "parcel.where", "zh-Hans", "包裹寄到哪个城市了"}});
  ASSERT_EQ(edit.outcomes.size(), 2u);
  EXPECT_EQ(edit.outcomes[0].kind, WordingOutcome::Kind::added);
  EXPECT_EQ(edit.outcomes[1].kind, WordingOutcome::Kind::added);
  const auto added = inserted_lines(before, edit.text);
  ASSERT_EQ(added.size(), 2u);
  EXPECT_EQ(added[0], "        - 包裹寄到哪个城市了") << "at the examples' own indentation, written plain";
  EXPECT_EQ(added[1], "        - where has my box got to");
  const auto lines = lines_of(edit.text);
  EXPECT_EQ(lines.at(edit.outcomes[0].line - 1), "        - where has my box got to");
  EXPECT_EQ(lines.at(edit.outcomes[1].line - 1), "        - 包裹寄到哪个城市了");
  // The zh-Hans line is the last of parcel.where's zh-Hans examples: the en key follows it.
  EXPECT_EQ(lines.at(edit.outcomes[1].line).find("      en:"), 0u) << lines.at(edit.outcomes[1].line);
}

TEST(SuggestionsApply, AWordingTheIntentHasAlreadyIsSkippedWhateverItsCaseSpacesAndEndPunctuation) {
  const std::string before = read_bytes(firstline::testing::source_dir() + "/kb-content/intents.yaml");
  const auto edit = add_examples(before, {{1, "parcel.where", "en", "Where is my  parcel?"}, {2, "parcel.where", "zh-Hans", "我的快递到哪了。"}});
  EXPECT_EQ(edit.outcomes[0].kind, WordingOutcome::Kind::already_there);
  EXPECT_EQ(edit.outcomes[1].kind, WordingOutcome::Kind::already_there);
  EXPECT_EQ(edit.text, before);
}

TEST(SuggestionsApply, AMissingLocaleOrExamplesKeyIsAddedAndCommentsAndBlankLinesStay) {
  const auto edit = add_examples(kDatasetStyle, {{1, "balance", "en", "how much money do I have"},
                                                 {2, "card_lost", "en", "my card is gone"},
                                                 {3, "transfer", "en", "send money"},
                                                 {4, "nothing.here", "en", "hello"}});
  EXPECT_EQ(edit.outcomes[3].kind, WordingOutcome::Kind::unknown_intent);
  EXPECT_EQ(edit.text, R"(# Written by firstline-index convert-dataset
intents:
  - id: "balance"
    label: {en: "Balance"}
    option: {en: "Balance"}
    examples:
      en:
        - how much money do I have
  - id: "card_lost"
    label: {en: "Lost card"}
    option: {en: "Lost card"}
    examples:
      en:
        - I lost my card
        - my card is gone
      # a comment the edit keeps

  - id: "transfer"
    label: {en: "Transfer"}
    examples:
      zh-Hans:
        - 转账
      en:
        - send money
)");
}

TEST(SuggestionsApply, WordingsYamlWouldReadAsSomethingElseAreDoubleQuoted) {
  const std::vector<std::string> tricky = {"yes", "123", "- refund", "refund: when", "# refund", "say \"hi\"", "[card]",
                                           "a\\b", "null", "what? #1"};
  std::vector<AcceptedWording> wordings;
  for (std::size_t i = 0; i < tricky.size(); ++i) wordings.push_back({static_cast<std::int64_t>(i), "transfer", "zh-Hans", tricky[i]});
  const auto edit = add_examples(kDatasetStyle, wordings);  // reads back each one as that very text, or throws
  for (const auto& o : edit.outcomes) EXPECT_EQ(o.kind, WordingOutcome::Kind::added) << o.wording.wording;
  EXPECT_EQ(firstline::indexer::yaml_list_scalar("yes"), "\"yes\"");
  EXPECT_EQ(firstline::indexer::yaml_list_scalar("say \"hi\""), "say \"hi\"") << "a quote inside is plain text";
  EXPECT_EQ(firstline::indexer::yaml_list_scalar("\"hi\""), "\"\\\"hi\\\"\"");
  EXPECT_EQ(firstline::indexer::yaml_list_scalar("refund: when"), "\"refund: when\"");
  EXPECT_EQ(firstline::indexer::yaml_list_scalar("退款什么时候到"), "退款什么时候到");
  EXPECT_EQ(firstline::indexer::yaml_flow_scalar("a, b"), "\"a, b\"");
}

TEST(SuggestionsApply, AFileWithCrlfLineEndsGetsItsNewLinesWithCrlf) {
  std::string crlf;
  for (char c : std::string(kDatasetStyle)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const auto edit = add_examples(crlf, {{1, "card_lost", "en", "my card is gone"}, {2, "balance", "en", "money left"}});
  EXPECT_NE(edit.text.find("        - I lost my card\r\n        - my card is gone\r\n      # a comment"), std::string::npos) << edit.text;
  EXPECT_NE(edit.text.find("    examples:\r\n      en:\r\n        - money left\r\n  - id: \"card_lost\""), std::string::npos) << edit.text;
  for (std::size_t at = edit.text.find('\n'); at != std::string::npos; at = edit.text.find('\n', at + 1))
    ASSERT_TRUE(at > 0 && edit.text[at - 1] == '\r') << "a bare line feed at byte " << at;
}

TEST(SuggestionsApply, AOneLineFlowListGainsTheWordingBeforeItsClosingBracket) {
  TestKb kb;
  const std::string before = read_bytes(kb.root() + "/intents.yaml");
  const auto edit = add_examples(before, {{1, "refund.status", "en", "money still not back, why"}});
  ASSERT_EQ(edit.outcomes[0].kind, WordingOutcome::Kind::added);
  const auto line = lines_of(edit.text).at(edit.outcomes[0].line - 1);
  EXPECT_NE(line.find(", money back status, \"money still not back, why\"]"), std::string::npos) << line;
}

TEST(SuggestionsApply, AnAcceptedSuggestionWrittenToTheYamlIsAnsweredWithItsIntentAfterTheRebuild) {
  // The sample KB in a folder of its own; a wording it does not yet answer with parcel.where.
  TestKb scratch;
  const fs::path kb = scratch.scratch("kb-content");
  fs::copy(firstline::testing::source_dir() + "/kb-content", kb, fs::copy_options::recursive);
  const std::string wording = kSuggestedWording;
  const std::string intent = kSuggestedIntent;
  ASSERT_EQ(run_indexer({"build", kb.string(), "--out", scratch.scratch("before"), "--quiet"}), 0);
  {
    const firstline::Engine engine = firstline::Engine::open(scratch.scratch("before") + "/public.db");
    firstline::Session session;
    const auto d = engine.ask(session, wording);
    ASSERT_FALSE(d.kind == firstline::Decision::Kind::answer && !d.intents.empty() && d.intents[0].id == intent)
        << "the test needs a wording the sample KB does not answer with " << intent << " yet";
  }
  // The desk's answer, as saved from GET /api/agent/suggestions?status=accepted.
  const nlohmann::json exported = {{"suggestions",
                                    {{{"id", 41}, {"intent", intent}, {"locale", "zh-Hans"}, {"wording", wording}, {"status", "accepted"}},
                                     {{"id", 42}, {"intent", intent}, {"locale", "zh-Hans"}, {"wording", "不要这个"}, {"status", "rejected"}}}}};
  std::ofstream(scratch.scratch("accepted.json")) << exported.dump();
  const std::string yaml_before = read_bytes((kb / "intents.yaml").string());
  ASSERT_EQ(run_indexer({"suggestions", "apply", kb.string(), "--from", scratch.scratch("accepted.json")}), 0);
  const auto added = inserted_lines(yaml_before, read_bytes((kb / "intents.yaml").string()));
  ASSERT_EQ(added.size(), 1u) << "only the accepted one";
  EXPECT_EQ(added[0], "        - " + wording);

  ASSERT_EQ(run_indexer({"build", kb.string(), "--out", scratch.scratch("after"), "--quiet"}), 0);
  const firstline::Engine engine = firstline::Engine::open(scratch.scratch("after") + "/public.db");
  firstline::Session session;
  const auto d = engine.ask(session, wording);
  EXPECT_EQ(d.kind, firstline::Decision::Kind::answer);
  ASSERT_FALSE(d.intents.empty());
  EXPECT_EQ(d.intents[0].id, intent);

  // Applying again adds nothing: it is there now.
  ASSERT_EQ(run_indexer({"suggestions", "apply", kb.string(), "--from", scratch.scratch("accepted.json")}), 0);
  EXPECT_EQ(inserted_lines(yaml_before, read_bytes((kb / "intents.yaml").string())).size(), 1u);
}

TEST(SuggestionsApply, TheCommandRefusesAnIncompleteCommandLine) {
  TestKb kb;
  EXPECT_EQ(run_indexer({"suggestions", "apply", kb.root()}), 2);
  EXPECT_EQ(run_indexer({"suggestions", "apply", kb.root(), "--desk", "http://127.0.0.1:1"}), 2) << "no --user, no --password-file";
  EXPECT_EQ(run_indexer({"suggestions", "list", kb.root(), "--from", "x.json"}), 2);
}
