#include "qchain/engine/bottlenecks.hpp"

#include <algorithm>

#include "qchain/engine/summary_report.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

const char* to_string(Bottleneck::Kind k) {
  switch (k) {
    case Bottleneck::Kind::issue: return "issue";
    case Bottleneck::Kind::firm: return "firm";
    case Bottleneck::Kind::critical_supplier: return "critical_supplier";
    case Bottleneck::Kind::segment: return "segment";
  }
  return "";
}

namespace {

std::string segment_name(const ChainGraph& g, std::uint32_t seg, Lang L) {
  return seg == kNone ? tr(L, "未分环节", "no segment") : g.segments()[seg].name;
}

std::string issue_reason(const ChainGraph& g, const QualityAnalysis& q, const IssueImpact& m, Lang L) {
  const IssueType& t = g.issues()[m.issue];
  std::uint32_t segments = 0;
  for (std::uint32_t c : m.by_segment) segments += c > 0;
  std::string r = t.code + " " + t.name + (L == Lang::zh ? "：" : ": ");
  r += L == Lang::zh ? "涉及 " + std::to_string(segments) + " 个环节 " + std::to_string(m.firms) + " 家企业"
                     : std::to_string(m.firms) + " firms in " + std::to_string(segments) + " segments";
  if (!m.leader_gain.empty()) {
    const std::size_t best = static_cast<std::size_t>(std::max_element(m.leader_gain.begin(), m.leader_gain.end()) - m.leader_gain.begin());
    const FirmId l = q.leaders[best];
    const double before = 1 - q.state.delivered[l];
    r += L == Lang::zh ? "；消除后链主 " + g.firm(l).id + " 交付合格率 " + fixed(before, 3) + " → " + fixed(before + m.leader_gain[best], 3)
                       : "; fixing it raises " + g.firm(l).id + "'s delivered yield " + fixed(before, 3) + " → " +
                             fixed(before + m.leader_gain[best], 3);
  }
  return r;
}

std::string firm_reason(const ChainGraph& g, const QualityAnalysis& q, FirmId v, Lang L) {
  const Firm& f = g.firm(v);
  // The leader whose defects this firm causes the most of.
  std::size_t best = 0;
  for (std::size_t i = 1; i < q.leader_quality.size(); ++i)
    if (q.leader_quality[i].origin[v] > q.leader_quality[best].origin[v]) best = i;
  const LeaderQuality& lq = q.leader_quality[best];
  std::string r = f.id + " " + f.name + (L == Lang::zh ? "（" : " (") + role_label(f.role, L) + (L == Lang::zh ? "，" : ", ") +
                  segment_name(g, f.segment, L) + (L == Lang::zh ? "）：" : "): ");
  r += L == Lang::zh ? "一次合格率 " + percent(1 - q.own.rate[v]) + (q.own.imputed[v] ? "（估算）" : "") + "，占链主 " +
                           g.firm(lq.leader).id + " 交付缺陷来源的 " + percent(lq.origin[v]) + "；其缺陷率翻倍将使链主加权交付合格率下降 " +
                           fixed(q.risk[v] * 100, 2) + " 个百分点"
                     : "first-pass yield " + percent(1 - q.own.rate[v]) + (q.own.imputed[v] ? " (imputed)" : "") + ", " +
                           percent(lq.origin[v]) + " of " + g.firm(lq.leader).id + "'s delivered defects; doubling its defect rate "
                           "would cut the leaders' weighted delivered yield by " + fixed(q.risk[v] * 100, 2) + " points";
  return r;
}

}  // namespace

std::vector<Bottleneck> find_bottlenecks(const ChainGraph& g, const QualityAnalysis& q, const CriticalSuppliersResult* critical,
                                         const BottleneckOptions& o) {
  const Lang L = o.lang;
  std::vector<Bottleneck> out;
  for (std::size_t k = 0; k < q.issues.size() && k < o.per_kind; ++k) {
    if (q.issues[k].total_gain <= 0) break;
    out.push_back({Bottleneck::Kind::issue, q.issues[k].issue, issue_reason(g, q, q.issues[k], L)});
  }
  for (std::size_t k = 0; k < q.risk_ranking.size() && k < o.per_kind; ++k)
    out.push_back({Bottleneck::Kind::firm, q.risk_ranking[k], firm_reason(g, q, q.risk_ranking[k], L)});

  if (critical) {
    // Critical for the most leaders first, then the highest quality risk. Dense per-firm arrays:
    // a province-sized chain has millions of (leader, critical supplier) pairs.
    std::vector<std::uint32_t> leaders_stopped(g.firm_count(), 0);
    std::vector<const CriticalSupplier*> first(g.firm_count(), nullptr);
    for (const LeaderCriticalSuppliers& l : critical->leaders)
      for (const CriticalSupplier& c : l.suppliers) {
        if (!leaders_stopped[c.firm]++) first[c.firm] = &c;
      }
    std::vector<FirmId> firms;
    for (FirmId v = 0; v < g.firm_count(); ++v)
      if (leaders_stopped[v]) firms.push_back(v);
    const std::size_t shown = std::min(o.per_kind, firms.size());
    std::partial_sort(firms.begin(), firms.begin() + static_cast<std::ptrdiff_t>(shown), firms.end(), [&](FirmId a, FirmId b) {
      if (leaders_stopped[a] != leaders_stopped[b]) return leaders_stopped[a] > leaders_stopped[b];
      if (q.risk[a] != q.risk[b]) return q.risk[a] > q.risk[b];
      return a < b;
    });
    for (std::size_t k = 0; k < shown; ++k) {
      const FirmId v = firms[k];
      const Firm& f = g.firm(v);
      std::string leaders;
      for (const LeaderCriticalSuppliers& l : critical->leaders)
        for (const CriticalSupplier& c : l.suppliers)
          if (c.firm == v) leaders += (leaders.empty() ? "" : (L == Lang::zh ? "、" : ", ")) + g.firm(l.leader).id;
      const CriticalSupplier& c0 = *first[v];
      const std::string input = c0.inputs.empty() ? "" : std::string(g.input_of(g.network().in_link[g.network().group_begin[c0.inputs[0]]]));
      std::string r = f.id + " " + f.name + (L == Lang::zh ? "（" : " (") + role_label(f.role, L) + (L == Lang::zh ? "）：" : "): ");
      r += L == Lang::zh ? "单独停产即导致链主 " + leaders + " 停产（经 " + input + "）"
                         : "its stop alone stops leader(s) " + leaders + " (through " + input + ")";
      out.push_back({Bottleneck::Kind::critical_supplier, v, r});
    }
  }
  if (q.weak_segment != kNone) {
    std::string r = segment_name(g, q.weak_segment, L) + (L == Lang::zh ? "：" : ": ");
    r += L == Lang::zh ? "链主交付缺陷中来自上游的部分有 " + percent(q.segment_share[q.weak_segment]) + " 源自该环节（营收加权），为产业链质量短板"
                       : percent(q.segment_share[q.weak_segment]) +
                             " of the leaders' delivered defects that come from upstream originate here (revenue-weighted): the chain's weak link";
    out.push_back({Bottleneck::Kind::segment, q.weak_segment, r});
  }
  return out;
}

}  // namespace qchain::engine
