// Masking personal data in what customers write (firstline/personal_data.h).
#include <gtest/gtest.h>

#include "firstline/personal_data.h"

TEST(PersonalData, PhonesEmailsCardsAndIdNumbersAreMasked) {
  using firstline::mask_personal_data;
  EXPECT_EQ(mask_personal_data("电话 138-1234-5678"), "电话 [phone]");
  EXPECT_EQ(mask_personal_data("call +44 20 7946 0958"), "call [phone]");
  EXPECT_EQ(mask_personal_data("mail me: a.b+c@mail.example.org."), "mail me: [email].");
  EXPECT_EQ(mask_personal_data("card 4111 1111 1111 1111 lost"), "card [card] lost");
  EXPECT_EQ(mask_personal_data("身份证11010519491231002X"), "身份证[id]");
  EXPECT_EQ(mask_personal_data("order 8123456789 is late"), "order 8123456789 is late");  // not personal
  EXPECT_EQ(mask_personal_data("SKU A1234567890123"), "SKU A1234567890123");
}

using firstline::mask_personal_data;

TEST(PersonalData, APhoneNumberFollowedByAnotherNumberOrTouchingOneIsStillMasked) {
  EXPECT_EQ(mask_personal_data("电话13812345678 2件还没到"), "电话[phone] 2件还没到");
  EXPECT_EQ(mask_personal_data("138 1234 5678 3 times"), "[phone] 3 times");
  EXPECT_EQ(mask_personal_data("138123456782件"), "[phone]2件");
  EXPECT_EQ(mask_personal_data("13812345678 13987654321"), "[phone] [phone]");
  EXPECT_EQ(mask_personal_data("9123 4567 9123-4567"), "[phone] [phone]");
}

TEST(PersonalData, APhoneNumberTouchingLettersIsMaskedButAnOrderOrParcelCodeIsNot) {
  EXPECT_EQ(mask_personal_data("tel13812345678"), "tel[phone]");
  EXPECT_EQ(mask_personal_data("13812345678call me"), "[phone]call me");
  EXPECT_EQ(mask_personal_data("call010-65521234now"), "call[phone]now");
  EXPECT_EQ(mask_personal_data("订单QH20261118-0042，运单QHE7788123400"), "订单QH20261118-0042，运单QHE7788123400");
  EXPECT_EQ(mask_personal_data("SF1234567890123 JD0012345678901"), "SF1234567890123 JD0012345678901");
}

TEST(PersonalData, InternationalPrefixesLandlinesDotsAndFullWidthDigitsAreMasked) {
  EXPECT_EQ(mask_personal_data("+86 138 1234 5678"), "[phone]");
  EXPECT_EQ(mask_personal_data("0086-13812345678"), "[phone]");
  EXPECT_EQ(mask_personal_data("座机(010) 6552-1234"), "座机[phone]");
  EXPECT_EQ(mask_personal_data("座機（０２）２３４５－６７８９"), "座機[phone]");
  EXPECT_EQ(mask_personal_data("138.1234.5678"), "[phone]");
  EXPECT_EQ(mask_personal_data("手机１３８１２３４５６７８"), "手机[phone]");
  EXPECT_EQ(mask_personal_data("+852 9123 4567, 0912-345-678"), "[phone], [phone]");
  EXPECT_EQ(mask_personal_data("身份证１１０１０５１９４９１２３１００２Ｘ"), "身份证[id]");
}

TEST(PersonalData, NumbersSplitByIdeographicSpacesAreMasked) {
  EXPECT_EQ(mask_personal_data("138\u30001234\u30005678"), "[phone]");
  EXPECT_EQ(mask_personal_data("卡号6222\u30000212\u30003456\u30007890"), "卡号[card]");
  EXPECT_EQ(mask_personal_data("110105\u300019491231\u3000002X"), "[id]");
}

TEST(PersonalData, EmailsWithAChineseLocalPartAFullWidthAtOrAnIdeographicFullStopAreMasked) {
  EXPECT_EQ(mask_personal_data("我的邮箱是张三@example.com，谢谢"), "我的邮箱是[email]，谢谢");
  EXPECT_EQ(mask_personal_data("li.lei＠example.com"), "[email]");
  EXPECT_EQ(mask_personal_data("发到li.lei@example。com。"), "发到[email]。");
  EXPECT_EQ(mask_personal_data("郵箱：陳大文＠example．com．hk"), "郵箱：[email]");
}

TEST(PersonalData, ACardNumberFailingTheLuhnCheckIsStillACard) {
  EXPECT_EQ(mask_personal_data("card 4111 1111 1111 1112"), "card [card]");
  EXPECT_EQ(mask_personal_data("卡号6222021234567890124被盗刷"), "卡号[card]被盗刷");
}

TEST(PersonalData, AddressesAreMaskedFromTheStreetOnTheRegionStays) {
  EXPECT_EQ(mask_personal_data("寄到北京市朝阳区建国路88号SOHO现代城5号楼1201室，谢谢"), "寄到北京市朝阳区[address]，谢谢");
  EXPECT_EQ(mask_personal_data("地址改成上海市徐汇区漕溪北路1200弄3号502室"), "地址改成上海市徐汇区[address]");
  EXPECT_EQ(mask_personal_data("送到台北市信義區信義路五段7號"), "送到台北市信義區[address]");
  EXPECT_EQ(mask_personal_data("I moved to 221B Baker Street, London"), "I moved to [address], London");
  EXPECT_EQ(mask_personal_data("Flat 12, 34 Nathan Road, Kowloon"), "[address], Kowloon");
}

TEST(PersonalData, OrdinaryNumbersAnAgentNeedsAreKept) {
  for (const std::string text :
       {"订单QH20261118-0042 2026-12-03 14:30 下单，¥199.00，2件", "12月3号能到吗？我知道3号线", "199元 ￥1,299 $1,299.99",
        "客服电话 400-000-1234", "订单号 8123456789012345", "tracking number 75312345678901", "20261203",
        "order 8123456789 is late", "验证码 123456", "waited 3 weeks way too long", "iPhone 15 Pro 256GB"})
    EXPECT_EQ(mask_personal_data(text), text);
}
