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
  const TextFolder folder = chinese();
  const TextFolder copy = TextFolder::from_table(folder.to_table());
  EXPECT_EQ(copy.mapping_size(), folder.mapping_size());
  EXPECT_EQ(copy.fold("快遞帳號"), "快递账号");
}
