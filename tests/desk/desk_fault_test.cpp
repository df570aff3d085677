// The desk killed with SIGKILL in the middle of a load, on each store: every
// case it acknowledged (a 201 with a reference) is there after a restart on
// the same store, and the restarted desk serves it. Each acknowledged event
// batch is there too. (The figures of the load itself: desk_load_bench.cpp.)
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <httplib.h>

#include "desk_process.h"
#include "desk_test_support.h"
#include "firstline/desk/store.h"

namespace firstline::desk::testing {
namespace {

class DeskKilled : public ::testing::TestWithParam<std::string> {};

TEST_P(DeskKilled, EveryAcknowledgedCaseSurvivesASigkillDuringTheLoad) {
  TempFolder dir;
  const std::string location = fresh_store_location(GetParam(), dir);
  LoadResult load;
  {
    DeskProcess desk(location, dir.path());
    std::atomic<bool> stop{false};
    std::thread loader([&] { load = run_load(desk.port(), {.clients = 12, .seconds = 30, .events_per_batch = 10}, stop); });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    desk.kill_hard();
    stop = true;
    loader.join();
  }
  ASSERT_GT(load.handoffs_acknowledged, 20) << "the load ran before the kill";
  EXPECT_GT(load.failed, 0) << "the kill came during the load, with requests in flight or refused";

  DeskProcess restarted(location, dir.path());
  auto store = open_store(location);
  std::int64_t lost = 0;
  for (const auto& reference : load.references) {
    if (!store->case_by_reference(reference)) ++lost;
  }
  EXPECT_EQ(lost, 0) << "of " << load.references.size() << " acknowledged cases";
  // A request in flight at the kill may have committed without its answer: more, never fewer.
  EXPECT_GE(store->count_cases(), load.handoffs_acknowledged);
  EXPECT_GE(store->count_events(), load.events_acknowledged);
  // The restarted desk answers on the same store.
  httplib::Client client("127.0.0.1", restarted.port());
  const auto channels = client.Get("/api/channels");
  ASSERT_TRUE(channels);
  EXPECT_EQ(channels->status, 200);
  std::cout << "[ figures  ] " << GetParam() << ": " << load.handoffs_acknowledged << " cases and "
            << load.events_acknowledged << " events acknowledged before SIGKILL; lost after restart: " << lost << "\n";
}

INSTANTIATE_TEST_SUITE_P(OnBothStores, DeskKilled, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace firstline::desk::testing
