// firstline/personal_data.h — personal data in what customers write.
//
//   firstline::mask_personal_data("手机 138 1234 5678，寄到北京市朝阳区建国路88号");
//   // "手机 [phone]，寄到北京市朝阳区[address]"
//
// The one rule, used for everything that leaves the customer's session: the
// handoff payload (Engine::handoff, unless the host opts in) and the queries
// the widget's events carry (the API's "hints" and "ask" answer them masked).
// Its implementation is core/src/masking.cpp; tests/unit/masking_formats_test.cpp
// measures it on a generated table of formats and prints the recall.
#pragma once

#include <string>
#include <string_view>

namespace firstline {

/// Masks personal data in free text (UTF-8; bytes that are not UTF-8 are
/// copied as they are). Every layout is read the same way: full-width digits,
/// letters and signs (１３８, ＠, ＋, （）, －), ideographic and other spaces,
/// and dashes count as their ASCII forms. Each find becomes its tag:
///
/// - "[phone]": mainland mobiles (13812345678, 138-1234-5678, 138 1234 5678,
///   138.1234.5678), with +86, 0086 or 86 before; landlines with an area code
///   in brackets, dashes, dots or spaces ((010) 6552-1234, 0755-88886666,
///   +86 10 6552 1234); local eight-digit numbers in two groups of four
///   (6552-1234, Hong Kong 9123 4567) or alone (unless a date, 20261203);
///   Taiwan's 09xx-xxx-xxx and (02) 2345-6789; any "+" or "00" international
///   number (a country code, then 7-11 digits); North American 415-555-0100;
///   7-15 digits after a phone word (电话, 手機, phone, tel …).
/// - "[id]": mainland ID numbers (18 digits with a birth date, or 17 and X;
///   the old 15 digits), Taiwan's (A123456789), Hong Kong's (A123456(7)).
/// - "[card]": 13-19 digits in one group or laid out as a card (4-4-4-4,
///   4-4-4-4-3, 4-6-5, the same separator throughout), whether or not they
///   pass the Luhn check: a mistyped card number is still a card number.
/// - "[email]": local@domain, the local part ASCII or Chinese (张三@…, read
///   back to a word such as 邮箱 or 是), "@" or "＠", "." or "。" or "．"
///   between the domain's labels.
/// - "[address]": a Chinese street or estate (…路, 街, 道, 巷, 弄, 小区, 花园,
///   大厦 …) followed by house, building or room numbers (88号, 1200弄3号502室,
///   五段7號, 5栋1201, 12樓B室), from the street's name on: the province,
///   city and district before it stay (北京市朝阳区[address]); an English
///   house number, capitalised street name and street word, with a flat or
///   unit (221B Baker Street, Flat 12, 34 Nathan Road, 12 Main St., Apt 4B).
///
/// Separated by spaces or touching, several are each masked
/// ("13812345678 13987654321", "138123456782件" -> "[phone]2件"); a number
/// after one is not swallowed ("138 1234 5678 2件" -> "[phone] 2件").
///
/// Kept, because an agent needs them and they name nobody:
/// - order, parcel and item codes: digits touching letters ("QH20261118-0042",
///   "QHE7788123400", "SF1234567890123") are masked only as what a code cannot
///   be (a mobile, a checksummed ID, a card of 16-19 digits or grouped);
///   any number after an order or tracking word (订单号, 运单号, 单号, 编号,
///   order, tracking, invoice, SKU …);
/// - tracking numbers: kept after such a word or touching the carrier's
///   letters; a bare run of 13-19 digits is read as a card, since a parcel
///   is found from its order and a leaked card cannot be taken back;
/// - amounts (after ¥ ￥ $ € £, RMB, HKD, NT$ …, or before 元 块 件 天 % …),
///   dates (2026-12-03, 2026.12.03, 03.12.2026, 20261203, 12月3日/3号),
///   times (14:30), quantities, verification and postal codes (6 digits),
///   400 and 800 hotlines (businesses' numbers).
///
/// Not read: addresses without a street and number (a district alone), a
/// lower-case English street name, phone numbers spelled out in words.
std::string mask_personal_data(std::string_view text);

/// As mask_personal_data(), for text still being typed (the widget's hints
/// events): a number at its end with four digits or more, which may be the
/// start of a phone or card number, becomes "[number]"
/// ("我的手机138 12" -> "我的手机[number]").
std::string mask_personal_data_as_typed(std::string_view text);

}  // namespace firstline
