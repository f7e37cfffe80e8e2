#include "qchain/engine/structure/chain_summary.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "qchain/engine/structure/yield_mean.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

std::vector<std::uint32_t> segments_in_order(const ChainGraph& g) {
  std::vector<std::uint32_t> order(g.segments().size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return g.segments()[a].order < g.segments()[b].order; });
  return order;
}

namespace {

struct YieldAccumulator {
  YieldMean plain;
  double wsum = 0, weight = 0;
  void add(const Firm& f) {
    if (std::isnan(f.first_pass_yield)) return;
    plain.add(f.first_pass_yield);
    if (!std::isnan(f.revenue) && f.revenue > 0) {
      wsum += f.revenue * f.first_pass_yield;
      weight += f.revenue;
    }
  }
  void finish(SegmentSummary& s) const {
    s.yields_known = static_cast<std::uint32_t>(plain.known);
    s.mean_yield = plain.mean();
    s.weighted_yield = weight > 0 ? wsum / weight : kAbsent;
  }
};

}  // namespace

ChainSummary summarize_chain(const ChainGraph& g) {
  ChainSummary s;
  s.firms = g.firm_count();
  s.links = g.link_count();
  s.inputs = static_cast<std::uint32_t>(g.network().group_essential.size());
  s.leaders = g.leaders();

  const std::size_t nseg = g.segments().size();
  std::vector<SegmentSummary> per(nseg + 1);
  std::vector<YieldAccumulator> acc(nseg + 1);
  YieldAccumulator all;
  std::vector<SchemeCoverage> certs(g.schemes().size());
  std::vector<IssueCount> issues(g.issues().size());
  std::vector<double> severity_sum(g.issues().size(), 0.0);
  for (std::uint32_t k = 0; k < certs.size(); ++k) certs[k].scheme = k;
  for (std::uint32_t k = 0; k < issues.size(); ++k) issues[k].issue = k;

  for (const Firm& f : g.firms()) {
    const std::size_t seg = g.segment_slot(f.segment);
    ++per[seg].firms;
    ++per[seg].by_role[static_cast<int>(f.role)];
    ++s.by_role[static_cast<int>(f.role)];
    acc[seg].add(f);
    all.add(f);
    // One rule for "held" everywhere (ChainGraph::in_force): a valid certificate past its expiry
    // date on as_of counts as expired.
    for (const Certification& c : f.certifications) {
      const CertStatus st = c.status == CertStatus::valid && !g.in_force(c) ? CertStatus::expired : c.status;
      ++certs[c.scheme].by_status[static_cast<int>(st)];
    }
    for (const FirmIssue& x : f.issues) {
      ++issues[x.issue].firms;
      severity_sum[x.issue] += x.severity;
      ++s.issue_pairs_by_category[static_cast<int>(g.issues()[x.issue].category)];
    }
  }
  for (std::size_t k = 0; k <= nseg; ++k) {
    per[k].segment = g.slot_segment(k);
    acc[k].finish(per[k]);
  }
  for (std::uint32_t k : segments_in_order(g)) s.segments.push_back(per[k]);
  if (per[nseg].firms > 0) s.segments.push_back(per[nseg]);
  s.all.firms = s.firms;
  s.all.by_role = s.by_role;
  all.finish(s.all);

  for (SchemeCoverage& c : certs)
    c.coverage = s.firms ? static_cast<double>(c.by_status[static_cast<int>(CertStatus::valid)]) / s.firms : 0.0;
  std::sort(certs.begin(), certs.end(),
            [&](const SchemeCoverage& a, const SchemeCoverage& b) { return g.schemes()[a.scheme] < g.schemes()[b.scheme]; });
  s.certifications = std::move(certs);
  for (IssueCount& x : issues) x.mean_severity = x.firms ? severity_sum[x.issue] / x.firms : kAbsent;
  s.issues = std::move(issues);
  return s;
}

}  // namespace qchain::engine
