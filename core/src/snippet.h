// Snippets: the part of an article's text that best matches a query, with the
// matched words marked (not part of the public API).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "firstline/text.h"

namespace firstline {

/// Makes snippets of an article's own text (its case, script and punctuation:
/// a Traditional article stays Traditional, English keeps its capitals) for
/// the query's terms as the index generates them, each with a weight (its idf):
///   - a CJK bigram ("快递") marks where it occurs, and overlapping or
///     adjacent matches become one mark ("<mark>快递公司</mark>"); a bigram
///     that begins or ends with a particle ("的快" of "我的快递") does not;
///   - a CJK character alone is marked only when the query has no bigram
///     with it (a one-character word such as "税"): otherwise every 的 and 了
///     of the article would be;
///   - an English stem ("Zrefund") marks the words with that stem, except
///     little words (is, my, the, …);
///   - a synonym group's term marks the group's words.
/// Matches much less telling than the best one in the text (under a quarter
/// of its weight: 怎么 beside 发票) are not marked. The window of about `width` columns (a CJK character is two)
/// holding the most weight of distinct terms is shown, "…" where it cuts the
/// text; whitespace runs become one space; the result is escaped HTML.
class Snippeter {
 public:
  Snippeter(const TextFolder& folder, const SynonymSet& synonyms, const Xapian::Stem& stemmer,
            const std::vector<std::pair<std::string, double>>& weighted_terms);

  std::string operator()(std::string_view text, std::size_t width = 160) const;

 private:
  struct Pattern {
    std::string text;  // folded; for stems_, an English stem
    double weight;
    std::size_t key;   // distinct terms count once
    bool whole_words;  // English: only between word boundaries
  };
  const TextFolder& folder_;
  const Xapian::Stem& stemmer_;
  std::vector<Pattern> patterns_;  // CJK n-grams and synonym words, found as substrings
  std::vector<Pattern> stems_;     // English stems, matched against each word's
};

}  // namespace firstline
