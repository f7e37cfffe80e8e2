#include "qchain/graphs/name_match.hpp"

#include <algorithm>
#include <cstdint>

namespace qchain::graphs {
namespace {

// Appends the folded form of the character at s[i], advancing i past it.
void fold_char(std::string_view s, std::size_t& i, std::string& out) {
  const auto c = static_cast<unsigned char>(s[i]);
  // U+3000 (E3 80 80) and U+FF01–U+FF5E (EF BC 81 – EF BD 9E) in UTF-8.
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 && static_cast<unsigned char>(s[i + 2]) == 0x80) {
    out += ' ';
    i += 3;
    return;
  }
  if (c == 0xEF && i + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
    const std::uint32_t cp = 0xF000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      const auto ascii = static_cast<char>(cp - 0xFF01 + 0x21);
      out += ascii >= 'A' && ascii <= 'Z' ? static_cast<char>(ascii - 'A' + 'a') : ascii;
      i += 3;
      return;
    }
  }
  out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  ++i;
}

std::string fold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) fold_char(s, i, out);
  return out;
}

bool is_separator(char c) { return c == ' ' || c == '\t' || c == '-' || c == '_'; }

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string fold_header(std::string_view s) {
  const std::string f = fold(s);
  std::string out;
  bool pending = false;
  for (char c : f) {
    if (is_separator(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += '_';
    pending = false;
    out += c;
  }
  return out;
}

std::string scheme_key(std::string_view s) {
  std::string out;
  for (char c : fold(s))
    if (!is_separator(c)) out += c;
  return out;
}

std::optional<std::string> closest_name(std::string_view s, const std::vector<std::string>& candidates) {
  const std::string key = fold_header(s);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const std::string& c : candidates) {
    const std::string other = fold_header(c);
    const std::size_t d = edit_distance(key, other);
    const std::size_t longer = std::max(key.size(), other.size());
    if (d > 3 || 3 * d > longer) continue;
    if (!best || d < best_distance) best = c, best_distance = d;
  }
  return best;
}

}  // namespace qchain::graphs
