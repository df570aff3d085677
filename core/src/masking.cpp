// Masking personal data in free text before it is handed to a person or
// recorded (firstline/personal_data.h).
#include "firstline/personal_data.h"

#include <cctype>
#include <string>

namespace firstline {

namespace {

bool luhn_valid(const std::string& digits) {
  int sum = 0;
  bool double_it = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (double_it && (d *= 2) > 9) d -= 9;
    sum += d;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_email_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '_' || c == '-' ||
         c == '+' || c == '%';
}

/// What a run of digits (spaces and dashes inside removed) is, or "" to keep it.
std::string classify_number(const std::string& digits, bool had_plus, bool ends_with_x) {
  const std::size_t n = digits.size();
  if (ends_with_x && n == 17) return "[id]";
  if (n == 18 && (digits[0] != '0')) {
    // A mainland ID number: 6-digit region, 8-digit birth date (19xx/20xx).
    if ((digits.compare(6, 2, "19") == 0 || digits.compare(6, 2, "20") == 0)) return "[id]";
  }
  if (n >= 13 && n <= 19 && luhn_valid(digits)) return "[card]";
  if (n == 11 && digits[0] == '1' && digits[1] >= '3') return "[phone]";  // mainland mobile
  if (had_plus && n >= 8 && n <= 15) return "[phone]";
  if (n >= 10 && n <= 12 && digits[0] == '0') return "[phone]";  // landline with area code
  if (n == 15 && digits[0] != '0') return "[id]";                  // old 15-digit ID
  return "";
}

}  // namespace

std::string mask_personal_data(std::string_view text) {
  std::string in(text);
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const char c = in[i];
    // Email: local@domain.tld
    if (c == '@' && !out.empty()) {
      std::size_t local_start = out.size();
      while (local_start > 0 && is_email_char(out[local_start - 1])) --local_start;
      std::size_t end = i + 1;
      while (end < in.size() && is_email_char(in[end])) ++end;
      while (end > i + 1 && in[end - 1] == '.') --end;  // a full stop after the address
      const std::string domain = in.substr(i + 1, end - i - 1);
      if (local_start < out.size() && domain.find('.') != std::string::npos && domain.front() != '.') {
        out.erase(local_start);
        out += "[email]";
        i = end;
        continue;
      }
    }
    // Numbers: digits with spaces or dashes between groups, optionally a leading '+'.
    if (is_digit(c) || (c == '+' && i + 1 < in.size() && is_digit(in[i + 1]))) {
      if (!out.empty() && (is_digit(out.back()) || std::isalpha(static_cast<unsigned char>(out.back())))) {
        out += c;  // part of a word like "A12": leave it
        ++i;
        continue;
      }
      const bool plus = c == '+';
      std::size_t end = plus ? i + 1 : i;
      std::string digits;
      std::size_t last_digit_end = end;
      while (end < in.size()) {
        if (is_digit(in[end])) {
          digits += in[end++];
          last_digit_end = end;
        } else if ((in[end] == ' ' || in[end] == '-') && end + 1 < in.size() && is_digit(in[end + 1]) &&
                   !digits.empty()) {
          ++end;
        } else {
          break;
        }
      }
      bool ends_with_x = false;
      if (last_digit_end < in.size() && (in[last_digit_end] == 'x' || in[last_digit_end] == 'X')) ends_with_x = true;
      const std::string kind = classify_number(digits, plus, ends_with_x);
      if (!kind.empty()) {
        out += kind;
        i = last_digit_end + (ends_with_x && digits.size() == 17 ? 1 : 0);
      } else {
        out.append(in, i, last_digit_end - i);
        i = last_digit_end;
      }
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace firstline
