// firstline/console/command_line.h — the agent console's command line: the
// index, what to show at start, and the smoke tests' typing, frames and
// screenshot.
//
//   ConsoleOptions options;
//   options.font = default_font;  // what is not given keeps the caller's value
//   std::string error;
//   if (!parse_command_line(argc, argv, /*index_required=*/true, options, error))
//     fail(error);  // "" for --help: print console_usage()
#pragma once

#include <string>

namespace firstline::console {

struct ConsoleOptions {
  std::string index;       ///< the agent index (out/index/agent.db)
  std::string query;       ///< --query: the search box's text at start
  std::string typed;       ///< --type: typed into the search box, a character a frame
  std::string handoff;     ///< --handoff: a handoff payload file to open
  std::string events;      ///< --events: a widget event log (JSON Lines) for the editor's gaps
  std::string tab;         ///< --tab: "search", "handoff", "editor", "queue" or "" (the first)
  std::string desk;        ///< --desk: the handoff desk's URL (http://127.0.0.1:8090), for the Queue tab
  std::string agent;       ///< --agent: signs in at start as this agent, the password from FIRSTLINE_DESK_PASSWORD
  std::string open_case;   ///< --case: the desk's case to open once signed in (FL-7K3M9Q)
  std::string font;        ///< --font: the CJK font file
  std::string screenshot;  ///< --screenshot: a PNG written after --frames
  int width = 1400, height = 900;  ///< --size WxH, at least 200x150
  int frames = 0;                  ///< --frames: render this many, then exit; 0 = run until closed
};

/// Reads argv[1..argc) into `options`; what is not given keeps its value.
/// Returns false with `error` naming the problem ("--frames needs a positive
/// number", "unknown option --x", "no index given" when `index_required`), or
/// with `error` empty for --help / -h.
bool parse_command_line(int argc, const char* const* argv, bool index_required, ConsoleOptions& options,
                        std::string& error);

/// What each option does, for --help and errors.
const char* console_usage() noexcept;

}  // namespace firstline::console
