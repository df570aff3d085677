// The agent console's command line: what it opens and shows at start.
#include <gtest/gtest.h>

#include <vector>

#include "firstline/console/command_line.h"

using firstline::console::ConsoleOptions;

namespace {

struct Parsed {
  bool ok = false;
  ConsoleOptions options;
  std::string error;
};

Parsed parse(std::vector<const char*> args, bool index_required = true) {
  args.insert(args.begin(), "firstline-console");
  Parsed parsed;
  parsed.options.font = "default.ttf";
  parsed.ok = firstline::console::parse_command_line(static_cast<int>(args.size()), args.data(), index_required,
                                                    parsed.options, parsed.error);
  return parsed;
}

}  // namespace

TEST(ConsoleCommandLine, TheIndexAndEveryOptionAreRead) {
  const auto p = parse({"out/index/agent.db", "--type", "快递延迟补偿", "--handoff", "case.json", "--events", "log.jsonl",
                        "--tab", "editor", "--size", "1600x1000", "--frames", "12", "--screenshot", "shot.png"});
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.options.index, "out/index/agent.db");
  EXPECT_EQ(p.options.typed, "快递延迟补偿");
  EXPECT_EQ(p.options.handoff, "case.json");
  EXPECT_EQ(p.options.events, "log.jsonl");
  EXPECT_EQ(p.options.tab, "editor");
  EXPECT_EQ(p.options.width, 1600);
  EXPECT_EQ(p.options.height, 1000);
  EXPECT_EQ(p.options.frames, 12);
  EXPECT_EQ(p.options.screenshot, "shot.png");
}

TEST(ConsoleCommandLine, WhatIsNotGivenKeepsTheCallersDefault) {
  const auto p = parse({"agent.db"});
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.options.font, "default.ttf");
  EXPECT_EQ(p.options.width, 1400);
  EXPECT_EQ(p.options.height, 900);
  EXPECT_EQ(p.options.frames, 0) << "run until the window is closed";
  EXPECT_EQ(parse({"agent.db", "--font", "other.ttf"}).options.font, "other.ttf");
}

TEST(ConsoleCommandLine, EachMistakeIsNamed) {
  EXPECT_EQ(parse({"agent.db", "--query"}).error, "--query needs a value");
  EXPECT_EQ(parse({"agent.db", "--verbose"}).error, "unknown option --verbose");
  EXPECT_EQ(parse({"agent.db", "--frames", "0"}).error, "--frames needs a positive number");
  EXPECT_EQ(parse({"agent.db", "--frames", "many"}).error, "--frames needs a positive number");
  EXPECT_EQ(parse({"agent.db", "--size", "100x100"}).error, "--size needs WIDTHxHEIGHT, at least 200x150");
  EXPECT_EQ(parse({"agent.db", "--size", "wide"}).error, "--size needs WIDTHxHEIGHT, at least 200x150");
  EXPECT_EQ(parse({"agent.db", "--tab", "settings"}).error, "--tab is search, handoff, editor or queue");
  EXPECT_EQ(parse({"agent.db", "public.db"}).error, "more than one index given");
  EXPECT_FALSE(parse({"agent.db", "--query"}).ok);
}

TEST(ConsoleCommandLine, NativelyTheIndexIsRequiredInTheBrowserThePageOpensIt) {
  const auto native = parse({"--tab", "search"});
  EXPECT_FALSE(native.ok);
  EXPECT_EQ(native.error, "no index given");
  const auto browser = parse({}, /*index_required=*/false);
  EXPECT_TRUE(browser.ok) << browser.error;
}

TEST(ConsoleCommandLine, HelpAsksForTheUsageWithoutAnError) {
  for (const char* help : {"--help", "-h"}) {
    const auto p = parse({"agent.db", help});
    EXPECT_FALSE(p.ok);
    EXPECT_EQ(p.error, "") << help;
  }
  EXPECT_NE(std::string(firstline::console::console_usage()).find("--frames N"), std::string::npos);
}

TEST(ConsoleCommandLine, TheDeskIsNamedByItsUrlAndTheQueueTabCanOpenFirst) {
  const auto p = parse({"agent.db", "--desk", "http://127.0.0.1:8090", "--tab", "queue"});
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.options.desk, "http://127.0.0.1:8090");
  EXPECT_EQ(p.options.tab, "queue");
  EXPECT_EQ(parse({"agent.db", "--desk", "127.0.0.1:8090"}).error, "--desk needs the desk's URL, http://HOST:PORT");
  const auto q = parse({"agent.db", "--desk", "http://127.0.0.1:8090", "--agent", "ana", "--case", "FL-7K3M9Q"});
  ASSERT_TRUE(q.ok) << q.error;
  EXPECT_EQ(q.options.agent, "ana");
  EXPECT_EQ(q.options.open_case, "FL-7K3M9Q");
  EXPECT_EQ(parse({"agent.db", "--agent", "ana"}).error, "--agent needs --desk");
  EXPECT_EQ(parse({"agent.db", "--desk", "http://127.0.0.1:8090", "--case", "FL-1"}).error, "--case needs --agent");
}
