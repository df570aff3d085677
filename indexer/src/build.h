// One build of a KB, as `firstline-index build` and the preview server run
// it: read and validate the folder, then write the public and agent indexes
// and the web bundle a host publishes. On any error nothing is replaced: the
// previous indexes (and the previous web bundle's entry) stay as they were.
#pragma once

#include <string>

#include "index_writer.h"
#include "knowledge_base.h"
#include "web_bundle.h"

namespace firstline::indexer {

struct BuildOutcome {
  bool ok = false;
  std::string reason;     ///< why it failed ("" when ok)
  std::string kept;       ///< what the failure left as it was
  Diagnostics diagnostics;
  KnowledgeBase kb;
  BuildResult result;     ///< the indexes written (when ok)
  WebBundle web;          ///< the web bundle written (when ok)
  std::string web_dir;    ///< out_dir/web
  double seconds = 0;
};

/// kDefaultDictionary when the machine has it (scripts/setup.d/15-dictionary.sh installs it), else "".
std::string default_dictionary();

/// Builds `kb_dir` into `out_dir`; `progress` (may be empty) hears each step.
/// `dictionary`: the word list whose words the hints never correct
/// (BuildOptions::dictionary; "" for none).
BuildOutcome build_kb(const std::string& kb_dir, const std::string& out_dir, const std::string& tool_version,
                      const std::function<void(const std::string&)>& progress,
                      const std::string& dictionary = default_dictionary());

}  // namespace firstline::indexer
