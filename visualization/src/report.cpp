#include "qchain/visualization/report.hpp"

#include <cmath>

#include <algorithm>

#include "qchain/report/benchmark_report.hpp"
#include "qchain/engine/structure/chain_summary.hpp"
#include "qchain/report/scenario_report.hpp"
#include "qchain/report/labels.hpp"
#include "qchain/report/ledger_report.hpp"
#include "qchain/report/trend_report.hpp"
#include "qchain/graphs/chain_export.hpp"
#include "html_page.hpp"
#include "qchain/visualization/diagram.hpp"

namespace qchain::visualization {

using namespace qchain::graphs;
using report::Lang;
using report::tr;

std::string inline_svg(const std::string& svg) {
  const auto start = svg.find("<svg");
  return start == std::string::npos ? std::string() : svg.substr(start);
}

// A diagram in the page: its SVG inline, or in the Word variant the PNG that stands for it.
std::string figure(const ReportInputs& in, const std::string& svg) {
  if (!in.images) return "<div class=\"diagram\">" + inline_svg(svg) + "</div>\n";
  for (const auto& [of, file] : *in.images)
    if (of == &svg) return "<p class=\"diagram\"><img src=\"" + file + "\"/></p>\n";
  return "";
}

std::string report_html(const ReportInputs& in) {
  const Lang L = in.lang;
  const ChainGraph& g = *in.chain;
  const ChainInfo& info = g.info();
  const engine::ChainSummary& s = *in.summary;
  const engine::QualityAnalysis& q = *in.quality;
  int sections = 0;
  // "三、标题" / "3. Title", numbered as the sections present come.
  const auto section = [&](const char* zh, const char* en) {
    static const char* numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七"};
    ++sections;
    return L == Lang::zh ? h(std::string(numerals[sections - 1]) + "、" + zh) : h(std::to_string(sections) + ". " + en);
  };
  std::string o = std::string("<!DOCTYPE html>\n<html lang=\"") + (L == Lang::zh ? "zh-CN" : "en") +
                  "\"><head><meta charset=\"utf-8\"><title>" + h(info.name) + " · " +
                  h(tr(L, "产业链质量分析报告", "chain quality report")) + "</title><style>" + kStyle + "</style>" +
                  print_style(report::chain_title(g) + " · " + tr(L, "产业链质量分析报告", "Chain quality report") +
                              (info.as_of.empty() ? std::string() : std::string(tr(L, " · 数据日期 ", " · as of ")) + info.as_of)) +
                  "</head><body>\n";
  o += "<h1>" + h(report::chain_title(g)) + " · " + h(tr(L, "产业链质量分析报告", "Chain quality report")) + "</h1>\n";
  o += "<p>" + h(info.region) + (info.industry.empty() ? "" : " · " + h(info.industry)) +
       (info.as_of.empty() ? "" : " · " + h(tr(L, "数据日期 ", "as of ")) + h(info.as_of)) + "</p>\n";
  if (!info.description.empty()) o += "<p class=\"note\">" + h(info.description) + "</p>\n";

  // 1. Summary.
  o += "<h2>" + section("产业链概况", "The chain") + "</h2>\n<div>";
  const auto kpi = [&](const std::string& label, const std::string& value) {
    o += "<span class=\"kpi\">" + h(label) + " <b>" + h(value) + "</b></span>";
  };
  kpi(tr(L, "企业", "Firms"), std::to_string(s.firms));
  kpi(tr(L, "供应关系", "Links"), std::to_string(s.links));
  kpi(tr(L, "链主企业", "Chain leaders"), std::to_string(s.leaders.size()));
  kpi(tr(L, "一次合格率均值", "Mean first-pass yield"), percent(s.all.mean_yield, 1));
  if (q.weak_segment != kNone) kpi(tr(L, "质量短板环节", "Weak segment"), g.segments()[q.weak_segment].name);
  o += "</div>\n";
  Table seg;
  seg.head({tr(L, "环节", "Segment"), tr(L, "企业", "Firms"), tr(L, "小微企业", "Small+micro"), tr(L, "一次合格率均值", "Mean yield"),
            tr(L, "链主交付缺陷的上游来源占比", "Share of the leaders' delivered defects from upstream")});
  for (const engine::SegmentSummary& x : s.segments) {
    if (x.segment == kNone) continue;
    seg.row({g.segments()[x.segment].name, std::to_string(x.firms),
             std::to_string(x.by_role[static_cast<int>(Role::small)] + x.by_role[static_cast<int>(Role::micro)]),
             percent(x.mean_yield, 1), percent(q.segment_share[x.segment], 1)});
  }
  o += seg.done();
  Table cert;
  cert.head({tr(L, "认证", "Scheme"), tr(L, "有效", "Valid"), tr(L, "认证中", "In progress"), tr(L, "有效覆盖率", "Coverage")});
  for (const engine::SchemeCoverage& c : s.certifications)
    cert.row({g.schemes()[c.scheme], std::to_string(c.by_status[0]), std::to_string(c.by_status[3]), percent(c.coverage, 1)});
  o += cert.done();

  // The programme's effect, first when there is a baseline: it is what officials ask about.
  if (in.comparison && in.before) {
    const engine::ChainComparison& c = *in.comparison;
    const engine::ProgrammeIndicators& i = c.indicators;
    o += "<h2>" + section("提升成效（前后对比）", "Programme effect (before and after)") + "</h2>\n<div>";
    kpi(tr(L, "受帮扶企业一次合格率平均变化（百分点）", "Assisted firms' mean yield change (points)"), qchain::points(i.assisted_mean_change, 2));
    if (i.newly_assisted)
      kpi(tr(L, "其中本期新纳入帮扶的企业（百分点）", "of which assisted since the baseline (points)"), qchain::points(i.newly_assisted_mean_change, 2));
    kpi(tr(L, "与其他企业之差（帮扶减其他，百分点）", "Difference to other firms (assisted minus others, points)"), qchain::points(i.difference, 2));
    kpi(tr(L, "受帮扶企业合格率提升比例", "Assisted firms that improved"), percent(i.assisted_improved_share, 1));
    kpi(tr(L, "解决质量问题（企业×问题）", "Problems resolved (firm × issue)"), std::to_string(c.pairs_resolved));
    kpi(tr(L, "新出现（企业×问题）", "New problems (firm × issue)"), std::to_string(c.pairs_new));
    std::size_t solved = 0;
    for (const engine::IssueChange& x : c.issues) solved += x.trend == engine::IssueTrend::solved;
    kpi(tr(L, "彻底解决的共性问题", "Shared issues solved outright"), std::to_string(solved));
    const std::string from = report::as_of_label(*in.before, L), to = report::as_of_label(g, L);
    o += "</div>\n<p>" + h(L == Lang::zh ? "对比 " + from + " 与 " + to + " 两期数据：匹配企业 " + std::to_string(c.matched) +
                                              " 家，新增 " + std::to_string(c.added) + " 家，退出 " + std::to_string(c.removed) + " 家。"
                                        : "Snapshots of " + from + " and " + to + ": " + std::to_string(c.matched) +
                                              " firms matched, " + std::to_string(c.added) + " added, " + std::to_string(c.removed) + " removed.") +
         "</p>\n";
    Table lt;
    lt.head({"ID", tr(L, "链主", "Leader"), tr(L, "交付合格率（前）", "Delivered yield before"), tr(L, "交付合格率（后）", "after"),
             tr(L, "变化（百分点）", "Change (points)")});
    for (const engine::LeaderChange& l : c.leaders) {
      const Firm& f = l.after != kNone ? g.firm(l.after) : in.before->firm(l.before);
      lt.row({f.id, f.name, percent(l.delivered_yield[0], 2), percent(l.delivered_yield[1], 2), qchain::points(l.delivered_yield[1] - l.delivered_yield[0], 2)});
    }
    o += lt.done();
    Table ct;
    ct.head({tr(L, "认证", "Scheme"), tr(L, "有效覆盖率（前）", "Coverage before"), tr(L, "有效覆盖率（后）", "after"), tr(L, "变化（百分点）", "Change (points)")});
    for (const engine::SchemeChange& x : c.certifications)
      ct.row({c.schemes[x.scheme], percent(x.coverage[0], 1), percent(x.coverage[1], 1), qchain::points(x.coverage[1] - x.coverage[0], 1)});
    o += ct.done();
    o += figure(in, in.progress_svg);
    if (!in.change_map_svg.empty()) o += figure(in, in.change_map_svg);
  }

  // A chain of a workspace: the trend over its snapshots, then its ledger (帮扶台账) summed up.
  if (in.trend && in.trend_snapshots) {
    const engine::TrendResult& t = *in.trend;
    const std::vector<const ChainGraph*>& snaps = *in.trend_snapshots;
    o += "<h2>" + section("历次调查趋势", "Trend over the snapshots") + "</h2>\n<p>" +
         h(L == Lang::zh ? "工作区中本链的 " + std::to_string(t.points.size()) + " 期调查快照（截至本报告数据日期）。"
                         : std::to_string(t.points.size()) + " snapshots of the chain in the workspace (up to this report's date).") +
         "</p>\n";
    Table pt;
    pt.head({tr(L, "日期", "Date"), tr(L, "企业", "Firms"), tr(L, "一次合格率均值", "Mean first-pass yield"), tr(L, "持证企业占比", "Firms certified"),
             tr(L, "质量问题（企业 × 问题）", "Quality problems (firm × issue)"), tr(L, "受帮扶企业", "Firms assisted")});
    for (const engine::TrendPoint& p : t.points)
      pt.row({p.as_of, std::to_string(p.firms), percent(p.mean_yield, 2), percent(p.certified_share, 1), std::to_string(p.issue_pairs),
              std::to_string(p.assisted)});
    o += pt.done();
    if (!t.steps.empty()) {
      Table st;
      st.head({tr(L, "期间", "Period"), tr(L, "已解决问题", "Problems resolved"), tr(L, "新出现问题", "New problems"),
               tr(L, "受帮扶企业合格率变化（百分点）", "Assisted firms' yield change (points)"), tr(L, "其他企业（百分点）", "Other firms (points)"),
               tr(L, "差值（百分点）", "Difference (points)")});
      for (std::size_t k = 0; k < t.steps.size(); ++k) {
        const engine::ProgrammeIndicators& i = t.steps[k].indicators;
        st.row({t.points[k].as_of + " → " + t.points[k + 1].as_of, std::to_string(t.steps[k].pairs_resolved), std::to_string(t.steps[k].pairs_new),
                qchain::points(i.assisted_mean_change, 2) + " (" + std::to_string(i.assisted) + ")",
                qchain::points(i.others_mean_change, 2) + " (" + std::to_string(i.others) + ")", qchain::points(i.difference, 2)});
      }
      o += st.done();
    }
    // Rows of named ids, a column per snapshot.
    const auto by_date = [&](const char* caption, const char* what, const std::vector<std::string>& ids, bool leaders,
                             std::vector<double> engine::TrendPoint::*values) {
      o += "<h3>" + h(caption) + "</h3>\n";
      Table bt;
      std::vector<std::string> head{"ID", what};
      for (const engine::TrendPoint& p : t.points) head.push_back(p.as_of);
      bt.head(head);
      for (std::size_t r = 0; r < ids.size(); ++r) {
        std::vector<std::string> row{ids[r], leaders ? report::trend_leader_name(snaps, ids[r]) : report::trend_segment_name(snaps, ids[r])};
        for (const engine::TrendPoint& p : t.points) row.push_back(r < (p.*values).size() ? percent((p.*values)[r], 2) : "-");
        bt.row(row);
      }
      o += bt.done();
    };
    by_date(tr(L, "链主企业交付合格率", "Chain leaders' delivered yield"), tr(L, "名称", "Name"), t.leaders, true, &engine::TrendPoint::leader_delivered);
    by_date(tr(L, "各环节一次合格率均值", "Mean first-pass yield by segment"), tr(L, "环节", "Segment"), t.segments, false,
            &engine::TrendPoint::segment_yield);
    if (!in.trend_svg.empty()) o += figure(in, in.trend_svg);
  }
  if (in.ledger) {
    const engine::LedgerSummaryResult& r = *in.ledger;
    o += "<h2>" + section("帮扶台账", "Assistance ledger") + "</h2>\n";
    if (r.entries == 0) {
      o += "<p>" + h(tr(L, "本链的帮扶台账中尚无条目（用 qchain ledger 或 qchain plan --record 登记）。",
                        "The chain's ledger has no entries yet (qchain ledger or qchain plan --record adds them).")) + "</p>\n";
    } else {
      o += "<div>";
      kpi(tr(L, "台账条目", "Entries"), std::to_string(r.entries));
      kpi(tr(L, "台账中的受帮扶企业（未放弃）", "Firms in the ledger (not dropped)"), std::to_string(r.firms_assisted));
      kpi(tr(L, "费用合计（万元）", "Total cost (10k CNY)"), qchain::fixed(r.cost, 2));
      o += "</div>\n";
      if (r.without_cost)
        o += "<p class=\"note\">" + h(L == Lang::zh ? "其中 " + std::to_string(r.without_cost) + " 条未填写费用，不计入费用合计。"
                                                    : std::to_string(r.without_cost) + " entries give no cost and are not in the totals.") + "</p>\n";
      if (r.firms_not_in_chain)
        o += "<p class=\"note\">" + h(L == Lang::zh ? "另有 " + std::to_string(r.firms_not_in_chain) + " 家台账企业不在本期快照中，未计入各环节。"
                                                    : std::to_string(r.firms_not_in_chain) + " more firms of the ledger are not in this snapshot and not counted by segment.") + "</p>\n";
      o += "<h3>" + h(tr(L, "按状态", "By status")) + "</h3>\n";
      Table st;
      st.head({tr(L, "状态", "Status"), tr(L, "条目", "Entries")});
      for (std::size_t k = 0; k < engine::kLedgerStatuses; ++k)
        st.row({report::ledger_status_label(static_cast<engine::LedgerItemStatus>(k), L), std::to_string(r.by_status[k])});
      o += st.done();
      const auto costs = [&](const char* caption, const char* what, const char* none, const std::vector<engine::LedgerCostGroup>& groups) {
        o += "<h3>" + h(caption) + "</h3>\n";
        Table ct;
        ct.head({what, tr(L, "条目", "Entries"), tr(L, "费用合计（万元）", "Cost (10k CNY)"), tr(L, "未填费用的条目", "Entries without a cost")});
        for (const engine::LedgerCostGroup& x : groups)
          ct.row({x.name.empty() ? none : x.name, std::to_string(x.entries), qchain::fixed(x.cost, 2), std::to_string(x.without_cost)});
        o += ct.done();
      };
      costs(tr(L, "按资金来源", "Cost by funding source"), tr(L, "资金来源", "Funding source"), tr(L, "（未填写）", "(not given)"), r.by_funding);
      costs(tr(L, "按服务机构", "Cost by provider"), tr(L, "服务机构", "Provider"), tr(L, "（无服务机构）", "(no provider)"), r.by_provider);
      o += "<h3>" + h(tr(L, "各环节受帮扶企业", "Firms assisted per segment")) + "</h3>\n<p class=\"note\">" +
           h(tr(L, "有未放弃台账条目的企业（每家计一次），对照本期快照中该环节的企业数。",
                "Firms with a ledger entry that is not dropped (each counted once), against the segment's firms in this snapshot.")) + "</p>\n";
      Table gt;
      gt.head({tr(L, "环节", "Segment"), tr(L, "企业", "Firms"), tr(L, "台账中的受帮扶企业", "Firms in the ledger"), tr(L, "占比", "Share")});
      for (const engine::LedgerSegmentReach& x : r.segments)
        gt.row({report::segment_label(g, x.segment, L), std::to_string(x.firms), std::to_string(x.assisted),
                x.firms ? percent(double(x.assisted) / x.firms, 1) : "-"});
      o += gt.done();
    }
    if (in.projects_list) {
      o += "<h3>" + h(tr(L, "质量攻关项目", "Joint tackling projects")) + "</h3>\n";
      Table pt;
      pt.head({tr(L, "项目", "Project"), tr(L, "质量问题", "Issue"), tr(L, "牵头企业", "Leading firm"), tr(L, "状态", "Status"),
               tr(L, "目标", "Target"), tr(L, "进展", "Progress")});
      for (std::size_t k = 0; k < in.projects_list->size(); ++k) {
        const workspace::Project& p = (*in.projects_list)[k];
        const auto leader = g.find_firm(p.leader_firm_id);
        pt.row({"#" + std::to_string(p.id) + (p.title.empty() ? "" : " " + p.title), p.issue_code,
                leader ? g.firm(*leader).name : p.leader_firm_id, report::ledger_status_label(p.status, L),
                report::project_target_text(p, L), report::project_progress_line(p, (*in.project_progress)[k], L)});
      }
      o += pt.done();
    }
  }

  // 2. The map.
  o += "<h2>" + section("产业链图谱", "Chain map") + "</h2>\n";
  if (!in.overview_svg.empty()) o += figure(in, in.overview_svg);
  o += figure(in, in.map_svg);

  // 3. Leaders.
  o += "<h2>" + section("链主企业交付质量", "Leaders' delivered quality") + "</h2>\n";
  {
    const std::string note = report::defaults_note(q, L);
    for (std::size_t at = 0, end; at < note.size(); at = end + 1) {
      end = note.find('\n', at);
      if (end == std::string::npos) end = note.size();
      o += "<p class=\"note\">" + h(note.substr(at, end - at)) + "</p>\n";
    }
  }
  const std::string range_head = report::range_heading(q, L);
  Table lt;
  std::vector<std::string> head{"ID", tr(L, "链主", "Leader"), tr(L, "自身一次合格率", "Own yield"), tr(L, "交付合格率", "Delivered yield")};
  if (q.has_range) head.push_back(range_head);
  head.push_back(tr(L, "供应基础", "Supply base"));
  head.push_back(tr(L, "关键供应商", "Critical suppliers"));
  lt.head(head);
  for (std::size_t i = 0; i < q.leader_quality.size(); ++i) {
    const engine::LeaderQuality& l = q.leader_quality[i];
    std::string base = "-", crit = "-";
    if (in.structure && i < in.structure->supply_bases.bases.size()) {
      base = std::to_string(in.structure->supply_bases.bases[i].size);
      crit = std::to_string(in.structure->critical.leaders[i].suppliers.size());
    }
    std::vector<std::string> row{g.firm(l.leader).id, g.firm(l.leader).name, percent(1 - q.own.rate[l.leader], 2),
                                 percent(l.delivered_yield, 2)};
    if (q.has_range) row.push_back(report::yield_range_cell(q, i));
    row.push_back(base);
    row.push_back(crit);
    lt.row(row);
  }
  o += lt.done();

  // 4. Shared quality issues.
  o += "<h2>" + section("共性质量问题清单", "Shared quality issues") + "</h2>\n";
  Table it;
  std::vector<std::string> ihead{tr(L, "代码", "Code"), tr(L, "问题", "Issue"), tr(L, "类别", "Category"), tr(L, "涉及企业", "Firms"),
                                 tr(L, "消除后链主交付合格率提升（百分点）", "Leaders' gain if fixed (points)")};
  if (q.has_range) ihead.push_back(range_head);
  if (in.projects) ihead.push_back(tr(L, "攻关项目", "Project"));
  it.head(ihead);
  for (std::size_t k = 0; k < q.issues.size() && k < 15; ++k) {
    const IssueType& t = g.issues()[q.issues[k].issue];
    std::vector<std::string> row{t.code, t.name, report::category_label(t.category, L), std::to_string(q.issues[k].firms),
                                 qchain::fixed(q.issues[k].total_gain * 100, 3)};
    if (q.has_range)
      row.push_back(report::gain_range_cell(q, k));
    if (in.projects) row.push_back(report::issue_projects_cell(*in.projects, t.code, L));
    it.row(row);
  }
  o += it.done() + figure(in, in.issues_svg);

  // 5. Bottlenecks.
  o += "<h2>" + section("质量瓶颈", "Bottlenecks") + "</h2>\n";
  Table bt;
  bt.head({tr(L, "类型", "Kind"), tr(L, "说明", "Reason")});
  static const char* zh_kind[] = {"共性问题", "瓶颈企业", "关键供应商", "短板环节"};
  static const char* en_kind[] = {"issue", "firm", "critical supplier", "weak segment"};
  if (in.bottlenecks)
    for (const engine::Bottleneck& b : *in.bottlenecks) bt.row({(L == Lang::zh ? zh_kind : en_kind)[static_cast<int>(b.kind)], report::bottleneck_reason(g, b, L)});
  o += bt.done();

  // 6. Fishbones.
  o += "<h2>" + section("链主质量问题鱼骨图", "Leaders' fishbones") + "</h2>\n";
  for (const std::string& svg : in.fishbone_svgs) o += figure(in, svg);

  // 7. Critical suppliers.
  if (in.structure) {
    o += "<h2>" + section("关键供应商（单点断供风险）", "Critical suppliers (single points of supply failure)") + "</h2>\n";
    Table ct;
    ct.head({tr(L, "链主", "Leader"), tr(L, "关键供应商", "Critical supplier"), tr(L, "规模", "Role"), tr(L, "传导路径", "Path")});
    for (const graphs::LeaderCriticalSuppliers& l : in.structure->critical.leaders)
      for (std::size_t k = 0; k < l.suppliers.size() && k < 10; ++k) {
        const auto& c = l.suppliers[k];
        ct.row({g.firm(l.leader).id, g.firm(c.firm).id + " " + g.firm(c.firm).name, report::role_label(g.firm(c.firm).role, L),
                report::path_text(g, c)});
      }
    o += ct.done();
  }

  // Certification gaps: the programme's work list, never left out when the chain names requirements.
  if (in.gaps) {
    const engine::CertificationGapsResult& r = *in.gaps;
    o += "<h2>" + section("认证缺口", "Certification gaps") + "</h2>\n";
    if (r.requires_links == 0) {
      o += "<p>" + h(tr(L, "链数据中没有要求认证的供应关系（requires 为空），无认证缺口可查。",
                        "No link names a required certification (requires is empty): there are no gaps to check.")) + "</p>\n";
    } else {
      o += "<p>" + h(L == Lang::zh ? "要求认证的供应关系 " + std::to_string(r.requires_links) + " 条，其中 " + std::to_string(r.gap_links.size()) +
                                        " 条的供应商在数据日期未持有客户要求的有效认证（缺口 " + std::to_string(r.gaps.size()) + " 项）。"
                                  : std::to_string(r.requires_links) + " links name required certifications; " + std::to_string(r.gap_links.size()) +
                                        " of them come from a supplier without the certificate in force (" + std::to_string(r.gaps.size()) + " gaps).") +
           "</p>\n<p class=\"note\">" +
           h(tr(L, "基线不切断缺口供应关系（调查时客户仍在采购）；“产出风险”为要求全部严格执行、缺口供应关系全部停供时链主的产出损失。",
                "The baseline keeps gap links delivering (the survey found the customer buying); \"output at risk\" is the leader's production "
                "loss if every requirement were enforced and every gap link stopped delivering.")) + "</p>\n";
      Table lt;
      lt.head({tr(L, "链主", "Leader"), tr(L, "供应基础内要求认证的供应关系", "Requiring links in its supply base"), tr(L, "认证缺口", "Gap links"),
               tr(L, "产出风险", "Output at risk")});
      for (const engine::LeaderGaps& l : r.leaders)
        lt.row({g.firm(l.leader).id + " " + g.firm(l.leader).name, std::to_string(l.requires_links), std::to_string(l.gap_links),
                l.output_at_risk == l.output_at_risk ? percent(l.output_at_risk, 1) : "-"});
      o += lt.done();
      if (!r.pairs.empty()) {
        o += "<h3>" + h(tr(L, "一张证书补齐缺口最多的企业", "One certificate that closes the most gaps")) + "</h3>\n<p class=\"note\">" +
             h(tr(L, "“保护链主产出”：其余缺口仍严格执行时，补齐该证书使链主加权产出恢复的部分。",
                  "\"Output protected\": what the leaders' weighted output regains from the certificate while every other gap stays enforced.")) +
             "</p>\n";
        Table pt;
        pt.head({tr(L, "企业", "Firm"), tr(L, "规模", "Role"), tr(L, "认证", "Scheme"), tr(L, "补齐的缺口供应关系", "Gap links closed"),
                 tr(L, "保护链主产出", "Leaders' output protected")});
        for (std::size_t k = 0; k < r.pairs.size() && k < 10; ++k) {
          const engine::GapPair& p = r.pairs[k];
          pt.row({g.firm(p.supplier).id + " " + g.firm(p.supplier).name, report::role_label(g.firm(p.supplier).role, L), g.schemes()[p.scheme],
                  std::to_string(p.links_closed), p.protected_output == p.protected_output ? percent(p.protected_output, 2) : "-"});
        }
        o += pt.done();
      }
    }
  }

  // 8. Systemic ranking.
  if (in.systemic) {
    o += "<h2>" + section("系统性风险排名", "Systemic risk ranking") + "</h2>\n<p class=\"note\">" +
         h(tr(L, "企业单独停产时全链产出加权损失（ESRI，含上下游传导）。", "Weighted output loss of the whole chain if the firm alone stopped (ESRI, up- and downstream).")) +
         "</p>\n";
    Table st;
    st.head({"ID", tr(L, "企业", "Firm"), tr(L, "规模", "Role"), tr(L, "系统性风险指数", "Index"), tr(L, "下游", "Down"), tr(L, "上游", "Up")});
    for (std::size_t k = 0; k < in.systemic->ranking.size() && k < 10; ++k) {
      const FirmId v = in.systemic->ranking[k];
      st.row({g.firm(v).id, g.firm(v).name, report::role_label(g.firm(v).role, L), percent(in.systemic->index[v], 2),
              percent(in.systemic->down[v], 2), percent(in.systemic->up[v], 2)});
    }
    o += st.done();
  }

  // Firm grades.
  if (in.grades && in.rubric) {
    const engine::GradingResult& r = *in.grades;
    o += "<h2>" + section("企业质量分级", "Firm grades") + "</h2>\n<p class=\"note\">" + h(tr(L, "分级规则：", "Rubric: ")) + h(in.rubric->name) +
         h(tr(L, "。等级为逐级达标：达到发展级全部要求为发展级，再达到跨越级全部要求为跨越级。",
              ". Grades are a ladder: all criteria of developing, then all of leaping.")) + "</p>\n";
    Table gt;
    gt.head({tr(L, "环节", "Segment"), tr(L, "初创级", "Startup"), tr(L, "发展级", "Developing"), tr(L, "跨越级", "Leaping")});
    for (std::uint32_t k = 0; k < r.by_segment.size(); ++k) {
      const auto& c = r.by_segment[k].by_grade;
      if (c[0] + c[1] + c[2] == 0) continue;
      gt.row({report::segment_label(g, k == g.segments().size() ? kNone : k, L), std::to_string(c[0]), std::to_string(c[1]), std::to_string(c[2])});
    }
    gt.row({tr(L, "合计", "Total"), std::to_string(r.all.by_grade[0]), std::to_string(r.all.by_grade[1]), std::to_string(r.all.by_grade[2])});
    o += gt.done() + "<p>" + h(L == Lang::zh ? "申报等级与测算等级不一致的企业 " + std::to_string(r.mismatched.size()) + " 家（qchain grade 可列出原因与升级所需）。"
                                             : std::to_string(r.mismatched.size()) + " firms declare a maturity different from the computed grade (qchain grade lists the reasons and next steps).") +
         "</p>\n";
  }

  // Against advanced levels.
  if (in.benchmark && in.benchmark_result) {
    const engine::Benchmark& b = *in.benchmark;
    const engine::BenchmarkResult& r = *in.benchmark_result;
    o += "<h2>" + section("与先进水平比对", "Against advanced levels") + "</h2>\n<p class=\"note\">" + h(b.name) +
         (b.illustrative ? h(tr(L, "（参照值为示意数据，不是官方统计）", " (illustrative reference figures, not official statistics)")) : std::string()) +
         "</p>\n";
    const auto pct = [](double x) { return std::isnan(x) ? std::string("-") : percent(x, 1); };
    const auto pts = [](double x) { return std::isnan(x) ? std::string("-") : qchain::fixed(x * 100, 1); };
    Table bt;
    bt.head({tr(L, "环节", "Segment"), tr(L, "指标", "Indicator"), tr(L, "本链", "Chain"), tr(L, "国内先进", "Domestic"),
             tr(L, "国际先进", "International"), tr(L, "落后国内先进（百分点）", "Behind domestic (points)"), tr(L, "来源", "Source")});
    for (const engine::EntryComparison& c : r.entries) {
      const std::string seg = report::benchmark_entry_label(g, b.entries[c.entry], L);
      const auto row = [&](const std::string& what, const engine::LevelComparison& lc) {
        bt.row({seg, what, pct(lc.chain), pct(lc.reference.domestic), pct(lc.reference.international), pts(lc.gap_domestic()),
                lc.reference.source + " " + std::to_string(lc.reference.year)});
      };
      if (c.yield) row(tr(L, "一次合格率", "First-pass yield"), *c.yield);
      for (const auto& [scheme, lc] : c.coverage) row(scheme + tr(L, " 覆盖率", " coverage"), lc);
      for (const auto& [category, lc] : c.issue_share)
        row(std::string(tr(L, "有", "Firms with ")) + report::category_label(category, L) + tr(L, "类问题的企业占比", " issues"), lc);
    }
    o += bt.done() + "<p>" +
         h(L == Lang::zh ? "一次合格率低于国内先进水平的企业 " + std::to_string(r.firms_below.size()) + " 家（qchain benchmark 可逐家列出）。"
                         : std::to_string(r.firms_below.size()) + " firms are below the domestic advanced yield (qchain benchmark lists them).") +
         "</p>\n";
  }

  // 9. Scenarios.
  if (!in.scenarios.empty()) {
    o += "<h2>" + section("情景推演", "What-if scenarios") + "</h2>\n";
    for (std::size_t i = 0; i < in.scenarios.size(); ++i) {
      const engine::WhatIfResult& r = *in.scenarios[i];
      o += "<h3>" + h(r.name) + "</h3>\n";
      Table t;
      t.head({tr(L, "链主", "Leader"), tr(L, "交付合格率（前→后）", "Delivered yield (before → after)"), tr(L, "生产水平", "Production level")});
      for (std::size_t k = 0; k < r.leader_yield.size(); ++k)
        t.row({g.firm(r.leader_yield[k].firm).id + " " + g.firm(r.leader_yield[k].firm).name,
               percent(r.leader_yield[k].before, 2) + " → " + percent(r.leader_yield[k].after, 2), percent(r.leader_level[k], 1)});
      o += t.done() + "<p>" + h(tr(L, "产出加权总损失 ", "Weighted total output loss ")) + h(percent(r.total_loss, 2)) + h(tr(L, "；停产企业 ", "; firms stopped ")) +
           std::to_string(r.stopped.size()) + h(tr(L, "；减产企业 ", "; reduced ")) + std::to_string(r.reduced.size()) + "</p>\n";
      if (i < in.scenario_svgs.size()) o += figure(in, in.scenario_svgs[i]);
    }
  }

  // 10. The assistance plan.
  if (in.plan) {
    o += "<h2>" + section("帮扶台账（建议）", "Assistance ledger (proposed)") + "</h2>\n";
    Table pt;
    pt.head({tr(L, "序号", "Rank"), tr(L, "企业", "Firm"), tr(L, "环节", "Segment"), tr(L, "边际提升（百分点）", "Marginal (points)"),
             tr(L, "累计提升（百分点）", "Cumulative (points)")});
    for (std::size_t k = 0; k < in.plan->steps.size(); ++k) {
      const Firm& f = g.firm(in.plan->steps[k].firm);
      pt.row({std::to_string(k + 1), f.id + " " + f.name, f.segment == kNone ? "-" : g.segments()[f.segment].name,
              qchain::fixed(in.plan->steps[k].marginal_gain * 100, 4), qchain::fixed(in.plan->steps[k].cumulative_gain * 100, 4)});
    }
    const std::string stop = in.plan_options ? report::plan_stop_text(*in.plan, *in.plan_options, L) : std::string();
    o += pt.done() + (stop.empty() ? std::string() : "<p>" + h(stop) + "</p>") + "<p>" +
         h(tr(L, "同等规模朴素方案：一次合格率最低优先 ", "Naive plans of the same size: lowest yield first ")) +
         h(qchain::fixed(in.plan->lowest_yield_gain * 100, 4)) + h(tr(L, "；客户最多优先 ", "; most customers first ")) +
         h(qchain::fixed(in.plan->most_customers_gain * 100, 4)) + h(tr(L, " 个百分点。", " points.")) + "</p>\n";
  }
  o += "<p class=\"note\">qchain " + h(in.version) + " · " +
       h(tr(L, "本报告由 qchain 根据产业链数据文件生成；同一输入生成的报告逐字节相同。",
            "Generated by qchain from the chain file; the same input gives the same report byte for byte.")) +
       "</p>\n</body></html>\n";
  return o;
}

}  // namespace qchain::visualization
