// `firstline-index serve KB_DIR`: the editors' preview. Builds the KB, serves
// the demo site's widget and agent console on 127.0.0.1 with that build,
// rebuilds on every save, and has every open page reload itself when a new
// build is served; a failed build is shown on the page (file, line, message)
// while the last good build keeps serving.
#pragma once

#include <string>

namespace firstline::indexer {

struct PreviewOptions {
  std::string kb_dir;
  std::string site_dir;   ///< the built demo site (scripts/build.sh's out/site): the widget, demo pages, console
  std::string out_dir;    ///< where the preview's builds go
  std::string host = "127.0.0.1";
  int port = 8081;        ///< 0: any free port (printed)
  int poll_ms = 300;      ///< how often the KB folder is looked at for changes
  std::string tool_version;
};

/// Serves until SIGINT or SIGTERM; returns the exit status.
int serve_preview(const PreviewOptions& options);

}  // namespace firstline::indexer
