#include "firstline/api.h"

#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "firstline/engine.h"
#include "firstline/index.h"
#include "firstline/limits.h"
#include "firstline/personal_data.h"
#include "firstline/read_probe.h"
#include "firstline/schema.h"

using nlohmann::json;

namespace firstline {

struct Api::State {
  std::optional<Engine> engine;
  std::map<std::string, Session> sessions;
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

const Engine& open_engine(const std::optional<Engine>& engine) {
  if (!engine) throw Error(ErrorCode::invalid_argument, "no index is open: call 'open' first");
  return *engine;
}

json hit_json(const ArticleHit& hit) {
  return {{"id", hit.id},         {"title", hit.title},     {"type", hit.type},       {"locale", hit.locale},
          {"intents", hit.intents}, {"snippet", hit.snippet_html}, {"score", hit.score}};
}

json decision_json(const Decision& d) {
  json intents = json::array(), articles = json::array();
  for (const auto& intent : d.intents)
    intents.push_back({{"id", intent.id},
                       {"confidence", intent.confidence},
                       {"probability", intent.probability},
                       {"coverage", intent.coverage},
                       {"support", intent.support}});
  for (const auto& hit : d.articles) articles.push_back(hit_json(hit));
  json out = {{"kind", decision_kind_name(d.kind)}, {"locale", d.locale},     {"intents", intents},
              {"articles", articles},              {"urgent", d.urgent},    {"emotional", d.emotional},
              {"problem_level", d.problem_level}};
  if (d.kind == Decision::Kind::clarify) {
    json options = json::array();
    for (const auto& option : d.options) options.push_back({{"intent", option.intent}, {"label", option.label}});
    out["question"] = d.question;
    out["options"] = options;
  }
  if (d.kind == Decision::Kind::escalate)
    out["escalation"] = {{"reason", escalation_reason_name(d.escalation.reason)},
                         {"channel", d.escalation.channel},
                         {"channels", d.escalation.channels},
                         {"problem_level", d.escalation.problem_level},
                         {"explanation", d.escalation.explanation}};
  return out;
}

const char* hint_kind_name(Hint::Kind kind) {
  switch (kind) {
    case Hint::Kind::completion: return "completion";
    case Hint::Kind::correction: return "correction";
    case Hint::Kind::topic: return "topic";
  }
  return "completion";
}

HostContext context_from(const json& context) {
  HostContext out;
  if (!context.is_object()) throw Error(ErrorCode::invalid_argument, "'context' must be an object");
  out.page = context.value("page", "");
  out.order_state = context.value("order_state", "");
  out.locale = context.value("locale", "");
  // Any JSON number the host sends (the widget's data-previous-contacts is
  // Number(attribute)), kept within what the handoff's schema allows.
  if (const auto contacts = context.find("previous_contacts"); contacts != context.end()) {
    if (!contacts->is_number())
      throw Error(ErrorCode::invalid_argument, "'previous_contacts' must be a number of earlier contacts");
    const double n = contacts->get<double>();
    out.previous_contacts = n <= 0 ? 0 : n >= limits::kMaxPreviousContacts ? limits::kMaxPreviousContacts : static_cast<int>(n);
  }
  return out;
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
      state_->engine.reset();
      state_->sessions.clear();
      const std::string path = required_string(request, "path");
      const std::string expected = request.value("artifact", std::string(schema::kArtifactPublic));
      if (expected != schema::kArtifactPublic && expected != schema::kArtifactAgent && expected != "any")
        throw Error(ErrorCode::invalid_argument, "'artifact' must be \"public\", \"agent\" or \"any\"");
      Engine engine = Engine::open(path);
      const std::string artifact = engine.index().build_info().artifact;
      if (expected != "any" && artifact != expected)
        throw Error(ErrorCode::index_wrong_artifact,
                    artifact == schema::kArtifactAgent
                        ? path + " is the agent index: it holds internal articles, compensation standards and "
                                 "scripts, and must never be published; publish public.db (or its web/ folder)"
                        : path + " is the " + (artifact.empty() ? std::string("unnamed") : artifact) +
                              " index, not the " + expected + " one");
      state_->engine = std::move(engine);
      const Index& index = state_->engine->index();
      json channel_order = json::object();
      for (const auto reason : kEscalationReasons)
        channel_order[escalation_reason_name(reason)] = state_->engine->channel_order(reason);
      response = ok({{"build", json::parse(index.build_info().json)},
                     {"escalation", json::parse(index.metadata(schema::kMetaEscalation), nullptr, false)},
                     {"channel_order", channel_order}});
    } else if (op == "intents") {
      const Engine& engine = open_engine(state_->engine);
      response = ok({{"intents", json::parse(engine.index().intents_json(), nullptr, false)}});
    } else if (op == "search") {
      const Engine& engine = open_engine(state_->engine);
      const int limit = request.value("limit", 10);
      json hits = json::array();
      for (const auto& hit : engine.index().search(required_string(request, "query"), limit > 0 ? limit : 0))
        hits.push_back(hit_json(hit));
      response = ok({{"hits", hits}});
    } else if (op == "article") {
      const Engine& engine = open_engine(state_->engine);
      response = ok({{"article", json::parse(engine.index().article_json(required_string(request, "id")))}});
    } else if (op == "context" || op == "hints" || op == "ask" || op == "choose" || op == "feedback" ||
               op == "opened" || op == "handoff" || op == "reset") {
      const Engine& engine = open_engine(state_->engine);
      Session& session = state_->sessions[request.value("session", "default")];
      // A probe (firstline/read_probe.h): a call that missed part of the
      // index leaves the session as it found it, to be called again. Only
      // the calls that change the session copy it first (not hints: every keystroke).
      std::optional<ReadProbe> probe;
      std::optional<Session> before;
      if (request.value("probe", false)) {
        probe.emplace();
        const bool changes_session =
            op == "ask" || op == "choose" || op == "feedback" || op == "opened" || request.contains("context");
        if (changes_session) before = session;
      }
      if (request.contains("context")) session.context = context_from(request["context"]);
      if (op == "context") {
        response = ok(json::object());
      } else if (op == "hints") {
        const int limit = request.value("limit", 6);
        json hints = json::array();
        const std::string text = request.value("text", "");
        for (const auto& hint : engine.hints(session, text, limit > 0 ? limit : 0)) {
          json entry = {{"kind", hint_kind_name(hint.kind)}, {"text", hint.text}};
          if (!hint.intent.empty()) entry["intent"] = hint.intent;
          hints.push_back(std::move(entry));
        }
        response = ok({{"hints", hints}, {"masked_text", mask_personal_data_as_typed(text)}});
      } else if (op == "ask") {
        const std::string query = required_string(request, "query");
        response = ok({{"decision", decision_json(engine.ask(session, query))}, {"masked_query", mask_personal_data(query)}});
      } else if (op == "choose") {
        response = ok({{"decision", decision_json(engine.choose(session, required_string(request, "intent")))}});
      } else if (op == "feedback") {
        const auto helped = request.find("helped");
        if (helped == request.end() || !helped->is_boolean())
          throw Error(ErrorCode::invalid_argument, "request needs a boolean 'helped'");
        engine.feedback(session, required_string(request, "article"), helped->get<bool>());
        response = ok(json::object());
      } else if (op == "opened") {
        engine.opened(session, required_string(request, "article"));
        response = ok(json::object());
      } else if (op == "handoff") {
        HandoffOptions options;
        options.include_personal_data = request.value("include_personal_data", false);
        response = ok({{"handoff", json::parse(engine.handoff(session, options))}});
      } else {  // reset
        state_->sessions.erase(request.value("session", "default"));
        response = ok(json::object());
        before.reset();
      }
      if (probe && probe->missed()) {
        if (before) session = *before;
        response = failure("needs_data", "the index file lacks parts this call reads: fetch them and call again");
      }
    } else {
      response = failure("unknown_op", "unknown operation '" + op + "' (see core/api/include/firstline/api.h)");
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
