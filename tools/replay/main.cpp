// firstline-replay: the replay benchmark's customers and measures
// (scripts/bench-replay.sh wires them to a real desk and the indexer).
//
//   firstline-replay customers --index public.db --dev dev.jsonl --desk URL [--locale L] [--rephrases N] [--limit N]
//       The even-numbered in-scope dev queries are customers: each asks its
//       query through the native core; asked to clarify, picks the right
//       option (or none, if it is not offered); shown an answer, opens its
//       first article and says it helped if the intent is right; when not
//       helped, asks again with another customer query of the same intent
//       (up to N times, default 2). Every customer's events go to the desk's
//       POST /api/events as the widget sends them.
//   firstline-replay accept --desk URL --user NAME --password-file FILE --min-customers N [--save FILE]
//       Accepts every pending suggestion seen for at least N customers;
//       --save writes the accepted wordings as JSON Lines {text, intent}.
//   firstline-replay measure --index public.db --dev dev.jsonl [--limit N] [--half all]
//       The odd-numbered dev queries (out of scope included; --half all:
//       every line), each asked once in a fresh session: top-1, wrong
//       answers, clarifications.
// Each prints one JSON object.
#include <httplib.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "customer.h"
#include "firstline/engine.h"

using nlohmann::json;
using firstline::Decision;

namespace {

struct Labelled {
  std::string text, intent;
};

std::vector<Labelled> read_dev(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Labelled> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \r\t") == std::string::npos) continue;
    const json j = json::parse(line);
    out.push_back({j.at("text"), j.at("intent")});
  }
  return out;
}

/// The dataset's intent id as the KB spells it (indexer/src/dataset.cpp, dataset_intent_id).
std::string kb_intent(const std::string& id) {
  std::string out;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    out += ok ? c : '_';
  }
  if (out.empty() || out[0] == '.' || out[0] == '-' || out[0] == '_') out = "i" + out;
  return out;
}

std::string best(const Decision& d) { return d.intents.empty() ? "" : d.intents[0].id; }

std::map<std::string, std::string> options(int argc, char** argv) {
  std::map<std::string, std::string> out;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key.rfind("--", 0) != 0) throw std::runtime_error("unexpected argument " + key);
    out[key.substr(2)] = argv[i + 1];
  }
  return out;
}

std::string need(const std::map<std::string, std::string>& o, const std::string& key) {
  const auto it = o.find(key);
  if (it == o.end()) throw std::runtime_error("--" + key + " is required");
  return it->second;
}

/// The queries of one half: 0 the customers (even positions), 1 the measured (odd), at most `limit`.
std::vector<Labelled> half(const std::vector<Labelled>& all, int which, std::size_t limit) {
  std::vector<Labelled> out;
  for (std::size_t i = static_cast<std::size_t>(which); i < all.size() && out.size() < limit; i += 2) out.push_back(all[i]);
  return out;
}

std::size_t limit_of(const std::map<std::string, std::string>& o) {
  return o.count("limit") ? std::stoul(o.at("limit")) : static_cast<std::size_t>(-1);
}

int customers(const std::map<std::string, std::string>& o) {
  const firstline::Engine engine = firstline::Engine::open(need(o, "index"));
  std::vector<Labelled> people;
  for (const auto& q : half(read_dev(need(o, "dev")), 0, limit_of(o)))
    if (q.intent != "oos") people.push_back({q.text, kb_intent(q.intent)});
  const std::string locale = o.count("locale") ? o.at("locale") : "en";
  const int rephrases = o.count("rephrases") ? std::stoi(o.at("rephrases")) : 2;
  std::map<std::string, std::vector<std::size_t>> by_intent;  // the rephrasings each customer may use
  for (std::size_t i = 0; i < people.size(); ++i) by_intent[people[i].intent].push_back(i);

  httplib::Client desk(need(o, "desk"));
  desk.set_read_timeout(60, 0);
  std::size_t helped_first = 0, helped_after_clarifying = 0, helped_after_rephrasing = 0, never = 0, events = 0;
  for (std::size_t i = 0; i < people.size(); ++i) {
    firstline::replay::Customer c(engine, "replay-" + std::to_string(i), locale);
    const auto& pool = by_intent[people[i].intent];
    const auto me = std::find(pool.begin(), pool.end(), i) - pool.begin();
    bool helped = false;
    for (int attempt = 0; attempt <= rephrases && !helped; ++attempt) {
      if (attempt > 0 && static_cast<std::size_t>(attempt) >= pool.size()) break;  // no other wording of this intent
      const std::string& query = people[pool[(static_cast<std::size_t>(me) + attempt) % pool.size()]].text;
      const Decision* d = &c.ask(query);
      bool clarified = false;
      if (d->kind == Decision::Kind::clarify) {
        bool offered = false;
        for (const auto& option : d->options) offered = offered || option.intent == people[i].intent;
        if (!offered) continue;  // "none of these": the customer asks again in other words
        d = &c.choose(people[i].intent);
        clarified = true;
      }
      if (d->kind != Decision::Kind::answer || c.open_first().empty()) continue;
      helped = best(*d) == people[i].intent;
      c.feedback(helped);
      if (helped) {
        if (attempt > 0) ++helped_after_rephrasing;
        else if (clarified) ++helped_after_clarifying;
        else ++helped_first;
      }
    }
    if (!helped) ++never;
    // One POST per customer (the widget sends a visit's events in a batch or two).
    const auto res = desk.Post("/api/events", c.events().dump(), "application/json");
    if (!res || res->status != 202)
      throw std::runtime_error("the desk refused a customer's events: " + (res ? res->body : httplib::to_string(res.error())));
    events += c.events().size();
  }
  std::cout << json{{"customers", people.size()}, {"events", events}, {"helped_at_once", helped_first},
                    {"helped_after_clarifying", helped_after_clarifying}, {"helped_after_rephrasing", helped_after_rephrasing},
                    {"never_helped", never}}.dump() << "\n";
  return 0;
}

int accept(const std::map<std::string, std::string>& o) {
  std::ifstream password_file(need(o, "password-file"));
  std::string password;
  std::getline(password_file, password);
  const int min_customers = std::stoi(need(o, "min-customers"));
  httplib::Client desk(need(o, "desk"));
  desk.set_read_timeout(120, 0);
  const auto signed_in = desk.Post("/api/agent/sign-in", json{{"name", need(o, "user")}, {"password", password}}.dump(), "application/json");
  if (!signed_in || signed_in->status != 200) throw std::runtime_error("cannot sign in at the desk");
  const httplib::Headers auth = {{"Authorization", "Bearer " + json::parse(signed_in->body)["token"].get<std::string>()}};
  const auto listed = desk.Get("/api/agent/suggestions?status=pending", auth);
  if (!listed || listed->status != 200) throw std::runtime_error("cannot list the suggestions");
  const json suggestions = json::parse(listed->body)["suggestions"];
  std::size_t accepted = 0, clarified = 0, rephrased = 0;
  std::ofstream saved;
  if (o.count("save")) saved.open(o.at("save"));
  for (const auto& s : suggestions) {
    if (s["customers"].get<int>() < min_customers) continue;
    const auto res = desk.Post("/api/agent/suggestions/" + std::to_string(s["id"].get<std::int64_t>()) + "/accept", auth, "{}",
                               "application/json");
    if (!res || res->status != 200) throw std::runtime_error("cannot accept suggestion " + s["id"].dump());
    ++accepted;
    if (saved.is_open()) saved << json{{"text", s["wording"]}, {"intent", s["intent"]}}.dump() << "\n";
    clarified += s["evidence"]["clarified"].get<int>() > 0;
    rephrased += s["evidence"]["rephrased"].get<int>() > 0;
  }
  desk.Post("/api/agent/sign-out", auth, "{}", "application/json");
  std::cout << json{{"pending", suggestions.size()}, {"accepted", accepted}, {"min_customers", min_customers},
                    {"from_clarified", clarified}, {"from_rephrased", rephrased}}.dump() << "\n";
  return 0;
}

int measure(const std::map<std::string, std::string>& o) {
  const firstline::Engine engine = firstline::Engine::open(need(o, "index"));
  std::size_t queries = 0, in_scope = 0, top1 = 0, wrong = 0, right = 0, clarified = 0, escalated = 0;
  const auto all = read_dev(need(o, "dev"));
  const bool every = o.count("half") && o.at("half") == "all";
  for (const auto& q : every ? all : half(all, 1, limit_of(o))) {
    firstline::Session session;
    const Decision d = engine.ask(session, q.text);
    const bool oos = q.intent == "oos";
    const std::string label = oos ? "" : kb_intent(q.intent);
    ++queries;
    in_scope += !oos;
    top1 += !oos && best(d) == label;
    if (d.kind == Decision::Kind::answer) {
      (best(d) == label ? right : wrong) += 1;
    }
    clarified += d.kind == Decision::Kind::clarify;
    escalated += d.kind == Decision::Kind::escalate;
  }
  const auto share = [](std::size_t n, std::size_t of) { return of ? static_cast<double>(n) / static_cast<double>(of) : 0.0; };
  std::cout << json{{"queries", queries}, {"in_scope", in_scope}, {"top1", share(top1, in_scope)},
                    {"answered_right", share(right, queries)}, {"wrong_answers", share(wrong, queries)},
                    {"clarified", share(clarified, queries)}, {"escalated", share(escalated, queries)}}.dump() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: firstline-replay customers|accept|measure --option value ... (see tools/replay/main.cpp)\n";
    return 2;
  }
  try {
    const std::string command = argv[1];
    const auto o = options(argc, argv);
    if (command == "customers") return customers(o);
    if (command == "accept") return accept(o);
    if (command == "measure") return measure(o);
    std::cerr << "firstline-replay: unknown command " << command << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "firstline-replay: " << e.what() << "\n";
    return 1;
  }
}
