// What the desk promises a customer on a channel, honestly: chat only while
// an agent is signed in and the channel is open (else when it opens);
// callback by a time; email by a time; phone: the number and when it is
// answered. The channel hours are in the KB's timezone.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "firstline/desk/config.h"
#include "firstline/desk/store.h"

namespace firstline::desk::detail {

/// The time of day and weekday at `t` in timezone `tz` (an IANA name).
struct LocalTime {
  int weekday = 0;  ///< 0 = Monday
  int minute = 0;   ///< minutes after midnight
  int year = 0, month = 0, day = 0;
  long utc_offset_seconds = 0;
};
LocalTime local_time(Millis t, const std::string& tz);
bool timezone_known(const std::string& tz);

bool open_at(const ContactChannel& channel, Millis t, const std::string& tz);
/// The first moment at or after `t` the channel is open; nullopt if it never opens.
std::optional<Millis> next_opening(const ContactChannel& channel, Millis t, const std::string& tz);
/// When the open period holding `t` ends; nullopt when it never closes (or is closed at `t`).
std::optional<Millis> closing_after(const ContactChannel& channel, Millis t, const std::string& tz);

/// ISO 8601 in the timezone, e.g. "2026-11-25T08:00:00+08:00".
std::string iso_local(Millis t, const std::string& tz);

/// The promise for a case handed over now on `channel`, in the customer's
/// locale: {"channel", "kind", "mode", "open_now", "text", ...}
/// (desk/README.md, "Promises").
nlohmann::json promise_for(const ContactChannel& channel, const DeskConfig& config, const std::string& locale,
                           Millis now, int agents_present);

}  // namespace firstline::desk::detail
