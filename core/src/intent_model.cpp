#include "firstline/intent_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>
#include <unordered_map>

#include <xapian.h>

#include "firstline/text.h"

namespace firstline {

namespace {

constexpr char kMagic[4] = {'F', 'L', 'I', 'M'};
constexpr std::uint32_t kModelVersion = 2;

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

std::vector<std::uint32_t> IntentModel::features(std::string_view text, const std::vector<std::string>& synonym_terms) {
  static thread_local Xapian::Stem stemmer("english");
  std::vector<std::uint32_t> out;
  std::vector<std::string> stems;
  std::vector<std::string> cjk;  // consecutive CJK characters of the current run
  auto flush_cjk = [&] {
    for (std::size_t i = 0; i < cjk.size(); ++i) {
      out.push_back(fnv1a("c1" + cjk[i]));
      if (i + 1 < cjk.size()) out.push_back(fnv1a("c2" + cjk[i] + cjk[i + 1]));
      if (i + 2 < cjk.size()) out.push_back(fnv1a("c3" + cjk[i] + cjk[i + 1] + cjk[i + 2]));
    }
    cjk.clear();
  };
  std::string word;
  auto flush_word = [&] {
    if (word.empty()) return;
    const std::string stem = stemmer(word);
    stems.push_back(stem);
    out.push_back(fnv1a("w" + stem));
    const std::string marked = "^" + word + "$";
    if (word.size() >= 3)
      for (std::size_t i = 0; i + 3 <= marked.size(); ++i) out.push_back(fnv1a("g" + marked.substr(i, 3)));
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
  for (std::size_t i = 0; i + 1 < stems.size(); ++i) out.push_back(fnv1a("b" + stems[i] + " " + stems[i + 1]));
  for (std::size_t i = 0; i + 2 < stems.size(); ++i) out.push_back(fnv1a("s" + stems[i] + " " + stems[i + 2]));
  for (const auto& term : synonym_terms) out.push_back(fnv1a("y" + term));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

IntentModel IntentModel::train(const std::vector<Example>& examples, std::size_t intent_count,
                               const TrainingOptions& options) {
  IntentModel model;
  if (intent_count < 2 || examples.empty()) return model;

  // Dense weights over the features seen in training.
  std::vector<std::vector<std::uint32_t>> example_features(examples.size());
  std::unordered_map<std::uint32_t, std::uint32_t> feature_index;
  for (std::size_t e = 0; e < examples.size(); ++e) {
    example_features[e] = features(examples[e].folded_text, examples[e].synonym_terms);
    for (auto& f : example_features[e]) {
      const auto [it, inserted] = feature_index.emplace(f, static_cast<std::uint32_t>(feature_index.size()));
      f = it->second;  // from here on: the dense index
    }
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
  std::vector<std::pair<std::uint32_t, std::uint32_t>> keys;  // hash, dense index
  for (const auto& [hash, index] : feature_index) keys.emplace_back(hash, index);
  std::sort(keys.begin(), keys.end());
  model.intent_count_ = k;
  model.bias_ = bias;
  model.unknown_idf_ = inverse_document_frequency(n_examples, 1);
  for (const auto& [hash, index] : keys) {
    const std::size_t before = model.entries_.size();
    for (std::size_t i = 0; i < k; ++i) {
      const float x = w[index * k + i];
      if (std::fabs(x) >= keep_above) model.entries_.push_back({static_cast<std::uint32_t>(i), x});
    }
    // A feature without weights still matters to a query's length when it is
    // common; a rare one is as good as unknown.
    if (model.entries_.size() == before && document_frequency[index] < 2) continue;
    model.feature_keys_.push_back(hash);
    model.feature_idf_.push_back(idf[index]);
    model.feature_start_.push_back(static_cast<std::uint32_t>(before));
  }
  model.feature_start_.push_back(static_cast<std::uint32_t>(model.entries_.size()));
  // Round-trip through the stored form, so training and serving see the same weights.
  return deserialize(model.serialize());
}

// Layout: magic, version, intent count, feature count, entry count, weight scale (float),
// idf of an unknown feature (float), biases (float each), then per feature: key (u32),
// idf (u8, in units of the unknown idf / 255), entry count (u16), then entries as
// (intent u16 or u32 when more than 65535 intents, weight i8).
std::string IntentModel::serialize() const {
  if (empty()) return "";
  std::string out(kMagic, 4);
  auto put32 = [&](std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); };
  auto put16 = [&](std::uint16_t v) { out.append(reinterpret_cast<const char*>(&v), 2); };
  float largest = 0;
  for (const auto& e : entries_) largest = std::max(largest, std::fabs(e.weight));
  const float scale = largest > 0 ? largest / 127.0f : 1.0f;
  put32(kModelVersion);
  put32(static_cast<std::uint32_t>(intent_count_));
  put32(static_cast<std::uint32_t>(feature_keys_.size()));
  put32(static_cast<std::uint32_t>(entries_.size()));
  out.append(reinterpret_cast<const char*>(&scale), 4);
  out.append(reinterpret_cast<const char*>(&unknown_idf_), 4);
  for (float b : bias_) out.append(reinterpret_cast<const char*>(&b), 4);
  const bool wide = intent_count_ > 65535;
  for (std::size_t f = 0; f < feature_keys_.size(); ++f) {
    put32(feature_keys_[f]);
    out += static_cast<char>(static_cast<std::uint8_t>(std::lround(std::clamp(feature_idf_[f] / unknown_idf_, 0.0f, 1.0f) * 255)));
    const std::uint32_t begin = feature_start_[f], end = feature_start_[f + 1];
    put16(static_cast<std::uint16_t>(std::min<std::uint32_t>(end - begin, 65535)));
    for (std::uint32_t e = begin; e < end && e - begin < 65535; ++e) {
      if (wide) put32(entries_[e].intent);
      else put16(static_cast<std::uint16_t>(entries_[e].intent));
      out += static_cast<char>(static_cast<std::int8_t>(std::lround(entries_[e].weight / scale)));
    }
  }
  return out;
}

IntentModel IntentModel::deserialize(std::string_view data) {
  IntentModel model;
  std::size_t pos = 0;
  auto get = [&](void* target, std::size_t size) {
    if (pos + size > data.size()) return false;
    std::memcpy(target, data.data() + pos, size);
    pos += size;
    return true;
  };
  char magic[4];
  std::uint32_t version = 0, intents = 0, n_features = 0, n_entries = 0;
  float scale = 1, unknown_idf = 1;
  if (!get(magic, 4) || std::memcmp(magic, kMagic, 4) != 0 || !get(&version, 4) || version != kModelVersion ||
      !get(&intents, 4) || !get(&n_features, 4) || !get(&n_entries, 4) || !get(&scale, 4) || !get(&unknown_idf, 4) ||
      !(unknown_idf > 0))
    return IntentModel();
  model.unknown_idf_ = unknown_idf;
  if (intents == 0 || static_cast<std::uint64_t>(intents) * 4 > data.size()) return IntentModel();
  model.bias_.resize(intents);
  if (!get(model.bias_.data(), 4 * intents)) return IntentModel();
  const bool wide = intents > 65535;
  model.feature_keys_.reserve(n_features);
  model.entries_.reserve(std::min<std::size_t>(n_entries, data.size()));
  for (std::uint32_t f = 0; f < n_features; ++f) {
    std::uint32_t key;
    std::uint8_t idf;
    std::uint16_t count;
    if (!get(&key, 4) || !get(&idf, 1) || !get(&count, 2)) return IntentModel();
    model.feature_keys_.push_back(key);
    model.feature_idf_.push_back(std::max(idf, std::uint8_t{1}) * unknown_idf / 255.0f);
    model.feature_start_.push_back(static_cast<std::uint32_t>(model.entries_.size()));
    for (std::uint16_t e = 0; e < count; ++e) {
      std::uint32_t intent = 0;
      if (wide) {
        if (!get(&intent, 4)) return IntentModel();
      } else {
        std::uint16_t narrow;
        if (!get(&narrow, 2)) return IntentModel();
        intent = narrow;
      }
      std::int8_t q;
      if (!get(&q, 1) || intent >= intents) return IntentModel();
      model.entries_.push_back({intent, q * scale});
    }
  }
  model.feature_start_.push_back(static_cast<std::uint32_t>(model.entries_.size()));
  if (!std::is_sorted(model.feature_keys_.begin(), model.feature_keys_.end())) return IntentModel();
  model.intent_count_ = intents;
  return model;
}

std::vector<double> IntentModel::predict(std::string_view folded_text,
                                         const std::vector<std::string>& synonym_terms) const {
  std::vector<double> scores(bias_.begin(), bias_.end());
  if (empty()) return scores;
  // As in training: idf values scaled to unit length, unknown features counting
  // towards the length (a query of mostly unknown words is a weak match).
  std::vector<std::pair<std::size_t, float>> known;  // feature index, idf
  double norm = 0;
  for (const auto f : features(folded_text, synonym_terms)) {
    const auto it = std::lower_bound(feature_keys_.begin(), feature_keys_.end(), f);
    const bool found = it != feature_keys_.end() && *it == f;
    const std::size_t index = static_cast<std::size_t>(it - feature_keys_.begin());
    const float idf = found ? feature_idf_[index] : unknown_idf_;
    norm += static_cast<double>(idf) * idf;
    if (found) known.emplace_back(index, idf);
  }
  if (norm > 0) {
    const double scale = 1.0 / std::sqrt(norm);
    for (const auto& [index, idf] : known)
      for (std::uint32_t e = feature_start_[index]; e < feature_start_[index + 1]; ++e)
        scores[entries_[e].intent] += entries_[e].weight * idf * scale;
  }
  const double top = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (auto& s : scores) sum += s = std::exp(s - top);
  for (auto& s : scores) s /= sum;
  return scores;
}

}  // namespace firstline
