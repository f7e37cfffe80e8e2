#include "qchain/engine/quality/quality_analysis.hpp"

#include <algorithm>
#include <cmath>

#include "qchain/core/error.hpp"
#include "qchain/core/parallel_for.hpp"


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

QualityDefaults quality_defaults(const ChainGraph& g) {
  QualityDefaults d;
  d.detection = g.default_detection();
  d.detection_from_chain = !std::isnan(g.info().default_detection);
  d.inspection = g.default_inspection();
  d.inspection_from_chain = !std::isnan(g.info().default_inspection);
  for (const Firm& f : g.firms()) d.firms_defaulted += std::isnan(f.detection);
  for (const SupplyLink& l : g.links()) d.links_defaulted += !l.inspection_given;
  return d;
}

namespace {

// The leaders' weighted gain from removing one issue everywhere, with the chain's detections or,
// when given, others.
void issue_gain(const DefectPropagator& prop, const ChainGraph& g, const QualityAnalysis& q, const Propagation& base,
                std::uint32_t issue, std::vector<double>* per_leader, double& total, const std::vector<double>* detection = nullptr) {
  const std::vector<double> own = without_issue(g, q.attribution, q.own.rate, issue);
  const Propagation fixed = detection ? prop.forward_with_detection(own, *detection) : prop.forward(own);
  total = 0.0;
  for (std::size_t i = 0; i < q.leaders.size(); ++i) {
    const double gain = base.delivered[q.leaders[i]] - fixed.delivered[q.leaders[i]];
    if (per_leader) per_leader->push_back(gain);
    total += q.leader_weight[i] * gain;
  }
}

// The figures most quoted, again with the defaulted firms' detection at the ends of the range. The
// two ends' propagations, and then every (end, issue) re-propagation, are independent: spread over
// threads, each writing its own slot, so the outcome does not depend on the thread count.
DetectionRange detection_range(const ChainGraph& g, const DefectPropagator& prop, const QualityAnalysis& q,
                               const QualityOptions& o) {
  DetectionRange r;
  r.low = o.range_low;
  r.high = o.range_high;
  for (std::size_t k = 0; k < q.issues.size() && k < o.range_issues; ++k) r.issues.push_back(q.issues[k].issue);
  const double ends[2] = {o.range_low, o.range_high};
  std::vector<double> detection[2];
  Propagation base[2];
  parallel_for(2, o.threads, [&](std::size_t e) {
    detection[e].resize(g.firm_count());
    for (FirmId v = 0; v < g.firm_count(); ++v) detection[e][v] = std::isnan(g.firm(v).detection) ? ends[e] : g.firm(v).detection;
    base[e] = prop.forward_with_detection(q.own.rate, detection[e]);
  });
  for (FirmId l : q.leaders) {
    r.leader_yield_low.push_back(1.0 - base[0].delivered[l]);
    r.leader_yield_high.push_back(1.0 - base[1].delivered[l]);
  }
  const std::size_t m = r.issues.size();
  r.gain_low.assign(m, 0.0);
  r.gain_high.assign(m, 0.0);
  parallel_for(2 * m, o.threads, [&](std::size_t j) {
    const std::size_t e = j / m, k = j % m;
    issue_gain(prop, g, q, base[e], r.issues[k], nullptr, (e == 0 ? r.gain_low : r.gain_high)[k], &detection[e]);
  });
  return r;
}

}  // namespace

QualityBaseline quality_baseline(const DefectPropagator& prop) {
  QualityBaseline b;
  b.own = own_defects(prop.chain());
  b.attribution = attribute_issues(prop.chain(), b.own.rate);
  b.state = prop.forward(b.own.rate);
  return b;
}

QualityAnalysis analyze_quality(const ChainGraph& g, const StrongComponentsResult& scc, const QualityOptions& options) {
  const DefectPropagator prop(g, scc);
  return analyze_quality(prop, quality_baseline(prop), options);
}

QualityAnalysis analyze_quality(const DefectPropagator& prop, const QualityBaseline& base, const QualityOptions& options) {
  if (!(options.range_low >= 0.0 && options.range_low <= options.range_high && options.range_high <= 1.0))
    throw UsageError("quality analysis: the detection range must satisfy 0 <= low <= high <= 1");
  const ChainGraph& g = prop.chain();
  QualityAnalysis q;
  static_cast<QualityBaseline&>(q) = base;
  q.defaults = quality_defaults(g);
  q.leaders = g.leaders_or(options.leaders, "quality analysis");
  q.leader_weight = revenue_weights(g, q.leaders);

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
      lq.by_segment[g.segment_slot(f.segment)] += lq.origin[u];
      for (std::size_t k = 0; k < f.issues.size(); ++k) lq.by_issue[f.issues[k].issue] += q.attribution.of(u, k) * s[u] / total;
      lq.unexplained += q.attribution.unexplained[u] * s[u] / total;
    }
    lq.own_share = lq.origin[l];
    if (lq.own_share < 1.0) {
      const std::size_t own_seg = g.segment_slot(g.firm(l).segment);
      for (std::size_t seg = 0; seg <= nseg; ++seg) {
        const double upstream = lq.by_segment[seg] - (seg == own_seg ? lq.own_share : 0.0);
        q.segment_share[seg] += q.leader_weight[i] * std::max(0.0, upstream) / (1.0 - lq.own_share);
      }
    }
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
      ++m.by_segment[g.segment_slot(f.segment)];
      ++m.by_role[static_cast<int>(f.role)];
    }
  // Each issue's re-propagation is independent of the others: spread them over threads, each
  // writing only its own issues' results, so the outcome does not depend on the thread count.
  std::vector<std::uint32_t> present;
  for (const IssueImpact& m : impact)
    if (m.firms > 0) present.push_back(m.issue);
  parallel_for(present.size(), options.threads, [&](std::size_t j) {
    IssueImpact& m = impact[present[j]];
    issue_gain(prop, g, q, q.state, m.issue, &m.leader_gain, m.total_gain);
  });
  for (std::uint32_t k : present) q.issues.push_back(std::move(impact[k]));
  std::stable_sort(q.issues.begin(), q.issues.end(), [](const IssueImpact& a, const IssueImpact& b) {
    return a.total_gain != b.total_gain ? a.total_gain > b.total_gain : a.firms > b.firms;
  });
  q.has_range = q.defaults.firms_defaulted > 0;
  if (q.has_range) q.range = detection_range(g, prop, q, options);
  return q;
}

}  // namespace qchain::engine
