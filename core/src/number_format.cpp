#include "qchain/core/number_format.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace qchain {

namespace {

// The largest double has 309 integral digits; a buffer this size holds it with `decimals` more.
template <class... Format>
std::string chars(double x, std::size_t room, Format... format) {
  char small[64];
  const auto r = std::to_chars(small, small + sizeof small, x, format...);
  if (r.ec == std::errc()) return std::string(small, r.ptr);
  std::string big(room, '\0');
  const auto b = std::to_chars(big.data(), big.data() + big.size(), x, format...);
  big.resize(static_cast<std::size_t>(b.ptr - big.data()));
  return big;
}

}  // namespace

std::string fixed(double x, int decimals) {
  if (std::isnan(x)) return "-";
  if (decimals < 0) decimals = 6;  // what printf's "%.*f" does with a negative precision
  return chars(x, 320 + static_cast<std::size_t>(decimals), std::chars_format::fixed, decimals);
}

std::string percent(double fraction, int decimals) {
  if (std::isnan(fraction)) return "-";
  return fixed(fraction * 100.0, decimals) + "%";
}

std::string points(double fraction, int decimals) {
  if (std::isnan(fraction)) return "-";
  std::string t = fixed(fraction * 100.0, decimals);
  if (t.find_first_not_of("-0.") == std::string::npos) return t[0] == '-' ? t.substr(1) : t;  // no "-0.00"
  return t[0] == '-' ? t : "+" + t;
}

std::string number_text(double x) { return chars(x, 64); }

std::string significant(double x, int digits) {
  if (digits < 0) digits = 6;
  return chars(x, 400 + static_cast<std::size_t>(digits), std::chars_format::general, digits);
}

}  // namespace qchain
