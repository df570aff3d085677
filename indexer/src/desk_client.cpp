#include "desk_client.h"

#include <httplib.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace firstline::indexer {

using nlohmann::json;

namespace {

std::string reason(const httplib::Result& res, const std::string& doing) {
  if (!res) return "the desk cannot be reached while " + doing + " (" + httplib::to_string(res.error()) + ")";
  const json j = json::parse(res->body, nullptr, false);
  std::string message = j.is_object() && j.contains("error") && j["error"].is_object() ? j["error"].value("message", "") : "";
  return "the desk refused " + doing + " (HTTP " + std::to_string(res->status) + (message.empty() ? ")" : "): " + message);
}

std::vector<AcceptedWording> accepted_in(const json& answer) {
  std::vector<AcceptedWording> out;
  if (!answer.is_object() || !answer.contains("suggestions") || !answer["suggestions"].is_array())
    throw std::runtime_error("expected {\"suggestions\": [...]} (the answer of GET /api/agent/suggestions)");
  for (const auto& s : answer["suggestions"]) {
    if (!s.is_object() || s.value("status", "") != "accepted") continue;
    if (!s.contains("id") || !s["id"].is_number_integer() || !s.value("intent", json()).is_string() ||
        !s.value("locale", json()).is_string() || !s.value("wording", json()).is_string())
      throw std::runtime_error("a suggestion without id, intent, locale and wording: " + s.dump().substr(0, 200));
    out.push_back({s["id"].get<std::int64_t>(), s["intent"], s["locale"], s["wording"]});
  }
  return out;
}

}  // namespace

struct DeskClient::Internal {
  httplib::Client http;
  httplib::Headers auth;
  explicit Internal(const std::string& url) : http(url) {}
};

DeskClient::DeskClient(const std::string& desk_url, const std::string& agent, const std::string& password)
    : internal_(std::make_unique<Internal>(desk_url)) {
  auto& http = internal_->http;
  http.set_connection_timeout(10, 0);
  http.set_read_timeout(60, 0);
  const auto res = http.Post("/api/agent/sign-in", json{{"name", agent}, {"password", password}}.dump(), "application/json");
  if (!res || res->status != 200) throw std::runtime_error(reason(res, "signing in as " + agent));
  const json j = json::parse(res->body, nullptr, false);
  if (!j.is_object() || !j.value("token", json()).is_string()) throw std::runtime_error("the desk's sign-in answer has no token");
  internal_->auth = {{"Authorization", "Bearer " + j["token"].get<std::string>()}};
}

DeskClient::~DeskClient() { internal_->http.Post("/api/agent/sign-out", internal_->auth, "{}", "application/json"); }

std::vector<AcceptedWording> DeskClient::accepted() {
  const auto res = internal_->http.Get("/api/agent/suggestions?status=accepted", internal_->auth);
  if (!res || res->status != 200) throw std::runtime_error(reason(res, "listing the accepted suggestions"));
  const json j = json::parse(res->body, nullptr, false);
  return accepted_in(j);
}

void DeskClient::mark_written(std::int64_t id) {
  const auto res = internal_->http.Post("/api/agent/suggestions/" + std::to_string(id) + "/written", internal_->auth, "{}",
                                        "application/json");
  if (!res || res->status != 200) throw std::runtime_error(reason(res, "marking suggestion " + std::to_string(id) + " written"));
}

std::vector<AcceptedWording> accepted_from_export(const std::string& json_text) {
  const json j = json::parse(json_text, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error("not JSON");
  return accepted_in(j);
}

}  // namespace firstline::indexer
