#include "markdown.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include <md4c.h>

#include "firstline/text.h"

namespace firstline::indexer {
namespace {

void escape_into(std::string& out, const char* text, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    switch (text[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\0': out += "\xEF\xBF\xBD"; break;
      default: out += text[i];
    }
  }
}

/// md4c passes attributes as pieces (normal text, entities, NUL); entities are
/// decoded only for the few a URL may legitimately contain.
std::string attribute_text(const MD_ATTRIBUTE& attr) {
  std::string out;
  for (int i = 0; attr.substr_offsets[i] < attr.size; ++i) {
    const char* piece = attr.text + attr.substr_offsets[i];
    const std::size_t size = attr.substr_offsets[i + 1] - attr.substr_offsets[i];
    const std::string text(piece, size);
    if (attr.substr_types[i] == MD_TEXT_ENTITY) {
      if (text == "&amp;") out += '&';
      else if (text == "&quot;") out += '"';
      else if (text == "&lt;") out += '<';
      else if (text == "&gt;") out += '>';
      else out += text;
    } else if (attr.substr_types[i] == MD_TEXT_NULLCHAR) {
      out += "\xEF\xBF\xBD";
    } else {
      out += text;
    }
  }
  return out;
}

/// The character an entity md4c reports stands for (&amp;, &#60;, &#x3C;),
/// as CommonMark decodes it: a known HTML5 name, or a number (0, a
/// surrogate or past U+10FFFF, and a control character, give U+FFFD); none
/// for an unknown name.
std::optional<std::string> decode_entity(std::string_view entity) {
  if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') return std::nullopt;
  const std::string_view name = entity.substr(1, entity.size() - 2);
  if (name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return std::nullopt;
    std::uint32_t value = 0;
    for (const char c : digits) {
      const int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                        : hex && std::isxdigit(static_cast<unsigned char>(c))
                            ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                            : -1;
      if (digit < 0) return std::nullopt;
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
    }
    const bool control = value < 0x20 ? value != '\t' && value != '\n' : (value >= 0x7F && value < 0xA0);
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) || control) value = 0xFFFD;
    std::string out;
    append_utf8(out, static_cast<char32_t>(value));
    return out;
  }
  struct Named {
    const char* name;
    const char* text;
  };
  static const Named kNamed[] = {
#include "html_entities.inc"
  };
  const auto it = std::lower_bound(std::begin(kNamed), std::end(kNamed), name,
                                   [](const Named& a, std::string_view b) { return std::string_view(a.name) < b; });
  if (it == std::end(kNamed) || std::string_view(it->name) != name) return std::nullopt;
  return std::string(it->text);
}

struct Renderer {
  RenderedMarkdown result;
  std::vector<bool> link_open;  // per MD_SPAN_A nesting: whether an <a> was written
  int image_depth = 0;          // inside an image, text is its alt text

  void html(const char* s) { result.html += s; }
  void html(const std::string& s) { result.html += s; }
  void text_out(const char* s, std::size_t n) {
    escape_into(result.html, s, n);
    result.text.append(s, n);
  }
  void block_break() {
    if (!result.text.empty() && result.text.back() != '\n') result.text += '\n';
  }
};

const char* align_class(MD_ALIGN align) {
  switch (align) {
    case MD_ALIGN_LEFT: return " class=\"align-left\"";
    case MD_ALIGN_CENTER: return " class=\"align-center\"";
    case MD_ALIGN_RIGHT: return " class=\"align-right\"";
    default: return "";
  }
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* userdata) {
  auto& r = *static_cast<Renderer*>(userdata);
  switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE: r.html("<blockquote>\n"); break;
    case MD_BLOCK_UL: r.html("<ul>\n"); break;
    case MD_BLOCK_OL: {
      const auto* ol = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
      if (ol->start == 1) r.html("<ol>\n");
      else r.result.html += "<ol start=\"" + std::to_string(ol->start) + "\">\n";
      break;
    }
    case MD_BLOCK_LI: r.html("<li>"); break;
    case MD_BLOCK_HR: r.html("<hr>\n"); break;
    case MD_BLOCK_H: {
      // Article titles are h1 in the widget; body headings start at h2.
      const unsigned level = std::min(6u, static_cast<MD_BLOCK_H_DETAIL*>(detail)->level + 1);
      r.result.html += "<h" + std::to_string(level) + ">";
      break;
    }
    case MD_BLOCK_CODE: r.html("<pre><code>"); break;
    case MD_BLOCK_HTML: break;  // never produced: MD_FLAG_NOHTML
    case MD_BLOCK_P: r.html("<p>"); break;
    case MD_BLOCK_TABLE: r.html("<table>\n"); break;
    case MD_BLOCK_THEAD: r.html("<thead>\n"); break;
    case MD_BLOCK_TBODY: r.html("<tbody>\n"); break;
    case MD_BLOCK_TR: r.html("<tr>"); break;
    case MD_BLOCK_TH:
      r.result.html += std::string("<th") + align_class(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align) + ">";
      break;
    case MD_BLOCK_TD:
      r.result.html += std::string("<td") + align_class(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align) + ">";
      break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void* detail, void* userdata) {
  auto& r = *static_cast<Renderer*>(userdata);
  switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE: r.html("</blockquote>\n"); break;
    case MD_BLOCK_UL: r.html("</ul>\n"); break;
    case MD_BLOCK_OL: r.html("</ol>\n"); break;
    case MD_BLOCK_LI: r.html("</li>\n"); r.block_break(); break;
    case MD_BLOCK_HR: break;
    case MD_BLOCK_H: {
      const unsigned level = std::min(6u, static_cast<MD_BLOCK_H_DETAIL*>(detail)->level + 1);
      r.result.html += "</h" + std::to_string(level) + ">\n";
      r.block_break();
      break;
    }
    case MD_BLOCK_CODE: r.html("</code></pre>\n"); r.block_break(); break;
    case MD_BLOCK_HTML: break;
    case MD_BLOCK_P: r.html("</p>\n"); r.block_break(); break;
    case MD_BLOCK_TABLE: r.html("</table>\n"); break;
    case MD_BLOCK_THEAD: r.html("</thead>\n"); break;
    case MD_BLOCK_TBODY: r.html("</tbody>\n"); break;
    case MD_BLOCK_TR: r.html("</tr>\n"); r.block_break(); break;
    case MD_BLOCK_TH: r.html("</th>"); r.result.text += " | "; break;
    case MD_BLOCK_TD: r.html("</td>"); r.result.text += " | "; break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* userdata) {
  auto& r = *static_cast<Renderer*>(userdata);
  if (r.image_depth > 0) {
    if (type == MD_SPAN_IMG) ++r.image_depth;
    return 0;
  }
  switch (type) {
    case MD_SPAN_EM: r.html("<em>"); break;
    case MD_SPAN_STRONG: r.html("<strong>"); break;
    case MD_SPAN_CODE: r.html("<code>"); break;
    case MD_SPAN_DEL: r.html("<del>"); break;
    case MD_SPAN_U: r.html("<u>"); break;
    case MD_SPAN_A: {
      const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
      const std::string href = attribute_text(a->href);
      const bool safe = is_safe_url(href);
      if (safe) {
        r.html("<a href=\"");
        escape_into(r.result.html, href.data(), href.size());
        const bool external = href.rfind("http", 0) == 0;
        r.html(external ? "\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">" : "\">");
      } else {
        ++r.result.dropped_links;
      }
      r.link_open.push_back(safe);
      break;
    }
    case MD_SPAN_IMG:
      // Images are not fetched by the widget (nothing is loaded that the host did not configure).
      r.html("<span class=\"image-alt\">");
      r.image_depth = 1;
      break;
    default: break;
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void* detail, void* userdata) {
  auto& r = *static_cast<Renderer*>(userdata);
  if (r.image_depth > 0) {
    if (type == MD_SPAN_IMG && --r.image_depth == 0) r.html("</span>");
    return 0;
  }
  switch (type) {
    case MD_SPAN_EM: r.html("</em>"); break;
    case MD_SPAN_STRONG: r.html("</strong>"); break;
    case MD_SPAN_CODE: r.html("</code>"); break;
    case MD_SPAN_DEL: r.html("</del>"); break;
    case MD_SPAN_U: r.html("</u>"); break;
    case MD_SPAN_A:
      if (!r.link_open.empty()) {
        if (r.link_open.back()) r.html("</a>");
        r.link_open.pop_back();
      }
      break;
    default: break;
  }
  return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* s, MD_SIZE size, void* userdata) {
  auto& r = *static_cast<Renderer*>(userdata);
  switch (type) {
    case MD_TEXT_NULLCHAR: r.text_out("\xEF\xBF\xBD", 3); break;
    case MD_TEXT_BR: r.html(r.image_depth ? " " : "<br>\n"); r.result.text += '\n'; break;
    case MD_TEXT_SOFTBR: r.html("\n"); r.result.text += ' '; break;
    case MD_TEXT_ENTITY: {
      // Decoded at build time, into the text (what is indexed and shown in
      // snippets: "<", never "&lt;" and the word "lt") and, escaped again,
      // into the HTML, so the two always say the same. An unknown name
      // stays the literal text it is.
      const std::optional<std::string> decoded = decode_entity(std::string_view(s, size));
      if (!decoded) r.text_out(s, size);
      else if (*decoded == "\xC2\xA0") {  // &nbsp;: a space in the text
        r.html(*decoded);
        r.result.text += ' ';
      } else {
        r.text_out(decoded->data(), decoded->size());
      }
      break;
    }
    default: r.text_out(s, size); break;  // normal, code, and raw HTML (shown as text, escaped)
  }
  return 0;
}

}  // namespace

bool is_safe_url(const std::string& url) {
  std::string lower;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20) continue;  // browsers ignore these inside schemes
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::size_t colon = lower.find(':');
  const std::size_t first_delim = lower.find_first_of("/?#");
  if (colon == std::string::npos || (first_delim != std::string::npos && first_delim < colon))
    return !lower.empty();  // relative URL
  const std::string scheme = lower.substr(0, colon);
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

RenderedMarkdown render_markdown(const std::string& markdown) {
  Renderer renderer;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = text;
  const int rc = md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &renderer);
  renderer.result.ok = rc == 0;
  while (!renderer.result.text.empty() && (renderer.result.text.back() == '\n' || renderer.result.text.back() == ' '))
    renderer.result.text.pop_back();
  return renderer.result;
}

}  // namespace firstline::indexer
