// firstline/anchors.h — where the entries a query reads for one word sit in
// an index. A browser reads the index by need, a request per leaf of its
// B-tree it lacks, so what one word of a query needs should share a leaf:
// the word's intent-model features (firstline/intent_model.h) and the
// example postings of its terms (firstline/example_store.h) are all keyed
// from the word's anchor — its stem, or for CJK text the character a term or
// feature starts with — and sort together under schema::kMetaAnchored, with
// how many articles have each of its terms (a query's idf):
//
//   kMetaAnchored + anchor hash (FNV-1a 32 of the anchor's text, 4 bytes
//   big-endian) + kind (1 byte) + the rest:
//     kModelFeature  'f' + the feature's own hash (4 bytes big-endian)
//     kModelWord     'g' + the word's hash (4 bytes big-endian): a word's 3-grams, copied
//     kTerm          't' + the term: how many articles have it (what Xapian's
//                    get_termfreq() would read from its postings) and the
//                    example postings (firstline/example_store.h)
//
// For the indexer and the core only, like schema.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace firstline::anchors {

inline constexpr char kModelFeature = 'f';
inline constexpr char kModelWord = 'g';
inline constexpr char kTerm = 't';

/// FNV-1a 32 of `text`: an anchor's hash (the high half of an intent-model feature's key).
std::uint32_t hash(std::string_view text) noexcept;

/// The key (after schema::kMetaAnchored) of an entry of `kind` under `anchor`.
std::string key(std::uint32_t anchor, char kind, std::string_view rest);

/// `value` as 4 big-endian bytes (a key's hash part).
std::string be32(std::uint32_t value);

/// The key (after schema::kMetaAnchored) of `term`'s entry of `kind`, under the term's anchor.
std::string of_term_key(std::string_view term, char kind);

/// The anchor's text of an index term (firstline/terms.h): an English term's
/// stem, a CJK n-gram's first character, a synonym group's term itself, as
/// the intent model anchors the same word's features.
std::string_view of_term(std::string_view term) noexcept;

}  // namespace firstline::anchors
