#include "qchain/visualization/fishbone.hpp"

#include <algorithm>

#include "qchain/engine/summary_report.hpp"

namespace qchain::visualization {

using namespace qchain::graphs;
using engine::Lang;
using engine::tr;

// Drawn left to right: the head on the right, the spine a chain of points, each rib joining the
// spine from above or below, its bones hanging off it.
Diagram fishbone(const ChainGraph& g, const engine::QualityAnalysis& q, std::size_t li, const FishboneOptions& o) {
  const Lang L = o.lang;
  const engine::LeaderQuality& lq = q.leader_quality.at(li);
  const Firm& leader = g.firm(lq.leader);
  Diagram d;
  d.name = "fishbone";
  d.label = "<B>" + html(tr(L, "鱼骨图：", "Fishbone: ")) + html(leader.name) + "</B><BR/><FONT POINT-SIZE=\"11\">" +
            html(tr(L, "各质量问题占链主交付缺陷的份额（人机料法测环）", "each issue's share of the leader's delivered defects (6M)")) + "</FONT>";
  d.graph = {{"rankdir", "LR"}, {"labelloc", "t"}, {"fontname", kFont}, {"nodesep", "0.3"}, {"ranksep", "0.6"}, {"splines", "line"}};
  d.node_defaults = {{"fontname", kFont}, {"fontsize", "10"}};
  d.edge_defaults = {{"arrowhead", "none"}, {"color", "#333333"}};

  DiagramNode head;
  head.id = "head";
  head.label = "<B>" + html(leader.name) + "</B><BR/>" + html(tr(L, "交付缺陷率 ", "delivered defect rate ")) +
               html(engine::percent(1 - lq.delivered_yield, 2));
  head.attributes = {{"shape", "box"}, {"style", "filled,bold"}, {"fillcolor", "#fde0dd"}, {"penwidth", "2"}};
  d.nodes.push_back(head);

  // Spine points: one per rib pair, from the head backwards.
  std::string prev = "head";
  for (int k = 0; k < 3; ++k) {
    const std::string id = "spine" + std::to_string(k);
    d.nodes.push_back({id, "", {{"shape", "point"}, {"width", "0.05"}}, "", ""});
    d.edges.push_back({id, prev, {{"penwidth", "4"}, {"weight", "10"}}});
    prev = id;
  }
  d.nodes.push_back({"tail", "", {{"shape", "point"}, {"width", "0.05"}}, "", ""});
  d.edges.push_back({"tail", prev, {{"penwidth", "4"}, {"weight", "10"}}});

  for (int c = 0; c < kCategoryCount; ++c) {
    const auto cat = static_cast<IssueCategory>(c);
    double share = 0;
    std::vector<std::pair<double, std::uint32_t>> bones;
    for (std::uint32_t k = 0; k < g.issues().size(); ++k)
      if (g.issues()[k].category == cat && lq.by_issue[k] > 0) bones.emplace_back(-lq.by_issue[k], k), share += lq.by_issue[k];
    std::sort(bones.begin(), bones.end());
    const std::string rib = "rib" + std::to_string(c);
    DiagramNode rn;
    rn.id = rib;
    rn.label = "<B>" + html(engine::category_label(cat, L)) + "</B> " + html(engine::percent(share, 1));
    rn.attributes = {{"shape", "box"}, {"style", "rounded,filled"}, {"fillcolor", "#e8eef8"}};
    d.nodes.push_back(rn);
    d.edges.push_back({rib, "spine" + std::to_string(c / 2), {{"penwidth", "2"}}});
    for (std::size_t b = 0; b < bones.size() && b < o.bones_per_rib; ++b) {
      const IssueType& t = g.issues()[bones[b].second];
      DiagramNode bn;
      bn.id = "bone" + std::to_string(bones[b].second);
      bn.label = html(t.code + " " + t.name) + "<BR/><FONT POINT-SIZE=\"9\">" + html(engine::percent(-bones[b].first, 1)) + "</FONT>";
      bn.attributes = {{"shape", "plaintext"}, {"tooltip", esc(t.code + " " + t.name)}};
      d.nodes.push_back(bn);
      d.edges.push_back({bn.id, rib, {{"color", "#777777"}}});
    }
  }
  DiagramNode rest;
  rest.id = "unexplained";
  rest.label = html(tr(L, "未归因 ", "not attributed ")) + html(engine::percent(lq.unexplained, 1));
  rest.attributes = {{"shape", "plaintext"}, {"fontcolor", "#777777"}};
  d.nodes.push_back(rest);
  d.edges.push_back({"unexplained", "tail", {{"style", "dotted"}}});
  return d;
}

}  // namespace qchain::visualization
