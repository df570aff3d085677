#include "firstline/intent_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>
#include <unordered_map>

#include <optional>
#include <type_traits>

#include <xapian.h>

#include "bounded_cache.h"
#include "by_need.h"
#include "firstline/error.h"
#include "firstline/text.h"

namespace firstline {

namespace {

constexpr std::uint32_t kModelVersion = 3;  // 3: feature keys grouped by anchor (feature_key)

std::uint32_t fnv1a(std::string_view text, std::uint32_t seed = 2166136261u) {
  std::uint32_t h = seed;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

/// A feature's value: the square root of its smoothed idf (the full idf
/// helped English sets and hurt Chinese ones; the root helped both). A feature
/// never seen in training counts as seen once.
float inverse_document_frequency(double examples, std::uint32_t df) {
  return static_cast<float>(std::sqrt(std::log((examples + 1.0) / (std::max<std::uint32_t>(df, 1) + 1.0)) + 1.0));
}

bool is_word_char(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '\''; }

}  // namespace

// The features of one word (its stem, the pairs it starts) or character (its
// 1-3-grams) sort together, so a query's features fall in a few
// of the stored model's blocks (StoredIntentModel reads one per block touched)
// instead of one block each. Two features share a key only when both their
// anchors' and their own 32-bit hashes clash.
IntentModel::FeatureKey IntentModel::feature_key(std::string_view anchor, std::string_view feature) {
  return (static_cast<FeatureKey>(fnv1a(anchor)) << 32) | fnv1a(feature);
}

std::vector<IntentModel::FeatureKey> IntentModel::features(std::string_view text, const std::vector<std::string>& synonym_terms) {
  static thread_local Xapian::Stem stemmer("english");
  std::vector<FeatureKey> out;
  auto add = [&](std::string_view anchor, const std::string& feature) { out.push_back(feature_key(anchor, feature)); };
  std::vector<std::string> stems;
  std::vector<std::string> cjk;  // consecutive CJK characters of the current run
  auto flush_cjk = [&] {
    for (std::size_t i = 0; i < cjk.size(); ++i) {
      add(cjk[i], "c1" + cjk[i]);
      if (i + 1 < cjk.size()) add(cjk[i], "c2" + cjk[i] + cjk[i + 1]);
      if (i + 2 < cjk.size()) add(cjk[i], "c3" + cjk[i] + cjk[i + 1] + cjk[i + 2]);
    }
    cjk.clear();
  };
  std::string word;
  auto flush_word = [&] {
    if (word.empty()) return;
    const std::string stem = stemmer(word);
    stems.push_back(stem);
    add(stem, "w" + stem);
    const std::string marked = "^" + word + "$";
    if (word.size() >= 3)
      for (std::size_t i = 0; i + 3 <= marked.size(); ++i) {
        // A 3-gram is shared by every word that has it (a typo keeps most of
        // a word's): its own anchor, not the word's.
        const std::string gram = "g" + marked.substr(i, 3);
        add(gram, gram);
      }
    word.clear();
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(text, pos);
    if (is_word_char(cp)) {
      flush_cjk();
      word += static_cast<char>(cp);
    } else if (is_cjk_ideograph(cp)) {
      flush_word();
      cjk.emplace_back(text.substr(start, pos - start));
    } else {
      flush_word();
      flush_cjk();
    }
  }
  flush_word();
  flush_cjk();
  for (std::size_t i = 0; i + 1 < stems.size(); ++i)
    add(stems[i], "b" + stems[i] + " " + stems[i + 1]);
  for (std::size_t i = 0; i + 2 < stems.size(); ++i)
    add(stems[i], "s" + stems[i] + " " + stems[i + 2]);
  for (const auto& term : synonym_terms) add(term, "y" + term);
  // In the order of the low half, the plain hash of a feature's text (format
  // 4's key), as before keys were grouped: training adds the features up in
  // the same order and learns the same weights.
  std::sort(out.begin(), out.end(), [](FeatureKey a, FeatureKey b) {
    const auto own_a = static_cast<std::uint32_t>(a), own_b = static_cast<std::uint32_t>(b);
    return own_a != own_b ? own_a < own_b : a < b;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

IntentModel IntentModel::train(const std::vector<Example>& examples, std::size_t intent_count,
                               const TrainingOptions& options) {
  IntentModel model;
  if (intent_count < 2 || examples.empty()) return model;

  // Dense weights over the features seen in training.
  std::vector<std::vector<std::uint32_t>> example_features(examples.size());
  std::unordered_map<FeatureKey, std::uint32_t> feature_index;
  for (std::size_t e = 0; e < examples.size(); ++e)
    for (const FeatureKey f : features(examples[e].folded_text, examples[e].synonym_terms)) {
      const auto [it, inserted] = feature_index.emplace(f, static_cast<std::uint32_t>(feature_index.size()));
      example_features[e].push_back(it->second);  // the dense index
    }
  const std::size_t n_features = feature_index.size();
  const std::size_t k = intent_count;

  // Each feature's value in an example: its (root) idf, the vector scaled to unit length,
  // so a telling word weighs more than a word every intent uses.
  std::vector<std::uint32_t> document_frequency(n_features, 0);
  for (const auto& fs : example_features)
    for (const auto f : fs) ++document_frequency[f];
  const double n_examples = static_cast<double>(examples.size());
  std::vector<float> idf(n_features);
  for (std::size_t f = 0; f < n_features; ++f) idf[f] = inverse_document_frequency(n_examples, document_frequency[f]);
  std::vector<std::vector<float>> example_values(examples.size());
  for (std::size_t e = 0; e < examples.size(); ++e) {
    double norm = 0;
    for (const auto f : example_features[e]) norm += static_cast<double>(idf[f]) * idf[f];
    norm = norm > 0 ? 1.0 / std::sqrt(norm) : 0;
    for (const auto f : example_features[e]) example_values[e].push_back(static_cast<float>(idf[f] * norm));
  }
  std::vector<float> w(n_features * k, 0.0f), bias(k, 0.0f);
  std::vector<double> scores(k), probabilities(k);

  std::vector<std::size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 random(options.seed);
  double rate = options.learning_rate;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), random);
    for (const std::size_t e : order) {
      const auto& fs = example_features[e];
      const auto& values = example_values[e];
      if (fs.empty()) continue;
      for (std::size_t i = 0; i < k; ++i) scores[i] = bias[i];
      for (std::size_t j = 0; j < fs.size(); ++j) {
        const float* row = &w[fs[j] * k];
        for (std::size_t i = 0; i < k; ++i) scores[i] += row[i] * values[j];
      }
      const double top = *std::max_element(scores.begin(), scores.end());
      double sum = 0;
      for (std::size_t i = 0; i < k; ++i) sum += probabilities[i] = std::exp(scores[i] - top);
      for (std::size_t i = 0; i < k; ++i) {
        const double gradient = probabilities[i] / sum - (i == examples[e].intent ? 1.0 : 0.0);
        if (std::fabs(gradient) < 1e-4) continue;
        const float step = static_cast<float>(rate * gradient);
        bias[i] -= step * 0.1f;
        for (std::size_t j = 0; j < fs.size(); ++j) w[fs[j] * k + i] -= step * values[j];
      }
    }
    rate *= options.rate_decay;  // anneal
    if (options.l2 > 0)
      for (auto& x : w) x *= static_cast<float>(1.0 - options.l2);
  }

  // Keep the weights that matter: those above a small fraction of the largest
  // (0.5%: a third of the weights, no measurable loss on the dev sets).
  float largest = 0;
  for (float x : w) largest = std::max(largest, std::fabs(x));
  const float keep_above = largest * 0.005f;
  std::vector<std::pair<FeatureKey, std::uint32_t>> keys;  // key, dense index
  for (const auto& [hash, index] : feature_index) keys.emplace_back(hash, index);
  std::sort(keys.begin(), keys.end());
  model.intent_count_ = k;
  model.bias_ = bias;
  model.unknown_idf_ = inverse_document_frequency(n_examples, 1);
  for (const auto& [hash, index] : keys) {
    const std::size_t before = model.features_.entries.size();
    for (std::size_t i = 0; i < k; ++i) {
      const float x = w[index * k + i];
      if (std::fabs(x) >= keep_above) model.features_.entries.push_back({static_cast<std::uint32_t>(i), x});
    }
    // A feature without weights still matters to a query's length when it is
    // common; a rare one is as good as unknown.
    if (model.features_.entries.size() == before && document_frequency[index] < 2) continue;
    model.features_.keys.push_back(hash);
    model.features_.idf.push_back(idf[index]);
    model.features_.start.push_back(static_cast<std::uint32_t>(before));
  }
  model.features_.start.push_back(static_cast<std::uint32_t>(model.features_.entries.size()));
  // Round-trip through the stored form, so training and serving see the same weights.
  return from_parts(model.serialize_parts());
}

// The stored form (serialize_parts): a head of magic "FLIH", version, intent count, feature count, entry count, scale,
// unknown idf, features per block, block count, biases, then each block's
// first feature key (u64), and blocks of feature records. A feature record:
// key (u64: IntentModel::feature_key), idf (u8, in units of the unknown idf / 255), entry count (u16),
// then entries as (intent u16, or u32 when more than 65535 intents, weight i8).
// Little-endian throughout.
namespace {

constexpr char kPartsMagic[4] = {'F', 'L', 'I', 'H'};

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void u32(std::uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), 4); }
  void u64(std::uint64_t v) { out_.append(reinterpret_cast<const char*>(&v), 8); }
  void u16(std::uint16_t v) { out_.append(reinterpret_cast<const char*>(&v), 2); }
  void f32(float v) { out_.append(reinterpret_cast<const char*>(&v), 4); }
  void byte(std::uint8_t v) { out_ += static_cast<char>(v); }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool get(void* target, std::size_t size) {
    if (pos_ + size > data_.size()) return false;
    std::memcpy(target, data_.data() + pos_, size);
    pos_ += size;
    return true;
  }
  bool at_end() const { return pos_ == data_.size(); }
  std::size_t left() const { return data_.size() - pos_; }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

/// A stored model's head: what predicting needs besides the blocks.
struct Head {
  std::uint32_t intents = 0;
  std::uint32_t features = 0;  // in all blocks
  std::uint32_t per_block = 0;
  float scale = 1;
  float unknown_idf = 1;
  std::vector<float> bias;                // per intent
  std::vector<IntentModel::FeatureKey> first_keys;  // per block

  std::uint32_t features_in(std::uint32_t block) const { return std::min(per_block, features - block * per_block); }
};

/// Reads a head; false if it is empty or damaged.
bool read_head(std::string_view data, Head& head) {
  Reader in(data);
  char magic[4];
  std::uint32_t version = 0, entries = 0, blocks = 0;
  if (!in.get(magic, 4) || std::memcmp(magic, kPartsMagic, 4) != 0 || !in.get(&version, 4) ||
      version != kModelVersion || !in.get(&head.intents, 4) || !in.get(&head.features, 4) || !in.get(&entries, 4) ||
      !in.get(&head.scale, 4) || !in.get(&head.unknown_idf, 4) || !(head.unknown_idf > 0) ||
      !in.get(&head.per_block, 4) || !in.get(&blocks, 4) || head.intents == 0 || head.per_block == 0 ||
      static_cast<std::uint64_t>(head.intents) * 4 + static_cast<std::uint64_t>(blocks) * 8 != in.left() ||
      static_cast<std::uint64_t>(blocks) * head.per_block < head.features ||
      (blocks > 0 && static_cast<std::uint64_t>(blocks - 1) * head.per_block >= head.features))
    return false;
  head.bias.resize(head.intents);
  head.first_keys.resize(blocks);
  return in.get(head.bias.data(), 4 * std::size_t{head.intents}) &&
         in.get(head.first_keys.data(), 8 * std::size_t{blocks}) &&
         std::is_sorted(head.first_keys.begin(), head.first_keys.end());
}

}  // namespace

void IntentModel::write_feature_records(std::string& out, std::size_t first, std::size_t end, float scale) const {
  Writer put(out);
  const bool wide = intent_count_ > 65535;
  for (std::size_t f = first; f < end; ++f) {
    put.u64(features_.keys[f]);
    put.byte(static_cast<std::uint8_t>(std::lround(std::clamp(features_.idf[f] / unknown_idf_, 0.0f, 1.0f) * 255)));
    const std::uint32_t begin = features_.start[f], stop = features_.start[f + 1];
    put.u16(static_cast<std::uint16_t>(std::min<std::uint32_t>(stop - begin, 65535)));
    for (std::uint32_t e = begin; e < stop && e - begin < 65535; ++e) {
      if (wide) put.u32(features_.entries[e].intent);
      else put.u16(static_cast<std::uint16_t>(features_.entries[e].intent));
      put.byte(static_cast<std::uint8_t>(static_cast<std::int8_t>(std::lround(features_.entries[e].weight / scale))));
    }
  }
}

float IntentModel::weight_scale() const {
  float largest = 0;
  for (const auto& e : features_.entries) largest = std::max(largest, std::fabs(e.weight));
  return largest > 0 ? largest / 127.0f : 1.0f;
}

bool IntentModel::read_feature_records(std::string_view data, std::uint32_t count, std::uint32_t intents, float scale,
                                       float unknown_idf, Features& out) {
  Reader in(data);
  const bool wide = intents > 65535;
  out.entries.reserve(out.entries.size() + std::min<std::size_t>(data.size() / 3, std::size_t{1} << 20));
  for (std::uint32_t f = 0; f < count; ++f) {
    FeatureKey key;
    std::uint8_t idf;
    std::uint16_t entries;
    if (!in.get(&key, 8) || !in.get(&idf, 1) || !in.get(&entries, 2)) return false;
    if (!out.keys.empty() && key <= out.keys.back()) return false;  // sorted, no repeats
    out.keys.push_back(key);
    out.idf.push_back(std::max(idf, std::uint8_t{1}) * unknown_idf / 255.0f);
    out.start.push_back(static_cast<std::uint32_t>(out.entries.size()));
    for (std::uint16_t e = 0; e < entries; ++e) {
      std::uint32_t intent = 0;
      if (wide) {
        if (!in.get(&intent, 4)) return false;
      } else {
        std::uint16_t narrow;
        if (!in.get(&narrow, 2)) return false;
        intent = narrow;
      }
      std::int8_t q;
      if (!in.get(&q, 1) || intent >= intents) return false;
      out.entries.push_back({intent, q * scale});
    }
  }
  return in.at_end();
}

IntentModel::Parts IntentModel::serialize_parts() const {
  Parts parts;
  if (empty()) return parts;
  const float scale = weight_scale();
  const std::size_t n = features_.keys.size();
  const std::uint32_t blocks = static_cast<std::uint32_t>((n + kFeaturesPerBlock - 1) / kFeaturesPerBlock);
  parts.head.assign(kPartsMagic, 4);
  Writer put(parts.head);
  put.u32(kModelVersion);
  put.u32(static_cast<std::uint32_t>(intent_count_));
  put.u32(static_cast<std::uint32_t>(n));
  put.u32(static_cast<std::uint32_t>(features_.entries.size()));
  put.f32(scale);
  put.f32(unknown_idf_);
  put.u32(kFeaturesPerBlock);
  put.u32(blocks);
  for (float b : bias_) put.f32(b);
  for (std::uint32_t b = 0; b < blocks; ++b) put.u64(features_.keys[b * kFeaturesPerBlock]);
  for (std::uint32_t b = 0; b < blocks; ++b) {
    parts.blocks.emplace_back();
    write_feature_records(parts.blocks.back(), b * kFeaturesPerBlock,
                          std::min<std::size_t>(n, (b + 1) * std::size_t{kFeaturesPerBlock}), scale);
  }
  return parts;
}

IntentModel IntentModel::from_parts(const Parts& parts) {
  IntentModel model;
  Head head;
  if (!read_head(parts.head, head) || parts.blocks.size() != head.first_keys.size()) return model;
  for (std::uint32_t b = 0; b < parts.blocks.size(); ++b)
    if (!read_feature_records(parts.blocks[b], head.features_in(b), head.intents, head.scale, head.unknown_idf,
                              model.features_))
      return IntentModel();
  model.features_.start.push_back(static_cast<std::uint32_t>(model.features_.entries.size()));
  model.intent_count_ = head.intents;
  model.bias_ = std::move(head.bias);
  model.unknown_idf_ = head.unknown_idf;
  return model;
}

namespace {

/// Softmax of the linear scores; `find(feature)` gives a feature's idf and
/// its weights, or false for a feature the model does not have. As in
/// training: idf values scaled to unit length, unknown features counting
/// towards the length (a query of mostly unknown words is a weak match).
template <typename Find>
std::vector<double> predict_with(const std::vector<float>& bias, float unknown_idf,
                                 const std::vector<IntentModel::FeatureKey>& features, Find&& find) {
  std::vector<double> scores(bias.begin(), bias.end());
  std::vector<typename std::invoke_result_t<Find, IntentModel::FeatureKey>> found;
  double norm = 0;
  for (const auto f : features) {
    auto hit = find(f);
    const float idf = hit ? hit->idf : unknown_idf;
    norm += static_cast<double>(idf) * idf;
    if (hit) found.push_back(std::move(hit));
  }
  if (norm > 0) {
    const double scale = 1.0 / std::sqrt(norm);
    for (const auto& hit : found)
      for (auto e = hit->begin; e != hit->end; ++e) scores[e->intent] += e->weight * hit->idf * scale;
  }
  const double top = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (auto& s : scores) sum += s = std::exp(s - top);
  for (auto& s : scores) s /= sum;
  return scores;
}

}  // namespace

std::optional<IntentModel::Found> IntentModel::find_in(const Features& table, FeatureKey feature) {
  const auto it = std::lower_bound(table.keys.begin(), table.keys.end(), feature);
  if (it == table.keys.end() || *it != feature) return std::nullopt;
  const std::size_t index = static_cast<std::size_t>(it - table.keys.begin());
  return Found{table.idf[index], table.entries.data() + table.start[index], table.entries.data() + table.start[index + 1]};
}

std::vector<double> IntentModel::predict(std::string_view folded_text,
                                         const std::vector<std::string>& synonym_terms) const {
  if (empty()) return std::vector<double>(bias_.begin(), bias_.end());
  return predict_with(bias_, unknown_idf_, features(folded_text, synonym_terms),
                      [&](FeatureKey f) { return find_in(features_, f); });
}

// --- StoredIntentModel ------------------------------------------------------

struct StoredIntentModel::State {
  Head head;
  BlockReader read_block;
  BoundedCache<std::uint32_t, IntentModel::Features> blocks{kCachedBlocks};
  static constexpr std::size_t kCachedBlocks = 256;
};

StoredIntentModel::StoredIntentModel(std::string_view head, BlockReader read_block) {
  auto state = std::make_shared<State>();
  if (!read_head(head, state->head)) return;
  state->read_block = std::move(read_block);
  state_ = std::move(state);
}

std::size_t StoredIntentModel::intent_count() const noexcept { return state_ ? state_->head.intents : 0; }

std::vector<double> StoredIntentModel::predict(std::string_view folded_text,
                                               const std::vector<std::string>& synonym_terms) const {
  if (!state_) return {};
  State& state = *state_;
  const Head& head = state.head;
  // The blocks a query's features fall in, each read once (kept while used).
  std::vector<std::pair<std::uint32_t, std::shared_ptr<const IntentModel::Features>>> held;
  auto block = [&](std::uint32_t n) {
    for (const auto& [number, features] : held)
      if (number == n) return features;
    auto features = state.blocks.get(n, [&] {
      IntentModel::Features out;
      const std::uint64_t misses = by_need::misses();
      const std::string stored = state.read_block(n);
      if (by_need::misses() != misses) return out;  // a probe's miss (firstline/read_probe.h): not kept
      if (!IntentModel::read_feature_records(stored, head.features_in(n), head.intents, head.scale, head.unknown_idf,
                                             out))
        throw Error(ErrorCode::index_corrupt, "the intent model's block " + std::to_string(n) + " is damaged");
      out.start.push_back(static_cast<std::uint32_t>(out.entries.size()));
      return out;
    });
    held.emplace_back(n, features);
    return features;
  };
  return predict_with(head.bias, head.unknown_idf, IntentModel::features(folded_text, synonym_terms),
                      [&](IntentModel::FeatureKey f) -> std::optional<IntentModel::Found> {
                        const auto after = std::upper_bound(head.first_keys.begin(), head.first_keys.end(), f);
                        if (after == head.first_keys.begin()) return std::nullopt;
                        const auto n = static_cast<std::uint32_t>(after - head.first_keys.begin() - 1);
                        return IntentModel::find_in(*block(n), f);
                      });
}

}  // namespace firstline
