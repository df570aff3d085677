// The console's article view: the indexer's HTML as blocks ImGui can draw.
#include <gtest/gtest.h>

#include "firstline/console/article.h"
#include "firstline/index.h"
#include "test_kb.h"

using firstline::console::Block;
using firstline::console::parse_article;
using firstline::console::parse_article_html;

TEST(ConsoleArticle, HeadingsParagraphsAndListsBecomeBlocksInOrder) {
  const auto blocks = parse_article_html(
      "<h2>Steps &amp; tips</h2>\n<p>First line\nsecond line.</p>\n<ol>\n<li>Open <strong>My orders</strong></li>\n"
      "<li>Tap refund\n<ul>\n<li>nested</li>\n</ul>\n</li>\n</ol>\n<hr />\n<p>中文第一行\n第二行</p>\n");
  ASSERT_EQ(blocks.size(), 7u);
  EXPECT_EQ(blocks[0].kind, Block::Kind::heading);
  EXPECT_EQ(blocks[0].level, 2);
  EXPECT_EQ(blocks[0].text, "Steps & tips");
  EXPECT_EQ(blocks[1].text, "First line second line.");
  EXPECT_EQ(blocks[2].kind, Block::Kind::list_item);
  EXPECT_EQ(blocks[2].number, 1);
  EXPECT_EQ(blocks[2].text, "Open My orders");
  EXPECT_EQ(blocks[3].number, 2);
  EXPECT_EQ(blocks[3].text, "Tap refund");
  EXPECT_EQ(blocks[4].level, 2);
  EXPECT_EQ(blocks[4].number, 0) << "a bullet inside a numbered list";
  EXPECT_EQ(blocks[5].kind, Block::Kind::rule);
  EXPECT_EQ(blocks[6].text, "中文第一行第二行") << "a line break inside Chinese adds no space";
}

TEST(ConsoleArticle, ATableKeepsItsHeaderRowAndCells) {
  const auto blocks = parse_article_html(
      "<table>\n<thead>\n<tr>\n<th>订单金额</th>\n<th>补偿</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>¥99 以下</td>\n"
      "<td>¥10 <em>券</em></td>\n</tr>\n<tr>\n<td>¥99–499</td>\n<td>¥20 余额</td>\n</tr>\n</tbody>\n</table>\n");
  ASSERT_EQ(blocks.size(), 1u);
  const Block& table = blocks[0];
  EXPECT_EQ(table.kind, Block::Kind::table);
  EXPECT_TRUE(table.has_header);
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0], (std::vector<std::string>{"订单金额", "补偿"}));
  EXPECT_EQ(table.rows[1], (std::vector<std::string>{"¥99 以下", "¥10 券"}));
}

TEST(ConsoleArticle, BrokenOrHostileHtmlNeverThrowsAndKeepsTheText) {
  for (const char* html : {"<", "<p>unclosed", "</li></ul></table>", "<table><td>x", "&#xFFFFFFFF; &bogus; a < b",
                           "<script>alert(1)</script>", "<li>orphan</li>"}) {
    std::vector<Block> blocks;
    EXPECT_NO_THROW(blocks = parse_article_html(html)) << html;
  }
  const auto blocks = parse_article_html("<p>a < b &bogus; &#26377;</p>");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, "a < b &bogus; 有");
}

TEST(ConsoleArticle, TheSampleCompensationStandardRendersItsTables) {
  const auto index = firstline::Index::open(firstline::testing::sample_agent_index());
  const auto doc = parse_article(index.article_json("comp-standard-delivery"));
  EXPECT_TRUE(doc.error.empty());
  EXPECT_EQ(doc.type, "policy");
  EXPECT_EQ(doc.audience, "internal");
  std::size_t tables = 0, headings = 0;
  for (const auto& block : doc.blocks) {
    tables += block.kind == Block::Kind::table;
    headings += block.kind == Block::Kind::heading;
  }
  EXPECT_GE(tables, 2u);
  EXPECT_GE(headings, 4u);
  const std::string text = firstline::console::plain_text(doc.blocks);
  EXPECT_NE(text.find("¥99 以下 | ¥10 券 | 客服"), std::string::npos) << text;
}

TEST(ConsoleArticle, UnreadableStoredDataIsReportedNotThrown) {
  const auto doc = parse_article("{not json");
  EXPECT_FALSE(doc.error.empty());
  EXPECT_TRUE(doc.blocks.empty());
}

TEST(ConsoleArticle, AScriptLineCopiesOnlyWhatTheAgentSays) {
  using firstline::console::has_quoted_speech;
  using firstline::console::spoken_text;
  EXPECT_EQ(spoken_text("把补偿说成认可：\"我为您申请 ¥20 青禾余额。\""), "我为您申请 ¥20 青禾余额。");
  EXPECT_EQ(spoken_text("先问：“您觉得哪里不满意？”再说：“我来处理。”"), "您觉得哪里不满意？ 我来处理。");
  EXPECT_EQ(spoken_text("No quotes here."), "No quotes here.");
  EXPECT_TRUE(has_quoted_speech("Say \"sorry\"."));
  EXPECT_FALSE(has_quoted_speech("An \"unclosed quote"));
}

TEST(ConsoleArticle, ALineBreakJoinsWithoutASpaceOnlyBetweenWritingsWithoutSpaces) {
  const auto blocks = parse_article_html("<p>请先查看订单\n。然后\nSettings\n里的\nかな\nと\n한국어\n어</p>");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, "请先查看订单。然后 Settings 里的かなと한국어어")
      << "CJK punctuation, kana and hangul join like Chinese (firstline::is_written_without_spaces); English keeps its spaces";
}

TEST(ConsoleArticle, AScriptsDontSayLinesGetNoCopyButton) {
  const auto index = firstline::Index::open(firstline::testing::sample_agent_index());
  for (const char* id : {"script-calm-upset-customer", "script-calm-upset-customer-en", "script-offer-compensation",
                         "script-level4-case", "script-no-compensation"}) {
    const auto doc = parse_article(index.article_json(id));
    ASSERT_TRUE(doc.error.empty()) << id;
    const auto copyable = firstline::console::copyable_script_lines(doc.blocks);
    ASSERT_EQ(copyable.size(), doc.blocks.size());
    std::size_t copy_buttons = 0;
    bool under_dont = false;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const auto& b = doc.blocks[i];
      if (b.kind == Block::Kind::heading) under_dont = b.text == "不要做" || b.text == "Don't";
      if (!copyable[i]) continue;
      ++copy_buttons;
      EXPECT_FALSE(under_dont) << id << ": a line under the don't heading has a Copy button: " << b.text;
      for (const char* never : {"您先别激动", "calm down", "最多只能给这么多", "之前的同事可能没说清楚", "规定就是这样", "给好评就多送"})
        EXPECT_EQ(b.text.find(never), std::string::npos) << id << ": " << b.text;
    }
    EXPECT_GT(copy_buttons, 0u) << id << ": the lines to say still have theirs";
  }
}

TEST(ConsoleArticle, AScriptLinesCopyLeavesOutAQuoteItSaysNotToSay) {
  using firstline::console::spoken_text;
  EXPECT_EQ(spoken_text("道歉要具体。\"这次让您反复查物流，是我们没做好，抱歉。\"不要泛泛地说\"给您带来不便\"。"),
            "这次让您反复查物流，是我们没做好，抱歉。");
  EXPECT_EQ(spoken_text("Apologise. \"That's on us, and I'm sorry.\" Avoid a vague \"sorry for the inconvenience\"."),
            "That's on us, and I'm sorry.");
  EXPECT_EQ(spoken_text("Let them finish. Don't interrupt; show you are listening: \"I'm here, please go on.\""),
            "I'm here, please go on.");
  EXPECT_TRUE(firstline::console::is_dont_say_line("不说\"您先别激动\""));
  EXPECT_TRUE(firstline::console::is_dont_say_line("Don't say \"calm down\"."));
  EXPECT_FALSE(firstline::console::is_dont_say_line("Let them finish. Don't interrupt."));
  const auto blocks = parse_article_html("<h2>要做 / 不要做</h2><ul><li>要：说\"我来跟进\"。</li><li>不要：说\"最多只能给这么多\"。</li></ul>");
  EXPECT_EQ(firstline::console::copyable_script_lines(blocks), (std::vector<bool>{false, true, false}));
}
