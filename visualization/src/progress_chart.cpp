#include "qchain/visualization/progress_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "qchain/report/comparison_report.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/graphs/chain_export.hpp"
#include "qchain/visualization/diagram.hpp"

namespace qchain::visualization {

using namespace qchain::graphs;
using report::Lang;
using report::tr;

namespace {

constexpr double kWidth = 900, kLabel = 300, kBarArea = 520, kRow = 22, kBar = 9;
constexpr const char* kBefore = "#9e9e9e";
constexpr const char* kAfter = "#b22222";
constexpr const char* kAssisted = "#2c7fb8";  // the middle panel compares groups, not dates
constexpr const char* kOthers = "#a6bddb";

struct Svg {
  std::string body;
  double y = 0;
  void text(double x, double yy, const std::string& s, const char* anchor = "start", int size = 12, bool bold = false) {
    body += "<text x=\"" + num(x, 1) + "\" y=\"" + num(yy, 1) + "\" font-size=\"" + std::to_string(size) + "\" text-anchor=\"" + anchor +
            "\"" + (bold ? " font-weight=\"bold\"" : "") + ">" + xml_escape(s) + "</text>\n";
  }
  void rect(double x, double yy, double w, double hgt, const char* fill) {
    body += "<rect x=\"" + num(x, 1) + "\" y=\"" + num(yy, 1) + "\" width=\"" + num(std::max(0.0, w), 1) + "\" height=\"" + num(hgt, 1) +
            "\" fill=\"" + fill + "\"/>\n";
  }
  void line(double x1, double y1, double x2, double y2, const char* colour) {
    body += "<line x1=\"" + num(x1, 1) + "\" y1=\"" + num(y1, 1) + "\" x2=\"" + num(x2, 1) + "\" y2=\"" + num(y2, 1) + "\" stroke=\"" +
            colour + "\" stroke-width=\"1\"/>\n";
  }
  void legend(const std::string& b, const std::string& a) {
    rect(kLabel, y - 10, 12, 10, kBefore);
    text(kLabel + 16, y, b);
    rect(kLabel + 160, y - 10, 12, 10, kAfter);
    text(kLabel + 176, y, a);
    y += 16;
  }
};

// Bars of value pairs against a shared axis [lo, hi]; `fmt` writes the value beside each bar.
template <class Fmt>
void paired_bars(Svg& s, const std::vector<std::pair<std::string, std::array<double, 2>>>& rows, double lo, double hi, Fmt fmt) {
  const auto x_of = [&](double v) { return kLabel + (std::clamp(v, lo, hi) - lo) / (hi - lo) * kBarArea; };
  for (const auto& [label, v] : rows) {
    s.text(kLabel - 8, s.y + kBar + 3, label, "end");
    for (int k = 0; k < 2; ++k) {
      if (std::isnan(v[k])) continue;
      s.rect(kLabel, s.y + k * kBar, x_of(v[k]) - kLabel, kBar - 1, k ? kAfter : kBefore);
      s.text(x_of(v[k]) + 4, s.y + k * kBar + kBar - 1, fmt(v[k]), "start", 9);
    }
    s.y += kRow;
  }
  s.line(kLabel, s.y - rows.size() * kRow - 4, kLabel, s.y - 4, "#444");
  s.text(kLabel, s.y + 6, fmt(lo), "middle", 9);
  s.text(kLabel + kBarArea, s.y + 6, fmt(hi), "middle", 9);
  s.y += 28;
}

}  // namespace

std::string progress_chart_svg(const ChainGraph& before, const ChainGraph& after, const engine::ChainComparison& c, Lang L) {
  Svg s;
  s.y = 28;
  const std::string b = report::as_of_label(before, L), a = report::as_of_label(after, L);
  s.text(kWidth / 2, s.y, std::string(tr(L, "提升行动前后对比 ", "Before and after ")) + b + " → " + a, "middle", 16, true);
  s.y += 26;
  s.legend(std::string(tr(L, "之前 ", "before ")) + b, std::string(tr(L, "之后 ", "after ")) + a);
  s.y += 8;

  // Leaders' delivered yield: the axis starts a little below the lowest value so that changes of a
  // point or two are visible.
  std::vector<std::pair<std::string, std::array<double, 2>>> leaders;
  double lo = 1.0;
  for (const engine::LeaderChange& l : c.leaders) {
    const Firm& f = l.after != kNone ? after.firm(l.after) : before.firm(l.before);
    leaders.push_back({f.name, {l.delivered_yield[0], l.delivered_yield[1]}});
    for (double y : l.delivered_yield)
      if (!std::isnan(y)) lo = std::min(lo, y);
  }
  lo = std::max(0.0, std::floor(lo * 50 - 1) / 50);
  s.text(20, s.y, tr(L, "链主企业交付合格率", "Leaders' delivered yield"), "start", 14, true);
  s.y += 14;
  const auto pct = [](double v) { return num(v * 100, 1) + "%"; };
  paired_bars(s, leaders, lo, 1.0, pct);

  // Mean change of own first-pass yield, assisted against the others (one bar each).
  const engine::ProgrammeIndicators& i = c.indicators;
  s.text(20, s.y, tr(L, "一次合格率平均变化（百分点）", "Mean change of first-pass yield (points)"), "start", 14, true);
  s.y += 14;
  double hi = 0.01;
  for (double x : {i.assisted_mean_change, i.others_mean_change})
    if (!std::isnan(x)) hi = std::max(hi, std::fabs(x));
  const auto pts = [](double v) { return qchain::points(v, 2); };
  for (auto [label, x, colour] : {std::tuple{std::string(tr(L, "受帮扶企业 ", "assisted ")) + std::to_string(i.assisted), i.assisted_mean_change, kAssisted},
                                  {std::string(tr(L, "其他企业 ", "others ")) + std::to_string(i.others), i.others_mean_change, kOthers}}) {
    s.text(kLabel - 8, s.y + 12, label, "end");
    const double zero = kLabel + kBarArea / 2, w = std::isnan(x) ? 0 : x / hi * kBarArea / 2;
    s.rect(std::min(zero, zero + w), s.y, std::fabs(w), 16, colour);
    s.text(zero + w + (w >= 0 ? 4 : -4), s.y + 12, pts(x), w >= 0 ? "start" : "end", 10);
    s.y += kRow + 2;
  }
  s.line(kLabel + kBarArea / 2, s.y - 2 * (kRow + 2) - 4, kLabel + kBarArea / 2, s.y - 4, "#444");
  s.y += 24;

  // Firms affected per issue code (at most 12).
  std::vector<const engine::IssueChange*> issues;
  for (const engine::IssueChange& x : c.issues) issues.push_back(&x);
  // The most widespread in either snapshot first, so that issues new since the baseline are not cut.
  std::stable_sort(issues.begin(), issues.end(),
                   [](auto a, auto b) { return std::max(a->firms[0], a->firms[1]) > std::max(b->firms[0], b->firms[1]); });
  if (issues.size() > 12) issues.resize(12);
  std::vector<std::pair<std::string, std::array<double, 2>>> rows;
  double most = 1;
  for (const engine::IssueChange* x : issues) {
    const std::string& code = c.codes[x->code];
    rows.push_back({code + " " + report::issue_name(before, after, code), {double(x->firms[0]), double(x->firms[1])}});
    most = std::max({most, double(x->firms[0]), double(x->firms[1])});
  }
  s.text(20, s.y, tr(L, "共性质量问题涉及企业数", "Firms affected by each shared issue"), "start", 14, true);
  s.y += 14;
  paired_bars(s, rows, 0, most, [](double v) { return num(v, 0); });

  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth, 0) + "\" height=\"" + num(s.y, 0) + "\" viewBox=\"0 0 " +
         num(kWidth, 0) + " " + num(s.y, 0) + "\" font-family=\"" + kFont + ", sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" +
         s.body + "</svg>\n";
}

}  // namespace qchain::visualization
