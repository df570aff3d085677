// firstline-index: see src/cli.cpp.
#include "cli.h"

int main(int argc, char** argv) { return firstline::indexer::run_cli(argc, argv); }
