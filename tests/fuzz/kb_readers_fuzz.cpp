// libFuzzer targets for the indexer's readers: any bytes as one KB file, read
// as the indexer reads it. One source, one binary per reader, chosen at build
// time (FIRSTLINE_FUZZ_READER, tests/fuzz/CMakeLists.txt):
//   article       an article file: front matter, its fields, the body's Markdown
//   markdown      Markdown alone, rendered to the safe HTML and text
//   intents       intents.yaml
//   synonyms      synonyms.yaml
//   escalation    escalation.yaml, read and validated
//   first_screen  first-screen.yaml, read and validated
// The readers take a path: the input is written to a file of this process's
// own folder first. A reader must report problems as diagnostics, never
// throw, abort or take more than libFuzzer's -timeout; rendered HTML must be
// markdown.h's safe HTML (a broken promise aborts like a crash).
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <string_view>

#include "articles.h"
#include "intents_and_synonyms.h"
#include "knowledge_base.h"
#include "markdown.h"
#include "settings_files.h"

namespace fs = std::filesystem;
using namespace firstline::indexer;

namespace {

[[noreturn]] void broken(const std::string& promise, std::string_view html) {
  std::cerr << "markdown.h promise broken: " << promise << "\n" << html.substr(0, 2000) << "\n";
  std::abort();
}

/// Aborts unless every tag of `html` is one markdown.cpp writes, with only its
/// attributes, and every link is to a safe URL.
void expect_safe_html(const std::string& html) {
  static const std::set<std::string> tags = {"a",  "blockquote", "br", "code",  "del",   "em", "h2", "h3",   "h4",
                                             "h5", "h6",         "hr", "li",    "ol",    "p",  "pre", "span", "strong",
                                             "table", "tbody",   "td", "th",    "thead", "tr", "u",  "ul"};
  static const std::set<std::string> attributes = {"href", "rel", "target", "class", "start", "title"};
  for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    const std::size_t end = html.find('>', at);
    if (end == std::string::npos) broken("every '<' begins a tag", html.substr(at));
    const std::string tag = html.substr(at + 1, end - at - 1);
    if (tag.find('<') != std::string::npos) broken("no '<' inside a tag", tag);
    std::size_t pos = tag[0] == '/' ? 1 : 0;
    const std::size_t name_end = tag.find_first_of(" \n", pos);
    const std::string name = tag.substr(pos, name_end == std::string::npos ? std::string::npos : name_end - pos);
    if (!tags.count(name)) broken("only the tags markdown.cpp writes: <" + name + ">", tag);
    // Attributes: name="value", the value with no quote inside.
    for (pos = name_end; pos != std::string::npos && pos < tag.size();) {
      pos = tag.find_first_not_of(" \n", pos);
      if (pos == std::string::npos) break;
      const std::size_t equals = tag.find("=\"", pos);
      if (equals == std::string::npos) broken("attributes are name=\"value\"", tag);
      const std::string attribute = tag.substr(pos, equals - pos);
      const std::size_t close = tag.find('"', equals + 2);
      if (close == std::string::npos) broken("an attribute's value is closed", tag);
      if (!attributes.count(attribute)) broken("only markdown.cpp's attributes: " + attribute, tag);
      std::string value = tag.substr(equals + 2, close - equals - 2);
      for (std::size_t amp; (amp = value.find("&amp;")) != std::string::npos;) value.replace(amp, 5, "&");
      if (attribute == "href" && !is_safe_url(value)) broken("links only to safe URLs: " + value, tag);
      pos = close + 1;
    }
  }
}

const fs::path& scratch() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("firstline-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(fs::temp_directory_path() / ("firstline-fuzz-" + std::to_string(::getpid())), ignored);
    });
    return d;
  }();
  return dir;
}

fs::path write_input(const char* name, const std::uint8_t* data, std::size_t size) {
  const fs::path path = scratch() / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                static_cast<std::streamsize>(size));
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Diagnostics diagnostics;
  const std::string reader = FIRSTLINE_FUZZ_READER;
  if (reader == "markdown") {
    const RenderedMarkdown rendered = render_markdown(std::string(reinterpret_cast<const char*>(data), size));
    expect_safe_html(rendered.html);
  } else if (reader == "article") {
    const fs::path path = write_input("article.md", data, size);
    const Article article = read_article(path, "article.md", diagnostics);
    if (!diagnostics.has_errors()) expect_safe_html(render_markdown(article.body_markdown).html);
  } else if (reader == "intents") {
    (void)read_intents(write_input("intents.yaml", data, size), "intents.yaml", diagnostics);
  } else if (reader == "synonyms") {
    (void)read_synonyms(write_input("synonyms.yaml", data, size), "synonyms.yaml", diagnostics);
  } else if (reader == "escalation") {
    const fs::path path = write_input("escalation.yaml", data, size);
    const nlohmann::json escalation = read_yaml_json(path, "escalation.yaml", diagnostics, true);
    validate_escalation(path, "escalation.yaml", escalation, diagnostics);
  } else if (reader == "first_screen") {
    const fs::path path = write_input("first-screen.yaml", data, size);
    (void)read_yaml_json(path, "first-screen.yaml", diagnostics, false);
    validate_first_screen(path, "first-screen.yaml", {"parcel.where", "refund.status", "member.points"}, {"member.points"},
                          diagnostics);
  } else {
    std::cerr << "unknown FIRSTLINE_FUZZ_READER " << reader << "\n";
    std::abort();
  }
  return 0;
}
