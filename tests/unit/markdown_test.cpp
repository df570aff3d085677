// Articles are rendered to HTML that is safe to show on any page.
#include <gtest/gtest.h>

#include "markdown.h"

using firstline::indexer::is_safe_url;
using firstline::indexer::render_markdown;

TEST(Markdown, RendersParagraphsListsAndEmphasis) {
  const auto r = render_markdown("先看**订单详情**。\n\n1. 打开 App\n2. 点击我的订单\n");
  EXPECT_EQ(r.html, "<p>先看<strong>订单详情</strong>。</p>\n<ol>\n<li>打开 App</li>\n<li>点击我的订单</li>\n</ol>\n");
  EXPECT_EQ(r.text, "先看订单详情。\n打开 App\n点击我的订单");
}

TEST(Markdown, RendersTablesWithAlignmentAsClassesNotStyles) {
  const auto r = render_markdown("| 延误 | 补偿 |\n|:--|--:|\n| 3 天 | 10 元 |\n");
  EXPECT_EQ(r.html,
            "<table>\n<thead>\n<tr><th class=\"align-left\">延误</th><th class=\"align-right\">补偿</th></tr>\n"
            "</thead>\n<tbody>\n<tr><td class=\"align-left\">3 天</td><td class=\"align-right\">10 元</td></tr>\n"
            "</tbody>\n</table>\n");
}

TEST(Markdown, RawHtmlAndScriptAreShownAsTextNeverPassedThrough) {
  const auto r = render_markdown("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>\n");
  EXPECT_EQ(r.html.find("<script"), std::string::npos) << r.html;
  EXPECT_EQ(r.html.find("<img"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("&lt;script&gt;"), std::string::npos) << r.html;
}

TEST(Markdown, OnlyHttpMailtoAndTelLinksSurvive) {
  const auto r = render_markdown("[a](javascript:alert(1)) [b](https://example.com) [c](tel:4000001234) "
                                 "[d](JaVaScRiPt:x) [e](data:text/html,x) [f](mailto:help@qinghe.example)\n");
  EXPECT_EQ(r.dropped_links, 3);
  EXPECT_EQ(r.html.find("javascript"), std::string::npos) << r.html;
  EXPECT_EQ(r.html.find("data:"), std::string::npos) << r.html;
  EXPECT_NE(r.html.find("<a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">b</a>"),
            std::string::npos);
  EXPECT_NE(r.html.find("<a href=\"tel:4000001234\">c</a>"), std::string::npos);
}

TEST(Markdown, QuotesInLinkTargetsCannotBreakOutOfTheAttribute) {
  const auto r = render_markdown("[x](https://example.com/\"onmouseover=\"alert(1))\n");
  EXPECT_EQ(r.html.find("\"onmouseover"), std::string::npos) << r.html;
}

TEST(Markdown, ImagesBecomeTheirAltTextAndAreNeverFetched) {
  const auto r = render_markdown("![快递单号位置](https://tracker.example/pixel.png)\n");
  EXPECT_EQ(r.html, "<p><span class=\"image-alt\">快递单号位置</span></p>\n");
}

TEST(Markdown, HeadingsStartAtLevelTwoBecauseTheTitleIsLevelOne) {
  EXPECT_EQ(render_markdown("# 步骤\n").html, "<h2>步骤</h2>\n");
}

TEST(Markdown, SafeUrlsAreRecognisedWhateverTheirCaseOrHiddenSpaces) {
  EXPECT_TRUE(is_safe_url("https://a.example"));
  EXPECT_TRUE(is_safe_url("/help/returns"));
  EXPECT_TRUE(is_safe_url("#steps"));
  EXPECT_FALSE(is_safe_url("java\tscript:alert(1)"));
  EXPECT_FALSE(is_safe_url("vbscript:x"));
  EXPECT_FALSE(is_safe_url(""));
}

TEST(Markdown, EntitiesAreDecodedInTheTextAndEscapedAgainInTheHtml) {
  const auto r = render_markdown("Type &lt;script&gt; &amp; &copy; &#x4E2D;&#25991;&nbsp;x &bogus; &#0; &#7;\n");
  EXPECT_EQ(r.text, "Type <script> & \xC2\xA9 中文 x &bogus; \xEF\xBF\xBD \xEF\xBF\xBD");
  EXPECT_EQ(r.html, "<p>Type &lt;script&gt; &amp; \xC2\xA9 中文\xC2\xA0x &amp;bogus; \xEF\xBF\xBD \xEF\xBF\xBD</p>\n");
}
