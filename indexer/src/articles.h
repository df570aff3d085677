// Reading one article file (articles.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "knowledge_base.h"

namespace firstline::indexer {

/// The largest article file read (1 MiB, about 300 pages of Chinese text; the
/// longest sample article is under 4 KiB). A larger file is an error naming
/// the file and this limit: one huge article would slow every search that
/// shows a snippet of it, and is rarely one answer.
inline constexpr std::uintmax_t kMaxArticleBytes = 1u << 20;

/// Reads the article at `path` (shown as `display` in diagnostics). Problems go
/// into `diagnostics`; the article returned holds whatever could be read (a
/// file over kMaxArticleBytes is not read at all).
Article read_article(const std::filesystem::path& path, const std::string& display, Diagnostics& diagnostics);

}  // namespace firstline::indexer
