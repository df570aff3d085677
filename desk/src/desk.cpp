// The desk's HTTP service (firstline/desk/desk.h). Which file does what:
//   desk.cpp             routes: the public side (/api/handoffs, /api/events,
//                        /api/channels, /api/cases/<token>) and the agent side
//                        (/api/agent/...), CORS, errors, long polls
//   handoff_request.cpp  what the widget posts: checked and masked
//   promise.cpp          what a customer is promised on a channel
//   crypto.cpp           tokens, references, password hashes
//   suggestions.cpp      customers' wordings proposed as example questions
//   sql_store.cpp        the store (SQLite or PostgreSQL)
// Every answer is JSON; every error is {"error": {"code", "message"}} with a
// 4xx status for the caller's mistakes, 503 when the store is unavailable.
#include "firstline/desk/desk.h"

#include <limits>
#include <optional>
#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

#include "crypto.h"
#include "firstline/personal_data.h"
#include "handoff_request.h"
#include "promise.h"
#include "suggestions.h"

namespace firstline::desk {

namespace {

using nlohmann::json;
using detail::Refusal;

Millis system_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string iso_utc(Millis t) {
  const time_t seconds = static_cast<time_t>(t / 1000);
  struct tm tm {};
  gmtime_r(&seconds, &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(t % 1000));
  return out;
}

/// "2026-11-24", "2026-11-24T02:00:00Z" or "2026-11-24T02:00:00.000Z" (UTC) as milliseconds; nothing otherwise.
std::optional<Millis> parse_iso_utc(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
  char tail[8] = {0};
  const int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%1s", &y, &mo, &d, &h, &mi, &sec, &ms, tail);
  const bool date_only = n == 3 && text.size() == 10;
  const bool whole = (n == 6 && text.size() == 20 && text.back() == 'Z') || (n == 8 && text.size() == 24 && tail[0] == 'Z');
  if (!date_only && !whole) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  struct tm tm {};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  return static_cast<Millis>(timegm(&tm)) * 1000 + ms;
}

const char* const kSessionCookie = "firstline_desk_session";
const std::set<std::string> kOutcomes = {"resolved", "compensated", "explained", "unresolved", "unreachable", "duplicate"};

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  send_json(res, status, {{"error", {{"code", code}, {"message", message}}}});
}

void send_refusal(httplib::Response& res, const Refusal& r) { send_error(res, r.status, r.code, r.message); }

/// Token bucket per client: `burst` at once, refilled at per_minute.
class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit) : limit_(limit) {}
  /// Whether `client` may make one more request now; if not, the seconds until it may.
  std::optional<int> take(const std::string& client, Millis now) {
    std::lock_guard lock(mutex_);
    if (buckets_.size() > 50000) buckets_.clear();  // bounded memory; a flood resets everyone's bucket to full
    auto [it, fresh] = buckets_.try_emplace(client, Bucket{limit_.burst, now});
    Bucket& b = it->second;
    const double per_ms = limit_.per_minute / 60000.0;
    b.tokens = std::min(limit_.burst, b.tokens + std::max<Millis>(0, now - b.last) * per_ms);
    b.last = std::max(b.last, now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return std::nullopt;
    }
    return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / per_ms / 1000)));
  }

 private:
  struct Bucket {
    double tokens;
    Millis last;
  };
  RateLimit limit_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

/// Wakes long polls in this process when something changed; polls also
/// re-read the store every half second, which is how a change made by another
/// desk instance (a shared PostgreSQL) reaches them.
class ChangeSignal {
 public:
  void notify() {
    {
      std::lock_guard lock(mutex_);
      ++generation_;
    }
    cv_.notify_all();
  }
  void wait(std::chrono::milliseconds at_most) {
    std::unique_lock lock(mutex_);
    const auto seen = generation_;
    cv_.wait_for(lock, at_most, [&] { return generation_ != seen || stopping_; });
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
  }
  bool stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::uint64_t generation_ = 0;
  bool stopping_ = false;
};

std::string public_status(const std::string& status) {
  return status == "claimed" ? "with_agent" : status;  // waiting, with_agent, closed
}

json public_message(const Message& m) {
  return {{"id", m.id}, {"from", m.author}, {"text", m.body}, {"at", iso_utc(m.created_at)}};
}

}  // namespace

struct Desk::Internal {
  DeskConfig config;
  std::unique_ptr<Store> store;
  httplib::Server server;
  std::function<Millis()> clock = system_millis;
  ChangeSignal changes;
  RateLimiter handoff_limit, events_limit, message_limit, sign_in_limit;
  std::mutex suggestions_mutex;      // one catch-up at a time in this process (another instance's is harmless)
  std::string dummy_password_hash;  // verified against when the agent does not exist: the same time either way

  Internal(DeskConfig c, std::unique_ptr<Store> s)
      : config(std::move(c)),
        store(std::move(s)),
        handoff_limit(config.handoff_rate),
        events_limit(config.events_rate),
        message_limit(config.message_rate),
        sign_in_limit(config.sign_in_rate) {
    detail::init_crypto();
    dummy_password_hash = detail::hash_password(detail::random_token());
    routes();
  }

  Millis now() const { return clock(); }

  std::string client_of(const httplib::Request& req) const {
    if (config.trust_forwarded_for && req.has_header("X-Forwarded-For")) {
      const std::string forwarded = req.get_header_value("X-Forwarded-For");
      return forwarded.substr(0, forwarded.find(','));
    }
    return req.remote_addr;
  }

  bool limited(RateLimiter& limiter, const httplib::Request& req, httplib::Response& res) {
    if (const auto wait = limiter.take(client_of(req), now())) {
      res.set_header("Retry-After", std::to_string(*wait));
      send_error(res, 429, "rate_limited", "too many requests from this client: try again in " + std::to_string(*wait) + " s");
      return true;
    }
    return false;
  }

  /// POSTs carry JSON; anything else (a form, text/plain from another site) is refused before it is read.
  static bool json_body(const httplib::Request& req, httplib::Response& res) {
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0) {
      send_error(res, 415, "unsupported_media_type", "send the body as Content-Type: application/json");
      return false;
    }
    return true;
  }

  static bool within(const httplib::Request& req, httplib::Response& res, std::size_t limit) {
    if (req.body.size() > limit) {
      send_error(res, 413, "too_large", "the body is " + std::to_string(req.body.size()) + " bytes; at most " +
                                            std::to_string(limit) + " here");
      return false;
    }
    return true;
  }

  int agents_present() { return store->agents_present(now() - config.chat_presence_seconds * 1000LL, now()); }

  // --- CORS --------------------------------------------------------------------
  // Public paths: the configured origins (the widget's host pages), no
  // credentials. Agent paths: agent_origins only, with credentials (the
  // session cookie). A browser request from any other origin is refused here,
  // before a handler runs, so nothing is stored for it.
  httplib::Server::HandlerResponse cors(const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (!req.has_header("Origin")) {
      if (req.method == "OPTIONS") {
        res.status = 204;
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    }
    const std::string origin = req.get_header_value("Origin");
    if (serves_console(req)) return httplib::Server::HandlerResponse::Unhandled;  // static files, GET only
    const bool agent = req.path.rfind("/api/agent/", 0) == 0;
    // The console this desk serves itself (console_root) calls the agent side from the desk's own origin.
    if (agent && !config.console_root.empty() && origin == "http://" + req.get_header_value("Host"))
      return httplib::Server::HandlerResponse::Unhandled;
    const auto& allowed = agent ? config.agent_origins : config.allowed_origins;
    if (std::find(allowed.begin(), allowed.end(), origin) == allowed.end()) {
      send_error(res, 403, "origin_not_allowed", "this desk does not serve pages from " + origin.substr(0, 200));
      return httplib::Server::HandlerResponse::Handled;
    }
    res.set_header("Access-Control-Allow-Origin", origin);
    res.set_header("Vary", "Origin");
    if (agent) {
      res.set_header("Access-Control-Allow-Credentials", "true");
      res.set_header("Access-Control-Expose-Headers", "X-Next-After");
    }
    if (req.method == "OPTIONS") {
      res.set_header("Access-Control-Allow-Methods", "GET, POST");
      res.set_header("Access-Control-Allow-Headers", agent ? "Content-Type, Authorization" : "Content-Type");
      res.set_header("Access-Control-Max-Age", "600");
      res.status = 204;
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  // --- the public side ---------------------------------------------------------
  void post_handoff(const httplib::Request& req, httplib::Response& res) {
    if (!json_body(req, res) || !within(req, res, config.max_handoff_bytes) || limited(handoff_limit, req, res)) return;
    detail::HandoffRequest request;
    if (const auto refusal = detail::read_handoff_request(req.body, config, request)) return send_refusal(res, *refusal);
    const Millis at = now();
    const json promise = detail::promise_for(*request.channel, config, request.locale, at, agents_present());
    const std::string token = detail::random_token();
    NewCase c;
    c.token_hash = detail::token_hash(token);
    c.channel = request.channel->id;
    c.kind = request.channel->kind;
    c.locale = request.locale;
    c.problem_level = request.problem_level;
    c.urgent = request.urgent;
    c.emotional = request.emotional;
    c.summary = request.summary;
    c.handoff_json = request.handoff.dump();
    c.contact_json = request.contact.dump();
    c.promise_json = promise.dump();
    c.created_at = at;
    for (int attempt = 0;; ++attempt) {
      c.reference = detail::random_reference();
      try {
        store->create_case(c);
        break;
      } catch (const StoreError& e) {
        if (e.code() != StoreError::Code::conflict || attempt == 4) throw;  // a reference drawn twice: draw again
      }
    }
    changes.notify();
    send_json(res, 201, {{"reference", c.reference}, {"token", token}, {"status", "waiting"}, {"promise", promise},
                         {"case_url", "/api/cases/" + token}});
  }

  void get_channels(const httplib::Request& req, httplib::Response& res) {
    std::string locale = req.get_param_value("locale");
    if (locale != "en" && locale != "zh-Hant") locale = "zh-Hans";
    const int present = agents_present();
    json channels = json::array();
    for (const auto& c : config.channels) channels.push_back(detail::promise_for(c, config, locale, now(), present));
    send_json(res, 200, {{"timezone", config.timezone}, {"agents_available", present}, {"channels", channels}});
  }

  void post_events(const httplib::Request& req, httplib::Response& res) {
    if (!json_body(req, res) || !within(req, res, config.max_events_bytes) || limited(events_limit, req, res)) return;
    std::vector<detail::WidgetEvent> events;
    if (const auto refusal = detail::read_event_batch(req.body, config, events)) return send_refusal(res, *refusal);
    std::vector<EventRecord> records;
    const std::string client = detail::client_hash(client_of(req));
    for (const auto& e : events) records.push_back({now(), client, e.type, e.session, e.body.dump()});
    store->add_events(records);
    send_json(res, 202, {{"stored", records.size()}});
  }

  std::optional<CaseRecord> case_for_token(const std::string& token, httplib::Response& res) {
    // A token is 43 base64url characters; anything else cannot be one (and is not looked up).
    const bool shaped = token.size() == 43 && std::all_of(token.begin(), token.end(), [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
    });
    auto found = shaped ? store->case_by_token_hash(detail::token_hash(token)) : std::nullopt;
    if (!found) send_error(res, 404, "not_found", "no case has this token");
    return found;
  }

  /// Long poll: waits (at most `wait` seconds) until `ready()` holds, re-checking on every change.
  template <typename Ready>
  void wait_until(int wait_seconds, Ready ready) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(std::clamp(wait_seconds, 0, config.long_poll_max_seconds));
    while (!ready() && !changes.stopping()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      changes.wait(std::min(left, std::chrono::milliseconds(500)));
    }
  }

  static int int_param(const httplib::Request& req, const char* name, int fallback) {
    if (!req.has_param(name)) return fallback;
    try {
      return std::stoi(req.get_param_value(name));
    } catch (...) {
      return fallback;
    }
  }

  void get_case(const httplib::Request& req, httplib::Response& res) {
    auto found = case_for_token(req.matches[1], res);
    if (!found) return;
    const std::int64_t after = int_param(req, "after", 0);
    const std::string known_status = req.get_param_value("status");
    std::vector<Message> messages;
    wait_until(int_param(req, "wait", 0), [&] {
      messages = store->messages(found->id, after);
      if (!messages.empty()) return true;
      if (known_status.empty()) return true;
      found = store->case_by_token_hash(found->token_hash);
      return public_status(found->status) != known_status;
    });
    json list = json::array();
    for (const auto& m : messages) list.push_back(public_message(m));
    send_json(res, 200, {{"reference", found->reference}, {"status", public_status(found->status)},
                         {"channel", found->channel}, {"promise", json::parse(found->promise_json)},
                         {"messages", list}});
  }

  void post_customer_message(const httplib::Request& req, httplib::Response& res) {
    if (!json_body(req, res) || !within(req, res, 4 * config.max_message_chars + 1024) || limited(message_limit, req, res))
      return;
    const auto found = case_for_token(req.matches[1], res);
    if (!found) return;
    std::string text;
    if (const auto refusal = message_text(req.body, text)) return send_refusal(res, *refusal);
    if (found->status == "closed") return send_error(res, 409, "closed", "this case is closed: start a new one from the help panel");
    const Message m = store->add_message(found->id, "customer", std::nullopt, mask_personal_data(text), now());
    changes.notify();
    send_json(res, 201, {{"message", public_message(m)}});
  }

  std::optional<Refusal> message_text(const std::string& body, std::string& text) const {
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return Refusal{400, "bad_json", "the body is not valid JSON"};
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string())
      return Refusal{400, "bad_request", "expected {\"text\": \"...\"}"};
    text = j["text"];
    std::size_t chars = 0;
    for (unsigned char ch : text) chars += (ch & 0xC0) != 0x80;
    if (chars == 0 || text.find_first_not_of(" \n\t") == std::string::npos)
      return Refusal{400, "bad_request", "the message is empty"};
    if (chars > config.max_message_chars)
      return Refusal{413, "too_large", "a message of " + std::to_string(chars) + " characters; at most " +
                                           std::to_string(config.max_message_chars)};
    if (!detail::plain_text(text)) return Refusal{400, "bad_request", "the message holds control characters"};
    return std::nullopt;
  }

  // --- the agent side ------------------------------------------------------------
  std::optional<AgentSession> signed_in(const httplib::Request& req, httplib::Response& res) {
    std::string token;
    const std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0) token = auth.substr(7);
    else token = cookie(req, kSessionCookie);
    std::optional<AgentSession> session;
    if (!token.empty()) session = store->session_by_token_hash(detail::token_hash(token), now());
    if (!session) {
      send_error(res, 401, "unauthorized", "sign in first (POST /api/agent/sign-in)");
      return std::nullopt;
    }
    if (now() - session->last_seen_at > 10000) store->touch_session(session->token_hash, now());
    return session;
  }

  static std::string cookie(const httplib::Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    std::size_t at = 0;
    while (at < header.size()) {
      std::size_t end = header.find(';', at);
      if (end == std::string::npos) end = header.size();
      std::string pair = header.substr(at, end - at);
      pair.erase(0, pair.find_first_not_of(' '));
      if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
      at = end + 1;
    }
    return "";
  }

  void sign_in(const httplib::Request& req, httplib::Response& res) {
    if (!json_body(req, res) || !within(req, res, 4096) || limited(sign_in_limit, req, res)) return;
    const json j = json::parse(req.body, nullptr, false);
    if (j.is_discarded()) return send_error(res, 400, "bad_json", "the body is not valid JSON");
    if (!j.is_object() || !j.value("name", json()).is_string() || !j.value("password", json()).is_string())
      return send_error(res, 400, "bad_request", "expected {\"name\": \"...\", \"password\": \"...\"}");
    const auto agent = store->agent_by_name(j["name"]);
    const bool ok = detail::verify_password(agent ? agent->password_hash : dummy_password_hash, j["password"].get<std::string>());
    if (!agent || !ok) return send_error(res, 401, "wrong_credentials", "the name or the password is wrong");
    const std::string token = detail::random_token();
    const Millis at = now(), expires = at + config.session_hours * 3600000LL;
    store->add_session({detail::token_hash(token), agent->id, agent->name, at, expires, at});
    changes.notify();  // an agent is now present: chat promises change
    res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token + "; Path=/api/agent/; HttpOnly; SameSite=Strict; Max-Age=" +
                                     std::to_string(config.session_hours * 3600));
    send_json(res, 200, {{"agent", {{"id", agent->id}, {"name", agent->name}}}, {"token", token}, {"expires_at", iso_utc(expires)}});
  }

  void sign_out(const httplib::Request& req, httplib::Response& res) {
    const auto session = signed_in(req, res);
    if (!session) return;
    store->delete_session(session->token_hash);
    res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/api/agent/; HttpOnly; SameSite=Strict; Max-Age=0");
    send_json(res, 200, json::object());
  }

  json queue_entry(const CaseRecord& c) const {
    json e = {{"reference", c.reference},
              {"status", c.status},
              {"channel", c.channel},
              {"kind", c.kind},
              {"locale", c.locale},
              {"problem_level", c.problem_level},
              {"urgent", c.urgent},
              {"emotional", c.emotional},
              {"summary", c.summary},
              {"created_at", iso_utc(c.created_at)},
              {"waiting_seconds", std::max<Millis>(0, (now() - c.created_at) / 1000)},
              {"claimed_by", c.claimed_by ? json(c.claimed_by_name) : json(nullptr)}};
    return e;
  }

  void get_queue(const httplib::Request& req, httplib::Response& res) {
    if (!signed_in(req, res)) return;
    const std::int64_t after = req.has_param("after") ? int_param(req, "after", -1) : -1;
    std::int64_t version = 0;
    wait_until(int_param(req, "wait", 0), [&] { return (version = store->queue_version()) > after; });
    json cases = json::array();
    for (const auto& c : store->open_cases()) cases.push_back(queue_entry(c));
    send_json(res, 200, {{"version", version}, {"cases", cases}});
  }

  std::optional<CaseRecord> case_for_reference(const httplib::Request& req, httplib::Response& res) {
    auto found = store->case_by_reference(req.matches[1]);
    if (!found) send_error(res, 404, "not_found", "no case " + std::string(req.matches[1]).substr(0, 40));
    return found;
  }

  json agent_case(const CaseRecord& c) {
    json out = queue_entry(c);
    out["handoff"] = json::parse(c.handoff_json);
    out["contact"] = json::parse(c.contact_json);
    out["promise"] = json::parse(c.promise_json);
    out["outcome"] = c.outcome.empty() ? json(nullptr) : json(c.outcome);
    json messages = json::array();
    for (const auto& m : store->messages(c.id)) messages.push_back(public_message(m));
    out["messages"] = messages;
    return out;
  }

  void get_agent_case(const httplib::Request& req, httplib::Response& res) {
    if (!signed_in(req, res)) return;
    const auto found = case_for_reference(req, res);
    if (found) send_json(res, 200, {{"case", agent_case(*found)}});
  }

  /// The answer to a refused claim, reply or close.
  void refuse(httplib::Response& res, ClaimResult why, const CaseRecord& c) {
    if (why == ClaimResult::closed) return send_error(res, 409, "closed", "case " + c.reference + " is closed");
    if (why == ClaimResult::not_found) return send_error(res, 404, "not_found", "no case " + c.reference);
    const auto now_case = store->case_by_reference(c.reference);
    if (now_case && now_case->claimed_by)
      return send_error(res, 409, "claimed_by_other", "case " + c.reference + " is claimed by " + now_case->claimed_by_name);
    send_error(res, 409, "not_claimed", "claim case " + c.reference + " before answering or closing it");
  }

  void claim(const httplib::Request& req, httplib::Response& res) {
    const auto session = signed_in(req, res);
    if (!session) return;
    const auto found = case_for_reference(req, res);
    if (!found) return;
    const ClaimResult result = store->claim_case(found->id, session->agent_id, now());
    if (result != ClaimResult::claimed && result != ClaimResult::already_yours) return refuse(res, result, *found);
    changes.notify();
    send_json(res, 200, {{"case", agent_case(*store->case_by_reference(found->reference))}});
  }

  void agent_reply(const httplib::Request& req, httplib::Response& res) {
    if (!json_body(req, res) || !within(req, res, 4 * config.max_message_chars + 1024)) return;
    const auto session = signed_in(req, res);
    if (!session) return;
    const auto found = case_for_reference(req, res);
    if (!found) return;
    std::string text;
    if (const auto refusal = message_text(req.body, text)) return send_refusal(res, *refusal);
    if (found->status != "claimed" || found->claimed_by != session->agent_id)
      return refuse(res, found->status == "closed" ? ClaimResult::closed : ClaimResult::claimed_by_other, *found);
    const Message m = store->add_message(found->id, "agent", session->agent_id, text, now());
    changes.notify();
    send_json(res, 201, {{"message", public_message(m)}});
  }

  void close_case(const httplib::Request& req, httplib::Response& res) {
    if (!json_body(req, res) || !within(req, res, 4096)) return;
    const auto session = signed_in(req, res);
    if (!session) return;
    const auto found = case_for_reference(req, res);
    if (!found) return;
    const json j = json::parse(req.body, nullptr, false);
    if (j.is_discarded()) return send_error(res, 400, "bad_json", "the body is not valid JSON");
    const json outcome = j.is_object() ? j.value("outcome", json()) : json();
    if (!outcome.is_string() || !kOutcomes.count(outcome.get<std::string>()))
      return send_error(res, 400, "bad_request",
                        "expected {\"outcome\": ...}, one of resolved, compensated, explained, unresolved, unreachable, duplicate");
    const ClaimResult result = store->close_case(found->id, session->agent_id, outcome, now());
    if (result != ClaimResult::claimed) return refuse(res, result, *found);
    changes.notify();
    send_json(res, 200, {{"case", agent_case(*store->case_by_reference(found->reference))}});
  }

  // The widget's events of a period, for the editors (the console's Editor tab): JSON Lines
  // of the events as stored (masked in the widget and again here), oldest first; a page ends
  // at `limit` lines and X-Next-After names the id to continue after.
  void get_events(const httplib::Request& req, httplib::Response& res) {
    if (!signed_in(req, res)) return;
    const auto bound = [&](const char* name, Millis fallback) -> std::optional<Millis> {
      if (!req.has_param(name)) return fallback;
      return parse_iso_utc(req.get_param_value(name));
    };
    const auto from = bound("from", 0), to = bound("to", std::numeric_limits<Millis>::max());
    if (!from || !to)
      return send_error(res, 400, "bad_request", "from and to are UTC dates or times: 2026-11-24 or 2026-11-24T02:00:00Z");
    const int limit = std::clamp(int_param(req, "limit", 5000), 1, 20000);
    const auto events = store->events_between(*from, *to, std::max(0, int_param(req, "after", 0)), limit);
    std::string body;
    for (const auto& event : events) (body += event.body_json) += '\n';
    if (static_cast<int>(events.size()) == limit) res.set_header("X-Next-After", std::to_string(events.back().id));
    res.set_content(body, "application/x-ndjson; charset=utf-8");
  }

  // --- suggested example questions (suggestions.cpp) ------------------------------
  static json suggestion_json(const Suggestion& s) {
    json latest = json::array();
    for (const auto& e : s.latest) {
      json got = json::parse(e.got_json, nullptr, false);
      latest.push_back({{"kind", e.kind}, {"got", got.is_discarded() ? json::object() : got}, {"at", iso_utc(e.seen_at)}});
    }
    const auto when = [](const std::optional<Millis>& t) { return t ? json(iso_utc(*t)) : json(nullptr); };
    const auto who = [](const std::string& name) { return name.empty() ? json(nullptr) : json(name); };
    return {{"id", s.id},
            {"intent", s.intent},
            {"locale", s.locale},
            {"wording", s.wording},
            {"status", s.status},
            {"customers", s.customers},
            {"evidence", {{"clarified", s.clarified}, {"rephrased", s.rephrased}, {"latest", latest}}},
            {"first_seen", iso_utc(s.first_seen)},
            {"last_seen", iso_utc(s.last_seen)},
            {"decided_by", who(s.decided_by)},
            {"decided_at", when(s.decided_at)},
            {"written_by", who(s.written_by)},
            {"written_at", when(s.written_at)}};
  }

  void get_suggestions(const httplib::Request& req, httplib::Response& res) {
    if (!signed_in(req, res)) return;
    const std::string status = req.has_param("status") ? req.get_param_value("status") : "pending";
    static const std::set<std::string> statuses = {"pending", "accepted", "rejected", "written", "all"};
    if (!statuses.count(status))
      return send_error(res, 400, "bad_request", "status is one of pending, accepted, rejected, written, all");
    {
      std::lock_guard lock(suggestions_mutex);
      detail::catch_up_suggestions(*store, now());
    }
    json list = json::array();
    for (const auto& s : store->suggestions(status == "all" ? "" : status)) list.push_back(suggestion_json(s));
    send_json(res, 200, {{"suggestions", list}});
  }

  /// POST /api/agent/suggestions/<id>/{accept,reject,written}
  void change_suggestion(const httplib::Request& req, httplib::Response& res) {
    if (!json_body(req, res) || !within(req, res, 4096)) return;
    const auto session = signed_in(req, res);
    if (!session) return;
    std::int64_t id = 0;
    try {
      id = std::stoll(req.matches[1]);
    } catch (...) {
      return send_error(res, 404, "not_found", "no such suggestion");
    }
    const std::string action = req.matches[2];
    const SuggestionChange result =
        action == "written" ? store->mark_suggestion_written(id, session->agent_id, now())
                            : store->decide_suggestion(id, action == "accept" ? "accepted" : "rejected", session->agent_id, now());
    if (result == SuggestionChange::not_found) return send_error(res, 404, "not_found", "no suggestion " + std::to_string(id));
    if (result == SuggestionChange::written)
      return send_error(res, 409, "written", "suggestion " + std::to_string(id) + " is written into kb-content already");
    if (result == SuggestionChange::not_accepted)
      return send_error(res, 409, "not_accepted", "accept suggestion " + std::to_string(id) + " before marking it written");
    send_json(res, 200, {{"suggestion", suggestion_json(*store->suggestion(id))}});
  }

  void get_agent_index(const httplib::Request& req, httplib::Response& res) {
    if (!signed_in(req, res)) return;
    if (config.agent_index.empty()) return send_error(res, 404, "not_found", "this desk serves no agent index");
    auto file = std::make_shared<std::ifstream>(config.agent_index, std::ios::binary);
    if (!*file) return send_error(res, 503, "unavailable", "the agent index cannot be read");
    file->seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(file->tellg());
    file->seekg(0);
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", "private, no-store");
    res.set_content_provider(size, "application/octet-stream", [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
      std::vector<char> buffer(std::min<std::size_t>(length, 64 * 1024));
      file->seekg(static_cast<std::streamoff>(offset));
      file->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      sink.write(buffer.data(), static_cast<std::size_t>(file->gcount()));
      return file->gcount() > 0;
    });
  }

  // --- the browser console's files (console_root) --------------------------------
  bool serves_console(const httplib::Request& req) const {
    return !config.console_root.empty() && (req.path == "/console" || req.path.rfind("/console/", 0) == 0);
  }

  /// GET /console/<file>: the page and the module, under the same strict policy
  /// as the demo server's pages (web/demo/serve.mjs); never agent.db.
  void get_console_file(const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/console") {
      res.status = 301;
      res.set_header("Location", "/console/");
      return;
    }
    std::string name = req.path.substr(std::string("/console/").size());
    if (name.empty()) name = "index.html";
    const bool plain = std::all_of(name.begin(), name.end(), [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_';
    });
    static const std::map<std::string, std::string> kTypes = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".wasm", "application/wasm"}, {".data", "application/octet-stream"}, {".json", "application/json; charset=utf-8"},
        {".png", "image/png"}, {".svg", "image/svg+xml"}};
    const std::size_t dot = name.rfind('.');
    const auto type = dot == std::string::npos ? kTypes.end() : kTypes.find(name.substr(dot));
    // One folder, no subfolders, no dot files; the internal index is served only by /api/agent/agent.db.
    if (!plain || name[0] == '.' || type == kTypes.end() || name.find(".db") != std::string::npos)
      return send_error(res, 404, "not_found", "no such file in the console");
    std::ifstream in(config.console_root + "/" + name, std::ios::binary);
    if (!in) return send_error(res, 404, "not_found", "no such file in the console");
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
                   "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                   "form-action 'self'");
    res.set_header("Referrer-Policy", "no-referrer");
    res.status = 200;
    res.set_content(std::move(body), type->second);
  }

  void routes() {
    using namespace std::placeholders;
    const auto bind = [this](void (Internal::*handler)(const httplib::Request&, httplib::Response&)) {
      return [this, handler](const httplib::Request& req, httplib::Response& res) { (this->*handler)(req, res); };
    };
    const std::size_t largest = std::max({config.max_handoff_bytes, config.max_events_bytes, 4 * config.max_message_chars + 1024,
                                          std::size_t{4096}});
    server.set_payload_max_length(largest);
    server.new_task_queue = [threads = config.threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    // An answer's header and body go out as separate writes; with Nagle's algorithm the body
    // would wait for the client's delayed ACK (about 40 ms a request, measured by desk_load_bench).
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(1000);
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) { return cors(req, res); });
    server.Post("/api/handoffs", bind(&Internal::post_handoff));
    server.Post("/api/events", bind(&Internal::post_events));
    server.Get("/api/channels", bind(&Internal::get_channels));
    server.Get(R"(/api/cases/([^/]+))", bind(&Internal::get_case));
    server.Post(R"(/api/cases/([^/]+)/messages)", bind(&Internal::post_customer_message));
    server.Post("/api/agent/sign-in", bind(&Internal::sign_in));
    server.Post("/api/agent/sign-out", bind(&Internal::sign_out));
    server.Get("/api/agent/queue", bind(&Internal::get_queue));
    server.Get(R"(/api/agent/cases/([^/]+))", bind(&Internal::get_agent_case));
    server.Post(R"(/api/agent/cases/([^/]+)/claim)", bind(&Internal::claim));
    server.Post(R"(/api/agent/cases/([^/]+)/messages)", bind(&Internal::agent_reply));
    server.Post(R"(/api/agent/cases/([^/]+)/close)", bind(&Internal::close_case));
    server.Get("/api/agent/agent.db", bind(&Internal::get_agent_index));
    server.Get("/api/agent/events", bind(&Internal::get_events));
    server.Get("/api/agent/suggestions", bind(&Internal::get_suggestions));
    server.Post(R"(/api/agent/suggestions/([0-9]{1,18})/(accept|reject|written))", bind(&Internal::change_suggestion));
    if (!config.console_root.empty()) server.Get(R"(/console(/[^/]*)?)", bind(&Internal::get_console_file));
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      try {
        std::rethrow_exception(ep);
      } catch (const StoreError& e) {
        if (e.code() == StoreError::Code::unavailable)
          return send_error(res, 503, "store_unavailable", "the desk cannot reach its store; nothing was stored: try again");
        send_error(res, 500, "internal", "the desk failed; nothing was stored");
      } catch (const std::exception&) {
        send_error(res, 500, "internal", "the desk failed; nothing was stored");
      }
    });
    // httplib's own refusals (an unknown path, a body over the cap, a bad request line) get a JSON body too.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      if (res.status == 404) send_error(res, 404, "not_found", "no such endpoint");
      else if (res.status == 413) send_error(res, 413, "too_large", "the body is larger than this desk accepts");
      else if (res.status == 405) send_error(res, 405, "method_not_allowed", "not with this method");
      else send_error(res, res.status, res.status >= 500 ? "internal" : "bad_request", "the request was refused");
    });
  }
};

Desk::Desk(DeskConfig config, std::unique_ptr<Store> store)
    : internal_(std::make_unique<Internal>(std::move(config), std::move(store))) {}
Desk::~Desk() { stop(); }

int Desk::bind() {
  auto& i = *internal_;
  // Debian's cpp-httplib (a shared library) listens with a backlog of 5: a burst of new
  // connections beyond that has its SYNs dropped and waits a second for the retry
  // (desk_load_bench, 64 clients: max 1.1 s). Listening again on the bound socket raises it.
  int bound_socket = -1;
  i.server.set_socket_options([&bound_socket](socket_t sock) {
    httplib::default_socket_options(sock);
    bound_socket = sock;
  });
  const int port = i.config.port == 0 ? i.server.bind_to_any_port(i.config.host)
                                       : (i.server.bind_to_port(i.config.host, i.config.port) ? i.config.port : -1);
  if (port <= 0)
    throw std::runtime_error("cannot listen on " + i.config.host + ":" + std::to_string(i.config.port) + " (in use?)");
  if (bound_socket >= 0) ::listen(bound_socket, SOMAXCONN);
  return port;
}

void Desk::serve() { internal_->server.listen_after_bind(); }

void Desk::stop() {
  internal_->changes.stop();
  internal_->server.stop();
}

Store& Desk::store() { return *internal_->store; }
void Desk::set_clock(std::function<Millis()> clock) { internal_->clock = std::move(clock); }

}  // namespace firstline::desk
