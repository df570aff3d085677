// The checks across a KB's files (cross_file_checks.cpp).
#pragma once

#include "knowledge_base.h"

namespace firstline::indexer {

/// Records every problem between files of `kb`: duplicate article ids, unknown
/// intents, missing related or translated articles (with "did you mean"),
/// links from published articles to drafts, intents short of examples, public
/// articles missing in a locale the KB serves.
void check_across_files(const KnowledgeBase& kb, Diagnostics& diagnostics);

}  // namespace firstline::indexer
