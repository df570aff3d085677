// Accepted customer wordings (the desk's suggestions, desk/README.md) written
// into intents.yaml as example questions, by a minimal text edit: each
// wording becomes one new line at the end of its intent's `examples:` list
// for its locale (the locale's key, or `examples:` itself, added when
// missing); comments, order and formatting stay as they were, so the change
// reviews as just the added lines (a one-line flow list, "en: [a, b]",
// gains ", c" before its "]"). A wording is written plain when YAML reads
// it back as the same text, else double-quoted. The result is parsed again
// and checked to hold every added wording before anything is written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace firstline::indexer {

struct AcceptedWording {
  std::int64_t id = 0;  ///< the desk's suggestion id
  std::string intent, locale, wording;
};

struct WordingOutcome {
  enum class Kind {
    added,           ///< a new line in intents.yaml
    already_there,   ///< the intent has this example already (firstline::wording_key), in any locale
    unknown_intent,  ///< no such intent in intents.yaml: left alone
    not_editable,    ///< the intent's examples are written in a flow style ({...} or [...]) this edit does not touch
  };
  AcceptedWording wording;
  Kind kind = Kind::added;
  int line = 0;  ///< added: the 1-based line it went to in the new text
};

struct IntentsEdit {
  std::string text;  ///< the new intents.yaml
  std::vector<WordingOutcome> outcomes;  ///< one per wording, in the order given
};

/// Adds `wordings` to the intents.yaml text `yaml`. Throws std::runtime_error
/// (with the reason) if the text is not YAML or the edit would not read back.
IntentsEdit add_examples(const std::string& yaml, const std::vector<AcceptedWording>& wordings);

/// A wording as a YAML scalar for a "- item" line: plain if YAML reads it back as the same text, else double-quoted.
std::string yaml_list_scalar(const std::string& wording);
/// The same inside a one-line flow list ("[a, b]"), where , [ ] { } need quotes too.
std::string yaml_flow_scalar(const std::string& wording);

}  // namespace firstline::indexer
