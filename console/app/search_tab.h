// search_tab.h — the Search tab: the query box and filters, the ranked
// results with their snippets, how the widget reads the query, and the
// article being read.
#pragma once

#include <string>

#include "article_view.h"
#include "firstline/console/catalogue.h"
#include "ui_kit.h"

namespace firstline::console {

class SearchTab {
 public:
  /// Replaces the query (the command line, the page): a new search box shows
  /// it and takes the keyboard (a box being typed in keeps its own text).
  void set_query(const std::string& query);
  /// Searches again at the next frame (the index was opened).
  void search_again() { search_dirty_ = true; }

  void draw(const ViewContext& context);

  const std::string& query() const { return query_; }
  /// The results shown for it.
  std::size_t result_count() const { return results_.rows.size(); }

 private:
  void draw_filters(const ViewContext& context);
  void draw_results(const ViewContext& context);
  void run_search(const ViewContext& context);

  std::string query_;
  int focused_query_widget_ = -1;
  int query_widget_ = 0;  ///< bumped by set_query: a new box (ImGui id) shows the new query
  ArticleFilter filter_;
  SearchResults results_;
  double search_ms_ = 0;
  bool search_dirty_ = true;
  ArticleView article_;
};

}  // namespace firstline::console
