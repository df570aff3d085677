// Reading one article file (articles.cpp).
#pragma once

#include <filesystem>
#include <string>

#include "knowledge_base.h"

namespace firstline::indexer {

/// Reads the article at `path` (shown as `display` in diagnostics). Problems go
/// into `diagnostics`; the article returned holds whatever could be read.
Article read_article(const std::filesystem::path& path, const std::string& display, Diagnostics& diagnostics);

}  // namespace firstline::indexer
