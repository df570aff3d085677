#include "firstline/text.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <vector>

namespace firstline {

char32_t decode_utf8(std::string_view s, std::size_t& pos) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  int extra;
  char32_t cp;
  if (lead < 0x80) { ++pos; return lead; }
  if (lead >= 0xC2 && lead <= 0xDF) { extra = 1; cp = lead & 0x1F; }
  else if (lead >= 0xE0 && lead <= 0xEF) { extra = 2; cp = lead & 0x0F; }
  else if (lead >= 0xF0 && lead <= 0xF4) { extra = 3; cp = lead & 0x07; }
  else { ++pos; return 0xFFFD; }
  if (pos + extra >= s.size()) { ++pos; return 0xFFFD; }  // truncated sequence
  for (int i = 1; i <= extra; ++i) {
    const unsigned char c = byte(pos + i);
    if ((c & 0xC0) != 0x80) { ++pos; return 0xFFFD; }
    cp = (cp << 6) | (c & 0x3F);
  }
  // Reject overlong forms, surrogates and values above U+10FFFF.
  static constexpr char32_t min_for_length[] = {0, 0x80, 0x800, 0x10000};
  if (cp < min_for_length[extra] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    ++pos;
    return 0xFFFD;
  }
  pos += extra + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_cjk_ideograph(char32_t cp) noexcept {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

bool is_written_without_spaces(char32_t cp) noexcept {
  return is_cjk_ideograph(cp) || (cp >= 0x3000 && cp <= 0x303F) ||  // CJK punctuation
         (cp >= 0x3040 && cp <= 0x30FF) ||                             // kana
         (cp >= 0xAC00 && cp <= 0xD7AF) ||                             // hangul
         (cp >= 0xFF00 && cp <= 0xFFEF);                               // full-width forms
}

TextFolder TextFolder::from_table(std::string_view table) {
  TextFolder folder;
  const std::size_t phrases_at = std::min(table.find('\n'), table.size());
  const std::string_view characters = table.substr(0, phrases_at);
  std::size_t pos = 0;
  while (pos < characters.size()) {
    const char32_t from = decode_utf8(characters, pos);
    if (pos >= characters.size()) break;
    const char32_t to = decode_utf8(characters, pos);
    folder.add_mapping(from, to);
  }
  std::size_t line = phrases_at;
  while (line < table.size()) {
    const std::size_t begin = line + 1;
    const std::size_t end = std::min(table.find('\n', begin), table.size());
    const std::string_view entry = table.substr(begin, end - begin);
    if (const std::size_t tab = entry.find('\t'); tab != std::string_view::npos)
      folder.add_phrase(entry.substr(0, tab), entry.substr(tab + 1));
    line = end;
  }
  return folder;
}

bool TextFolder::add_phrase(std::string_view phrase, std::string_view replacement) {
  std::string from = fold_characters(phrase);
  std::string to = fold_characters(replacement);
  std::size_t pos = 0, length = 0;
  char32_t first = 0;
  while (pos < from.size()) {
    const char32_t cp = decode_utf8(from, pos);
    if (length++ == 0) first = cp;
  }
  if (length < 2 || from == to || from.find_first_of("\t\n") != std::string::npos ||
      to.find_first_of("\t\n") != std::string::npos)
    return false;
  auto& list = phrases_[first];
  for (auto& entry : list)
    if (entry.first == from) {
      entry.second = std::move(to);
      return true;
    }
  list.emplace_back(std::move(from), std::move(to));
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  ++phrase_count_;
  return true;
}

std::string TextFolder::to_table() const {
  std::vector<std::pair<char32_t, char32_t>> pairs(map_.begin(), map_.end());
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [from, to] : pairs) {
    append_utf8(out, from);
    append_utf8(out, to);
  }
  std::vector<std::pair<std::string, std::string>> phrases;
  for (const auto& [first, list] : phrases_) phrases.insert(phrases.end(), list.begin(), list.end());
  std::sort(phrases.begin(), phrases.end());
  for (const auto& [from, to] : phrases) out += "\n" + from + "\t" + to;
  return out;
}

std::string TextFolder::fold(std::string_view text) const {
  std::string folded = fold_characters(text);
  return phrases_.empty() ? folded : replace_phrases(folded);
}

std::string TextFolder::replace_phrases(const std::string& folded) const {
  std::string out;
  out.reserve(folded.size());
  std::size_t pos = 0;
  while (pos < folded.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(folded, pos);
    const std::pair<std::string, std::string>* match = nullptr;
    if (const auto it = phrases_.find(cp); it != phrases_.end())
      for (const auto& entry : it->second)  // longest first
        if (folded.compare(start, entry.first.size(), entry.first) == 0) {
          match = &entry;
          break;
        }
    if (match) {
      out += match->second;
      pos = start + match->first.size();
    } else {
      out.append(folded, start, pos - start);
    }
  }
  return out;
}

char32_t TextFolder::fold_character(char32_t cp) const {
  if (cp == 0xFFFD || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x3000) {
    cp = ' ';
  } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
    cp -= 0xFF01 - 0x21;  // full-width ASCII forms
  }
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  if (cp >= 0x3400) {
    const auto it = map_.find(cp);
    if (it != map_.end()) cp = it->second;
  }
  return cp;
}

std::string TextFolder::fold_characters(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) append_utf8(out, fold_character(decode_utf8(text, pos)));
  return out;
}

std::string TextFolder::fold_each_character(std::string_view text, std::vector<std::uint32_t>& sources) const {
  std::string out;
  out.reserve(text.size());
  sources.clear();
  sources.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto start = static_cast<std::uint32_t>(pos);
    append_utf8(out, fold_character(decode_utf8(text, pos)));
    sources.resize(out.size(), start);
  }
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> ascii_word_spans(const std::string& folded) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t start = std::string::npos;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    const bool apostrophe = i < folded.size() && folded.compare(i, 3, "\xE2\x80\x99") == 0;
    const char c = i < folded.size() ? folded[i] : ' ';
    const bool in_word = apostrophe || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'';
    if (in_word && start == std::string::npos) start = i;
    if (!in_word && start != std::string::npos) {
      spans.emplace_back(start, i);
      start = std::string::npos;
    }
    if (apostrophe) i += 2;
  }
  return spans;
}

std::vector<std::string> ascii_words(const std::string& folded) {
  std::vector<std::string> words;
  for (const auto& [begin, end] : ascii_word_spans(folded)) {
    std::string word;
    for (std::size_t i = begin; i < end; ++i) {
      if (folded.compare(i, 3, "\xE2\x80\x99") == 0) {  // a typographic apostrophe: "don’t"
        word += '\'';
        i += 2;
      } else {
        word += folded[i];
      }
    }
    words.push_back(std::move(word));
  }
  return words;
}

std::string without_punctuation(std::string_view folded) {
  std::string out;
  out.reserve(folded.size());
  for (std::size_t pos = 0; pos < folded.size();) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(folded, pos);
    const bool ascii_other = cp < 0x80 && !std::isalnum(static_cast<unsigned char>(cp));
    const bool punctuation = (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
                             (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
                             (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65);
    if (!ascii_other && !punctuation) out.append(folded, start, pos - start);
  }
  return out;
}

// --- synonyms ------------------------------------------------------------------

namespace {

bool has_cjk(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size())
    if (is_cjk_ideograph(decode_utf8(text, pos))) return true;
  return false;
}

/// The stems of the English words of folded text, in order.
std::vector<std::string> english_stems(std::string_view folded) {
  static thread_local Xapian::Stem stemmer("english");
  std::vector<std::string> out;
  for (const auto& word : ascii_words(std::string(folded))) out.push_back(stemmer(word));
  return out;
}

}  // namespace

SynonymSet::SynonymSet(const std::vector<std::vector<std::string>>& groups) {
  for (const auto& group : groups) {
    std::vector<std::string> words;
    for (const auto& word : group)
      if (!word.empty() && word.find_first_not_of(' ') != std::string::npos) words.push_back(word);
    if (words.empty()) continue;
    const std::size_t index = groups_.size();
    groups_.push_back(words);
    terms_.push_back(schema::kPrefixSynonymGroup + words.front().substr(0, 200));
    for (const auto& word : words) {
      Entry entry{index, "", {}};
      if (has_cjk(word)) entry.chinese = word;
      else entry.stems = english_stems(word);
      if (!entry.chinese.empty() || !entry.stems.empty()) entries_.push_back(std::move(entry));
    }
  }
}

std::string SynonymSet::to_json() const { return nlohmann::json(groups_).dump(); }

SynonymSet SynonymSet::from_json(std::string_view text) {
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::vector<std::string>> groups;
  if (parsed.is_array())
    for (const auto& group : parsed) {
      if (!group.is_array()) continue;
      std::vector<std::string> words;
      for (const auto& word : group)
        if (word.is_string()) words.push_back(word.get<std::string>());
      groups.push_back(std::move(words));
    }
  return SynonymSet(groups);
}

const std::vector<std::string>& SynonymSet::words_of(std::string_view term) const {
  static const std::vector<std::string> none;
  if (!is_group_term(term)) return none;
  for (std::size_t g = 0; g < terms_.size(); ++g)
    if (terms_[g] == term) return groups_[g];
  return none;
}

std::vector<std::pair<std::string, unsigned>> SynonymSet::terms_in(std::string_view folded) const {
  std::vector<std::pair<std::string, unsigned>> out;
  if (entries_.empty()) return out;
  std::vector<unsigned> count(groups_.size(), 0);
  std::vector<std::string> stems;
  bool stemmed = false;
  for (const auto& entry : entries_) {
    unsigned found = 0;
    if (!entry.chinese.empty()) {
      for (std::size_t at = folded.find(entry.chinese); at != std::string_view::npos;
           at = folded.find(entry.chinese, at + entry.chinese.size()))
        ++found;
    } else {
      if (!stemmed) {
        stems = english_stems(folded);
        stemmed = true;
      }
      for (std::size_t i = 0; i + entry.stems.size() <= stems.size(); ++i)
        if (std::equal(entry.stems.begin(), entry.stems.end(), stems.begin() + static_cast<std::ptrdiff_t>(i))) ++found;
    }
    count[entry.group] = std::max(count[entry.group], found);
  }
  for (std::size_t g = 0; g < groups_.size(); ++g)
    if (count[g] > 0) out.emplace_back(terms_[g], count[g]);
  return out;
}

}  // namespace firstline
