// firstline/api.h — the narrow request/response API over the core: the
// contract every host speaks (the WebAssembly module in wasm/, the native
// `firstline` CLI and the evaluation in tools/), native and Emscripten alike,
// so GoogleTest covers it.
//
// A request is one JSON object: {"api": 1, "op": "...", ...arguments}.
// A response is always one JSON object:
//   {"api": 1, "ok": true,  "result": {...}}
//   {"api": 1, "ok": false, "error": {"code": "index_corrupt", "message": "..."}}
// Never null, never a silent failure: malformed JSON, unknown ops and missing
// arguments get a structured error too.
//
// Operations (API version 1). Conversation operations take an optional
// "session" name (default "default"); a session keeps its turns, feedback and
// host context until "reset".
//   version                          -> {"api", "core", "index_format"}
//   open     {"path", "artifact"?}   -> {"build": {...}, "escalation": {...},
//                                        "channel_order": {reason: [channel id...]}}
//            artifact: which index the caller expects, "public" (the default: what a
//            customer may read), "agent" or "any"; another one is refused with
//            "index_wrong_artifact" and nothing is opened.
//            build: the index's build info; escalation: escalation.yaml
//            (channels, routes, thresholds); channel_order: Engine::channel_order() for each escalation
//            reason, the order a host shows channels in without a decision (e.g. a "contact us" button)
//   intents                          -> {"intents": [...]}   every intent's entry (schema.h, kMetaIntentAt)
//   search   {"query", "limit"?}     -> {"hits": [hit]}
//   article  {"id"}                  -> {"article": {...}}   the stored article (safe HTML in "html")
//   context  {"context": {"page"?, "order_state"?, "locale"?, "previous_contacts"?}}  -> {}
//            previous_contacts: any number, read within 0..limits::kMaxPreviousContacts
//            (a fraction is cut); anything else is invalid_argument
//   hints    {"text", "limit"?}      -> {"hints": [{"kind": "completion"|"correction"|"topic", "text", "intent"?}],
//                                        "masked_text"}
//   ask      {"query"}               -> {"decision": decision, "masked_query"}
//            masked_query, masked_text: the request's text with personal data masked
//            (firstline/personal_data.h; masked_text as typed so far: a number at its end
//            is masked too), what a host may record or send on (the widget's events)
//   choose   {"intent"}              -> {"decision": decision}
//   feedback {"article", "helped"}   -> {}
//   opened   {"article"}             -> {}
//   handoff  {"include_personal_data"?} -> {"handoff": {...}}   (schema: core/schema/handoff.schema.json)
// Conversation operations also take "probe": true (firstline/read_probe.h):
// when the index file lacked a part the call read, the answer is the error
// "needs_data" and the session is unchanged; the caller fetches what its file
// reader noted and calls again.
//   reset                            -> {}
// where decision = {"kind": "answer"|"clarify"|"escalate", "locale",
//   "intents": [{"id","confidence","probability","coverage","support"}] (IntentScore),
//   "articles": [hit], "question"?, "options"?: [{"intent","label"}],
//   "escalation"?: {"reason","channel","channels","problem_level","explanation"}
//   (explanation: the agent's note, never shown to the customer: the widget
//   says why in its own words, web/widget/strings.js),
//   "urgent", "emotional", "problem_level"}
// and hit = {"id","title","type","locale","intents","snippet","score"}.
#pragma once

#include <memory>
#include <string>

namespace firstline {

inline constexpr int kApiVersion = 1;

class Api {
 public:
  Api();
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  /// Handles one request (any bytes) and returns the response JSON.
  std::string call(const std::string& request);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace firstline
