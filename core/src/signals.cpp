#include "signals.h"

#include <algorithm>
#include <set>

#include "firstline/engine.h"

namespace firstline {

namespace {

Lexicon read_lexicon(const nlohmann::json& lexicons, const char* key, const TextFolder& folder) {
  Lexicon lexicon;
  const auto it = lexicons.find(key);
  if (it == lexicons.end() || !it->is_object()) return lexicon;
  for (const auto& [language, words] : it->items()) {
    if (!words.is_array()) continue;
    for (const auto& word : words) {
      if (!word.is_string()) continue;
      const std::string folded = folder.fold(word.get<std::string>());
      if (language != "en") {
        lexicon.zh.push_back(folded);
      } else if (auto phrase = ascii_words(folded); !phrase.empty()) {
        lexicon.en.push_back(std::move(phrase));
      }
    }
  }
  return lexicon;
}

/// Whether `text` is made of `units` of the kinds in `allowed` (a bit mask,
/// `1 << kind`) one after another, repeats allowed; and which kinds a
/// segmentation used, as such a mask (0 = no segmentation). Works on
/// characters (bytes of UTF-8 that start and end at character boundaries)
/// and on word sequences alike.
template <typename Sequence>
unsigned segment_kinds(const Sequence& text, const std::vector<std::pair<Sequence, unsigned>>& units, unsigned allowed) {
  if (text.empty()) return 0;
  // kinds[i]: the kinds of a segmentation of text[0, i), or none.
  std::vector<unsigned> kinds(text.size() + 1, 0);
  std::vector<bool> reachable(text.size() + 1, false);
  reachable[0] = true;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (!reachable[at]) continue;
    for (const auto& [unit, kind] : units) {
      if (!(allowed & (1u << kind)) || unit.empty() || at + unit.size() > text.size()) continue;
      if (!std::equal(unit.begin(), unit.end(), text.begin() + static_cast<std::ptrdiff_t>(at))) continue;
      reachable[at + unit.size()] = true;
      kinds[at + unit.size()] |= kinds[at] | (1u << kind);
    }
  }
  return reachable[text.size()] ? kinds[text.size()] : 0;
}

/// Folded text without what does not change a short message's meaning:
/// spaces, punctuation and the polite or questioning particles around it
/// ("请问", "呢", "吗"), each lexicon entry read the same way.
std::string bare_message(const std::string& folded) {
  static const std::vector<std::string> kParticles = {"请问", "请", "呢", "吗", "啊", "呀", "吧", "哦", "嘛"};
  std::string out = without_punctuation(folded);
  for (const auto& particle : kParticles)
    for (std::size_t at = out.find(particle); at != std::string::npos; at = out.find(particle)) out.erase(at, particle.size());
  return out;
}

/// The last `n` characters of `text` before byte offset `end`.
std::string characters_before(const std::string& text, std::size_t end, std::size_t n) {
  std::size_t start = end;
  while (start > 0 && n > 0) {
    --start;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    --n;
  }
  return text.substr(start, end - start);
}

}  // namespace

SignalDetector::SignalDetector(const nlohmann::json& lexicons, const TextFolder& folder) {
  if (!lexicons.is_object()) return;
  human_request_ = read_lexicon(lexicons, "human_request", folder);
  human_request_alone_ = read_lexicon(lexicons, "human_request_alone", folder);
  urgent_ = read_lexicon(lexicons, "urgent", folder);
  emotion_ = read_lexicon(lexicons, "emotion", folder);
  negation_ = read_lexicon(lexicons, "negation", folder);
  if (const auto window = lexicons.find("negation_window"); window != lexicons.end() && window->is_object()) {
    zh_window_ = window->value("zh", 3);
    en_window_ = window->value("en", 3);
  }
  // The whole-message words. Polite ones are built in, so that "人工，谢谢"
  // and "hello agent" ask for a person in any KB.
  for (const char* word : {"谢谢", "你好", "您好"}) zh_whole_message_units_.emplace_back(word, kPolite);
  for (const char* word : {"please", "pls", "plz", "a", "an", "the", "now", "there", "hi", "hello", "hey", "thanks"})
    en_whole_message_units_.push_back({{word}, kPolite});
  auto add = [&](const Lexicon& lexicon, unsigned kind) {
    for (const auto& entry : lexicon.zh)
      if (std::string bare = bare_message(entry); !bare.empty()) zh_whole_message_units_.emplace_back(std::move(bare), kind);
    for (const auto& phrase : lexicon.en) en_whole_message_units_.emplace_back(phrase, kind);
  };
  add(read_lexicon(lexicons, "greeting", folder), kGreeting);
  add(read_lexicon(lexicons, "thanks", folder), kThanks);
  add(human_request_alone_, kRequest);
}

std::vector<std::string> SignalDetector::matches(const std::string& folded, const std::vector<std::string>& words,
                                                 const Lexicon& lexicon) const {
  std::vector<std::string> found;
  // Chinese: substrings; negated when a negation word ends within the window before the match.
  for (const auto& entry : lexicon.zh) {
    if (entry.empty()) continue;
    for (std::size_t at = folded.find(entry); at != std::string::npos; at = folded.find(entry, at + 1)) {
      const std::string before = characters_before(folded, at, zh_window_);
      const bool negated = std::any_of(negation_.zh.begin(), negation_.zh.end(), [&](const std::string& negation) {
        return !negation.empty() && before.find(negation) != std::string::npos;
      });
      if (!negated) {
        found.push_back(entry);
        break;
      }
    }
  }
  // English: whole words or phrases; negated when a negation word is among the window's words before.
  for (const auto& phrase : lexicon.en) {
    if (phrase.size() > words.size()) continue;
    for (std::size_t i = 0; i + phrase.size() <= words.size(); ++i) {
      if (!std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<std::ptrdiff_t>(i))) continue;
      bool negated = false;
      for (std::size_t j = i >= en_window_ ? i - en_window_ : 0; j < i && !negated; ++j) {
        for (const auto& negation : negation_.en)
          if (negation.size() == 1 && words[j] == negation[0]) negated = true;
        if (words[j].size() > 3 && words[j].compare(words[j].size() - 3, 3, "n't") == 0) negated = true;
      }
      if (!negated) {
        std::string matched;
        for (const auto& word : phrase) matched += (matched.empty() ? "" : " ") + word;
        found.push_back(std::move(matched));
        break;
      }
    }
  }
  return found;
}

void SignalDetector::read_whole_message(const std::string& folded, const std::vector<std::string>& words,
                                        std::string& request, Signals::SmallTalk& small_talk) const {
  constexpr unsigned kRequestBit = 1u << kRequest, kGreetingBit = 1u << kGreeting, kThanksBit = 1u << kThanks;
  constexpr unsigned kPoliteBit = 1u << kPolite, kSmallTalk = kGreetingBit | kThanksBit | kPoliteBit;
  // Small talk first, without the request words: "客服你好" greets, though
  // 客服 alone asks for a person.
  auto judge_small_talk = [&](unsigned kinds) {
    if ((kinds & kThanksBit)) small_talk = Signals::SmallTalk::thanks;  // "好的，谢谢" and "hi, thanks" thank
    else if (kinds & kGreetingBit) small_talk = Signals::SmallTalk::greeting;
    return small_talk != Signals::SmallTalk::none;
  };
  // Chinese: characters, read as bare as the units are.
  const std::string bare = bare_message(folded);
  if (!bare.empty()) {
    if (judge_small_talk(segment_kinds(bare, zh_whole_message_units_, kSmallTalk))) return;
    if (segment_kinds(bare, zh_whole_message_units_, kSmallTalk | kRequestBit) & kRequestBit)
      for (const auto& [unit, kind] : zh_whole_message_units_)  // the request word, for the record
        if (kind == kRequest && bare.find(unit) != std::string::npos) {
          request = unit;
          return;
        }
  }
  // English: words and phrases.
  if (words.empty()) return;
  if (judge_small_talk(segment_kinds(words, en_whole_message_units_, kSmallTalk))) return;
  if (segment_kinds(words, en_whole_message_units_, kSmallTalk | kRequestBit) & kRequestBit)
    for (const auto& [phrase, kind] : en_whole_message_units_)
      if (kind == kRequest && std::search(words.begin(), words.end(), phrase.begin(), phrase.end()) != words.end()) {
        for (const auto& word : phrase) request += (request.empty() ? "" : " ") + word;
        return;
      }
}

Signals SignalDetector::detect(const std::string& folded) const {
  const std::vector<std::string> words = ascii_words(folded);
  Signals signals;
  signals.human_request = matches(folded, words, human_request_);
  std::string request;
  read_whole_message(folded, words, request, signals.small_talk);
  if (signals.human_request.empty() && !request.empty()) signals.human_request.push_back(request);
  signals.urgent = matches(folded, words, urgent_);
  signals.emotion = matches(folded, words, emotion_);
  return signals;
}

// --- personal data -----------------------------------------------------------

namespace {

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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_email_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '_' || c == '-' ||
         c == '+' || c == '%';
}

/// What a run of digits (spaces and dashes inside removed) is, or "" to keep it.
std::string classify_number(const std::string& digits, bool had_plus, bool ends_with_x) {
  const std::size_t n = digits.size();
  if (ends_with_x && n == 17) return "[id]";
  if (n == 18 && (digits[0] != '0')) {
    // A mainland ID number: 6-digit region, 8-digit birth date (19xx/20xx).
    if ((digits.compare(6, 2, "19") == 0 || digits.compare(6, 2, "20") == 0)) return "[id]";
  }
  if (n >= 13 && n <= 19 && luhn_valid(digits)) return "[card]";
  if (n == 11 && digits[0] == '1' && digits[1] >= '3') return "[phone]";  // mainland mobile
  if (had_plus && n >= 8 && n <= 15) return "[phone]";
  if (n >= 10 && n <= 12 && digits[0] == '0') return "[phone]";  // landline with area code
  if (n == 15 && digits[0] != '0') return "[id]";                  // old 15-digit ID
  return "";
}

}  // namespace

std::string mask_personal_data(std::string_view text) {
  std::string in(text);
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const char c = in[i];
    // Email: local@domain.tld
    if (c == '@' && !out.empty()) {
      std::size_t local_start = out.size();
      while (local_start > 0 && is_email_char(out[local_start - 1])) --local_start;
      std::size_t end = i + 1;
      while (end < in.size() && is_email_char(in[end])) ++end;
      while (end > i + 1 && in[end - 1] == '.') --end;  // a full stop after the address
      const std::string domain = in.substr(i + 1, end - i - 1);
      if (local_start < out.size() && domain.find('.') != std::string::npos && domain.front() != '.') {
        out.erase(local_start);
        out += "[email]";
        i = end;
        continue;
      }
    }
    // Numbers: digits with spaces or dashes between groups, optionally a leading '+'.
    if (is_digit(c) || (c == '+' && i + 1 < in.size() && is_digit(in[i + 1]))) {
      if (!out.empty() && (is_digit(out.back()) || std::isalpha(static_cast<unsigned char>(out.back())))) {
        out += c;  // part of a word like "A12": leave it
        ++i;
        continue;
      }
      const bool plus = c == '+';
      std::size_t end = plus ? i + 1 : i;
      std::string digits;
      std::size_t last_digit_end = end;
      while (end < in.size()) {
        if (is_digit(in[end])) {
          digits += in[end++];
          last_digit_end = end;
        } else if ((in[end] == ' ' || in[end] == '-') && end + 1 < in.size() && is_digit(in[end + 1]) &&
                   !digits.empty()) {
          ++end;
        } else {
          break;
        }
      }
      bool ends_with_x = false;
      if (last_digit_end < in.size() && (in[last_digit_end] == 'x' || in[last_digit_end] == 'X')) ends_with_x = true;
      const std::string kind = classify_number(digits, plus, ends_with_x);
      if (!kind.empty()) {
        out += kind;
        i = last_digit_end + (ends_with_x && digits.size() == 17 ? 1 : 0);
      } else {
        out.append(in, i, last_digit_end - i);
        i = last_digit_end;
      }
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace firstline
