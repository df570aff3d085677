// The masker measured on a generated table of formats: each kind of personal
// data (phone, email, ID, card, address) in each layout, inside each kind of
// surrounding text, in zh-Hans, zh-Hant and en; and a table of ordinary
// numbers an agent needs (order ids, tracking numbers, prices, dates, times,
// quantities) that must come out unchanged. The test prints recall per kind
// and locale and the false positives:
//   build/tests/core_tests --gtest_filter='PersonalDataFormats.*'
#include <gtest/gtest.h>

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "firstline/personal_data.h"

namespace {

const char* const kLocales[] = {"zh-Hans", "zh-Hant", "en"};

/// One piece of personal data as written, and the part of it that must not
/// survive (for an address, the street and numbers: the city may stay).
struct Value {
  std::string written;
  std::string secret;  // empty: all of `written`
};

struct Layouts {
  const char* kind;  // "phone", "email", "id", "card", "address"
  const char* tag;
  std::map<std::string, std::vector<Value>> by_locale;  // "*": every locale
};

std::vector<Layouts> personal_data() {
  return {
      {"phone", "[phone]",
       {{"*",
         {{"13812345678"}, {"138-1234-5678"}, {"138 1234 5678"}, {"138.1234.5678"}, {"138\u30001234\u30005678"},
          {"１３８１２３４５６７８"}, {"１３８－１２３４－５６７８"}, {"+86 138 1234 5678"}, {"+8613812345678"},
          {"+86-138-1234-5678"}, {"(+86) 13812345678"}, {"＋８６ １３８ １２３４ ５６７８"}, {"0086 13812345678"},
          {"0086-138-1234-5678"}, {"8613812345678"}, {"(010) 6552-1234"}, {"（０１０）６５５２－１２３４"}, {"010-65521234"},
          {"010 6552 1234"}, {"010.6552.1234"}, {"(0755) 8888 6666"}, {"0755-88886666"}, {"+86 10 6552 1234"},
          {"6552-1234"}, {"6552 1234"}}},
        {"zh-Hant",
         {{"+852 9123 4567"}, {"9123 4567"}, {"9123-4567"}, {"00852 9123 4567"}, {"+852-2345-6789"}, {"+886 912 345 678"},
          {"0912-345-678"}, {"0912 345 678"}, {"０９１２－３４５－６７８"}, {"(02) 2345-6789"}, {"02-2345-6789"},
          {"+886 2 2345 6789"}}},
        {"en",
         {{"+1 415 555 0100"}, {"(415) 555-0100"}, {"415-555-0100"}, {"415.555.0100"}, {"+44 20 7946 0958"},
          {"020 7946 0958"}, {"+852 9123 4567"}}}}},
      {"email", "[email]",
       {{"*",
         {{"li.lei@example.com"}, {"li_lei+help@mail.example.org"}, {"LI.LEI@EXAMPLE.CN"}, {"li.lei＠example.com"},
          {"li.lei@example。com"}, {"li.lei@example．com"}, {"ｌｉ．ｌｅｉ＠ｅｘａｍｐｌｅ．ｃｏｍ"},
          {"li-lei@mail.example.com.cn"}, {"12345678@qq.com"}}},
        {"zh-Hans", {{"张三@example.com"}, {"王小明@163。com"}, {"李雷＠example．cn"}}},
        {"zh-Hant", {{"陳大文@example.com.hk"}, {"林小美＠example。tw"}}}}},
      {"id", "[id]",
       {{"*",
         {{"11010519491231002X"}, {"11010519491231002x"}, {"110105194912310021"}, {"110105 19491231 002X"},
          {"110105-19491231-002X"}, {"１１０１０５１９４９１２３１００２Ｘ"}, {"440305200001011234"},
          {"440305\u300020000101\u30001234"}}},
        {"zh-Hant", {{"A123456789"}, {"F234567890"}, {"A123456(7)"}, {"AB987654(3)"}, {"Ａ１２３４５６７８９"}}}}},
      {"card", "[card]",
       {{"*",
         {{"4111111111111111"}, {"4111 1111 1111 1111"}, {"4111-1111-1111-1111"}, {"4111 1111 1111 1112"},
          {"6222021234567890123"}, {"6222 0212 3456 7890 123"}, {"6222 0212 3456 7890 124"},
          {"6222\u30000212\u30003456\u30007890"}, {"４１１１ １１１１ １１１１ １１１１"}, {"3782 822463 10005"},
          {"5500 0000 0000 0004"}, {"6217 0000 1234 5678"}, {"621700001234560"}}}}},
      {"address", "[address]",
       {{"zh-Hans",
         {{"北京市朝阳区建国路88号", "建国路88号"},
          {"上海市徐汇区漕溪北路1200弄3号502室", "漕溪北路1200弄3号502室"},
          {"广东省深圳市南山区深南大道10000号", "深南大道10000号"},
          {"杭州市西湖区文三路 398 号 5 栋 1201 室", "文三路 398 号 5 栋 1201 室"},
          {"朝阳区望京花园3栋1201", "望京花园3栋1201"},
          {"建国路88号SOHO现代城5号楼1201室", "建国路88号SOHO现代城5号楼1201室"},
          {"成都市武侯区人民南路四段１２号", "人民南路四段１２号"},
          {"南京市鼓楼区中山北路二十号", "中山北路二十号"}}},
        {"zh-Hant",
         {{"台北市信義區信義路五段7號", "信義路五段7號"},
          {"台北市大安區忠孝東路四段100巷5弄3號", "忠孝東路四段100巷5弄3號"},
          {"香港九龍旺角彌敦道688號12樓B室", "彌敦道688號12樓B室"},
          {"新北市板橋區文化路一段188巷1號", "文化路一段188巷1號"},
          {"高雄市前鎮區中山二路２號", "中山二路２號"}}},
        {"en",
         {{"221B Baker Street"}, {"1600 Amphitheatre Parkway"}, {"12 Main St., Apt 4B"}, {"Flat 12, 34 Nathan Road"},
          {"350 Fifth Avenue"}, {"10 Downing Street"}, {"88 Queen's Road Central", "88 Queen's Road"},
          {"4 Privet Drive"}}}}},
  };
}

/// Surrounding text: "{}" is the value, "{2}" a second one of the same kind.
/// Each also holds ordinary numbers that must stay ("QH20261118-0042", "2件").
struct Context {
  const char* name;
  const char* text;
  bool numbers_only = false;  // touching letters: only for phone, ID and card numbers
};

std::map<std::string, std::vector<Context>> contexts() {
  return {
      {"zh-Hans",
       {{"alone", "{}"},
        {"after words", "我的是{}"},
        {"before words", "{}，请尽快联系我"},
        {"inside Chinese", "联系我{}谢谢"},
        {"a number follows", "信息：{} 2件商品还没到"},
        {"two, a space apart", "{} {2}"},
        {"in brackets", "（{}）"},
        {"beside an order id, a date and a time", "订单QH20261118-0042，{}，12月3日 14:30 前送到"},
        {"letters before", "abc{}", true},
        {"letters after", "{}abc", true}}},
      {"zh-Hant",
       {{"alone", "{}"},
        {"after words", "我的是{}"},
        {"before words", "{}，請儘快聯絡我"},
        {"inside Chinese", "聯絡我{}謝謝"},
        {"a number follows", "資料：{} 2件商品還沒到"},
        {"two, a space apart", "{} {2}"},
        {"in brackets", "（{}）"},
        {"beside an order id, a date and a time", "訂單QH20261118-0042，{}，12月3日 14:30 前送到"},
        {"letters before", "abc{}", true},
        {"letters after", "{}abc", true}}},
      {"en",
       {{"alone", "{}"},
        {"after words", "mine is {}"},
        {"before words", "{}, please get back to me"},
        {"inside a sentence", "reach me at {} thanks"},
        {"a number follows", "details: {} 2 items still missing"},
        {"two, a space apart", "{} {2}"},
        {"in brackets", "({})"},
        {"beside an order id, a date and a time", "order QH20261118-0042, {}, deliver by 2026-12-03 14:30"},
        {"letters before", "abc{}", true},
        {"letters after", "{}abc", true}}},
  };
}

// What the agent needs, in each locale's words: none of it may change.
std::map<std::string, std::vector<std::string>> ordinary_numbers() {
  const std::vector<std::string> everywhere = {
      "QH20261118-0042", "QHE7788123400", "SF1234567890123", "JD0012345678901", "YT1234567890123", "¥199.00",
      "￥1,299", "$1,299.99", "HK$88", "NT$500", "2026-12-03", "2026/12/03", "2026.12.03", "03.12.2026",
      "2026-12-03 14:30", "14:30", "20261203", "3.5", "x2", "95%", "400-000-1234", "123456", "100020", "iPhone 15",
      "iPhone 15 Pro 256GB", "2026", "5kg", "1.5L", "v2.3.1"};
  return {
      {"zh-Hans",
       {"199元", "12月3日", "12月3号", "2026年12月3日", "下午2:30", "2件", "3天", "第2次", "3号线", "等了15天",
        "知道12月3号能到吗", "一路上走了3天", "订单号 8123456789012345", "运单号 75312345678901", "快递单号：731234567890",
        "订单号码 20261203001", "退了 1,299.00 元", "12000元", "价格是199.00"}},
      {"zh-Hant",
       {"199元", "12月3日", "12月3號", "2026年12月3日", "下午2:30", "2件", "3天", "第2次", "等了15天", "訂單號 8123456789012345",
        "運單號 75312345678901", "退了 1,299.00 元"}},
      {"en",
       {"Dec 3, 2026", "3 December 2026", "2 items", "3 days", "order 8123456789", "order number 8123456789012345",
        "tracking number 75312345678901", "waited 3 weeks way too long", "2 on the road", "2:30 pm", "the 3rd"}},
      {"*", everywhere},
  };
}

const std::vector<std::string> kOrdinaryContexts[] = {
    {"{}", "订单{}什么时候到？", "我在{}下的单", "{}，还没收到", "是{}吗"},
    {"{}", "訂單{}什麼時候到？", "{}，還沒收到"},
    {"{}", "is {} right?", "about {}, not arrived", "({})"},
};

std::string fill(std::string text, const std::string& value, const std::string& second) {
  if (const auto at = text.find("{2}"); at != std::string::npos) text.replace(at, 3, second);
  if (const auto at = text.find("{}"); at != std::string::npos) text.replace(at, 2, value);
  return text;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

struct Tally {
  int samples = 0, masked = 0;
};

}  // namespace

TEST(PersonalDataFormats, EveryKindLayoutAndSurroundingTextIsMaskedAndNoOrdinaryNumberIs) {
  using firstline::mask_personal_data;
  const auto all_contexts = contexts();
  std::map<std::string, std::map<std::string, Tally>> tally;  // kind -> locale -> tally
  std::vector<std::string> misses, false_positives;
  const char* const kept_beside[] = {"QH20261118-0042", "12月3日", "14:30", "2件", "2 items", "2026-12-03"};
  int ordinary = 0;

  for (const auto& layouts : personal_data()) {
    for (const char* locale : kLocales) {
      std::vector<Value> values = layouts.by_locale.count("*") ? layouts.by_locale.at("*") : std::vector<Value>{};
      if (layouts.by_locale.count(locale))
        values.insert(values.end(), layouts.by_locale.at(locale).begin(), layouts.by_locale.at(locale).end());
      const bool numbers = std::string(layouts.kind) != "email" && std::string(layouts.kind) != "address";
      for (std::size_t v = 0; v < values.size(); ++v) {
        const Value& value = values[v];
        const Value& second = values[(v + 1) % values.size()];
        for (const Context& context : all_contexts.at(locale)) {
          if (context.numbers_only && !numbers) continue;
          const std::string text = fill(context.text, value.written, second.written);
          const std::string out = mask_personal_data(text);
          const bool two = std::string(context.text).find("{2}") != std::string::npos;
          const std::string& secret = value.secret.empty() ? value.written : value.secret;
          const std::string& secret2 = second.secret.empty() ? second.written : second.secret;
          const bool ok = out.find(secret) == std::string::npos && (!two || out.find(secret2) == std::string::npos) &&
                          count(out, layouts.tag) >= (two ? 2u : 1u);
          Tally& t = tally[layouts.kind][locale];
          ++t.samples;
          t.masked += ok ? 1 : 0;
          if (!ok) misses.push_back(std::string(locale) + " " + layouts.kind + " (" + context.name + "): " + text + " -> " + out);
          for (const char* kept : kept_beside)
            if (text.find(kept) != std::string::npos && out.find(kept) == std::string::npos) {
              false_positives.push_back(std::string(locale) + " beside " + layouts.kind + ": " + text + " -> " + out);
              break;
            }
        }
      }
    }
  }
  const auto numbers = ordinary_numbers();
  for (std::size_t l = 0; l < 3; ++l) {
    std::vector<std::string> values = numbers.at("*");
    values.insert(values.end(), numbers.at(kLocales[l]).begin(), numbers.at(kLocales[l]).end());
    for (const auto& value : values)
      for (const auto& context : kOrdinaryContexts[l]) {
        const std::string text = fill(context, value, value);
        const std::string out = mask_personal_data(text);
        ++ordinary;
        if (out != text) false_positives.push_back(std::string(kLocales[l]) + " ordinary: " + text + " -> " + out);
      }
  }

  // The report: recall per kind and locale, then the false positives.
  std::ostringstream report;
  report << "| kind | zh-Hans | zh-Hant | en | all |\n|---|---:|---:|---:|---:|\n";
  Tally total;
  for (const auto& layouts : personal_data()) {
    Tally kind_total;
    report << "| " << layouts.kind;
    for (const char* locale : kLocales) {
      const Tally& t = tally[layouts.kind][locale];
      kind_total.samples += t.samples;
      kind_total.masked += t.masked;
      report << " | " << t.masked << "/" << t.samples;
    }
    total.samples += kind_total.samples;
    total.masked += kind_total.masked;
    report << " | " << std::fixed << std::setprecision(1) << 100.0 * kind_total.masked / kind_total.samples << "% |\n";
  }
  report << "| **all** | | | | **" << std::fixed << std::setprecision(1) << 100.0 * total.masked / total.samples
         << "%** (" << total.masked << "/" << total.samples << ") |\n";
  report << "\nFalse positives: " << false_positives.size() << " (" << ordinary
         << " texts of ordinary numbers, and the order id, date, time and quantity beside each sample)\n";
  std::cout << report.str();
  for (const auto& miss : misses) ADD_FAILURE() << "not masked: " << miss;
  for (const auto& fp : false_positives) ADD_FAILURE() << "changed: " << fp;
}
