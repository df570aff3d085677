// Reading the indexer's article HTML (md4c output, raw HTML disabled) into blocks.
#include "firstline/console/article.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>

#include <nlohmann/json.hpp>

#include "text_util.h"

namespace firstline::console {

namespace {

using nlohmann::json;

/// A tag as read: its lower-case name, whether it closes, and its attributes' text.
struct Tag {
  std::string name;
  bool closing = false;
};

Tag read_tag(std::string_view inside) {
  Tag tag;
  std::size_t i = 0;
  if (i < inside.size() && inside[i] == '/') {
    tag.closing = true;
    ++i;
  }
  while (i < inside.size() && (std::isalnum(static_cast<unsigned char>(inside[i])))) {
    tag.name += static_cast<char>(std::tolower(static_cast<unsigned char>(inside[i])));
    ++i;
  }
  return tag;
}

/// Marks an explicit line break in collected text until clean() turns it into '\n'.
constexpr char kBreak = '\x01';

bool is_heading(const std::string& name) { return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'; }

class Reader {
 public:
  std::vector<Block> read(std::string_view html) {
    std::size_t i = 0;
    while (i < html.size()) {
      const bool tag_start = html[i] == '<' && i + 1 < html.size() &&
                             (std::isalpha(static_cast<unsigned char>(html[i + 1])) || html[i + 1] == '/' || html[i + 1] == '!');
      if (html[i] == '<') {
        const std::size_t end = tag_start ? html.find('>', i + 1) : std::string_view::npos;
        if (end == std::string_view::npos) {  // a stray '<': text
          text_ += '<';
          ++i;
          continue;
        }
        on_tag(read_tag(html.substr(i + 1, end - i - 1)));
        i = end + 1;
        continue;
      }
      const std::size_t next = html.find('<', i + 1);
      const std::string_view raw = html.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
      text_ += decode_entities(raw);
      i = next == std::string_view::npos ? html.size() : next;
    }
    flush(Block::Kind::paragraph);
    return std::move(blocks_);
  }

 private:
  struct List {
    bool ordered = false;
    int next = 1;
  };

  void on_tag(const Tag& tag) {
    const std::string& n = tag.name;
    if (n == "pre") {
      if (tag.closing) flush(Block::Kind::code);
      else flush(Block::Kind::paragraph);
      in_pre_ = !tag.closing;
    } else if (is_heading(n)) {
      if (tag.closing) flush(Block::Kind::heading, n[1] - '0');
      else flush(Block::Kind::paragraph);
    } else if (n == "p") {
      // A paragraph inside a list item or a quote belongs to it.
      if (tag.closing && lists_.empty()) flush(quote_depth_ ? Block::Kind::quote : Block::Kind::paragraph);
      else if (tag.closing && !text_.empty()) text_ += kBreak;
    } else if (n == "ul" || n == "ol") {
      flush_list_item();
      if (tag.closing) {
        if (!lists_.empty()) lists_.pop_back();
      } else {
        List list;
        list.ordered = n == "ol";
        lists_.push_back(list);
      }
    } else if (n == "li") {
      if (tag.closing) flush_list_item();
      else {
        flush_list_item();
        item_number_ = !lists_.empty() && lists_.back().ordered ? lists_.back().next++ : 0;
      }
    } else if (n == "blockquote") {
      flush(quote_depth_ ? Block::Kind::quote : Block::Kind::paragraph);
      quote_depth_ += tag.closing ? (quote_depth_ > 0 ? -1 : 0) : 1;
    } else if (n == "table") {
      if (tag.closing) {
        if (in_table_ && !table_.rows.empty()) blocks_.push_back(std::move(table_));
        in_table_ = false;
      } else {
        flush(Block::Kind::paragraph);
        table_ = Block{};
        table_.kind = Block::Kind::table;
        in_table_ = true;
      }
    } else if (n == "tr" && in_table_) {
      if (!tag.closing) table_.rows.emplace_back();
    } else if ((n == "th" || n == "td") && in_table_) {
      if (tag.closing) {
        if (table_.rows.empty()) table_.rows.emplace_back();
        table_.rows.back().push_back(clean(text_));
        if (n == "th" && table_.rows.size() == 1) table_.has_header = true;
      }
      text_.clear();
    } else if (n == "hr") {
      flush(Block::Kind::paragraph);
      Block rule;
      rule.kind = Block::Kind::rule;
      blocks_.push_back(rule);
    } else if (n == "br") {
      text_ += in_pre_ ? '\n' : kBreak;
    }
    // Inline tags (strong, em, code, a, mark, ...) and anything unknown: text kept, tag dropped.
  }

  void flush_list_item() {
    const std::string text = clean(text_);
    text_.clear();
    if (text.empty() || lists_.empty()) return;
    Block item;
    item.kind = Block::Kind::list_item;
    item.level = static_cast<int>(lists_.size());
    item.number = item_number_;
    item.text = text;
    blocks_.push_back(std::move(item));
  }

  void flush(Block::Kind kind, int level = 0) {
    if (in_table_) return;  // text between cells is whitespace
    if (!lists_.empty() && kind != Block::Kind::code && kind != Block::Kind::heading) return flush_list_item();
    std::string text = kind == Block::Kind::code ? trim_newlines(text_) : clean(text_);
    text_.clear();
    if (text.empty()) return;
    Block block;
    block.kind = kind;
    block.level = level;
    block.text = std::move(text);
    blocks_.push_back(std::move(block));
  }

  /// Whitespace runs become one space, none between two Chinese characters
  /// (a line break inside a Chinese sentence disappears); explicit breaks
  /// (kBreak: <br>, a second paragraph in a list item) become newlines.
  static std::string clean(const std::string& raw) {
    std::string out;
    bool pending_space = false, pending_break = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      const char c = raw[i];
      if (c == kBreak) {
        pending_break = true;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        pending_space = true;
        continue;
      }
      if (!out.empty()) {
        if (pending_break) out += '\n';
        else if (pending_space && !(last_is_written_without_spaces(out) && next_is_written_without_spaces(raw, i))) out += ' ';
      }
      pending_space = pending_break = false;
      out += c;
    }
    return out;
  }

  static std::string trim_newlines(const std::string& raw) {
    std::size_t b = 0, e = raw.size();
    while (b < e && raw[b] == '\n') ++b;
    while (e > b && (raw[e - 1] == '\n' || raw[e - 1] == ' ')) --e;
    return raw.substr(b, e - b);
  }

  std::vector<Block> blocks_;
  std::string text_;
  std::vector<List> lists_;
  int item_number_ = 0;
  int quote_depth_ = 0;
  bool in_pre_ = false, in_table_ = false;
  Block table_;
};

}  // namespace

std::vector<Block> parse_article_html(std::string_view html) { return Reader().read(html); }

ArticleDocument parse_article(std::string_view article_json) {
  ArticleDocument doc;
  const json data = json::parse(article_json.begin(), article_json.end(), nullptr, false);
  if (!data.is_object()) {
    doc.error = "the article's stored data is not readable JSON";
    return doc;
  }
  const auto string = [&](const char* key) {
    const auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const auto strings = [&](const char* key) {
    std::vector<std::string> out;
    if (const auto it = data.find(key); it != data.end() && it->is_array())
      for (const auto& item : *it)
        if (item.is_string()) out.push_back(item.get<std::string>());
    return out;
  };
  doc.id = string("id");
  doc.title = string("title");
  doc.type = string("type");
  doc.audience = string("audience");
  doc.locale = string("locale");
  doc.updated = string("updated");
  if (const auto it = data.find("level"); it != data.end() && it->is_number_integer()) doc.level = it->get<int>();
  doc.intents = strings("intents");
  doc.questions = strings("questions");
  doc.related = strings("related");
  doc.blocks = parse_article_html(string("html"));
  if (doc.blocks.empty() && !string("text").empty()) {
    Block text;
    text.text = string("text");
    doc.blocks.push_back(std::move(text));
  }
  return doc;
}

std::string plain_text(const std::vector<Block>& blocks) {
  std::string out;
  for (const auto& block : blocks) {
    switch (block.kind) {
      case Block::Kind::heading:
        if (!out.empty()) out += '\n';
        out += block.text + '\n';
        break;
      case Block::Kind::list_item:
        out += std::string(static_cast<std::size_t>(std::max(0, block.level - 1)) * 2, ' ');
        out += block.number ? std::to_string(block.number) + ". " : "- ";
        out += block.text + '\n';
        break;
      case Block::Kind::table:
        for (const auto& row : block.rows) {
          for (std::size_t c = 0; c < row.size(); ++c) out += (c ? " | " : "") + row[c];
          out += '\n';
        }
        break;
      case Block::Kind::rule:
        out += "---\n";
        break;
      case Block::Kind::quote:
        out += "> " + block.text + '\n';
        break;
      case Block::Kind::paragraph:
      case Block::Kind::code:
        out += block.text + '\n';
        break;
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

namespace {

struct QuotePair {
  std::string_view open, close;
};
constexpr QuotePair kQuotes[] = {{"\"", "\""}, {"\xE2\x80\x9C", "\xE2\x80\x9D"} /* “ ” */, {"\xE3\x80\x8C", "\xE3\x80\x8D"} /* 「 」 */};

const std::string_view kNotToSay[] = {"不要", "不说", "别说", "切勿", "禁止", "避免", "不能说", "don't", "dont", "do not",
                                     "never", "avoid", "instead of"};

std::string lowered(std::string_view text) {
  std::string lower(text);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower;
}

/// Whether the clause just before a quote says not to say it: "不要泛泛地说"…"", "Avoid a vague "…"".
/// Only the last clause counts ("Don't interrupt; show you are listening: "…"" is to be said).
bool says_not_to(std::string_view before) {
  std::size_t from = 0;
  for (std::string_view stop : {"\xE3\x80\x82" /* 。 */, "\xEF\xBC\x9B" /* ； */, "\xEF\xBC\x81" /* ！ */, ";", ". ", "! ", "? "}) {
    const std::size_t at = before.rfind(stop);
    if (at != std::string_view::npos) from = std::max(from, at + stop.size());
  }
  const std::string clause = lowered(before.substr(from));
  return std::any_of(std::begin(kNotToSay), std::end(kNotToSay), [&](std::string_view cue) { return clause.find(cue) != std::string::npos; });
}

/// `text` from its first letter on: list numbers, spaces and markers such as "1. " or "- " skipped.
std::string_view from_first_word(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || std::strchr(" .)-*\t", text[i]))) ++i;
  return text.substr(i);
}

/// The quotes of `text`; with `spoken_only`, not those a cue says not to say
/// (the cue stands between the previous quote, or the sentence's start, and this one).
std::vector<std::string> quoted_parts(std::string_view text, bool spoken_only = true) {
  std::vector<std::string> parts;
  std::size_t i = 0, since = 0;  // since: where the text before the next quote starts
  while (i < text.size()) {
    bool found = false;
    for (const auto& q : kQuotes) {
      if (text.compare(i, q.open.size(), q.open) != 0) continue;
      const std::size_t start = i + q.open.size();
      const std::size_t end = text.find(q.close, start);
      if (end == std::string_view::npos) break;
      if (end > start && !(spoken_only && says_not_to(text.substr(since, i - since))))
        parts.emplace_back(text.substr(start, end - start));
      i = end + q.close.size();
      since = i;
      found = true;
      break;
    }
    if (!found) ++i;
  }
  return parts;
}

}  // namespace

bool has_quoted_speech(std::string_view text) { return !quoted_parts(text).empty(); }

bool is_dont_say_line(std::string_view text) {
  const std::string start = lowered(from_first_word(text));
  return std::any_of(std::begin(kNotToSay), std::end(kNotToSay), [&](std::string_view cue) { return start.rfind(cue, 0) == 0; });
}

std::vector<bool> copyable_script_lines(const std::vector<Block>& blocks) {
  std::vector<bool> out(blocks.size(), false);
  bool dont_section = false;  // under a heading such as 不要做 or Don't
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (b.kind == Block::Kind::heading) {
      dont_section = is_dont_say_line(b.text);
      continue;
    }
    const bool line = b.kind == Block::Kind::paragraph || b.kind == Block::Kind::quote || b.kind == Block::Kind::list_item;
    out[i] = line && !dont_section && !is_dont_say_line(b.text) && has_quoted_speech(b.text);
  }
  return out;
}

std::string spoken_text(std::string_view text) {
  const auto parts = quoted_parts(text);
  if (parts.empty()) return std::string(text);
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += ' ';
    out += part;
  }
  return out;
}

}  // namespace firstline::console
