// firstline/api.h — the narrow request/response API the WebAssembly module
// exposes (and that compiles natively, so GoogleTest covers the contract).
//
// A request is one JSON object: {"api": 1, "op": "...", ...arguments}.
// A response is always one JSON object:
//   {"api": 1, "ok": true,  "result": {...}}
//   {"api": 1, "ok": false, "error": {"code": "index_corrupt", "message": "..."}}
// Never null, never a silent failure: malformed JSON, unknown ops and missing
// arguments get a structured error too.
//
// Operations (API version 1):
//   version                         -> {"api", "core", "index_format"}
//   open    {"path"}                -> {"build": {...}}     opens an index file
//   search  {"query", "limit"?}     -> {"hits": [{"id","title","type","locale","intents","snippet","score"}]}
//   article {"id"}                  -> {"article": {...}}   the stored article (safe HTML in "html")
#pragma once

#include <memory>
#include <string>

namespace firstline {

inline constexpr int kApiVersion = 1;

class Api {
 public:
  Api();
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  /// Handles one request (any bytes) and returns the response JSON.
  std::string call(const std::string& request);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace firstline
