#include "qchain/visualization/diagram.hpp"

#include <charconv>
#include <cmath>

namespace qchain::visualization {

std::string html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += "<BR/>"; break;
      // Graphviz expands \G, \N, \E... even in HTML-like labels; a doubled backslash stays one.
      case '\\': out += "\\\\"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
    }
  }
  return out;
}

std::string esc(std::string_view text) {
  std::string out;
  for (char c : text) {
    // escString attributes are unescaped twice on the way to the output (measured with 2.43: one
    // backslash vanishes, two expand \G to the graph's name, four give one literal backslash).
    if (c == '\\') out += "\\\\\\\\";
    else if (c == '\n') out += "\\n";
    else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  }
  // Graphviz 2.43 writes a value made only of '-' and '.' (such as "-.") unquoted, as if it were a
  // number, and then cannot read its own DOT back; a trailing space makes it quote the value.
  // Found by the labels fuzz target (regression tests: Render.DotOfNumberLikeNamesParses, the corpus).
  if (!out.empty() && out.find_first_not_of("-.") == std::string::npos) out += ' ';
  return out;
}

std::string num(double x, int decimals) {
  if (!std::isfinite(x)) x = 0;
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, decimals);
  return std::string(buf, r.ptr);
}

}  // namespace qchain::visualization
