#include "qchain/visualization/issue_map.hpp"

#include <algorithm>
#include <cmath>

#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/colour.hpp"

namespace qchain::visualization {

using namespace qchain::graphs;
using report::Lang;
using report::tr;

Diagram issue_map(const ChainGraph& g, const engine::QualityAnalysis& q, const IssueMapOptions& o) {
  const Lang L = o.lang;
  Diagram d;
  d.name = "issues";
  d.label = title_label(g.info().name, tr(L, "共性质量问题图谱：问题 → 环节（线宽：涉及企业数；问题颜色与大小：消除后链主收益）",
                                          "Issue map: issue → segment (width: firms affected; issue colour and size: leaders' gain if fixed)"));
  d.graph = {{"rankdir", "LR"}, {"labelloc", "t"}, {"fontname", kFont}, {"ranksep", "2.5"}, {"nodesep", "0.25"}};
  d.node_defaults = {{"fontname", kFont}, {"fontsize", "11"}, {"style", "filled"}};
  d.edge_defaults = {{"color", "#4a6fa588"}, {"arrowhead", "none"}};
  const std::size_t count = std::min(o.top, q.issues.size());
  double max_gain = 0;
  std::uint32_t max_firms = 1;
  for (std::size_t k = 0; k < count; ++k) max_gain = std::max(max_gain, q.issues[k].total_gain);
  for (std::size_t k = 0; k < count; ++k)
    for (std::uint32_t c : q.issues[k].by_segment) max_firms = std::max(max_firms, c);
  d.clusters.push_back({"issues", "<B>" + html(tr(L, "质量问题", "Issues")) + "</B>", {{"color", "#ffffff"}, {"fontname", kFont}}});
  d.clusters.push_back({"segments", "<B>" + html(tr(L, "产业链环节", "Segments")) + "</B>", {{"color", "#ffffff"}, {"fontname", kFont}}});
  for (std::size_t k = 0; k < count; ++k) {
    const engine::IssueImpact& m = q.issues[k];
    const IssueType& t = g.issues()[m.issue];
    const double rel = max_gain > 0 ? m.total_gain / max_gain : 0.0;
    // From pale yellow (small gain) to deep red (the largest).
    const unsigned gr = static_cast<unsigned>(std::clamp(237 - 170 * rel, 0.0, 255.0));
    const unsigned b = static_cast<unsigned>(std::clamp(160 - 130 * rel, 0.0, 255.0));
    char colour[32];
    std::snprintf(colour, sizeof colour, "#ff%02x%02x", gr & 0xFFu, b & 0xFFu);
    DiagramNode node;
    node.id = "i" + std::to_string(m.issue);
    node.cluster = "issues";
    node.rank = "issues";
    // The code in a row of its own above the name, so that no renderer runs them together.
    std::vector<std::string> rows{"<B>" + html(t.code) + "</B>"};
    for (const std::string& line : wrap_lines(t.name)) rows.push_back(html(line));
    rows.push_back("<FONT POINT-SIZE=\"9\">" + html(report::category_label(t.category, L)) + " · " + html(std::to_string(m.firms)) +
                   html(tr(L, " 家 · 收益 ", " firms · gain ")) + html(qchain::fixed(m.total_gain * 100, 2)) + html(tr(L, " 个百分点", " points")) +
                   "</FONT>");
    node.label = stacked(rows);
    node.attributes = {{"shape", "box"}, {"style", "rounded,filled"}, {"fillcolor", colour}, {"fontcolor", text_colour_on(colour)},
                       {"fontsize", num(10 + 6 * rel, 1)}, {"tooltip", esc(t.code + " " + t.name)}};
    d.nodes.push_back(std::move(node));
  }
  for (std::uint32_t s : engine::segments_in_order(g)) {
    DiagramNode node;
    node.id = "s" + std::to_string(s);
    node.cluster = "segments";
    node.rank = "segments";
    node.label = "<B>" + wrapped(g.segments()[s].name) + "</B>";
    node.attributes = {{"shape", "ellipse"}, {"fillcolor", "#dfe8f5"}, {"tooltip", esc(g.segments()[s].name)}};
    d.nodes.push_back(std::move(node));
  }
  for (std::size_t k = 0; k < count; ++k) {
    const engine::IssueImpact& m = q.issues[k];
    for (std::uint32_t s = 0; s < g.segments().size(); ++s) {
      if (m.by_segment[s] == 0) continue;
      d.edges.push_back({"i" + std::to_string(m.issue), "s" + std::to_string(s),
                         {{"penwidth", num(0.5 + 6.0 * m.by_segment[s] / max_firms, 2)},
                          {"tooltip", esc(g.issues()[m.issue].code + " → " + g.segments()[s].name + ": " + std::to_string(m.by_segment[s]))}}});
    }
  }
  // The legend: what colour, size and width mean.
  LegendRows rows;
  for (double rel : {1.0, 0.5, 0.0}) {
    const unsigned gr = static_cast<unsigned>(237 - 170 * rel), b = static_cast<unsigned>(160 - 130 * rel);
    char colour[32];
    std::snprintf(colour, sizeof colour, "#ff%02x%02x", gr & 0xFFu, b & 0xFFu);
    rows.emplace_back(colour, rel == 1.0 ? tr(L, "收益最大（字号最大）", "largest gain (largest type)")
                              : rel == 0.5 ? tr(L, "收益为最大者一半", "half the largest gain") : tr(L, "收益很小", "small gain"));
  }
  DiagramNode lg;
  lg.id = "legend";
  lg.label = legend_label(tr(L, "消除该问题后链主交付合格率的提升", "Leaders' gain in delivered yield if the issue were fixed"), rows,
                          {{"", "━", tr(L, "线宽：该环节涉及的企业数", "line width: firms affected in the segment")}});
  lg.attributes = {{"shape", "plaintext"}, {"style", ""}, {"fontsize", "10"}};
  d.nodes.push_back(std::move(lg));
  return d;
}

}  // namespace qchain::visualization
