// firstline/wording.h — when two customer wordings are the same example question.
//
//   firstline::wording_key("  Where is my PARCEL? ") == firstline::wording_key("where is my parcel")
//
// The one rule the desk (deduplicating suggested examples, desk/src/suggestions.cpp)
// and the indexer (skipping an example intents.yaml already has,
// indexer/src/suggestions_apply.cpp) share.
#pragma once

#include <string>
#include <string_view>

namespace firstline {

/// ASCII letters lower-cased, runs of white space made one space, and no white
/// space or end punctuation (? ! . and the full-width ？ ！ 。) at either end.
/// Everything else (Chinese, digits, inner punctuation) is kept as it is.
std::string wording_key(std::string_view wording);

}  // namespace firstline
