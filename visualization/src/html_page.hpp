#pragma once
// Private pieces shared by the HTML pages (the report, the portfolio page): escaping, tables, the
// style sheet. Self-contained pages: inline CSS, nothing fetched from the network.
#include <string>
#include <string_view>
#include <vector>

#include "qchain/graphs/chain_export.hpp"

namespace qchain::visualization {

inline std::string h(std::string_view s) { return graphs::xml_escape(s); }

struct Table {
  std::string html = "<table>";
  void head(const std::vector<std::string>& cells) {
    html += "<tr>";
    for (const auto& c : cells) html += "<th>" + h(c) + "</th>";
    html += "</tr>";
  }
  void row(const std::vector<std::string>& cells) {
    html += "<tr>";
    for (const auto& c : cells) html += "<td>" + h(c) + "</td>";
    html += "</tr>";
  }
  std::string done() { return html + "</table>"; }
};

inline const char* kStyle = R"(
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; margin: 2em auto; max-width: 1200px; color: #222; line-height: 1.5; }
h1 { border-bottom: 3px solid #b22222; padding-bottom: .3em; }
h2 { border-left: 6px solid #b22222; padding-left: .5em; margin-top: 2em; }
table { border-collapse: collapse; margin: .8em 0; font-size: 14px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.diagram { overflow-x: auto; border: 1px solid #ddd; padding: .5em; margin: .8em 0; background: #fff; }
.diagram svg { max-width: 100%; height: auto; }
.note { color: #666; font-size: 13px; }
.kpi { display: inline-block; margin: .3em 1.5em .3em 0; } .kpi b { font-size: 22px; color: #b22222; }
@page { size: A4; margin: 18mm 14mm 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; line-height: 1.4; }
  h2 ~ h2 { break-before: page; }
  h1, h2, h3 { break-after: avoid; }
  h2 { margin-top: 0; }
  table { font-size: 9pt; width: 100%; }
  tr, .kpi, .note { break-inside: avoid; }
  td { overflow-wrap: break-word; }
  .diagram { break-inside: avoid; overflow: visible; border: none; padding: 0; text-align: center; }
  .diagram svg { max-width: 100%; max-height: 240mm; width: auto; height: auto; }
  .print-header { display: block; }
}
.print-header { display: none; }
)";

// The running header and page numbers of the printed page (Chromium 131 and later draw @page margin
// boxes): `text` in the top left corner, "page / pages" at the bottom right.
inline std::string print_style(std::string_view text) {
  std::string quoted;
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\', quoted += c;
    else if (c == '<') quoted += "\\3C ";
    else if (c == '\n' || c == '\r') quoted += ' ';
    else quoted += c;
  }
  return "<style>@page { @top-left { content: \"" + quoted +
         "\"; font-size: 8pt; color: #555; } @bottom-right { content: counter(page) \" / \" counter(pages); font-size: 8pt; color: #555; } }</style>";
}

}  // namespace qchain::visualization
