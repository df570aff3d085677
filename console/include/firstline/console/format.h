// firstline/console/format.h — the few ways the console writes numbers and
// lists as text, so every view says them alike.
//
//   firstline::console::percent(0.456);             // "46%"
//   firstline::console::join({"chat", "phone"});    // "chat, phone"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace firstline::console {

/// A share (0..1) as a whole percentage: "46%".
std::string percent(double share);

/// The items with `separator` between them; "" for none.
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ");

/// A waiting time as an agent reads it: "0:42", "12:05", "2:03:10" (negative: "0:00").
std::string waiting_time(double seconds);

/// Characters of one text from a payload or a log that a view lays out: a
/// frame wraps every character it shows (a 1M-character question took 0.4 s
/// a frame), and a question past this is not read whole on screen anyway.
inline constexpr std::size_t kShownCharacters = 2000;

/// `text` as shown: whole when it has at most `characters` characters (code
/// points), else its first `characters` then a visible marker,
/// "… [cut: 1000000 characters in all]". Invalid UTF-8 is cut at a byte.
std::string shown_at_most(std::string_view text, std::size_t characters = kShownCharacters);

/// Whether shown_at_most() would cut `text`.
bool is_cut_for_display(std::string_view text, std::size_t characters = kShownCharacters);

}  // namespace firstline::console
