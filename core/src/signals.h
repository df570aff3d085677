// Signals read from the customer's words: requests for a person, urgency and
// emotion (per-language word lists from escalation.yaml, with negation), and
// personal data to mask before anything is handed over.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "firstline/text.h"

namespace firstline {

/// Word lists of one kind, per language, already folded; English entries
/// are split into words once, here, not on every query.
struct Lexicon {
  std::vector<std::string> zh;
  std::vector<std::vector<std::string>> en;
};

struct Signals {
  std::vector<std::string> human_request;  ///< matched words, empty = none
  std::vector<std::string> urgent;
  std::vector<std::string> emotion;
};

class SignalDetector {
 public:
  SignalDetector() = default;
  /// Reads the `lexicons` section of escalation.yaml (as JSON), folding every word.
  SignalDetector(const nlohmann::json& lexicons, const TextFolder& folder);

  /// The signals in folded text. A word preceded by a negation within the
  /// window ("不紧急", "not urgent") does not count. A word of
  /// `human_request_alone` ("人工", "agent") asks for a person only as the
  /// whole message: punctuation, repeats ("人工人工") and a polite word aside.
  Signals detect(const std::string& folded) const;

 private:
  std::vector<std::string> matches(const std::string& folded, const std::vector<std::string>& words_of_text,
                                   const Lexicon& lexicon) const;
  /// The `human_request_alone` word the whole of folded text is, or "".
  std::string whole_message_request(const std::string& folded, const std::vector<std::string>& words_of_text) const;
  Lexicon human_request_, human_request_alone_, urgent_, emotion_, negation_;
  std::size_t zh_window_ = 3, en_window_ = 3;
};

}  // namespace firstline
