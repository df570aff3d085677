// firstline-index: the editors' command. Each subcommand is one function
// reading like a short story: read the KB, report, write.
#include "cli.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "build.h"
#include "desk_client.h"
#include "suggestions_apply.h"
#include "dataset.h"
#include "preview_server.h"
#include "firstline/index.h"
#include "firstline/schema.h"
#include "index_writer.h"
#include "web_bundle.h"
#include "knowledge_base.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace firstline::indexer {

const char* const kVersion = FIRSTLINE_VERSION;

namespace {

const char* kUsage = R"(firstline-index — builds firstline's search indexes from a kb-content folder

Usage:
  firstline-index build KB_DIR --out DIR [--dictionary FILE] [--json] [--quiet]
      Validate KB_DIR and write DIR/public.db (public articles only, for the
      widget) and DIR/agent.db (everything, for the agent console). On any
      error nothing is written and the previous indexes stay as they were.
      --dictionary: the English word list whose words the hints never
      "correct" (default /usr/share/dict/american-english, Debian's
      wamerican, when it is there; --dictionary none for no list).
  firstline-index validate KB_DIR [--json]
      Check KB_DIR and report every error and warning; write nothing.
  firstline-index stats INDEX [--json]
      Show what an index file (or a folder holding public.db and agent.db) contains.
  firstline-index serve KB_DIR [--site DIR] [--out DIR] [--port N]
      The editors' preview: build KB_DIR, serve the demo site's widget and the
      agent console with it on http://127.0.0.1:N/ (default 8081), rebuild on
      every save and reload the open pages; a build error is shown on the page
      with its file and line while the last good build keeps serving. --site:
      the built demo site (default: out/site, as scripts/build.sh writes it);
      --out: where the preview's builds go (default: out/preview).
  firstline-index convert-dataset SET_DIR --out KB_DIR [--locale LOCALE]
      Turn a labelled query set (intents.json, train.jsonl) into a kb-content
      folder: one article per intent, its train lines as the questions.
  firstline-index suggestions apply KB_DIR --desk URL --user NAME --password-file FILE
  firstline-index suggestions apply KB_DIR --from FILE
      Write the customer wordings accepted at a firstline desk into
      KB_DIR/intents.yaml, each as a new line at the end of its intent's
      examples for its locale (nothing else in the file changes); wordings
      already there are skipped. With --desk, sign in as the agent NAME (the
      password is FILE's first line), and mark every wording written (or
      found already there) as written at the desk. --from: a saved answer of
      GET /api/agent/suggestions (nothing is marked). Review with git diff,
      then build.
  firstline-index --help | --version

Exit status: 0 success, 1 the KB has errors or the build failed, 2 bad usage.
)";

struct Arguments {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // --out DIR, --locale L, --dictionary FILE
  bool json = false, quiet = false;
};

bool parse_arguments(int argc, char** argv, int first, Arguments& args, std::string& problem) {
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") args.json = true;
    else if (arg == "--quiet" || arg == "-q") args.quiet = true;
    else if (arg == "--out" || arg == "--locale" || arg == "--site" || arg == "--port" || arg == "--dictionary" ||
             arg == "--desk" || arg == "--user" || arg == "--password-file" || arg == "--from") {
      if (i + 1 >= argc) {
        problem = arg + " needs a value";
        return false;
      }
      args.options[arg.substr(2)] = argv[++i];
    } else if (arg.rfind("--", 0) == 0) {
      problem = "unknown option " + arg;
      return false;
    } else {
      args.positional.push_back(arg);
    }
  }
  return true;
}

json diagnostics_json(const Diagnostics& diagnostics) {
  json out = json::array();
  for (const auto& d : diagnostics.all())
    out.push_back({{"severity", d.severity == Diagnostic::Severity::error ? "error" : "warning"},
                   {"file", d.file},
                   {"line", d.line},
                   {"message", d.message}});
  return out;
}

/// The first warnings, then every error: a dataset KB can warn about each of
/// its 57,000 intents, which helps nobody read the errors, and the errors come
/// last so that they stay on screen beside the verdict. --json has them all.
void print_diagnostics(const Diagnostics& diagnostics) {
  constexpr std::size_t kWarningsShown = 20;
  std::size_t warnings = 0;
  for (const auto& d : diagnostics.all()) {
    if (d.severity != Diagnostic::Severity::warning || ++warnings > kWarningsShown) continue;
    std::cerr << d.to_string() << "\n";
  }
  if (warnings > kWarningsShown)
    std::cerr << "... and " << warnings - kWarningsShown << " more warnings (--json lists them all)\n";
  for (const auto& d : diagnostics.all())
    if (d.severity == Diagnostic::Severity::error) std::cerr << d.to_string() << "\n";
}

/// "  drafts (not published): a (kb/articles/a.md), b (...)", or nothing.
void print_drafts(const json& drafts) {
  if (!drafts.is_array() || drafts.empty()) return;
  std::printf("  drafts (not published):");
  for (std::size_t i = 0; i < drafts.size(); ++i)
    std::printf("%s %s (%s)", i ? "," : "", drafts[i].value("id", "?").c_str(), drafts[i].value("file", "?").c_str());
  std::printf("\n");
}

json drafts_json(const KnowledgeBase& kb) {
  json out = json::array();
  for (const auto& draft : kb.drafts) out.push_back({{"id", draft.id}, {"file", draft.file}});
  return out;
}

std::string human_bytes(std::uintmax_t bytes) {
  char buffer[32];
  if (bytes >= 1024 * 1024) std::snprintf(buffer, sizeof buffer, "%.1f MiB", bytes / (1024.0 * 1024.0));
  else std::snprintf(buffer, sizeof buffer, "%.1f KiB", bytes / 1024.0);
  return buffer;
}

/// Reads, validates and renders the KB; diagnostics collect every problem.
KnowledgeBase read_kb(const std::string& dir, Diagnostics& diagnostics, bool show_progress) {
  auto progress = +[](std::size_t done, std::size_t total) {
    std::cerr << "[firstline-index] read " << done << " / " << total << " articles\n";
  };
  KnowledgeBase kb = load_knowledge_base(dir, diagnostics, show_progress ? progress : nullptr);
  render_articles(kb, diagnostics);
  return kb;
}

int command_validate(const Arguments& args) {
  Diagnostics diagnostics;
  const KnowledgeBase kb = read_kb(args.positional[0], diagnostics, false);
  if (args.json) {
    std::cout << json{{"ok", !diagnostics.has_errors()},
                      {"articles", kb.articles.size()},
                      {"intents", kb.intents.size()},
                      {"drafts", drafts_json(kb)},
                      {"errors", diagnostics.error_count()},
                      {"warnings", diagnostics.warning_count()},
                      {"diagnostics", diagnostics_json(diagnostics)}}
                     .dump(2, ' ', false, json::error_handler_t::replace)
              << "\n";
  } else {
    print_diagnostics(diagnostics);
    std::cout << kb.root << ": " << kb.articles.size() << " articles, " << kb.intents.size() << " intents, "
              << diagnostics.error_count() << " errors, " << diagnostics.warning_count() << " warnings\n";
    print_drafts(drafts_json(kb));
  }
  return diagnostics.has_errors() ? 1 : 0;
}

int command_build(const Arguments& args) {
  if (!args.options.count("out")) {
    std::cerr << "firstline-index build: --out DIR is required\n";
    return 2;
  }
  std::function<void(const std::string&)> progress;
  if (!args.quiet && !args.json) progress = [](const std::string& line) { std::cerr << "[firstline-index] " << line << "\n"; };
  std::string dictionary = default_dictionary();
  if (args.options.count("dictionary"))
    dictionary = args.options.at("dictionary") == "none" ? "" : args.options.at("dictionary");
  const BuildOutcome built = build_kb(args.positional[0], args.options.at("out"), kVersion, progress, dictionary);
  const Diagnostics& diagnostics = built.diagnostics;
  const KnowledgeBase& kb = built.kb;
  if (!built.ok) {
    if (args.json) {
      std::cout << json{{"ok", false}, {"reason", built.reason}, {"kept", built.kept}, {"diagnostics", diagnostics_json(diagnostics)}}.dump(2, ' ', false, json::error_handler_t::replace)
                << "\n";
    } else {
      print_diagnostics(diagnostics);
      std::cerr << "firstline-index: " << built.reason << "; " << built.kept << "\n";
    }
    return 1;
  }
  const BuildResult& result = built.result;
  const WebBundle& web = built.web;
  const std::string& web_dir = built.web_dir;
  const double seconds = built.seconds;

  if (args.json) {
    auto artifact = [](const ArtifactStats& s) {
      return json{{"path", s.path}, {"articles", s.articles}, {"examples", s.examples}, {"bytes", s.bytes}};
    };
    std::cout << json{{"ok", true},
                      {"seconds", seconds},
                      {"content_hash", kb.content_hash},
                      {"intents", kb.intents.size()},
                      {"public", artifact(result.public_index)},
                      {"agent", artifact(result.agent_index)},
                      {"drafts", drafts_json(kb)},
                      {"web", {{"path", web_dir}, {"build", web.build}, {"chunks", web.chunks},
                               {"start_chunk_bytes", web.start_chunk_bytes}}},
                      {"diagnostics", diagnostics_json(diagnostics)}}
                     .dump(2, ' ', false, json::error_handler_t::replace)
              << "\n";
    return 0;
  }
  print_diagnostics(diagnostics);
  std::printf("built %s in %.2f s (content %.12s, %zu intents, %zu warnings)\n", kb.root.c_str(), seconds,
              kb.content_hash.c_str(), kb.intents.size(), diagnostics.warning_count());
  for (const auto* s : {&result.public_index, &result.agent_index})
    std::printf("  %-6s %-28s %6zu articles %7zu examples %10s\n", s == &result.public_index ? "public" : "agent",
                s->path.c_str(), s->articles, s->examples, human_bytes(s->bytes).c_str());
  std::printf("  web    %-28s  build %s: a start chunk of %s, then %u chunks of %s\n", (web_dir + "/").c_str(),
              web.build.c_str(), human_bytes(web.start_chunk_bytes).c_str(), web.chunks,
              human_bytes(std::uint64_t{kBlocksPerChunk} * web.block_size).c_str());
  print_drafts(drafts_json(kb));
  return 0;
}

json index_stats(const std::string& path) {
  const Index index = Index::open(path);
  json build = json::parse(index.build_info().json);
  json out = {{"path", path}, {"bytes", fs::file_size(path)}, {"build", build}};
  if (const std::vector<IntentInfo>& intents = index.intents(); !intents.empty()) {
    json per_intent = json::object();
    for (const auto& intent : intents) per_intent[intent.id] = intent.examples;
    out["examples_per_intent"] = per_intent;
  }
  return out;
}

void print_stats(const json& stats) {
  const json& build = stats["build"];
  const json& counts = build["counts"];
  std::printf("%s  (%s index, format %d, %s)\n", stats["path"].get<std::string>().c_str(),
              build.value("artifact", "?").c_str(), build.value("format_version", 0),
              human_bytes(stats["bytes"].get<std::uintmax_t>()).c_str());
  std::printf("  built %s by firstline-index %s, content %.12s\n", build.value("built_at", "?").c_str(),
              build.value("tool_version", "?").c_str(), build.value("content_hash", "?").c_str());
  std::printf("  %d articles, %d example questions, %d intents\n", counts.value("articles", 0),
              counts.value("examples", 0), counts.value("intents", 0));
  for (const char* group : {"by_type", "by_audience", "by_locale"}) {
    std::printf("  %-12s", group + 3);
    for (const auto& [key, value] : counts[group].items()) std::printf(" %s %d", key.c_str(), value.get<int>());
    std::printf("\n");
  }
  if (build.contains("drafts")) print_drafts(build["drafts"]);
  if (stats.contains("examples_per_intent") && stats["examples_per_intent"].size() <= 200) {
    std::printf("  examples per intent:");
    for (const auto& [intent, n] : stats["examples_per_intent"].items())
      std::printf(" %s %d", intent.c_str(), n.get<int>());
    std::printf("\n");
  }
}

int command_stats(const Arguments& args) {
  std::vector<std::string> paths;
  const std::string target = args.positional[0];
  if (fs::is_directory(target)) {
    for (const char* name : {kPublicIndexName, kAgentIndexName})
      if (fs::exists(fs::path(target) / name)) paths.push_back((fs::path(target) / name).string());
  } else {
    paths.push_back(target);
  }
  if (paths.empty()) paths.push_back(target);  // let open() report what is missing
  json all = json::array();
  try {
    for (const auto& path : paths) all.push_back(index_stats(path));
  } catch (const Error& e) {
    std::cerr << "firstline-index stats: " << e.what() << " [" << error_code_name(e.code()) << "]\n";
    return 1;
  }
  if (args.json) std::cout << (all.size() == 1 ? all[0] : all).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  else for (const auto& stats : all) print_stats(stats);
  return 0;
}

int command_serve(const Arguments& args) {
  PreviewOptions options;
  options.kb_dir = args.positional[0];
  options.site_dir = args.options.count("site") ? args.options.at("site") : "out/site";
  options.out_dir = args.options.count("out") ? args.options.at("out") : "out/preview";
  options.tool_version = kVersion;
  if (args.options.count("port")) {
    try {
      options.port = std::stoi(args.options.at("port"));
    } catch (const std::exception&) {
      options.port = -1;
    }
    if (options.port < 0 || options.port > 65535) {
      std::cerr << "firstline-index serve: --port takes a number from 0 to 65535\n";
      return 2;
    }
  }
  return serve_preview(options);
}

int command_convert(const Arguments& args) {
  if (!args.options.count("out")) {
    std::cerr << "firstline-index convert-dataset: --out KB_DIR is required\n";
    return 2;
  }
  try {
    const auto locale = args.options.count("locale") ? args.options.at("locale") : "";
    const DatasetConversion result = convert_dataset(args.positional[0], args.options.at("out"), locale);
    if (args.json)
      std::cout << json{{"ok", true}, {"intents", result.intents}, {"questions", result.questions},
                        {"locale", result.locale}}.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    else
      std::printf("wrote %s: %zu intents, %zu questions (%s)\n", args.options.at("out").c_str(), result.intents,
                  result.questions, result.locale.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "firstline-index convert-dataset: " << e.what() << "\n";
    return 1;
  }
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// suggestions apply KB_DIR (--desk URL --user NAME --password-file FILE | --from FILE)
int command_suggestions(const Arguments& args) {
  const auto& o = args.options;
  const bool from_desk = o.count("desk") != 0, from_file = o.count("from") != 0;
  if (args.positional.size() != 2 || args.positional[0] != "apply" || from_desk == from_file ||
      (from_desk && (!o.count("user") || !o.count("password-file")))) {
    std::cerr << "firstline-index suggestions: expected 'suggestions apply KB_DIR --desk URL --user NAME --password-file FILE'"
                 " or 'suggestions apply KB_DIR --from FILE'\nRun 'firstline-index --help' for usage.\n";
    return 2;
  }
  const fs::path intents_path = fs::path(args.positional[1]) / "intents.yaml";
  try {
    std::unique_ptr<DeskClient> desk;
    std::vector<AcceptedWording> accepted;
    if (from_desk) {
      std::string password = read_text(o.at("password-file"));
      password = password.substr(0, password.find('\n'));
      if (!password.empty() && password.back() == '\r') password.pop_back();
      desk = std::make_unique<DeskClient>(o.at("desk"), o.at("user"), password);
      accepted = desk->accepted();
    } else {
      accepted = accepted_from_export(read_text(o.at("from")));
    }
    const IntentsEdit edit = add_examples(read_text(intents_path.string()), accepted);
    std::size_t added = 0, there = 0, left = 0;
    for (const auto& outcome : edit.outcomes) {
      const auto& w = outcome.wording;
      switch (outcome.kind) {
        case WordingOutcome::Kind::added:
          ++added;
          std::printf("  + %s:%d: %s (%s): %s\n", intents_path.string().c_str(), outcome.line, w.intent.c_str(),
                      w.locale.c_str(), w.wording.c_str());
          break;
        case WordingOutcome::Kind::already_there:
          ++there;
          std::printf("  = %s (%s): %s is an example already\n", w.intent.c_str(), w.locale.c_str(), w.wording.c_str());
          break;
        case WordingOutcome::Kind::unknown_intent:
          ++left;
          std::fprintf(stderr, "%s: warning: suggestion %lld: no intent '%s' here; left as accepted at the desk\n",
                       intents_path.string().c_str(), static_cast<long long>(w.id), w.intent.c_str());
          break;
        case WordingOutcome::Kind::not_editable:
          ++left;
          std::fprintf(stderr,
                       "%s: warning: suggestion %lld: the examples of '%s' are not written as 'examples:' then '%s:' then"
                       " '- ...' lines; add '%s' by hand (left as accepted at the desk)\n",
                       intents_path.string().c_str(), static_cast<long long>(w.id), w.intent.c_str(), w.locale.c_str(),
                       w.wording.c_str());
          break;
      }
    }
    if (added) {
      const fs::path temporary = intents_path.string() + ".new";
      std::ofstream(temporary, std::ios::binary) << edit.text;
      fs::rename(temporary, intents_path);
    }
    std::size_t marked = 0;
    if (desk)
      for (const auto& outcome : edit.outcomes)
        if (outcome.kind == WordingOutcome::Kind::added || outcome.kind == WordingOutcome::Kind::already_there) {
          desk->mark_written(outcome.wording.id);
          ++marked;
        }
    std::printf("%s: %zu example%s added, %zu already there, %zu left%s\n", intents_path.string().c_str(), added,
                added == 1 ? "" : "s", there, left,
                desk ? (", " + std::to_string(marked) + " marked written at the desk").c_str() : "");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "firstline-index suggestions apply: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace

int run_cli(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "--version") {
    std::cout << "firstline-index " << kVersion << " (index format " << schema::kFormatVersion << ")\n";
    return 0;
  }
  Arguments args;
  std::string problem;
  if (command == "suggestions") {
    if (!parse_arguments(argc, argv, 2, args, problem)) {
      std::cerr << "firstline-index suggestions: " << problem << "\nRun 'firstline-index --help' for usage.\n";
      return 2;
    }
    return command_suggestions(args);
  }
  if (!parse_arguments(argc, argv, 2, args, problem) || args.positional.size() != 1) {
    std::cerr << "firstline-index " << command << ": "
              << (problem.empty() ? "expects exactly one folder or file argument" : problem)
              << "\nRun 'firstline-index --help' for usage.\n";
    return 2;
  }
  if (command == "build") return command_build(args);
  if (command == "validate") return command_validate(args);
  if (command == "stats") return command_stats(args);
  if (command == "convert-dataset") return command_convert(args);
  if (command == "serve") return command_serve(args);
  std::cerr << "firstline-index: unknown command '" << command << "'\nRun 'firstline-index --help' for usage.\n";
  return 2;
}

}  // namespace firstline::indexer
