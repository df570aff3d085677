// Reading a kb-content folder: what the indexer understands of each file.
#include <gtest/gtest.h>

#include "knowledge_base.h"
#include "test_kb.h"

using namespace firstline::indexer;
using firstline::testing::TestKb;

namespace {

const Article* find_article(const KnowledgeBase& kb, const std::string& id) {
  for (const auto& article : kb.articles)
    if (article.id == id) return &article;
  return nullptr;
}

}  // namespace

TEST(KbParsing, ReadsEveryFrontMatterFieldOfAnArticle) {
  TestKb kb_dir;
  kb_dir.write("articles/full.md", R"(---
id: full
title: 退货怎么申请
type: faq
audience: public
locale: zh-Hans
intents: [parcel.where, refund.status]
questions:
  - 怎么退货
  - 退货流程
keywords: [退货, 售后]
level: 2
related: [parcel-where]
updated: 2026-11-01
translation_of: parcel-where
---
第一段。
)");
  Diagnostics diagnostics;
  const KnowledgeBase kb = load_knowledge_base(kb_dir.root(), diagnostics);
  ASSERT_FALSE(diagnostics.has_errors()) << diagnostics.all().front().to_string();
  const Article* article = find_article(kb, "full");
  ASSERT_NE(article, nullptr);
  EXPECT_EQ(article->title, "退货怎么申请");
  EXPECT_EQ(article->type, "faq");
  EXPECT_EQ(article->audience, "public");
  EXPECT_EQ(article->locale, "zh-Hans");
  EXPECT_EQ(article->intents, (std::vector<std::string>{"parcel.where", "refund.status"}));
  EXPECT_EQ(article->questions, (std::vector<std::string>{"怎么退货", "退货流程"}));
  EXPECT_EQ(article->keywords, (std::vector<std::string>{"退货", "售后"}));
  EXPECT_EQ(article->level, 2);
  EXPECT_EQ(article->related, std::vector<std::string>{"parcel-where"});
  EXPECT_EQ(article->updated, "2026-11-01");
  EXPECT_EQ(article->translation_of, "parcel-where");
  EXPECT_EQ(article->body_markdown, "第一段。\n");
  EXPECT_EQ(article->body_line, 17);
}

TEST(KbParsing, ReadsIntentsWithLabelsOptionsExamplesAndFlags) {
  TestKb kb_dir;
  Diagnostics diagnostics;
  const KnowledgeBase kb = load_knowledge_base(kb_dir.root(), diagnostics);
  ASSERT_EQ(kb.intents.size(), 2u);
  const Intent& intent = kb.intents[0];
  EXPECT_EQ(intent.id, "parcel.where");
  EXPECT_EQ(intent.group, "delivery");
  EXPECT_EQ(intent.label.at("en"), "Track my parcel");
  EXPECT_EQ(intent.option.at("zh-Hans"), "包裹到哪了");
  EXPECT_EQ(intent.examples.at("en").size(), 8u);
  EXPECT_FALSE(intent.urgent);
  EXPECT_FALSE(intent.human_only);
}

TEST(KbParsing, ReadsSynonymGroupsAndSettingsAsJsonWithNumbers) {
  TestKb kb_dir;
  Diagnostics diagnostics;
  const KnowledgeBase kb = load_knowledge_base(kb_dir.root(), diagnostics);
  ASSERT_EQ(kb.synonyms.size(), 2u);
  EXPECT_EQ(kb.synonyms[0], (std::vector<std::string>{"快递", "包裹"}));
  EXPECT_DOUBLE_EQ(kb.escalation["thresholds"]["answer_min_confidence"].get<double>(), 0.35);
  EXPECT_EQ(kb.escalation["channels"][1]["number"], "400-000-1234");  // quoted: stays text
}

TEST(KbParsing, AcceptsAByteOrderMarkAndWindowsLineEndings) {
  TestKb kb_dir;
  std::string text = "\xEF\xBB\xBF" + TestKb::article("crlf");
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  kb_dir.write("articles/crlf.md", crlf);
  Diagnostics diagnostics;
  const KnowledgeBase kb = load_knowledge_base(kb_dir.root(), diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  ASSERT_NE(find_article(kb, "crlf"), nullptr);
  EXPECT_EQ(find_article(kb, "crlf")->title, "我的包裹到哪了");
}

TEST(KbParsing, ArticlesAreOrderedByIdWhateverTheirFolders) {
  TestKb kb_dir;
  kb_dir.write("articles/z/aaa.md", TestKb::article("aaa"));
  kb_dir.write("articles/a/zzz.md", TestKb::article("zzz"));
  Diagnostics diagnostics;
  const KnowledgeBase kb = load_knowledge_base(kb_dir.root(), diagnostics);
  std::vector<std::string> ids;
  for (const auto& article : kb.articles) ids.push_back(article.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"aaa", "comp-standard", "parcel-where", "refund-status-hant", "zzz"}));
}

TEST(KbParsing, TheSampleKbValidatesWithoutErrorsAndMeetsItsSize) {
  Diagnostics diagnostics;
  const KnowledgeBase kb = load_knowledge_base(firstline::testing::source_dir() + "/kb-content", diagnostics);
  // Its only warnings: articles not yet in Traditional Chinese, whose readers get the Simplified text.
  for (const auto& d : diagnostics.all())
    if (d.severity == Diagnostic::Severity::error ||
        d.message.find("has no zh-Hant translation: Traditional Chinese customers get the zh-Hans text") ==
            std::string::npos)
      ADD_FAILURE() << d.to_string();
  EXPECT_GE(kb.articles.size(), 60u);
  EXPECT_GE(kb.intents.size(), 20u);
  for (const auto& intent : kb.intents) {
    EXPECT_GE(intent.examples.at("zh-Hans").size(), 8u) << intent.id;
    EXPECT_GE(intent.examples.at("en").size(), 8u) << intent.id;
  }
  std::set<std::string> locales, types;
  for (const auto& article : kb.articles) {
    locales.insert(article.locale);
    types.insert(article.type);
  }
  EXPECT_EQ(locales, (std::set<std::string>{"en", "zh-Hans", "zh-Hant"}));
  EXPECT_EQ(types, (std::set<std::string>{"faq", "lesson", "policy", "script", "solution"}));
}
