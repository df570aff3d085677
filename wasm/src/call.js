// Appended to the Emscripten glue (--post-js): Module.call(requestJson) ->
// responseJson, the one way JavaScript calls the module (web/worker.js, the
// Node tests, the benchmarks). The request is copied to the heap, not to the
// stack as cwrap copies strings: the stack is a few MiB, and a pasted query
// of a million characters overflowed it into the heap, corrupting the module
// for every call after.
Module['call'] = function (request) {
  var size = lengthBytesUTF8(request) + 1;
  var at = _malloc(size);
  if (!at) {
    return JSON.stringify({ api: 1, ok: false, error: { code: 'bad_request', message: 'the request is too large for the module\'s memory' } });
  }
  try {
    stringToUTF8(request, at, size);
    return UTF8ToString(_firstline_call(at));
  } finally {
    _free(at);
  }
};
