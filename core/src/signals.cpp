#include "signals.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "firstline/schema.h"

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

/// `text` with every run of three or more of the same character cut to
/// `keep` of it ("气死死死" -> "气死", "soooo" -> "so" or "soo").
std::string without_stretching(const std::string& text, std::size_t keep) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(text, pos);
    const std::size_t width = pos - start;
    std::size_t run = 1;
    while (pos + width <= text.size() && text.compare(pos, width, text, start, width) == 0) {
      pos += width;
      ++run;
    }
    const std::size_t copies = run >= 3 && cp != ' ' ? keep : run;
    for (std::size_t i = 0; i < copies; ++i) out.append(text, start, width);
  }
  return out;
}

/// Three or more exclamation marks in a row, spaces between them allowed
/// (full-width ones are folded to "!").
bool raises_voice(const std::string& folded) {
  int run = 0;
  for (const char c : folded) {
    if (c == '!') {
      if (++run >= 3) return true;
    } else if (c != ' ') {
      run = 0;
    }
  }
  return false;
}


}  // namespace

SignalDetector::SignalDetector(const nlohmann::json& lexicons, const TextFolder& folder) {
  if (!lexicons.is_object()) return;
  human_request_ = read_lexicon(lexicons, schema::lexicon::kHumanRequest, folder);
  human_request_alone_ = read_lexicon(lexicons, schema::lexicon::kHumanRequestAlone, folder);
  urgent_ = read_lexicon(lexicons, schema::lexicon::kUrgent, folder);
  emotion_ = read_lexicon(lexicons, schema::lexicon::kEmotion, folder);
  negation_ = read_lexicon(lexicons, schema::lexicon::kNegation, folder);
  if (const auto window = lexicons.find(schema::lexicon::kNegationWindow); window != lexicons.end() && window->is_object()) {
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
  add(read_lexicon(lexicons, schema::lexicon::kGreeting, folder), kGreeting);
  add(read_lexicon(lexicons, schema::lexicon::kThanks, folder), kThanks);
  add(human_request_alone_, kRequest);
  for (const auto& unit : zh_whole_message_units_)
    if (unit.second == kPolite) zh_filler_units_.push_back(unit);
  for (const auto& unit : en_whole_message_units_)
    if (unit.second == kPolite) en_filler_units_.push_back(unit);
  for (const char* word : {"我要", "我想", "我需要", "要", "想", "帮我", "给我", "替我", "麻烦", "你", "您", "可以", "能不能",
                           "能", "马上", "立刻", "现在", "直接", "快", "找", "转", "接", "我", "一下", "个", "帮忙", "我們", "幫我", "給我", "馬上"})
    zh_filler_units_.emplace_back(word, kPolite);
  for (const char* word : {"i", "i'd", "want", "need", "would", "like", "to", "can", "could", "you", "me", "let", "get",
                           "speak", "talk", "with", "connect", "put", "through", "just", "want", "me"})
    en_filler_units_.push_back({{word}, kPolite});
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
  for (const std::size_t keep : {1, 2}) {
    if (!signals.emotion.empty()) break;
    const std::string unstretched = without_stretching(folded, keep);
    if (unstretched != folded) signals.emotion = matches(unstretched, ascii_words(unstretched), emotion_);
  }
  // Shouting is read only around words: "!!!" alone says nothing yet.
  if (signals.emotion.empty() && raises_voice(folded) && !without_punctuation(folded).empty())
    signals.emotion.push_back("!!!");
  return signals;
}

std::string SignalDetector::without_requests(const std::string& folded) const {
  std::string out = folded;
  for (const auto& entry : human_request_.zh) {
    if (entry.empty()) continue;
    for (std::size_t at = out.find(entry); at != std::string::npos; at = out.find(entry, at + 1))
      out.replace(at, entry.size(), std::string(entry.size(), ' '));
  }
  const auto spans = ascii_word_spans(out);
  std::vector<std::string> words;
  for (const auto& [begin, end] : spans) words.push_back(ascii_words(out.substr(begin, end - begin)).front());
  std::vector<std::pair<std::size_t, std::size_t>> blanks;
  for (const auto& phrase : human_request_.en)
    for (std::size_t i = 0; !phrase.empty() && i + phrase.size() <= words.size(); ++i)
      if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<std::ptrdiff_t>(i)))
        blanks.emplace_back(spans[i].first, spans[i + phrase.size() - 1].second);
  for (const auto& [begin, end] : blanks) out.replace(begin, end - begin, std::string(end - begin, ' '));
  std::string request;
  Signals::SmallTalk small_talk = Signals::SmallTalk::none;
  read_whole_message(out, ascii_words(out), request, small_talk);
  if (!request.empty() || small_talk != Signals::SmallTalk::none) return "";
  // Only fillers left ("我要", "I want to"), or nothing at all: no problem named.
  std::string bare = bare_message(out);  // its letters and digits are the English words' to judge
  bare.erase(std::remove_if(bare.begin(), bare.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }),
             bare.end());
  const std::vector<std::string> left = ascii_words(out);
  const bool zh_says_nothing = bare.empty() || segment_kinds(bare, zh_filler_units_, 1u << kPolite) != 0;
  const bool en_says_nothing = left.empty() || segment_kinds(left, en_filler_units_, 1u << kPolite) != 0;
  if (zh_says_nothing && en_says_nothing) return "";
  return out;
}

}  // namespace firstline
