// firstline/personal_data.h — personal data in what customers write.
//
//   firstline::mask_personal_data("手机 13812345678，邮箱 a.b@example.com");
//   // "手机 [phone]，邮箱 [email]"
#pragma once

#include <string>
#include <string_view>

namespace firstline {

/// Masks personal data in free text: phone numbers, email addresses, card
/// numbers and ID numbers become "[phone]", "[email]", "[card]", "[id]".
std::string mask_personal_data(std::string_view text);

}  // namespace firstline
