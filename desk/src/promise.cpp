#include "promise.h"

#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <mutex>

namespace firstline::desk::detail {

namespace {

constexpr Millis kMinute = 60 * 1000;
constexpr int kDay = 24 * 60;

bool in_period(const OpenHours& h, int weekday, int minute) {
  return std::find(h.days.begin(), h.days.end(), weekday) != h.days.end() && h.open_minute <= minute &&
         minute < h.close_minute;
}

bool open_local(const ContactChannel& c, int weekday, int minute) {
  if (c.hours.empty()) return true;
  for (const auto& h : c.hours)
    if (in_period(h, weekday, minute)) return true;
  return false;
}

Millis minute_start(Millis t) { return t - ((t % kMinute) + kMinute) % kMinute; }

/// "today 14:30" in the customer's words, with the timezone the hours are in.
std::string when_text(Millis at, Millis now, const std::string& tz, const std::string& locale) {
  const LocalTime a = local_time(at, tz), n = local_time(now, tz);
  const LocalTime tomorrow = local_time(now + 24 * 60 * kMinute, tz);
  char clock[16];
  std::snprintf(clock, sizeof clock, "%02d:%02d", a.minute / 60, a.minute % 60);
  const bool same = a.year == n.year && a.month == n.month && a.day == n.day;
  const bool next = a.year == tomorrow.year && a.month == tomorrow.month && a.day == tomorrow.day;
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (locale == "en") {
    const std::string day = same ? "today" : next ? "tomorrow" : "on " + std::to_string(a.day) + " " + months[(a.month + 11) % 12];
    return std::string(clock) + " " + day + " (" + tz + " time)";
  }
  const bool hant = locale == "zh-Hant";
  const std::string zone = tz == "Asia/Shanghai" ? (hant ? "北京時間" : "北京时间") : tz + (hant ? " 時間" : " 时间");
  const std::string day = same ? "今天" : next ? (hant ? "明天" : "明天") : std::to_string(a.month) + "月" + std::to_string(a.day) + "日";
  return day + " " + clock + "（" + zone + "）";
}

// Each text is true said before the customer confirms (GET /api/channels) and after (the handoff's answer).
struct Texts {
  const char *chat_now, *chat_no_agent, *chat_later, *callback, *email, *phone_open, *phone_later;
};

const Texts& texts(const std::string& locale) {
  static const Texts zh_hans = {
      "客服在线，会在这里回复您，请保持页面打开。",
      "现在没有客服在线。客服上线后会在这里回复您，具体时间我们无法保证。",
      "在线客服现在不在服务时间，{when}开始服务后会在这里回复您。",
      "客服会在{when}前给您回电。",
      "我们会在{when}前通过邮件回复您。",
      "请拨打 {number}，现在有人接听。",
      "客服热线 {number} 将于{when}开始接听。",
  };
  static const Texts zh_hant = {
      "客服在線，會在這裡回覆您，請保持頁面開啟。",
      "現在沒有客服在線。客服上線後會在這裡回覆您，具體時間我們無法保證。",
      "線上客服現在不在服務時間，{when}開始服務後會在這裡回覆您。",
      "客服會在{when}前給您回電。",
      "我們會在{when}前透過電子郵件回覆您。",
      "請撥打 {number}，現在有人接聽。",
      "客服專線 {number} 將於{when}開始接聽。",
  };
  static const Texts en = {
      "An agent is online and will answer you here. Please keep this page open.",
      "No agent is signed in right now. An agent will answer you here once one signs in; we cannot say exactly when.",
      "Live chat is closed now. An agent will answer you here after it opens at {when}.",
      "An agent will call you back by {when}.",
      "We will reply to you by email by {when}.",
      "Call {number}: it is answered now.",
      "The hotline {number} is answered from {when}.",
  };
  return locale == "en" ? en : locale == "zh-Hant" ? zh_hant : zh_hans;
}

std::string filled(std::string text, const std::string& when, const std::string& number) {
  for (auto p = text.find("{when}"); p != std::string::npos; p = text.find("{when}")) text.replace(p, 6, when);
  for (auto p = text.find("{number}"); p != std::string::npos; p = text.find("{number}")) text.replace(p, 8, number);
  return text;
}

}  // namespace

bool timezone_known(const std::string& tz) {
  return tz == "UTC" || (!tz.empty() && tz.find("..") == std::string::npos && std::filesystem::exists("/usr/share/zoneinfo/" + tz));
}

LocalTime local_time(Millis t, const std::string& tz) {
  // glibc reads the zone from TZ; the desk sets it only here, under a lock.
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  const char* previous = getenv("TZ");
  const std::string saved = previous ? previous : "";
  setenv("TZ", tz.c_str(), 1);
  tzset();
  const time_t seconds = static_cast<time_t>((t - ((t % 1000) + 1000) % 1000) / 1000);
  struct tm tm {};
  localtime_r(&seconds, &tm);
  if (previous) setenv("TZ", saved.c_str(), 1);
  else unsetenv("TZ");
  tzset();
  LocalTime out;
  out.weekday = (tm.tm_wday + 6) % 7;
  out.minute = tm.tm_hour * 60 + tm.tm_min;
  out.year = tm.tm_year + 1900;
  out.month = tm.tm_mon + 1;
  out.day = tm.tm_mday;
  out.utc_offset_seconds = tm.tm_gmtoff;
  return out;
}

bool open_at(const ContactChannel& channel, Millis t, const std::string& tz) {
  const LocalTime l = local_time(t, tz);
  return open_local(channel, l.weekday, l.minute);
}

std::optional<Millis> next_opening(const ContactChannel& channel, Millis t, const std::string& tz) {
  const LocalTime l = local_time(t, tz);
  if (open_local(channel, l.weekday, l.minute)) return t;
  std::optional<Millis> best;
  for (int d = 0; d <= 7; ++d)
    for (const auto& h : channel.hours) {
      if (std::find(h.days.begin(), h.days.end(), (l.weekday + d) % 7) == h.days.end()) continue;
      const long delta = static_cast<long>(d) * kDay + h.open_minute - l.minute;
      if (delta <= 0) continue;
      const Millis at = minute_start(t) + delta * kMinute;  // (a DST change in between shifts it by its hour)
      if (!best || at < *best) best = at;
    }
  return best;
}

std::optional<Millis> closing_after(const ContactChannel& channel, Millis t, const std::string& tz) {
  const LocalTime l = local_time(t, tz);
  if (channel.hours.empty() || !open_local(channel, l.weekday, l.minute)) return std::nullopt;
  // Walk forward a minute-of-week at a time through consecutive open periods (at most a week).
  long minute = l.minute;
  int weekday = l.weekday;
  long walked = 0;
  while (walked < 7L * kDay) {
    int end = -1;
    for (const auto& h : channel.hours)
      if (in_period(h, weekday, static_cast<int>(minute))) end = std::max(end, h.close_minute);
    if (end < 0) return minute_start(t) + walked * kMinute;
    walked += end - minute;
    minute = end;
    if (minute >= kDay) minute = 0, weekday = (weekday + 1) % 7;
  }
  return std::nullopt;  // open around the clock
}

std::string iso_local(Millis t, const std::string& tz) {
  const LocalTime l = local_time(t, tz);
  const long off = l.utc_offset_seconds;
  char out[80];
  const time_t seconds = static_cast<time_t>(t / 1000);
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", l.year, l.month, l.day, l.minute / 60,
                l.minute % 60, static_cast<int>(seconds % 60), off < 0 ? '-' : '+', std::labs(off) / 3600,
                (std::labs(off) % 3600) / 60);
  return out;
}

nlohmann::json promise_for(const ContactChannel& channel, const DeskConfig& config, const std::string& locale,
                           Millis now, int agents_present) {
  const std::string& tz = config.timezone;
  const Texts& t = texts(locale);
  const bool open = open_at(channel, now, tz);
  nlohmann::json p = {{"channel", channel.id}, {"kind", channel.kind}, {"open_now", open}};
  const auto opens = next_opening(channel, now, tz);
  if (!open && opens) p["opens_at"] = iso_local(*opens, tz);
  if (channel.kind == "chat") {
    p["agents_available"] = agents_present;
    if (open && agents_present > 0) p["mode"] = "now", p["text"] = t.chat_now;
    else if (open) p["mode"] = "when_an_agent_signs_in", p["text"] = t.chat_no_agent;
    else if (opens) p["mode"] = "when_open", p["text"] = filled(t.chat_later, when_text(*opens, now, tz, locale), "");
    else p["mode"] = "when_an_agent_signs_in", p["text"] = t.chat_no_agent;
  } else if (channel.kind == "callback") {
    const Millis window = config.callback_within_minutes * kMinute;
    std::optional<Millis> by;
    if (open) {
      const auto closes = closing_after(channel, now, tz);
      if (!closes || now + window <= *closes) by = now + window;
      else if (const auto reopens = next_opening(channel, *closes, tz)) by = *reopens + window;
    } else if (opens) {
      by = *opens + window;
    }
    if (by) p["mode"] = "by", p["by"] = iso_local(*by, tz), p["text"] = filled(t.callback, when_text(*by, now, tz, locale), "");
    else p["mode"] = "when_an_agent_signs_in", p["text"] = t.chat_no_agent;
  } else if (channel.kind == "email") {
    const Millis by = now + config.email_reply_within_hours * 60 * kMinute;
    p["mode"] = "by";
    p["by"] = iso_local(by, tz);
    p["text"] = filled(t.email, when_text(by, now, tz, locale), "");
  } else {  // phone: the desk cannot answer it; it says where and when a person does
    p["mode"] = "call";
    p["number"] = channel.number;
    p["text"] = open || !opens ? filled(t.phone_open, "", channel.number)
                               : filled(t.phone_later, when_text(*opens, now, tz, locale), channel.number);
  }
  return p;
}

}  // namespace firstline::desk::detail
