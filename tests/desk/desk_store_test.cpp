// The desk's store, on both databases: every test runs on SQLite (a
// temporary file) and on PostgreSQL (a fresh database on a throwaway server).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>

#include <sqlite3.h>

#include "desk_test_support.h"
#include "firstline/desk/store.h"

using namespace firstline::desk;
using firstline::desk::testing::StoreOnBoth;

namespace {

NewCase a_case(const std::string& reference, int level = 1, bool urgent = false, Millis at = 1000) {
  NewCase c;
  c.reference = reference;
  c.token_hash = "hash-" + reference;
  c.channel = "chat";
  c.kind = "chat";
  c.locale = "zh-Hans";
  c.problem_level = level;
  c.urgent = urgent;
  c.summary = "L" + std::to_string(level) + " " + reference;
  c.handoff_json = R"({"schema":"firstline.handoff"})";
  c.contact_json = "{}";
  c.promise_json = R"({"mode":"live"})";
  c.created_at = at;
  return c;
}

std::vector<std::string> references(const std::vector<CaseRecord>& cases) {
  std::vector<std::string> out;
  for (const auto& c : cases) out.push_back(c.reference);
  return out;
}

}  // namespace

using DeskStore = StoreOnBoth;

TEST_P(DeskStore, OpensAFreshDatabaseAtTheCurrentSchemaVersionAndReopensItUnchanged) {
  EXPECT_EQ(store().schema_version(), kSchemaVersion);
  EXPECT_EQ(store().kind(), GetParam());
  store().create_case(a_case("FL-AAAAAA"));
  auto again = open_store(location());
  EXPECT_EQ(again->schema_version(), kSchemaVersion);
  EXPECT_EQ(again->count_cases(), 1);
}

TEST_P(DeskStore, StoresACaseAndFindsItByTokenHashOrReferenceOnly) {
  const CaseRecord created = store().create_case(a_case("FL-ABCDEF", 3, true, 5000));
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.status, "waiting");
  const auto by_token = store().case_by_token_hash("hash-FL-ABCDEF");
  ASSERT_TRUE(by_token);
  EXPECT_EQ(by_token->reference, "FL-ABCDEF");
  EXPECT_EQ(by_token->problem_level, 3);
  EXPECT_TRUE(by_token->urgent);
  EXPECT_EQ(by_token->created_at, 5000);
  EXPECT_EQ(by_token->handoff_json, R"({"schema":"firstline.handoff"})");
  EXPECT_EQ(by_token->promise_json, R"({"mode":"live"})");
  EXPECT_FALSE(by_token->claimed_by);
  ASSERT_TRUE(store().case_by_reference("FL-ABCDEF"));
  EXPECT_FALSE(store().case_by_token_hash("hash-FL-ABCDEX"));
  EXPECT_FALSE(store().case_by_reference("FL-ZZZZZZ"));
}

TEST_P(DeskStore, RefusesASecondCaseWithTheSameReferenceAsAConflictAndKeepsTheFirst) {
  store().create_case(a_case("FL-SAME00"));
  NewCase again = a_case("FL-SAME00");
  again.token_hash = "another";
  try {
    store().create_case(again);
    FAIL() << "a duplicate reference was stored";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.code(), StoreError::Code::conflict) << e.what();
  }
  EXPECT_EQ(store().count_cases(), 1);
  EXPECT_EQ(store().queue_version(), 1) << "the refused case left no change behind";
}

TEST_P(DeskStore, QueuesLevelFourAndUrgentCasesFirstThenTheLongestWaiting) {
  store().create_case(a_case("FL-OLD001", 1, false, 100));
  store().create_case(a_case("FL-NEW001", 2, false, 300));
  store().create_case(a_case("FL-URG001", 1, true, 400));
  store().create_case(a_case("FL-LV4001", 4, false, 200));
  store().create_case(a_case("FL-MID001", 3, false, 250));
  EXPECT_EQ(references(store().open_cases()),
            (std::vector<std::string>{"FL-LV4001", "FL-URG001", "FL-OLD001", "FL-MID001", "FL-NEW001"}));
}

TEST_P(DeskStore, GivesACaseToTheFirstAgentWhoClaimsItAndRefusesTheSecond) {
  const auto ana = store().add_agent("ana", "hash", 1);
  const auto bo = store().add_agent("bo", "hash", 1);
  const auto c = store().create_case(a_case("FL-CLAIM1"));
  EXPECT_EQ(store().claim_case(c.id, ana.id, 2000), ClaimResult::claimed);
  EXPECT_EQ(store().claim_case(c.id, ana.id, 2001), ClaimResult::already_yours);
  EXPECT_EQ(store().claim_case(c.id, bo.id, 2002), ClaimResult::claimed_by_other);
  EXPECT_EQ(store().claim_case(c.id + 100, bo.id, 2002), ClaimResult::not_found);
  const auto now = store().case_by_reference("FL-CLAIM1");
  EXPECT_EQ(now->status, "claimed");
  EXPECT_EQ(now->claimed_by, ana.id);
  EXPECT_EQ(now->claimed_by_name, "ana");
  EXPECT_EQ(now->claimed_at, 2000);
}

TEST_P(DeskStore, OneOfManyAgentsClaimingTheSameCaseAtOnceGetsIt) {
  const auto c = store().create_case(a_case("FL-RACE01"));
  std::vector<std::int64_t> agents;
  for (int i = 0; i < 6; ++i) agents.push_back(store().add_agent("agent" + std::to_string(i), "h", 1).id);
  std::vector<ClaimResult> results(agents.size());
  std::vector<std::thread> threads;
  // A second connection per agent, as several desk instances would have.
  std::vector<std::unique_ptr<Store>> stores;
  for (std::size_t i = 0; i < agents.size(); ++i) stores.push_back(open_store(location()));
  for (std::size_t i = 0; i < agents.size(); ++i)
    threads.emplace_back([&, i] { results[i] = stores[i]->claim_case(c.id, agents[i], 10); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(results.begin(), results.end(), ClaimResult::claimed), 1);
  EXPECT_EQ(std::count(results.begin(), results.end(), ClaimResult::claimed_by_other), 5);
}

TEST_P(DeskStore, OnlyTheAgentHoldingACaseClosesItAndAClosedCaseLeavesTheQueue) {
  const auto ana = store().add_agent("ana", "hash", 1);
  const auto bo = store().add_agent("bo", "hash", 1);
  const auto c = store().create_case(a_case("FL-CLOSE1"));
  EXPECT_EQ(store().close_case(c.id, ana.id, "resolved", 5), ClaimResult::claimed_by_other)
      << "a waiting case is claimed before it is closed";
  store().claim_case(c.id, ana.id, 6);
  EXPECT_EQ(store().close_case(c.id, bo.id, "resolved", 7), ClaimResult::claimed_by_other);
  EXPECT_EQ(store().close_case(c.id, ana.id, "resolved", 8), ClaimResult::claimed);
  EXPECT_EQ(store().close_case(c.id, ana.id, "resolved", 9), ClaimResult::closed);
  EXPECT_EQ(store().claim_case(c.id, bo.id, 10), ClaimResult::closed);
  const auto closed = store().case_by_reference("FL-CLOSE1");
  EXPECT_EQ(closed->status, "closed");
  EXPECT_EQ(closed->outcome, "resolved");
  EXPECT_EQ(closed->closed_at, 8);
  EXPECT_TRUE(store().open_cases().empty());
}

TEST_P(DeskStore, ReturnsACasesMessagesInOrderAfterAGivenMessage) {
  const auto ana = store().add_agent("ana", "hash", 1);
  const auto c = store().create_case(a_case("FL-MSG001"));
  const auto other = store().create_case(a_case("FL-MSG002"));
  const auto first = store().add_message(c.id, "customer", std::nullopt, "还没到", 10);
  store().add_message(other.id, "customer", std::nullopt, "another case", 11);
  const auto second = store().add_message(c.id, "agent", ana.id, "我来查一下", 12);
  const auto all = store().messages(c.id);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].body, "还没到");
  EXPECT_EQ(all[0].author, "customer");
  EXPECT_FALSE(all[0].agent_id);
  EXPECT_EQ(all[1].agent_id, ana.id);
  EXPECT_LT(first.id, second.id);
  const auto after = store().messages(c.id, first.id);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].body, "我来查一下");
  EXPECT_EQ(store().case_by_reference("FL-MSG001")->updated_at, 12);
}

TEST_P(DeskStore, RaisesTheQueueVersionWithEveryChangeToACase) {
  const auto ana = store().add_agent("ana", "hash", 1);
  const auto v0 = store().queue_version();
  const auto c = store().create_case(a_case("FL-VER001"));
  const auto v1 = store().queue_version();
  store().add_message(c.id, "customer", std::nullopt, "hello", 2);
  const auto v2 = store().queue_version();
  store().claim_case(c.id, ana.id, 3);
  const auto v3 = store().queue_version();
  store().claim_case(c.id, ana.id, 4);  // no change
  EXPECT_EQ(store().queue_version(), v3);
  store().close_case(c.id, ana.id, "resolved", 5);
  const auto v4 = store().queue_version();
  EXPECT_LT(v0, v1);
  EXPECT_LT(v1, v2);
  EXPECT_LT(v2, v3);
  EXPECT_LT(v3, v4);
  EXPECT_EQ(open_store(location())->queue_version(), v4) << "another connection sees the same version";
}

TEST_P(DeskStore, StoresABatchOfWidgetEvents) {
  std::vector<EventRecord> batch;
  for (int i = 0; i < 50; ++i)
    batch.push_back({100 + i, "client-hash", "ask", "s1", R"({"type":"ask","query":"[phone]"})"});
  store().add_events(batch);
  store().add_events({});
  EXPECT_EQ(store().count_events(), 50);
  const auto recent = store().recent_events(2);
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].received_at, 149);
  EXPECT_EQ(recent[0].body_json, R"({"type":"ask","query":"[phone]"})");
}

TEST_P(DeskStore, KeepsAgentsAndTheirSessionsUntilTheyExpire) {
  const auto ana = store().add_agent("ana", "$argon2id$...", 1);
  EXPECT_GT(ana.id, 0);
  try {
    store().add_agent("ana", "other", 2);
    FAIL() << "a second agent named ana was stored";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.code(), StoreError::Code::conflict);
  }
  EXPECT_EQ(store().agent_by_name("ana")->password_hash, "$argon2id$...");
  EXPECT_FALSE(store().agent_by_name("nobody"));
  EXPECT_TRUE(store().set_agent_password("ana", "new-hash"));
  EXPECT_FALSE(store().set_agent_password("nobody", "new-hash"));
  EXPECT_EQ(store().agent_by_name("ana")->password_hash, "new-hash");

  store().add_session({"session-hash", ana.id, "", 1000, 5000, 1000});
  const auto live = store().session_by_token_hash("session-hash", 4999);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->agent_name, "ana");
  EXPECT_FALSE(store().session_by_token_hash("session-hash", 5000)) << "expired";
  EXPECT_EQ(store().agents_present(900, 2000), 1);
  EXPECT_EQ(store().agents_present(1500, 2000), 0) << "not seen since";
  store().touch_session("session-hash", 1600);
  EXPECT_EQ(store().agents_present(1500, 2000), 1);
  EXPECT_EQ(store().agents_present(0, 6000), 0) << "expired sessions do not count";
  store().delete_session("session-hash");
  EXPECT_FALSE(store().session_by_token_hash("session-hash", 2000));
}

TEST_P(DeskStore, StoresEveryCaseCreatedFromManyThreadsAtOnce) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      auto own = open_store(location());  // each thread its own connection, like separate instances
      for (int i = 0; i < 10; ++i) {
        own->create_case(a_case("FL-T" + std::to_string(t) + "N" + std::to_string(i)));
        store().create_case(a_case("FL-S" + std::to_string(t) + "N" + std::to_string(i)));  // one shared store
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(store().count_cases(), 80);
  EXPECT_EQ(store().queue_version(), 80);
}

TEST_P(DeskStore, RefusesADatabaseMigratedByANewerDesk) {
  store().create_case(a_case("FL-NEWER1"));
  raw_execute("INSERT INTO desk_schema (version, applied_at) VALUES (99, 0)");
  try {
    open_store(location());
    FAIL() << "a newer schema was opened";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.code(), StoreError::Code::wrong_version);
    EXPECT_NE(std::string(e.what()).find("schema version 99"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Both, DeskStore, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(DeskStoreLocation, APostgresqlUrlOrLibpqSettingsNameAPostgresqlStoreAnythingElseASqliteFile) {
  EXPECT_TRUE(is_postgresql_location("postgresql://desk@db.internal/desk"));
  EXPECT_TRUE(is_postgresql_location("postgres://desk@127.0.0.1:5432/desk"));
  EXPECT_TRUE(is_postgresql_location("host=/run/postgresql dbname=desk"));
  EXPECT_FALSE(is_postgresql_location("desk.sqlite"));
  EXPECT_FALSE(is_postgresql_location("/var/lib/firstline/postgresql.db"));
}

TEST(DeskStoreLocation, AnUnreachablePostgresqlServerIsUnavailableWithTheServersWords) {
  try {
    open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_EQ(e.code(), StoreError::Code::unavailable);
    EXPECT_NE(std::string(e.what()).find("cannot connect to the PostgreSQL store"), std::string::npos) << e.what();
  }
}

TEST(DeskStoreSqlite, KeepsItsFileInWriteAheadLogModeSyncedAtEveryCommit) {
  firstline::desk::testing::TempFolder dir;
  const std::string path = dir.path() + "/desk.sqlite";
  auto store = open_store(path);
  store->create_case(a_case("FL-WAL001"));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
}

namespace {

ProposedWording proposal(const std::string& wording, const std::string& session, const std::string& kind = "clarified",
                         Millis at = 1000) {
  return {"parcel.where", "zh-Hans", wording, wording, kind, session, R"({"kind":"clarify","intents":[]})", at};
}

}  // namespace

TEST_P(DeskStore, StoresAProposedWordingOncePerSessionAndNeverMovesTheSuggestionCursorBack) {
  EXPECT_EQ(store().suggestions_through(), 0);
  store().add_proposals({proposal("快递", "s1"), proposal("快递", "s1"), proposal("快递", "s2", "rephrased", 3000)}, 10, 5000);
  store().add_proposals({proposal("快递", "s2", "rephrased", 3000)}, 4, 6000);  // derived again, from an older cursor
  EXPECT_EQ(store().suggestions_through(), 10);
  const auto all = store().suggestions("");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].customers, 2);
  EXPECT_EQ(all[0].clarified, 1);
  EXPECT_EQ(all[0].rephrased, 1);
  EXPECT_EQ(all[0].first_seen, 1000);
  EXPECT_EQ(all[0].last_seen, 3000);
  EXPECT_EQ(all[0].status, "pending");
  ASSERT_EQ(all[0].latest.size(), 2u);
  EXPECT_EQ(all[0].latest[0].kind, "rephrased") << "newest first";
  EXPECT_EQ(store().suggestions("accepted").size(), 0u);
  EXPECT_EQ(store().decide_suggestion(all[0].id + 100, "accepted", 1, 7000), SuggestionChange::not_found);
}

TEST_P(DeskStore, MigratesAVersionTwoStoreWithItsEventsAndDerivesNothingUntilAsked) {
  store().add_events({{1000, "c", "ask", "s1", R"({"type":"ask","session":"s1","query":"快递"})"},
                      {2000, "c", "feedback", "s1", R"({"type":"feedback","session":"s1","helped":true})"}});
  // The database as a version-2 desk left it.
  raw_execute("DROP TABLE suggestion_evidence");
  raw_execute("DROP TABLE suggestions");
  raw_execute("DROP INDEX events_by_session");
  raw_execute("ALTER TABLE desk_state DROP COLUMN suggestions_through");
  raw_execute("DELETE FROM desk_schema WHERE version = 3");
  auto again = open_store(location());
  EXPECT_EQ(again->schema_version(), 3);
  EXPECT_EQ(again->count_events(), 2);
  EXPECT_EQ(again->session_events("s1", 10).size(), 2u);
  EXPECT_EQ(again->session_events("s1", 1).at(0).type, "feedback") << "the last ones, oldest first";
  EXPECT_EQ(again->suggestions_through(), 0) << "the old events are read at the first listing";
  EXPECT_TRUE(again->suggestions("").empty());
}
