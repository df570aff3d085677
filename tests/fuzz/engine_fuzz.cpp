// libFuzzer target: any bytes as a conversation, one customer turn per line,
// each line through hints and ask (and a choice or feedback where the decision
// allows), then the handoff of the whole session. A session per input keeps
// every input's allocations its own: a session living across inputs made
// LeakSanitizer scan the heap after every input, most of the fuzzer's time.
// Every decision is held to engine.h's promises (a clarification offers 2-5
// options, an escalation names a channel, a decision has a locale); a broken
// promise aborts like a crash. The index comes from FIRSTLINE_FUZZ_INDEX (the
// sample KB's public.db).
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "firstline/engine.h"
#include "firstline/limits.h"

namespace {

const firstline::Engine& engine() {
  static const firstline::Engine instance = [] {
    const char* path = std::getenv("FIRSTLINE_FUZZ_INDEX");
    if (!path) {
      std::cerr << "set FIRSTLINE_FUZZ_INDEX to an index file\n";
      std::abort();
    }
    return firstline::Engine::open(path);
  }();
  return instance;
}

/// Aborts, naming the promise, when `decision` breaks one of engine.h's.
void expect_promises_kept(const firstline::Decision& decision) {
  auto broken = [](const char* promise) {
    std::cerr << "engine.h promise broken: " << promise << "\n";
    std::abort();
  };
  using Kind = firstline::Decision::Kind;
  if (decision.kind == Kind::clarify &&
      (decision.options.size() < firstline::limits::kMinClarifyOptions ||
       decision.options.size() > firstline::limits::kMaxClarifyOptions))
    broken("a clarification offers 2-5 options");
  if (decision.kind == Kind::escalate && (decision.escalation.channel.empty() || decision.escalation.channels.empty()))
    broken("an escalation recommends a channel");
  if (decision.locale.empty()) broken("a decision says its locale");
  if (decision.problem_level < 1 || decision.problem_level > 4) broken("the problem level is 1-4");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const firstline::Engine& e = engine();
  firstline::Session session;
  constexpr std::size_t kMaxTurns = 30;  // past the turns a session remembers (20)
  std::size_t start = 0;
  for (std::size_t turn = 0; turn < kMaxTurns && start <= input.size(); ++turn) {
    std::size_t end = input.find('\n', start);
    if (end == std::string::npos) end = input.size();
    const std::string text = input.substr(start, end - start);
    start = end + 1;
    e.hints(session, text);
    const firstline::Decision decision = e.ask(session, text);
    expect_promises_kept(decision);
    if (decision.kind == firstline::Decision::Kind::clarify && !decision.options.empty())
      expect_promises_kept(e.choose(session, decision.options[text.size() % decision.options.size()].intent));
    if (!decision.articles.empty()) e.feedback(session, decision.articles[0].id, text.size() % 2 == 0);
  }
  (void)e.handoff(session);
  (void)firstline::mask_personal_data(input);
  (void)firstline::mask_personal_data_as_typed(input);
  return 0;
}
