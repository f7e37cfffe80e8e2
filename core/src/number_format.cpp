#include "qchain/core/number_format.hpp"

#include <cmath>
#include <cstdio>

namespace qchain {

std::string fixed(double x, int decimals) {
  if (std::isnan(x)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);  // the CLI never changes LC_NUMERIC from "C"
  return buf;
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

}  // namespace qchain
