// The WebAssembly module's only export: one JSON request in, one JSON response
// out (see include/firstline/api.h). JavaScript calls it through src/call.js:
//   const response = JSON.parse(Module.call(JSON.stringify(request)));
#include <string>

#include <emscripten/emscripten.h>

#include "firstline/api.h"

extern "C" EMSCRIPTEN_KEEPALIVE const char* firstline_call(const char* request) {
  static firstline::Api api;
  static std::string response;  // valid until the next call; cwrap copies it at once
  response = api.call(request ? request : "");
  return response.c_str();
}
