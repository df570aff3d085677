// The console's side of the handoff desk (see desk_session.h).
#include "firstline/console/desk_session.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace firstline::console {

namespace {

using nlohmann::json;

std::string string_at(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// "FL-7K3M9Q" and the like: what may go into a path unescaped.
bool plain_reference(const std::string& reference) {
  return !reference.empty() && reference.size() <= 40 && std::all_of(reference.begin(), reference.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
  });
}

QueueEntry entry_from(const json& j, double now) {
  QueueEntry e;
  e.reference = string_at(j, "reference");
  e.status = string_at(j, "status");
  e.channel = string_at(j, "channel");
  e.kind = string_at(j, "kind");
  e.locale = string_at(j, "locale");
  e.summary = string_at(j, "summary");
  e.created_at = string_at(j, "created_at");
  e.claimed_by = string_at(j, "claimed_by");
  if (j.contains("problem_level") && j["problem_level"].is_number_integer())
    e.problem_level = std::clamp(j["problem_level"].get<int>(), 1, 4);
  e.urgent = j.value("urgent", false);
  e.emotional = j.value("emotional", false);
  if (j.contains("waiting_seconds") && j["waiting_seconds"].is_number()) e.waiting_seconds = j["waiting_seconds"].get<double>();
  e.received_at = now;
  return e;
}

}  // namespace

std::vector<SuggestionEntry> parse_suggestions(const std::string& body) {
  const json j = json::parse(body, nullptr, false);
  std::vector<SuggestionEntry> out;
  if (!j.is_object() || !j.contains("suggestions") || !j["suggestions"].is_array()) return out;
  for (const auto& s : j["suggestions"]) {
    if (!s.is_object() || !s.contains("id") || !s["id"].is_number_integer()) continue;
    SuggestionEntry e;
    e.id = s["id"].get<std::int64_t>();
    e.intent = string_at(s, "intent");
    e.locale = string_at(s, "locale");
    e.wording = string_at(s, "wording");
    e.status = string_at(s, "status");
    e.last_seen = string_at(s, "last_seen");
    if (s.contains("customers") && s["customers"].is_number_integer()) e.customers = s["customers"].get<int>();
    if (s.contains("evidence") && s["evidence"].is_object()) {
      const json& ev = s["evidence"];
      if (ev.contains("clarified") && ev["clarified"].is_number_integer()) e.clarified = ev["clarified"].get<int>();
      if (ev.contains("rephrased") && ev["rephrased"].is_number_integer()) e.rephrased = ev["rephrased"].get<int>();
      if (ev.contains("latest") && ev["latest"].is_array())
        for (const auto& l : ev["latest"]) {
          if (!l.is_object() || !l.contains("got") || !l["got"].is_object()) continue;
          const json& got = l["got"];
          std::string line = string_at(got, "kind");
          if (got.contains("reason") && got["reason"].is_string()) line += " (" + got["reason"].get<std::string>() + ")";
          std::string intents;
          if (got.contains("intents") && got["intents"].is_array())
            for (const auto& i : got["intents"])
              if (i.is_object()) intents += (intents.empty() ? "" : ", ") + string_at(i, "id");
          if (!intents.empty()) line += ": " + intents;
          e.got.push_back(line);
        }
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::string suggestion_evidence(const SuggestionEntry& e) {
  std::string out = std::to_string(e.customers) + (e.customers == 1 ? " customer" : " customers");
  std::string how;
  if (e.clarified) how = std::to_string(e.clarified) + " clarified";
  if (e.rephrased) how += (how.empty() ? "" : ", ") + std::to_string(e.rephrased) + " rephrased";
  if (!how.empty()) out += " · " + how;
  if (!e.got.empty()) out += " · got " + e.got.front();
  return out;
}

const std::vector<std::string>& case_outcomes() {
  static const std::vector<std::string> outcomes = {"resolved", "compensated", "explained", "unresolved", "unreachable", "duplicate"};
  return outcomes;
}

DeskSession::DeskSession(std::unique_ptr<DeskTransport> transport, std::string desk_url, std::function<double()> clock)
    : transport_(std::move(transport)), desk_url_(std::move(desk_url)), clock_(std::move(clock)) {
  while (!desk_url_.empty() && desk_url_.back() == '/') desk_url_.pop_back();
}

DeskSession::~DeskSession() = default;

void DeskSession::send(Purpose purpose, const std::string& method, const std::string& path, const std::string& body,
                       const std::string& reference) {
  const std::uint64_t id = next_id_++;
  pending_[id] = {purpose, reference};
  transport_->send(id, {method, path, body, token_});
}

void DeskSession::sign_in(const std::string& name, const std::string& password) {
  if (state_ == State::signing_in) return;
  error_.clear();
  if (name.empty() || password.empty()) {
    error_ = "Give your agent name and password.";
    return;
  }
  state_ = State::signing_in;
  agent_ = name;
  send(Purpose::sign_in, "POST", "/api/agent/sign-in", json{{"name", name}, {"password", password}}.dump());
}

void DeskSession::sign_out() {
  if (state_ != State::signed_in) return;
  send(Purpose::sign_out, "POST", "/api/agent/sign-out", "{}");
  signed_out("");
  notice_ = "Signed out.";
}

void DeskSession::signed_out(const std::string& why) {
  // Answers to what was asked before do not belong to the next session.
  for (auto it = pending_.begin(); it != pending_.end();)
    it = it->second.purpose == Purpose::sign_out ? std::next(it) : pending_.erase(it);
  state_ = State::signed_out;
  token_.clear();
  queue_.clear();
  version_ = -1;
  queue_in_flight_ = false;
  case_.reset();
  wanted_case_.clear();
  suggestions_.pending.clear();
  suggestions_.loading = false;
  error_ = why;
  ++generation_;
}

void DeskSession::open_case(const std::string& reference) {
  if (state_ != State::signed_in || !plain_reference(reference)) return;
  wanted_case_ = reference;
  if (case_ && case_->entry.reference != reference) case_.reset();
  send(Purpose::read_case, "GET", "/api/agent/cases/" + reference, "", reference);
}

void DeskSession::claim() {
  if (state_ != State::signed_in || wanted_case_.empty()) return;
  send(Purpose::claim, "POST", "/api/agent/cases/" + wanted_case_ + "/claim", "{}", wanted_case_);
}

void DeskSession::reply(const std::string& text) {
  if (state_ != State::signed_in || wanted_case_.empty()) return;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    error_ = "Write the reply first.";
    return;
  }
  send(Purpose::reply, "POST", "/api/agent/cases/" + wanted_case_ + "/messages", json{{"text", text}}.dump(), wanted_case_);
}

void DeskSession::close(const std::string& outcome) {
  if (state_ != State::signed_in || wanted_case_.empty()) return;
  send(Purpose::close, "POST", "/api/agent/cases/" + wanted_case_ + "/close", json{{"outcome", outcome}}.dump(), wanted_case_);
}

void DeskSession::poll() {
  for (auto& [id, answer] : transport_->take_answers()) {
    const auto it = pending_.find(id);
    if (it == pending_.end()) continue;  // asked before a sign-out
    const Pending pending = it->second;
    pending_.erase(it);
    handle(pending, answer);
  }
  if (state_ == State::signed_in && !queue_in_flight_ && clock_() >= next_queue_at_) {
    queue_in_flight_ = true;
    // The first request answers at once; the next wait for a newer version (the long poll).
    const std::string path = version_ < 0 ? "/api/agent/queue"
                                          : "/api/agent/queue?after=" + std::to_string(version_) +
                                                "&wait=" + std::to_string(long_poll_seconds);
    send(Purpose::queue, "GET", path);
  }
}

std::string DeskSession::failure(const DeskAnswer& answer, const std::string& doing) const {
  if (answer.status == 0)
    return "The desk at " + (desk_url_.empty() ? std::string("this site") : desk_url_) + " cannot be reached (" +
           answer.error + ") while " + doing + ". Search still works without it.";
  const json j = json::parse(answer.body, nullptr, false);
  std::string message;
  if (j.is_object() && j.contains("error") && j["error"].is_object()) message = string_at(j["error"], "message");
  if (message.empty()) message = "HTTP " + std::to_string(answer.status);
  return std::string("Could not finish ") + doing + ": " + message;
}

void DeskSession::fetch_events(const std::string& from, const std::string& to, const std::string& label) {
  if (state_ != State::signed_in) {
    error_ = "Sign in to the desk (the Queue tab) to read what customers asked.";
    return;
  }
  std::string path = "/api/agent/events?limit=" + std::to_string(kMaxEvents);
  if (!from.empty()) path += "&from=" + from;
  if (!to.empty()) path += "&to=" + to;
  events_.label = label;
  events_.loading = true;
  send(Purpose::events, "GET", path);
}

void DeskSession::fetch_suggestions() {
  if (state_ != State::signed_in) {
    error_ = "Sign in to the desk (the Queue tab) to read the suggested examples.";
    return;
  }
  suggestions_.loading = true;
  send(Purpose::suggestions, "GET", "/api/agent/suggestions?status=pending");
}

void DeskSession::decide_suggestion(std::int64_t id, bool accept) {
  if (state_ != State::signed_in) return;
  send(Purpose::decide, "POST", "/api/agent/suggestions/" + std::to_string(id) + (accept ? "/accept" : "/reject"), "{}",
       std::to_string(id));
}

void DeskSession::handle(const Pending& pending, const DeskAnswer& answer) {
  const bool ok = answer.status >= 200 && answer.status < 300;
  if (answer.status == 401 && pending.purpose != Purpose::sign_in && pending.purpose != Purpose::sign_out)
    return signed_out("Your session ended: sign in again.");
  switch (pending.purpose) {
    case Purpose::sign_in: {
      if (!ok) {
        state_ = State::signed_out;
        if (answer.status == 401) error_ = "The name or the password is wrong.";
        else if (answer.status == 404)
          error_ = "No handoff desk answers at " + (desk_url_.empty() ? std::string("this site") : desk_url_) +
                   " (404 for /api/agent/sign-in): open the console from the desk, or name it (--desk URL, ?desk=URL).";
        else error_ = failure(answer, "signing in");
        return;
      }
      const json j = json::parse(answer.body, nullptr, false);
      state_ = State::signed_in;
      token_ = j.is_object() ? string_at(j, "token") : "";
      if (j.is_object() && j.contains("agent") && j["agent"].is_object()) agent_ = string_at(j["agent"], "name");
      error_.clear();
      notice_ = "Signed in as " + agent_ + ".";
      version_ = -1;
      next_queue_at_ = 0;
      ++generation_;
      return;
    }
    case Purpose::sign_out: return;
    case Purpose::events:
      events_.loading = false;
      if (!ok) {
        error_ = failure(answer, "reading the customers' events");
        return;
      }
      events_.jsonl = answer.body;
      ++events_.generation;
      ++generation_;
      return;
    case Purpose::suggestions:
      suggestions_.loading = false;
      if (!ok) {
        error_ = failure(answer, "reading the suggested examples");
        return;
      }
      suggestions_.pending = parse_suggestions(answer.body);
      ++suggestions_.generation;
      ++generation_;
      return;
    case Purpose::decide: {
      if (!ok) {
        error_ = failure(answer, "deciding on suggestion " + pending.reference);
        return;
      }
      error_.clear();
      const json j = json::parse(answer.body, nullptr, false);
      const json one = j.is_object() && j.contains("suggestion") ? j["suggestion"] : json();
      const auto decided = parse_suggestions(json{{"suggestions", json::array({one})}}.dump());
      auto& list = suggestions_.pending;
      list.erase(std::remove_if(list.begin(), list.end(), [&](const SuggestionEntry& e) { return std::to_string(e.id) == pending.reference; }),
                 list.end());
      if (!decided.empty())
        notice_ = std::string(decided[0].status == "accepted" ? "Accepted \u201c" : "Rejected \u201c") + decided[0].wording + "\u201d for " +
                  decided[0].intent + ".";
      ++suggestions_.generation;
      ++generation_;
      return;
    }
    case Purpose::queue:
      queue_in_flight_ = false;
      if (!ok) {
        error_ = failure(answer, "reading the queue");
        next_queue_at_ = clock_() + retry_seconds;
        return;
      }
      if (error_.rfind("The desk at", 0) == 0 || error_.rfind("Could not finish reading the queue", 0) == 0) error_.clear();
      take_queue(answer.body);
      return;
    case Purpose::read_case:
      if (pending.reference != wanted_case_) return;  // the agent has moved on to another case
      if (!ok) {
        error_ = failure(answer, "reading case " + pending.reference);
        return;
      }
      take_case(answer.body);
      return;
    case Purpose::claim:
    case Purpose::reply:
    case Purpose::close: {
      const std::string doing = pending.purpose == Purpose::claim ? "claiming the case" : pending.purpose == Purpose::reply ? "sending the reply" : "closing the case";
      if (!ok) {
        error_ = failure(answer, doing);
        if (pending.reference == wanted_case_) open_case(wanted_case_);  // show the case as it now is
        return;
      }
      error_.clear();
      if (pending.purpose == Purpose::reply) {
        notice_ = "Reply sent to " + pending.reference + ".";
        if (pending.reference == wanted_case_) open_case(wanted_case_);
      } else {
        notice_ = (pending.purpose == Purpose::claim ? "Claimed " : "Closed ") + pending.reference + ".";
        if (pending.reference == wanted_case_) take_case(answer.body);
      }
      return;
    }
  }
}

void DeskSession::take_queue(const std::string& body) {
  const json j = json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("cases") || !j["cases"].is_array()) {
    error_ = "The desk's queue answer was not understood.";
    next_queue_at_ = clock_() + retry_seconds;
    return;
  }
  const std::int64_t version = j.value("version", std::int64_t{0});
  const bool changed = version != version_;
  version_ = version;
  const double now = clock_();
  queue_.clear();
  for (const auto& c : j["cases"])
    if (c.is_object()) {
      queue_.push_back(entry_from(c, now));
      first_seen_.emplace(queue_.back().reference, now);
    }
  ++generation_;
  // A newer version may be a message from the customer or another agent's claim: read the open case again.
  if (changed && !wanted_case_.empty()) open_case(wanted_case_);
}

void DeskSession::take_case(const std::string& body) {
  const json j = json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("case") || !j["case"].is_object()) {
    error_ = "The desk's answer for the case was not understood.";
    return;
  }
  const json& c = j["case"];
  DeskCase out;
  out.entry = entry_from(c, clock_());
  out.handoff_json = c.contains("handoff") ? c["handoff"].dump() : "null";
  out.case_json = c.dump();
  if (c.contains("contact") && c["contact"].is_object()) {
    out.contact_phone = string_at(c["contact"], "phone");
    out.contact_time = string_at(c["contact"], "time");
  }
  if (c.contains("promise") && c["promise"].is_object()) out.promise_text = string_at(c["promise"], "text");
  out.outcome = string_at(c, "outcome");
  if (c.contains("messages") && c["messages"].is_array())
    for (const auto& m : c["messages"])
      if (m.is_object()) out.messages.push_back({m.value("id", std::int64_t{0}), string_at(m, "from"), string_at(m, "text"), string_at(m, "at")});
  case_ = std::move(out);
  ++generation_;
}

double DeskSession::waiting_seconds(const QueueEntry& entry) const {
  return entry.waiting_seconds + std::max(0.0, clock_() - entry.received_at);
}

bool DeskSession::case_is_mine() const {
  return case_ && case_->entry.status == "claimed" && case_->entry.claimed_by == agent_;
}

std::string DeskSession::state_json() const {
  json queue = json::array();
  for (const auto& e : queue_) queue.push_back(e.reference);
  json open = nullptr;
  if (case_)
    open = {{"reference", case_->entry.reference}, {"status", case_->entry.status}, {"claimed_by", case_->entry.claimed_by},
            {"outcome", case_->outcome}, {"messages", case_->messages.size()}};
  const char* state = state_ == State::signed_in ? "signed_in" : state_ == State::signing_in ? "signing_in" : "signed_out";
  return json{{"state", state}, {"agent", agent_}, {"error", error_}, {"queue", queue}, {"case", open},
              {"first_seen", first_seen_}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool DeskSession::busy() const {
  return std::any_of(pending_.begin(), pending_.end(), [](const auto& p) {
    return p.second.purpose != Purpose::queue && p.second.purpose != Purpose::sign_out;
  });
}

}  // namespace firstline::console
