#include "qchain/service/table_xlsx.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "qchain/graphs/xlsx_writer.hpp"

namespace qchain::service {
namespace {

using Style = XlsxWriter::Style;

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

// The cell as a number when it is one as printed: "12", "-0.5", "+5.12", "95.3%". Identifiers with
// leading zeros ("0012") stay text.
bool as_number(const std::string& cell, double& v, bool& percent) {
  std::string s = trim(cell);
  percent = !s.empty() && s.back() == '%';
  if (percent) s.pop_back();
  if (s.empty()) return false;
  const std::size_t digits = s[0] == '+' || s[0] == '-' ? 1 : 0;
  if (s.size() > digits + 1 && s[digits] == '0' && s[digits + 1] != '.') return false;
  const char* b = s.data() + (s[0] == '+' ? 1 : 0);
  const char* e = s.data() + s.size();
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || p != e || !std::isfinite(v)) return false;
  if (percent) v /= 100;
  return true;
}

// The heading printed above a table: the last non-empty line before it, without a closing colon.
std::string heading(const std::string& text, const report::CapturedTable& t, std::size_t& from) {
  const std::size_t at = text.find(t.rendered, from);
  if (at == std::string::npos) return "";
  from = at + t.rendered.size();
  std::size_t end = at;
  while (end > 0) {
    const std::size_t nl = end >= 2 ? text.rfind('\n', end - 2) : std::string::npos;
    const std::size_t start = nl == std::string::npos ? 0 : nl + 1;
    std::string line = trim(text.substr(start, end - start));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    line = trim(line);
    // Notes ("注：…", "note: …") sit between a heading and its table: look above them.
    const bool note = line.rfind("注：", 0) == 0 || line.rfind("note:", 0) == 0 || line.rfind("Note:", 0) == 0;
    if (!line.empty() && !note) {
      if (line.rfind("【", 0) == 0 && line.find("】") != std::string::npos) line = line.substr(3, line.find("】") - 3);
      if (!line.empty() && line.back() == ':') line.pop_back();
      if (line.size() >= 3 && line.compare(line.size() - 3, 3, "\xEF\xBC\x9A") == 0) line.resize(line.size() - 3);
      return trim(line);
    }
    if (start == 0) break;
    end = start;
  }
  return "";
}

std::string folded(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

void write_tables_xlsx(const std::string& path, const std::string& text, const std::vector<report::CapturedTable>& tables,
                       report::Lang lang) {
  std::size_t rows = 0;
  for (const auto& t : tables) rows += t.rows.size();
  // Big tables go out row by row (libxlsxwriter's constant-memory mode).
  XlsxWriter w(path, rows > 50000);
  std::set<std::string> used;  // Excel compares sheet names without case
  std::size_t from = 0, n = 0;
  if (tables.empty()) {
    w.sheet(lang == report::Lang::zh ? "结果" : "result");
    w.text(0, 0, lang == report::Lang::zh ? "（没有表格）" : "(no tables)");
  }
  for (const auto& t : tables) {
    ++n;
    std::string name = heading(text, t, from);
    if (name.empty()) name = (lang == report::Lang::zh ? "表" : "Table ") + std::to_string(n);
    name = xlsx_sheet_name(name);
    for (int k = 2; used.count(folded(name)); ++k) {
      const std::string suffix = " (" + std::to_string(k) + ")";
      name = xlsx_sheet_name(name.substr(0, std::min<std::size_t>(name.size(), 24))) + suffix;
    }
    used.insert(folded(name));
    w.sheet(name);
    std::vector<std::size_t> width(t.headers.size());
    for (std::size_t c = 0; c < t.headers.size(); ++c) {
      w.text(0, static_cast<std::uint16_t>(c), t.headers[c], Style::header);
      width[c] = qchain::display_width(t.headers[c]);
    }
    std::uint32_t r = 1;
    for (const auto& row : t.rows) {
      for (std::size_t c = 0; c < row.size() && c < t.headers.size(); ++c) {
        const std::string& cell = row[c];
        width[c] = std::max(width[c], qchain::display_width(cell));
        double v = 0;
        bool percent = false;
        if (trim(cell) == "-" || trim(cell).empty()) continue;
        if (as_number(cell, v, percent)) w.number(r, static_cast<std::uint16_t>(c), v, percent ? Style::percent : Style::plain);
        else w.text(r, static_cast<std::uint16_t>(c), cell);
      }
      ++r;
    }
    for (std::size_t c = 0; c < width.size(); ++c)
      w.column_width(static_cast<std::uint16_t>(c), static_cast<std::uint16_t>(c), std::min<double>(60, 2.0 + static_cast<double>(width[c])));
    w.freeze_rows(1);
    if (!t.headers.empty()) w.autofilter(0, 0, r - 1, static_cast<std::uint16_t>(t.headers.size() - 1));
  }
  w.close();
}

}  // namespace qchain::service
