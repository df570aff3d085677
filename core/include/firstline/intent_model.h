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
  /// head (biases, scales, each block's first feature) and blocks of
  /// kFeaturesPerBlock features' weights each. Empty for an empty model.
  static constexpr std::uint32_t kFeaturesPerBlock = 64;
  struct Parts {
    std::string head;
    std::vector<std::string> blocks;
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
  /// features of one word sort together and a query reads few stored blocks.
  using FeatureKey = std::uint64_t;
  static std::vector<FeatureKey> features(std::string_view folded_text,
                                             const std::vector<std::string>& synonym_terms = {});
  static FeatureKey feature_key(std::string_view anchor, std::string_view feature);

 private:
  friend class StoredIntentModel;
  struct Entry {
    std::uint32_t intent;
    float weight;
  };
  /// Features and their weights (all of a model's, or one stored block's).
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
  /// The stored records of features [first, end), and back (false if damaged).
  void write_feature_records(std::string& out, std::size_t first, std::size_t end, float scale) const;
  /// Appends `count` records to `out` (not the final `start` entry).
  static bool read_feature_records(std::string_view data, std::uint32_t count, std::uint32_t intents, float scale,
                                   float unknown_idf, Features& out);
  /// The model stored as `parts` (an empty model for damaged parts).
  static IntentModel from_parts(const Parts& parts);
  float weight_scale() const;  ///< the quantisation step: the largest weight / 127

  std::size_t intent_count_ = 0;
  std::vector<float> bias_;  // per intent
  float unknown_idf_ = 1;    // for a feature not in the model
  Features features_;
};

/// A model as an index stores it (IntentModel::serialize_parts), read by
/// need: the head when opened, a block of weights only when a query has a
/// feature in it (the last few blocks kept), so memory stays flat however
/// many features the KB's model has. Predicts exactly as the IntentModel it
/// was stored from. Copies share their blocks; safe to use from threads.
class StoredIntentModel {
 public:
  /// Block `n`'s stored bytes; may throw (the error reaches predict()'s caller).
  using BlockReader = std::function<std::string(std::uint32_t n)>;

  StoredIntentModel() = default;
  /// Empty (never throws) for an empty or damaged head.
  StoredIntentModel(std::string_view head, BlockReader read_block);

  bool empty() const noexcept { return !state_; }
  std::size_t intent_count() const noexcept;

  /// As IntentModel::predict. Throws firstline::Error (index_corrupt) for a
  /// damaged block, and what the reader throws.
  std::vector<double> predict(std::string_view folded_text, const std::vector<std::string>& synonym_terms = {}) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace firstline
