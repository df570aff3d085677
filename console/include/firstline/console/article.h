// firstline/console/article.h — an article's stored HTML as blocks a UI can
// draw without an HTML engine: headings, paragraphs, list items, quotes,
// code, rules and tables (compensation standards are tables).
//
//   auto doc = firstline::console::parse_article(index.article_json("comp-standard-delivery"));
//   for (const auto& block : doc.blocks) ...   // doc.blocks[3].kind == Block::Kind::table
//
// The HTML is the indexer's own (md4c, raw HTML disabled), so this is a small
// reader for that subset, not a browser: unknown tags are skipped, their
// text kept; it never throws on any input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace firstline::console {

struct Block {
  enum class Kind { heading, paragraph, list_item, quote, code, table, rule };
  Kind kind = Kind::paragraph;
  int level = 0;     ///< heading: 1-6; list_item: nesting depth, 1 = top level
  int number = 0;    ///< list_item of an ordered list: its number; 0 = a bullet
  std::string text;  ///< plain text (entities decoded, inline markup dropped)
  std::vector<std::vector<std::string>> rows;  ///< table: rows of cells, the header row first
  bool has_header = false;                     ///< table: rows[0] is a header row
};

/// An article as the console shows it.
struct ArticleDocument {
  std::string id, title, type, audience, locale, updated;
  int level = 0;
  std::vector<std::string> intents, questions, related;
  std::vector<Block> blocks;
  std::string error;  ///< set when the stored JSON was unreadable (blocks then empty)
};

/// Reads an article's stored JSON (Index::article_json) into blocks.
ArticleDocument parse_article(std::string_view article_json);

/// Reads the indexer's HTML subset into blocks.
std::vector<Block> parse_article_html(std::string_view html);

/// The blocks as plain text to paste into a chat or e-mail: headings and
/// paragraphs on their own lines, "- " / "1. " list items, tables as
/// "cell | cell" rows.
std::string plain_text(const std::vector<Block>& blocks);

/// What an agent says, for a script line: the text inside quotation marks
/// ("…", “…”, 「…」) joined by spaces, or the whole text when it quotes nothing.
/// A quote the line says not to say (不要泛泛地说"给您带来不便", Avoid a vague
/// "sorry for the inconvenience") is left out.
std::string spoken_text(std::string_view text);

/// True if `text` contains quoted speech to say (spoken_text would cut it down).
bool has_quoted_speech(std::string_view text);

/// Whether a script line says what not to say or do: it starts with 不要, 不说,
/// 别说, 避免, Don't, Do not, Never, Avoid… (after its list number).
bool is_dont_say_line(std::string_view text);

/// For each block of a script, whether it gets a Copy button: a line with
/// quoted speech to say, neither a don't-say line nor under a don't heading
/// (不要做, Don't, …; a mixed heading such as 要做 / 不要做 leaves it to each line).
std::vector<bool> copyable_script_lines(const std::vector<Block>& blocks);

}  // namespace firstline::console
