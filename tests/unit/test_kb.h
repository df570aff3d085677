// Helpers for tests: small knowledge bases written into temporary folders,
// and paths to the sample KB's indexes built by the build_sample_index fixture.
#pragma once

#include <filesystem>
#include <string>

namespace firstline::testing {

/// A temporary folder, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

/// A small valid KB: two intents (parcel.where, refund.status), escalation
/// settings, and three articles (zh-Hans public, zh-Hant public, internal policy).
class TestKb {
 public:
  TestKb();
  std::string root() const { return (dir_.path() / "kb").string(); }
  /// Writes (or overwrites) a file relative to the KB root.
  void write(const std::string& relative_path, const std::string& content) const;
  void remove(const std::string& relative_path) const;
  std::string scratch(const std::string& name) const { return (dir_.path() / name).string(); }

  /// A complete article file with the given front-matter lines replaced or added.
  static std::string article(const std::string& id, const std::string& extra_front_matter = "",
                             const std::string& body = "正文。");

 private:
  TempDir dir_;
};

std::string read_bytes(const std::string& path);
std::string sample_public_index();
std::string sample_agent_index();
std::string source_dir();

}  // namespace firstline::testing
