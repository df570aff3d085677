#include "suggestions.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "firstline/personal_data.h"
#include "firstline/wording.h"

namespace firstline::desk::detail {

namespace {

using nlohmann::json;

/// The tags mask_personal_data() writes (core/include/firstline/personal_data.h).
const char* const kMaskTags[] = {"[phone]", "[id]", "[card]", "[email]", "[address]"};

std::size_t utf8_chars(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string string_at(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The decision summary's kind and best intent (web/widget/outbox.js, decisionSummary).
struct Got {
  std::string kind, best;
  json summary;
};

Got got_of(const json& event) {
  Got g;
  const auto it = event.find("decision");
  if (it == event.end() || !it->is_object()) return g;
  g.summary = *it;
  g.kind = string_at(*it, "kind");
  const auto intents = it->find("intents");
  if (intents != it->end() && intents->is_array() && !intents->empty() && (*intents)[0].is_object())
    g.best = string_at((*intents)[0], "id");
  return g;
}

/// The wording as it may be stored, or "" if it must not be.
std::string clean_wording(const std::string& query) {
  std::string masked = mask_personal_data(query);
  for (const char* tag : kMaskTags)
    if (masked.find(tag) != std::string::npos) return "";
  std::string out;
  bool space = false;
  for (char c : masked) {
    const bool white = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (white) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (utf8_chars(out) > kMaxWordingChars) return "";
  return out;
}

}  // namespace

std::vector<ProposedWording> derive_wordings(const std::vector<EventRecord>& events) {
  struct Attempt {
    std::string wording, locale, session;
    Got got;
  };
  std::vector<ProposedWording> out;
  std::vector<Attempt> chain;                         // the questions since the last helpful answer
  std::string current;                                // the intent of the last answer (ask or choose)
  bool chosen_after_last = false;                     // an option was chosen after the chain's last question
  std::map<std::string, std::string> article_intent;  // which intent's answer showed each article
  for (const auto& record : events) {
    const json e = json::parse(record.body_json, nullptr, false);
    if (!e.is_object()) continue;
    const std::string type = string_at(e, "type");
    if (type == "ask") {
      const Got got = got_of(e);
      chain.push_back({string_at(e, "query"), string_at(e, "locale"), record.widget_session, got});
      current = got.kind == "answer" ? got.best : "";
      chosen_after_last = false;
    } else if (type == "choose") {
      const Got got = got_of(e);
      current = got.kind == "answer" ? got.best : "";
      chosen_after_last = !chain.empty();
    } else if (type == "opened") {
      article_intent[string_at(e, "article")] = current;
    } else if (type == "feedback" && e.value("helped", json()) == json(true)) {
      const auto shown = article_intent.find(string_at(e, "article"));
      const std::string target = shown != article_intent.end() ? shown->second : current;
      if (target.empty()) continue;
      for (std::size_t i = 0; i < chain.size(); ++i) {
        const Attempt& a = chain[i];
        if (a.got.kind == "answer" && a.got.best == target) continue;  // the KB answered it so already
        const std::string wording = clean_wording(a.wording);
        if (wording.empty() || wording_key(wording).empty()) continue;
        const bool clarified = i + 1 == chain.size() && a.got.kind == "clarify" && chosen_after_last;
        out.push_back({target, a.locale.empty() ? "zh-Hans" : a.locale, wording, wording_key(wording),
                       clarified ? "clarified" : "rephrased", a.session, a.got.summary.is_null() ? "{}" : a.got.summary.dump(),
                       record.received_at});
      }
      chain.clear();
      chosen_after_last = false;
    }
  }
  return out;
}

void catch_up_suggestions(Store& store, Millis now) {
  constexpr std::int64_t kPage = 5000;
  for (;;) {
    const std::int64_t through = store.suggestions_through();
    // On PostgreSQL, concurrent transactions may commit in another order than their ids: an
    // event numbered just below the cursor can appear after the cursor passed it. The last
    // kRereadEvents before the cursor are read again each time (storing is idempotent).
    const auto page = store.events_between(0, std::numeric_limits<Millis>::max(), std::max<std::int64_t>(0, through - kRereadEvents), kPage);
    if (page.empty()) return;
    std::set<std::string> sessions;
    for (const auto& e : page)
      if (e.type == "feedback" && !e.widget_session.empty() && e.body_json.find("\"helped\":true") != std::string::npos)
        sessions.insert(e.widget_session);
    std::vector<ProposedWording> proposals;
    for (const auto& session : sessions) {
      // Only the session's events up to this page's end: a later page derives the rest.
      std::vector<EventRecord> history;
      for (auto& e : store.session_events(session, kMaxSessionEvents))
        if (e.id <= page.back().id) history.push_back(std::move(e));
      for (auto& p : derive_wordings(history)) proposals.push_back(std::move(p));
    }
    store.add_proposals(proposals, page.back().id, now);
    if (static_cast<std::int64_t>(page.size()) < kPage) return;
  }
}

}  // namespace firstline::desk::detail
