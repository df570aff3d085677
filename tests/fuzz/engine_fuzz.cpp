// libFuzzer target: any bytes as typed text and as queries, through hints and
// ask, in a session that lives across inputs (so turns and levels pile up).
// The index comes from FIRSTLINE_FUZZ_INDEX (the sample KB's public.db).
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "firstline/engine.h"

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static firstline::Session session;
  if (session.turns.size() > 50) session = firstline::Session();
  const std::string input(reinterpret_cast<const char*>(data), size);
  const firstline::Engine& e = engine();
  e.hints(session, input);
  const firstline::Decision decision = e.ask(session, input);
  if (decision.kind == firstline::Decision::Kind::clarify && !decision.options.empty())
    e.choose(session, decision.options[size % decision.options.size()].intent);
  if (!decision.articles.empty()) e.feedback(session, decision.articles[0].id, size % 2 == 0);
  (void)e.handoff(session);
  (void)firstline::mask_personal_data(input);
  return 0;
}
