// firstline/error.h — the one error type of the firstline core.
//
// Every failure that crosses the core's public API is a firstline::Error with
// a stable code (for programs: the WebAssembly API reports it as a string) and
// a readable message (for people). Xapian's exceptions never escape the core:
// they are translated here, once.
#pragma once

#include <stdexcept>
#include <string>

namespace firstline {

enum class ErrorCode {
  index_missing,        ///< the index file does not exist or cannot be read
  index_corrupt,        ///< the file is not a readable firstline index (truncated, damaged, not Xapian)
  index_wrong_version,  ///< a firstline index of a format this core does not read
  index_wrong_artifact, ///< the other artifact than the one asked for (the agent index where the public one belongs)
  invalid_argument,     ///< a request the API cannot satisfy (unknown id, bad option)
  internal,             ///< anything else; a bug if it happens
};

/// The stable name of a code, e.g. "index_corrupt".
const char* error_code_name(ErrorCode code) noexcept;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace firstline
