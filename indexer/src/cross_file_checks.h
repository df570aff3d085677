// The checks across a KB's files (cross_file_checks.cpp).
#pragma once

#include "knowledge_base.h"

namespace firstline::indexer {

/// Records every problem between files of `kb`: duplicate article ids, unknown
/// intents, missing related or translated articles, intents short of examples.
void check_across_files(const KnowledgeBase& kb, Diagnostics& diagnostics);

}  // namespace firstline::indexer
