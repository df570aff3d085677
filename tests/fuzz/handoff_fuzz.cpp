// libFuzzer target for the agent console's readers of pasted or dropped text:
// any bytes as a handoff payload (parse_handoff, then the case at a glance
// over the agent index from FIRSTLINE_FUZZ_AGENT_INDEX) and as a widget event
// log (find_gaps). They must give a result or a message, never throw or
// crash, and keep handoff.h's and case_glance.h's promises: a level of 1-4,
// no negative contacts, and every text a glance shows bounded for display.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "firstline/console/case_glance.h"
#include "firstline/console/format.h"
#include "firstline/console/gaps.h"
#include "firstline/console/handoff.h"

namespace {

using namespace firstline::console;

const Catalogue* catalogue() {
  static const std::unique_ptr<const Catalogue> instance = []() -> std::unique_ptr<const Catalogue> {
    const char* path = std::getenv("FIRSTLINE_FUZZ_AGENT_INDEX");
    if (!path) return nullptr;
    return std::make_unique<const Catalogue>(Catalogue::open(path));
  }();
  return instance.get();
}

[[noreturn]] void broken(const char* promise) {
  std::cerr << "console promise broken: " << promise << "\n";
  std::abort();
}

/// The most bytes a text shown_at_most() returns: 4 a character, then the marker.
constexpr std::size_t kShownBytes = kShownCharacters * 4 + 64;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)looks_like_handoff(text);
  const HandoffParse parsed = parse_handoff(text);
  if (parsed.ok()) {
    const HandoffCase& c = parsed.value;
    if (c.problem_level < 1 || c.problem_level > 4) broken("the problem level is 1-4");
    if (c.previous_contacts < 0) broken("earlier contacts are not negative");
    (void)case_intents(c);
    if (const Catalogue* index = catalogue()) {
      const CaseGlance glance = glance_at(c, *index);
      if (glance.turns.size() > kShownRows || glance.tried.size() > kShownRows) broken("a glance lists at most kShownRows");
      if (glance.summary.size() > kShownBytes || glance.channel_why.size() > kShownBytes ||
          glance.signals.size() > kShownBytes || glance.asked_about.size() > kShownBytes)
        broken("a glance's texts are bounded for display");
      for (const auto& turn : glance.turns)
        if (turn.question.size() > kShownBytes || turn.answer.size() > kShownBytes) broken("a turn is bounded for display");
    }
  } else if (parsed.error.empty()) {
    broken("a refused payload says why");
  }
  const GapReport gaps = find_gaps(text);
  if (gaps.gaps > gaps.asks) broken("gaps are among the questions asked");
  return 0;
}
