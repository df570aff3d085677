// Each problem an editor can make gets one exact message naming file and line,
// and every problem of a run is reported, not just the first.
#include <algorithm>

#include <gtest/gtest.h>

#include "knowledge_base.h"
#include "test_kb.h"

using namespace firstline::indexer;
using firstline::testing::TestKb;

namespace {

/// The diagnostics of loading `kb_dir`, as "file:line: severity: message" lines
/// with the KB root replaced by "kb".
std::vector<std::string> problems(const TestKb& kb_dir, bool include_warnings = false) {
  Diagnostics diagnostics;
  load_knowledge_base(kb_dir.root(), diagnostics);
  std::vector<std::string> out;
  for (const auto& d : diagnostics.all()) {
    if (d.severity == Diagnostic::Severity::warning && !include_warnings) continue;
    std::string line = d.to_string();
    for (std::size_t at; (at = line.find(kb_dir.root())) != std::string::npos;)
      line.replace(at, kb_dir.root().size(), "kb");
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> one(const std::string& message) { return {message}; }

}  // namespace

TEST(KbValidation, TheTestKbItselfIsValid) {
  TestKb kb_dir;
  // Its two public articles are in two locales, neither translated.
  EXPECT_EQ(problems(kb_dir, true),
            (std::vector<std::string>{
                "kb/articles/parcel-where.md:2: warning: article 'parcel-where' (zh-Hans) has no zh-Hant translation: "
                "Traditional Chinese customers get the zh-Hans text",
                "kb/articles/refund-status-hant.md:2: warning: article 'refund-status-hant' (zh-Hant) has no zh-Hans "
                "translation: Simplified Chinese customers get the zh-Hant text"}));
}

TEST(KbValidation, AnArticleWithoutFrontMatterIsAnError) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", "# Just a heading\n");
  EXPECT_EQ(problems(kb_dir),
            one("kb/articles/bad.md:1: error: an article must start with YAML front matter: a line '---', the fields, then '---'"));
}

TEST(KbValidation, UnclosedFrontMatterIsAnError) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", "---\nid: bad\ntitle: x\n");
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:1: error: front matter is not closed: add a line '---' after the fields"));
}

TEST(KbValidation, BadYamlNamesTheLineOfTheProblem) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", "---\nid: bad\ntitle: [unclosed\ntype: faq\n---\nbody\n");
  const auto found = problems(kb_dir);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rfind("kb/articles/bad.md:", 0), 0u);
  EXPECT_NE(found[0].find(": error: invalid YAML: "), std::string::npos) << found[0];
  const int line = std::stoi(found[0].substr(std::string("kb/articles/bad.md:").size()));
  EXPECT_GE(line, 3);
  EXPECT_LE(line, 5);
}

TEST(KbValidation, AMissingRequiredFieldIsNamed) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", "---\nid: bad\ntype: faq\naudience: public\nlocale: en\nintents: [parcel.where]\nupdated: 2026-01-01\n---\nbody\n");
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:1: error: missing required field 'title'"));
}

TEST(KbValidation, AnUnknownTypeIsNamedWithTheAllowedOnes) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", TestKb::article("bad", "").replace(TestKb::article("bad").find("type: solution"), 14, "type: blog"));
  EXPECT_EQ(problems(kb_dir),
            one("kb/articles/bad.md:4: error: unknown type 'blog' (expected solution, faq, lesson, policy, script)"));
}

TEST(KbValidation, AnUnknownAudienceIsAnError) {
  TestKb kb_dir;
  std::string text = TestKb::article("bad");
  text.replace(text.find("audience: public"), 16, "audience: everyone");
  kb_dir.write("articles/bad.md", text);
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:5: error: unknown audience 'everyone' (expected public or internal)"));
}

TEST(KbValidation, AnUnknownLocaleIsAnError) {
  TestKb kb_dir;
  std::string text = TestKb::article("bad");
  text.replace(text.find("locale: zh-Hans"), 15, "locale: fr");
  kb_dir.write("articles/bad.md", text);
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:6: error: unknown locale 'fr' (expected zh-Hans, zh-Hant, en)"));
}

TEST(KbValidation, AnUnknownIntentIsAnError) {
  TestKb kb_dir;
  std::string text = TestKb::article("bad");
  text.replace(text.find("[parcel.where]"), 14, "[parcel.teleport]");
  kb_dir.write("articles/bad.md", text);
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:7: error: unknown intent 'parcel.teleport' (not in intents.yaml)"));
}

TEST(KbValidation, ADuplicateIdNamesBothFiles) {
  TestKb kb_dir;
  kb_dir.write("articles/copy.md", TestKb::article("parcel-where"));
  EXPECT_EQ(problems(kb_dir), one("kb/articles/parcel-where.md:2: error: duplicate article id 'parcel-where' "
                                  "(also used by kb/articles/copy.md)"));
}

TEST(KbValidation, ABrokenRelatedLinkIsAnError) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", TestKb::article("bad", "related: [no-such-article]\n"));
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:10: error: related article 'no-such-article' does not exist"));
}

TEST(KbValidation, AnInvalidDateIsAnError) {
  TestKb kb_dir;
  std::string text = TestKb::article("bad");
  text.replace(text.find("2026-10-01"), 10, "01/10/2026");
  kb_dir.write("articles/bad.md", text);
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:9: error: invalid date '01/10/2026' (expected YYYY-MM-DD)"));
}

TEST(KbValidation, AProblemLevelOutsideOneToFourIsAnError) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", TestKb::article("bad", "level: 7\n"));
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:10: error: level must be 1, 2, 3 or 4 (the problem level), not '7'"));
}

TEST(KbValidation, AnAgentScriptCannotBePublic) {
  TestKb kb_dir;
  std::string text = TestKb::article("bad");
  text.replace(text.find("type: solution"), 14, "type: script");
  kb_dir.write("articles/bad.md", text);
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:5: error: a script is agent material: its audience must be internal"));
}

TEST(KbValidation, APublicPolicyWithCompensationAmountsIsAnError) {
  TestKb kb_dir;
  std::string text = TestKb::article("bad", "", "包裹延误时：\n\n- 延误 3 天，补偿 ¥20 无门槛券。");
  text.replace(text.find("type: solution"), 14, "type: policy");
  kb_dir.write("articles/bad.md", text);
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:5: error: a policy with compensation amounts is agent material: "
                                  "its audience must be internal (line 13: '¥20')"));
}

TEST(KbValidation, APublicPolicyWithoutAmountsMayBePublic) {
  TestKb kb_dir;
  std::string text = TestKb::article("ok", "", "签收后 7 天内可以申请退货，2026 年起同样适用。");
  text.replace(text.find("type: solution"), 14, "type: policy");
  kb_dir.write("articles/ok.md", text);
  EXPECT_EQ(problems(kb_dir), std::vector<std::string>{});
}

TEST(KbValidation, APublicArticleCannotLinkOrTranslateAnInternalOne) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", TestKb::article("bad", "related: [comp-standard]\ntranslation_of: comp-standard\n"));
  EXPECT_EQ(problems(kb_dir),
            (std::vector<std::string>{
                "kb/articles/bad.md:10: error: related article 'comp-standard' is internal: a public article may link "
                "public articles only",
                "kb/articles/bad.md:11: error: translation_of names article 'comp-standard', which is internal: a public "
                "article cannot be a translation of an internal one"}));
}

TEST(KbValidation, AnArticleLinkedFromOutsideTheKbIsAnErrorAndIsNotRead) {
  TestKb kb_dir;
  kb_dir.write("../outside/secret.md", TestKb::article("secret", "", "outside-the-kb-secret"));
  std::filesystem::create_symlink(kb_dir.scratch("outside/secret.md"), kb_dir.root() + "/articles/secret.md");
  Diagnostics diagnostics;
  const KnowledgeBase kb = load_knowledge_base(kb_dir.root(), diagnostics);
  for (const auto& article : kb.articles) EXPECT_NE(article.id, "secret");
  const auto found = problems(kb_dir);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rfind("kb/articles/secret.md: error: is a link to ", 0), 0u) << found[0];
  EXPECT_NE(found[0].find("outside the KB folder: copy the file into the KB instead"), std::string::npos) << found[0];
}

TEST(KbValidation, ASettingsFileLinkedFromOutsideTheKbIsAnError) {
  TestKb kb_dir;
  kb_dir.remove("synonyms.yaml");
  kb_dir.write("../outside/synonyms.yaml", "synonyms:\n  - [a, b]\n");
  std::filesystem::create_symlink(kb_dir.scratch("outside/synonyms.yaml"), kb_dir.root() + "/synonyms.yaml");
  const auto found = problems(kb_dir);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rfind("kb/synonyms.yaml: error: is a link to ", 0), 0u) << found[0];
}

TEST(KbValidation, ALinkInsideTheKbIsFollowed) {
  TestKb kb_dir;
  kb_dir.write("shared/parcel.md", TestKb::article("linked"));
  std::filesystem::create_symlink(kb_dir.root() + "/shared/parcel.md", kb_dir.root() + "/articles/linked.md");
  EXPECT_EQ(problems(kb_dir), std::vector<std::string>{});
}

TEST(KbValidation, InvalidUtf8InAnArticleIsAnErrorWithItsLineAndColumn) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", TestKb::article("bad", "", "第一行\nab\xFF\xFE" "cd"));
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:12: error: column 3: byte 0xFF is not UTF-8: save the file as "
                                  "UTF-8 (the KB's only encoding)"));
}

TEST(KbValidation, InvalidUtf8InASettingsFileIsAnError) {
  TestKb kb_dir;
  kb_dir.write("synonyms.yaml", "synonyms:\n  - [快递, \xE5\xBF]\n");
  EXPECT_EQ(problems(kb_dir), one("kb/synonyms.yaml:2: error: column 10: byte 0xE5 is not UTF-8: save the file as "
                                  "UTF-8 (the KB's only encoding)"));
}

TEST(KbValidation, AnIntegerBeyondSixtyFourBitsIsAnErrorNotACrash) {
  TestKb kb_dir;
  kb_dir.write("first-screen.yaml", "default: [parcel.where]\nlimit: 123456789012345678901234567890\n");
  EXPECT_EQ(problems(kb_dir), one("kb/first-screen.yaml:2: error: the number 123456789012345678901234… is too large "
                                  "(quote it if it is meant as text)"));
}

TEST(KbValidation, AYamlAliasBombIsAnErrorNotExhaustedMemory) {
  TestKb kb_dir;
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char level = 'b'; level <= 'j'; ++level) {
    const char previous = static_cast<char>(level - 1);
    bomb += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", " : "") + "*" + previous;
    bomb += "]\n";
  }
  kb_dir.write("first-screen.yaml", "default: [parcel.where]\n" + bomb);
  const auto found = problems(kb_dir);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], "kb/first-screen.yaml:1: error: the file holds more than 100000 values (are anchors and "
                      "aliases repeating each other?)");
}

TEST(KbValidation, NestingTooDeepIsAnErrorNotAStackOverflow) {
  TestKb kb_dir;
  kb_dir.write("first-screen.yaml", "default: [parcel.where]\ndeep: " + std::string(40, '[') + std::string(40, ']') + "\n");
  const auto found = problems(kb_dir);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("nested deeper than 32 levels"), std::string::npos) << found[0];
}

TEST(KbValidation, AnArticleWithoutBodyIsAnError) {
  TestKb kb_dir;
  kb_dir.write("articles/bad.md", TestKb::article("bad", "", "  "));
  EXPECT_EQ(problems(kb_dir), one("kb/articles/bad.md:10: error: the article has no body text after the front matter"));
}

TEST(KbValidation, AMissingIntentsFileIsAnError) {
  TestKb kb_dir;
  kb_dir.remove("intents.yaml");
  const auto found = problems(kb_dir);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], "kb/intents.yaml: error: missing: the KB needs an intents.yaml (see kb-content/README.md)");
}

TEST(KbValidation, ADuplicateIntentNamesTheFirstDefinition) {
  TestKb kb_dir;
  kb_dir.write("intents.yaml", "intents:\n  - id: a\n    label: {en: A}\n  - id: a\n    label: {en: A again}\n"
                               "  - id: parcel.where\n    label: {en: P}\n  - id: refund.status\n    label: {en: R}\n");
  EXPECT_EQ(problems(kb_dir), one("kb/intents.yaml:4: error: duplicate intent id 'a' (first defined on line 2)"));
}

TEST(KbValidation, ARouteToAnUnknownChannelIsAnError) {
  TestKb kb_dir;
  kb_dir.write("escalation.yaml", "channels:\n  - {id: chat, kind: chat, label: {en: Chat}, hours: [{days: [mon], open: \"08:00\", close: \"22:00\"}]}\n"
                                  "routes:\n  urgent: [pigeon]\nthresholds:\n  answer_min_confidence: 0.3\n");
  EXPECT_EQ(problems(kb_dir), one("kb/escalation.yaml:4: error: route 'urgent' names unknown channel 'pigeon'"));
}

TEST(KbValidation, AChannelSaysWhatItIsForToTheCustomerAndToTheAgentInTwoTextsNotOnePurpose) {
  TestKb kb_dir;
  kb_dir.write("escalation.yaml", "channels:\n  - {id: chat, kind: chat, label: {en: Chat}, purpose: {en: Orders},\n"
                                  "     hours: [{days: [mon], open: \"08:00\", close: \"22:00\"}]}\n"
                                  "routes:\n  urgent: [chat]\nthresholds:\n  answer_min_confidence: 0.3\n");
  EXPECT_EQ(problems(kb_dir), one("kb/escalation.yaml:2: error: channel 'chat': 'purpose' is now two texts: 'customer' "
                                  "(what the widget shows the customer) and 'agent' (what the handoff tells the agent)"));
  kb_dir.write("escalation.yaml", "channels:\n  - {id: chat, kind: chat, label: {en: Chat}, customer: {en: Write to us},\n"
                                  "     agent: {fr: Texte}, hours: [{days: [mon], open: \"08:00\", close: \"22:00\"}]}\n"
                                  "routes:\n  urgent: [chat]\nthresholds:\n  answer_min_confidence: 0.3\n");
  EXPECT_EQ(problems(kb_dir), one("kb/escalation.yaml:3: error: unknown locale 'fr' (expected zh-Hans, zh-Hant, en)"));
}

TEST(KbValidation, AMisspeltThresholdLexiconOrRouteIsAnErrorNotIgnored) {
  TestKb kb_dir;
  kb_dir.write("escalation.yaml", "channels:\n  - {id: chat, kind: chat, label: {en: Chat}, hours: [{days: [mon], open: \"08:00\", close: \"22:00\"}]}\n"
                                  "routes:\n  urgnet: [chat]\nthresholds:\n  answer_min_confidence: 0.3\n  urgent_min_confidance: 0.6\n"
                                  "lexicons:\n  greetings: {zh: [你好]}\n");
  const auto found = problems(kb_dir);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].rfind("kb/escalation.yaml:4: error: unknown escalation reason 'urgnet' in routes (known: explicit_request, urgent,", 0), 0u) << found[0];
  EXPECT_EQ(found[1].rfind("kb/escalation.yaml:7: error: unknown threshold 'urgent_min_confidance' (known: answer_min_confidence,", 0), 0u) << found[1];
  EXPECT_EQ(found[2].rfind("kb/escalation.yaml:9: error: unknown lexicon 'greetings' (known:", 0), 0u) << found[2];
}

TEST(KbValidation, AFirstScreenTopicMustBeAKnownIntent) {
  TestKb kb_dir;
  kb_dir.write("first-screen.yaml", "default: [parcel.where, nothing.here]\n");
  EXPECT_EQ(problems(kb_dir), one("kb/first-screen.yaml:1: error: unknown intent 'nothing.here' (not in intents.yaml)"));
}

TEST(KbValidation, EveryErrorOfARunIsReportedNotJustTheFirst) {
  TestKb kb_dir;
  kb_dir.write("articles/a.md", "no front matter\n");
  kb_dir.write("articles/b.md", TestKb::article("b", "related: [missing]\n"));
  std::string c = TestKb::article("c");
  c.replace(c.find("locale: zh-Hans"), 15, "locale: xx");
  kb_dir.write("articles/c.md", c);
  EXPECT_EQ(problems(kb_dir).size(), 3u);
}

TEST(KbValidation, WeakContentGetsWarningsNotErrors) {
  TestKb kb_dir;
  kb_dir.write("intents.yaml", R"(intents:
  - id: parcel.where
    label: {en: Track}
    examples: {en: [where is my parcel, track it]}
  - id: refund.status
    label: {en: Refund}
    examples: {en: [a, b, c, d, e, f, g, h]}
)");
  kb_dir.write("articles/lonely.md", "---\nid: lonely\ntitle: Lonely\ntype: faq\naudience: public\nlocale: en\nupdated: 2026-01-01\n---\nbody\n");
  EXPECT_EQ(problems(kb_dir), std::vector<std::string>{});
  EXPECT_EQ(problems(kb_dir, true),
            (std::vector<std::string>{
                "kb/articles/lonely.md:1: warning: article 'lonely' has no intent: it cannot be suggested or clarified",
                "kb/intents.yaml:2: warning: intent 'parcel.where' has only 2 en example questions (8 or more recommended)",
                // with the 2 questions of the article parcel-where
                "kb/intents.yaml:2: warning: intent 'parcel.where' has only 4 example questions in all (8 or more recommended)",
                "kb/articles/lonely.md:2: warning: article 'lonely' (en) has no zh-Hans or zh-Hant translation: "
                "Simplified Chinese and Traditional Chinese customers get the en text",
                "kb/articles/parcel-where.md:2: warning: article 'parcel-where' (zh-Hans) has no zh-Hant or en "
                "translation: Traditional Chinese and English customers get the zh-Hans text",
                "kb/articles/refund-status-hant.md:2: warning: article 'refund-status-hant' (zh-Hant) has no zh-Hans "
                "or en translation: Simplified Chinese and English customers get the zh-Hant text"}));
}

TEST(KbValidation, AnArticleOverOneMebibyteIsAnErrorNamingTheFileAndTheLimit) {
  TestKb kb_dir;
  std::string body;
  while (body.size() <= (1u << 20)) body += "A parcel that is late is refunded within three working days.\n\n";
  const std::string article = "---\nid: huge\ntitle: Huge\ntype: faq\naudience: public\nlocale: en\nupdated: 2026-01-01\n---\n" + body;
  kb_dir.write("articles/huge.md", article);
  EXPECT_EQ(problems(kb_dir), one("kb/articles/huge.md:1: error: the article is " + std::to_string(article.size()) +
                                  " bytes, over the limit of 1048576 bytes (1 MiB): split it into several articles"));
}

TEST(KbValidation, AFirstScreenFileThatIsNotAMapIsAnErrorNotACrash) {
  // Found by the first-screen fuzzer: yaml-cpp throws when a scalar is indexed.
  TestKb kb_dir;
  kb_dir.write("first-screen.yaml", "just a sentence\n");
  EXPECT_EQ(problems(kb_dir), one("kb/first-screen.yaml:1: error: the file must hold a map of settings"));
}

TEST(KbValidation, AChannelOrHoursThatAreNotMapsAreErrorsNotACrash) {
  // Found by the escalation fuzzer.
  TestKb kb_dir;
  std::string escalation = firstline::testing::read_bytes(kb_dir.root() + "/escalation.yaml");
  const std::size_t channels = escalation.find("channels:\n");
  ASSERT_NE(channels, std::string::npos) << escalation;
  escalation.insert(channels + 10, "  - just-a-name\n  - {id: mail, kind: email, address: a@b.example, label: {en: Mail}, hours: [always]}\n");
  kb_dir.write("escalation.yaml", escalation);
  const auto found = problems(kb_dir);
  const auto has = [&](const std::string& end) {
    return std::any_of(found.begin(), found.end(), [&](const std::string& p) {
      return p.size() >= end.size() && p.compare(p.size() - end.size(), end.size(), end) == 0;
    });
  };
  EXPECT_TRUE(has("error: a channel must be a map of fields (id, kind, label, hours)")) << ::testing::PrintToString(found);
  EXPECT_TRUE(has("error: hours are a list of {days, open, close}")) << ::testing::PrintToString(found);
}
