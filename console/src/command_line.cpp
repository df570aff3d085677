// The agent console's command line (see command_line.h).
#include "firstline/console/command_line.h"

#include <cstdio>
#include <cstdlib>

namespace firstline::console {

bool parse_command_line(int argc, const char* const* argv, bool index_required, ConsoleOptions& o, std::string& error) {
  error.clear();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&](std::string& out) {
      if (i + 1 >= argc) {
        error = arg + " needs a value";
        return false;
      }
      out = argv[++i];
      return true;
    };
    std::string number;
    if (arg == "--query") { if (!value(o.query)) return false; }
    else if (arg == "--type") { if (!value(o.typed)) return false; }
    else if (arg == "--handoff") { if (!value(o.handoff)) return false; }
    else if (arg == "--events") { if (!value(o.events)) return false; }
    else if (arg == "--tab") { if (!value(o.tab)) return false; }
    else if (arg == "--agent") { if (!value(o.agent)) return false; }
    else if (arg == "--case") { if (!value(o.open_case)) return false; }
    else if (arg == "--desk") {
      if (!value(o.desk)) return false;
      if (o.desk.rfind("http://", 0) != 0 && o.desk.rfind("https://", 0) != 0) {
        error = "--desk needs the desk's URL, http://HOST:PORT";
        return false;
      }
    }
    else if (arg == "--font") { if (!value(o.font)) return false; }
    else if (arg == "--screenshot") { if (!value(o.screenshot)) return false; }
    else if (arg == "--frames") {
      if (!value(number)) return false;
      o.frames = std::atoi(number.c_str());
      if (o.frames <= 0) { error = "--frames needs a positive number"; return false; }
    } else if (arg == "--size") {
      if (!value(number) || std::sscanf(number.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 200 || o.height < 150) {
        error = "--size needs WIDTHxHEIGHT, at least 200x150";
        return false;
      }
    } else if (arg == "--help" || arg == "-h") {
      return false;
    } else if (!arg.empty() && arg[0] == '-') {
      error = "unknown option " + arg;
      return false;
    } else if (o.index.empty()) {
      o.index = arg;
    } else {
      error = "more than one index given";
      return false;
    }
  }
  if (!o.tab.empty() && o.tab != "search" && o.tab != "handoff" && o.tab != "editor" && o.tab != "queue") {
    error = "--tab is search, handoff, editor or queue";
    return false;
  }
  if (!o.agent.empty() && o.desk.empty()) {
    error = "--agent needs --desk";
    return false;
  }
  if (!o.open_case.empty() && o.agent.empty()) {
    error = "--case needs --agent";
    return false;
  }
  if (index_required && o.index.empty()) {
    error = "no index given";
    return false;
  }
  return true;
}

const char* console_usage() noexcept {
  return "usage: firstline-console INDEX [--query TEXT | --type TEXT] [--handoff FILE] [--events FILE] [--desk URL [--agent NAME [--case REF]]]\n"
         "                         [--tab search|handoff|editor|queue] [--font FILE] [--size WxH]\n"
         "                         [--frames N --screenshot FILE.png]\n"
         "  --type      types TEXT into the search box, a character a frame (for smoke tests)\n"
         "  INDEX       the agent index (out/index/agent.db); internal, keep it behind the company's login\n"
         "  --handoff   a handoff payload from the widget (JSON); dropping the file on the window works too\n"
         "  --events    the widget's event log (JSON Lines), for the editor's gaps\n"
         "  --desk URL  the handoff desk (http://127.0.0.1:8090): sign in on the Queue tab, take and answer cases\n"
         "  --agent     signs in to the desk at start, with the password in FIRSTLINE_DESK_PASSWORD\n"
         "  --case      opens that case of the desk's once signed in (with --frames, the screenshot waits for it)\n"
         "  --frames N  render N frames, save --screenshot (PNG) and exit\n";
}

}  // namespace firstline::console
