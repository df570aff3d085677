// firstline/schema.h — the layout of a firstline index, shared by the indexer
// (which writes it) and the core (which reads it). Applications never need it.
//
// An index is a single-file Xapian glass database holding one document per
// Markdown article (data = the article as JSON: the fields of the front matter,
// `html` rendered safely, `text` for snippets) and metadata entries under the
// keys below. The example questions (intents.yaml examples, article titles and
// `questions`) are not documents (as documents their term and posting lists
// were most of the index's bytes) but keyed metadata entries the core reads
// by need (format 3, firstline/example_store.h): a query reads the postings
// of its own terms and the rows of the examples it finds, and opening an
// index reads neither them nor any article.
//
// Key order is part of the format: every key read at open begins with
// "firstline." and every key read by need with "firstline:". '.' sorts
// before ':', so what opening reads is together in the first leaves of the
// metadata's B-tree, which a published index's start chunk carries
// (indexer/src/web_bundle.h).
// How text becomes terms is firstline/terms.h.
#pragma once

#include <cstddef>

namespace firstline::schema {

/// Bumped whenever a reader of the previous format would misread the index.
inline constexpr int kFormatVersion = 7;  // 2: examples as a table, not documents; 3: examples and articles read by need;
                                          // 4: what opening reads keyed "firstline." (before the rest);
                                          // 5: the intent model's features keyed by anchor (intent_model.cpp);
                                          // 6: an entry per intent-model feature, and copies of words' 3-grams;
                                          //    intents list their articles, and small KBs' intents are read at open;
                                          // 7: rows of 16 examples (one glass item, so one leaf), and the
                                          //    table of terms whose postings are in pieces (example_store.h)

// Metadata keys, each at most kMaxMetadataKeyBytes (glass allows 245): a writer
// leaves out an entry whose key would be longer, and its reader then does without.
inline constexpr std::size_t kMaxMetadataKeyBytes = 240;
inline constexpr const char* kMetaFormat = "firstline.format";           // decimal kFormatVersion
// Where formats 1-3 kept the format version: read only to name an old index's format.
inline constexpr const char* kMetaLegacyFormat = "firstline:format";
inline constexpr const char* kMetaBuild = "firstline.build";             // JSON: artifact, built_at, content_hash, counts, tool
// kMetaBuild's "artifact": which of the two indexes a file is. Only the public
// one may reach customers; the API's "open" refuses the other (ErrorCode::index_wrong_artifact).
inline constexpr const char* kArtifactPublic = "public";
inline constexpr const char* kArtifactAgent = "agent";
// The intents, one JSON entry each, in intents.yaml's order: {"id", "label": {locale: text},
// "examples": count} and, only when they differ from the default, "group" (""), "option" (the
// label), "human_only", "urgent" and "not_covered" (false), and "articles": the index's articles tagged with the
// intent, each [document id, locale, translation family (the id of the article it translates, else
// its own)], by document id (none: no article).
inline constexpr const char* kMetaIntentAt = "firstline:ip:";  // + position (4 bytes, big-endian): one entry
inline constexpr const char* kMetaIntentId = "firstline:ii:";  // + intent id: its position, decimal
// All of them as one JSON array among what opening reads, when it is at most
// kMaxIntentsAtOpenBytes (most KBs; not one of tens of thousands of intents): then no query reads
// an intent's own entry.
inline constexpr const char* kMetaIntentsAtOpen = "firstline.intents";
inline constexpr std::size_t kMaxIntentsAtOpenBytes = 32 * 1024;
inline constexpr const char* kMetaEscalation = "firstline.escalation";   // JSON of escalation.yaml
inline constexpr const char* kMetaFirstScreen = "firstline.first_screen";// JSON of first-screen.yaml
inline constexpr const char* kMetaFoldTable = "firstline.fold";          // TextFolder::to_table()
// The intent classifier, may be absent (IntentModel::serialize_parts): its head at open, its entries by need.
inline constexpr const char* kMetaIntentModelHead = "firstline.model";
// What a query reads for one word, keyed from the word's anchor (firstline/anchors.h): its
// intent-model entries (IntentModel::Parts) and its terms' example postings (example_store.h).
inline constexpr const char* kMetaAnchored = "firstline:a:";
// The example questions, by need (firstline/example_store.h has the encoding):
inline constexpr const char* kMetaExampleStats = "firstline.ex";        // "count average_length totals"
inline constexpr const char* kMetaExampleIntents = "firstline.exi";   // runs of examples with the same intents
inline constexpr const char* kMetaExamplePieced = "firstline.exp";    // the terms whose postings are in pieces, with their counts
inline constexpr const char* kMetaExampleRows = "firstline:ex:r:";      // + row block (4 bytes, big-endian)
inline constexpr const char* kMetaExampleVerbatim = "firstline:ex:v:";  // + hash of a text without punctuation
inline constexpr const char* kMetaExampleLengths = "firstline:ex:l:";   // + lengths block: each example's length
// The completions offered while typing, by need (firstline/hint_store.h):
inline constexpr const char* kMetaHintStats = "firstline.h";
inline constexpr const char* kMetaHintKeys = "firstline:h:k:";        // + folded text + "\0" + ordinal
inline constexpr const char* kMetaHintRows = "firstline:h:r:";        // + row block (4 bytes, big-endian)
inline constexpr const char* kMetaHintPairs = "firstline:h:p:";       // + character pair (8 bytes)
inline constexpr const char* kMetaHintPairCounts = "firstline:h:c:";  // + character pair (8 bytes)
// The English words a spelling correction must leave alone, by need: each
// word of the build's word list (Debian's wamerican, /usr/share/dict/american-english)
// that the KB lacks and the spelling table would "correct" ("talk" -> "take").
// A word typed that is one of them is a correct word, not a typo. Grouped by
// their first two letters, so that the list costs few keys.
inline constexpr const char* kMetaCorrectWords = "firstline:w:";  // + a word's first two letters: the words, sorted, "\n" between
// SynonymSet::to_json(): synonyms.yaml's groups, folded. Each group found in a
// text (query, example or article) is one more term of it: kPrefixSynonymGroup + its first word.
inline constexpr const char* kMetaSynonyms = "firstline.synonyms";

// The keys of escalation.yaml the core reads (kb-content/README.md documents
// each); the indexer refuses any other, so a misspelt one is not silently ignored.
namespace threshold {
inline constexpr const char* kAnswerMinConfidence = "answer_min_confidence";
inline constexpr const char* kClarifyMargin = "clarify_margin";
inline constexpr const char* kClarifyMaxOptions = "clarify_max_options";
inline constexpr const char* kUrgentMinConfidence = "urgent_min_confidence";
inline constexpr const char* kRephraseSimilarity = "rephrase_similarity";
inline constexpr const char* kLevel3Attempts = "level3_attempts";
inline constexpr const char* kLevel4Attempts = "level4_attempts";
inline constexpr const char* kNotHelpfulLimit = "not_helpful_limit";
inline constexpr const char* kLevel4PreviousContacts = "level4_previous_contacts";
}  // namespace threshold
inline constexpr const char* kThresholdNames[] = {
    threshold::kAnswerMinConfidence, threshold::kClarifyMargin,      threshold::kClarifyMaxOptions,
    threshold::kUrgentMinConfidence, threshold::kRephraseSimilarity, threshold::kLevel3Attempts,
    threshold::kLevel4Attempts,      threshold::kNotHelpfulLimit,    threshold::kLevel4PreviousContacts};

namespace lexicon {
inline constexpr const char* kNegationWindow = "negation_window";  // {zh: characters, en: words}
inline constexpr const char* kHumanRequest = "human_request";
inline constexpr const char* kHumanRequestAlone = "human_request_alone";
inline constexpr const char* kGreeting = "greeting";
inline constexpr const char* kThanks = "thanks";
inline constexpr const char* kUrgent = "urgent";
inline constexpr const char* kEmotion = "emotion";
inline constexpr const char* kNegation = "negation";
}  // namespace lexicon
inline constexpr const char* kLexiconNames[] = {lexicon::kNegationWindow, lexicon::kHumanRequest, lexicon::kHumanRequestAlone,
                                                lexicon::kGreeting,       lexicon::kThanks,       lexicon::kUrgent,
                                                lexicon::kEmotion,        lexicon::kNegation};

// An intent with fewer example questions than this is thin: the indexer warns
// of it, the console's editor view marks it.
inline constexpr std::size_t kRecommendedExamples = 8;

// Escalation reasons, as routes name them: escalation_reason_name() of
// engine.h's EscalationReason, in its order.
inline constexpr const char* kEscalationReasons[] = {"explicit_request", "urgent",   "human_only",
                                                     "emotional",        "repeated", "out_of_scope"};

// Term prefixes of the text (firstline/terms.h makes these terms).
inline constexpr const char* kPrefixStem = "Z";            // Z<English stem> or Z<CJK n-gram>: Xapian's STEM_ALL_Z
inline constexpr const char* kPrefixSynonymGroup = "Z=";   // Z=<a synonyms.yaml group's first word>

// Boolean term prefixes.
inline constexpr const char* kPrefixId = "Q";         // Q<article id>
inline constexpr const char* kPrefixKind = "XK";      // XKarticle
inline constexpr const char* kPrefixType = "XT";      // XTsolution, XTfaq, XTlesson, XTpolicy, XTscript
inline constexpr const char* kPrefixAudience = "XA";  // XApublic, XAinternal
inline constexpr const char* kPrefixLocale = "XL";    // XLzh-hans, XLzh-hant, XLen (lower case)
inline constexpr const char* kPrefixIntent = "XI";    // XI<intent id>
inline constexpr const char* kPrefixLevel = "XV";     // XV1 .. XV4

inline constexpr const char* kKindArticle = "article";

// Value slots.
inline constexpr unsigned kSlotUpdated = 0;  // YYYYMMDD
inline constexpr unsigned kSlotLevel = 1;    // "1".."4" or empty

// Within-document frequency increments: titles and questions outweigh body text.
inline constexpr unsigned kWeightTitle = 4;
inline constexpr unsigned kWeightQuestion = 3;
inline constexpr unsigned kWeightKeyword = 2;
inline constexpr unsigned kWeightBody = 1;

}  // namespace firstline::schema
