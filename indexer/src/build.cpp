#include "build.h"

#include <chrono>
#include <filesystem>

namespace fs = std::filesystem;

namespace firstline::indexer {

std::string default_dictionary() { return fs::exists(kDefaultDictionary) ? kDefaultDictionary : ""; }

BuildOutcome build_kb(const std::string& kb_dir, const std::string& out_dir, const std::string& tool_version,
                      const std::function<void(const std::string&)>& progress, const std::string& dictionary) {
  const auto start = std::chrono::steady_clock::now();
  BuildOutcome out;
  out.web_dir = (fs::path(out_dir) / "web").string();
  out.kept = "the previous indexes in " + out_dir + " are unchanged";
  static std::function<void(const std::string&)> reading;  // load_knowledge_base takes a plain function
  reading = progress;
  auto read_progress = +[](std::size_t done, std::size_t total) {
    if (reading) reading("read " + std::to_string(done) + " / " + std::to_string(total) + " articles");
  };
  out.kb = load_knowledge_base(kb_dir, out.diagnostics, progress ? read_progress : nullptr);
  render_articles(out.kb, out.diagnostics);
  if (out.diagnostics.has_errors()) {
    out.reason = "build failed with " + std::to_string(out.diagnostics.error_count()) + " error(s)";
    return out;
  }
  BuildOptions options;
  options.out_dir = out_dir;
  options.tool_version = tool_version;
  options.dictionary = dictionary;
  for (const auto& d : out.diagnostics.all()) options.warnings.push_back(d.to_string());
  options.progress = progress;
  try {
    out.result = write_indexes(out.kb, make_chinese_folder(), options);
  } catch (const std::exception& e) {
    out.reason = e.what();
    return out;
  }
  try {
    // What a host publishes for the widget: the public index as static files.
    out.web = write_web_bundle(out.result.public_index.path, out.web_dir);
  } catch (const std::exception& e) {
    out.reason = std::string("publishing the public index failed: ") + e.what();
    out.kept = "public.db and agent.db are the new build; " + out.web_dir + " still names the previous one";
    return out;
  }
  out.ok = true;
  out.kept.clear();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace firstline::indexer
