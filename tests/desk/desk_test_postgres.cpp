// desk_test_postgres start STATE_FILE | stop STATE_FILE — CTest's fixture for
// the desk's tests: one throwaway PostgreSQL server for all of them.
// start writes the server's URL into STATE_FILE (and its directory beside it,
// STATE_FILE.dir); stop stops that server and removes its directory.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "throwaway_postgres.h"

int main(int argc, char** argv) {
  using firstline::desk::testing::ThrowawayPostgres;
  if (argc != 3 || (std::string(argv[1]) != "start" && std::string(argv[1]) != "stop")) {
    std::cerr << "usage: desk_test_postgres start|stop STATE_FILE\n";
    return 2;
  }
  const std::string state = argv[2];
  if (std::string(argv[1]) == "stop") {
    std::ifstream in(state + ".dir");
    std::string dir;
    std::getline(in, dir);
    if (!dir.empty()) ThrowawayPostgres::stop(dir);
    std::filesystem::remove(state);
    std::filesystem::remove(state + ".dir");
    return 0;
  }
  try {
    {  // a server left by an interrupted run
      std::ifstream in(state + ".dir");
      std::string dir;
      if (std::getline(in, dir) && !dir.empty()) ThrowawayPostgres::stop(dir);
    }
    ThrowawayPostgres server;
    server.release();  // it outlives this process, until `stop`
    std::ofstream(state + ".dir") << server.data_dir() << "\n";
    std::ofstream(state) << server.url();
    std::cout << "PostgreSQL for the desk's tests: " << server.url() << " (" << server.data_dir() << ")\n";
    return 0;
  } catch (const std::exception& e) {
    std::filesystem::remove(state);
    std::cerr << e.what() << "\n";
    return 1;
  }
}
