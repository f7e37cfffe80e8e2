#include "qchain/visualization/colour.hpp"

#include <cmath>
#include <string>

namespace qchain::visualization {

std::optional<Rgb> parse_colour(std::string_view c) {
  if (c == "white") return Rgb{1, 1, 1};
  if (c == "black") return Rgb{0, 0, 0};
  if (c.empty() || c[0] != '#') return std::nullopt;
  const auto hex = [](char x) -> int {
    if (x >= '0' && x <= '9') return x - '0';
    if (x >= 'a' && x <= 'f') return x - 'a' + 10;
    if (x >= 'A' && x <= 'F') return x - 'A' + 10;
    return -1;
  };
  int v[6];
  if (c.size() == 4) {
    for (int k = 0; k < 3; ++k) v[2 * k] = v[2 * k + 1] = hex(c[1 + k]);
  } else if (c.size() == 7 || c.size() == 9) {
    for (int k = 0; k < 6; ++k) v[k] = hex(c[1 + k]);
  } else {
    return std::nullopt;
  }
  for (int x : v)
    if (x < 0) return std::nullopt;
  return Rgb{(v[0] * 16 + v[1]) / 255.0, (v[2] * 16 + v[3]) / 255.0, (v[4] * 16 + v[5]) / 255.0};
}

double relative_luminance(const Rgb& c) {
  const auto lin = [](double x) { return x <= 0.04045 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double contrast_ratio(const Rgb& a, const Rgb& b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

const char* text_colour_on(std::string_view fill) {
  const std::optional<Rgb> c = parse_colour(fill);
  if (!c) return "#000000";
  return contrast_ratio(*c, Rgb{0, 0, 0}) >= contrast_ratio(*c, Rgb{1, 1, 1}) ? "#000000" : "#ffffff";
}

}  // namespace qchain::visualization
