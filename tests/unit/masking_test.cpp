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
