// The keyed entries an index holds its example questions and completions in
// (firstline/example_store.h, firstline/hint_store.h), written as the indexer
// writes them and read as the engine reads them, by need.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

#include "example_table.h"
#include "firstline/example_store.h"
#include "firstline/error.h"
#include "firstline/hint_store.h"
#include "firstline/intent_model.h"
#include "firstline/packed.h"
#include "firstline/terms.h"
#include "firstline/schema.h"
#include "hint_table.h"

namespace fs = std::filesystem;
using firstline::ExampleTable;
using firstline::HintTable;

namespace {

/// A scratch glass database, removed with the fixture.
class Stores : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("firstline-stores-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    db_ = Xapian::WritableDatabase(path_.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    // Two intents, as the indexer writes them one by one (schema.h).
    const char* ids[] = {"parcel.where", "refund.status"};
    for (std::uint32_t at = 0; at < 2; ++at) {
      db_.set_metadata(firstline::packed::numbered_key(firstline::schema::kMetaIntentAt, at),
                       std::string(R"({"id": ")") + ids[at] + R"("})");
      db_.set_metadata(std::string(firstline::schema::kMetaIntentId) + ids[at], std::to_string(at));
    }
    intents_.open(db_, 2);
  }
  void TearDown() override {
    db_.close();
    fs::remove_all(path_);
  }
  fs::path path_;
  Xapian::WritableDatabase db_;
  firstline::IntentDirectory intents_;
  firstline::TextFolder folder_;
  firstline::SynonymSet synonyms_;
};

firstline::AnalysedQuery query(const std::vector<std::string>& terms) {
  firstline::AnalysedQuery q;
  for (const auto& term : terms) q.push_back({term, 1, 1.0, false});
  return q;
}

}  // namespace

TEST_F(Stores, AnExampleIsFoundByItsTermsWithItsTextAndIntents) {
  firstline::ExampleStoreWriter writer(folder_, synonyms_);
  writer.add("where is my parcel", {0});
  writer.add("where is my refund", {1});
  writer.add("refund status please", {1});
  writer.write(db_, /*with_weights=*/false);
  db_.commit();
  ExampleTable table;
  table.open(db_, intents_);
  EXPECT_EQ(table.size(), 3u);
  EXPECT_EQ(table.frequency("Zrefund"), 2u);
  EXPECT_EQ(table.frequency("Znowhere"), 0u);
  const auto nearest = table.nearest(query({"Zparcel", "Zwhere"}), 2);
  ASSERT_EQ(nearest.size(), 2u);
  EXPECT_EQ(nearest[0].first, 0u);
  EXPECT_EQ(table[0].text, "where is my parcel");
  EXPECT_EQ(table[2].intents, std::vector<std::string>{"refund.status"});
  EXPECT_EQ(table.intents_asked_verbatim(folder_.fold("Refund status, please!")), std::vector<std::string>{"refund.status"});
}

TEST_F(Stores, AnExamplesStoredIdfTotalIsTheSumOverItsTermsThatItsPostingsGive) {
  firstline::ExampleStoreWriter writer(folder_, synonyms_);
  const std::vector<std::string> texts = {"where is my parcel", "where is my refund", "refund status please", "快递到哪了"};
  for (std::size_t i = 0; i < texts.size(); ++i) writer.add(texts[i], {static_cast<std::uint32_t>(i % 2)});
  writer.write(db_, /*with_weights=*/true);
  db_.commit();
  ExampleTable table;
  table.open(db_, intents_);
  const Xapian::Stem stemmer("english");
  for (std::uint32_t at = 0; at < texts.size(); ++at) {
    double sum = 0;  // what the ranking would add up from the postings
    for (const auto& [term, wdf] : firstline::terms::of_text(folder_.fold(texts[at]), synonyms_, stemmer))
      sum += std::log((texts.size() + 1.0) / (static_cast<double>(table.frequency(term)) + 0.5));
    ASSERT_TRUE(table.term_idf_total(at).has_value()) << at;
    EXPECT_EQ(*table.term_idf_total(at), sum) << texts[at];  // bit for bit
  }
  EXPECT_FALSE(table.term_idf_total(9).has_value()) << "past the end";
}

TEST_F(Stores, AnIndexWithoutStoredIdfTotalsSaysSo) {
  firstline::ExampleStoreWriter writer(folder_, synonyms_);
  writer.add("where is my parcel", {0});
  writer.write(db_, /*with_weights=*/false);
  db_.commit();
  ExampleTable table;
  table.open(db_, intents_);
  EXPECT_FALSE(table.term_idf_total(0).has_value());
}

TEST_F(Stores, DamagedExampleEntriesGiveNothingNeverACrash) {
  firstline::ExampleStoreWriter writer(folder_, synonyms_);
  writer.add("where is my parcel", {0});
  writer.write(db_, /*with_weights=*/false);
  db_.set_metadata(firstline::term_entry_key("Zparcel"), "\xFF\xFF\xFF");
  db_.set_metadata(firstline::example_row_key(0), "\x7F" "ab");
  db_.commit();
  ExampleTable table;
  table.open(db_, intents_);
  EXPECT_EQ(table.frequency("Zparcel"), 0u);
  EXPECT_TRUE(table[0].text.empty());
  EXPECT_TRUE(table[5].text.empty()) << "past the end";
}

TEST_F(Stores, ATermsEntryHoldsHowManyArticlesHaveItBesideItsExamplePostings) {
  firstline::ExampleStoreWriter writer(folder_, synonyms_);
  writer.add("where is my parcel", {0});
  writer.write(db_, /*with_weights=*/false, {{"Zparcel", 3}, {"Zlocker", 2}});
  db_.commit();
  ExampleTable table;
  table.open(db_, intents_);
  EXPECT_EQ(table.article_frequency("Zparcel"), 3u);
  EXPECT_EQ(table.frequency("Zparcel"), 1u);
  EXPECT_EQ(table.article_frequency("Zlocker"), 2u) << "a term of the articles only";
  EXPECT_EQ(table.frequency("Zlocker"), 0u);
  EXPECT_EQ(table.article_frequency("Zwher"), 0u) << "a term of the examples only";
  EXPECT_EQ(table.article_frequency("Znowhere"), 0u);
}

TEST_F(Stores, ATermOfThousandsOfExamplesIsReadFromItsPiecesWithTheExamplesLengths) {
  firstline::ExampleStoreWriter writer(folder_, synonyms_);
  for (std::uint32_t i = 0; i < 3000; ++i)
    writer.add(i % 3 == 0 ? "parcel" : "parcel status " + std::to_string(i), {i % 2});
  writer.write(db_, /*with_weights=*/false);
  db_.commit();
  const std::string entry = firstline::term_entry_key("Zparcel");
  ASSERT_FALSE(db_.get_metadata(firstline::term_piece_key(entry, 0)).empty()) << "the case needs a term in pieces";
  ASSERT_FALSE(db_.get_metadata(firstline::example_lengths_key(2999)).empty());
  ExampleTable table;
  table.open(db_, intents_);
  EXPECT_EQ(table.frequency("Zparcel"), 3000u);
  EXPECT_TRUE(table.holds("Zparcel", 2999));
  EXPECT_FALSE(table.holds("Zstatus", 3));
  // The shortest examples weigh most (BM25's length normalisation), the first of equals first.
  const auto nearest = table.nearest(query({"Zparcel"}), 3);
  ASSERT_EQ(nearest.size(), 3u);
  EXPECT_EQ(nearest[0].first, 0u);
  EXPECT_EQ(nearest[1].first, 3u);
  EXPECT_EQ(nearest[2].first, 6u);
  const auto longer = table.nearest(query({"Zparcel", "Zstatus"}), 1);
  ASSERT_EQ(longer.size(), 1u);
  EXPECT_EQ(longer[0].first % 3, 1u) << "an example with both words first";
}

// A long question keeps its 16 most telling terms for the search
// (Index::Internal::kEliteTerms): a common word left out needs no postings
// at all. Its counts come from the table read at opening, and whether an
// example has it from the example's own row: the test takes its pieces away
// and every answer stays what the pieces would give.
TEST_F(Stores, ALongQuestionsCommonestWordIsWeighedWithoutReadingItsPieces) {
  firstline::ExampleStoreWriter writer(folder_, synonyms_);
  const Xapian::Stem stemmer("english");
  std::vector<std::string> texts;
  for (std::uint32_t i = 0; i < 600; ++i)
    texts.push_back(i % 5 == 4 ? "refund " + std::to_string(i) : "parcel word" + std::to_string(i / 5 % 40) + " " + std::to_string(i));
  for (std::uint32_t i = 0; i < texts.size(); ++i) writer.add(texts[i], {i % 2});
  writer.write(db_, /*with_weights=*/false);
  db_.commit();
  const std::string entry = firstline::term_entry_key("Zparcel");
  ASSERT_FALSE(db_.get_metadata(firstline::term_piece_key(entry, 0)).empty()) << "the case needs a term in pieces";
  ASSERT_FALSE(db_.get_metadata(firstline::schema::kMetaExamplePieced).empty());
  auto terms_of = [&](const std::string& text) {
    std::vector<std::string> out;
    for (auto& [term, wdf] : firstline::terms::of_text(folder_.fold(text), synonyms_, stemmer)) out.push_back(term);
    return out;
  };
  // What the pieces say, before they go.
  ExampleTable whole;
  whole.open(db_, intents_);
  std::vector<bool> held;
  for (std::uint32_t at = 0; at < texts.size(); ++at) held.push_back(whole.holds("Zparcel", at));
  ASSERT_EQ(std::count(held.begin(), held.end(), true), 480);
  std::vector<std::string> long_question;
  for (int i = 0; i < 17; ++i) long_question.push_back("Zword" + std::to_string(i));
  long_question.push_back("Zparcel");
  const auto expected = whole.nearest(query(long_question), 10);

  for (std::uint32_t piece = 0; !db_.get_metadata(firstline::term_piece_key(entry, piece)).empty(); ++piece)
    db_.set_metadata(firstline::term_piece_key(entry, piece), "");
  db_.commit();
  ExampleTable table;
  table.open(db_, intents_, terms_of);
  EXPECT_EQ(table.frequency("Zparcel"), 480u) << "from the table read at opening";
  EXPECT_EQ(table.nearest(query(long_question), 10), expected) << "the search left the common word out";
  for (std::uint32_t at = 0; at < texts.size(); ++at) ASSERT_EQ(table.holds("Zparcel", at), held[at]) << texts[at];
  EXPECT_FALSE(table.holds("Zrefund", 0));
  EXPECT_TRUE(table.holds("Zrefund", 4));
  // A short question keeps the word, and reads its pieces: here, gone.
  EXPECT_TRUE(table.nearest(query({"Zparcel"}), 3).empty());
}

TEST_F(Stores, AQuestionAskedWordForWordFindsItsIntentsWithoutReadingARow) {
  firstline::ExampleStoreWriter writer(folder_, synonyms_);
  writer.add("Where is my parcel?", {0});
  writer.add("where is my parcel", {1});
  writer.write(db_, /*with_weights=*/false);
  db_.set_metadata(firstline::example_row_key(0), "");  // the rows are not needed
  db_.commit();
  ExampleTable table;
  table.open(db_, intents_);
  EXPECT_EQ(table.intents_asked_verbatim(folder_.fold("where is my parcel!")),
            (std::vector<std::string>{"parcel.where", "refund.status"}));
  // An entry under the right key whose check is another text's (a clash of the 64-bit hash) finds nothing.
  const std::string text = firstline::without_punctuation(folder_.fold("refund status"));
  std::string clash;
  firstline::packed::put_varint(clash, firstline::example_verbatim_check(text) + 1);
  firstline::packed::put_varint(clash, 1);
  db_.set_metadata(firstline::example_verbatim_key(text), clash);
  db_.commit();
  EXPECT_TRUE(table.intents_asked_verbatim(folder_.fold("refund status")).empty());
}

TEST_F(Stores, ExamplesOfOneIntentEachInTurnAreOneRunReadAtOpening) {
  // A KB of one question per intent (an FAQ list): five intents, an example each, in turn.
  const char* ids[] = {"a", "b", "c", "d", "e"};
  for (std::uint32_t at = 0; at < 5; ++at) {
    db_.set_metadata(firstline::packed::numbered_key(firstline::schema::kMetaIntentAt, at),
                     std::string(R"({"id": ")") + ids[at] + R"("})");
    db_.set_metadata(std::string(firstline::schema::kMetaIntentId) + ids[at], std::to_string(at));
  }
  firstline::IntentDirectory intents;
  intents.open(db_, 5);
  firstline::ExampleStoreWriter writer(folder_, synonyms_);
  for (std::uint32_t at = 0; at < 5; ++at) writer.add("question " + std::to_string(at), {at});
  writer.add("two intents", {0, 1});
  writer.write(db_, /*with_weights=*/false);
  for (std::uint32_t first = 0; first < 6; first += firstline::kExamplesPerRow)
    db_.set_metadata(firstline::example_row_key(first), "");  // runs, not rows, say
  db_.commit();
  EXPECT_LE(db_.get_metadata(firstline::schema::kMetaExampleIntents).size(), 8u);
  ExampleTable table;
  table.open(db_, intents);
  for (std::uint32_t at = 0; at < 5; ++at) EXPECT_EQ(table.intents_of(at), std::vector<std::string>{ids[at]}) << at;
  EXPECT_EQ(table.intents_of(5), (std::vector<std::string>{"a", "b"}));
}

TEST_F(Stores, CompletionsStartWithOrContainWhatWasTypedShortestFirst) {
  firstline::HintStoreWriter writer;
  writer.add("where is my parcel", "Where is my parcel?", 0, "en");
  writer.add("where is my refund going", "Where is my refund going?", 1, "en");
  writer.add("track my parcel", "Track my parcel", 0, "en");
  writer.add("where is my parcel", "a duplicate, dropped", 1, "en");
  writer.add("快递到哪了", "快递到哪了", 0, "zh");
  writer.write(db_);
  db_.commit();
  HintTable table;
  table.open(db_, intents_);
  const auto hints = table.completions("where", "en", 5);
  ASSERT_EQ(hints.size(), 2u);
  EXPECT_EQ(hints[0].text, "Where is my parcel?");
  EXPECT_EQ(hints[0].intent, "parcel.where");
  EXPECT_EQ(hints[1].text, "Where is my refund going?");
  const auto containing = table.completions("parcel", "en", 5);
  ASSERT_EQ(containing.size(), 2u);
  EXPECT_EQ(containing[0].text, "Track my parcel");
  EXPECT_TRUE(table.completions("arcel", "en", 5).empty()) << "English matches at a word start";
  ASSERT_EQ(table.completions("到哪", "zh", 5).size(), 1u);
  ASSERT_EQ(table.completions("快", "zh", 5).size(), 1u) << "one character has no pair: found by its start alone";
  EXPECT_TRUE(table.completions("xyz", "en", 5).empty());
}

TEST_F(Stores, AShortPrefixsWorkedOutCompletionsAreWhatWalkingItsKeysGives) {
  firstline::HintStoreWriter writer;
  // Many completions of "h", "ho", "快", in two languages and of every length.
  for (int i = 0; i < 60; ++i) {
    const std::string n = std::to_string(i);
    writer.add("how do i " + std::string(i % 7, 'x') + n, "How do I " + n + "?", i % 2, "en");
    writer.add("help with " + n, "Help with " + n, -1, "en");
    writer.add("快递" + n + std::string(i % 5, 'y'), "快递 " + n, 0, i % 3 ? "zh" : "en");
  }
  writer.add("h", "H", -1, "en");
  writer.write(db_);
  db_.commit();
  const std::string worked_out = firstline::hint_key_prefix("h") + '\0';
  ASSERT_FALSE(db_.get_metadata(worked_out).empty()) << "the case needs a worked-out prefix";
  HintTable table;
  table.open(db_, intents_);
  struct Case {
    const char* typed;
    const char* language;
    std::size_t limit;
  };
  const std::vector<Case> cases = {{"h", "en", 6}, {"h", "en", 8}, {"h", "en", 20}, {"ho", "en", 6}, {"he", "en", 3},
                                   {"h", "zh", 6}, {"快", "zh", 6}, {"快递", "zh", 8}, {"快", "en", 6}, {"hz", "en", 6}};
  std::vector<std::vector<firstline::Hint>> with;
  for (const auto& c : cases) with.push_back(table.completions(firstline::TextFolder().fold(c.typed), c.language, c.limit));
  // The same without the worked-out entries: the key ranges walked.
  for (auto it = db_.metadata_keys_begin(firstline::schema::kMetaHintKeys); it != db_.metadata_keys_end(firstline::schema::kMetaHintKeys); ++it)
    if (!firstline::is_completion_key(*it)) db_.set_metadata(*it, "");
  db_.commit();
  HintTable walked;
  walked.open(db_, intents_);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto expected = walked.completions(firstline::TextFolder().fold(cases[i].typed), cases[i].language, cases[i].limit);
    ASSERT_EQ(with[i].size(), expected.size()) << cases[i].typed << " " << cases[i].language << " " << cases[i].limit;
    for (std::size_t h = 0; h < expected.size(); ++h) {
      EXPECT_EQ(with[i][h].text, expected[h].text) << cases[i].typed << " #" << h;
      EXPECT_EQ(with[i][h].intent, expected[h].intent) << cases[i].typed << " #" << h;
    }
  }
  EXPECT_EQ(with[0].front().text, "H") << "shortest first";
}

TEST_F(Stores, ACompletionLongerThanAKeyIsStillFoundByItsStart) {
  const std::string long_question = "how do i " + std::string(300, 'x');
  firstline::HintStoreWriter writer;
  writer.add(long_question, long_question, -1, "en");
  writer.add("how do i pay", "How do I pay?", -1, "en");
  writer.write(db_);
  db_.commit();
  HintTable table;
  table.open(db_, intents_);
  const auto hints = table.completions("how do i ", "en", 5);
  ASSERT_EQ(hints.size(), 2u);
  EXPECT_EQ(hints[0].text, "How do I pay?");
  EXPECT_EQ(hints[1].text, long_question);
  EXPECT_EQ(hints[1].intent, "");
  EXPECT_EQ(table.completions(long_question.substr(0, 250), "en", 5).size(), 1u);
}

TEST_F(Stores, AnIntentIsFoundByIdOrPositionAndAnUnknownOneIsNot) {
  db_.commit();
  ASSERT_TRUE(intents_.find("refund.status"));
  EXPECT_EQ(intents_.find("refund.status")->id, "refund.status");
  EXPECT_EQ(intents_.position_of("refund.status"), 1u);
  EXPECT_EQ(intents_.at(0)->id, "parcel.where");
  EXPECT_FALSE(intents_.find("no.such"));
  EXPECT_FALSE(intents_.at(2)) << "past the end";
}

TEST(Packed, VarintsAndNumberedKeysRoundTripAndSortInOrder) {
  std::string bytes;
  for (const std::uint64_t v : {0ull, 127ull, 128ull, 300ull, 1ull << 40}) firstline::packed::put_varint(bytes, v);
  std::string_view in(bytes);
  std::vector<std::uint64_t> back;
  std::uint64_t v;
  while (firstline::packed::get_varint(in, v)) back.push_back(v);
  EXPECT_EQ(back, (std::vector<std::uint64_t>{0, 127, 128, 300, 1ull << 40}));
  EXPECT_LT(firstline::packed::numbered_key("k", 255), firstline::packed::numbered_key("k", 256));
  EXPECT_EQ(firstline::packed::number_at_end(firstline::packed::numbered_key("k", 70000)), 70000u);
  std::string_view truncated("\x80\x80");
  EXPECT_FALSE(firstline::packed::get_varint(truncated, v));
}

namespace {

firstline::IntentModel small_model() {
  using firstline::IntentModel;
  std::vector<IntentModel::Example> examples;
  const char* texts[][2] = {{"where is my parcel", "0"},   {"track my parcel", "0"},  {"parcel not arrived", "0"},
                            {"refund my order", "1"},      {"money back please", "1"}, {"refund status", "1"},
                            {"change my address", "2"},    {"new delivery address", "2"}, {"快递到哪了", "0"},
                            {"退款什么时候到", "1"}};
  for (int round = 0; round < 20; ++round)  // enough features for several blocks
    for (const auto& [text, intent] : texts)
      examples.push_back({std::string(text) + " w" + std::to_string(round), static_cast<std::size_t>(std::stoi(intent))});
  return IntentModel::train(examples, 3);
}

}  // namespace

/// A stored model's entries as a reader would find them, counting the reads.
struct StoredEntries {
  std::map<std::string, std::string> entries;
  std::vector<std::string> read;
  firstline::StoredIntentModel::EntryReader reader() {
    return [this](const std::string& key) {
      read.push_back(key);
      const auto it = entries.find(key);
      return it == entries.end() ? std::string() : it->second;
    };
  }
};

TEST(StoredIntentModel, PredictsExactlyAsTheModelItWasStoredFromReadingOnlyTheEntriesItNeeds) {
  const firstline::IntentModel model = small_model();
  const auto parts = model.serialize_parts();
  StoredEntries stored_entries{{parts.entries.begin(), parts.entries.end()}, {}};
  ASSERT_GT(stored_entries.entries.size(), 100u) << "the case needs a model of many features";
  const firstline::StoredIntentModel stored(parts.head, stored_entries.reader());
  ASSERT_FALSE(stored.empty());
  EXPECT_EQ(stored.intent_count(), 3u);
  EXPECT_TRUE(stored_entries.read.empty()) << "opening reads no entry";
  stored.predict("refund");
  EXPECT_LT(stored_entries.read.size(), 5u) << "a word reads its own entries only";
  for (const char* query : {"where is my parcel", "refund", "address change w3", "快递", "", "zzz unknown", "refnud stauts",
                            "parcels parcel"}) {
    EXPECT_EQ(stored.predict(query), model.predict(query)) << query;  // bit for bit
  }
}

TEST(StoredIntentModel, AKnownWordsThreeGramsComeFromItsCopyBesideItsStemAndATyposFromTheirOwnEntries) {
  using firstline::IntentModel;
  const IntentModel model = small_model();
  const auto parts = model.serialize_parts();
  StoredEntries stored_entries{{parts.entries.begin(), parts.entries.end()}, {}};
  const firstline::StoredIntentModel stored(parts.head, stored_entries.reader());
  const IntentModel::Analysis known = IntentModel::analyse("parcel");
  ASSERT_EQ(known.words.size(), 1u);
  const std::string copy = IntentModel::stored_word_key(known.words.front());
  EXPECT_EQ(copy.substr(0, 4), IntentModel::stored_feature_key(IntentModel::feature_key("parcel", "wparcel")).substr(0, 4))
      << "the copy sorts with the stem's own entries";
  stored.predict("parcel");
  for (const auto gram : known.words.front().grams)
    EXPECT_EQ(std::count(stored_entries.read.begin(), stored_entries.read.end(), IntentModel::stored_feature_key(gram)), 0)
        << "a known word's 3-grams are not looked up one by one";
  stored_entries.read.clear();
  const IntentModel::Analysis typo = IntentModel::analyse("parcle");
  stored.predict("parcle");
  for (const auto gram : typo.words.front().grams)
    EXPECT_EQ(std::count(stored_entries.read.begin(), stored_entries.read.end(), IntentModel::stored_feature_key(gram)), 1)
        << "a word the examples never had looks each 3-gram up";
  EXPECT_EQ(stored.predict("parcle"), model.predict("parcle"));
}

TEST(StoredIntentModel, ADamagedHeadIsNoModelAndADamagedEntryIsAClearError) {
  const auto parts = small_model().serialize_parts();
  EXPECT_TRUE(firstline::StoredIntentModel("", nullptr).empty());
  EXPECT_TRUE(firstline::StoredIntentModel(parts.head.substr(0, parts.head.size() - 1), nullptr).empty());
  const firstline::StoredIntentModel damaged(parts.head, [](const std::string&) { return std::string("\x01\x02", 2); });
  try {
    damaged.predict("where is my parcel");
    FAIL() << "a damaged entry must not give a prediction";
  } catch (const firstline::Error& e) {
    EXPECT_EQ(e.code(), firstline::ErrorCode::index_corrupt);
    EXPECT_NE(std::string(e.what()).find("intent model"), std::string::npos) << e.what();
  }
}

TEST(IntentModelFeatures, TheFeaturesOfOneWordOrCharacterShareTheHighHalfOfTheirKeys) {
  using firstline::IntentModel;
  // "parcel today": the pair it starts sorts with its stem; its 3-grams are
  // shared with every word that has them ("parcels" has "par" too).
  const auto stem = IntentModel::feature_key("parcel", "wparcel");
  const auto pair = IntentModel::feature_key("parcel", "bparcel today");
  EXPECT_EQ(stem >> 32, pair >> 32);
  const auto words = IntentModel::features("parcel today");
  EXPECT_NE(std::find(words.begin(), words.end(), stem), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), pair), words.end());
  const auto plural = IntentModel::features("parcels");
  const auto gram = IntentModel::feature_key("gpar", "gpar");
  EXPECT_NE(std::find(words.begin(), words.end(), gram), words.end());
  EXPECT_NE(std::find(plural.begin(), plural.end(), gram), plural.end());
  // 快递到: 快's 1-3-grams share 快's anchor; the query touches three anchors.
  std::set<IntentModel::FeatureKey> anchors;
  for (const auto key : IntentModel::features("快递到")) anchors.insert(key >> 32);
  EXPECT_EQ(anchors.size(), 3u);
}

TEST(IntentModelFeatures, AnchoredKeysCollideForFewerThanOneFeatureInAHundredThousand) {
  using firstline::IntentModel;
  // 2,000 CJK characters, each with the 1-3-grams it starts in a text of 40
  // neighbours, and 20,000 made-up English words with their pairs: more
  // distinct features than a large KB's model keeps.
  std::set<std::string> distinct;
  std::set<IntentModel::FeatureKey> keys;
  auto cjk = [](std::uint32_t n) {
    const char32_t cp = 0x4E00 + n;
    std::string s;
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
    return s;
  };
  for (std::uint32_t a = 0; a < 2000; ++a) {
    const std::string first = cjk(a);
    for (std::uint32_t b = 0; b < 40; ++b) {
      const std::string second = cjk((a * 7 + b * 13) % 6000), third = cjk((a * 11 + b * 17 + 1) % 6000);
      for (const std::string& feature : {"c1" + first, "c2" + first + second, "c3" + first + second + third})
        if (distinct.insert(feature).second) keys.insert(IntentModel::feature_key(first, feature));
    }
  }
  for (std::uint32_t w = 0; w < 20000; ++w) {
    const std::string stem = "w" + std::to_string(w * 2654435761u);
    for (std::uint32_t p = 0; p < 4; ++p) {
      const std::string next = "w" + std::to_string((w + p * 977) * 40503u);
      for (const std::string& feature : {"w" + stem, "b" + stem + " " + next, "s" + next + " " + stem})
        if (distinct.insert(feature).second) keys.insert(IntentModel::feature_key(stem, feature));
    }
  }
  ASSERT_GT(distinct.size(), 200000u);
  const std::size_t collided = distinct.size() - keys.size();
  EXPECT_LT(collided * 100000, distinct.size()) << collided << " of " << distinct.size() << " features share a key";
  std::printf("[ measured ] %zu of %zu distinct features share a key\n", collided, distinct.size());
}

TEST_F(Stores, TheNearestExamplesIntentsComeFromTheRunsReadAtOpeningAsTheirRowsHaveThem) {
  firstline::ExampleStoreWriter writer(folder_, synonyms_);
  writer.add("where is my parcel", {0});
  writer.add("parcel late", {0});
  writer.add("where is my refund", {1});
  writer.add("refund or parcel", {0, 1});
  writer.add("refund status please", {1});
  writer.write(db_, /*with_weights=*/false);
  db_.commit();
  EXPECT_FALSE(db_.get_metadata(firstline::schema::kMetaExampleIntents).empty());
  ExampleTable table;
  table.open(db_, intents_);
  for (std::uint32_t at = 0; at < 5; ++at) EXPECT_EQ(table.intents_of(at), table[at].intents) << at;
  // Damaged runs are not used: the rows still say.
  db_.set_metadata(firstline::schema::kMetaExampleIntents, "\x09\x01\x00");
  db_.commit();
  ExampleTable damaged;
  damaged.open(db_, intents_);
  for (std::uint32_t at = 0; at < 5; ++at) EXPECT_EQ(damaged.intents_of(at), table[at].intents) << at;
}
