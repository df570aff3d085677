// Signals read from the customer's words: requests for a person, urgency,
// emotion and small talk (per-language word lists from escalation.yaml's
// lexicons, with negation). Not part of the public API.
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
  /// The whole message is small talk: only a greeting ("你好", "在吗",
  /// "hello") or only thanks ("谢谢", "thanks"), as `greeting` and `thanks` list them.
  enum class SmallTalk { none, greeting, thanks };
  SmallTalk small_talk = SmallTalk::none;
};

class SignalDetector {
 public:
  SignalDetector() = default;
  /// Reads the `lexicons` section of escalation.yaml (as JSON), folding every word.
  SignalDetector(const nlohmann::json& lexicons, const TextFolder& folder);

  /// The signals in folded text. A word preceded by a negation within the
  /// window ("不紧急", "not urgent") does not count. The words of
  /// `human_request_alone` ("人工", "agent"), `greeting` and `thanks` count
  /// only as the whole message, which may string several together ("你好，
  /// 人工", "人工人工", "hi, thanks") around punctuation and polite particles.
  /// Emotion is read as people write it: a word stretched by repeated
  /// characters ("气死死死了", "太太太差", "soooo angry", "terrrrible") counts as
  /// the word, and three or more exclamation marks in a row ("！！！") around
  /// words are a raised voice by themselves.
  Signals detect(const std::string& folded) const;

 private:
  std::vector<std::string> matches(const std::string& folded, const std::vector<std::string>& words_of_text,
                                   const Lexicon& lexicon) const;
  /// What the whole message is made of, if it is made only of words of the
  /// whole-message lexicons: sets `request` to a `human_request_alone` word it holds.
  void read_whole_message(const std::string& folded, const std::vector<std::string>& words_of_text,
                          std::string& request, Signals::SmallTalk& small_talk) const;
  Lexicon human_request_, human_request_alone_, urgent_, emotion_, negation_;
  std::size_t zh_window_ = 3, en_window_ = 3;
  /// The words a whole message may be made of, each with its kind (see
  /// read_whole_message): Chinese ones as bare as a message is read, English
  /// ones as word sequences. Built once, with the lexicons.
  enum WholeMessageKind : unsigned { kRequest, kGreeting, kThanks, kPolite };
  std::vector<std::pair<std::string, unsigned>> zh_whole_message_units_;
  std::vector<std::pair<std::vector<std::string>, unsigned>> en_whole_message_units_;
};

}  // namespace firstline
