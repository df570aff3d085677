// firstline: asks an index what the widget would, for editors and debugging.
// It goes through the same request/response API as the WebAssembly module.
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "firstline/api.h"

using nlohmann::json;

namespace {

const char* kUsage = R"(firstline — what the help widget would answer, from the command line

Usage:
  firstline ask INDEX QUERY [--context K=V,...] [--json]
  firstline hints INDEX TEXT [--context K=V,...] [--json]      (TEXT "" = first-screen topics)
  firstline search INDEX QUERY [--json]                          (articles only, no decision)
  firstline chat INDEX [--context K=V,...] [--json]
      One query per line on standard input; also
        :choose INTENT   answer a clarifying question
        :helped ID       / :not-helped ID   feedback on an article
        :open ID         the customer opened an article
        :handoff         print the payload a human agent would receive
      With --json, one JSON document per line of input.
  firstline --help

Context keys: page, order_state, locale, previous_contacts (e.g. --context page=order,order_state=shipped).
Exit status: 0 success, 1 the index could not be opened or a request failed, 2 bad usage.
)";

struct Cli {
  firstline::Api api;
  bool as_json = false;
  json context = json::object();

  json call(json request) {
    request["api"] = firstline::kApiVersion;
    if (!context.empty()) request["context"] = context;
    // A query given as raw bytes may not be UTF-8: such bytes become U+FFFD,
    // as the widget's own encoder would make them, rather than an exception.
    return json::parse(api.call(request.dump(-1, ' ', false, json::error_handler_t::replace)));
  }

  bool failed(const json& response) {
    if (response.value("ok", false)) return false;
    std::cerr << "firstline: " << response["error"].value("message", "?") << " ["
              << response["error"].value("code", "?") << "]\n";
    return true;
  }

  bool one_line = false;  // chat --json: one JSON document per line

  void print_decision(const json& d) {
    if (as_json) {
      std::cout << (one_line ? d.dump() : d.dump(2)) << "\n";
      return;
    }
    std::cout << d["kind"].get<std::string>() << "  (locale " << d["locale"].get<std::string>() << ", problem level "
              << d["problem_level"] << (d["urgent"].get<bool>() ? ", urgent" : "")
              << (d["emotional"].get<bool>() ? ", emotional" : "") << ")\n";
    if (d.contains("question")) {
      std::cout << "  " << d["question"].get<std::string>() << "\n";
      for (const auto& option : d["options"])
        std::cout << "    - " << option["label"].get<std::string>() << "  [" << option["intent"].get<std::string>()
                  << "]\n";
    }
    if (d.contains("escalation")) {
      const auto& e = d["escalation"];
      std::cout << "  escalate: " << e["reason"].get<std::string>() << " -> " << e["channel"].get<std::string>()
                << " (" << e["explanation"].get<std::string>() << ")\n";
    }
    std::cout << "  intents:";
    for (const auto& intent : d["intents"])
      std::printf(" %s %.2f", intent["id"].get<std::string>().c_str(), intent["confidence"].get<double>());
    std::cout << "\n";
    for (const auto& hit : d["articles"])
      std::cout << "  article: " << hit["title"].get<std::string>() << "  [" << hit["id"].get<std::string>() << "]\n";
  }
};

json parse_context(const std::string& text) {
  json context = json::object();
  std::stringstream in(text);
  std::string pair;
  while (std::getline(in, pair, ',')) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = pair.substr(0, eq), value = pair.substr(eq + 1);
    if (key == "previous_contacts") context[key] = std::atoi(value.c_str());
    else context[key] = value;
  }
  return context;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  Cli cli;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--json") {
      cli.as_json = true;
    } else if (arg == "--context" && i + 1 < argc) {
      cli.context = parse_context(argv[++i]);
    } else {
      positional.push_back(arg);
    }
  }
  const std::string command = positional.empty() ? "" : positional[0];
  const bool needs_text = command == "ask" || command == "hints" || command == "search";
  if ((needs_text && positional.size() != 3) || (command == "chat" && positional.size() != 2) ||
      (!needs_text && command != "chat")) {
    std::cerr << kUsage;
    return 2;
  }
  // Either artifact may be asked natively; which one it is goes to stderr, so
  // nobody mistakes the agent index (internal content) for the public one.
  const json opened = cli.call({{"op", "open"}, {"path", positional[1]}, {"artifact", "any"}});
  if (cli.failed(opened)) return 1;
  const json& build = opened["result"]["build"];
  std::cerr << "firstline: " << positional[1] << " is the " << build.value("artifact", "unnamed") << " index"
            << (build.value("artifact", "") == "agent" ? " (internal content: never publish it)" : "") << "\n";

  if (command == "hints") {
    const json response = cli.call({{"op", "hints"}, {"text", positional[2]}});
    if (cli.failed(response)) return 1;
    if (cli.as_json) std::cout << response["result"]["hints"].dump(2) << "\n";
    for (const auto& hint : response["result"]["hints"])
      if (!cli.as_json)
        std::cout << hint["kind"].get<std::string>() << "\t" << hint["text"].get<std::string>() << "\t"
                  << hint.value("intent", "") << "\n";
    return 0;
  }
  if (command == "search") {
    const json response = cli.call({{"op", "search"}, {"query", positional[2]}, {"limit", 10}});
    if (cli.failed(response)) return 1;
    if (cli.as_json) std::cout << response["result"]["hits"].dump(2) << "\n";
    else
      for (const auto& hit : response["result"]["hits"])
        std::printf("%8.3f  %-24s %s\n", hit["score"].get<double>(), hit["id"].get<std::string>().c_str(),
                    hit["title"].get<std::string>().c_str());
    return 0;
  }
  if (command == "ask") {
    const json response = cli.call({{"op", "ask"}, {"query", positional[2]}});
    if (cli.failed(response)) return 1;
    cli.print_decision(response["result"]["decision"]);
    return 0;
  }
  // chat
  cli.one_line = true;
  std::string line;
  while (std::getline(std::cin, line)) {
    json response;
    if (line.rfind(":choose ", 0) == 0) response = cli.call({{"op", "choose"}, {"intent", line.substr(8)}});
    else if (line.rfind(":helped ", 0) == 0) response = cli.call({{"op", "feedback"}, {"article", line.substr(8)}, {"helped", true}});
    else if (line.rfind(":not-helped ", 0) == 0) response = cli.call({{"op", "feedback"}, {"article", line.substr(12)}, {"helped", false}});
    else if (line.rfind(":open ", 0) == 0) response = cli.call({{"op", "opened"}, {"article", line.substr(6)}});
    else if (line == ":handoff") response = cli.call({{"op", "handoff"}});
    else response = cli.call({{"op", "ask"}, {"query", line}});
    if (cli.failed(response)) continue;
    if (response["result"].contains("decision")) cli.print_decision(response["result"]["decision"]);
    else if (response["result"].contains("handoff"))
      std::cout << response["result"]["handoff"].dump(cli.as_json ? -1 : 2) << "\n";
    else if (cli.as_json)
      std::cout << "{}\n";
  }
  return 0;
}
