#include "qchain/visualization/diagram.hpp"

#include <cmath>
#include <vector>

#include "qchain/core/number_format.hpp"

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

std::string num(double x, int decimals) { return fixed(std::isfinite(x) ? x : 0.0, decimals); }

}  // namespace qchain::visualization

namespace qchain::visualization {
namespace {

// One UTF-8 code point from `s` at `i` (advanced past it); malformed bytes count as one character each.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + len > s.size()) len = 1;
  for (std::size_t k = 1; k < len; ++k)
    if ((b(i + k) & 0xC0u) != 0x80u) len = 1;  // a truncated sequence: its lead byte alone
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (b(i + k) & 0x3Fu);
  i += len;
  return cp;
}

bool wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
}

double em_of(char32_t cp) {
  if (cp == ' ') return 0.3;
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? 0.65 : 0.55;
  return wide(cp) ? 1.0 : 0.6;
}

// Closing punctuation that must not begin a line.
bool closing(char32_t cp) {
  static constexpr char32_t kClosing[] = {U'）', U'》', U'」', U'』', U'】', U'，', U'。', U'、', U'；', U'：', U'！', U'？',
                                          U')', U']', U',', U'.', U';', U':', U'!', U'?', U'%', U'…'};
  for (char32_t c : kClosing)
    if (c == cp) return true;
  return false;
}

}  // namespace

double text_em(std::string_view text) {
  double w = 0;
  for (std::size_t i = 0; i < text.size();) w += em_of(next_code_point(text, i));
  return w;
}

namespace {

std::vector<std::string> greedy_lines(std::string_view text, double max_em);

}  // namespace

// Greedy wrapping, then balanced: the narrowest width that needs no more lines than greedy at
// `max_em`, so that a name never leaves one character alone on its last line.
std::vector<std::string> wrap_lines(std::string_view text, double max_em, std::size_t max_lines) {
  std::vector<std::string> lines = greedy_lines(text, max_em);
  if (lines.size() > 1 && (!max_lines || lines.size() <= max_lines)) {
    double lo = max_em / 2, hi = max_em;
    for (int k = 0; k < 12; ++k) {
      const double mid = (lo + hi) / 2;
      (greedy_lines(text, mid).size() <= lines.size() ? hi : lo) = mid;
    }
    lines = greedy_lines(text, hi);
  }
  if (max_lines && lines.size() > max_lines) {
    lines.resize(max_lines);
    std::string& last = lines.back();
    // Drop characters until the ellipsis fits.
    while (!last.empty() && text_em(last) + 1.0 > max_em) {
      std::size_t cut = last.size() - 1;
      while (cut > 0 && (static_cast<unsigned char>(last[cut]) & 0xC0) == 0x80) --cut;
      last.resize(cut);
    }
    last += "…";
  }
  return lines;
}

std::string stacked(const std::vector<std::string>& lines, const char* align) {
  std::string t = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">";
  for (const std::string& l : lines) t += std::string("<TR><TD ALIGN=\"") + align + "\">" + l + "</TD></TR>";
  return t + "</TABLE>";
}

std::string title_label(std::string_view title, std::string_view subtitle, double max_em) {
  std::vector<std::string> rows;
  for (const std::string& l : wrap_lines(title, max_em * 0.8)) rows.push_back("<B>" + html(l) + "</B>");
  for (const std::string& l : wrap_lines(subtitle, max_em)) rows.push_back("<FONT POINT-SIZE=\"11\">" + html(l) + "</FONT>");
  return stacked(rows);
}

namespace {

std::vector<std::string> greedy_lines(std::string_view text, double max_em) {
  // Units that are never split: a run of Latin letters and digits (a word), or one other character;
  // a closing punctuation mark is glued to the unit before it.
  struct Unit {
    std::string_view text;
    double em;
    bool space;
  };
  std::vector<Unit> units;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i);
    if (cp == '\n') {
      units.push_back({text.substr(start, i - start), 0, true});
      continue;
    }
    if (cp < 0x80 && cp != ' ' && !closing(cp)) {
      while (i < text.size()) {
        std::size_t j = i;
        const char32_t n = next_code_point(text, j);
        if (n >= 0x80 || n == ' ' || n == '\n' || closing(n)) break;
        i = j;
      }
    }
    const std::string_view piece = text.substr(start, i - start);
    if (closing(cp) && !units.empty() && !units.back().space)
      units.back().text = text.substr(units.back().text.data() - text.data(), i - (units.back().text.data() - text.data())),
      units.back().em += text_em(piece);
    else
      units.push_back({piece, text_em(piece), cp == ' '});
  }
  std::vector<std::string> lines(1);
  double em = 0;
  for (const Unit& u : units) {
    if (u.text == "\n") {
      lines.emplace_back(), em = 0;
      continue;
    }
    if (u.space) {
      if (em > 0 && em + u.em <= max_em) lines.back() += u.text, em += u.em;
      continue;  // a space never begins a line, and one at the end of a line is dropped
    }
    if (em > 0 && em + u.em > max_em) {
      while (!lines.back().empty() && lines.back().back() == ' ') lines.back().pop_back();
      lines.emplace_back(), em = 0;
    }
    lines.back() += u.text;
    em += u.em;
  }
  while (!lines.back().empty() && lines.back().back() == ' ') lines.back().pop_back();
  return lines;
}

}  // namespace

std::string wrapped(std::string_view text, double max_em, std::size_t max_lines) {
  std::string out;
  bool first = true;
  for (const std::string& line : wrap_lines(text, max_em, max_lines)) out += (first ? "" : "<BR/>") + html(line), first = false;
  return out;
}

}  // namespace qchain::visualization
