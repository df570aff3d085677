// Markdown to safe HTML, at build time (CommonMark with tables and strikethrough, via md4c).
//
// Safe means: raw HTML in the source is dropped (shown as text, escaped), every
// text and attribute is escaped, links keep only http, https, mailto and tel
// URLs or relative ones, and images are rendered as their alt text with a link.
// No style or script attribute is ever produced, so the widget can show the
// HTML under a strict Content-Security-Policy.
#pragma once

#include <string>

namespace firstline::indexer {

struct RenderedMarkdown {
  std::string html;  ///< safe HTML fragment
  std::string text;  ///< the visible text, blocks separated by newlines (for snippets)
  int dropped_links = 0;  ///< links whose URL scheme was not allowed
  bool ok = true;         ///< false if md4c failed (out of memory)
};

RenderedMarkdown render_markdown(const std::string& markdown);

/// True for URLs the rendered HTML may link to.
bool is_safe_url(const std::string& url);

}  // namespace firstline::indexer
