// Text folding: the indexer and the core must see the same text.
#include <gtest/gtest.h>

#include "firstline/text.h"

using firstline::TextFolder;

namespace {
TextFolder chinese() {
  TextFolder folder;
  folder.add_mapping(U'裹', U'裹');
  folder.add_mapping(U'遞', U'递');
  folder.add_mapping(U'帳', U'账');
  folder.add_mapping(U'號', U'号');
  return folder;
}
}  // namespace

TEST(TextFolding, TraditionalCharactersBecomeSimplified) {
  EXPECT_EQ(chinese().fold("快遞帳號"), "快递账号");
}

TEST(TextFolding, FullWidthFormsBecomeAsciiAndLettersLowerCase) {
  EXPECT_EQ(TextFolder().fold("ＡＢＣ１２３？　Refund"), "abc123? refund");
}

TEST(TextFolding, InvalidUtf8NulAndControlCharactersBecomeSpaces) {
  const std::string input = std::string("a\xFF\xC3") + '\0' + "b\x01\x7F" + "c\xE4\xBD";
  EXPECT_EQ(TextFolder().fold(input), "a   b  c  ");  // the truncated sequence: two bytes, two spaces
}

TEST(TextFolding, OverlongAndSurrogateEncodingsAreRejected) {
  EXPECT_EQ(TextFolder().fold("\xC0\xAF"), "  ");          // overlong '/'
  EXPECT_EQ(TextFolder().fold("\xED\xA0\x80"), "   ");     // UTF-16 surrogate
  EXPECT_EQ(TextFolder().fold("\xF4\x90\x80\x80"), "    "); // above U+10FFFF
}

TEST(TextFolding, EmojiAndOtherPlanesPassThrough) {
  EXPECT_EQ(TextFolder().fold("退款😡"), "退款😡");
}

TEST(TextFolding, TheTableRoundTripsThroughItsSerialisedForm) {
  TextFolder folder = chinese();
  ASSERT_TRUE(folder.add_phrase("帳號號", "账户"));
  const TextFolder copy = TextFolder::from_table(folder.to_table());
  EXPECT_EQ(copy.mapping_size(), folder.mapping_size());
  EXPECT_EQ(copy.phrase_count(), 1u);
  EXPECT_EQ(copy.fold("快遞帳號"), "快递账号");
  EXPECT_EQ(copy.fold("帳號號"), "账户");
}

TEST(TextFolding, RegionalPhrasesBecomeTheMainlandOnesAfterTheCharactersAreFolded) {
  TextFolder folder = chinese();
  folder.add_mapping(U'軟', U'软');
  folder.add_mapping(U'體', U'体');
  ASSERT_TRUE(folder.add_phrase("軟體", "軟件"));
  EXPECT_EQ(folder.fold("下載的軟體"), "下載的软件");  // 載 is not in this small table
  EXPECT_EQ(folder.fold("软体"), "软件");              // the Simplified spelling of the phrase too
  EXPECT_EQ(folder.fold("軟"), "软");
}

TEST(TextFolding, TheLongestPhraseWinsAndShortOrUnchangedPhrasesAreIgnored) {
  TextFolder folder;
  ASSERT_TRUE(folder.add_phrase("ab", "x"));
  ASSERT_TRUE(folder.add_phrase("abc", "y"));
  EXPECT_FALSE(folder.add_phrase("a", "z"));      // one character: too risky to replace everywhere
  EXPECT_FALSE(folder.add_phrase("cd", "CD"));    // folds to itself
  EXPECT_EQ(folder.fold("abcab a"), "yx a");
}

TEST(SynonymSet, FindsAChineseWordAnywhereAndAnEnglishPhraseByItsStems) {
  const firstline::SynonymSet synonyms({{"充电宝", "移动电源"}, {"double charge", "charged twice"}, {"parcel", "package"}});
  using Terms = std::vector<std::pair<std::string, unsigned>>;
  EXPECT_EQ(synonyms.terms_in("移动电源能带上飞机吗"), (Terms{{"Z=充电宝", 1}}));
  EXPECT_EQ(synonyms.terms_in("i was charge twice for one order"), (Terms{{"Z=double charge", 1}}));
  EXPECT_EQ(synonyms.terms_in("two packages, one parcel and a package"), (Terms{{"Z=parcel", 2}}));
  EXPECT_TRUE(synonyms.terms_in("the packet was twice charged").empty()) << "whole words, in order";
  EXPECT_TRUE(synonyms.terms_in("").empty());
}

TEST(SynonymSet, SurvivesItsStoredFormAndReadsAnythingElseAsEmpty) {
  const firstline::SynonymSet synonyms({{"快递", "包裹"}, {"", " "}});
  EXPECT_EQ(synonyms.to_json(), R"([["快递","包裹"]])");
  EXPECT_EQ(firstline::SynonymSet::from_json(synonyms.to_json()).terms_in("我的包裹"),
            (std::vector<std::pair<std::string, unsigned>>{{"Z=快递", 1}}));
  for (const char* damaged : {"", "{", "[1,2]", R"({"a":1})", "\xff"})
    EXPECT_TRUE(firstline::SynonymSet::from_json(damaged).empty()) << damaged;
}

