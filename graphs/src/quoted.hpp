#pragma once
// Quotes a user-supplied string for a message, with control characters made visible.
#include <string>
#include <string_view>

namespace qchain::graphs {

inline std::string quoted(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out = "\"";
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += "\\x";
      out += hex[(c >> 4) & 0xF];
      out += hex[c & 0xF];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A firm as a message names it: "AP0001" (安平县恒达丝网) — the id to find it, the name to know it.
inline std::string quoted_firm(std::string_view id, std::string_view name) {
  if (name.empty()) return quoted(id);
  const std::string n = quoted(name);
  return quoted(id) + " (" + n.substr(1, n.size() - 2) + ")";
}

}  // namespace qchain::graphs
