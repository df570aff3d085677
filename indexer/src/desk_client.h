// The indexer's client of a firstline desk's agent side (desk/README.md):
// signs in as an agent, reads the accepted suggestions, marks them written
// into kb-content. Used by `firstline-index suggestions apply --desk`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "suggestions_apply.h"

namespace firstline::indexer {

class DeskClient {
 public:
  /// Signs in at `desk_url` ("http://127.0.0.1:8090"). Throws std::runtime_error with the desk's reason.
  DeskClient(const std::string& desk_url, const std::string& agent, const std::string& password);
  ~DeskClient();  ///< signs out
  DeskClient(const DeskClient&) = delete;
  DeskClient& operator=(const DeskClient&) = delete;

  /// GET /api/agent/suggestions?status=accepted
  std::vector<AcceptedWording> accepted();
  /// POST /api/agent/suggestions/<id>/written; throws on a refusal.
  void mark_written(std::int64_t id);

 private:
  struct Internal;
  std::unique_ptr<Internal> internal_;
};

/// The accepted suggestions of a saved answer of GET /api/agent/suggestions
/// ({"suggestions": [...]}; those whose status is "accepted").
std::vector<AcceptedWording> accepted_from_export(const std::string& json_text);

}  // namespace firstline::indexer
