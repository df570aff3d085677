#include "snippet.h"

#include <algorithm>
#include <set>

namespace firstline {

namespace {

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'';
}

/// Words too common to be worth a mark, though the query has them.
bool is_little_word(const std::string& word) {
  static const std::set<std::string> kLittle = {
      "a", "an", "the", "is", "are", "was", "were", "be", "been", "am", "i", "me", "my", "you", "your",
      "we", "our", "it", "its", "to", "of", "in", "on", "at", "for", "from", "with", "by", "and", "or",
      "but", "do", "does", "did", "can", "could", "how", "what", "when", "where", "why", "which", "who",
      "will", "would", "should", "this", "that", "there", "have", "has", "had", "so", "if", "as", "up"};
  return kLittle.count(word) > 0;
}

/// A CJK bigram that starts or ends with a grammatical particle ("的快" of
/// "我的快递", "坏了") spans two words, not one: marking it marks noise.
bool spans_a_particle(const std::string& bigram) {
  static const std::u32string kNeverFirst = U"的吗呢吧啊呀哦嘛";
  static const std::u32string kNeverLast = U"的了吗呢吧啊呀哦嘛着";
  std::size_t pos = 0;
  const char32_t first = decode_utf8(bigram, pos);
  const char32_t last = pos < bigram.size() ? decode_utf8(bigram, pos) : first;
  return kNeverFirst.find(first) != std::u32string::npos || kNeverLast.find(last) != std::u32string::npos;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0, pos = 0;
  while (pos < text.size()) decode_utf8(text, pos), ++n;
  return n;
}

/// Columns a character takes: CJK and full-width forms two, the rest one.
std::size_t columns(char32_t cp) {
  return (cp >= 0x1100 && (is_cjk_ideograph(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60)))
             ? 2
             : 1;
}

bool ends_sentence(char32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == '!' || cp == '?' || cp == ';' ||
         cp == '\n';
}

void append_escaped(std::string& out, char c) {
  switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
  }
}

}  // namespace

Snippeter::Snippeter(const TextFolder& folder, const SynonymSet& synonyms, const Xapian::Stem& stemmer,
                     const std::vector<std::pair<std::string, double>>& weighted_terms)
    : folder_(folder), stemmer_(stemmer) {
  // The index's terms (firstline/terms.h): kPrefixStem and a stem (English)
  // or an n-gram (CJK, which stemming leaves alone); a synonym group's term;
  // rarely a bare word.
  const std::string_view stem_prefix = schema::kPrefixStem;
  auto stemmed = [&](const std::string& term) { return term.size() > stem_prefix.size() && term.rfind(stem_prefix, 0) == 0; };
  auto body = [&](const std::string& term) { return stemmed(term) ? term.substr(stem_prefix.size()) : term; };
  auto is_cjk = [](const std::string& text) {
    std::size_t pos = 0;
    return !text.empty() && is_cjk_ideograph(decode_utf8(text, pos));
  };
  std::set<std::string> bigrams;
  for (const auto& [term, weight] : weighted_terms)
    if (const std::string b = body(term); is_cjk(b) && code_points(b) == 2) bigrams.insert(b);
  std::size_t key = 0;
  for (const auto& [whole, weight] : weighted_terms) {
    ++key;
    if (whole.empty()) continue;
    if (SynonymSet::is_group_term(whole)) {
      for (const auto& word : synonyms.words_of(whole)) patterns_.push_back({word, weight, key, !is_cjk(word)});
      continue;
    }
    const std::string term = body(whole);
    if (stemmed(whole) && !is_cjk(term)) {
      stems_.push_back({term, weight, key, true});
    } else if (is_cjk(term)) {
      const std::size_t length = code_points(term);
      if (length >= 2) {
        if (!spans_a_particle(term)) patterns_.push_back({term, weight, key, false});
      } else {
        // A character alone: only when no bigram of the query holds it.
        const bool in_a_bigram = std::any_of(bigrams.begin(), bigrams.end(),
                                             [&](const std::string& b) { return b.find(term) != std::string::npos; });
        if (!in_a_bigram) patterns_.push_back({term, weight, key, false});
      }
    } else {
      patterns_.push_back({term, weight, key, true});  // an unstemmed word or number
    }
  }
}

std::string Snippeter::operator()(std::string_view text, std::size_t width) const {
  std::vector<std::uint32_t> sources;
  const std::string folded = folder_.fold_each_character(text, sources);
  if (folded.empty()) return "";

  // 1. Every match, in folded bytes.
  struct Match {
    std::size_t begin, end, key;
    double weight;
  };
  std::vector<Match> matches;
  for (const auto& p : patterns_) {
    for (std::size_t at = folded.find(p.text); at != std::string::npos; at = folded.find(p.text, at + 1)) {
      const std::size_t end = at + p.text.size();
      if (p.whole_words && ((at > 0 && is_word_byte(folded[at - 1])) || (end < folded.size() && is_word_byte(folded[end]))))
        continue;
      matches.push_back({at, end, p.key, p.weight});
    }
  }
  if (!stems_.empty()) {
    for (std::size_t at = 0; at < folded.size();) {
      if (!is_word_byte(folded[at])) {
        ++at;
        continue;
      }
      std::size_t end = at;
      while (end < folded.size() && is_word_byte(folded[end])) ++end;
      const std::string word = folded.substr(at, end - at);
      if (!is_little_word(word)) {
        const std::string stem = stemmer_(word);
        for (const auto& wanted : stems_)
          if (wanted.text == stem) matches.push_back({at, end, wanted.key, wanted.weight});
      }
      at = end;
    }
  }
  // Matches much less telling than the best one in this text are not marks.
  double best = 0;
  for (const auto& m : matches) best = std::max(best, m.weight);
  matches.erase(std::remove_if(matches.begin(), matches.end(), [&](const Match& m) { return m.weight < best * 0.25; }),
                matches.end());
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) { return a.begin < b.begin; });

  // 2. The characters, with their columns.
  std::vector<std::size_t> starts;  // byte offset of each character in folded
  std::vector<char32_t> characters;
  for (std::size_t pos = 0; pos < folded.size();) {
    starts.push_back(pos);
    characters.push_back(decode_utf8(folded, pos));
  }
  const std::size_t n = starts.size();
  auto character_at = [&](std::size_t byte) {
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), byte) - starts.begin()) - 1;
  };
  // The window of `width` columns from character `first`: its end (exclusive).
  auto window_end = [&](std::size_t first) {
    std::size_t used = 0, last = first;
    while (last < n && used + columns(characters[last]) <= width) used += columns(characters[last++]);
    return last;
  };
  // Where a window for a match at character `at` begins: after the sentence
  // it starts in ended, if that is near; else a little before it.
  auto window_start = [&](std::size_t at) {
    std::size_t back = at, used = 0;
    while (back > 0 && used < width / 4) {
      if (ends_sentence(characters[back - 1])) return back;
      used += columns(characters[--back]);
    }
    std::size_t start = at, lead = 0;
    while (start > 0 && lead < width / 10) lead += columns(characters[--start]);
    while (start < at && characters[start] < 0x80 && is_word_byte(static_cast<char>(characters[start])) && start > 0 &&
           is_word_byte(static_cast<char>(characters[start - 1])))
      ++start;  // not in the middle of an English word
    return start;
  };

  // 3. The window holding the most weight of distinct terms (the earliest of
  // equals). Windows start at an anchor; in order of their start, both ends
  // of a window only move forward, so one sweep keeps, per term, how many of
  // its matches lie wholly inside: a match comes in when the window's end
  // reaches its end and goes out when the start passes its begin. Linear in
  // the matches (after sorting), where scoring each window anew was the
  // square of them: seconds on a megabyte article.
  std::vector<std::size_t> anchors = {0};
  anchors.reserve(matches.size() + 1);
  for (const auto& m : matches) {
    const std::size_t anchor = window_start(character_at(m.begin));
    if (anchor != anchors.back()) anchors.push_back(anchor);
  }
  std::sort(anchors.begin(), anchors.end());
  anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
  std::vector<std::size_t> by_end(matches.size());  // indices of matches, by end
  for (std::size_t i = 0; i < by_end.size(); ++i) by_end[i] = i;
  std::stable_sort(by_end.begin(), by_end.end(),
                   [&](std::size_t a, std::size_t b) { return matches[a].end < matches[b].end; });
  std::size_t keys = 0;
  for (const auto& m : matches) keys = std::max(keys, m.key + 1);
  std::vector<std::size_t> inside_of_key(keys, 0);
  std::vector<char> inside(matches.size(), 0);
  double score = 0;
  std::size_t entering = 0, leaving = 0;  // next in by_end; next in matches (by begin)
  std::size_t best_first = 0, best_last = window_end(0);
  double best_score = -1;
  for (const std::size_t first : anchors) {
    const std::size_t last = window_end(first);
    const std::size_t begin_byte = starts[first], end_byte = last < n ? starts[last] : folded.size();
    for (; leaving < matches.size() && matches[leaving].begin < begin_byte; ++leaving) {
      if (!inside[leaving]) continue;
      inside[leaving] = 0;
      if (--inside_of_key[matches[leaving].key] == 0) score -= matches[leaving].weight;
    }
    for (; entering < by_end.size() && matches[by_end[entering]].end <= end_byte; ++entering) {
      const Match& m = matches[by_end[entering]];
      if (m.begin < begin_byte) continue;  // already behind the window
      inside[by_end[entering]] = 1;
      if (inside_of_key[m.key]++ == 0) score += m.weight;
    }
    if (score > best_score + 1e-9) {
      best_score = score;
      best_first = first;
      best_last = last;
    }
  }
  const std::size_t begin_byte = starts[best_first];
  const std::size_t end_byte = best_last < n ? starts[best_last] : folded.size();

  // 4. The marks: overlapping or touching matches in the window joined.
  std::vector<std::pair<std::size_t, std::size_t>> marks;
  for (const auto& m : matches) {
    if (m.begin < begin_byte || m.end > end_byte) continue;
    if (!marks.empty() && m.begin <= marks.back().second) marks.back().second = std::max(marks.back().second, m.end);
    else marks.emplace_back(m.begin, m.end);
  }

  // 5. The original text of the window, escaped, whitespace runs as one space.
  auto original = [&](std::size_t folded_byte) -> std::size_t {
    return folded_byte < folded.size() ? sources[folded_byte] : text.size();
  };
  std::string out;
  if (best_first > 0) out += "…";
  std::size_t next_mark = 0;
  bool in_mark = false, pending_space = false;
  for (std::size_t i = best_first; i < best_last; ++i) {
    const std::size_t byte = starts[i];
    if (in_mark && byte >= marks[next_mark].second) {
      out += "</mark>";
      in_mark = false;
      ++next_mark;
    }
    const char32_t cp = characters[i];
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty() && out != "…") out += ' ';
    pending_space = false;
    if (!in_mark && next_mark < marks.size() && byte >= marks[next_mark].first) {
      out += "<mark>";
      in_mark = true;
    }
    const std::size_t from = original(byte), to = original(i + 1 < n ? starts[i + 1] : folded.size());
    for (std::size_t b = from; b < to; ++b) append_escaped(out, text[b]);
  }
  if (in_mark) out += "</mark>";
  if (best_last < n) out += "…";
  return out;
}

}  // namespace firstline
