#pragma once
// What a reader sees, measured: the contrast of every text of an SVG with its fill, and every text box
// as headless Chromium lays it out (shared by the readability and overview tests).
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "../support/test_support.hpp"
#include "qchain/visualization/colour.hpp"

namespace qchain::test {

using visualization::contrast_ratio;
using visualization::kMinContrast;
using visualization::parse_colour;
using visualization::Rgb;

// Every <text> of an SVG against the fill of the shape it sits in: the last filled shape before it
// (in drawing order, edges and their arrowheads aside) whose bounding box holds the text's anchor.
// Returns a description of each text below kMinContrast.
inline std::vector<std::string> low_contrast_texts(const std::string& svg, std::size_t* texts = nullptr) {
  struct Shape {
    double x0, y0, x1, y1;
    Rgb fill;
  };
  std::vector<Shape> shapes;
  std::vector<std::string> bad;
  const auto attr = [](const std::string& tag, const char* name) -> std::optional<std::string> {
    const std::string key = std::string(" ") + name + "=\"";
    const auto at = tag.find(key);
    if (at == std::string::npos) return std::nullopt;
    const auto start = at + key.size();
    return tag.substr(start, tag.find('"', start) - start);
  };
  const auto numbers = [](const std::string& s) {
    std::vector<double> out;
    static const std::regex number("-?[0-9]+(\\.[0-9]+)?");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), number); it != std::sregex_iterator(); ++it) out.push_back(std::stod(it->str()));
    return out;
  };
  static const std::regex tag("<(g|polygon|path|ellipse|rect|text)\\b([^>]*)>([^<]*)");
  bool in_edge = false;
  std::size_t count = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tag); it != std::sregex_iterator(); ++it) {
    const std::string kind = (*it)[1], a = " " + (*it)[2].str();
    if (kind == "g") {
      if (const auto c = attr(a, "class")) in_edge = *c == "edge";
      continue;
    }
    if (kind == "text") {
      ++count;
      const double x = std::stod(*attr(a, "x")), y = std::stod(*attr(a, "y"));
      const double size = attr(a, "font-size") ? std::stod(*attr(a, "font-size")) : 12;
      const std::string anchor = attr(a, "text-anchor").value_or("start");
      const double px = anchor == "start" ? x + 2 : anchor == "end" ? x - 2 : x, py = y - 0.35 * size;
      Rgb back{1, 1, 1};
      for (auto s = shapes.rbegin(); s != shapes.rend(); ++s)
        if (px >= s->x0 && px <= s->x1 && py >= s->y0 && py <= s->y1) {
          back = s->fill;
          break;
        }
      const std::optional<Rgb> fg = parse_colour(attr(a, "fill").value_or("#000000"));
      if (!fg) {
        bad.push_back("unreadable text colour: " + (*it)[3].str());
        continue;
      }
      const double ratio = contrast_ratio(*fg, back);
      if (ratio < kMinContrast) bad.push_back((*it)[3].str() + " (contrast " + std::to_string(ratio) + ")");
      continue;
    }
    if (in_edge) continue;
    const std::string fill = attr(a, "fill").value_or("#000000");
    if (fill == "none" || fill == "transparent") continue;
    const std::optional<Rgb> c = parse_colour(fill);
    if (!c) {
      bad.push_back("unknown fill " + fill);
      continue;
    }
    std::vector<double> v;
    if (kind == "polygon") v = numbers(*attr(a, "points"));
    else if (kind == "path") v = numbers(*attr(a, "d"));
    else if (kind == "ellipse") {
      const double cx = std::stod(*attr(a, "cx")), cy = std::stod(*attr(a, "cy")), rx = std::stod(*attr(a, "rx")), ry = std::stod(*attr(a, "ry"));
      v = {cx - rx, cy - ry, cx + rx, cy + ry};
    } else {  // rect; "100%" sizes cover everything
      const std::string w = attr(a, "width").value_or("0"), h = attr(a, "height").value_or("0");
      if (w.back() == '%') v = {-1e9, -1e9, 1e9, 1e9};
      else {
        const double x = std::stod(attr(a, "x").value_or("0")), y = std::stod(attr(a, "y").value_or("0"));
        v = {x, y, x + std::stod(w), y + std::stod(h)};
      }
    }
    if (v.size() < 4) continue;
    Shape s{1e18, 1e18, -1e18, -1e18, *c};
    for (std::size_t k = 0; k + 1 < v.size(); k += 2)
      s.x0 = std::min(s.x0, v[k]), s.x1 = std::max(s.x1, v[k]), s.y0 = std::min(s.y0, v[k + 1]), s.y1 = std::max(s.y1, v[k + 1]);
    shapes.push_back(s);
  }
  if (texts) *texts = count;
  return bad;
}


// Measures every text of every view in headless Chromium: a text's box is the advance width Chromium
// lays out and the em box of Noto Sans CJK (0.88 em above the baseline, 0.12 em below: where its
// glyphs are drawn; the line box Chromium reports for the font is a third taller than any line
// spacing). No two text boxes may overlap by more than half a pixel, and a text inside a drawn node
// shape stays inside it (1 px tolerance). Lines "# view: N" count the texts measured.
//
// A view marked data-fit="a3" is first drawn as it prints on one A3 landscape page at 100 %: CSS
// 96 px per inch, so 420 × 297 mm is 1587.4 × 1122.5 px (1 pt = 4/3 px); a larger drawing is scaled
// down to fit, a smaller one left as it is. There every text must be at least 7 pt, as Chromium
// renders it (its font size times the SVG's scale on screen); a line "# min-pt view: X" gives the
// smallest.
inline constexpr const char* kMeasure = R"JS((function () {
  const out = [];
  const a3 = { w: 420 / 25.4 * 96, h: 297 / 25.4 * 96 };
  for (const view of document.querySelectorAll('.view[data-fit="a3"]')) {
    const svg = view.querySelector('svg');
    const w = svg.width.baseVal.value, h = svg.height.baseVal.value;
    const s = Math.min(1, a3.w / w, a3.h / h);
    svg.setAttribute('width', (w * s) + 'px');
    svg.setAttribute('height', (h * s) + 'px');
  }
  // A text's box as its glyphs can fill it: the advance widths Chromium lays out, and vertically the
  // em box of Noto Sans CJK (typo ascender 0.88 em above the baseline, descender 0.12 em below).
  const emBox = (t) => {
    const r = t.getBoundingClientRect();
    const m = t.getScreenCTM();
    const y = parseFloat(t.getAttribute('y')), x = parseFloat(t.getAttribute('x'));
    const baseline = m.b * x + m.d * y + m.f + window.scrollY;
    const size = parseFloat(t.getAttribute('font-size') || '14') * Math.abs(m.d);
    return { left: r.left + window.scrollX, right: r.right + window.scrollX, top: baseline - 0.88 * size, bottom: baseline + 0.12 * size };
  };
  const inside = (a, b, tol) => a.left >= b.left - tol && a.right <= b.right + tol && a.top >= b.top - tol && a.bottom <= b.bottom + tol;
  for (const view of document.querySelectorAll('.view')) {
    const name = view.getAttribute('data-name');
    const texts = [...view.querySelectorAll('text')].filter(t => t.textContent.trim() !== '');
    const boxes = texts.map(t => ({ t: t.textContent, r: emBox(t) }));
    let count = 0;
    for (let i = 0; i < boxes.length; ++i)
      for (let j = i + 1; j < boxes.length; ++j) {
        const a = boxes[i].r, b = boxes[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5 && count++ < 20) out.push(name + ': "' + boxes[i].t + '" overlaps "' + boxes[j].t + '" by ' + w.toFixed(1) + 'x' + h.toFixed(1));
      }
    for (const g of view.querySelectorAll('g.node')) {
      const title = g.querySelector('title');
      if (title && title.textContent === 'legend') continue;
      const shape = g.querySelector('polygon, path, ellipse');
      if (!shape || shape.getAttribute('fill') === 'none') continue;
      const s0 = shape.getBoundingClientRect(); const s = {left: s0.left + window.scrollX, right: s0.right + window.scrollX, top: s0.top + window.scrollY, bottom: s0.bottom + window.scrollY};
      for (const t of g.querySelectorAll('text')) {
        if (t.textContent.trim() === '') continue;
        const r = emBox(t);
        if (!inside(r, s, 1)) out.push(name + ': "' + t.textContent + '" leaves its node ' + (title ? title.textContent : '') + ' (' + [r.left - s.left, s.right - r.right, r.top - s.top, s.bottom - r.bottom].map(x => x.toFixed(1)).join(',') + ')');
      }
    }
    if (view.getAttribute('data-fit') === 'a3') {
      const svg = view.querySelector('svg').getBoundingClientRect();
      if (svg.width > a3.w + 0.5 || svg.height > a3.h + 0.5) out.push(name + ': ' + svg.width.toFixed(1) + ' x ' + svg.height.toFixed(1) + ' px does not fit A3');
      let least = 1e9;
      for (const t of texts) {
        const pt = parseFloat(t.getAttribute('font-size') || '14') * Math.abs(t.getScreenCTM().d) * 0.75;
        least = Math.min(least, pt);
        if (pt < 7 - 1e-6) out.push(name + ': "' + t.textContent + '" is ' + pt.toFixed(2) + ' pt on A3');
      }
      out.push('# min-pt ' + name + ': ' + least.toFixed(3));
    }
    out.push('# ' + name + ': ' + boxes.length);
  }
  const pre = document.createElement('pre');
  pre.id = 'result';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
})();
)JS";

// Problems found in `views` (name, SVG) by Chromium, and the texts it measured per view; nullopt
// when chromium is not installed. With `fit_a3`, every view is drawn as printed on A3 (above), and
// its smallest text size goes into the map as "min-pt NAME", in thousandths of a pt.
inline std::optional<std::pair<std::vector<std::string>, std::map<std::string, int>>> measure_in_chromium(
    const std::vector<std::pair<std::string, std::string>>& views, bool fit_a3 = false) {
  if (std::system("command -v chromium >/dev/null 2>&1") != 0) return std::nullopt;
  test::TempDir dir;
  {
    std::ofstream page(dir.file("views.html"));
    page << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n";
    for (const auto& [name, svg] : views) page << "<div class=\"view\" data-name=\"" << name << "\"" << (fit_a3 ? " data-fit=\"a3\"" : "") << ">" << svg.substr(svg.find("<svg")) << "</div>\n";
    page << "<script>" << kMeasure << "</script></body></html>\n";
  }
  const std::string cmd = "timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
                          "--disable-background-networking --disable-component-update --disable-sync --user-data-dir=" +
                          dir.file("profile") + " --dump-dom file://" + dir.file("views.html") + " > " + dir.file("dom.html") + " 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) return std::make_pair(std::vector<std::string>{"chromium failed"}, std::map<std::string, int>{});
  std::ifstream in(dir.file("dom.html"));
  const std::string dom((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto start = dom.find("<pre id=\"result\">");
  if (start == std::string::npos) return std::make_pair(std::vector<std::string>{"no result in the page"}, std::map<std::string, int>{});
  const std::string result = dom.substr(start + 17, dom.find("</pre>", start) - start - 17);
  std::vector<std::string> problems;
  std::map<std::string, int> texts;
  for (std::size_t at = 0, end; at < result.size(); at = end + 1) {
    end = result.find('\n', at);
    if (end == std::string::npos) end = result.size();
    const std::string line = result.substr(at, end - at);
    if (line.rfind("# min-pt ", 0) == 0) texts["min-pt " + line.substr(9, line.rfind(':') - 9)] = static_cast<int>(std::floor(std::stod(line.substr(line.rfind(':') + 1)) * 1000));
    else if (line.rfind("# ", 0) == 0) texts[line.substr(2, line.rfind(':') - 2)] = std::stoi(line.substr(line.rfind(':') + 1));
    else if (!line.empty()) problems.push_back(line);
  }
  return std::make_pair(problems, texts);
}


}  // namespace qchain::test
