#include "qchain/visualization/trend_chart.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "qchain/core/number_format.hpp"
#include "qchain/graphs/chain_export.hpp"
#include "qchain/report/trend_report.hpp"
#include "qchain/visualization/diagram.hpp"

namespace qchain::visualization {

using report::Lang;
using report::tr;

namespace {

constexpr double kWidth = 900, kLeft = 64, kPlot = 480, kLegend = kLeft + kPlot + 28, kHeight = 210, kLegendRow = 18;
constexpr const char* kPalette[] = {"#b22222", "#2c7fb8", "#238b45", "#d95f02", "#7570b3",
                                    "#e7298a", "#66a61e", "#a6761d", "#1b9e77", "#e6ab02"};
constexpr const char* kMean = "#444444";

struct Series {
  std::string name;
  std::vector<double> values;  // per snapshot; NaN: none
  const char* colour;
  bool dashed = false;
};

struct Svg {
  std::string body;
  double y = 0;
  void text(double x, double yy, const std::string& s, const char* anchor = "start", int size = 12, bool bold = false,
            const char* fill = nullptr) {
    body += "<text x=\"" + num(x, 1) + "\" y=\"" + num(yy, 1) + "\" font-size=\"" + std::to_string(size) + "\" text-anchor=\"" + anchor +
            "\"" + (bold ? " font-weight=\"bold\"" : "") + (fill ? std::string(" fill=\"") + fill + "\"" : std::string()) + ">" +
            graphs::xml_escape(s) + "</text>\n";
  }
  void line(double x1, double y1, double x2, double y2, const char* colour, double width = 1, bool dashed = false) {
    body += "<line x1=\"" + num(x1, 1) + "\" y1=\"" + num(y1, 1) + "\" x2=\"" + num(x2, 1) + "\" y2=\"" + num(y2, 1) + "\" stroke=\"" +
            colour + "\" stroke-width=\"" + num(width, 1) + "\"" + (dashed ? " stroke-dasharray=\"6 3\"" : "") + "/>\n";
  }
};

// A name cut to about `em` wide, so that the legend stays beside the plot.
std::string short_name(const std::string& s, double em) {
  const std::vector<std::string> lines = wrap_lines(s, em, 1);
  return lines.empty() ? s : lines.front();
}

// One panel: title, y axis in percent, x axis of dates, the series, a legend on the right with each
// series' latest value.
void panel(Svg& s, const std::string& title, const std::vector<std::string>& dates, const std::vector<Series>& series, int value_decimals,
           Lang L) {
  s.text(20, s.y, title, "start", 14, true);
  s.y += 16;
  const double top = s.y + 6, bottom = top + kHeight;
  // The axis: the smallest step of 0.1, 0.2, 0.5, 1, 2, 5 or 10 % that spans the values in at most
  // five steps, from a step's quarter below the lowest to one above the highest, so that the leaders'
  // tenths of a point and the segments' points are both visible.
  double lo = 1, hi = 0;
  for (const Series& x : series)
    for (double v : x.values)
      if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (lo > hi) lo = 0, hi = 1;
  static const double kSteps[] = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.10};
  double step = 0.25;
  for (double st : kSteps)
    if ((hi - lo) / st <= 5) {
      step = st;
      break;
    }
  const int first = static_cast<int>(std::floor(std::max(0.0, lo - step / 4) / step + 1e-9));
  int last = static_cast<int>(std::ceil(std::min(1.0, hi + step / 4) / step - 1e-9));
  if (last <= first) last = first + 1;
  lo = first * step;
  hi = last * step;
  const int decimals = step < 0.01 ? 1 : 0;
  const auto y_of = [&](double v) { return bottom - (v - lo) / (hi - lo) * kHeight; };
  const std::size_t n = dates.size();
  const auto x_of = [&](std::size_t k) { return n == 1 ? kLeft + kPlot / 2 : kLeft + 24 + double(k) * (kPlot - 48) / double(n - 1); };
  for (int k = first; k <= last; ++k) {
    const double v = k * step;
    s.line(kLeft, y_of(v), kLeft + kPlot, y_of(v), "#dddddd");
    s.text(kLeft - 6, y_of(v) + 4, qchain::fixed(v * 100, decimals) + "%", "end", 10);
  }
  s.line(kLeft, top, kLeft, bottom, "#444444");
  s.line(kLeft, bottom, kLeft + kPlot, bottom, "#444444");
  // Dates under the axis; with many snapshots only every k-th, so that they never overlap (a date
  // takes about 62 px at 10 px).
  const std::size_t every = n <= 1 ? 1 : static_cast<std::size_t>(std::ceil(62.0 * double(n - 1) / (kPlot - 48)));
  for (std::size_t k = 0; k < n; ++k) {
    s.line(x_of(k), bottom, x_of(k), bottom + 4, "#444444");
    if (k % every == 0 || k + 1 == n) s.text(x_of(k), bottom + 16, dates[k], "middle", 10);
  }
  s.text(kLeft + kPlot / 2, bottom + 32, tr(L, "调查日期", "Snapshot date"), "middle", 11);
  for (const Series& x : series) {
    s.body += "<g class=\"series\"><title>" + graphs::xml_escape(x.name) + "</title>\n";
    std::string line;
    const auto flush = [&] {
      if (line.find(' ') != std::string::npos)
        s.body += "<polyline fill=\"none\" stroke=\"" + std::string(x.colour) + "\" stroke-width=\"2\"" +
                  (x.dashed ? " stroke-dasharray=\"6 3\"" : "") + " points=\"" + line + "\"/>\n";
      line.clear();
    };
    for (std::size_t k = 0; k < n && k < x.values.size(); ++k) {
      if (std::isnan(x.values[k])) {
        flush();
        continue;
      }
      line += (line.empty() ? "" : " ") + num(x_of(k), 1) + "," + num(y_of(x.values[k]), 1);
      s.body += "<circle cx=\"" + num(x_of(k), 1) + "\" cy=\"" + num(y_of(x.values[k]), 1) + "\" r=\"3\" fill=\"" + x.colour + "\"/>\n";
    }
    flush();
    s.body += "</g>\n";
  }
  // The legend: swatch, name, the latest value given.
  double ly = top + 4;
  s.text(kLegend, ly, tr(L, "图例（最近一期）", "Legend (latest)"), "start", 11, true);
  ly += kLegendRow;
  for (const Series& x : series) {
    double last = graphs::kAbsent;
    for (double v : x.values)
      if (!std::isnan(v)) last = v;
    s.line(kLegend, ly - 4, kLegend + 22, ly - 4, x.colour, 2, x.dashed);
    s.text(kLegend + 28, ly, short_name(x.name, 16) + " " + (std::isnan(last) ? std::string("-") : percent(last, value_decimals)), "start", 11);
    ly += kLegendRow;
  }
  s.y = std::max(bottom + 48, ly + 12);
}

}  // namespace

std::string trend_chart_svg(const std::vector<const graphs::ChainGraph*>& snapshots, const engine::TrendResult& t, Lang L) {
  std::vector<std::string> dates;
  for (const engine::TrendPoint& p : t.points) dates.push_back(p.as_of.empty() ? "-" : p.as_of);
  Svg s;
  s.y = 28;
  std::string title = tr(L, "历次调查趋势", "Trend over the snapshots");
  if (!dates.empty()) title += " " + dates.front() + (dates.size() > 1 ? " → " + dates.back() : std::string());
  s.text(kWidth / 2, s.y, title, "middle", 16, true);
  s.y += 32;

  // The leaders apart: their delivered yields sit near 100 %, tenths of a point apart.
  std::vector<Series> leaders;
  for (std::size_t r = 0; r < t.leaders.size(); ++r) {
    Series x{report::trend_leader_name(snapshots, t.leaders[r]), {}, kPalette[r % std::size(kPalette)], false};
    for (const engine::TrendPoint& p : t.points) x.values.push_back(r < p.leader_delivered.size() ? p.leader_delivered[r] : graphs::kAbsent);
    leaders.push_back(std::move(x));
  }
  panel(s, tr(L, "链主企业交付合格率", "Leaders' delivered yield"), dates, leaders, 2, L);

  std::vector<Series> yields;
  Series mean{tr(L, "全链一次合格率均值", "Whole chain"), {}, kMean, true};
  for (const engine::TrendPoint& p : t.points) mean.values.push_back(p.mean_yield);
  yields.push_back(std::move(mean));
  for (std::size_t r = 0; r < t.segments.size(); ++r) {
    Series x{report::trend_segment_name(snapshots, t.segments[r]), {}, kPalette[r % std::size(kPalette)], false};
    for (const engine::TrendPoint& p : t.points) x.values.push_back(r < p.segment_yield.size() ? p.segment_yield[r] : graphs::kAbsent);
    yields.push_back(std::move(x));
  }
  panel(s, tr(L, "一次合格率均值：全链与各环节", "Mean first-pass yield: whole chain and each segment"), dates, yields, 1, L);

  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth, 0) + "\" height=\"" + num(s.y, 0) + "\" viewBox=\"0 0 " +
         num(kWidth, 0) + " " + num(s.y, 0) + "\" font-family=\"" + kFont + ", sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" +
         s.body + "</svg>\n";
}

}  // namespace qchain::visualization
