// Grouping what the widget could not answer, from its event log.
#include "firstline/console/gaps.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "text_util.h"

namespace firstline::console {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxProblems = 20;

const std::set<std::string>& english_stop_words() {
  static const std::set<std::string> words{
      "a", "about", "am", "an", "and", "any", "are", "at", "be", "but", "by", "can", "could", "did", "do", "does",
      "for", "from", "get", "got", "have", "help", "how", "i", "i'm", "if", "in", "is", "it", "its", "me", "my",
      "need", "of", "on", "or", "please", "so", "that", "the", "there", "this", "to", "want", "was", "what", "when",
      "where", "which", "who", "why", "will", "with", "would", "you", "your", "yet", "still", "just", "hi", "hello"};
  return words;
}

/// A character of a Chinese question (or Japanese, Korean) that may carry its
/// topic: written without spaces, not punctuation or a full-width form, not filler.
bool is_cjk_topic_character(char32_t cp) {
  static const std::u32string filler = U"的了吗呢啊吧呀哦嘛我你您他她是在有要想能可以请问怎么么什为这那个还就都也和与吗？，。！、";
  return is_written_without_spaces(cp) && !(cp >= 0x3000 && cp <= 0x303F) && !(cp >= 0xFF00 && cp <= 0xFFEF) &&
         filler.find(cp) == std::u32string::npos;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct Pending {
  GapQuestion question;
  bool gap = false;
};

}  // namespace

const char* gap_outcome_name(GapOutcome outcome) noexcept {
  switch (outcome) {
    case GapOutcome::not_helpful: return "not helpful";
    case GapOutcome::no_answer: return "no answer";
    case GapOutcome::escalated: return "escalated";
  }
  return "?";
}

std::vector<std::string> gap_terms(std::string_view folded) {
  std::vector<std::string> terms;
  std::string word;
  std::u32string run;  // consecutive topic-bearing CJK characters
  const auto end_word = [&] {
    while (!word.empty() && (word.back() == '\'' || word.back() == '-')) word.pop_back();
    if (word.size() > 3 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
    if (word.size() > 1 && !english_stop_words().count(word)) terms.push_back(word);
    word.clear();
  };
  const auto end_run = [&] {
    if (run.size() == 1) {
      std::string one;
      append_utf8(one, run[0]);
      terms.push_back(one);
    }
    for (std::size_t k = 0; k + 1 < run.size(); ++k) {
      std::string pair;
      append_utf8(pair, run[k]);
      append_utf8(pair, run[k + 1]);
      terms.push_back(pair);
    }
    run.clear();
  };
  for (std::size_t i = 0; i < folded.size();) {
    const char32_t cp = decode_utf8(folded, i);
    if (cp < 0x80 && (std::isalnum(static_cast<int>(cp)) || ((cp == '\'' || cp == '-') && !word.empty()))) {
      end_run();
      word += static_cast<char>(std::tolower(static_cast<int>(cp)));
      continue;
    }
    end_word();
    if (is_cjk_topic_character(cp)) run += cp;
    else end_run();
  }
  end_word();
  end_run();
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

GapReport find_gaps(std::string_view jsonl, const TextFold& fold) {
  GapReport report;
  const auto problem = [&](std::size_t line, const std::string& what) {
    if (report.problems.size() < kMaxProblems) report.problems.push_back("line " + std::to_string(line) + ": " + what);
    else if (report.problems.size() == kMaxProblems) report.problems.push_back("(more unreadable lines not listed)");
  };

  // Every ask, in order; a session's later events (feedback, escalation, a
  // bare request for a person) refer to its latest question.
  std::vector<Pending> asks;
  std::unordered_map<std::string, std::size_t> latest_ask;  // session -> index in asks
  const auto mark = [&](std::size_t at, GapOutcome outcome, const std::string& reason) {
    Pending& ask = asks[at];
    if (!ask.gap || outcome > ask.question.outcome) ask.question.outcome = outcome;
    if (!reason.empty()) ask.question.reason = reason;
    ask.gap = true;
  };

  std::size_t line_number = 0;
  for (std::size_t start = 0; start < jsonl.size();) {
    std::size_t end = jsonl.find('\n', start);
    if (end == std::string_view::npos) end = jsonl.size();
    const std::string line = trim(jsonl.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty()) continue;
    ++report.lines;
    const json event = json::parse(line, nullptr, false);
    if (!event.is_object()) {
      problem(line_number, event.is_discarded() ? "not JSON" : "not an event object");
      continue;
    }
    const auto text = [&](const json& object, const char* key) {
      const auto it = object.find(key);
      return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string type = text(event, "type");
    if (type.empty()) {
      problem(line_number, "no event type");
      continue;
    }
    ++report.events;
    const std::string session = text(event, "session");
    const auto session_ask = [&]() -> long {  // without a session id nothing can be linked
      const auto it = session.empty() ? latest_ask.end() : latest_ask.find(session);
      return it == latest_ask.end() ? -1 : static_cast<long>(it->second);
    };

    if (type == "ask") {
      const std::string query = trim(text(event, "query"));
      if (query.empty()) {
        problem(line_number, "an ask without a query");
        continue;
      }
      ++report.asks;
      Pending ask;
      ask.question.query = query;
      ask.question.locale = text(event, "locale");
      ask.question.at = text(event, "at");
      ask.question.session = session;
      const json decision = event.contains("decision") ? event["decision"] : json();
      std::string kind;
      bool any_intent = false;
      if (decision.is_object()) {
        kind = text(decision, "kind");
        if (decision.contains("intents") && decision["intents"].is_array() && !decision["intents"].empty()) {
          const json& best = decision["intents"][0];
          if (best.is_object()) ask.question.intent = text(best, "id");
          any_intent = !ask.question.intent.empty();
        }
      }
      const std::string reason = kind == "escalate" ? text(decision, "reason") : std::string();
      if (reason == "explicit_request" && session_ask() >= 0) {
        // "转人工" after a question: the question is what went unsolved.
        mark(static_cast<std::size_t>(session_ask()), GapOutcome::escalated, reason);
        continue;
      }
      asks.push_back(std::move(ask));
      const std::size_t at = asks.size() - 1;
      latest_ask[session] = at;
      if (kind == "escalate") mark(at, reason == "out_of_scope" ? GapOutcome::no_answer : GapOutcome::escalated, reason);
      else if (!decision.is_object() || !any_intent) mark(at, GapOutcome::no_answer, "");
    } else if (type == "feedback") {
      const auto it = event.find("helped");
      if (it == event.end() || !it->is_boolean()) {
        problem(line_number, "feedback without helped: true/false");
        continue;
      }
      if (!it->get<bool>() && session_ask() >= 0) mark(static_cast<std::size_t>(session_ask()), GapOutcome::not_helpful, "");
      if (const std::string article = text(event, "article"); !article.empty())
        ++(it->get<bool>() ? report.articles[article].helped : report.articles[article].not_helped);
    } else if (type == "escalate" || type == "handoff") {
      if (session_ask() >= 0) {
        std::string reason;
        if (event.contains("decision") && event["decision"].is_object()) reason = text(event["decision"], "reason");
        mark(static_cast<std::size_t>(session_ask()), GapOutcome::escalated, reason);
      }
    } else if (type == "opened") {
      if (const std::string article = text(event, "article"); !article.empty()) ++report.articles[article].views;
    }
    // ready, error, hints, choose: no gap by themselves.
  }

  // Group: most frequent wordings first, each joining the first group it shares enough terms with.
  struct Wording {
    std::string folded;
    std::vector<std::string> terms;
    std::vector<const GapQuestion*> questions;
    std::string answered_intent;  // the intent whose answer did not help, if that is how it failed
  };
  std::vector<Wording> wordings;
  std::unordered_map<std::string, std::size_t> wording_of;
  for (const auto& ask : asks) {
    if (!ask.gap) continue;
    ++report.gaps;
    const std::string folded = fold ? fold(ask.question.query) : lower_ascii(ask.question.query);
    auto [it, added] = wording_of.emplace(trim(folded), wordings.size());
    if (added) wordings.push_back({trim(folded), gap_terms(folded), {}, {}});
    Wording& wording = wordings[it->second];
    wording.questions.push_back(&ask.question);
    if (ask.question.outcome == GapOutcome::not_helpful && wording.answered_intent.empty())
      wording.answered_intent = ask.question.intent;
  }
  std::stable_sort(wordings.begin(), wordings.end(),
                   [](const Wording& a, const Wording& b) { return a.questions.size() > b.questions.size(); });

  // Questions answered with the same intent but not helped belong together
  // too: that intent's article is what needs work.
  //
  // A wording joins the first cluster it overlaps enough or shares its
  // unhelpful intent with. Comparing it with every cluster was the square of
  // the log (70 s on 20k questions); instead it is compared only with the
  // clusters that can overlap it enough (prefix filtering, exact). With terms
  // ordered rarest first, two term lists sharing at least half of the shorter
  // one's share one of that shorter list's first n - ceil(n/2) + 1 terms (its
  // prefix). So a wording looks at the clusters holding any term of its own
  // prefix, and at those whose prefix holds any of its terms. Terms are
  // numbered rarest first, so a sorted list of numbers is in that order.
  std::unordered_map<std::string, std::size_t> term_frequency;  // wordings holding it
  for (const auto& wording : wordings)
    for (const auto& term : wording.terms) ++term_frequency[term];
  std::vector<std::pair<std::size_t, const std::string*>> by_rarity;
  by_rarity.reserve(term_frequency.size());
  for (const auto& [term, n] : term_frequency) by_rarity.emplace_back(n, &term);
  std::sort(by_rarity.begin(), by_rarity.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : *a.second < *b.second; });
  std::unordered_map<std::string_view, std::size_t> term_number;
  for (std::size_t k = 0; k < by_rarity.size(); ++k) term_number.emplace(*by_rarity[k].second, k);
  const auto prefix_length = [](std::size_t n) { return n - (n + 1) / 2 + 1; };

  struct Cluster {
    std::vector<std::size_t> terms;  // the first wording's, as numbers, rarest first
    std::string answered_intent;
    std::vector<const Wording*> wordings;
  };
  std::vector<Cluster> clusters;
  std::vector<std::vector<std::size_t>> clusters_with_term(by_rarity.size()), clusters_with_prefix_term(by_rarity.size());
  std::unordered_map<std::string, std::size_t> first_cluster_of_intent;
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> term_in_wording(by_rarity.size(), kNone);  // the wording holding it, of those seen
  std::vector<std::size_t> compared_with(0);                          // per cluster: the last wording compared
  for (std::size_t w = 0; w < wordings.size(); ++w) {
    const Wording& wording = wordings[w];
    std::vector<std::size_t> terms;
    for (const auto& term : wording.terms) terms.push_back(term_number.at(term));
    std::sort(terms.begin(), terms.end());
    for (const std::size_t t : terms) term_in_wording[t] = w;
    std::size_t home = kNone;
    if (!wording.answered_intent.empty())
      if (const auto it = first_cluster_of_intent.find(wording.answered_intent); it != first_cluster_of_intent.end())
        home = it->second;
    // Two wordings belong together when they share at least half of the shorter one's terms.
    const auto consider = [&](const std::vector<std::size_t>& candidates) {  // in cluster order
      for (const std::size_t c : candidates) {
        if (c >= home) return;
        if (compared_with[c] == w) continue;
        compared_with[c] = w;
        std::size_t shared = 0;
        for (const std::size_t t : clusters[c].terms) shared += term_in_wording[t] == w;
        if (2 * shared >= std::min(terms.size(), clusters[c].terms.size())) home = c;
      }
    };
    if (!terms.empty()) {
      for (std::size_t k = 0; k < prefix_length(terms.size()); ++k) consider(clusters_with_term[terms[k]]);
      for (const std::size_t t : terms) consider(clusters_with_prefix_term[t]);
    }
    if (home == kNone) {
      home = clusters.size();
      if (!terms.empty()) {
        for (const std::size_t t : terms) clusters_with_term[t].push_back(home);
        for (std::size_t k = 0; k < prefix_length(terms.size()); ++k) clusters_with_prefix_term[terms[k]].push_back(home);
      }
      if (!wording.answered_intent.empty()) first_cluster_of_intent.emplace(wording.answered_intent, home);
      clusters.push_back({std::move(terms), wording.answered_intent, {}});
      compared_with.push_back(kNone);
    }
    clusters[home].wordings.push_back(&wording);
  }

  for (const auto& cluster : clusters) {
    GapGroup group;
    group.label = cluster.wordings.front()->questions.front()->query;
    std::map<std::string, std::size_t> term_counts, intent_counts;
    std::vector<const GapQuestion*> questions;
    for (const auto* wording : cluster.wordings) {
      for (const auto& term : wording->terms) term_counts[term] += wording->questions.size();
      questions.insert(questions.end(), wording->questions.begin(), wording->questions.end());
    }
    std::sort(questions.begin(), questions.end());  // log order: they point into one vector
    for (const auto* q : questions) {
      group.questions.push_back(*q);
      ++group.outcomes[q->outcome];
      if (q->at.size() >= 10) ++group.by_day[q->at.substr(0, 10)];
      if (!q->intent.empty()) ++intent_counts[q->intent];
    }
    group.count = group.questions.size();
    std::vector<std::pair<std::string, std::size_t>> terms(term_counts.begin(), term_counts.end());
    std::stable_sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (std::size_t k = 0; k < terms.size() && k < 5; ++k)
      if (terms[k].second > 1 || cluster.wordings.size() == 1) group.terms.push_back(terms[k].first);
    std::size_t best = 0;
    for (const auto& [intent, n] : intent_counts)
      if (n > best) {
        best = n;
        group.intent = intent;
      }
    report.groups.push_back(std::move(group));
  }
  std::stable_sort(report.groups.begin(), report.groups.end(),
                   [](const GapGroup& a, const GapGroup& b) { return a.count > b.count; });
  return report;
}

void recheck_gaps(GapReport& report, const AnswerNow& answer_now) {
  if (!answer_now) return;
  for (auto& group : report.groups) {
    const std::string locale = group.questions.empty() ? std::string() : group.questions.front().locale;
    group.answered_now = answer_now(group.label, locale);
  }
}

}  // namespace firstline::console
