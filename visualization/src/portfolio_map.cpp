#include "qchain/visualization/portfolio_map.hpp"

#include <cmath>
#include <map>

#include "html_page.hpp"
#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/engine/structure/yield_mean.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/visualization/chain_map.hpp"
#include "qchain/visualization/colour.hpp"
#include "qchain/visualization/report.hpp"

namespace qchain::visualization {

using namespace qchain::graphs;
using report::Lang;
using report::tr;

namespace {

std::string segment_node(std::size_t chain, std::uint32_t seg) {
  return "c" + std::to_string(chain) + "s" + (seg == kNone ? std::string("x") : std::to_string(seg));
}

}  // namespace

Diagram portfolio_map(const report::ChainList& chains, const engine::PortfolioResult& r, const PortfolioMapOptions& o) {
  const Lang L = o.lang;
  Diagram d;
  d.name = "portfolio";
  const std::size_t drawn = std::min(r.shared_firms.size(), o.max_shared_firms);
  std::string subtitle = std::string(tr(L, "产业链组合图谱（环节层级）", "Portfolio map (segment level)"));
  if (r.shared_firms.size() > drawn)
    subtitle += L == Lang::zh ? "，另有 " + std::to_string(r.shared_firms.size() - drawn) + " 家跨链企业未画出"
                              : "; " + std::to_string(r.shared_firms.size() - drawn) + " more cross-chain firms not drawn";
  d.label = title_label(tr(L, "产业链组合", "Portfolio"), subtitle);
  d.graph = {{"labelloc", "t"}, {"rankdir", "LR"}, {"fontname", kFont}, {"nodesep", "0.15"}, {"ranksep", "0.9"}, {"bgcolor", "white"}};
  d.node_defaults = {{"fontname", kFont}, {"fontsize", "10"}, {"shape", "box"}, {"style", "rounded,filled"}};
  d.edge_defaults = {{"color", "#55555588"}, {"arrowsize", "0.5"}};

  for (std::size_t i = 0; i < chains.size(); ++i) {
    const ChainGraph& g = *chains[i];
    DiagramCluster c;
    c.id = "c" + std::to_string(i);
    std::vector<std::string> title{"<B>" + html(report::chain_title(g)) + "</B>"};
    if (!g.info().region.empty()) title.push_back(html(g.info().region));
    c.label = stacked(title);
    c.attributes = {{"style", "rounded,filled"}, {"fillcolor", "#f4f6fa"}, {"color", "#b0b8c8"}, {"fontname", kFont}, {"fontsize", "13"}};
    d.clusters.push_back(c);
    // Segment nodes with their firm count, mean yield and leaders.
    struct Acc {
      std::uint32_t firms = 0, leaders = 0;
      engine::YieldMean yield;
    };
    std::map<std::uint32_t, Acc> acc;
    for (const Firm& f : g.firms()) {
      Acc& a = acc[f.segment];
      ++a.firms;
      a.yield.add(f.first_pass_yield);
      a.leaders += f.role == Role::chain_leader;
    }
    for (std::uint32_t seg : engine::segments_in_order(g)) acc.try_emplace(seg);
    std::vector<std::uint32_t> order = engine::segments_in_order(g);
    if (acc.count(kNone)) order.push_back(kNone);
    for (std::uint32_t seg : order) {
      const Acc& a = acc[seg];
      if (a.firms == 0) continue;
      const double mean = a.yield.mean();
      DiagramNode n;
      n.id = segment_node(i, seg);
      n.cluster = c.id;
      std::string detail = L == Lang::zh ? std::to_string(a.firms) + " 家 · 平均合格率 " + percent(mean, 1)
                                         : std::to_string(a.firms) + " firms · mean yield " + percent(mean, 1);
      if (a.leaders) detail += L == Lang::zh ? " · 链主 " + std::to_string(a.leaders) : " · leaders " + std::to_string(a.leaders);
      n.label = stacked({"<B>" + wrapped(report::segment_label(g, seg, L)) + "</B>", "<FONT POINT-SIZE=\"8\">" + html(detail) + "</FONT>"});
      n.attributes = {{"fillcolor", yield_colour(mean)}, {"fontcolor", text_colour_on(yield_colour(mean))}, {"tooltip", esc(report::chain_title(g) + " · " + report::segment_label(g, seg, L) + "\n" + detail)}};
      if (a.leaders) n.attributes["penwidth"] = "3";
      d.nodes.push_back(std::move(n));
    }
    // Links between segments, summed.
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> count;
    for (const SupplyLink& l : g.links()) {
      const std::uint32_t a = g.firm(l.supplier).segment, b = g.firm(l.customer).segment;
      if (a != b) ++count[{a, b}];
    }
    for (const auto& [ends, n] : count)
      d.edges.push_back({segment_node(i, ends.first), segment_node(i, ends.second),
                         {{"penwidth", num(0.6 + std::log2(1.0 + n) * 0.6, 2)}, {"tooltip", esc(std::to_string(n) + tr(L, " 条供应关系", " links"))}}});
  }

  // Firms in several chains, between the clusters.
  for (std::size_t k = 0; k < drawn; ++k) {
    const engine::SharedFirm& s = r.shared_firms[k];
    const auto [c0, v0] = s.in[0];
    DiagramNode n;
    n.id = "x" + std::to_string(k);
    n.label = stacked({wrapped(chains[c0]->firm(v0).name), "<FONT POINT-SIZE=\"8\">" + html(s.id) + (s.same_name ? "" : " (!)") + "</FONT>"});
    std::string tip = s.id;
    for (auto [i, v] : s.in) tip += "\n" + report::chain_title(*chains[i]) + ": " + report::customers_text(*chains[i], v);
    n.attributes = {{"shape", "ellipse"}, {"style", "filled"}, {"fillcolor", "#fff3cd"}, {"color", "#e08a00"}, {"penwidth", "2"}, {"tooltip", esc(tip)}};
    d.nodes.push_back(std::move(n));
    for (auto [i, v] : s.in)
      d.edges.push_back({"x" + std::to_string(k), segment_node(i, chains[i]->firm(v).segment),
                         {{"color", "#e08a00"}, {"style", "bold"}, {"dir", "none"}, {"constraint", "false"}}});
  }

  DiagramNode lg;
  lg.id = "legend";
  LegendRows rows = yield_legend_rows();
  rows.emplace_back("#fff3cd", tr(L, "跨链企业（橙线连到它所在的环节）", "firm in several chains (orange lines to its segments)"));
  rows.emplace_back("#ffffff", tr(L, "粗框：含链主企业的环节", "heavy border: segment with a chain leader"));
  lg.label = legend_label(tr(L, "环节平均一次合格率", "Segment mean first-pass yield"), rows);
  lg.attributes = {{"shape", "plaintext"}, {"style", ""}};
  d.nodes.push_back(lg);
  return d;
}

std::string portfolio_html(const report::ChainList& chains, const engine::PortfolioResult& r, const std::string& map_svg, Lang L,
                           const std::string& version) {
  const std::string title = tr(L, "产业链组合分析", "Portfolio of chains");
  std::string o = std::string("<!DOCTYPE html>\n<html lang=\"") + (L == Lang::zh ? "zh-CN" : "en") + "\"><head><meta charset=\"utf-8\"><title>" +
                  h(title) + "</title><style>" + kStyle + "</style></head><body>\n<h1>" + h(title) + "</h1>\n";
  o += "<h2>" + h(tr(L, "一、各产业链概况", "1. The chains")) + "</h2>\n";
  Table t;
  t.head({tr(L, "产业链", "Chain"), tr(L, "地区", "Region"), tr(L, "产业", "Industry"), tr(L, "数据日期", "As of"), tr(L, "企业", "Firms"),
          tr(L, "一次合格率均值", "Mean yield"), tr(L, "链主交付合格率", "Leaders' delivered yield"), tr(L, "短板环节", "Weak segment"),
          tr(L, "首要质量问题", "Top issues")});
  for (std::size_t i = 0; i < chains.size(); ++i) {
    const ChainGraph& g = *chains[i];
    const engine::PortfolioChain& c = r.chains[i];
    std::string leaders, issues;
    const char* sep = tr(L, "；", "; ");
    for (auto [v, y] : c.leaders) leaders += (leaders.empty() ? "" : sep) + g.firm(v).name + " " + percent(y, 2);
    for (std::uint32_t k : c.top_issues) issues += (issues.empty() ? "" : sep) + g.issues()[k].code + " " + g.issues()[k].name;
    t.row({report::chain_title(g), g.info().region, g.info().industry, g.info().as_of, std::to_string(c.firms), percent(c.mean_yield, 1),
           leaders, c.weak_segment == kNone ? "-" : g.segments()[c.weak_segment].name, issues});
  }
  o += t.done();

  const report::RegionIndustryGrid grid = report::region_industry_grid(chains);
  o += "<p>" + h(tr(L, "地区 × 产业：", "Region × industry:")) + "</p>\n<table><tr><th>" + h(tr(L, "地区", "Region")) + "</th>";
  for (const std::string& ind : grid.industries) o += "<th>" + h(ind.empty() ? tr(L, "（未注明产业）", "(no industry)") : ind) + "</th>";
  o += "</tr>";
  for (std::size_t k = 0; k < grid.regions.size(); ++k) {
    o += "<tr><td>" + h(grid.regions[k].empty() ? tr(L, "（未注明地区）", "(no region)") : grid.regions[k]) + "</td>";
    for (const auto& cell : grid.cell[k]) o += "<td>" + h(report::grid_cell_text(chains, r, cell, L)) + "</td>";
    o += "</tr>";
  }
  o += "</table>\n";

  o += "<h2>" + h(tr(L, "二、共性问题类别（人机料法测环）", "2. Shared problem classes (fishbone 6M)")) + "</h2>\n<p class=\"note\">" +
       h(tr(L, "各链链主交付缺陷按问题类别的来源占比；某类别在多条链中居前两位，是跨区域协作攻关的候选。",
            "Share of each chain's leaders' delivered defects by class; a class among the top two in several chains is a candidate for cross-region work.")) +
       "</p>\n<table><tr><th>" + h(tr(L, "类别", "Class")) + "</th>";
  for (const ChainGraph* g : chains) o += "<th>" + h(report::chain_title(*g)) + "</th>";
  o += "<th>" + h(tr(L, "居前两位的链数", "Top-2 in chains")) + "</th></tr>";
  for (const engine::SharedCategory& c : r.categories) {
    o += "<tr><td>" + h(report::category_label(c.category, L)) + "</td>";
    for (const engine::PortfolioChain& x : r.chains) o += "<td>" + h(percent(x.category_share[static_cast<int>(c.category)], 1)) + "</td>";
    o += "<td>" + std::to_string(c.chains.size()) + "</td></tr>";
  }
  o += "</table>\n";

  o += "<h2>" + h(tr(L, "三、多条链共有的质量问题", "3. Issues shared by several chains")) + "</h2>\n";
  Table st;
  st.head({tr(L, "代码", "Code"), tr(L, "问题", "Issue"), tr(L, "涉及产业链（企业数）", "Chains (firms)"), tr(L, "消除后链主提升合计（百分点）", "Leaders' gain if fixed (points)")});
  for (const engine::SharedIssue& s : r.shared_issues) {
    std::string where;
    for (std::size_t k = 0; k < s.chains.size(); ++k)
      where += (where.empty() ? "" : tr(L, "；", "; ")) + report::chain_title(*chains[s.chains[k]]) + " " + std::to_string(s.firms[k]);
    st.row({s.code, s.name, where, qchain::fixed(s.gain * 100, 3)});
  }
  o += r.shared_issues.empty() ? "<p>" + h(tr(L, "（无）", "(none)")) + "</p>\n" : st.done();
  if (!r.code_clashes.empty()) {
    std::string codes;
    for (const std::string& c : r.code_clashes) codes += (codes.empty() ? "" : " ") + c;
    o += "<p class=\"note\">" + h(tr(L, "以下代码在不同产业链中含义不同，未合并：", "These codes mean different things in different chains and were not merged: ")) + h(codes) + "</p>\n";
  }

  o += "<h2>" + h(tr(L, "四、跨链企业", "4. Firms in several chains")) + "</h2>\n";
  Table ft;
  ft.head({"ID", tr(L, "企业", "Firm"), tr(L, "产业链", "Chain"), tr(L, "环节", "Segment"), tr(L, "供货对象", "Supplies")});
  constexpr std::size_t kRows = 200;  // the JSON document has them all
  for (std::size_t k = 0; k < r.shared_firms.size() && k < kRows; ++k)
    for (auto [i, v] : r.shared_firms[k].in) {
      const engine::SharedFirm& s = r.shared_firms[k];
      ft.row({s.id + (s.same_name ? "" : " (!)"), chains[i]->firm(v).name, report::chain_title(*chains[i]),
              report::segment_label(*chains[i], chains[i]->firm(v).segment, L), report::customers_text(*chains[i], v, 8)});
    }
  o += r.shared_firms.empty() ? "<p>" + h(tr(L, "（无）", "(none)")) + "</p>\n" : ft.done();
  if (r.shared_firms.size() > kRows)
    o += "<p class=\"note\">" + h(L == Lang::zh ? "另有 " + std::to_string(r.shared_firms.size() - kRows) + " 家未列出，见 portfolio.json。"
                                                 : std::to_string(r.shared_firms.size() - kRows) + " more in portfolio.json.") + "</p>\n";

  o += "<h2>" + h(tr(L, "五、产业链组合图谱", "5. Portfolio map")) + "</h2>\n<div class=\"diagram\">" + inline_svg(map_svg) + "</div>\n";
  o += "<p class=\"note\">qchain " + h(version) + " · " +
       h(tr(L, "由 qchain 根据各产业链数据文件生成。", "Generated by qchain from the chain files.")) + "</p>\n</body></html>\n";
  return o;
}

}  // namespace qchain::visualization
