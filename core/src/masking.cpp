// The one rule for personal data in what customers write; what it masks and
// what it keeps is documented in firstline/personal_data.h. Both the handoff
// (handoff.cpp) and the widget's events (the API's hints and ask) use it.
//
// How: the text is read as characters, each also in a normalised form
// (full-width digits, letters, ＠, ＋, （）and －become ASCII; ideographic
// and other spaces a space; dashes a hyphen), so one set of patterns reads
// every layout. Spans are found in order (emails, Hong Kong and Taiwan ID
// numbers, addresses, then runs of digits), none overlapping, and each is
// replaced by its tag; every other byte is copied unchanged.
#include "firstline/personal_data.h"

#include <algorithm>
#include <string>
#include <vector>

#include "firstline/text.h"

namespace firstline {

namespace {

struct Char {
  char32_t cp;             // as written
  char32_t n;              // normalised (see the opening comment); lowercase is not folded
  std::size_t begin, end;  // its bytes in the text
};

char32_t normalise(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;  // full-width ASCII
  if (c == 0x3000 || c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == '\t')
    return ' ';
  if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE63) return '-';
  if (c == 0xFF61) return 0x3002;  // half-width ideographic full stop: as 。
  return c;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_upper(char32_t c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char32_t c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
bool is_alnum(char32_t c) { return is_letter(c) || is_digit(c); }
char32_t lower(char32_t c) { return is_upper(c) ? c + 32 : c; }
bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}
bool is_chinese_numeral(char32_t c) { return std::u32string_view(U"零〇一二三四五六七八九十百千两兩").find(c) != std::u32string_view::npos; }

class Text {
 public:
  explicit Text(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t begin = pos;
      const char32_t cp = decode_utf8(text, pos);
      chars_.push_back({cp, normalise(cp), begin, pos});
    }
    taken_.assign(chars_.size(), false);
  }
  std::size_t size() const { return chars_.size(); }
  char32_t operator[](std::size_t i) const { return i < chars_.size() ? chars_[i].n : 0; }
  bool taken(std::size_t i) const { return i < taken_.size() && taken_[i]; }
  bool free_range(std::size_t b, std::size_t e) const {
    for (std::size_t i = b; i < e; ++i)
      if (taken_[i]) return false;
    return true;
  }

  /// Whether `word` is at `i` (ASCII compared without case).
  bool at(std::size_t i, std::u32string_view word) const {
    if (i + word.size() > chars_.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
      if (lower(chars_[i + k].n) != lower(word[k])) return false;
    return true;
  }
  /// Whether `word` ends just before `i`.
  bool ends_at(std::size_t i, std::u32string_view word) const { return i >= word.size() && at(i - word.size(), word); }

  void mask(std::size_t b, std::size_t e, const char* tag) {
    for (std::size_t i = b; i < e; ++i) taken_[i] = true;
    spans_.push_back({b, e, tag});
  }

  /// The bytes of `original` (this text, unmasked) before character `end`.
  std::string render_prefix(std::string_view original, std::size_t end) const {
    return std::string(original.substr(0, end < chars_.size() ? chars_[end].begin : original.size()));
  }

  std::string render(std::string_view original) const {
    std::vector<Span> spans = spans_;
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.b < b.b; });
    std::string out;
    out.reserve(original.size());
    std::size_t i = 0;
    for (const Span& span : spans) {
      if (i < span.b) out.append(original, chars_[i].begin, chars_[span.b].begin - chars_[i].begin);
      out += span.tag;
      i = span.e;
    }
    if (i < chars_.size()) out.append(original, chars_[i].begin, original.size() - chars_[i].begin);
    return out;
  }

 private:
  struct Span {
    std::size_t b, e;
    const char* tag;
  };
  std::vector<Char> chars_;
  std::vector<bool> taken_;
  std::vector<Span> spans_;
};

/// The longest of `words` ending just before `i`, skipping spaces and
/// `: ： # 是 为` in between; true if one does.
bool labelled_by(const Text& t, std::size_t i, std::initializer_list<std::u32string_view> words) {
  while (i > 0 && std::u32string_view(U" :#=是为為").find(t[i - 1]) != std::u32string_view::npos) --i;
  for (const auto word : words)
    if (t.ends_at(i, word) && (word.size() > 1 || !is_letter(word[0])) &&
        !(is_letter(word.front()) && i > word.size() && is_letter(t[i - word.size() - 1])))
      return true;
  return false;
}

// ---- emails ------------------------------------------------------------------

bool is_local_char(char32_t c) { return is_alnum(c) || std::u32string_view(U"._%+-").find(c) != std::u32string_view::npos; }
bool is_label_char(char32_t c) { return is_alnum(c) || c == '-'; }
bool is_dot(char32_t c) { return c == '.' || c == 0x3002; }  // "。" and "．" (normalised) too

/// Words a Chinese local part does not reach back over ("我的邮箱是张三@…").
constexpr std::u32string_view kEmailCues[] = {U"邮箱", U"郵箱", U"信箱", U"邮件", U"郵件", U"电邮", U"電郵", U"地址", U"联系",
                                               U"聯絡", U"是", U"为", U"為", U"到", U"给", U"給", U"发", U"發", U"用",
                                               U"寄", U"至", U"我", U"的", U"在"};

void mask_emails(Text& t) {
  for (std::size_t at = 0; at < t.size(); ++at) {
    if (t[at] != '@' || t.taken(at)) continue;
    // The domain: two labels or more, the last of letters only.
    std::size_t end = at + 1, labels = 0, last_label = 0;
    bool last_alpha = false;
    while (end < t.size() && is_label_char(t[end])) {
      const std::size_t label = end;
      last_alpha = true;
      while (end < t.size() && is_label_char(t[end])) last_alpha &= is_letter(t[end++]);
      ++labels;
      last_label = end - label;
      if (end + 1 < t.size() && is_dot(t[end]) && is_label_char(t[end + 1])) ++end;
      else break;
    }
    if (labels < 2 || !last_alpha || last_label < 2) continue;
    // The local part: ASCII, or Chinese characters back to a cue word.
    std::size_t start = at;
    while (start > 0 && at - start < 32 && !t.taken(start - 1) && (is_local_char(t[start - 1]) || is_han(t[start - 1])))
      --start;
    for (std::size_t i = at; i > start; --i) {
      bool cue = false;
      for (const auto word : kEmailCues) cue |= t.ends_at(i, word) && i - word.size() >= start;
      if (cue) {
        start = i;
        break;
      }
    }
    while (start < at && t[start] == '.') ++start;
    if (start == at) continue;
    t.mask(start, end, "[email]");
    at = end - 1;
  }
}

// ---- Hong Kong and Taiwan ID numbers -------------------------------------------

void mask_letter_ids(Text& t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!is_upper(t[i]) || (i > 0 && (is_upper(t[i - 1]) || is_digit(t[i - 1]))) || t.taken(i)) continue;
    // Taiwan: A123456789 (a letter, 1 or 2, eight digits).
    std::size_t d = i + 1;
    while (d < t.size() && is_digit(t[d])) ++d;
    if (d - i == 10 && (t[i + 1] == '1' || t[i + 1] == '2') && !is_digit(t[d]) && t.free_range(i, d)) {
      t.mask(i, d, "[id]");
      i = d;
      continue;
    }
    // Hong Kong: A123456(7) or AB123456(A).
    std::size_t letters = i;
    while (letters < t.size() && is_upper(t[letters]) && letters - i < 2) ++letters;
    d = letters;
    while (d < t.size() && is_digit(t[d])) ++d;
    if (d - letters == 6 && t[d] == '(' && (is_digit(t[d + 1]) || t[d + 1] == 'A') && t[d + 2] == ')' &&
        t.free_range(i, d + 3)) {
      t.mask(i, d + 3, "[id]");
      i = d + 3;
    }
  }
}

// ---- addresses -----------------------------------------------------------------

// Chinese: a street (or estate) name, then house, building or room numbers:
// 建国路88号, 漕溪北路1200弄3号502室, 信義路五段7號, 彌敦道688號12樓B室,
// 望京花园3栋1201. The province, city and district before the street stay
// (an agent may need the region; it names nobody).
constexpr std::u32string_view kStreets[] = {U"大道", U"大街", U"胡同", U"小区", U"小區", U"社区", U"社區", U"花园", U"花園",
                                            U"新村", U"公寓", U"大厦", U"大廈", U"广场", U"廣場", U"路",   U"街",   U"道",
                                            U"巷",   U"弄",   U"村",   U"苑",   U"坊",   U"邨",   U"庄",   U"莊"};
// Words that end like a street and are not one ("知道3号能到吗": the 3rd).
constexpr std::u32string_view kNotStreets[] = {U"知道", U"难道", U"難道", U"味道", U"频道", U"頻道", U"渠道", U"报道", U"報道",
                                               U"通道", U"一道", U"顺道", U"順道", U"轨道", U"軌道", U"管道", U"走道", U"车道",
                                               U"車道", U"一路", U"走路", U"网路", U"網路", U"线路", U"線路", U"思路", U"电路",
                                               U"電路", U"上路", U"出路", U"迷路", U"套路", U"逛街", U"农村", U"農村", U"一街"};
constexpr std::u32string_view kHouseSuffixes[] = {U"号楼", U"號樓", U"单元", U"單元", U"号", U"號", U"弄", U"巷", U"栋", U"棟",
                                                  U"幢",   U"座",   U"室",   U"楼",   U"樓", U"层", U"層", U"户", U"戶", U"房"};
// Where an address starts, read backwards from its street: after the
// administrative divisions, and after the words that lead to it.
constexpr std::u32string_view kAdministrative = U"省市区區县縣镇鎮乡鄉旗州";
constexpr std::u32string_view kAddressCues[] = {U"地址", U"住址", U"住在", U"家住", U"寄到", U"送到", U"发到", U"發到", U"寄往",
                                                U"送往", U"改到", U"改成", U"改为", U"改為", U"位于", U"位於", U"是",   U"在",
                                                U"到",   U"为",   U"為",   U"的",   U"我",   U"去",   U"往",   U"从",   U"從",
                                                U"住",   U"至",   U"于",   U"於",   U"搬"};

/// The end of a house number at `i` ("88号", "B室", "12樓", "3-1201室", "五段" when
/// `road_part`), or `i` if there is none.
std::size_t house_number(const Text& t, std::size_t i) {
  std::size_t e = i;
  while (e < t.size() && (is_alnum(t[e]) || is_chinese_numeral(t[e]) || ((t[e] == '-' || t[e] == U'之') && e > i)))
    ++e;
  if (e == i || e - i > 8) return i;
  while (e < t.size() && t[e] == ' ') ++e;
  for (const auto suffix : kHouseSuffixes)
    if (t.at(e, suffix)) return e + suffix.size();
  if (t.at(e, U"段")) return e + 1;  // 信義路五段
  return i;
}

void mask_chinese_addresses(Text& t) {
  for (std::size_t p = 1; p < t.size(); ++p) {
    if (t.taken(p) || !is_han(t[p - 1])) continue;
    std::size_t street_end = 0;
    for (const auto street : kStreets)
      if (t.at(p, street)) {
        street_end = p + street.size();
        break;
      }
    if (!street_end) continue;
    bool not_street = false;
    for (const auto word : kNotStreets) not_street |= t.at(street_end - word.size(), word) && street_end >= word.size();
    if (not_street) continue;
    // At least one house number after the street.
    std::size_t e = street_end;
    while (e < t.size() && t[e] == ' ') ++e;
    std::size_t next = house_number(t, e);
    if (next == e) continue;
    e = next;
    // More of them, a room number, or a building's name before one ("SOHO现代城5号楼").
    for (;;) {
      std::size_t k = e;
      while (k < t.size() && t[k] == ' ') ++k;
      if ((next = house_number(t, k)) > k) {
        e = next;
        continue;
      }
      if (k > e) break;  // after a space, only more house numbers ("398 号 5 栋")
      std::size_t name = k;
      while (name < t.size() && name - k < 8 && (is_han(t[name]) || is_letter(t[name])) &&
             kAdministrative.find(t[name]) == std::u32string_view::npos)
        ++name;
      if (name > k && (next = house_number(t, name)) > name) {
        e = next;
        continue;
      }
      std::size_t room = k;
      while (room < t.size() && (is_alnum(t[room]) || (t[room] == '-' && room > k))) ++room;
      if (room > k && room - k <= 6) e = room;  // "3栋1201"
      break;
    }
    // Back to the start of the street's name.
    std::size_t start = p;
    while (start > 0 && p - start < 8 && is_han(t[start - 1]) && !t.taken(start - 1) &&
           kAdministrative.find(t[start - 1]) == std::u32string_view::npos) {
      bool cue = false;
      for (const auto word : kAddressCues) cue |= t.ends_at(start, word);
      if (cue) break;
      --start;
    }
    if (start == p || !t.free_range(start, e)) continue;
    t.mask(start, e, "[address]");
    p = e;
  }
}

// English: a house number, a capitalised street name and a street word, with
// a flat or unit before or after: "221B Baker Street", "Flat 12, 34 Nathan
// Road", "1600 Amphitheatre Parkway", "12 Main St., Apt 4B". A lower-case
// street name is not read as one ("waited 3 weeks way too long").
constexpr std::u32string_view kStreetWords[] = {
    U"street", U"st",     U"road",     U"rd",     U"avenue",  U"ave",   U"lane",    U"ln",     U"drive",   U"dr",
    U"boulevard", U"blvd", U"way",     U"court",  U"ct",      U"place", U"pl",      U"terrace", U"close",  U"crescent",
    U"parkway", U"pkwy",  U"highway",  U"hwy",    U"square",  U"sq",    U"circle",  U"row",     U"walk",   U"gardens"};
constexpr std::u32string_view kUnitWords[] = {U"flat", U"apt", U"apartment", U"unit", U"suite", U"ste", U"room", U"rm", U"floor", U"fl"};
constexpr std::u32string_view kNameStopwords[] = {U"the", U"a", U"an", U"i", U"my", U"on", U"in", U"at", U"of", U"to",
                                                  U"for", U"and", U"or", U"is", U"it", U"this", U"that", U"your", U"our"};

struct Word {
  std::size_t b, e;
  std::u32string lower;
};

std::vector<Word> ascii_words(const Text& t) {
  std::vector<Word> words;
  for (std::size_t i = 0; i < t.size();) {
    if (!is_alnum(t[i])) {
      ++i;
      continue;
    }
    Word w{i, i, {}};
    while (w.e < t.size() && (is_alnum(t[w.e]) || (t[w.e] == '\'' && is_letter(t[w.e + 1])))) w.lower += lower(t[w.e++]);
    i = w.e;
    words.push_back(std::move(w));
  }
  return words;
}

bool one_of(const std::u32string& word, std::initializer_list<std::u32string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}
template <std::size_t N>
bool one_of(const std::u32string& word, const std::u32string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool is_house_number(const std::u32string& w) {
  std::size_t digits = 0;
  while (digits < w.size() && is_digit(w[digits])) ++digits;
  return digits >= 1 && digits <= 5 && w.size() - digits <= 1;
}

bool only_spaces_and(const Text& t, std::size_t b, std::size_t e, std::u32string_view allowed) {
  for (std::size_t i = b; i < e; ++i)
    if (t[i] != ' ' && allowed.find(t[i]) == std::u32string_view::npos) return false;
  return true;
}

void mask_english_addresses(Text& t) {
  const std::vector<Word> words = ascii_words(t);
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (!is_house_number(words[w].lower) || t.taken(words[w].b)) continue;
    if (words[w].b > 0 && std::u32string_view(U"$¥￥€£").find(t[words[w].b - 1]) != std::u32string_view::npos) continue;
    std::size_t k = w + 1, names = 0;
    while (k < words.size() && names < 3 && only_spaces_and(t, words[k - 1].e, words[k].b, U"") &&
           !one_of(words[k].lower, kStreetWords) && !one_of(words[k].lower, kNameStopwords) &&
           (is_upper(t[words[k].b]) || (is_digit(t[words[k].b]) && words[k].lower.size() >= 3 &&
                                        one_of(words[k].lower.substr(words[k].lower.size() - 2), {U"st", U"nd", U"rd", U"th"})))) {
      ++k;
      ++names;
    }
    if (names == 0 || k >= words.size() || !one_of(words[k].lower, kStreetWords) ||
        !only_spaces_and(t, words[k - 1].e, words[k].b, U""))
      continue;
    std::size_t b = words[w].b, e = words[k].e;
    if (e < t.size() && t[e] == '.') ++e;
    // A flat or unit before ("Flat 12, 34 Nathan Road") or after (", Apt 4B").
    if (w >= 2 && one_of(words[w - 2].lower, kUnitWords) && only_spaces_and(t, words[w - 2].e, words[w - 1].b, U"") &&
        only_spaces_and(t, words[w - 1].e, words[w].b, U",") && words[w - 1].lower.size() <= 5)
      b = words[w - 2].b;
    if (k + 2 < words.size() + 0 && one_of(words[k + 1].lower, kUnitWords) &&
        only_spaces_and(t, words[k].e, words[k + 1].b, U",.") && only_spaces_and(t, words[k + 1].e, words[k + 2].b, U".#"))
      e = words[k + 2].e;
    else if (k + 1 < words.size() && only_spaces_and(t, words[k].e, words[k + 1].b, U",.#") && t[words[k + 1].b - 1] == '#')
      e = words[k + 1].e;
    if (!t.free_range(b, e)) continue;
    t.mask(b, e, "[address]");
    while (w + 1 < words.size() && words[w + 1].b < e) ++w;
  }
}

// ---- numbers -------------------------------------------------------------------

bool luhn_valid(const std::string& digits) {
  int sum = 0;
  bool double_it = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (double_it && (d *= 2) > 9) d -= 9;
    sum += d;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

int number(const std::string& digits, std::size_t at, std::size_t n) { return std::stoi(digits.substr(at, n)); }

bool valid_date(int year, int month, int day) { return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31; }
bool valid_yyyymmdd(const std::string& d, std::size_t at) {
  return valid_date(number(d, at, 4), number(d, at + 4, 2), number(d, at + 6, 2));
}

bool mainland_mobile(const std::string& d) { return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'; }

struct Group {
  std::size_t b, e;  // characters
  std::string digits;
  std::u32string joiner_before;  // what separates it from the group before ("" for the first)
};

// Labels before a number that say it is not personal: an order, a parcel, an
// invoice, an item. Checked before the phone labels ("订单号码" is no phone).
constexpr std::initializer_list<std::u32string_view> kOrdinaryLabels = {
    U"订单号码", U"訂單號碼", U"订单编号", U"訂單編號", U"订单号", U"訂單號", U"订单", U"訂單", U"运单号", U"運單號", U"运单",
    U"運單",   U"单号",     U"單號",     U"快递单",   U"快遞單",   U"物流单", U"物流單", U"发票号", U"發票號", U"编号",
    U"編號",   U"货号",     U"貨號",     U"工单",     U"工單",     U"order", U"order no.", U"order no", U"order number",
    U"order id", U"tracking", U"tracking number", U"tracking no.", U"tracking no", U"waybill", U"invoice", U"sku",
    U"item", U"case", U"ticket", U"ref", U"reference"};
constexpr std::initializer_list<std::u32string_view> kPhoneLabels = {
    U"电话", U"電話", U"手机", U"手機", U"手机号", U"手機號", U"号码", U"號碼", U"联系方式", U"聯絡方式", U"回电", U"回電",
    U"致电", U"致電", U"打给我", U"打給我", U"phone", U"tel", U"mobile", U"cell", U"whatsapp", U"number", U"call me on",
    U"call me at", U"call"};

bool currency_before(const Text& t, std::size_t i) {
  while (i > 0 && t[i - 1] == ' ') --i;
  if (i == 0) return false;
  if (std::u32string_view(U"$¥￥€£").find(t[i - 1]) != std::u32string_view::npos) return true;
  for (const auto code : {U"rmb", U"cny", U"hkd", U"usd", U"ntd", U"twd", U"eur"})
    if (t.ends_at(i, code)) return true;
  return false;
}

bool unit_after(const Text& t, std::size_t i) {
  if (i < t.size() && t[i] == ' ') ++i;
  return i < t.size() && std::u32string_view(U"元块塊圆圓角件个個天日月年次人岁歲%倍份箱袋台张張").find(t[i]) != std::u32string_view::npos;
}

/// Whether groups of these sizes, joined by `joiners`, are laid out as a card
/// number is: one group, 4-4-4-4 (a last group of 1-4 more), or 4-6-5, always
/// joined the same way.
bool card_layout(const std::vector<std::size_t>& sizes, const std::vector<Group>& g) {
  if (sizes.size() == 1) return true;
  for (std::size_t k = 2; k < sizes.size(); ++k)
    if (g[k].joiner_before != g[1].joiner_before) return false;
  if (sizes.size() == 3 && sizes[0] == 4 && sizes[1] == 6 && sizes[2] == 5) return true;
  for (std::size_t k = 0; k + 1 < sizes.size(); ++k)
    if (sizes[k] != 4) return false;
  return sizes.size() >= 3 && sizes.back() >= 1 && sizes.back() <= 4;
}

/// What the digits of groups[0..j] are ("[phone]", "[card]", "[id]"),
/// "date" for a date (not personal, but read as a whole), or "" for an
/// ordinary number. `glued`: letters touch them, as in a code
/// ("QH20261118-0042", "SF1234567890123"), so only what a code cannot be counts.
std::string classify(const std::vector<Group>& g, std::size_t j, bool plus, bool glued, bool x_after, bool phone_label) {
  std::string d;
  std::vector<std::size_t> sizes;
  for (std::size_t k = 0; k <= j; ++k) {
    d += g[k].digits;
    sizes.push_back(g[k].digits.size());
  }
  const std::size_t n = d.size();
  if (n > 19) return "";
  // Dates: 2026-12-03, 2026.12.03, 12.03.2026 ("/" never joins a number).
  if (!plus && sizes.size() == 3 && sizes[1] <= 2) {
    if (sizes[0] == 4 && sizes[2] <= 2 && valid_date(std::stoi(g[0].digits), std::stoi(g[1].digits), std::stoi(g[2].digits)))
      return "date";
    if (sizes[0] <= 2 && sizes[2] == 4 &&
        (valid_date(std::stoi(g[2].digits), std::stoi(g[1].digits), std::stoi(g[0].digits)) ||
         valid_date(std::stoi(g[2].digits), std::stoi(g[0].digits), std::stoi(g[1].digits))))
      return "date";
  }
  const std::size_t groups = sizes.size();
  // International: "+" or "00", a country code, then the national number.
  // Grouped, the first group is the country code and the rest 7-11 digits
  // (so a number after it is not swallowed); in one group, 8-15 digits in all.
  if (plus || (!glued && d.compare(0, 2, "00") == 0 && n >= 10 && d[2] != '0')) {
    const std::size_t country = plus ? sizes[0] : sizes[0] - 2;
    if (groups >= 2 && country >= 1 && country <= 3) return n - sizes[0] >= 7 && n - sizes[0] <= 11 ? "[phone]" : "";
    if (groups >= 2 && !plus && sizes[0] > 5) {  // 0086138… then more groups
      if (n >= 10 && n <= 17) return "[phone]";
    }
    if (groups == 1) return (plus ? n >= 8 && n <= 15 : n >= 10 && n <= 17) ? "[phone]" : "";
    return "";
  }
  if (n == 10 && (d.compare(0, 3, "400") == 0 || d.compare(0, 3, "800") == 0)) return "";  // a business's hotline
  if (n == 13 && d.compare(0, 2, "86") == 0 && mainland_mobile(d.substr(2))) return "[phone]";
  if (mainland_mobile(d)) return "[phone]";
  const bool id_date = n >= 17 && d[0] >= '1' && d[0] <= '8' && valid_yyyymmdd(d, 6);
  if (n == 17 && x_after && (id_date || !glued)) return "[id]";
  if (n == 18 && id_date) return "[id]";
  // Landlines with an area code, Taiwan's mobiles (09…): 010 6552 1234,
  // (02) 2345-6789; touching letters, only with the area code apart.
  const bool area_code = d[0] == '0' && d[1] != '0';
  if (area_code && n >= 10 && n <= 12 && (!glued || (groups >= 2 && sizes[0] >= 2 && sizes[0] <= 4))) return "[phone]";
  if (area_code && n == 9 && groups >= 2 && sizes[0] >= 2 && sizes[0] <= 4) return "[phone]";
  if (!glued && n == 15 && d[0] >= '1' && d[0] <= '8' && !luhn_valid(d) &&
      valid_date(1900 + number(d, 6, 2), number(d, 8, 2), number(d, 10, 2)))
    return "[id]";  // the old 15-digit ID number
  // A card number, mistyped (failing Luhn) or not: 13-19 digits laid out as a
  // card's. Touching letters, 13-15 digits in one group are a parcel's or an
  // item's code ("SF1234567890123"), unless Luhn says card.
  if (n >= 13 && d[0] != '0' && card_layout(sizes, g)) {
    if (!glued || n >= 16 || groups > 1 || (n == 15 && luhn_valid(d))) return "[card]";
    return "";
  }
  if (n == 10 && groups == 3 && sizes[0] == 3 && sizes[1] == 3 && sizes[2] == 4) return "[phone]";  // 415-555-0100
  // Eight digits: a local number (6552 1234, Hong Kong 9123 4567), unless a
  // date (20261203); touching letters, only in two groups of four.
  if (n == 8 && d[0] >= '2') {
    const bool spaced = groups == 2 && sizes[0] == 4 && g[1].joiner_before.find('.') == std::u32string::npos;
    if (spaced || (groups == 1 && !glued && !valid_yyyymmdd(d, 0))) return "[phone]";
  }
  if (phone_label && !glued && n >= 7 && n <= 15) return "[phone]";
  return "";
}

bool joiner_char(char32_t c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'; }

/// The groups of digits from `i`, joined by up to three of space, "-", ".",
/// "(" and ")" (at most one dash and one dot between two groups).
std::vector<Group> read_groups(const Text& t, std::size_t i) {
  std::vector<Group> groups;
  std::u32string joiner;
  for (;;) {
    Group group{i, i, {}, joiner};
    while (group.e < t.size() && is_digit(t[group.e]) && !t.taken(group.e)) group.digits += static_cast<char>(t[group.e++]);
    if (groups.size() > 0 && group.e < t.size() && t[group.e] == ':' && is_digit(t[group.e + 1]))
      return groups;  // the hour of a time ("2026-12-03 14:30"): not part of the number
    groups.push_back(group);
    std::size_t k = group.e;
    joiner.clear();
    while (k < t.size() && joiner.size() < 3 && joiner_char(t[k]) && !t.taken(k)) joiner += t[k++];
    const auto closes = joiner.find(U')');
    if (joiner.empty() || (closes != std::u32string::npos && joiner.find(U'(', closes) != std::u32string::npos) ||
        std::count(joiner.begin(), joiner.end(), U'.') > 1 ||
        std::count(joiner.begin(), joiner.end(), U'-') > 1 || !is_digit(t[k]) || t.taken(k) || groups.size() >= 8)
      return groups;
    i = k;
  }
}

void mask_numbers(Text& t) {
  // Set when the groups just passed over were part of a code and the next is
  // joined to them without a space ("QH20261118-0042"): it is the code's too.
  bool code_continues = false;
  for (std::size_t p = 0; p < t.size();) {
    // A run: an optional "(" and "+", then groups of digits.
    std::size_t i = p;
    if (t[i] == '(' && (is_digit(t[i + 1]) || t[i + 1] == '+')) ++i;
    const bool plus = t[i] == '+' && (is_digit(t[i + 1]) || (t[i + 1] == ' ' && is_digit(t[i + 2])));
    if (plus) i += t[i + 1] == ' ' ? 2 : 1;
    if (!is_digit(t[i]) || t.taken(i) || t.taken(p)) {
      ++p;
      if (!joiner_char(t[p - 1]) || t[p - 1] == ' ') code_continues = false;
      continue;
    }
    const std::vector<Group> groups = read_groups(t, i);
    const bool glued_left = (p > 0 && is_letter(t[p - 1])) || code_continues;
    code_continues = false;
    if (currency_before(t, p)) {  // an amount: ¥199.00, $1 299
      p = groups.back().e;
      continue;
    }
    const bool ordinary_label = labelled_by(t, p, kOrdinaryLabels);
    const bool phone_label = !ordinary_label && labelled_by(t, p, kPhoneLabels);
    // The longest run of groups from the first that is something, preferring
    // one without a last group of one or two digits ("138 1234 5678 2件").
    std::string kind;
    std::size_t j = groups.size();
    bool x_after = false;
    while (j-- > 0) {
      const std::size_t end = groups[j].e;
      x_after = end < t.size() && (t[end] == 'X' || t[end] == 'x');
      const bool glued = glued_left || (end < t.size() && is_letter(t[end]) && !x_after);
      if (unit_after(t, end)) continue;
      kind = classify(groups, j, plus, glued, x_after, phone_label);
      if (kind.empty()) continue;
      if (kind != "date" && j > 0 && groups[j].digits.size() <= 2) {
        const std::string shorter = classify(groups, j - 1, plus, glued_left, false, phone_label);
        if (!shorter.empty() && shorter != "date") {
          kind = shorter;
          --j;
          x_after = false;
        }
      }
      break;
    }
    if (ordinary_label && kind != "[email]") kind = kind.empty() ? "" : "date";  // an order's number stays
    if (!kind.empty() && kind != "date") {
      const std::size_t end = groups[j].e + (kind == "[id]" && x_after ? 1 : 0);
      std::size_t e = end;
      if (t[p] == '(' && e < t.size() && t[e] == ')') ++e;  // "(+852 9123 4567)"
      t.mask(p, e, kind == "[phone]" ? "[phone]" : kind == "[card]" ? "[card]" : "[id]");
      p = e;
      continue;
    }
    if (!kind.empty()) {  // a date, or a number an order names: read, kept
      p = groups[j].e;
      continue;
    }
    // Digits touching digits: a mobile number followed by more ("138123456782件").
    const std::string& first = groups[0].digits;
    if (!plus && !glued_left && first.size() >= 12 && !ordinary_label && mainland_mobile(first.substr(0, 11))) {
      t.mask(p, groups[0].b + 11, "[phone]");
      p = groups[0].b + 11;
      continue;
    }
    p = groups[0].e;
    code_continues = glued_left && groups.size() > 1 && groups[1].joiner_before.find(' ') == std::u32string::npos;
  }
}

}  // namespace

std::string mask_personal_data(std::string_view text) {
  Text t(text);
  mask_emails(t);
  mask_letter_ids(t);
  mask_chinese_addresses(t);
  mask_english_addresses(t);
  mask_numbers(t);
  return t.render(text);
}

std::string mask_personal_data_as_typed(std::string_view text) {
  const std::string masked = mask_personal_data(text);
  // A number still being typed at the end ("我的手机138 12") is not yet one
  // the rule knows: four digits or more of it go as "[number]".
  const Text t(masked);
  std::size_t start = t.size(), digits = 0;
  while (start > 0 && (is_digit(t[start - 1]) || joiner_char(t[start - 1]) || t[start - 1] == '+')) digits += is_digit(t[--start]);
  while (start < t.size() && !is_digit(t[start])) ++start;  // keep a space or bracket before it
  if (digits < 4) return masked;
  return t.render_prefix(masked, start) + "[number]";
}

}  // namespace firstline
