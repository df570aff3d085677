// Building the two artifacts: what goes where, what metadata they carry, and
// that a failed build loses nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <xapian.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "branch_packing.h"
#include "indexer_cli.h"
#include "firstline/index.h"
#include "firstline/schema.h"
#include "test_kb.h"

namespace fs = std::filesystem;
using firstline::testing::TestKb;
using firstline::testing::run_indexer;
using firstline::testing::read_bytes;

namespace {

std::vector<std::string> article_ids_in_order(const std::string& path) {
  Xapian::Database db(path);
  std::vector<std::string> ids;
  const std::string kind = std::string(firstline::schema::kPrefixKind) + firstline::schema::kKindArticle;
  for (auto it = db.postlist_begin(kind); it != db.postlist_end(kind); ++it)
    ids.push_back(nlohmann::json::parse(db.get_document(*it).get_data())["id"]);
  return ids;
}

}  // namespace

TEST(IndexBuild, WritesAPublicAndAnAgentIndexAsSingleFiles) {
  TestKb kb;
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("out"), "--quiet"}), 0);
  for (const char* name : {"public.db", "agent.db"}) {
    const fs::path path = fs::path(kb.scratch("out")) / name;
    EXPECT_TRUE(fs::is_regular_file(path)) << path;
  }
  EXPECT_TRUE(fs::is_regular_file(fs::path(kb.scratch("out")) / "web" / "firstline-index.json"));
  // Nothing else is left behind in the output folder.
  EXPECT_EQ(std::distance(fs::directory_iterator(kb.scratch("out")), fs::directory_iterator()), 3);
  EXPECT_EQ(article_ids_in_order(kb.scratch("out") + "/public.db"),
            (std::vector<std::string>{"parcel-where", "refund-status-hant"}));
  EXPECT_EQ(article_ids_in_order(kb.scratch("out") + "/agent.db"),
            (std::vector<std::string>{"comp-standard", "parcel-where", "refund-status-hant"}));
}

TEST(IndexBuild, EachIndexCarriesFormatVersionAndBuildMetadata) {
  TestKb kb;
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("out"), "--quiet"}), 0);
  const auto index = firstline::Index::open(kb.scratch("out") + "/agent.db");
  const auto& build = index.build_info();
  EXPECT_EQ(build.format_version, firstline::schema::kFormatVersion);
  EXPECT_EQ(build.artifact, "agent");
  EXPECT_EQ(build.content_hash.size(), 64u);
  EXPECT_EQ(build.built_at.size(), std::string("2026-11-24T10:00:00Z").size());
  EXPECT_EQ(build.articles, 3u);
  EXPECT_EQ(build.intents, 2u);
  EXPECT_EQ(build.examples, 3u + 3u + 1u + 16u + 16u);  // titles and questions of the articles, intent examples
  const auto json = nlohmann::json::parse(build.json);
  EXPECT_EQ(json["counts"]["by_audience"]["internal"], 1);
  EXPECT_EQ(firstline::Index::open(kb.scratch("out") + "/public.db").build_info().content_hash, build.content_hash);
}

TEST(IndexBuild, TheContentHashChangesWithTheContent) {
  TestKb kb;
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("one"), "--quiet"}), 0);
  kb.write("articles/parcel-where.md", TestKb::article("parcel-where", "", "新的正文。"));
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("two"), "--quiet"}), 0);
  EXPECT_NE(firstline::Index::open(kb.scratch("one") + "/public.db").build_info().content_hash,
            firstline::Index::open(kb.scratch("two") + "/public.db").build_info().content_hash);
}

TEST(IndexBuild, AFailedBuildLeavesThePreviousArtifactsByteIdentical) {
  TestKb kb;
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("out"), "--quiet"}), 0);
  const std::string public_before = read_bytes(kb.scratch("out") + "/public.db");
  const std::string agent_before = read_bytes(kb.scratch("out") + "/agent.db");
  const std::string entry_before = read_bytes(kb.scratch("out") + "/web/firstline-index.json");
  ASSERT_FALSE(public_before.empty());

  kb.write("articles/broken.md", "---\nid: broken\ntitle: [\n---\n");
  EXPECT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("out"), "--quiet"}), 1);
  EXPECT_EQ(read_bytes(kb.scratch("out") + "/public.db"), public_before);
  EXPECT_EQ(read_bytes(kb.scratch("out") + "/agent.db"), agent_before);
  EXPECT_EQ(read_bytes(kb.scratch("out") + "/web/firstline-index.json"), entry_before);
  EXPECT_EQ(std::distance(fs::directory_iterator(kb.scratch("out")), fs::directory_iterator()), 3);
}

TEST(IndexBuild, AnArtifactPathThatIsAFolderReplacesNeitherArtifact) {
  TestKb kb;
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("out"), "--quiet"}), 0);
  const std::string public_before = read_bytes(kb.scratch("out") + "/public.db");
  fs::remove(kb.scratch("out") + "/agent.db");
  fs::create_directories(kb.scratch("out") + "/agent.db/kept");
  kb.write("articles/parcel-where.md", TestKb::article("parcel-where", "", "新的正文。"));

  EXPECT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("out"), "--quiet"}), 1);
  EXPECT_EQ(read_bytes(kb.scratch("out") + "/public.db"), public_before);
  EXPECT_TRUE(fs::is_directory(kb.scratch("out") + "/agent.db/kept"));
  EXPECT_EQ(std::distance(fs::directory_iterator(kb.scratch("out")), fs::directory_iterator()), 3);
}

TEST(IndexBuild, TheSamePublicContentGivesTheSameDocumentOrder) {
  TestKb kb;
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("one"), "--quiet"}), 0);
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("two"), "--quiet"}), 0);
  EXPECT_EQ(article_ids_in_order(kb.scratch("one") + "/agent.db"), article_ids_in_order(kb.scratch("two") + "/agent.db"));
}

TEST(IndexBuild, ThePublicIndexHoldsNoInternalArticleByIdOrByText) {
  // The sample KB, as built by the build_sample_index fixture.
  Xapian::Database agent(firstline::testing::sample_agent_index());
  Xapian::Database pub(firstline::testing::sample_public_index());
  std::vector<nlohmann::json> internal;
  for (auto it = agent.postlist_begin("XAinternal"); it != agent.postlist_end("XAinternal"); ++it)
    internal.push_back(nlohmann::json::parse(agent.get_document(*it).get_data()));
  ASSERT_GE(internal.size(), 10u) << "the sample KB should have internal material to protect";

  EXPECT_EQ(pub.get_termfreq("XAinternal"), 0u);
  for (const auto& article : internal) {
    const std::string id = article["id"];
    EXPECT_EQ(pub.get_termfreq("Q" + id), 0u) << id;
  }
  // By text: no public document's stored data and no metadata key or entry
  // (the example rows and the completions among them) contains an internal
  // title, a line of an internal body, or one of its questions.
  std::string everything_public;
  for (auto it = pub.postlist_begin(""); it != pub.postlist_end(""); ++it)
    everything_public += pub.get_document(*it).get_data();
  for (auto key = pub.metadata_keys_begin(); key != pub.metadata_keys_end(); ++key)
    everything_public += *key + pub.get_metadata(*key);
  for (const auto& article : internal) {
    const std::string title = article["title"];
    EXPECT_EQ(everything_public.find(title), std::string::npos) << "internal title leaked: " << title;
    const std::string text = article["text"];
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string line = text.substr(start, end - start);
      if (line.size() >= 60) {  // a sentence, not a heading that merely names a topic
        EXPECT_EQ(everything_public.find(line), std::string::npos) << "internal text leaked: " << line;
      }
      start = end + 1;
    }
    for (const auto& question : article["questions"])
      EXPECT_EQ(everything_public.find(question.get<std::string>()), std::string::npos) << question;
  }
}

namespace {

std::uint32_t be32(const std::string& bytes, std::size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
  return (std::uint32_t{p[0]} << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

/// Puts the web folder beside `index` back together from its start chunk,
/// chunks and run files (indexer/src/web_bundle.h), checking each file's
/// header; expects it to be the index byte for byte. Returns the runs' count.
std::size_t expect_web_folder_is_the_index(const fs::path& index) {
  const fs::path web = index.parent_path() / "web";
  const auto entry = nlohmann::json::parse(read_bytes((web / "firstline-index.json").string()));
  const std::string original = read_bytes(index.string());
  EXPECT_EQ(entry["bytes"], original.size());
  EXPECT_EQ(entry["artifact"], "public");
  const std::size_t block = entry["block_size"], per_chunk = entry["blocks_per_chunk"];
  const std::string build = entry["build"];
  const fs::path folder = web / entry["folder"].get<std::string>();
  EXPECT_EQ(entry["folder"], "public." + build);
  auto payload = [&](const std::string& name, std::uint32_t number) {
    const std::string bytes = read_bytes((folder / name).string());
    EXPECT_EQ(bytes.substr(0, 4), "FLCK") << name;
    EXPECT_EQ(be32(bytes, 4), number) << name;
    EXPECT_EQ(bytes.substr(8, 8), build.substr(0, 8)) << name;
    return bytes.substr(20);
  };
  std::string rebuilt(original.size(), '\0');
  std::vector<bool> seen(original.size() / block, false);
  const std::string start = payload("s.bin", 0xffffffffu);
  const auto& start_blocks = entry["start_blocks"];
  const std::size_t runs = entry["runs"];
  // Its blocks: leaves as they are, branch blocks packed (indexer/src/branch_packing.h).
  std::string_view blocks = start;
  for (std::size_t i = 0; i < start_blocks.size(); ++i) {
    const std::size_t n = start_blocks[i];
    const bool branch = n != 0 && original[n * block + 4] != 0;
    std::string unpacked;
    if (branch) {
      EXPECT_TRUE(firstline::indexer::unpack_branch_block(blocks, static_cast<std::uint32_t>(block), unpacked)) << n;
    } else {
      unpacked = std::string(blocks.substr(0, block));
      blocks.remove_prefix(std::min(block, blocks.size()));
    }
    rebuilt.replace(n * block, block, unpacked);
    seen[n] = true;
  }
  EXPECT_EQ(blocks.size(), 4 + 8 * runs) << "the runs table follows the blocks";
  // The runs: chunks published together.
  const std::size_t table = start.size() - blocks.size();
  EXPECT_EQ(be32(start, table), runs);
  std::map<std::uint32_t, std::uint32_t> run_of;  // first chunk -> chunks
  for (std::size_t r = 0; r < runs; ++r) run_of[be32(start, table + 4 + 8 * r)] = be32(start, table + 8 + 8 * r);
  std::size_t next = 0, files = 1;
  auto place = [&](const std::string& blocks) {
    for (std::size_t at = 0; at < blocks.size(); at += block) {
      while (next < seen.size() && seen[next]) ++next;
      if (next >= seen.size()) return;
      rebuilt.replace(next * block, block, blocks, at, block);
      seen[next] = true;
    }
  };
  for (std::uint32_t chunk = 0; chunk < entry["chunks"].get<std::uint32_t>(); ++files) {
    if (const auto run = run_of.find(chunk); run != run_of.end()) {
      const std::string blocks = payload("r" + std::to_string(chunk) + ".bin", chunk);
      EXPECT_EQ(blocks.size(), run->second * block);
      EXPECT_FALSE(fs::exists(folder / (std::to_string(chunk) + ".bin"))) << "a chunk of a run is only in its run's file";
      place(blocks);
      chunk += run->second;
    } else {
      const std::string blocks = payload(std::to_string(chunk) + ".bin", chunk);
      EXPECT_LE(blocks.size(), per_chunk * block);
      place(blocks);
      ++chunk;
    }
  }
  EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](bool b) { return b; })) << "every block is published";
  EXPECT_TRUE(rebuilt == original) << "the chunks put back together are the index";
  EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), static_cast<long>(files));
  return runs;
}

}  // namespace

// The web folder a host publishes (indexer/src/web_bundle.h) is the public
// index, block for block, and nothing else: put back together from its
// chunks, it is public.db byte for byte (so it holds no internal content,
// as public.db does not), each chunk headed by its number and the build.
TEST(IndexBuild, ThePublishedWebFolderIsThePublicIndexBlockForBlock) {
  expect_web_folder_is_the_index(firstline::testing::sample_public_index());
}

// A word of thousands of examples has its postings in pieces over several
// leaves, which a query reads all of: they are one run file.
TEST(IndexBuild, AWordOfThousandsOfExamplesIsPublishedAsOneRunFile) {
  TestKb kb;
  std::string examples;
  for (int i = 0; i < 4000; ++i) examples += (i ? ", " : "") + std::string("parcel tracking ") + std::to_string(i);
  kb.write("intents.yaml", "intents:\n  - id: parcel.where\n    label: {en: Track my parcel}\n    examples:\n      en: [" +
                              examples + "]\n  - id: refund.status\n    label: {en: Refund status}\n    examples:\n"
                              "      en: [where is my refund, refund status, money back]\n");
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("out"), "--quiet"}), 0);
  EXPECT_GE(expect_web_folder_is_the_index(fs::path(kb.scratch("out")) / "public.db"), 1u);
}

// The start chunk's branch blocks are packed (indexer/src/branch_packing.h);
// packed bytes cut short or damaged are refused, never unpacked into a block
// the engine would misread.
TEST(IndexBuild, APackedBranchBlockCutShortOrDamagedIsRefused) {
  const fs::path public_db(firstline::testing::sample_public_index());
  const std::string index = read_bytes(public_db.string());
  const auto entry = nlohmann::json::parse(read_bytes((public_db.parent_path() / "web" / "firstline-index.json").string()));
  const std::size_t block = entry["block_size"];
  std::string branch;
  for (std::size_t n = 1; n < index.size() / block && branch.empty(); ++n)
    if (index[n * block + 4] != 0) branch = index.substr(n * block, block);
  ASSERT_FALSE(branch.empty()) << "the sample index has a branch block";
  const std::string packed = firstline::indexer::pack_branch_block(branch);
  EXPECT_LT(packed.size(), block / 2) << "packing is worth it";
  std::string unpacked;
  std::string_view whole = packed;
  ASSERT_TRUE(firstline::indexer::unpack_branch_block(whole, static_cast<std::uint32_t>(block), unpacked));
  EXPECT_EQ(unpacked, branch);
  EXPECT_TRUE(whole.empty());
  for (std::size_t cut = 0; cut < packed.size(); ++cut) {
    std::string_view in = std::string_view(packed).substr(0, cut);
    EXPECT_FALSE(firstline::indexer::unpack_branch_block(in, static_cast<std::uint32_t>(block), unpacked)) << cut;
    EXPECT_EQ(in.size(), cut) << "nothing consumed";
  }
  std::string wrong_directory = packed;
  wrong_directory[9] = '\xff';  // the directory's end, past the block
  std::string_view in = wrong_directory;
  EXPECT_FALSE(firstline::indexer::unpack_branch_block(in, static_cast<std::uint32_t>(block), unpacked));
  EXPECT_THROW(firstline::indexer::pack_branch_block(index.substr(0, block)), std::runtime_error)
      << "block 0 is not a branch block";
}

TEST(IndexBuild, TheCommandLineAnswersHelpAndVersion) {
  EXPECT_EQ(run_indexer({"--help"}), 0);
  EXPECT_EQ(run_indexer({"--version"}), 0);
  EXPECT_EQ(run_indexer({"frobnicate", "x"}), 2);
  EXPECT_EQ(run_indexer({"build", "x"}), 2);  // --out missing
}

TEST(IndexBuild, StatsOfAMissingIndexIsAClearFailure) {
  TestKb kb;
  EXPECT_EQ(run_indexer({"stats", kb.scratch("nowhere.db")}), 1);
}

TEST(IndexBuild, ASynonymGroupFoundInAnArticleIsOneMoreTermOfIt) {
  TestKb kb;  // synonyms.yaml: [快递, 包裹], [parcel, package]; parcel-where's title is 我的包裹到哪了
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("out"), "--quiet"}), 0);
  Xapian::Database db(kb.scratch("out") + "/public.db");
  EXPECT_EQ(db.get_metadata(firstline::schema::kMetaSynonyms), R"([["快递","包裹"],["parcel","package"]])");
  Xapian::PostingIterator article = db.postlist_begin("Qparcel-where");
  ASSERT_NE(article, db.postlist_end("Qparcel-where"));
  const Xapian::Document doc = db.get_document(*article);
  Xapian::TermIterator term = doc.termlist_begin();
  term.skip_to("Z=快递");
  ASSERT_NE(term, doc.termlist_end());
  EXPECT_EQ(*term, "Z=快递");
  EXPECT_EQ(db.get_termfreq("Z=parcel"), 0u) << "no public article mentions a parcel or package in English";
}

TEST(IndexBuild, EnglishTextFeedsTheSpellingCorrector) {
  Xapian::Database db(firstline::testing::sample_public_index());
  EXPECT_EQ(db.get_spelling_suggestion("refnud"), "refund");
  EXPECT_EQ(db.get_spelling_suggestion("parcle"), "parcel");
}

TEST(IndexBuild, TitlesAndQuestionsOutweighBodyText) {
  TestKb kb;
  // The word only in its body, four times over: it must still rank below a title match.
  kb.write("articles/body-only.md", "---\nid: body-only\ntitle: 其他问题\ntype: faq\naudience: public\n"
                                   "locale: zh-Hans\nintents: [refund.status]\nupdated: 2026-10-01\n---\n退款 退款 退款 退款。\n");
  ASSERT_EQ(run_indexer({"build", kb.root(), "--out", kb.scratch("out"), "--quiet"}), 0);
  const auto hits = firstline::Index::open(kb.scratch("out") + "/public.db").search("退款进度", 2);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "refund-status-hant");  // 退款進度查詢 is its title
}
