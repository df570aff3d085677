// firstline/console/format.h — the few ways the console writes numbers and
// lists as text, so every view says them alike.
//
//   firstline::console::percent(0.456);             // "46%"
//   firstline::console::join({"chat", "phone"});    // "chat, phone"
#pragma once

#include <string>
#include <vector>

namespace firstline::console {

/// A share (0..1) as a whole percentage: "46%".
std::string percent(double share);

/// The items with `separator` between them; "" for none.
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ");

}  // namespace firstline::console
