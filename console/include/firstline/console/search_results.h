// firstline/console/search_results.h — what the console makes of a search's
// results: the line saying how many were found and how fast, how the
// widget's core reads the query, which article the reading pane shows next,
// and what a filter's choice is called.
//
//   const auto results = catalogue.search(request);
//   show(results_summary(results.rows.size(), ms));                // "12 articles · 3.4 ms"
//   show(describe_reading(results, request.query, catalogue));    // "The widget reads this as: answer · 配送延迟 62%"
//   if (auto id = article_after_search(results, shown_id); !id.empty()) open(id);
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "firstline/console/catalogue.h"

namespace firstline::console {

/// How many articles were found and how long it took: "12 articles · 3.4 ms".
std::string results_summary(std::size_t articles, double milliseconds);

/// How the widget's core reads the query, for an agent: its decision and the
/// intents it understood, labelled in kDefaultLocale with their confidence
/// ("The widget reads this as: clarify · 配送延迟 45%, 物流查询 30%"); for no
/// query, that the list holds every article the filters let through; "" for a
/// query of blanks.
std::string describe_reading(const SearchResults& results, std::string_view query, const Catalogue& catalogue);

/// The article the reading pane should show after a new search: the best
/// match, unless the article `shown` is still among the results; "" to leave
/// the pane as it is (it is still listed, or nothing was found).
std::string article_after_search(const SearchResults& results, std::string_view shown);

/// What a filter shows as chosen: the label of the choice whose value is
/// `value`, or "any" (no choice, or one the index no longer offers).
std::string chosen_label(const std::vector<FilterChoice>& choices, std::string_view value);

/// A problem level as a filter choice's value ("3"; "" for 0, any level), and back.
std::string level_choice(int level);
int level_of_choice(std::string_view value) noexcept;

}  // namespace firstline::console
