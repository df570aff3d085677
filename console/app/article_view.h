// article_view.h — the reading pane the search and the handoff tab share:
// one article drawn from its blocks (firstline/console/article.h), with
// buttons to copy the answer, a script's lines and its tables, and its
// questions and related articles.
#pragma once

#include <optional>
#include <string>

#include "firstline/console/article.h"
#include "ui_kit.h"

namespace firstline::console {

class ArticleView {
 public:
  /// Shows article `id` from the index; if it cannot be read, logs why and
  /// keeps showing what it showed.
  void open(const std::string& id, const ViewContext& context);
  void close() { article_.reset(); }

  bool empty() const { return !article_; }
  /// The id of the article shown, "" for none.
  std::string shown() const { return article_ ? article_->id : std::string(); }

  /// Draws the article; clicking a related article shows that one instead.
  void draw(const ViewContext& context);

 private:
  void draw_block(const Block& block, bool copyable_line, const ViewContext& context);

  std::optional<ArticleDocument> article_;
};

}  // namespace firstline::console
