// The firstline-index command line, callable from tests as well as main().
#pragma once

namespace firstline::indexer {

extern const char* const kVersion;

/// Runs firstline-index with the given arguments; returns the exit status.
int run_cli(int argc, char** argv);

}  // namespace firstline::indexer
