// The Traditional→Simplified table, derived once per build from OpenCC and
// stored in the index, so the query core (also in the browser) folds queries
// exactly as the indexer folded the content, without OpenCC of its own.
#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>
#include <opencc/opencc.h>

#include <cstdio>

#include <set>
#include <stdexcept>
#include <vector>
#include <string>

#include "index_writer.h"

namespace firstline::indexer {

namespace {
constexpr const char* kOpenccDataDir = "/usr/share/opencc";  // Debian's opencc-data
}  // namespace

TextFolder make_chinese_folder() {
  // t2s covers the standard forms; tw2s and hk2s add regional variant characters.
  const char* configs[] = {"t2s.json", "tw2s.json", "hk2s.json"};
  opencc_t converters[3];
  for (int i = 0; i < 3; ++i) {
    converters[i] = opencc_open(configs[i]);
    if (converters[i] == reinterpret_cast<opencc_t>(-1)) {
      for (int j = 0; j < i; ++j) opencc_close(converters[j]);
      throw std::runtime_error(std::string("cannot load OpenCC's ") + configs[i] +
                               " (is Debian's opencc package installed?): " + opencc_error());
    }
  }
  const auto convert_one = [&](char32_t cp) -> char32_t {
    std::string in;
    append_utf8(in, cp);
    for (auto converter : converters) {
      char* out = opencc_convert_utf8(converter, in.data(), in.size());
      if (!out) continue;
      std::string result(out);
      opencc_convert_utf8_free(out);
      std::size_t pos = 0;
      if (result.empty()) continue;
      const char32_t simplified = decode_utf8(result, pos);
      if (pos == result.size() && simplified != cp) return simplified;
    }
    return cp;
  };
  std::vector<std::pair<char32_t, char32_t>> pairs;
  std::set<char32_t> simplified_forms;
  for (const auto& [first, last] : {std::pair<char32_t, char32_t>{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}}) {
    for (char32_t cp = first; cp <= last; ++cp) {
      const char32_t simplified = convert_one(cp);
      if (simplified != cp) {
        pairs.emplace_back(cp, simplified);
        simplified_forms.insert(simplified);
      }
    }
  }
  for (auto converter : converters) opencc_close(converter);
  // A character that is itself the Simplified form of another stays as it is:
  // t2s maps 么 to 幺 (right for Traditional text, wrong for Simplified 怎么).
  TextFolder folder;
  for (const auto& [traditional, simplified] : pairs)
    if (!simplified_forms.count(traditional)) folder.add_mapping(traditional, simplified);

  // Taiwan's own words for things (軟體, 簡訊, 帳號...) → the mainland ones,
  // from the dictionary OpenCC's tw2sp conversion uses.
  const std::string phrases_path = std::string(kOpenccDataDir) + "/TWPhrasesRev.ocd2";
  std::FILE* file = std::fopen(phrases_path.c_str(), "rb");
  if (!file) throw std::runtime_error("cannot read OpenCC's " + phrases_path + " (is Debian's opencc package installed?)");
  try {
    const auto dictionary = opencc::MarisaDict::NewFromFile(file);
    std::fclose(file);
    file = nullptr;
    for (const auto& entry : *dictionary->GetLexicon()) folder.add_phrase(entry->Key(), entry->GetDefault());
  } catch (const std::exception& error) {
    if (file) std::fclose(file);
    throw std::runtime_error("cannot read OpenCC's " + phrases_path + ": " + error.what());
  }
  return folder;
}

}  // namespace firstline::indexer
