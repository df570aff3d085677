// firstline-desk: the handoff desk's program. Thin: the work is firstline::desk.
//
//   firstline-desk serve --config desk.json [--port N] [--store LOCATION]
//   firstline-desk add-agent NAME --config desk.json | --store LOCATION   (password on stdin)
//   firstline-desk set-password NAME --config desk.json | --store LOCATION
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>

#include "firstline/desk/desk.h"
#include "firstline/desk/passwords.h"

namespace {

firstline::desk::Desk* g_desk = nullptr;

int usage() {
  std::cerr << "usage:\n"
               "  firstline-desk serve --config desk.json [--port N] [--store LOCATION]\n"
               "  firstline-desk add-agent NAME (--config desk.json | --store LOCATION)    password on stdin\n"
               "  firstline-desk set-password NAME (--config desk.json | --store LOCATION) password on stdin\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace firstline::desk;
  if (argc < 2) return usage();
  const std::string command = argv[1];
  std::string config_path, store, name;
  int port = -1;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--config" && i + 1 < argc) config_path = argv[++i];
    else if (arg == "--store" && i + 1 < argc) store = argv[++i];
    else if (arg == "--port" && i + 1 < argc) port = std::stoi(argv[++i]);
    else if (name.empty() && arg.rfind("--", 0) != 0) name = arg;
    else return usage();
  }
  try {
    if (command == "serve") {
      if (config_path.empty()) return usage();
      DeskConfig config = load_config(config_path);
      if (!store.empty()) config.store = store;
      if (port >= 0) config.port = port;
      Desk desk(config, open_store(config.store));
      const int bound = desk.bind();
      g_desk = &desk;
      std::signal(SIGINT, [](int) { if (g_desk) g_desk->stop(); });
      std::signal(SIGTERM, [](int) { if (g_desk) g_desk->stop(); });
      std::cout << "firstline-desk: serving on http://" << config.host << ":" << bound << "/ (store: "
                << desk.store().kind() << ")" << std::endl;
      desk.serve();
      g_desk = nullptr;
      return 0;
    }
    if (command == "add-agent" || command == "set-password") {
      if (name.empty() || (config_path.empty() && store.empty())) return usage();
      if (store.empty()) store = load_config(config_path).store;
      std::string password;
      std::getline(std::cin, password);
      auto opened = open_store(store);
      if (command == "add-agent") add_agent(*opened, name, password);
      else set_agent_password(*opened, name, password);
      std::cout << (command == "add-agent" ? "added agent " : "set the password of ") << name << "\n";
      return 0;
    }
    return usage();
  } catch (const std::exception& e) {
    std::cerr << "firstline-desk: " << e.what() << "\n";
    return 1;
  }
}
