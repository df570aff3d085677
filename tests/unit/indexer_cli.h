// For the indexer's tests: `firstline-index ARGS...` run in the test's own
// process (indexer/src/cli.h), its exit status returned.
#pragma once

#include <string>
#include <vector>

#include "cli.h"

namespace firstline::testing {

inline int run_indexer(std::vector<std::string> args) {
  args.insert(args.begin(), "firstline-index");
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  return firstline::indexer::run_cli(static_cast<int>(argv.size()), argv.data());
}

}  // namespace firstline::testing
