// The agent console's side of the desk (firstline/console/desk_session.h)
// against a real desk in this process, over its real native transport
// (cpp-httplib, desk_http.h): signing in, the live queue, a case read,
// claimed, answered and closed, and the errors an agent reads.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "customer.h"
#include "desk_http_support.h"
#include "firstline/console/desk_http.h"
#include "firstline/console/desk_session.h"
#include "firstline/console/gaps.h"
#include "firstline/console/handoff.h"
#include "firstline/desk/passwords.h"

using namespace firstline::desk;
using namespace firstline::desk::testing;
using firstline::console::DeskSession;
using firstline::console::find_gaps;
using firstline::console::GapReport;
using nlohmann::json;

namespace {

double seconds_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

const char* const kPassword = "correct horse battery";

class ConsoleDeskSession : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = fresh_store_location("sqlite", dir_);
    desk_ = std::make_unique<RunningDesk>(test_config(), location_);
    add_agent(desk_->store(), "ana", kPassword);
    add_agent(desk_->store(), "bo", kPassword);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(desk_->port()); }

  std::unique_ptr<DeskSession> session(const std::string& desk_url = "") {
    auto s = std::make_unique<DeskSession>(firstline::console::make_http_transport(desk_url.empty() ? url() : desk_url),
                                           desk_url.empty() ? url() : desk_url, seconds_now);
    s->long_poll_seconds = 5;
    return s;
  }

  /// Polls as the view does each frame, until `done` or `seconds` pass.
  template <typename Done>
  static bool poll_until(DeskSession& s, Done done, double seconds = 10) {
    const double until = seconds_now() + seconds;
    while (seconds_now() < until) {
      s.poll();
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }

  /// A customer's handoff as the widget posts it: the desk's answer (reference, token).
  json hand_off(const std::string& channel, const std::vector<std::string>& queries, const json& callback = nullptr) {
    json body = widget_post(channel, core_handoff(queries));
    if (!callback.is_null()) body["callback"] = callback;
    const auto res = desk_->client().Post("/api/handoffs", body.dump(), "application/json");
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no answer");
    return res ? json::parse(res->body) : json();
  }

  static bool queue_has(const DeskSession& s, const std::string& reference) {
    for (const auto& e : s.queue())
      if (e.reference == reference) return true;
    return false;
  }

  TempFolder dir_;
  std::string location_;
  std::unique_ptr<RunningDesk> desk_;
};

}  // namespace

TEST_F(ConsoleDeskSession, SignsInReadsTheQueueClaimsRepliesAndClosesACaseTheCustomerSeesTheReply) {
  auto s = session();
  s->sign_in("ana", kPassword);
  ASSERT_TRUE(poll_until(*s, [&] { return s->state() == DeskSession::State::signed_in; })) << s->error();
  EXPECT_EQ(s->agent(), "ana");

  const json made = hand_off("callback", {"我的快递一个星期了还没到", "转人工"}, {{"phone", "138 1234 5678"}, {"time", "下午"}});
  const std::string reference = made["reference"];
  ASSERT_TRUE(poll_until(*s, [&] { return queue_has(*s, reference); })) << s->error();

  s->open_case(reference);
  ASSERT_TRUE(poll_until(*s, [&] { return s->open_case().has_value(); })) << s->error();
  const auto& c = *s->open_case();
  EXPECT_EQ(c.entry.status, "waiting");
  EXPECT_EQ(c.contact_phone, "138 1234 5678");
  EXPECT_EQ(c.contact_time, "下午");
  EXPECT_FALSE(c.promise_text.empty());
  // The payload the desk keeps reads in the console's three-second view.
  const auto parsed = firstline::console::parse_handoff(c.handoff_json);
  EXPECT_TRUE(parsed.ok()) << parsed.error;
  EXPECT_FALSE(s->case_is_mine());

  s->claim();
  ASSERT_TRUE(poll_until(*s, [&] { return s->case_is_mine(); })) << s->error();
  s->reply("您好，我是客服 ana，正在为您查件。");
  ASSERT_TRUE(poll_until(*s, [&] { return !s->open_case()->messages.empty(); })) << s->error();
  EXPECT_EQ(s->open_case()->messages.back().from, "agent");

  // The customer's side, through the token only.
  const auto customer = desk_->client().Get(("/api/cases/" + made["token"].get<std::string>()).c_str());
  ASSERT_TRUE(customer && customer->status == 200);
  const json seen = json::parse(customer->body);
  ASSERT_EQ(seen["messages"].size(), 1u);
  EXPECT_EQ(seen["messages"][0]["text"], "您好，我是客服 ana，正在为您查件。");
  EXPECT_EQ(seen["status"], "with_agent");

  s->close("resolved");
  ASSERT_TRUE(poll_until(*s, [&] { return s->open_case()->entry.status == "closed"; })) << s->error();
  EXPECT_EQ(s->open_case()->outcome, "resolved");
  ASSERT_TRUE(poll_until(*s, [&] { return !queue_has(*s, reference); })) << "a closed case left the queue";
}

TEST_F(ConsoleDeskSession, ANewCaseAppearsWhileTheQueueLongPollWaitsAndACustomerMessageRefreshesTheOpenCase) {
  auto s = session();
  s->sign_in("ana", kPassword);
  ASSERT_TRUE(poll_until(*s, [&] { return s->state() == DeskSession::State::signed_in && s->queue_version() >= 0; }));
  // The console is now waiting at the desk for a newer queue.
  const double posted = seconds_now();
  const json made = hand_off("chat", {"转人工"});
  const std::string reference = made["reference"];
  ASSERT_TRUE(poll_until(*s, [&] { return queue_has(*s, reference); }, 4)) << "the waiting poll did not bring the case";
  std::printf("[ figure ] handoff POST to the console's queue: %.0f ms\n", (s->first_seen().at(reference) - posted) * 1000);

  s->open_case(reference);
  s->claim();
  ASSERT_TRUE(poll_until(*s, [&] { return s->case_is_mine(); })) << s->error();
  const auto res = desk_->client().Post(("/api/cases/" + made["token"].get<std::string>() + "/messages").c_str(),
                                        json{{"text", "订单号 12345，还没到"}}.dump(), "application/json");
  ASSERT_TRUE(res && res->status == 201);
  ASSERT_TRUE(poll_until(*s, [&] { return !s->open_case()->messages.empty(); }, 4)) << "the customer's message did not arrive";
  EXPECT_EQ(s->open_case()->messages.back().from, "customer");
}

TEST_F(ConsoleDeskSession, OrdersLevelFourAndUrgentCasesFirstAndTheWaitingTimeTicks) {
  auto s = session();
  s->sign_in("ana", kPassword);
  const std::string plain = hand_off("chat", {"怎么开发票"})["reference"];
  const std::string urgent = hand_off("chat", {"充电宝冒烟了，着火了"})["reference"];
  ASSERT_TRUE(poll_until(*s, [&] { return queue_has(*s, plain) && queue_has(*s, urgent); })) << s->error();
  ASSERT_EQ(s->queue().size(), 2u);
  EXPECT_EQ(s->queue()[0].reference, urgent);
  EXPECT_TRUE(s->queue()[0].urgent || s->queue()[0].problem_level == 4);
  const double first = s->waiting_seconds(s->queue()[1]);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_GT(s->waiting_seconds(s->queue()[1]), first + 0.2);
}

TEST_F(ConsoleDeskSession, SaysAWrongPasswordPlainlyAndStaysSignedOut) {
  auto s = session();
  s->sign_in("ana", "not the password");
  ASSERT_TRUE(poll_until(*s, [&] { return s->state() == DeskSession::State::signed_out; }));
  EXPECT_EQ(s->error(), "The name or the password is wrong.");
  EXPECT_TRUE(s->queue().empty());
}

TEST_F(ConsoleDeskSession, NamesAnUnreachableDeskInItsError) {
  // A port nothing listens on: the desk's, once it is stopped.
  const std::string gone = url();
  desk_.reset();
  auto s = session(gone);
  s->sign_in("ana", kPassword);
  ASSERT_TRUE(poll_until(*s, [&] { return s->state() == DeskSession::State::signed_out; }));
  EXPECT_NE(s->error().find("The desk at " + gone + " cannot be reached"), std::string::npos) << s->error();
  EXPECT_NE(s->error().find("Search still works"), std::string::npos) << s->error();
}

TEST_F(ConsoleDeskSession, ShowsAnotherAgentsClaimAsAnErrorAndTheCaseAsItIs) {
  auto ana = session(), bo = session();
  ana->sign_in("ana", kPassword);
  bo->sign_in("bo", kPassword);
  const std::string reference = hand_off("chat", {"转人工"})["reference"];
  ASSERT_TRUE(poll_until(*ana, [&] { return queue_has(*ana, reference); }));
  ASSERT_TRUE(poll_until(*bo, [&] { return queue_has(*bo, reference); }));
  ana->open_case(reference);
  ana->claim();
  ASSERT_TRUE(poll_until(*ana, [&] { return ana->case_is_mine(); }));
  bo->open_case(reference);
  ASSERT_TRUE(poll_until(*bo, [&] { return bo->open_case().has_value(); }));
  bo->claim();
  ASSERT_TRUE(poll_until(*bo, [&] { return !bo->error().empty(); }));
  EXPECT_NE(bo->error().find("claimed by ana"), std::string::npos) << bo->error();
  EXPECT_FALSE(bo->case_is_mine());
  bo->reply("我来");
  ASSERT_TRUE(poll_until(*bo, [&] { return bo->error().find("sending the reply") != std::string::npos; })) << bo->error();
}

TEST_F(ConsoleDeskSession, SigningOutEndsTheSessionAtTheDesk) {
  auto s = session();
  s->sign_in("ana", kPassword);
  ASSERT_TRUE(poll_until(*s, [&] { return s->state() == DeskSession::State::signed_in; }));
  s->sign_out();
  EXPECT_EQ(s->state(), DeskSession::State::signed_out);
  EXPECT_TRUE(s->queue().empty());
}

TEST_F(ConsoleDeskSession, ReadsTheWidgetsEventsOfAPeriodForTheEditorTabOnlyWhenSignedIn) {
  const json events = json::array({
      {{"type", "ask"}, {"at", "2026-11-24T02:00:00.000Z"}, {"locale", "zh-Hans"}, {"session", "s1"}, {"query", "积分什么时候过期"},
       {"decision", {{"kind", "escalate"}, {"intents", json::array()}, {"reason", "out_of_scope"}}}},
      {{"type", "opened"}, {"at", "2026-11-24T02:00:01.000Z"}, {"locale", "zh-Hans"}, {"session", "s2"}, {"article", "refund-time"}},
  });
  ASSERT_EQ(desk_->client().Post("/api/events", events.dump(), "application/json")->status, 202);
  auto s = session();
  s->fetch_events("", "", "everything");
  EXPECT_NE(s->error().find("Sign in"), std::string::npos) << s->error();
  s->sign_in("ana", kPassword);
  ASSERT_TRUE(poll_until(*s, [&] { return s->state() == DeskSession::State::signed_in; }));
  s->fetch_events("2026-11-01", "", "November");
  EXPECT_TRUE(s->events().loading);
  ASSERT_TRUE(poll_until(*s, [&] { return s->events().generation == 1; }));
  EXPECT_FALSE(s->events().loading);
  EXPECT_EQ(s->events().label, "November");
  const GapReport report = find_gaps(s->events().jsonl);
  EXPECT_EQ(report.events, 2u);
  ASSERT_EQ(report.groups.size(), 1u);
  EXPECT_EQ(report.groups[0].label, "积分什么时候过期");
  EXPECT_EQ(report.articles.at("refund-time").views, 1u);
}

TEST_F(ConsoleDeskSession, ListsPendingSuggestionsAndAcceptsOrRejectsEachOnlyWhenSignedIn) {
  static const firstline::Engine engine = firstline::Engine::open(FIRSTLINE_TEST_INDEX_DIR "/public.db");
  for (const char* session : {"s1", "s2"}) {  // two customers ask 快递, are asked which, pick parcel.where, and it helps
    firstline::replay::Customer c(engine, session, "zh-Hans");
    c.ask("快递");
    c.choose("parcel.where");
    c.open_first();
    c.feedback(true);
    ASSERT_EQ(desk_->client().Post("/api/events", c.events().dump(), "application/json")->status, 202);
  }
  firstline::replay::Customer other(engine, "s3", "zh-Hans");
  other.ask("东西寄到哪一站了");
  other.ask("我的快递到哪了");
  other.open_first();
  other.feedback(true);
  ASSERT_EQ(desk_->client().Post("/api/events", other.events().dump(), "application/json")->status, 202);

  auto s = session();
  s->fetch_suggestions();
  EXPECT_NE(s->error().find("Sign in"), std::string::npos) << s->error();
  EXPECT_EQ(s->suggestions().generation, 0);
  s->sign_in("ana", kPassword);
  ASSERT_TRUE(poll_until(*s, [&] { return s->state() == DeskSession::State::signed_in; }));
  s->fetch_suggestions();
  EXPECT_TRUE(s->suggestions().loading);
  ASSERT_TRUE(poll_until(*s, [&] { return s->suggestions().generation == 1; }));
  const auto pending = s->suggestions().pending;
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].wording, "快递") << "most customers first";
  EXPECT_EQ(pending[0].intent, "parcel.where");
  EXPECT_EQ(pending[0].customers, 2);
  EXPECT_EQ(firstline::console::suggestion_evidence(pending[0]).rfind("2 customers · 2 clarified · got clarify: ", 0), 0u)
      << firstline::console::suggestion_evidence(pending[0]);
  EXPECT_EQ(pending[1].wording, "东西寄到哪一站了");
  EXPECT_EQ(pending[1].rephrased, 1);

  s->decide_suggestion(pending[0].id, true);
  ASSERT_TRUE(poll_until(*s, [&] { return s->suggestions().generation == 2; }));
  EXPECT_EQ(s->notice(), "Accepted \u201c快递\u201d for parcel.where.");
  s->decide_suggestion(pending[1].id, false);
  ASSERT_TRUE(poll_until(*s, [&] { return s->suggestions().generation == 3; }));
  EXPECT_TRUE(s->suggestions().pending.empty());
  EXPECT_EQ(desk_->store().suggestion(pending[0].id)->status, "accepted");
  EXPECT_EQ(desk_->store().suggestion(pending[0].id)->decided_by, "ana");
  EXPECT_EQ(desk_->store().suggestion(pending[1].id)->status, "rejected");

  s->sign_out();
  EXPECT_TRUE(s->suggestions().pending.empty());
  s->decide_suggestion(pending[0].id, false);  // signed out: nothing is sent
  EXPECT_EQ(desk_->store().suggestion(pending[0].id)->status, "accepted");
}
