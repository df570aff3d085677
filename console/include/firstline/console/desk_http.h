// firstline/console/desk_http.h — the native console's DeskTransport:
// cpp-httplib, each request on a background thread of its own (the queue's
// long poll holds one for up to 25 s while the agent's clicks go on), the
// answers queued for the view's thread. Native only; in the browser the
// page's fetch carries the requests (console/app/platform_browser.cpp).
#pragma once

#include <memory>
#include <string>

#include "firstline/console/desk_session.h"

namespace firstline::console {

/// A transport to the desk at `desk_url` ("http://127.0.0.1:8090"; https
/// when cpp-httplib was built with OpenSSL, as Debian's is). Requests carry
/// `Authorization: Bearer <token>` once signed in. Destroying it stops the
/// requests in flight and waits for their threads. Throws
/// std::invalid_argument for a URL that is not http(s)://host[:port].
std::unique_ptr<DeskTransport> make_http_transport(const std::string& desk_url);

}  // namespace firstline::console
