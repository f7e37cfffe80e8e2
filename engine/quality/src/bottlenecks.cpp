#include "qchain/engine/quality/bottlenecks.hpp"

#include <algorithm>

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

Bottleneck issue_bottleneck(const QualityAnalysis& q, const IssueImpact& m) {
  Bottleneck b;
  b.kind = Bottleneck::Kind::issue;
  b.id = m.issue;
  b.firms = m.firms;
  for (std::uint32_t c : m.by_segment) b.segments += c > 0;
  if (!m.leader_gain.empty()) {
    const std::size_t best = static_cast<std::size_t>(std::max_element(m.leader_gain.begin(), m.leader_gain.end()) - m.leader_gain.begin());
    b.leader = q.leaders[best];
    b.yield_before = 1 - q.state.delivered[b.leader];
    b.yield_after = b.yield_before + m.leader_gain[best];
  }
  return b;
}

Bottleneck firm_bottleneck(const QualityAnalysis& q, FirmId v) {
  // The leader whose defects this firm causes the most of.
  std::size_t best = 0;
  for (std::size_t i = 1; i < q.leader_quality.size(); ++i)
    if (q.leader_quality[i].origin[v] > q.leader_quality[best].origin[v]) best = i;
  Bottleneck b;
  b.kind = Bottleneck::Kind::firm;
  b.id = v;
  b.own_yield = 1 - q.own.rate[v];
  b.imputed = q.own.imputed[v];
  if (!q.leader_quality.empty()) {
    b.leader = q.leader_quality[best].leader;
    b.share = q.leader_quality[best].origin[v];
  }
  b.risk = q.risk[v];
  return b;
}

void add_critical_suppliers(const ChainGraph& g, const QualityAnalysis& q, const CriticalSuppliersResult& critical,
                            std::size_t per_kind, std::vector<Bottleneck>& out) {
  // Critical for the most leaders first, then the highest quality risk. Dense per-firm arrays:
  // a province-sized chain has millions of (leader, critical supplier) pairs.
  std::vector<std::uint32_t> leaders_stopped(g.firm_count(), 0);
  std::vector<const CriticalSupplier*> first(g.firm_count(), nullptr);
  for (const LeaderCriticalSuppliers& l : critical.leaders)
    for (const CriticalSupplier& c : l.suppliers) {
      if (!leaders_stopped[c.firm]++) first[c.firm] = &c;
    }
  std::vector<FirmId> firms;
  for (FirmId v = 0; v < g.firm_count(); ++v)
    if (leaders_stopped[v]) firms.push_back(v);
  const std::size_t shown = std::min(per_kind, firms.size());
  std::partial_sort(firms.begin(), firms.begin() + static_cast<std::ptrdiff_t>(shown), firms.end(), [&](FirmId a, FirmId b) {
    if (leaders_stopped[a] != leaders_stopped[b]) return leaders_stopped[a] > leaders_stopped[b];
    if (q.risk[a] != q.risk[b]) return q.risk[a] > q.risk[b];
    return a < b;
  });
  for (std::size_t k = 0; k < shown; ++k) {
    Bottleneck b;
    b.kind = Bottleneck::Kind::critical_supplier;
    b.id = firms[k];
    for (const LeaderCriticalSuppliers& l : critical.leaders)
      for (const CriticalSupplier& c : l.suppliers)
        if (c.firm == b.id) b.leaders_stopped.push_back(l.leader);
    const CriticalSupplier& c0 = *first[b.id];
    if (!c0.inputs.empty()) b.via_link = g.group_links(c0.inputs[0])[0];
    out.push_back(std::move(b));
  }
}

}  // namespace

std::vector<Bottleneck> find_bottlenecks(const ChainGraph& g, const QualityAnalysis& q, const CriticalSuppliersResult* critical,
                                         const BottleneckOptions& o) {
  std::vector<Bottleneck> out;
  for (std::size_t k = 0; k < q.issues.size() && k < o.per_kind; ++k) {
    if (q.issues[k].total_gain <= 0) break;
    out.push_back(issue_bottleneck(q, q.issues[k]));
  }
  for (std::size_t k = 0; k < q.risk_ranking.size() && k < o.per_kind; ++k) out.push_back(firm_bottleneck(q, q.risk_ranking[k]));
  if (critical) add_critical_suppliers(g, q, *critical, o.per_kind, out);
  if (q.weak_segment != kNone) {
    Bottleneck b;
    b.kind = Bottleneck::Kind::segment;
    b.id = q.weak_segment;
    b.share = q.segment_share[q.weak_segment];
    out.push_back(b);
  }
  return out;
}

}  // namespace qchain::engine
