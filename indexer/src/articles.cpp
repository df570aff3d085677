// An article: a Markdown file under articles/, its YAML front matter read and
// checked field by field (ids, types, audiences, locales, dates, levels). What
// an article says about other files (its intents, related articles,
// translations) is checked by cross_file_checks.cpp, once every file is read.
#include "articles.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <set>

#include "yaml_source.h"

namespace fs = std::filesystem;

namespace firstline::indexer {

namespace {

bool valid_date(const std::string& text) {
  static const std::regex date(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch m;
  if (!std::regex_match(text, m, date)) return false;
  const int month = std::stoi(m[2]), day = std::stoi(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool valid_article_id(const std::string& id) {
  static const std::regex pattern(R"([a-z0-9][a-z0-9-]*)");
  return std::regex_match(id, pattern);
}

const std::set<std::string> kArticleFields = {"id",       "title",  "type",    "audience", "locale",
                                              "intents",  "questions", "keywords", "level", "related",
                                              "updated",  "translation_of", "draft"};

/// Splits a Markdown file into front matter and body; records an error and
/// returns false if the front matter block is missing or not closed.
bool split_front_matter(const std::string& content, const std::string& file, Diagnostics& diagnostics,
                        std::string& front_matter, std::string& body, int& body_line) {
  std::size_t pos = 0;
  if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;  // UTF-8 byte order mark
  auto next_line = [&](std::size_t& p) {
    const std::size_t end = content.find('\n', p);
    std::string line = content.substr(p, end == std::string::npos ? std::string::npos : end - p);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    p = end == std::string::npos ? content.size() : end + 1;
    return line;
  };
  if (next_line(pos) != "---") {
    diagnostics.error(file, 1, "an article must start with YAML front matter: a line '---', the fields, then '---'");
    return false;
  }
  const std::size_t start = pos;
  int line_number = 1;
  while (pos < content.size()) {
    const std::size_t line_start = pos;
    const std::string line = next_line(pos);
    ++line_number;
    if (line == "---" || line == "...") {
      front_matter = content.substr(start, line_start - start);
      body = content.substr(pos);
      body_line = line_number + 1;
      return true;
    }
  }
  diagnostics.error(file, 1, "front matter is not closed: add a line '---' after the fields");
  return false;
}

struct MoneyAmount {
  int line;  // 0-based, within the text
  std::string text;
};

/// The first sum of money in `text` ("¥20", "20 元", "5块", "RMB 100", "$5",
/// "HK$50", "NT$100", "20 yuan"), if any: what makes a policy a compensation standard.
std::optional<MoneyAmount> first_money_amount(const std::string& text) {
  static const std::regex amount(
      R"((?:¥|￥|\$|RMB|CNY)\s*[0-9][0-9,.]*|[0-9][0-9,.]*\s*(?:元|块|塊|圆|圓|RMB|CNY|yuan|dollars?))",
      std::regex::icase);
  std::smatch m;
  if (!std::regex_search(text, m, amount)) return std::nullopt;
  const auto before = text.begin() + m.position(0);
  return MoneyAmount{static_cast<int>(std::count(text.begin(), before, '\n')), m.str(0)};
}

}  // namespace

Article read_article(const fs::path& path, const std::string& display, Diagnostics& diagnostics) {
  Article article;
  article.file = display;
  std::error_code size_error;
  if (const std::uintmax_t bytes = fs::file_size(path, size_error); !size_error && bytes > kMaxArticleBytes) {
    diagnostics.error(display, 1,
                      "the article is " + std::to_string(bytes) + " bytes, over the limit of " +
                          std::to_string(kMaxArticleBytes) + " bytes (1 MiB): split it into several articles");
    return article;
  }
  const std::string content = read_text(path, display, diagnostics);
  std::string front_matter;
  if (!split_front_matter(content, display, diagnostics, front_matter, article.body_markdown, article.body_line))
    return article;

  YamlSource yaml(display, /*first_line=*/2, diagnostics);
  const std::optional<YAML::Node> parsed = yaml.parse(front_matter);
  if (!parsed) return article;
  const YAML::Node& fields = *parsed;
  if (!fields.IsMap()) {
    yaml.error(2, "front matter must be a map of fields (key: value)");
    return article;
  }
  const int line = 1;
  article.id = yaml.string_field(fields, "id", line, true);
  article.title = yaml.string_field(fields, "title", line, true);
  article.type = yaml.string_field(fields, "type", line, true);
  article.audience = yaml.string_field(fields, "audience", line, true);
  article.locale = yaml.string_field(fields, "locale", line, true);
  article.updated = yaml.string_field(fields, "updated", line, true);
  article.translation_of = yaml.string_field(fields, "translation_of", line, false);
  article.intents = yaml.list_field(fields, "intents", line, false);
  article.questions = yaml.list_field(fields, "questions", line, false);
  article.keywords = yaml.list_field(fields, "keywords", line, false);
  article.related = yaml.list_field(fields, "related", line, false);

  auto line_of_field = [&](const char* key) { return fields[key] ? yaml.line_of(fields[key]) : 1; };
  article.id_line = line_of_field("id");
  article.intents_line = line_of_field("intents");
  article.related_line = line_of_field("related");
  article.translation_line = line_of_field("translation_of");
  if (!article.id.empty() && !valid_article_id(article.id))
    yaml.error(fields["id"], "invalid id '" + article.id + "' (use lowercase letters, digits and '-')");
  if (!article.type.empty() && !contains(known_types(), article.type))
    yaml.error(fields["type"], "unknown type '" + article.type + "' (expected " + join(known_types(), ", ") + ")");
  if (!article.audience.empty() && article.audience != "public" && article.audience != "internal")
    yaml.error(fields["audience"], "unknown audience '" + article.audience + "' (expected public or internal)");
  if (!article.locale.empty() && !contains(known_locales(), article.locale))
    yaml.error(fields["locale"],
               "unknown locale '" + article.locale + "' (expected " + join(known_locales(), ", ") + ")");
  if (!article.updated.empty() && !valid_date(article.updated))
    yaml.error(fields["updated"], "invalid date '" + article.updated + "' (expected YYYY-MM-DD)");
  if (const YAML::Node level = fields["level"]; level && !level.IsNull()) {
    const std::string text = level.IsScalar() ? level.Scalar() : "";
    if (text == "1" || text == "2" || text == "3" || text == "4")
      article.level = text[0] - '0';
    else
      yaml.error(level, "level must be 1, 2, 3 or 4 (the problem level), not '" + text + "'");
  }
  if (const YAML::Node draft = fields["draft"]; draft && !draft.IsNull()) {
    if (draft.IsScalar() && (draft.Scalar() == "true" || draft.Scalar() == "false"))
      article.draft = draft.Scalar() == "true";
    else
      yaml.error(draft, "field 'draft' must be true or false");
  }
  if (const YAML::Node questions = fields["questions"]; questions && !questions.IsNull())
    yaml.warn_merged_items(questions, "question");
  // The file name is how an editor finds an article again: it should say its id.
  if (!article.id.empty() && valid_article_id(article.id) && path.stem().string() != article.id)
    yaml.warning(fields["id"], "the file name '" + path.filename().string() + "' does not match the id '" +
                                   article.id + "': rename the file to '" + article.id + ".md' (or change the id)");
  if ((article.type == "lesson" || article.type == "script") && article.audience == "public")
    yaml.error(fields["audience"], "a " + article.type + " is agent material: its audience must be internal");
  if (article.type == "policy" && article.audience == "public") {
    if (const auto amount = first_money_amount(article.body_markdown))
      yaml.error(fields["audience"], "a policy with compensation amounts is agent material: its audience must be "
                                     "internal (line " + std::to_string(article.body_line + amount->line) + ": '" +
                                     amount->text + "')");
  }
  for (const auto& entry : fields) {
    const std::string key = entry.first.Scalar();
    if (!kArticleFields.count(key)) yaml.warning(entry.first, "unknown field '" + key + "' is ignored");
  }
  if (article.body_markdown.find_first_not_of(" \t\r\n") == std::string::npos)
    diagnostics.error(display, article.body_line - 1, "the article has no body text after the front matter");
  if (article.intents.empty() && !article.id.empty())
    diagnostics.warning(display, 1, "article '" + article.id + "' has no intent: it cannot be suggested or clarified");
  return article;
}

}  // namespace firstline::indexer
