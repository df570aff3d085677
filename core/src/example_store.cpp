// Writing the example questions as firstline/example_store.h lays them out,
// and the key and varint helpers its reader (example_table.cpp) shares.
#include "firstline/example_store.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "firstline/anchors.h"
#include "firstline/packed.h"
#include "firstline/schema.h"
#include "firstline/terms.h"

namespace firstline {

std::string example_row_key(std::uint32_t example) {
  return packed::numbered_key(schema::kMetaExampleRows, example / kExamplesPerRow);
}

std::string term_entry_key(std::string_view term) {
  return schema::kMetaAnchored + anchors::of_term_key(term, anchors::kTerm);
}

bool term_entry_fits(std::string_view term) {
  return term_entry_key(term).size() + 3 <= schema::kMaxMetadataKeyBytes;  // with a piece's suffix
}

std::string example_lengths_key(std::uint32_t example) {
  return packed::numbered_key(schema::kMetaExampleLengths, example / kLengthsPerEntry);
}

std::string read_together(std::string_view key) {
  const std::string_view lengths = schema::kMetaExampleLengths, anchored = schema::kMetaAnchored;
  if (key.substr(0, lengths.size()) == lengths) return "lengths";
  if (key.substr(0, anchored.size()) != anchored) return "";
  key.remove_prefix(anchored.size());
  if (key.size() < 6 || key[4] != anchors::kTerm) return "";  // anchor, kind, the term, then "\0" and a piece's number
  const auto end = key.find('\0', 5);
  if (end == std::string_view::npos || end + 3 != key.size()) return "";
  return "t" + std::string(key.substr(0, end));
}

std::string term_piece_key(const std::string& entry_key, std::uint32_t piece) {
  std::string key = entry_key;
  key += '\0';  // sorts right after the entry, before a longer term's
  key += static_cast<char>((piece >> 8) & 0xff);
  key += static_cast<char>(piece & 0xff);
  return key;
}

std::uint32_t example_verbatim_check(std::string_view without_punctuation) {
  return anchors::hash(without_punctuation);  // FNV-1a 32: the key is FNV-1a 64
}

std::string example_verbatim_key(std::string_view without_punctuation) {
  return schema::kMetaExampleVerbatim + packed::hash_hex(without_punctuation);
}

ExampleStoreWriter::ExampleStoreWriter(const TextFolder& folder, const SynonymSet& synonyms)
    : folder_(folder), synonyms_(synonyms) {}

void ExampleStoreWriter::add(const std::string& text, const std::vector<std::uint32_t>& intents) {
  const auto at = static_cast<std::uint32_t>(rows_.size());
  const std::string folded = folder_.fold(text);
  std::uint32_t length = 0;
  std::vector<std::string> distinct;
  for (const auto& [term, wdf] : terms::of_text(folded, synonyms_, stemmer_)) {
    postings_[term].push_back({at, wdf});
    length += wdf;
    distinct.push_back(term);
  }
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  terms_.push_back(std::move(distinct));
  intents_.push_back(intents);
  length_.push_back(length);
  if (const std::string text = without_punctuation(folded); !text.empty()) {
    const std::uint32_t check = example_verbatim_check(text);
    auto [it, inserted] = verbatim_.try_emplace(example_verbatim_key(text), check, std::vector<std::uint32_t>{});
    auto& [stored_check, positions] = it->second;
    if (stored_check != check) {
      stored_check = 0;  // two texts under one key (FNV-1a 64 clashed): neither is answered word for word
      positions.clear();
    } else if (stored_check != 0) {
      for (const auto intent : intents)
        if (std::find(positions.begin(), positions.end(), intent) == positions.end()) positions.push_back(intent);
    }
  }
  std::string row;
  packed::put_varint(row, text.size());
  row += text;
  packed::put_varint(row, intents.size());
  for (const auto intent : intents) packed::put_varint(row, intent);
  rows_.push_back(std::move(row));
}

void ExampleStoreWriter::write(Xapian::WritableDatabase& db, bool with_weights,
                               const std::map<std::string, std::uint32_t>& articles_with) const {
  // The BM25 length normalisation's average, as the reader needs it exactly.
  double total_length = 0;
  for (const auto length : length_) total_length += static_cast<float>(length);
  const double average = rows_.empty() ? 1 : std::max(1.0, total_length / static_cast<double>(rows_.size()));
  char stats[64];
  std::snprintf(stats, sizeof stats, "%zu %.17g %d", rows_.size(), average, with_weights ? 1 : 0);
  db.set_metadata(schema::kMetaExampleStats, stats);
  std::string runs;
  auto one_intent = [&](std::size_t at) { return intents_[at].size() == 1; };
  for (std::size_t at = 0; at < intents_.size();) {
    std::size_t end = at + 1;
    // Examples of one intent each, the intents consecutive (a KB of one question per intent).
    while (end < intents_.size() && one_intent(at) && one_intent(end) &&
           intents_[end].front() == intents_[at].front() + (end - at))
      ++end;
    if (end - at > 1) {
      packed::put_varint(runs, (end - at) * 2 + 1);
      packed::put_varint(runs, intents_[at].front());
      at = end;
      continue;
    }
    while (end < intents_.size() && intents_[end] == intents_[at]) ++end;
    packed::put_varint(runs, (end - at) * 2);
    packed::put_varint(runs, intents_[at].size());
    for (const auto intent : intents_[at]) packed::put_varint(runs, intent);
    at = end;
  }
  if (runs.size() <= kMaxExampleIntentRunBytes) db.set_metadata(schema::kMetaExampleIntents, runs);

  const std::vector<Posting> none;
  std::string pieced;  // kMetaExamplePieced
  bool with_lengths = false;  // whether a term's postings are in pieces, which leave lengths to the lengths entries
  auto write_term = [&](const std::string& term, std::uint32_t articles, const std::vector<Posting>& postings) {
    if (!term_entry_fits(term)) return;  // no query word is that long (TermGenerator's 64-byte cap)
    const std::string key = term_entry_key(term);
    std::string inline_postings;
    std::uint32_t previous = 0;
    for (const auto& p : postings) {
      packed::put_varint(inline_postings, p.example - previous);
      packed::put_varint(inline_postings, p.wdf);
      packed::put_varint(inline_postings, length_[p.example]);
      previous = p.example;
    }
    std::string value;
    packed::put_varint(value, articles);
    packed::put_varint(value, postings.size());
    if (inline_postings.size() <= kTermPieceBytes) {
      packed::put_varint(value, 0);
      db.set_metadata(key, value + inline_postings);
      return;
    }
    // In pieces of at most about kTermPieceBytes, each from example 0, the
    // lengths left to the lengths entries (a common term's postings are then
    // mostly runs of the same byte, which compress to little).
    std::vector<std::string> pieces(1);
    previous = 0;
    for (const auto& p : postings) {
      if (pieces.back().size() >= kTermPieceBytes) {
        pieces.emplace_back();
        previous = 0;
      }
      packed::put_varint(pieces.back(), (std::uint64_t{p.example - previous} << 1) | (p.wdf != 1 ? 1 : 0));
      if (p.wdf != 1) packed::put_varint(pieces.back(), p.wdf);
      previous = p.example;
    }
    packed::put_varint(value, pieces.size());
    for (std::uint32_t i = 0; i < pieces.size(); ++i) db.set_metadata(term_piece_key(key, i), pieces[i]);
    packed::put_varint(pieced, term.size());
    pieced += term;
    packed::put_varint(pieced, articles);
    packed::put_varint(pieced, postings.size());
    packed::put_varint(pieced, pieces.size());
    db.set_metadata(key, value);
    with_lengths = true;
  };
  for (const auto& [term, postings] : postings_) {
    const auto it = articles_with.find(term);
    write_term(term, it == articles_with.end() ? 0 : it->second, postings);
  }
  for (const auto& [term, articles] : articles_with)
    if (!postings_.count(term)) write_term(term, articles, none);
  if (!pieced.empty()) db.set_metadata(schema::kMetaExamplePieced, pieced);
  if (with_lengths) {
    for (std::uint32_t first = 0; first < length_.size(); first += kLengthsPerEntry) {
      std::string value;
      for (std::uint32_t at = first; at < length_.size() && at < first + kLengthsPerEntry; ++at)
        packed::put_varint(value, length_[at]);
      db.set_metadata(example_lengths_key(first), value);
    }
  }
  // With weights, each example's row ends with the sum of the idf of its
  // distinct terms: the reader's df of a term is its postings' count, none
  // when its key was too long.
  auto df = [&](const std::string& term) -> double {
    const auto it = postings_.find(term);
    if (it == postings_.end() || !term_entry_fits(term)) return 0;
    return static_cast<double>(it->second.size());
  };
  const double total = static_cast<double>(rows_.size());
  for (std::uint32_t first = 0; first < rows_.size(); first += kExamplesPerRow) {
    std::string value;
    for (std::uint32_t at = first; at < rows_.size() && at < first + kExamplesPerRow; ++at) {
      value += rows_[at];
      if (!with_weights) continue;
      double sum = 0;  // as intent_ranking.cpp's overlap_with adds them
      for (const auto& term : terms_[at]) sum += std::log((total + 1.0) / (df(term) + 0.5));
      unsigned char bytes[8];
      std::memcpy(bytes, &sum, 8);  // the targets are little-endian (x86-64, WebAssembly)
      value.append(reinterpret_cast<const char*>(bytes), 8);
    }
    db.set_metadata(example_row_key(first), value);
  }
  for (const auto& [key, entry] : verbatim_) {
    const auto& [check, positions] = entry;
    if (check == 0) continue;
    std::string value;
    packed::put_varint(value, check);
    for (const auto position : positions) packed::put_varint(value, position);
    db.set_metadata(key, value);
  }
}

}  // namespace firstline
