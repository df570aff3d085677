// firstline/example_store.h — the example questions as an index stores them
// (format 7): written by the indexer, read by need by the core. Like schema.h
// and terms.h it is for those two only: it speaks Xapian.
//
// The nearest-example search is BM25 over the examples (k1 = 1, b = 0.5). To
// rank a query it needs only, for each of the query's terms, the examples
// that have it with their lengths, so each term's postings are one metadata
// entry and opening an index reads none of them:
//
// (varints and numbers as firstline/packed.h encodes them)
//   kMetaExampleStats              "count average_length totals" (decimal; the average as C's
//                                  %.17g; totals 1 when the rows hold each example's idf total)
//   kMetaExampleIntents            read at opening, written only when at most
//                                  kMaxExampleIntentRunBytes: the examples in runs, each
//                                  varint(length * 2 + 1) then varint(intent position): a
//                                  run of examples of one intent each, the next example's
//                                  the next intent (an FAQ list of one question per
//                                  intent); or varint(length * 2), varint(intent count),
//                                  varint(intent position)...: examples of the same intents;
//                                  so the nearest examples' intents cost no read
//   term_entry_key(term)           every term of the examples or the articles, keyed from the
//                                  term's anchor (firstline/anchors.h), beside the intent
//                                  model's entries for the same word: varint(how many articles
//                                  have it), varint(how many examples), varint(pieces), and
//                                  when pieces is 0 its postings: per example holding it,
//                                  ascending, varint(example - previous example), varint(wdf),
//                                  varint(length)
//   term_piece_key(key, n)         when pieces is not 0 (the postings above would exceed
//                                  kTermPieceBytes), piece n of the postings (n < 65536), each
//                                  at most about kTermPieceBytes and starting from example 0:
//                                  per example, ascending, varint((example - previous) * 2 +
//                                  (wdf != 1)), then varint(wdf) if it is not 1; the lengths are
//                                  in the lengths entries. A term of thousands of examples reads
//                                  all its pieces in one round of requests (each piece fits one
//                                  glass item, so one leaf), and its bytes are mostly runs
//                                  that compress to little
//   kMetaExamplePieced             read at opening: the terms whose postings are in pieces, in
//                                  term order, each varint(term bytes), term, varint(how many
//                                  articles have it), varint(how many examples), varint(pieces):
//                                  their entries say no more, so a question reads no entry of its
//                                  commonest words, and their pieces only when the search keeps
//                                  the word (a long question's commonest words only weigh how
//                                  much of the question an example holds, which the example's
//                                  own row tells)
//   kMetaExampleLengths + block    written when a term's postings are in pieces: the lengths of
//                                  the examples block * kLengthsPerEntry onwards, varints
//   kMetaExampleRows + block       the examples block * kExamplesPerRow onwards, each:
//                                  varint(text bytes), text, varint(intent count), varint(intent
//                                  position)..., then when totals is 1 (an index without an intent
//                                  model, whose ranking weighs how much of an example the query
//                                  holds) the sum of the idf log((count + 1) / (df + 0.5)) of the
//                                  example's distinct terms in term order, an 8-byte IEEE double,
//                                  little-endian: without it the reader would read the postings of
//                                  every term of the example to count its df. In the row, not an
//                                  entry of its own: the ranking reads both for the same examples
//   kMetaExampleVerbatim + hash    the examples whose folded text without punctuation
//                                  (text.h) hashes so: varint(example_verbatim_check of
//                                  the text), then the positions of their intents, each
//                                  once, in the order the examples give them (a query asked
//                                  word for word reads no example row)
//
// An example's terms are terms::of_text() of its folded text, as a query of
// the same words has them; its length is the sum of their counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "firstline/text.h"

namespace firstline {

/// Examples per row entry: a found example costs one entry read. 16 keep a row of short questions within one glass item (about
/// 1 KiB in a 4 KiB block), so within one leaf: a row of 64 Chinese questions
/// spanned two, and reading it cost a round of requests more.
inline constexpr std::uint32_t kExamplesPerRow = 16;
/// The most kMetaExampleIntents may take (it is in every first download).
inline constexpr std::size_t kMaxExampleIntentRunBytes = 16 * 1024;

/// A second hash of a verbatim entry's text, stored in it: a text whose key
/// (FNV-1a 64) clashes with another's is told apart without reading rows.
std::uint32_t example_verbatim_check(std::string_view without_punctuation);
/// The term entry's key for a term (schema::kMetaAnchored and the rest).
std::string term_entry_key(std::string_view term);
/// The key of piece `piece` of the postings of the term whose entry is under `entry_key`.
std::string term_piece_key(const std::string& entry_key, std::uint32_t piece);
/// Whether a term's entries fit glass's key limit (the indexer leaves out those that do not).
bool term_entry_fits(std::string_view term);
/// A term's postings longer than this are stored in pieces: a piece, its key
/// and a posting's overshoot stay within glass's largest item in a 4 KiB
/// block (about 1 KiB), so no piece spans two leaves.
inline constexpr std::size_t kTermPieceBytes = 900;
/// The entries a query reads all of together, by a metadata key (without
/// glass's "\0\xc0"): a term's postings pieces ("t" + the term), the lengths
/// entries ("lengths"); "" for any other key. A published index (web_bundle.h)
/// puts the leaves of one group in one file: one request, not one per leaf.
std::string read_together(std::string_view key);
/// Examples per lengths entry, and the entry's key for an example.
inline constexpr std::uint32_t kLengthsPerEntry = 512;
std::string example_lengths_key(std::uint32_t example);
/// The row entry's key for an example.
std::string example_row_key(std::uint32_t example);
/// The verbatim entry's key for a folded text without punctuation (FNV-1a 64, hex).
std::string example_verbatim_key(std::string_view without_punctuation);

/// Collects the example questions while an index is built, then writes them.
class ExampleStoreWriter {
 public:
  ExampleStoreWriter(const TextFolder& folder, const SynonymSet& synonyms);

  /// An example question; `intents`: positions in the intents entry (schema.h).
  void add(const std::string& text, const std::vector<std::uint32_t>& intents);

  std::size_t size() const noexcept { return rows_.size(); }

  /// Writes every entry above into `db`, the rows with idf totals only if
  /// `with_weights`; `articles_with`: how many articles have each term (the
  /// terms of the articles; a term of the examples only has none).
  void write(Xapian::WritableDatabase& db, bool with_weights,
             const std::map<std::string, std::uint32_t>& articles_with = {}) const;

 private:
  struct Posting {
    std::uint32_t example, wdf;
  };
  const TextFolder& folder_;
  const SynonymSet& synonyms_;
  Xapian::Stem stemmer_{"english"};
  std::vector<std::string> rows_;      // each example's row bytes
  std::vector<std::uint32_t> length_;  // each example's length
  std::vector<std::vector<std::string>> terms_;  // each example's distinct terms, sorted
  std::vector<std::vector<std::uint32_t>> intents_;  // each example's intents (positions)
  std::map<std::string, std::vector<Posting>> postings_;
  /// By key: the text's check hash, and the intents of the examples with that text.
  std::map<std::string, std::pair<std::uint32_t, std::vector<std::uint32_t>>> verbatim_;
};

}  // namespace firstline
