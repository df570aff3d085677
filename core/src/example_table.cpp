#include "example_table.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "by_need.h"
#include "firstline/example_store.h"
#include "firstline/packed.h"
#include "firstline/schema.h"

namespace firstline {

namespace {
/// From this many examples on, reading a common term's pieces asks for every lengths entry too.
constexpr std::size_t kLengthsAheadFrom = 4 * kLengthsPerEntry;
}  // namespace

float ExampleTable::norm(std::uint64_t length) const {
  // BM25 length normalisation (Xapian's defaults: b = 0.5, floor 0.5).
  const float stored = static_cast<float>(length);
  return static_cast<float>(0.5 + 0.5 * std::max(0.5, stored / average_length_));
}

void ExampleTable::open(const Xapian::Database& db, const IntentDirectory& intents, TermsOf terms_of) {
  db_ = &db;
  intents_ = &intents;
  terms_of_ = std::move(terms_of);
  pieced_.clear();
  const std::string pieced = db.get_metadata(schema::kMetaExamplePieced);
  std::string_view table(pieced), term;
  std::uint64_t articles, examples, pieces;
  while (packed::get_text(table, term) && packed::get_varint(table, articles) && packed::get_varint(table, examples) &&
         packed::get_varint(table, pieces)) {
    if (!pieced_.empty() && term <= pieced_.back().term) break;  // damaged: not in term order
    pieced_.push_back({std::string(term), static_cast<Xapian::doccount>(articles), static_cast<std::uint32_t>(examples),
                       static_cast<std::uint32_t>(pieces)});
  }
  if (!table.empty()) pieced_.clear();  // damaged: the entries say
  const std::string stats = db.get_metadata(schema::kMetaExampleStats);
  char* end = nullptr;
  count_ = std::strtoull(stats.c_str(), &end, 10);
  average_length_ = end && *end ? std::strtod(end, &end) : 1;
  if (!(average_length_ >= 1)) average_length_ = 1;
  rows_hold_totals_ = end && std::strtol(end, nullptr, 10) == 1;
  runs_.clear();
  const std::string runs = db.get_metadata(schema::kMetaExampleIntents);
  std::string_view in(runs);
  std::uint64_t length, count, position, first = 0;
  while (packed::get_varint(in, length)) {
    Run run{static_cast<std::uint32_t>(first), {}, (length & 1) != 0};
    length >>= 1;
    if (run.stride) {
      if (!packed::get_varint(in, position)) break;
      run.intents.push_back(static_cast<std::uint32_t>(position));
    } else {
      if (!packed::get_varint(in, count) || count > in.size()) break;
      for (std::uint64_t i = 0; i < count && packed::get_varint(in, position); ++i)
        run.intents.push_back(static_cast<std::uint32_t>(position));
      if (run.intents.size() != count) break;
    }
    if (length == 0) break;
    runs_.push_back(std::move(run));
    first += length;
  }
  if (!in.empty() || first != count_) runs_.clear();  // damaged, or not these examples: rows say
}

std::vector<std::uint32_t> ExampleTable::intent_positions_of(std::uint32_t at) const {
  if (runs_.empty() || at >= count_) {
    const auto examples = row(at);
    const std::uint32_t offset = at % kExamplesPerRow;
    return offset < examples->size() ? (*examples)[offset].intents : std::vector<std::uint32_t>{};
  }
  const auto after = std::upper_bound(runs_.begin(), runs_.end(), at, [](std::uint32_t a, const Run& r) { return a < r.first; });
  const Run& run = *std::prev(after);
  if (run.stride) return {run.intents.front() + (at - run.first)};
  return run.intents;
}

std::vector<std::string> ExampleTable::intents_of(std::uint32_t at) const {
  std::vector<std::string> out;
  for (const auto position : intent_positions_of(at))
    if (const auto intent = intents_->at(position)) out.push_back(intent->id);
  return out;
}

std::shared_ptr<const ExampleTable::Postings> ExampleTable::entry(const std::string& term) const {
  // During a probe, a term whose entry was read in part is read once, not at
  // every use (the cache keeps only what was read whole).
  struct ProbeMemo {
    const ExampleTable* table = nullptr;
    std::uint64_t probe = 0;
    std::vector<std::pair<std::string, std::shared_ptr<const Postings>>> read;  // a query's few terms
  };
  static thread_local ProbeMemo memo;
  const std::uint64_t probe = by_need::probe_number();
  if (probe != 0) {
    if (memo.table != this || memo.probe != probe) memo = ProbeMemo{this, probe, {}};
    for (const auto& [known, postings] : memo.read)
      if (known == term) return postings;
  }
  auto found = read_entry(term);
  if (probe != 0) memo.read.emplace_back(term, found);
  return found;
}

std::shared_ptr<const ExampleTable::Postings> ExampleTable::read_entry(const std::string& term) const {
  return postings_cache_.get(term, [&] {
    Postings out;
    if (!db_) return out;
    // A common term: what its entry says is in the table read at opening.
    const auto known = std::lower_bound(pieced_.begin(), pieced_.end(), term,
                                        [](const Pieced& p, const std::string& t) { return p.term < t; });
    if (known != pieced_.end() && known->term == term) {
      out.articles = known->articles;
      out.count = known->count;
      out.pieces = known->pieces;
      return out;
    }
    if (!term_entry_fits(term)) {  // an entry the indexer did not write (no query word is that long)
      out.articles = by_need::read(Xapian::doccount{0}, [&] { return db_->get_termfreq(term); });
      return out;
    }
    const std::uint64_t misses = by_need::misses();
    const std::string value = by_need::read(std::string(), [&] { return db_->get_metadata(term_entry_key(term)); });
    if (by_need::misses() != misses) {
      out.missing = true;
      return out;
    }
    std::string_view in(value);
    std::uint64_t articles, count, pieces;
    if (!packed::get_varint(in, articles) || !packed::get_varint(in, count) || !packed::get_varint(in, pieces))
      return out;
    out.articles = static_cast<Xapian::doccount>(articles);
    out.count = static_cast<std::uint32_t>(std::min<std::uint64_t>(count, count_));
    out.pieces = static_cast<std::uint32_t>(std::min<std::uint64_t>(pieces, 65536));
    if (out.pieces != 0) return out;
    out.examples.reserve(out.count);
    std::uint64_t delta, wdf, length, example = 0;
    while (packed::get_varint(in, delta) && packed::get_varint(in, wdf) && packed::get_varint(in, length)) {
      example += delta;
      if (example >= count_ || (!out.examples.empty() && example <= out.examples.back().example)) break;  // damaged
      out.examples.push_back({static_cast<std::uint32_t>(example), static_cast<std::uint32_t>(wdf), norm(length)});
    }
    out.count = static_cast<std::uint32_t>(out.examples.size());
    return out;
  });
}

std::shared_ptr<const ExampleTable::Postings> ExampleTable::full_postings(const std::string& term) const {
  const auto head = entry(term);
  if (head->pieces == 0 || !db_) return head;
  return pieces_cache_.get(term, [&] {
    Postings out = *head;
    // A term of most examples needs nearly every lengths entry, and on a
    // large KB any common term needs many: all are asked for now, with the
    // pieces (a probe notes them all in one round).
    if (std::uint64_t{out.count} * 4 >= count_ || count_ >= kLengthsAheadFrom)
      for (std::uint32_t first = 0; first < count_; first += kLengthsPerEntry) lengths(first);
    const std::string key = term_entry_key(term);
    std::vector<std::string> stored;
    for (std::uint32_t i = 0; i < head->pieces; ++i)
      stored.push_back(by_need::read(std::string(), [&] { return db_->get_metadata(term_piece_key(key, i)); }));
    std::vector<std::pair<std::uint32_t, std::uint32_t>> found;  // (example, wdf), ascending
    std::uint64_t delta, wdf, example;
    for (std::string_view piece : stored) {
      example = 0;
      while (packed::get_varint(piece, delta)) {
        wdf = 1;
        if ((delta & 1) && !packed::get_varint(piece, wdf)) break;
        example += delta >> 1;
        if (example >= count_ || (!found.empty() && example <= found.back().first)) break;  // damaged
        found.emplace_back(static_cast<std::uint32_t>(example), static_cast<std::uint32_t>(wdf));
      }
    }
    out.examples.reserve(found.size());
    std::shared_ptr<const std::vector<std::uint32_t>> block;  // the lengths entry of the examples at hand
    std::uint32_t block_first = 0;
    for (const auto& [at, count_in_example] : found) {
      // Ascending: each entry is looked up once (a probe's miss throws, a cost to pay once).
      if (!block || at - block_first >= kLengthsPerEntry) {
        block_first = at - at % kLengthsPerEntry;
        block = lengths(at);
      }
      const std::uint32_t offset = at - block_first;
      if (offset >= block->size()) continue;  // damaged, or not read yet during a probe
      out.examples.push_back({at, count_in_example, norm((*block)[offset])});
    }
    return out;
  });
}

std::shared_ptr<const std::vector<std::string>> ExampleTable::terms_of_example(std::uint32_t at) const {
  return example_terms_cache_.get(at, [&] {
    std::vector<std::string> terms;
    const auto examples = row(at);
    const std::uint32_t offset = at % kExamplesPerRow;
    if (offset < examples->size() && terms_of_) terms = terms_of_((*examples)[offset].text);
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return terms;
  });
}

std::shared_ptr<const std::vector<std::uint32_t>> ExampleTable::lengths(std::uint32_t at) const {
  const std::uint32_t first = at - at % kLengthsPerEntry;
  return lengths_cache_.get(first, [&] {
    std::vector<std::uint32_t> out;
    if (!db_) return out;
    const std::string value = by_need::read(std::string(), [&] { return db_->get_metadata(example_lengths_key(first)); });
    std::string_view in(value);
    std::uint64_t length;
    while (out.size() < kLengthsPerEntry && packed::get_varint(in, length)) out.push_back(static_cast<std::uint32_t>(length));
    return out;
  });
}

std::shared_ptr<const ExampleTable::Row> ExampleTable::row(std::uint32_t at) const {
  const std::uint32_t first = at - at % kExamplesPerRow;
  return row_cache_.get(first, [&] {
    Row out;
    if (!db_) return out;
    const std::string value = by_need::read(std::string(), [&] { return db_->get_metadata(example_row_key(first)); });
    std::string_view in(value);
    std::string_view text;
    std::uint64_t count, intent;
    while (packed::get_text(in, text)) {
      Stored example;
      example.text = std::string(text);
      if (!packed::get_varint(in, count)) break;
      for (std::uint64_t i = 0; i < count && packed::get_varint(in, intent); ++i)
        example.intents.push_back(static_cast<std::uint32_t>(intent));
      if (rows_hold_totals_) {
        if (in.size() < 8) break;  // damaged
        double total;
        std::memcpy(&total, in.data(), 8);
        in.remove_prefix(8);
        example.idf_total = total;
      }
      out.push_back(std::move(example));
    }
    return out;
  });
}

std::optional<double> ExampleTable::term_idf_total(std::uint32_t at) const {
  if (!rows_hold_totals_) return std::nullopt;
  const auto examples = row(at);
  const std::uint32_t offset = at % kExamplesPerRow;
  if (offset >= examples->size()) return std::nullopt;
  return (*examples)[offset].idf_total;
}

ExampleTable::Example ExampleTable::operator[](std::uint32_t at) const {
  const auto examples = row(at);
  const std::uint32_t offset = at % kExamplesPerRow;
  Example example;
  if (offset >= examples->size()) return example;
  const Stored& stored = (*examples)[offset];
  example.text = stored.text;
  for (const auto position : stored.intents)
    if (const auto intent = intents_->at(position)) example.intents.push_back(intent->id);
  return example;
}

std::size_t ExampleTable::frequency(const std::string& term) const { return entry(term)->count; }

Xapian::doccount ExampleTable::article_frequency(const std::string& term) const { return entry(term)->articles; }

bool ExampleTable::holds(const std::string& term, std::uint32_t at) const {
  auto held = [at](const std::vector<Posting>& found) {  // by example, ascending
    const auto it = std::lower_bound(found.begin(), found.end(), at,
                                     [](const Posting& p, std::uint32_t example) { return p.example < example; });
    return it != found.end() && it->example == at;
  };
  const auto head = entry(term);
  if (head->pieces == 0) return held(head->examples);
  if (const auto whole = pieces_cache_.peek(term)) return held(whole->examples);
  if (!terms_of_) return held(full_postings(term)->examples);
  const auto terms = terms_of_example(at);
  return std::binary_search(terms->begin(), terms->end(), term);
}

std::vector<std::pair<std::uint32_t, double>> ExampleTable::nearest(const AnalysedQuery& terms, std::size_t n) const {
  constexpr double k1 = 1.0;
  const double total = static_cast<double>(count_);
  struct Scored {
    const QueryTerm* term;
    double idf;
    std::shared_ptr<const Postings> postings;
  };
  std::vector<Scored> chosen;
  std::size_t unread = 0;  // terms whose entry a probe still lacks
  for (const auto& t : terms) {
    auto found = entry(t.term);
    unread += found->missing ? 1 : 0;
    const std::size_t df = found->count;
    if (df == 0) continue;
    const double idf = std::log((total - static_cast<double>(df) + 0.5) / (static_cast<double>(df) + 0.5));
    chosen.push_back({&t, std::max(idf, 1e-3), std::move(found)});
  }
  // A long query keeps its most telling terms: the rest cost time, not
  // accuracy. While a probe lacks some terms' entries, those (rarer than any
  // term read whole at opening) are counted as kept: the pieces asked for
  // in the same round are then those of the common terms the search keeps.
  const std::size_t elite = Index::Internal::kEliteTerms - std::min(Index::Internal::kEliteTerms, unread);
  if (chosen.size() > elite) {
    std::partial_sort(chosen.begin(), chosen.begin() + static_cast<std::ptrdiff_t>(elite), chosen.end(),
                      [](const Scored& a, const Scored& b) { return a.idf > b.idf; });
    chosen.resize(elite);
  }
  // Only now the postings of a kept term in pieces.
  for (auto& c : chosen) c.postings = full_postings(c.term->term);
  // Dense accumulators, kept between calls (a term's postings can cover most
  // examples: allocating and clearing one per call cost more than the
  // scoring); a call clears the entries it touched, or all of them if it fails.
  static thread_local std::vector<double> score;
  score.resize(count_, 0.0);
  std::vector<std::uint32_t> touched;
  std::vector<std::pair<std::uint32_t, double>> ranked;
  try {
    for (const auto& c : chosen) {
      const double query_factor = 2.0 * c.term->wqf / (1.0 + c.term->wqf);  // k3 = 1
      const double weight = query_factor * c.idf * (k1 + 1);
      for (const auto& p : c.postings->examples) {  // an example's terms are distinct: one posting each
        const double f = p.wdf;
        double& s = score[p.example];
        if (s == 0) touched.push_back(p.example);
        s += weight * f / (k1 * p.norm + f);
      }
    }
    ranked.reserve(touched.size());
  } catch (...) {  // out of memory: leave the accumulators clean for the next call
    std::fill(score.begin(), score.end(), 0.0);
    throw;
  }
  for (const std::uint32_t example : touched) {
    ranked.emplace_back(example, score[example]);
    score[example] = 0;
  }
  const std::size_t keep = std::min(n, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  ranked.resize(keep);
  return ranked;
}

std::vector<std::string> ExampleTable::intents_asked_verbatim(const std::string& folded) const {
  std::vector<std::string> found;
  const std::string key = without_punctuation(folded);
  if (key.empty() || !db_) return found;
  const std::string value = by_need::read(std::string(), [&] { return db_->get_metadata(example_verbatim_key(key)); });
  std::string_view in(value);
  std::uint64_t check, position;
  if (!packed::get_varint(in, check) || check != example_verbatim_check(key)) return found;  // none, or another text's
  while (packed::get_varint(in, position))
    if (const auto intent = intents_->at(position))
      if (std::find(found.begin(), found.end(), intent->id) == found.end()) found.push_back(intent->id);
  return found;
}

}  // namespace firstline
