// Writes RGBA pixels as a PNG file (native builds: the smoke test's screenshot).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace firstline::console {

/// `rgba` holds height rows of width pixels, top row first. Returns an error message, empty on success.
std::string write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba);

}  // namespace firstline::console
