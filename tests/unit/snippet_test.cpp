// Snippets: the article's own text around the query's words, whole words marked.
#include <chrono>

#include <gtest/gtest.h>

#include "snippet.h"

using firstline::Snippeter;
using firstline::SynonymSet;
using firstline::TextFolder;

namespace {

const Xapian::Stem& stemmer() {
  static const Xapian::Stem instance("english");
  return instance;
}

/// A snippet of `text` for index terms ("Z" and a stem or an n-gram), all of one weight.
std::string snippet(const std::string& text, const std::vector<std::string>& terms, const TextFolder& folder = {},
                    std::size_t width = 160) {
  static const SynonymSet no_synonyms;
  std::vector<std::pair<std::string, double>> weighted;
  for (const auto& term : terms) weighted.emplace_back(term, 1.0);
  return Snippeter(folder, no_synonyms, stemmer(), weighted)(text, width);
}

}  // namespace

TEST(Snippet, OverlappingBigramsOfOneWordAreOneMark) {
  EXPECT_EQ(snippet("请查看快递公司和单号", {"Z快递", "Z递公", "Z公司"}), "请查看<mark>快递公司</mark>和单号");
}

TEST(Snippet, ShowsTheArticlesOwnScriptWhileMatchingTheFoldedOne) {
  TextFolder folder;
  folder.add_mapping(U'遞', U'递');
  EXPECT_EQ(snippet("查看快遞公司", {"Z快递"}, folder), "查看<mark>快遞</mark>公司");
}

TEST(Snippet, ABigramAcrossAParticleAndTheCharactersOfAWordAreNotMarked) {
  // "我的快递": 的快 spans two words; 我, 的, 快 alone are parts of the query's bigrams.
  EXPECT_EQ(snippet("我的快递到了", {"Z我的", "Z的快", "Z快递", "Z我", "Z的", "Z快"}), "我的<mark>快递</mark>到了");
}

TEST(Snippet, AOneCharacterWordIsMarkedWhenTheQueryHasNothingLonger) {
  EXPECT_EQ(snippet("增值税专用发票", {"Z税"}), "增值<mark>税</mark>专用发票");
}

TEST(Snippet, EnglishWordsAreMarkedByStemWithTheirCapitalsAndLittleWordsAreNot) {
  EXPECT_EQ(snippet("Refunds are sent within 3 days. My refund?", {"Zrefund", "Zmy", "Zare"}),
            "<mark>Refunds</mark> are sent within 3 days. My <mark>refund</mark>?");
}

TEST(Snippet, TheTextIsEscapedAndItsWhitespaceRunsBecomeOneSpace) {
  EXPECT_EQ(snippet("<b>refund</b> &\n\n  \"more\"", {"Zrefund"}),
            "&lt;b&gt;<mark>refund</mark>&lt;/b&gt; &amp; &quot;more&quot;");
}

TEST(Snippet, ALongTextShowsTheWindowWithTheMostOfTheQueryCutWithEllipses) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "这一段与问题无关。";
  text += "退款会在三个工作日内原路退回到您的账户。";
  for (int i = 0; i < 40; ++i) text += "这一段与问题无关。";
  const std::string s = snippet(text, {"Z退款", "Z账户"}, {}, 60);
  EXPECT_EQ(s.rfind("…", 0), 0u) << s;
  EXPECT_NE(s.find("<mark>退款</mark>"), std::string::npos) << s;
  EXPECT_NE(s.find("<mark>账户</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.substr(s.size() - 3), "…") << s;
}

TEST(Snippet, AnyBytesGiveValidTextNeverACrash) {
  const std::string s = snippet(std::string("\xff\xfe refund \xc0\x80 \x00 end", 22), {"Zrefund", "Z\xff"});
  EXPECT_NE(s.find("<mark>refund</mark>"), std::string::npos) << s;
  EXPECT_EQ(snippet("", {"Zrefund"}), "");
  EXPECT_EQ(snippet("no match here", {}), "no match here");
}

TEST(Snippet, ATwoMegabyteTextWithAMatchInEverySentenceIsSnippedInLinearTime) {
  // Every window used to be scored against every match: the square of the
  // matches, 3 s for one 2 MB article. Now one sweep.
  std::string text;
  while (text.size() < (2u << 20)) text += "Your refund reaches the card you paid with within three working days. ";
  const auto started = std::chrono::steady_clock::now();
  const std::string s = snippet(text, {"Zrefund", "Zcard"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(s.rfind("Your <mark>refund</mark>", 0), 0u) << s;
  EXPECT_LT(seconds, 0.5);
}
