#include "firstline/api.h"

#include <optional>

#include <nlohmann/json.hpp>

#include "firstline/index.h"
#include "firstline/schema.h"

using nlohmann::json;

namespace firstline {

struct Api::State {
  std::optional<Index> index;
};

Api::Api() : state_(std::make_unique<State>()) {}
Api::~Api() = default;

namespace {

json ok(json result) { return {{"api", kApiVersion}, {"ok", true}, {"result", std::move(result)}}; }

json failure(const std::string& code, const std::string& message) {
  return {{"api", kApiVersion}, {"ok", false}, {"error", {{"code", code}, {"message", message}}}};
}

std::string required_string(const json& request, const char* key) {
  const auto it = request.find(key);
  if (it == request.end() || !it->is_string())
    throw Error(ErrorCode::invalid_argument, std::string("request needs a string '") + key + "'");
  return it->get<std::string>();
}

const Index& open_index(const std::optional<Index>& index) {
  if (!index) throw Error(ErrorCode::invalid_argument, "no index is open: call 'open' first");
  return *index;
}

}  // namespace

std::string Api::call(const std::string& request_text) {
  json response;
  try {
    const json request = json::parse(request_text, nullptr, /*allow_exceptions=*/false);
    if (!request.is_object()) return failure("bad_request", "the request is not a JSON object").dump();
    if (request.contains("api") && request["api"] != kApiVersion)
      return failure("unsupported_api", "this module speaks API version " + std::to_string(kApiVersion)).dump();
    const std::string op = request.value("op", "");
    if (op == "version") {
      response = ok({{"api", kApiVersion}, {"core", FIRSTLINE_VERSION}, {"index_format", schema::kFormatVersion}});
    } else if (op == "open") {
      state_->index.reset();
      state_->index = Index::open(required_string(request, "path"));
      response = ok({{"build", json::parse(state_->index->build_info().json)}});
    } else if (op == "search") {
      const Index& index = open_index(state_->index);
      const int limit = request.value("limit", 10);
      json hits = json::array();
      for (const auto& hit : index.search(required_string(request, "query"), limit > 0 ? limit : 0))
        hits.push_back({{"id", hit.id},
                        {"title", hit.title},
                        {"type", hit.type},
                        {"locale", hit.locale},
                        {"intents", hit.intents},
                        {"snippet", hit.snippet_html},
                        {"score", hit.score}});
      response = ok({{"hits", hits}});
    } else if (op == "article") {
      const Index& index = open_index(state_->index);
      response = ok({{"article", json::parse(index.article_json(required_string(request, "id")))}});
    } else {
      response = failure("unknown_op", "unknown operation '" + op + "' (expected version, open, search or article)");
    }
  } catch (const Error& e) {
    response = failure(error_code_name(e.code()), e.what());
  } catch (const json::exception& e) {
    response = failure("bad_request", e.what());
  } catch (const std::exception& e) {
    response = failure("internal", e.what());
  }
  // Invalid UTF-8 from a query never breaks the response: it is replaced.
  return response.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace firstline
