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

  /// The compact binary form stored in the index, and back. deserialize()
  /// returns an empty model for empty or damaged data (never throws).
  std::string serialize() const;
  static IntentModel deserialize(std::string_view data);

  bool empty() const noexcept { return intent_count_ == 0; }
  std::size_t intent_count() const noexcept { return intent_count_; }
  std::size_t weight_count() const noexcept { return entries_.size(); }

  /// Probabilities over the intents (softmax of the linear scores) for folded text.
  /// `synonym_terms`: the text's synonym groups, one feature each, so that
  /// words of one group teach and find the same intent.
  std::vector<double> predict(std::string_view folded_text, const std::vector<std::string>& synonym_terms = {}) const;

  /// The hashed features of folded text (exposed for tests).
  static std::vector<std::uint32_t> features(std::string_view folded_text,
                                             const std::vector<std::string>& synonym_terms = {});

 private:
  struct Entry {
    std::uint32_t intent;
    float weight;
  };
  std::size_t intent_count_ = 0;
  std::vector<float> bias_;                  // per intent
  std::vector<std::uint32_t> feature_keys_;  // sorted hashes
  std::vector<float> feature_idf_;           // per key
  float unknown_idf_ = 1;                    // for a feature not in feature_keys_
  std::vector<std::uint32_t> feature_start_; // offsets into entries_, one more than keys
  std::vector<Entry> entries_;
};

}  // namespace firstline
