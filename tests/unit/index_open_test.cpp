// Opening an index: a missing, damaged, foreign or wrong-version file gives a
// typed error with a clear message, never a crash.
#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>

#include "firstline/index.h"
#include "firstline/schema.h"
#include "test_kb.h"

using firstline::Error;
using firstline::ErrorCode;
using firstline::Index;
using firstline::testing::TempDir;

namespace {

ErrorCode open_error(const std::string& path, std::string* message = nullptr) {
  try {
    Index::open(path);
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  ADD_FAILURE() << "opening " << path << " should have failed";
  return ErrorCode::internal;
}

/// A single-file glass database with the given metadata.
void write_database(const std::string& path, const std::map<std::string, std::string>& metadata, const TempDir& dir) {
  const std::string scratch = dir.str() + "/scratch";
  {
    Xapian::WritableDatabase db(scratch, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    Xapian::Document doc;
    doc.add_term("hello");
    db.add_document(doc);
    for (const auto& [key, value] : metadata) db.set_metadata(key, value);
    db.commit();
    db.compact(path, Xapian::DBCOMPACT_SINGLE_FILE);
  }
}

}  // namespace

TEST(IndexOpen, TheSamplePublicIndexOpensAndReportsItsBuild) {
  const Index index = Index::open(firstline::testing::sample_public_index());
  EXPECT_EQ(index.build_info().artifact, "public");
  EXPECT_GE(index.build_info().articles, 60u);
  EXPECT_GT(index.folder().mapping_size(), 2000u);  // the Traditional→Simplified table travelled with it
}

TEST(IndexOpen, AMissingFileIsIndexMissing) {
  std::string message;
  EXPECT_EQ(open_error("/nonexistent/public.db", &message), ErrorCode::index_missing);
  EXPECT_EQ(message, "/nonexistent/public.db: no index file there (build one with firstline-index build)");
}

TEST(IndexOpen, ATruncatedFileIsIndexCorrupt) {
  TempDir dir;
  const std::string bytes = firstline::testing::read_bytes(firstline::testing::sample_public_index());
  for (const std::size_t keep : {bytes.size() / 2, std::size_t{8192}, std::size_t{100}, std::size_t{0}}) {
    const std::string path = dir.str() + "/cut-" + std::to_string(keep) + ".db";
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(keep));
    EXPECT_EQ(open_error(path), ErrorCode::index_corrupt) << "kept " << keep << " bytes";
  }
}

TEST(IndexOpen, ARandomFileIsIndexCorrupt) {
  TempDir dir;
  std::ofstream(dir.str() + "/garbage.db") << "this is not a database\n";
  EXPECT_EQ(open_error(dir.str() + "/garbage.db"), ErrorCode::index_corrupt);
}

TEST(IndexOpen, AXapianDatabaseThatIsNotAFirstlineIndexIsIndexCorrupt) {
  TempDir dir;
  write_database(dir.str() + "/plain.db", {}, dir);
  std::string message;
  EXPECT_EQ(open_error(dir.str() + "/plain.db", &message), ErrorCode::index_corrupt);
  EXPECT_EQ(message, dir.str() + "/plain.db: not a firstline index (no format version); rebuild it with firstline-index build");
}

TEST(IndexOpen, AnIndexOfAnotherFormatVersionIsIndexWrongVersion) {
  TempDir dir;
  write_database(dir.str() + "/future.db", {{firstline::schema::kMetaFormat, "99"}}, dir);
  std::string message;
  EXPECT_EQ(open_error(dir.str() + "/future.db", &message), ErrorCode::index_wrong_version);
  EXPECT_EQ(message, dir.str() + "/future.db: index format 99, but this firstline reads format " +
                              std::to_string(firstline::schema::kFormatVersion) +
                              "; rebuild the index with a matching firstline-index");
}
