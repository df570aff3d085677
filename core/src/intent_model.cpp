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
#include "firstline/anchors.h"
#include "firstline/error.h"
#include "firstline/packed.h"
#include "firstline/text.h"

namespace firstline {

namespace {

constexpr std::uint32_t kModelVersion = 4;  // 3: feature keys grouped by anchor (feature_key); 4: an entry per feature, word copies

std::uint32_t fnv1a(std::string_view text) { return anchors::hash(text); }

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
  return analyse(text, synonym_terms).keys;
}

IntentModel::Analysis IntentModel::analyse(std::string_view text, const std::vector<std::string>& synonym_terms) {
  static thread_local Xapian::Stem stemmer("english");
  Analysis analysis;
  std::vector<FeatureKey>& out = analysis.keys;
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
    if (word.size() >= 3) {
      GramWord gram_word{word, stem, {}};
      for (std::size_t i = 0; i + 3 <= marked.size(); ++i) {
        // A 3-gram is shared by every word that has it (a typo keeps most of
        // a word's): its own anchor, not the word's.
        const std::string gram = "g" + marked.substr(i, 3);
        add(gram, gram);
        gram_word.grams.push_back(out.back());
      }
      analysis.words.push_back(std::move(gram_word));
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
  return analysis;
}

IntentModel IntentModel::train(const std::vector<Example>& examples, std::size_t intent_count,
                               const TrainingOptions& options) {
  IntentModel model;
  if (intent_count < 2 || examples.empty()) return model;

  // Dense weights over the features seen in training.
  std::vector<std::vector<std::uint32_t>> example_features(examples.size());
  std::unordered_map<FeatureKey, std::uint32_t> feature_index;
  std::vector<std::string> words;  // with 3-grams: the stored model files a copy of them beside each word's stem
  for (std::size_t e = 0; e < examples.size(); ++e) {
    Analysis analysis = analyse(examples[e].folded_text, examples[e].synonym_terms);
    for (const FeatureKey f : analysis.keys) {
      const auto [it, inserted] = feature_index.emplace(f, static_cast<std::uint32_t>(feature_index.size()));
      example_features[e].push_back(it->second);  // the dense index
    }
    for (auto& w : analysis.words) words.push_back(std::move(w.word));
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
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
  model.words_ = std::move(words);
  // Round-trip through the stored form, so training and serving see the same weights.
  return from_parts(model.serialize_parts());
}

// The stored form (serialize_parts). The head: magic "FLIH", version, intent
// count, feature count, entry count, scale, unknown idf (u32 and f32,
// little-endian), then a bias per intent (f32). A feature's value: its idf
// (u8, in units of the unknown idf / 255), varint(weight count), then per
// weight varint(intent - the previous weight's intent; the first: the
// intent) and the weight (i8, in units of the scale). A word's copy: varint(word
// bytes), the word, varint(count), then per 3-gram its key (8 bytes, big-endian)
// and its feature value.
namespace {

constexpr char kPartsMagic[4] = {'F', 'L', 'I', 'H'};

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void u32(std::uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), 4); }
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
  std::size_t left() const { return data_.size() - pos_; }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

void put_be(std::string& out, std::uint64_t value, int bytes) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xff);
}

std::uint64_t get_be(std::string_view bytes) {
  std::uint64_t value = 0;
  for (const unsigned char c : bytes) value = (value << 8) | c;
  return value;
}

/// A stored model's head: what predicting needs besides the entries.
struct Head {
  std::uint32_t intents = 0;
  std::uint32_t features = 0;
  float scale = 1;
  float unknown_idf = 1;
  std::vector<float> bias;  // per intent
};

/// Reads a head; false if it is empty or damaged.
bool read_head(std::string_view data, Head& head) {
  Reader in(data);
  char magic[4];
  std::uint32_t version = 0, entries = 0;
  if (!in.get(magic, 4) || std::memcmp(magic, kPartsMagic, 4) != 0 || !in.get(&version, 4) ||
      version != kModelVersion || !in.get(&head.intents, 4) || !in.get(&head.features, 4) || !in.get(&entries, 4) ||
      !in.get(&head.scale, 4) || !in.get(&head.unknown_idf, 4) || !(head.unknown_idf > 0) || head.intents == 0 ||
      static_cast<std::uint64_t>(head.intents) * 4 != in.left())
    return false;
  head.bias.resize(head.intents);
  return in.get(head.bias.data(), 4 * std::size_t{head.intents});
}

}  // namespace

std::string IntentModel::stored_feature_key(FeatureKey feature) {
  return anchors::key(static_cast<std::uint32_t>(feature >> 32), anchors::kModelFeature,
                      anchors::be32(static_cast<std::uint32_t>(feature)));
}

std::string IntentModel::stored_word_key(const GramWord& word) {
  return anchors::key(anchors::hash(word.stem), anchors::kModelWord, anchors::be32(fnv1a(word.word)));  // beside the stem's own entries
}

void IntentModel::write_feature(std::string& out, std::size_t f, float scale) const {
  out += static_cast<char>(std::lround(std::clamp(features_.idf[f] / unknown_idf_, 0.0f, 1.0f) * 255));
  const std::uint32_t begin = features_.start[f], stop = features_.start[f + 1];
  packed::put_varint(out, stop - begin);
  std::uint32_t previous = 0;
  for (std::uint32_t e = begin; e < stop; ++e) {
    packed::put_varint(out, features_.entries[e].intent - previous);  // ascending: training adds them in intent order
    previous = features_.entries[e].intent;
    out += static_cast<char>(static_cast<std::int8_t>(std::lround(features_.entries[e].weight / scale)));
  }
}

float IntentModel::weight_scale() const {
  float largest = 0;
  for (const auto& e : features_.entries) largest = std::max(largest, std::fabs(e.weight));
  return largest > 0 ? largest / 127.0f : 1.0f;
}

bool IntentModel::read_feature(std::string_view& in, FeatureKey key, std::uint32_t intents, float scale,
                               float unknown_idf, Features& out) {
  std::uint64_t count, delta;
  if (in.empty()) return false;
  const auto idf = static_cast<std::uint8_t>(in.front());
  in.remove_prefix(1);
  if (!packed::get_varint(in, count) || count > intents) return false;
  if (!out.keys.empty() && key <= out.keys.back()) return false;  // sorted, no repeats
  out.keys.push_back(key);
  out.idf.push_back(std::max(idf, std::uint8_t{1}) * unknown_idf / 255.0f);
  out.start.push_back(static_cast<std::uint32_t>(out.entries.size()));
  std::uint64_t intent = 0;
  for (std::uint64_t e = 0; e < count; ++e) {
    if (!packed::get_varint(in, delta) || in.empty()) return false;
    intent += delta;
    if (intent >= intents || (e > 0 && delta == 0)) return false;
    const auto q = static_cast<std::int8_t>(in.front());
    in.remove_prefix(1);
    out.entries.push_back({static_cast<std::uint32_t>(intent), q * scale});
  }
  return true;
}

IntentModel::Parts IntentModel::serialize_parts() const {
  Parts parts;
  if (empty()) return parts;
  const float scale = weight_scale();
  const std::size_t n = features_.keys.size();
  parts.head.assign(kPartsMagic, 4);
  Writer put(parts.head);
  put.u32(kModelVersion);
  put.u32(static_cast<std::uint32_t>(intent_count_));
  put.u32(static_cast<std::uint32_t>(n));
  put.u32(static_cast<std::uint32_t>(features_.entries.size()));
  put.f32(scale);
  put.f32(unknown_idf_);
  for (float b : bias_) put.f32(b);
  parts.entries.reserve(n + words_.size());
  for (std::size_t f = 0; f < n; ++f) {
    parts.entries.emplace_back(stored_feature_key(features_.keys[f]), std::string());
    write_feature(parts.entries.back().second, f, scale);
  }
  for (const auto& text : words_) {
    const Analysis analysis = analyse(text);
    if (analysis.words.size() != 1 || analysis.words.front().word != text) continue;  // not one word (never: words_ are)
    const GramWord& word = analysis.words.front();
    std::vector<FeatureKey> grams = word.grams;
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
    std::string value;
    packed::put_varint(value, word.word.size());
    value += word.word;
    std::string records;
    std::size_t count = 0;
    for (const FeatureKey gram : grams) {
      const auto it = std::lower_bound(features_.keys.begin(), features_.keys.end(), gram);
      if (it == features_.keys.end() || *it != gram) continue;  // not in the model: as unknown
      put_be(records, gram, 8);
      write_feature(records, static_cast<std::size_t>(it - features_.keys.begin()), scale);
      ++count;
    }
    packed::put_varint(value, count);
    value += records;
    parts.entries.emplace_back(stored_word_key(word), std::move(value));
  }
  std::sort(parts.entries.begin(), parts.entries.end());
  // Two words of one stem whose hashes clash would share a key: the first keeps it.
  parts.entries.erase(std::unique(parts.entries.begin(), parts.entries.end(),
                                  [](const auto& a, const auto& b) { return a.first == b.first; }),
                      parts.entries.end());
  return parts;
}

IntentModel IntentModel::from_parts(const Parts& parts) {
  IntentModel model;
  Head head;
  if (!read_head(parts.head, head)) return model;
  for (const auto& [key, value] : parts.entries) {
    std::string_view in(value);
    if (key.size() != 9) return IntentModel();
    if (key[4] == anchors::kModelFeature) {
      const FeatureKey feature = (get_be(std::string_view(key).substr(0, 4)) << 32) | get_be(std::string_view(key).substr(5));
      if (!read_feature(in, feature, head.intents, head.scale, head.unknown_idf, model.features_) || !in.empty())
        return IntentModel();
    } else if (key[4] == anchors::kModelWord) {
      std::string_view word;
      if (!packed::get_text(in, word)) return IntentModel();
      model.words_.emplace_back(word);
    } else {
      return IntentModel();
    }
  }
  if (model.features_.keys.size() != head.features) return IntentModel();
  std::sort(model.words_.begin(), model.words_.end());
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
  /// A word's copy of its 3-grams' entries, as read back.
  struct WordCopy {
    bool stored = false;  ///< false: the index has no copy for the word (never in the examples)
    std::string word;
    IntentModel::Features grams;  // sorted, as Features are
  };
  Head head;
  EntryReader read_entry;
  BoundedCache<IntentModel::FeatureKey, IntentModel::Features> features{kCachedFeatures};  // one feature each, or none
  BoundedCache<std::string, WordCopy> words{kCachedWords};
  static constexpr std::size_t kCachedFeatures = 4096;
  static constexpr std::size_t kCachedWords = 1024;
};

StoredIntentModel::StoredIntentModel(std::string_view head, EntryReader read_entry) {
  auto state = std::make_shared<State>();
  if (!read_head(head, state->head)) return;
  state->read_entry = std::move(read_entry);
  state_ = std::move(state);
}

std::size_t StoredIntentModel::intent_count() const noexcept { return state_ ? state_->head.intents : 0; }

std::vector<double> StoredIntentModel::predict(std::string_view folded_text,
                                               const std::vector<std::string>& synonym_terms) const {
  if (!state_) return {};
  State& state = *state_;
  const Head& head = state.head;
  auto damaged = [](const std::string& what) {
    return Error(ErrorCode::index_corrupt, "the intent model's entry for " + what + " is damaged");
  };
  const IntentModel::Analysis analysis = IntentModel::analyse(folded_text, synonym_terms);
  // Each feature's entry, or null for one the model lacks: a known word's
  // 3-grams from its copy, the rest one lookup each (a word's own features
  // sit together, so most lookups land in a leaf already read).
  std::vector<std::pair<IntentModel::FeatureKey, std::shared_ptr<const IntentModel::Features>>> found;  // a query's few dozen
  auto found_at = [&](IntentModel::FeatureKey key) {
    return std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.first == key; });
  };
  for (const auto& word : analysis.words) {
    const std::uint64_t misses = by_need::misses();
    const auto copy = state.words.get(IntentModel::stored_word_key(word), [&] {
      State::WordCopy out;
      const std::string stored = state.read_entry(IntentModel::stored_word_key(word));
      if (stored.empty()) return out;
      std::string_view in(stored);
      std::string_view word;
      std::uint64_t count;
      if (!packed::get_text(in, word)) throw damaged("a word");
      out.stored = true;
      out.word = std::string(word);
      if (!packed::get_varint(in, count)) throw damaged("a word");
      for (std::uint64_t i = 0; i < count; ++i) {
        if (in.size() < 8) throw damaged("a word");
        const IntentModel::FeatureKey key = get_be(in.substr(0, 8));
        in.remove_prefix(8);
        if (!IntentModel::read_feature(in, key, head.intents, head.scale, head.unknown_idf, out.grams))
          throw damaged("a word");
      }
      if (!in.empty()) throw damaged("a word");
      out.grams.start.push_back(static_cast<std::uint32_t>(out.grams.entries.size()));
      return out;
    });
    // A probe that missed the copy looks nothing more up for the word: its
    // result is thrown away, and its 3-grams' own entries are likely not needed.
    const bool missed = by_need::misses() != misses;
    if (!missed && (!copy->stored || copy->word != word.word)) continue;  // not a word of the examples
    for (const auto gram : word.grams) {
      if (found_at(gram) != found.end()) continue;
      if (missed || !IntentModel::find_in(copy->grams, gram)) {
        found.emplace_back(gram, nullptr);
      } else {
        found.emplace_back(gram, std::shared_ptr<const IntentModel::Features>(copy, &copy->grams));
      }
    }
  }
  for (const auto key : analysis.keys) {
    if (found_at(key) != found.end()) continue;
    found.emplace_back(key, state.features.get(key, [&] {
      IntentModel::Features out;
      const std::string stored = state.read_entry(IntentModel::stored_feature_key(key));
      if (stored.empty()) return out;
      std::string_view in(stored);
      if (!IntentModel::read_feature(in, key, head.intents, head.scale, head.unknown_idf, out) || !in.empty())
        throw damaged("a feature");
      out.start.push_back(static_cast<std::uint32_t>(out.entries.size()));
      return out;
    }));
  }
  return predict_with(head.bias, head.unknown_idf, analysis.keys,
                      [&](IntentModel::FeatureKey f) -> std::optional<IntentModel::Found> {
                        const auto it = found_at(f);
                        if (it == found.end() || !it->second) return std::nullopt;
                        return IntentModel::find_in(*it->second, f);
                      });
}

}  // namespace firstline
