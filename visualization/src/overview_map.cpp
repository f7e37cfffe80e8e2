#include "qchain/visualization/overview_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>
#include <unordered_map>

#include "qchain/core/error.hpp"
#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/engine/structure/yield_mean.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/colour.hpp"

namespace qchain::visualization {

using namespace qchain::graphs;
using report::Lang;
using report::tr;

namespace {

// Three bands a planner acts on (good, to watch, to help), and "not given": coarse enough that a
// size class keeps to a few rows, the rows filled on the map's yield scale by their mean.
struct Band {
  double lo;
  const char* label;
};
constexpr Band kBands[] = {{0.97, "≥ 97%"}, {0.90, "90–97%"}, {-1.0, "< 90%"}};
constexpr int kUnknownBand = 3, kBandCount = 4;
constexpr int kAny = -1;  // a group of every role or every band
constexpr const char* kLeaderFrame = "#000000";
constexpr const char* kFocusFrame = okabe_ito::blue;
constexpr const char* kPlainFrame = "#666666";

int band_of(double yield) {
  if (std::isnan(yield)) return kUnknownBand;
  for (int k = 0; k < 3; ++k)
    if (yield >= kBands[k].lo) return k;
  return 2;
}

struct Stats {
  std::size_t count = 0;
  engine::YieldMean mean;
  std::array<std::size_t, kBandCount> band_count{};
  std::array<engine::YieldMean, kBandCount> band_mean{};
  void add(double yield) {
    ++count, mean.add(yield);
    const int b = band_of(yield);
    ++band_count[b], band_mean[b].add(yield);
  }
};

// A node of the overview: one firm, or a group of a segment (slot), a role and a band (each may be kAny).
struct Unit {
  FirmId firm = kNone;
  std::uint32_t slot = 0;
  int role = kAny, band = kAny;
  Stats stats;
  std::string id;
};

// Purchase value and count of links into or out of a firm.
struct Flow {
  double value = 0;
  std::size_t links = 0;
};

std::string count_text(std::size_t n) {
  std::string s = std::to_string(n);
  for (int at = static_cast<int>(s.size()) - 3; at > 0; at -= 3) s.insert(static_cast<std::size_t>(at), ",");
  return s;
}

// A purchase value given in 10k CNY, as planners say it: 万元 up to 1 亿, then 亿元.
std::string value_text(double wan, Lang L) {
  if (L == Lang::zh) return wan >= 1e4 ? qchain::fixed(wan / 1e4, 1) + " 亿元" : qchain::fixed(wan, 0) + " 万元";
  return wan >= 1e5 ? "CNY " + qchain::fixed(wan / 1e5, 1) + " bn" : "CNY " + qchain::fixed(wan / 100, 1) + " m";
}

std::string firms_text(std::size_t n, Lang L) { return count_text(n) + (L == Lang::zh ? " 家" : n == 1 ? " firm" : " firms"); }

std::string cell(const std::string& text, const std::string& fill, const char* align = "LEFT", int span = 1) {
  return "<TD ALIGN=\"" + std::string(align) + "\" BGCOLOR=\"" + fill + "\"" + (span > 1 ? " COLSPAN=\"" + std::to_string(span) + "\"" : "") +
         "><FONT COLOR=\"" + text_colour_on(fill) + "\">" + text + "</FONT></TD>";
}

// A group: a header with its size class, count and mean yield, then one row per yield band present.
std::string group_label(const Unit& u, Lang L) {
  const Stats& s = u.stats;
  const std::string head_fill = yield_colour(s.mean.mean());
  std::string who = u.role == kAny ? std::string(tr(L, "全部企业", "all firms")) : report::role_label(static_cast<Role>(u.role), L);
  if (u.band != kAny) who += " · " + std::string(u.band == kUnknownBand ? tr(L, "未填合格率", "yield not given") : kBands[u.band].label);
  std::string t = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\">";
  t += "<TR>" + cell("<B>" + html(who) + "</B>  " + html(firms_text(s.count, L)), head_fill, "LEFT", 3) + "</TR>";
  t += "<TR>" + cell(html(tr(L, "平均合格率 ", "mean yield ") + qchain::percent(s.mean.mean(), 1)), head_fill, "LEFT", 3) + "</TR>";
  if (u.band == kAny)
    for (int b = 0; b < kBandCount; ++b) {
      if (!s.band_count[b]) continue;
      const std::string fill = yield_colour(s.band_mean[b].mean());
      const std::string band = b == kUnknownBand ? tr(L, "未填", "n/a") : kBands[b].label;
      t += "<TR>" + cell(html(band), fill) + cell(html(firms_text(s.band_count[b], L)), fill, "RIGHT") +
           cell(html(b == kUnknownBand ? std::string("–") : qchain::percent(s.band_mean[b].mean(), 1)), fill, "RIGHT") + "</TR>";
    }
  return t + "</TABLE>";
}

std::string firm_label(const ChainGraph& g, FirmId v, const Flow& in, Lang L) {
  const Firm& f = g.firm(v);
  const bool leader = f.role == Role::chain_leader;
  std::vector<std::string> rows;
  for (const std::string& line : wrap_lines(f.name, kWrapEm, 2)) rows.push_back(leader ? "<B>" + html(line) + "</B>" : html(line));
  rows.push_back("<FONT POINT-SIZE=\"10\">" + html(f.id + " · " + qchain::percent(f.first_pass_yield, 1)) + "</FONT>");
  if (leader && in.links)
    rows.push_back("<FONT POINT-SIZE=\"10\">" + html(L == Lang::zh ? "供应关系 " + count_text(in.links) + " 条" : count_text(in.links) + " supply links") + "</FONT>");
  return stacked(rows);
}

struct EdgeSum {
  std::size_t links = 0;
  double value = 0;
  bool essential = false;
};

}  // namespace

Diagram overview_map(const ChainGraph& g, const OverviewOptions& o) {
  const Lang L = o.lang;
  const std::uint32_t n = g.firm_count();
  const std::uint32_t slots = static_cast<std::uint32_t>(g.segments().size()) + 1;  // the last for firms without a segment
  const auto slot_of = [&](FirmId v) { return g.firm(v).segment == kNone ? slots - 1 : g.firm(v).segment; };
  if (o.focus && *o.focus >= n) throw UsageError("--focus: no such firm");
  if (o.segment && *o.segment >= slots - 1) throw UsageError("--segment: no such segment");

  // What flows into and out of each firm; the weight of an edge is purchase value when the chain gives any.
  bool has_value = false;
  std::vector<Flow> in(n);
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    has_value |= !std::isnan(l.value);
    ++in[l.customer].links;
    if (!std::isnan(l.value)) in[l.customer].value += l.value;
  }
  const auto weight_of = [&](double value, std::size_t links) { return has_value ? value : static_cast<double>(links); };

  // Firms drawn by name: the largest leaders, the focus firm and its largest partners.
  std::vector<std::uint8_t> named(n, 0);
  std::vector<FirmId> leaders = g.leaders();
  std::stable_sort(leaders.begin(), leaders.end(), [&](FirmId a, FirmId b) {
    return weight_of(in[a].value, in[a].links) > weight_of(in[b].value, in[b].links);
  });
  for (std::size_t k = 0; k < leaders.size() && k < o.max_leaders; ++k) named[leaders[k]] = 1;
  if (o.focus) {
    named[*o.focus] = 1;
    std::vector<std::pair<double, FirmId>> sup, cus;  // (−value of the link, partner)
    for (LinkId e = 0; e < g.link_count(); ++e) {
      const SupplyLink& l = g.link(e);
      const double w = -weight_of(std::isnan(l.value) ? 0 : l.value, 1);
      if (l.customer == *o.focus) sup.emplace_back(w, l.supplier);
      if (l.supplier == *o.focus) cus.emplace_back(w, l.customer);
    }
    for (auto* side : {&sup, &cus}) {
      std::sort(side->begin(), side->end());
      for (std::size_t k = 0; k < side->size() && k < o.neighbours; ++k) named[(*side)[k].second] = 1;
    }
  }
  // A drilled-down segment of few firms is drawn firm by firm.
  if (o.segment) {
    std::size_t in_segment = 0;
    for (FirmId v = 0; v < n; ++v) in_segment += slot_of(v) == *o.segment;
    if (in_segment <= o.segment_firms)
      for (FirmId v = 0; v < n; ++v) named[v] |= slot_of(v) == *o.segment;
  }

  // Every firm's unit: its own, or its group's. Groups are (segment, role) in the overview; in a
  // drill-down (segment, role, band) inside the segment and the whole segment elsewhere.
  const auto group_index = [&](FirmId v) {
    const std::uint32_t s = slot_of(v);
    int role = static_cast<int>(g.firm(v).role), band = kAny;
    if (o.segment && s == *o.segment) band = band_of(g.firm(v).first_pass_yield);
    else if (o.segment) role = kAny;
    return (static_cast<std::size_t>(s) * (kRoleCount + 1) + static_cast<std::size_t>(role + 1)) * (kBandCount + 1) + static_cast<std::size_t>(band + 1);
  };
  std::vector<Unit> units;
  std::vector<std::uint32_t> unit_of(n), group_unit(static_cast<std::size_t>(slots) * (kRoleCount + 1) * (kBandCount + 1), kNone);
  for (FirmId v = 0; v < n; ++v) {
    std::uint32_t u;
    if (named[v]) {
      u = static_cast<std::uint32_t>(units.size());
      units.push_back({v, slot_of(v), static_cast<int>(g.firm(v).role), kAny, {}, "f" + std::to_string(v)});
    } else {
      const std::size_t k = group_index(v);
      if (group_unit[k] == kNone) {
        group_unit[k] = static_cast<std::uint32_t>(units.size());
        Unit gu;
        gu.slot = slot_of(v);
        gu.role = static_cast<int>((k / (kBandCount + 1)) % (kRoleCount + 1)) - 1;
        gu.band = static_cast<int>(k % (kBandCount + 1)) - 1;
        gu.id = "g" + std::to_string(gu.slot) + "_" + std::to_string(gu.role + 1) + "_" + std::to_string(gu.band + 1);
        units.push_back(std::move(gu));
      }
      u = group_unit[k];
    }
    unit_of[v] = u;
    units[u].stats.add(g.firm(v).first_pass_yield);
  }

  // Links merged into one edge per pair of units: linear in the links, the pairs few.
  std::unordered_map<std::uint64_t, EdgeSum> sums;
  double total = 0;
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    const double value = std::isnan(l.value) ? 0 : l.value;
    total += weight_of(value, 1);
    const std::uint32_t a = unit_of[l.supplier], b = unit_of[l.customer];
    if (a == b) continue;
    EdgeSum& s = sums[(static_cast<std::uint64_t>(a) << 32) | b];
    ++s.links, s.value += value, s.essential |= l.essential;
  }
  std::vector<std::pair<std::uint64_t, EdgeSum>> edges(sums.begin(), sums.end());
  std::sort(edges.begin(), edges.end(), [&](const auto& x, const auto& y) {
    const double wx = weight_of(x.second.value, x.second.links), wy = weight_of(y.second.value, y.second.links);
    return wx != wy ? wx > wy : x.first < y.first;
  });
  // The heaviest edges; every firm drawn by name keeps its heaviest edge, the focus firm all of its own.
  std::vector<std::uint8_t> drawn(edges.size(), 0), has_edge(units.size(), 0);
  for (std::size_t k = 0; k < edges.size() && k < o.max_edges; ++k) drawn[k] = 1;
  for (std::size_t k = 0; k < edges.size(); ++k)
    if (drawn[k]) has_edge[edges[k].first >> 32] = has_edge[edges[k].first & 0xffffffffu] = 1;
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const std::uint32_t a = static_cast<std::uint32_t>(edges[k].first >> 32), b = static_cast<std::uint32_t>(edges[k].first & 0xffffffffu);
    const bool focus_edge = o.focus && (units[a].firm == *o.focus || units[b].firm == *o.focus);
    const bool lonely = (units[a].firm != kNone && !has_edge[a]) || (units[b].firm != kNone && !has_edge[b]);
    if (focus_edge || lonely) drawn[k] = 1, has_edge[a] = has_edge[b] = 1;
  }
  double drawn_weight = 0, heaviest = 0;
  std::size_t drawn_count = 0;
  for (std::size_t k = 0; k < edges.size(); ++k)
    if (drawn[k]) {
      const double w = weight_of(edges[k].second.value, edges[k].second.links);
      drawn_weight += w, heaviest = std::max(heaviest, w), ++drawn_count;
    }

  Diagram d;
  d.name = "overview";
  d.graph = {{"labelloc", "t"}, {"rankdir", "LR"}, {"newrank", "true"}, {"fontname", kFont}, {"fontsize", "18"},
             {"nodesep", "0.15"}, {"ranksep", "1.1"}, {"bgcolor", "white"}, {"tooltip", esc(g.info().name)},
             // Never larger than an A3 landscape page: Graphviz scales a larger drawing down to it.
             {"size", num(kA3LongInches, 2) + "," + num(kA3ShortInches, 2)}};
  d.node_defaults = {{"fontname", kFont}, {"fontsize", "12"}, {"shape", "box"}, {"style", "filled"}, {"penwidth", "1"}, {"margin", "0"}};
  d.edge_defaults = {{"color", "#55555599"}, {"arrowsize", "0.6"}};

  const std::vector<std::uint32_t> order = engine::segments_in_order(g);
  std::vector<std::uint32_t> slot_list(order.begin(), order.end());
  slot_list.push_back(slots - 1);
  std::vector<std::size_t> slot_firms(slots, 0);
  for (const Unit& u : units) slot_firms[u.slot] += u.stats.count;
  const auto cluster_of = [](std::uint32_t slot) { return "s" + std::to_string(slot); };
  for (std::uint32_t s : slot_list) {
    if (!slot_firms[s]) continue;
    DiagramCluster c;
    c.id = cluster_of(s);
    c.label = "<B>" + html(report::segment_label(g, s == slots - 1 ? kNone : s, L)) + "</B><BR/>" + html(firms_text(slot_firms[s], L));
    c.attributes = {{"style", "rounded,filled"}, {"fillcolor", "#f4f6fa"}, {"color", "#b0b8c8"}, {"fontname", kFont}, {"fontsize", "14"}};
    d.clusters.push_back(c);
  }

  // Nodes column by column; in a column the groups by role and band, then the firms drawn by name.
  std::vector<std::uint32_t> node_order(units.size());
  for (std::uint32_t u = 0; u < units.size(); ++u) node_order[u] = u;
  std::vector<std::uint32_t> column(slots);
  for (std::uint32_t k = 0; k < slot_list.size(); ++k) column[slot_list[k]] = k;
  std::sort(node_order.begin(), node_order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Unit &x = units[a], &y = units[b];
    return std::make_tuple(column[x.slot], x.firm != kNone, x.role, x.band, x.firm) < std::make_tuple(column[y.slot], y.firm != kNone, y.role, y.band, y.firm);
  });
  for (std::uint32_t ui : node_order) {
    const Unit& u = units[ui];
    DiagramNode node;
    node.id = u.id;
    node.cluster = cluster_of(u.slot);
    node.rank = node.cluster;
    if (u.firm == kNone) {
      node.label = group_label(u, L);
      node.attributes = {{"fillcolor", "#ffffff"}, {"color", kPlainFrame}, {"tooltip", esc(u.id)}};
    } else {
      const Firm& f = g.firm(u.firm);
      const std::string fill = yield_colour(f.first_pass_yield);
      node.label = firm_label(g, u.firm, in[u.firm], L);
      node.attributes = {{"style", "rounded,filled"}, {"fillcolor", fill}, {"fontcolor", text_colour_on(fill)}, {"margin", "0.08,0.04"},
                         {"color", kPlainFrame}, {"tooltip", esc(f.id + " " + f.name)}};
      if (f.role == Role::chain_leader) node.attributes["color"] = kLeaderFrame, node.attributes["penwidth"] = "4";
      if (o.focus && u.firm == *o.focus) node.attributes["color"] = kFocusFrame, node.attributes["penwidth"] = "4";
    }
    d.nodes.push_back(std::move(node));
  }

  std::vector<std::size_t> edge_order;
  for (std::size_t k = 0; k < edges.size(); ++k)
    if (drawn[k]) edge_order.push_back(k);
  std::sort(edge_order.begin(), edge_order.end(), [&](std::size_t a, std::size_t b) { return edges[a].first < edges[b].first; });
  for (std::size_t k : edge_order) {
    const EdgeSum& s = edges[k].second;
    DiagramEdge e;
    e.tail = units[edges[k].first >> 32].id;
    e.head = units[edges[k].first & 0xffffffffu].id;
    const double w = weight_of(s.value, s.links);
    e.attributes["penwidth"] = num(0.8 + 7.2 * std::sqrt(heaviest > 0 ? w / heaviest : 0), 2);
    if (!s.essential) e.attributes["style"] = "dashed";
    std::string tip = L == Lang::zh ? count_text(s.links) + " 条供应关系" : count_text(s.links) + " links";
    if (has_value) tip += (L == Lang::zh ? "，采购额 " : ", purchases ") + value_text(s.value, L);
    e.attributes["tooltip"] = esc(tip);
    d.edges.push_back(std::move(e));
  }
  // Invisible links keep the columns in segment order when no drawn edge does.
  std::string previous;
  for (std::uint32_t s : slot_list) {
    const auto it = std::find_if(d.nodes.begin(), d.nodes.end(), [&](const DiagramNode& x) { return x.cluster == cluster_of(s); });
    if (it == d.nodes.end()) continue;
    if (!previous.empty()) d.edges.push_back({previous, it->id, {{"style", "invis"}, {"weight", "0"}}});
    previous = it->id;
  }

  // The legend: the yield scale, each mark, what the edges leave out.
  LegendRows rows = yield_legend_rows();
  rows.emplace_back("#dddddd", tr(L, "未填报", "not given"));
  const auto lines = [](const std::string& text) {
    std::string out;
    for (const std::string& l : wrap_lines(text, 22)) out += (out.empty() ? "" : "\n") + l;
    return out;
  };
  std::vector<LegendMark> marks;
  marks.push_back({"BORDER=\"4\" COLOR=\"" + std::string(kLeaderFrame) + "\"", "", lines(tr(L, "黑色粗框、加粗名称：链主企业", "heavy black frame, bold name: chain leader"))});
  if (o.focus) marks.push_back({"BORDER=\"4\" COLOR=\"" + std::string(kFocusFrame) + "\"", "", lines(tr(L, "蓝色粗框：关注企业（--focus），其主要供应商和客户单独画出", "blue frame: the focus firm (--focus), its main suppliers and customers drawn by name"))});
  marks.push_back({"BORDER=\"1\" COLOR=\"" + std::string(kPlainFrame) + "\"", "▤",
                   lines(tr(L, "表格框：同环节同规模的企业，按一次合格率分档给出家数和平均合格率（颜色同上）",
                            "table: the firms of one segment and size, by yield band with count and mean yield (colours as above)"))});
  const std::string share = qchain::percent(total > 0 ? drawn_weight / total : 0, 0);
  marks.push_back({"", "━", lines(L == Lang::zh ? std::string(has_value ? "线宽：采购额" : "线宽：供应关系条数") + "；两组间的供应关系合并为一条线，图中 " +
                                                      std::to_string(drawn_count) + " 条，占全部" + (has_value ? "采购额的 " : "供应关系的 ") + share
                                                : std::string(has_value ? "width: purchase value" : "width: number of links") +
                                                      "; the links between two groups merged into one line; " + std::to_string(drawn_count) +
                                                      " drawn, " + share + " of all " + (has_value ? "purchases" : "links"))});
  marks.push_back({"", "- - -", lines(tr(L, "虚线：非必需投入", "dashed line: non-essential input"))});
  DiagramNode lg;
  lg.id = "legend";
  lg.label = legend_label(tr(L, "平均一次合格率", "Mean first-pass yield"), rows, marks);
  lg.attributes = {{"shape", "plaintext"}, {"style", ""}, {"fontsize", "11"}};
  d.nodes.push_back(lg);

  std::string subtitle = L == Lang::zh ? "产业链总览：" + firms_text(n, L) + "、" + count_text(g.link_count()) + " 条供应关系，按环节 × 规模 × 合格率分档汇总"
                                       : "Chain overview: " + firms_text(n, L) + ", " + count_text(g.link_count()) + " links, by segment × size × yield band";
  if (o.segment) subtitle += (L == Lang::zh ? "；展开环节：" : "; drill-down: ") + g.segments()[*o.segment].name;
  if (o.focus) subtitle += (L == Lang::zh ? "；关注企业：" : "; focus: ") + g.firm(*o.focus).name;
  d.label = title_label(report::chain_title(g), subtitle);
  return d;
}

}  // namespace qchain::visualization
