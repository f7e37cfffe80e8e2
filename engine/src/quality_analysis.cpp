#include "qchain/engine/quality_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <thread>


namespace qchain::engine {

using namespace qchain::graphs;

std::vector<double> revenue_weights(const ChainGraph& g, const std::vector<FirmId>& firms) {
  std::vector<double> w(firms.size(), firms.empty() ? 0.0 : 1.0 / firms.size());
  double total = 0.0;
  for (FirmId v : firms) {
    const double r = g.firm(v).revenue;
    if (std::isnan(r) || r <= 0.0) return w;
    total += r;
  }
  for (std::size_t i = 0; i < firms.size(); ++i) w[i] = g.firm(firms[i]).revenue / total;
  return w;
}

QualityAnalysis analyze_quality(const ChainGraph& g, const StrongComponentsResult& scc, const QualityOptions& options) {
  QualityAnalysis q;
  q.leaders = g.leaders_or(options.leaders, "quality analysis");
  q.leader_weight = revenue_weights(g, q.leaders);
  q.own = own_defects(g);
  const DefectPropagator prop(g, scc);
  q.state = prop.forward(q.own.rate);
  q.attribution = attribute_issues(g, q.own.rate);

  const std::size_t nseg = g.segments().size();
  const std::size_t nissue = g.issues().size();
  const std::vector<double>& p = q.own.rate;
  const DefectPropagator::Linearisation lin = prop.linearise(p, q.state);
  q.segment_share.assign(nseg + 1, 0.0);
  q.risk.assign(g.firm_count(), 0.0);
  for (std::size_t i = 0; i < q.leaders.size(); ++i) {
    const FirmId l = q.leaders[i];
    const std::vector<double> s = prop.sensitivity(lin, q.state, l);
    LeaderQuality lq;
    lq.leader = l;
    lq.delivered_yield = 1.0 - q.state.delivered[l];
    lq.origin.assign(g.firm_count(), 0.0);
    lq.by_segment.assign(nseg + 1, 0.0);
    lq.by_issue.assign(nissue, 0.0);
    double total = 0.0;
    for (FirmId u = 0; u < g.firm_count(); ++u) total += p[u] * s[u];
    for (FirmId u = 0; u < g.firm_count(); ++u) {
      q.risk[u] += q.leader_weight[i] * s[u] * (std::min(2.0 * p[u], 1.0) - p[u]);
      if (total <= 0.0 || s[u] == 0.0) continue;
      lq.origin[u] = p[u] * s[u] / total;
      const Firm& f = g.firm(u);
      lq.by_segment[f.segment == kNone ? nseg : f.segment] += lq.origin[u];
      for (std::size_t k = 0; k < f.issues.size(); ++k) lq.by_issue[f.issues[k].issue] += q.attribution.of(u, k) * s[u] / total;
      lq.unexplained += q.attribution.unexplained[u] * s[u] / total;
    }
    for (std::size_t seg = 0; seg <= nseg; ++seg) q.segment_share[seg] += q.leader_weight[i] * lq.by_segment[seg];
    q.leader_quality.push_back(std::move(lq));
  }
  for (std::uint32_t seg = 0; seg < nseg; ++seg)
    if (q.segment_share[seg] > 0 && (q.weak_segment == kNone || q.segment_share[seg] > q.segment_share[q.weak_segment]))
      q.weak_segment = seg;

  for (FirmId u = 0; u < g.firm_count(); ++u)
    if (q.risk[u] > 0) q.risk_ranking.push_back(u);
  std::stable_sort(q.risk_ranking.begin(), q.risk_ranking.end(), [&](FirmId a, FirmId b) { return q.risk[a] > q.risk[b]; });

  // Issue gains: exact re-propagation with each issue removed from every firm that has it.
  std::vector<IssueImpact> impact(nissue);
  for (std::uint32_t k = 0; k < nissue; ++k) {
    impact[k].issue = k;
    impact[k].by_segment.assign(nseg + 1, 0);
  }
  for (const Firm& f : g.firms())
    for (const FirmIssue& x : f.issues) {
      IssueImpact& m = impact[x.issue];
      ++m.firms;
      ++m.by_segment[f.segment == kNone ? nseg : f.segment];
      ++m.by_role[static_cast<int>(f.role)];
    }
  // Each issue's re-propagation is independent of the others: spread them over threads, each
  // writing only its own issues' results, so the outcome does not depend on the thread count.
  std::vector<std::uint32_t> present;
  for (const IssueImpact& m : impact)
    if (m.firms > 0) present.push_back(m.issue);
  const auto work = [&](unsigned t, unsigned threads) {
    for (std::size_t j = t; j < present.size(); j += threads) {
      IssueImpact& m = impact[present[j]];
      const Propagation fixed = prop.forward(without_issue(g, q.attribution, p, m.issue));
      for (std::size_t i = 0; i < q.leaders.size(); ++i) {
        const FirmId l = q.leaders[i];
        m.leader_gain.push_back(q.state.delivered[l] - fixed.delivered[l]);
        m.total_gain += q.leader_weight[i] * m.leader_gain.back();
      }
    }
  };
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(present.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t, threads);
  work(0, threads);
  for (std::thread& t : pool) t.join();
  for (std::uint32_t k : present) q.issues.push_back(std::move(impact[k]));
  std::stable_sort(q.issues.begin(), q.issues.end(), [](const IssueImpact& a, const IssueImpact& b) {
    return a.total_gain != b.total_gain ? a.total_gain > b.total_gain : a.firms > b.firms;
  });
  return q;
}

}  // namespace qchain::engine
