// What the console makes of a search's results (see search_results.h).
#include "firstline/console/search_results.h"

#include <algorithm>
#include <cstdio>

#include "firstline/console/format.h"
#include "firstline/locale.h"

namespace firstline::console {

std::string results_summary(std::size_t articles, double milliseconds) {
  char summary[96];
  std::snprintf(summary, sizeof summary, "%zu article%s · %.1f ms", articles, articles == 1 ? "" : "s", milliseconds);
  return summary;
}

std::string describe_reading(const SearchResults& results, std::string_view query, const Catalogue& catalogue) {
  if (results.decision.empty()) return query.empty() ? "No query: every article the filters let through, newest first." : "";
  std::string reading = "The widget reads this as: " + results.decision;
  for (std::size_t i = 0; i < results.intents.size(); ++i)
    reading += (i ? ", " : " · ") + catalogue.intent_label(results.intents[i].id, kDefaultLocale) + " " +
               percent(results.intents[i].confidence);
  return reading;
}

std::string article_after_search(const SearchResults& results, std::string_view shown) {
  const bool still_listed = !shown.empty() && std::any_of(results.rows.begin(), results.rows.end(),
                                                          [&](const ResultRow& row) { return row.id == shown; });
  return still_listed || results.rows.empty() ? "" : results.rows.front().id;
}

std::string chosen_label(const std::vector<FilterChoice>& choices, std::string_view value) {
  std::string label = "any";
  for (const auto& choice : choices)
    if (choice.value == value) label = choice.label;
  return label;
}

std::string level_choice(int level) { return level ? std::to_string(level) : ""; }

int level_of_choice(std::string_view value) noexcept {
  int level = 0;
  for (const char c : value) {
    if (c < '0' || c > '9' || level > 100) return 0;
    level = level * 10 + (c - '0');
  }
  return level;
}

}  // namespace firstline::console
