// firstline/desk/config.h — how a desk is set up: its store, where it
// listens, who may call it, the contact channels and what it promises on each.
//
//   auto config = firstline::desk::load_config("desk.json");  // throws ConfigError naming the field
//
// desk/README.md ("Configuration") documents every field with its default.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace firstline::desk {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One opening period of a channel, in the KB's timezone.
struct OpenHours {
  std::vector<int> days;  ///< 0 = Monday .. 6 = Sunday
  int open_minute = 0;    ///< minutes after midnight
  int close_minute = 24 * 60;
};

/// A contact channel, as escalation.yaml describes it.
struct ContactChannel {
  std::string id, kind;           ///< kind: chat, phone, callback or email
  std::string number, address;    ///< phone: its number; email: its address
  std::vector<OpenHours> hours;   ///< none: always open
};

/// A token bucket: `burst` requests at once, refilled at `per_minute`.
struct RateLimit {
  double per_minute = 60;
  double burst = 30;
};

struct DeskConfig {
  std::string store = "desk.sqlite";  ///< a SQLite file path, or a postgresql:// URL
  std::string host = "127.0.0.1";
  int port = 8090;                    ///< 0: any free port (tests)
  /// Origins (scheme://host:port) whose pages may call the public side
  /// (the widget's host sites). A browser request from any other origin is
  /// refused; requests without an Origin header (not from a browser page) are served.
  std::vector<std::string> allowed_origins;
  /// Origins whose pages may call the agent side with the agent's cookie
  /// (the browser console, if it is served from another origin). Default none.
  std::vector<std::string> agent_origins;

  /// The contact channels and their timezone: read from `public_index`
  /// (its escalation settings, as the widget sees them) unless the config
  /// gives "timezone" and "contact_channels" itself.
  std::string public_index;
  std::string timezone = "UTC";
  std::vector<ContactChannel> channels;
  /// agent.db, served to signed-in agents only (GET /api/agent/agent.db). Default none.
  std::string agent_index;
  /// A folder with the browser console's files (web/console/ and the
  /// firstline-console.{js,wasm,data} module), served at /console/ so the
  /// page and /api/agent/ share an origin (the session cookie is SameSite=Strict
  /// and HttpOnly). Default none. agent.db is never served from it.
  std::string console_root;

  // What the desk promises (desk/README.md, "Promises").
  int chat_presence_seconds = 120;     ///< an agent counts as signed in if seen this recently
  int callback_within_minutes = 120;   ///< a callback within this long of the request (or of opening)
  int email_reply_within_hours = 24;   ///< an email reply within this long

  // Limits.
  std::size_t max_handoff_bytes = 128 * 1024;
  std::size_t max_events_bytes = 64 * 1024;
  std::size_t max_events_per_batch = 100;
  std::size_t max_message_chars = 2000;
  int long_poll_max_seconds = 25;
  RateLimit handoff_rate{10, 5};
  RateLimit events_rate{240, 120};
  RateLimit message_rate{30, 10};
  RateLimit sign_in_rate{10, 5};
  /// Take the client's address from X-Forwarded-For (behind a load balancer you trust). Default false.
  bool trust_forwarded_for = false;

  int session_hours = 12;  ///< an agent's sign-in lasts this long
  int threads = 64;        ///< request threads (long polls hold one each)
};

/// Reads a desk config (JSON). Relative paths in it are relative to the
/// file's folder. Reads the channels from "public_index" when the config
/// does not list them. Throws ConfigError naming the file and the field.
DeskConfig load_config(const std::string& path);

/// The same from JSON text; relative paths against `base_dir`.
DeskConfig config_from_json(const std::string& text, const std::string& base_dir = ".");

/// The contact channels and timezone of a public index's escalation settings
/// (through the core's API). Throws ConfigError if the index cannot be opened.
void read_channels_from_index(const std::string& public_index, DeskConfig& config);

}  // namespace firstline::desk
