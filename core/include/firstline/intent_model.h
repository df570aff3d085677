// firstline/intent_model.h — a linear intent classifier learned from the KB's
// own example questions at index time, stored in the index, run by the core.
//
// Features of folded text: English word stems, stem bigrams and skip-bigrams,
// character 3-grams of words (robust to typos), CJK character 1-3-grams, and
// the synonym groups found in the text, each valued
// by the square root of its idf, the vector scaled to unit length. Training is multinomial logistic regression by SGD; the stored model keeps only the
// weights that matter, quantised to one byte each.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace firstline {

class IntentModel {
 public:
  struct Example {
    std::string folded_text;  ///< already folded by the index's TextFolder
    std::size_t intent = 0;   ///< index into the intent list
    std::vector<std::string> synonym_terms = {};  ///< the text's synonym groups (SynonymSet::terms_in)
  };
  /// Tuned on the datasets' dev queries (clinc150, banking77, hwu64, smp2020-zh).
  struct TrainingOptions {
    int epochs = 40;
    double learning_rate = 6.0;
    double rate_decay = 0.88;  ///< per epoch
    double l2 = 1e-6;
    std::uint32_t seed = 20261124;
  };

  IntentModel() = default;

  /// Learns weights for `intent_count` intents from `examples`.
  static IntentModel train(const std::vector<Example>& examples, std::size_t intent_count,
                           const TrainingOptions& options);
  static IntentModel train(const std::vector<Example>& examples, std::size_t intent_count) {
    return train(examples, intent_count, TrainingOptions{});
  }

  /// The form an index stores, for reading by need (StoredIntentModel): a
  /// head (biases, scales: read when the index opens) and entries read only
  /// when a query needs them, each under its own key (appended to the
  /// index's key prefix, so the B-tree finds it):
  ///   - one per feature, under its key as 8 big-endian bytes: its idf and
  ///     weights. A word's features share the high half (feature_key), so
  ///     they sit in one leaf of the index;
  ///   - one per word of the training examples long enough for 3-grams,
  ///     under its stem's anchor (the high half of the stem's key), then the
  ///     hash of the word, then 0x01: the entries of the word's 3-grams,
  ///     copied. A 3-gram is its own anchor (shared by every word that has
  ///     it), so its entry sits anywhere in the index; the copy lets a known
  ///     word cost one lookup beside its stem instead of one per 3-gram, and
  ///     only a word the examples never had (a typo) looks its 3-grams up.
  /// Empty for an empty model.
  struct Parts {
    std::string head;
    std::vector<std::pair<std::string, std::string>> entries;  ///< (key, value), sorted by key
  };
  Parts serialize_parts() const;

  bool empty() const noexcept { return intent_count_ == 0; }
  std::size_t intent_count() const noexcept { return intent_count_; }
  std::size_t weight_count() const noexcept { return features_.entries.size(); }

  /// Probabilities over the intents (softmax of the linear scores) for folded text.
  /// `synonym_terms`: the text's synonym groups, one feature each, so that
  /// words of one group teach and find the same intent.
  std::vector<double> predict(std::string_view folded_text, const std::vector<std::string>& synonym_terms = {}) const;

  /// The hashed features of folded text (exposed for tests).
  /// A feature's key: its anchor's hash (the stem or CJK character it starts
  /// from; a word's 3-grams are their own anchors, shared by every word) in
  /// the high half, the hash of its own text in the low half, so that the
  /// features of one word sort together and a query reads few stored entries.
  using FeatureKey = std::uint64_t;
  static std::vector<FeatureKey> features(std::string_view folded_text,
                                             const std::vector<std::string>& synonym_terms = {});
  static FeatureKey feature_key(std::string_view anchor, std::string_view feature);

  /// A word of folded text that has 3-grams, as the stored model files them (Parts).
  struct GramWord {
    std::string word;
    std::string stem;
    std::vector<FeatureKey> grams;  ///< the keys of its 3-gram features
  };
  /// The features of folded text (features()) and its words with 3-grams.
  struct Analysis {
    std::vector<FeatureKey> keys;
    std::vector<GramWord> words;
  };
  static Analysis analyse(std::string_view folded_text, const std::vector<std::string>& synonym_terms = {});

  /// The stored keys of Parts' entries (exposed for tests).
  static std::string stored_feature_key(FeatureKey feature);
  static std::string stored_word_key(const GramWord& word);

 private:
  friend class StoredIntentModel;
  struct Entry {
    std::uint32_t intent;
    float weight;
  };
  /// Features and their weights.
  struct Features {
    std::vector<FeatureKey> keys;      // sorted
    std::vector<float> idf;            // per key
    std::vector<std::uint32_t> start;  // offsets into entries, one more than keys
    std::vector<Entry> entries;
  };
  /// A feature's idf and weights, pointing into a Features table.
  struct Found {
    float idf;
    const Entry* begin;
    const Entry* end;
  };
  static std::optional<Found> find_in(const Features& table, FeatureKey feature);
  /// Feature `f`'s stored value (Parts), and back: appends it to `out`
  /// (not the final `start` entry), taking it from the front of `in`; false if damaged.
  void write_feature(std::string& out, std::size_t f, float scale) const;
  static bool read_feature(std::string_view& in, FeatureKey key, std::uint32_t intents, float scale, float unknown_idf,
                           Features& out);
  /// The model stored as `parts` (an empty model for damaged parts).
  static IntentModel from_parts(const Parts& parts);
  float weight_scale() const;  ///< the quantisation step: the largest weight / 127

  std::size_t intent_count_ = 0;
  std::vector<float> bias_;  // per intent
  float unknown_idf_ = 1;    // for a feature not in the model
  Features features_;
  std::vector<std::string> words_;  // the training examples' words with 3-grams, sorted (Parts files their copies)
};

/// A model as an index stores it (IntentModel::serialize_parts), read by
/// need: the head when opened, a feature's entry only when a query has the
/// feature (a known word's 3-grams from the copy beside its stem; the last
/// few thousand entries kept), so memory stays flat however many features the
/// KB's model has. Predicts exactly as the IntentModel it was stored from.
/// Copies share their cache; safe to use from threads.
class StoredIntentModel {
 public:
  /// The stored value under Parts' key `key` ("" if there is none); may throw
  /// (the error reaches predict()'s caller).
  using EntryReader = std::function<std::string(const std::string& key)>;

  StoredIntentModel() = default;
  /// Empty (never throws) for an empty or damaged head.
  StoredIntentModel(std::string_view head, EntryReader read_entry);

  bool empty() const noexcept { return !state_; }
  std::size_t intent_count() const noexcept;

  /// As IntentModel::predict. Throws firstline::Error (index_corrupt) for a
  /// damaged entry, and what the reader throws.
  std::vector<double> predict(std::string_view folded_text, const std::vector<std::string>& synonym_terms = {}) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace firstline
