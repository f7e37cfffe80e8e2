#include "qchain/visualization/chain_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/engine/structure/yield_mean.hpp"
#include "qchain/report/grade_report.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/visualization/colour.hpp"

namespace qchain::visualization {

using namespace qchain::graphs;
using report::Lang;
using report::tr;

namespace {

struct Bin {
  double lo;
  const char* colour;
  const char* label;
};
// Sequential, colour-blind safe and readable in grey: viridis, dark (low yield) to light (high).
constexpr Bin kYieldBins[] = {{0.99, "#fde725", "≥ 99%"}, {0.97, "#7ad151", "97–99%"}, {0.95, "#22a884", "95–97%"},
                              {0.90, "#2a788e", "90–95%"}, {0.85, "#414487", "85–90%"}, {-1.0, "#440154", "< 85%"}};
constexpr const char* kUnknown = "#dddddd";

// Production level after a scenario (sequential reds, ordered by lightness), and change of delivered
// yield in points (diverging RdBu: blue better, red worse; colour-blind safe, unlike RdYlGn).
constexpr Bin kLevelBins[] = {{0.999, "#f7f7f7", "100%"}, {0.9, "#fee0d2", "90–100%"}, {0.5, "#fc9272", "50–90%"},
                              {0.01, "#de2d26", "1–50%"}, {-1.0, "#67000d", "< 1%"}};
constexpr Bin kChangeBins[] = {{0.5, "#0571b0", "≥ +0.5"}, {0.05, "#92c5de", "+0.05…+0.5"}, {-0.05, "#f7f7f7", "±0.05"},
                               {-0.5, "#f4a582", "−0.5…−0.05"}, {-1e9, "#ca0020", "≤ −0.5"}};

// Change of delivered yield between two snapshots (points): programme effects are whole points.
constexpr Bin kProgressBins[] = {{3, "#2166ac", "≥ +3"}, {1, "#67a9cf", "+1…+3"}, {0.2, "#d1e5f0", "+0.2…+1"},
                                 {-0.2, "#f7f7f7", "±0.2"}, {-1, "#f4a582", "−1…−0.2"}, {-1e9, "#b2182b", "≤ −1"}};
// Grades by Maturity (unknown, startup, developing, leaping): Okabe–Ito, told apart with any colour vision.
constexpr const char* kGradeColours[] = {kUnknown, okabe_ito::orange, okabe_ito::sky_blue, okabe_ito::bluish_green};

// The marks, one meaning each: leaders a heavy black frame and bold name; single points of supply
// failure (critical suppliers) a vermillion frame; the top quality-risk firms a ▲ with their rank.
constexpr const char* kLeaderFrame = "#000000";
constexpr const char* kCriticalFrame = okabe_ito::vermillion;
constexpr const char* kPlainFrame = "#666666";

template <std::size_t N>
const Bin& bin(const Bin (&bins)[N], double x) {
  for (const Bin& b : bins)
    if (x >= b.lo) return b;
  return bins[N - 1];
}

}  // namespace

std::string legend_label(const std::string& title, const LegendRows& rows, const std::vector<LegendMark>& marks) {
  std::string t = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"3\"><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>" +
                  html(title) + "</B></TD></TR>";
  for (const auto& [colour, label] : rows)
    t += "<TR><TD BGCOLOR=\"" + colour + "\" BORDER=\"1\" COLOR=\"#666666\" WIDTH=\"24\"></TD><TD ALIGN=\"LEFT\">" + html(label) + "</TD></TR>";
  if (!marks.empty()) t += "<TR><TD COLSPAN=\"2\"></TD></TR>";
  for (const LegendMark& m : marks)
    t += "<TR><TD BGCOLOR=\"#ffffff\" WIDTH=\"24\" " + m.cell + ">" + m.sample + "</TD><TD ALIGN=\"LEFT\">" + html(m.label) + "</TD></TR>";
  return t + "</TABLE>";
}

LegendRows yield_legend_rows() {
  LegendRows rows;
  for (const Bin& b : kYieldBins) rows.emplace_back(b.colour, b.label);
  return rows;
}

const char* yield_colour(double yield) { return std::isnan(yield) ? kUnknown : bin(kYieldBins, yield).colour; }

Diagram chain_map(const ChainGraph& g, const MapOptions& o) {
  const Lang L = o.lang;
  const std::uint32_t n = g.firm_count();
  const SupplyNetwork& net = g.network();
  const engine::WhatIfResult* sc = o.scenario;
  bool by_level = false;
  if (sc)
    for (double h : sc->level) by_level |= engine::has_lost_output(h);

  // Visible firms: everything, or the focus firm's neighbourhood (both directions, `depth` links).
  std::vector<std::uint8_t> visible(n, o.focus ? 0 : 1);
  if (o.focus) {
    std::vector<std::uint32_t> dist(n, kNone);
    std::vector<FirmId> queue{*o.focus};
    dist[*o.focus] = 0;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const FirmId v = queue[head];
      visible[v] = 1;
      if (dist[v] == o.depth) continue;
      const auto visit = [&](FirmId w) {
        if (dist[w] == kNone) dist[w] = dist[v] + 1, queue.push_back(w);
      };
      for (FirmId w : g.customers_of(v)) visit(w);
      for (FirmId w : g.suppliers_of(v)) visit(w);
    }
  }
  std::size_t visible_count = 0;
  for (std::uint8_t x : visible) visible_count += x;

  // Critical suppliers and the top quality-risk firms (their rank), and which firms stay individual when aggregated.
  std::vector<std::uint8_t> critical(n, 0), keep(n, 0);
  std::vector<std::uint32_t> risky(n, 0);  // rank among the top quality-risk firms, from 1; 0: not among them
  if (o.critical)
    for (const auto& l : o.critical->leaders)
      for (const auto& c : l.suppliers) critical[c.firm] = 1;
  if (o.quality)
    // Leaders aside: each tops the ranking through its own process, and has a mark of its own.
    for (std::size_t k = 0, rank = 0; k < o.quality->risk_ranking.size() && rank < o.top_risk; ++k)
      if (g.firm(o.quality->risk_ranking[k]).role != Role::chain_leader) risky[o.quality->risk_ranking[k]] = static_cast<std::uint32_t>(++rank);
  const bool aggregate = visible_count > o.max_nodes;
  // What a scenario did to each firm: 1 − level, or else the change of delivered yield.
  std::vector<double> effect(n, 0.0);
  if (sc)
    for (FirmId v = 0; v < n; ++v) {
      const double before = o.quality ? 1.0 - o.quality->state.delivered[v] : sc->delivered_yield[v];
      effect[v] = std::max(1.0 - sc->level[v], std::fabs(sc->delivered_yield[v] - before));
    }
  for (FirmId v = 0; v < n; ++v)
    keep[v] = visible[v] && (!aggregate || g.firm(v).role == Role::chain_leader || risky[v] || (o.focus && v == *o.focus));
  if (sc && aggregate) {
    // A scenario may touch most of the chain: the firms it hit hardest stay individual (shocked
    // firms first), kScenarioFirms at most so that they stay readable; the rest join the affected
    // group of their segment and role.
    std::vector<std::pair<double, FirmId>> hit;
    for (FirmId v = 0; v < n; ++v) {
      const bool shocked = std::binary_search(sc->shocked.begin(), sc->shocked.end(), v);
      if (visible[v] && !keep[v] && (shocked || effect[v] > 1e-6)) hit.emplace_back(-(effect[v] + (shocked ? 1.0 : 0.0)), v);
    }
    std::sort(hit.begin(), hit.end());
    constexpr std::size_t kScenarioFirms = 40;
    for (std::size_t k = 0; k < hit.size() && k < std::min(o.max_nodes / 3, kScenarioFirms); ++k) keep[hit[k].second] = 1;
  }
  if (aggregate) {
    // Critical suppliers too, as many as fit in a third of the budget, those stopping most leaders first.
    std::vector<std::pair<int, FirmId>> crit;
    if (o.critical) {
      std::map<FirmId, int> count;
      for (const auto& l : o.critical->leaders)
        for (const auto& c : l.suppliers) ++count[c.firm];
      for (auto [v, c] : count)
        if (visible[v]) crit.emplace_back(-c, v);
      std::sort(crit.begin(), crit.end());
    }
    for (std::size_t k = 0; k < crit.size() && k < o.max_nodes / 3; ++k) keep[crit[k].second] = 1;
  }

  Diagram d;
  d.name = "chain";
  const ChainInfo& info = g.info();
  const std::string title = report::chain_title(g) + (info.region.empty() ? "" : " · " + info.region);
  const std::string subtitle =
      sc ? std::string(tr(L, "情景：", "Scenario: ")) + sc->name
         : (o.change ? o.change_title
                     : o.grades ? std::string(tr(L, "企业质量分级图", "Firm grades")) : std::string(tr(L, "产业链图谱", "Chain map"))) +
               (aggregate ? tr(L, "（聚合视图）", " (aggregated)") : "");
  d.graph = {{"labelloc", "t"}, {"rankdir", "LR"}, {"newrank", "true"}, {"fontname", kFont},
             {"nodesep", "0.08"}, {"ranksep", "1.6"}, {"bgcolor", "white"}, {"tooltip", esc(info.name)}};
  d.node_defaults = {{"fontname", kFont}, {"fontsize", "10"}, {"shape", "box"}, {"style", "rounded,filled"}, {"penwidth", "1"}};
  d.edge_defaults = {{"color", "#55555588"}, {"arrowsize", "0.5"}};

  // One column per segment, in order; firms without a segment last.
  const std::vector<std::uint32_t> order = engine::segments_in_order(g);
  const auto cluster_of = [&](std::uint32_t seg) { return seg == kNone ? std::string("none") : "s" + std::to_string(seg); };
  std::vector<std::uint32_t> seg_list(order.begin(), order.end());
  bool any_unsegmented = false;
  for (FirmId v = 0; v < n; ++v) any_unsegmented |= visible[v] && g.firm(v).segment == kNone;
  if (any_unsegmented) seg_list.push_back(kNone);
  for (std::uint32_t seg : seg_list) {
    DiagramCluster c;
    c.id = cluster_of(seg);
    c.label = "<B>" + html(report::segment_label(g, seg, L)) + "</B>";
    c.attributes = {{"style", "rounded,filled"}, {"fillcolor", "#f4f6fa"}, {"color", "#b0b8c8"}, {"fontname", kFont}, {"fontsize", "14"}};
    d.clusters.push_back(c);
  }

  const auto firm_node = [](FirmId v) { return "f" + std::to_string(v); };
  for (FirmId v = 0; v < n; ++v) {
    if (!keep[v]) continue;
    const Firm& f = g.firm(v);
    DiagramNode node;
    node.id = firm_node(v);
    node.cluster = cluster_of(f.segment);
    const bool leader = f.role == Role::chain_leader;
    const double own = o.quality ? 1.0 - o.quality->own.rate[v] : f.first_pass_yield;
    std::vector<std::string> rows;
    for (const std::string& line : wrap_lines(f.name)) rows.push_back(leader ? "<B>" + html(line) + "</B>" : html(line));
    rows.push_back("<FONT POINT-SIZE=\"8\">" + html(f.id) + " · " + html(qchain::percent(own, 1)) + "</FONT>");
    if (risky[v])
      rows.push_back("<FONT POINT-SIZE=\"9\"><B>" + html(L == Lang::zh ? "▲ 质量风险第 " + std::to_string(risky[v]) + " 位"
                                                                      : "▲ quality risk #" + std::to_string(risky[v])) + "</B></FONT>");
    node.label = stacked(rows);
    std::string fill = yield_colour(own);
    if (sc) {
      fill = by_level ? bin(kLevelBins, sc->level[v]).colour
                      : bin(kChangeBins, (sc->delivered_yield[v] - (o.quality ? 1.0 - o.quality->state.delivered[v] : sc->delivered_yield[v])) * 100).colour;
    }
    if (o.grades) fill = kGradeColours[static_cast<int>(o.grades->grade[v])];
    if (o.change) fill = std::isnan((*o.change)[v]) ? kUnknown : bin(kProgressBins, (*o.change)[v] * 100).colour;
    node.attributes["fillcolor"] = fill;
    node.attributes["fontcolor"] = text_colour_on(fill);
    node.attributes["color"] = critical[v] ? kCriticalFrame : leader ? kLeaderFrame : kPlainFrame;
    if (leader) node.attributes["penwidth"] = "4", node.attributes["fontsize"] = "12";
    else if (critical[v]) node.attributes["penwidth"] = "3";
    if (sc && std::binary_search(sc->shocked.begin(), sc->shocked.end(), v))
      node.attributes["style"] = "rounded,filled,bold,dashed", node.attributes["penwidth"] = "3";
    std::string tip = f.id + " " + f.name + "\n" + report::role_label(f.role, L) + "\n" + tr(L, "一次合格率 ", "first-pass yield ") +
                      qchain::percent(own, 1);
    if (o.quality) tip += std::string("\n") + tr(L, "交付合格率 ", "delivered yield ") + qchain::percent(1 - o.quality->state.delivered[v], 2);
    for (const Certification& c : f.certifications)
      tip += "\n" + g.schemes()[c.scheme] + " " + std::string(to_string(c.status)) + (c.expires.empty() ? "" : " " + c.expires);
    for (const FirmIssue& x : f.issues)
      tip += "\n" + g.issues()[x.issue].code + " " + g.issues()[x.issue].name + " (" + std::to_string(x.severity) + ")";
    if (sc) tip += std::string("\n") + tr(L, "情景后生产水平 ", "level after the scenario ") + qchain::percent(sc->level[v], 1);
    if (o.grades) tip += std::string("\n") + tr(L, "测算等级 ", "computed grade ") + report::grade_label(o.grades->grade[v], L);
    if (o.change)
      tip += std::string("\n") + tr(L, "交付合格率变化 ", "change of delivered yield ") +
             (std::isnan((*o.change)[v]) ? std::string(tr(L, "新进入", "new entrant")) : qchain::points((*o.change)[v], 2));
    node.attributes["tooltip"] = esc(tip);
    d.nodes.push_back(std::move(node));
  }

  // Groups of the aggregated map: one per (segment, role) among firms not kept; in a scenario view the
  // firms it affected form groups of their own beside those it left alone.
  std::map<std::tuple<std::uint32_t, int, bool>, std::vector<FirmId>> groups;
  for (FirmId v = 0; v < n; ++v)
    if (visible[v] && !keep[v]) groups[{g.firm(v).segment, static_cast<int>(g.firm(v).role), effect[v] > 1e-6}].push_back(v);
  std::vector<std::string> node_of(n);
  for (FirmId v = 0; v < n; ++v)
    if (keep[v]) node_of[v] = firm_node(v);
  for (const auto& [key, members] : groups) {
    const auto [seg, role_index, affected] = key;
    const std::string id = "g" + (seg == kNone ? std::string("x") : std::to_string(seg)) + "_" + std::to_string(role_index) +
                           (affected ? "_hit" : "");
    double level = 0, change = 0, yield_change = 0;
    std::size_t changed = 0;
    engine::YieldMean yield;
    std::array<std::size_t, 4> grades{};
    for (FirmId v : members) {
      yield.add(o.quality ? 1.0 - o.quality->own.rate[v] : g.firm(v).first_pass_yield);
      if (sc) {
        level += sc->level[v];
        yield_change += sc->delivered_yield[v] - (o.quality ? 1.0 - o.quality->state.delivered[v] : sc->delivered_yield[v]);
      }
      if (o.grades) ++grades[static_cast<int>(o.grades->grade[v])];
      if (o.change && !std::isnan((*o.change)[v])) change += (*o.change)[v], ++changed;
      node_of[v] = id;
    }
    const double mean = yield.mean();
    DiagramNode node;
    node.id = id;
    node.cluster = cluster_of(seg);
    const char* role = report::role_label(static_cast<Role>(role_index), L);
    const double count = static_cast<double>(members.size());
    std::string text = L == Lang::zh ? std::to_string(members.size()) + " 家" + role + " · 平均合格率 " + qchain::percent(mean, 1)
                                     : std::to_string(members.size()) + " " + role + " firms · mean yield " + qchain::percent(mean, 1);
    node.label = html(text);
    if (sc && affected) {
      const std::string hit = by_level ? std::string(tr(L, "受影响，平均生产水平 ", "affected, mean level ")) + qchain::percent(level / count, 1)
                                       : std::string(tr(L, "受影响，交付合格率平均变化 ", "affected, mean change ")) +
                                             qchain::points(yield_change / count, 3);
      node.label += "<BR/>" + html(hit);
      text += "\n" + hit;
    }
    std::string fill = yield_colour(mean);
    if (sc) fill = by_level ? bin(kLevelBins, level / count).colour : bin(kChangeBins, yield_change / count * 100).colour;
    node.attributes = {{"shape", "box3d"}, {"style", "filled"}, {"fillcolor", fill}, {"color", kPlainFrame}, {"tooltip", esc(text)}};
    if (o.grades) {  // the most common grade of the group, and how many of each
      node.attributes["fillcolor"] = kGradeColours[std::max_element(grades.begin(), grades.end()) - grades.begin()];
      std::string mix;
      for (Maturity m : {Maturity::startup, Maturity::developing, Maturity::leaping})
        mix += (mix.empty() ? "" : " / ") + std::string(report::grade_label(m, L)) + " " + std::to_string(grades[static_cast<int>(m)]);
      node.label = html(std::to_string(members.size()) + (L == Lang::zh ? " 家" : " ") + role + (L == Lang::zh ? "：" : " firms: ") + mix);
    }
    if (o.change) node.attributes["fillcolor"] = changed ? bin(kProgressBins, change / changed * 100).colour : kUnknown;
    node.attributes["fontcolor"] = text_colour_on(node.attributes["fillcolor"]);
    d.nodes.push_back(std::move(node));
  }

  // Links between drawn nodes; parallel links between groups summed.
  struct Agg {
    std::size_t count = 0;
    bool essential = false;
    std::vector<std::string> inputs;  // what a firm-to-firm edge carries, by catalogue name
  };
  std::map<std::pair<std::string, std::string>, Agg> agg;
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    if (!visible[l.supplier] || !visible[l.customer]) continue;
    Agg& a = agg[{node_of[l.supplier], node_of[l.customer]}];
    ++a.count;
    a.essential |= l.essential;
    // Only a chain with an input catalogue says what an edge carries: maps of other chains stay as they were.
    if (!g.input_catalogue().empty()) {
      const std::string label(g.input_label_of(e));
      if (std::find(a.inputs.begin(), a.inputs.end(), label) == a.inputs.end()) a.inputs.push_back(label);
    }
  }
  // Widths by share within the input for firm-to-firm links, by link count for groups.
  std::vector<double> share_of(g.link_count(), 0.0);
  for (std::size_t k = 0; k < net.in_link.size(); ++k) share_of[net.in_link[k]] = net.in_share[k];
  std::map<std::pair<std::string, std::string>, double> width;
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    if (!visible[l.supplier] || !visible[l.customer]) continue;
    double& w = width[{node_of[l.supplier], node_of[l.customer]}];
    w = std::max(w, share_of[e]);
  }
  for (const auto& [ends, a] : agg) {
    if (ends.first == ends.second) continue;
    DiagramEdge edge;
    edge.tail = ends.first;
    edge.head = ends.second;
    const bool group = ends.first[0] == 'g' || ends.second[0] == 'g';
    const double w = group ? 0.8 + std::log2(1.0 + a.count) : 0.6 + 2.4 * width[ends];
    edge.attributes["penwidth"] = num(w, 2);
    if (!a.essential) edge.attributes["style"] = "dashed";
    if (group) edge.attributes["tooltip"] = esc(std::to_string(a.count) + tr(L, " 条供应关系", " links"));
    else if (!a.inputs.empty()) {
      std::string carried;
      for (const std::string& i : a.inputs) carried += (carried.empty() ? "" : tr(L, "、", ", ")) + i;
      edge.attributes["tooltip"] = esc(carried);
    }
    d.edges.push_back(std::move(edge));
  }
  // One column per segment; invisible links keep the columns in segment order when no real link does.
  std::string previous;
  for (std::uint32_t seg : seg_list) {
    std::string first;
    for (DiagramNode& node : d.nodes) {
      if (node.cluster != cluster_of(seg)) continue;
      node.rank = cluster_of(seg);
      if (first.empty()) first = node.id;
    }
    if (first.empty()) continue;
    if (!previous.empty()) d.edges.push_back({previous, first, {{"style", "invis"}, {"weight", "0"}}});
    previous = first;
  }

  // The legend.
  std::vector<std::pair<std::string, std::string>> rows;
  std::string heading;
  if (sc && by_level) {
    heading = tr(L, "情景后生产水平", "Production level after the scenario");
    for (const Bin& b : kLevelBins) rows.emplace_back(b.colour, b.label);
  } else if (sc) {
    heading = tr(L, "交付合格率变化（百分点）", "Change of delivered yield (points)");
    for (const Bin& b : kChangeBins) rows.emplace_back(b.colour, b.label);
  } else if (o.grades) {
    heading = tr(L, "测算质量等级", "Computed grade");
    for (Maturity m : {Maturity::leaping, Maturity::developing, Maturity::startup})
      rows.emplace_back(kGradeColours[static_cast<int>(m)], report::grade_label(m, L));
  } else if (o.change) {
    heading = tr(L, "交付合格率变化（百分点）", "Change of delivered yield (points)");
    for (const Bin& b : kProgressBins) rows.emplace_back(b.colour, b.label);
    rows.emplace_back(kUnknown, tr(L, "新进入企业", "new entrant"));
  } else {
    heading = tr(L, "一次合格率", "First-pass yield");
    rows = yield_legend_rows();
    rows.emplace_back(kUnknown, tr(L, "未知", "unknown"));
  }
  std::vector<LegendMark> marks;
  marks.push_back({"BORDER=\"4\" COLOR=\"" + std::string(kLeaderFrame) + "\"", "", tr(L, "黑色粗框、加粗名称：链主企业", "heavy black frame, bold name: chain leader")});
  if (o.critical)
    marks.push_back({"BORDER=\"3\" COLOR=\"" + std::string(kCriticalFrame) + "\"", "",
                     tr(L, "橙红色框：关键供应商（单点断供即致链主停产）", "vermillion frame: critical supplier (its stop alone stops a leader)")});
  if (o.quality && o.top_risk) {
    std::size_t marked = 0;
    for (FirmId v = 0; v < n; ++v) marked += risky[v] && keep[v];
    marks.push_back({"", "<B>▲</B>",
                     L == Lang::zh ? "▲ 第 N 位：链主以外质量风险指数前 " + std::to_string(o.top_risk) + " 名（图中 " + std::to_string(marked) + " 家）"
                                   : "▲ #N: among the top " + std::to_string(o.top_risk) + " by quality-risk index, leaders aside (" + std::to_string(marked) + " shown)"});
  }
  if (aggregate)
    marks.push_back({"BORDER=\"1\" COLOR=\"" + std::string(kPlainFrame) + "\"", "▭",
                     tr(L, "立体框：同环节同规模企业的聚合组（家数、平均值）", "3-D box: a group of firms of one segment and size (count, mean)")});
  marks.push_back({"", "- - -", tr(L, "虚线：非必需投入；线宽：供应份额", "dashed line: non-essential input; width: share")});
  if (sc) marks.push_back({"", "┅", tr(L, "粗虚框：情景直接冲击的企业", "bold dashed frame: shocked directly")});
  DiagramNode lg;
  lg.id = "legend";
  lg.label = legend_label(heading, rows, marks);
  lg.attributes = {{"shape", "plaintext"}, {"style", ""}, {"fontsize", "10"}};
  d.nodes.push_back(lg);
  d.label = title_label(title, subtitle);
  return d;
}

}  // namespace qchain::visualization
