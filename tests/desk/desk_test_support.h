// What the desk's tests share: a temporary folder, and a fixture that gives
// each test a fresh store on SQLite or on PostgreSQL (the test's parameter).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "firstline/desk/store.h"

namespace firstline::desk::testing {

class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// A new empty store location of `kind` ("sqlite": a file in `dir`;
/// "postgresql": a new database on the tests' server). Throws
/// std::runtime_error when PostgreSQL is unavailable, with the reason.
std::string fresh_store_location(const std::string& kind, const TempFolder& dir);

/// Parameterised by "sqlite" or "postgresql": a fresh store per test. A
/// PostgreSQL that cannot start fails the test with the reason (never a skip).
class StoreOnBoth : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  Store& store() { return *store_; }
  const std::string& location() const { return location_; }
  /// Runs SQL on the store's database behind the Store's back (to set up odd states).
  void raw_execute(const std::string& sql);

 private:
  TempFolder dir_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

}  // namespace firstline::desk::testing
