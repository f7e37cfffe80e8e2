#include "qchain/engine/programme/chain_trend.hpp"

#include <algorithm>

#include "qchain/core/error.hpp"
#include "qchain/engine/structure/yield_mean.hpp"

namespace qchain::engine {
namespace {

using graphs::ChainGraph;
using graphs::FirmId;
using graphs::kAbsent;

// The latest snapshot's ids in its order, then those met only in earlier snapshots, latest first.
template <class IdsOf>
std::vector<std::string> union_of_ids(const std::vector<TrendInput>& s, IdsOf ids_of) {
  std::vector<std::string> out;
  for (auto k = s.size(); k-- > 0;)
    for (const std::string& id : ids_of(*s[k].chain))
      if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  return out;
}

std::vector<std::string> segment_ids(const ChainGraph& g) {
  std::vector<std::string> ids;
  for (const auto& s : g.segments()) ids.push_back(s.id);
  return ids;
}

std::vector<std::string> leader_ids(const ChainGraph& g) {
  std::vector<std::string> ids;
  for (FirmId v : g.leaders()) ids.push_back(g.firm(v).id);
  return ids;
}

std::size_t position(const std::vector<std::string>& ids, const std::string& id) {
  return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

TrendPoint point_of(const TrendInput& in, const TrendResult& r) {
  const ChainGraph& g = *in.chain;
  TrendPoint p;
  p.as_of = g.info().as_of;
  p.firms = g.firm_count();
  p.links = g.link_count();
  YieldMean all;
  std::vector<YieldMean> by_segment(g.segments().size());
  for (const graphs::Firm& f : g.firms()) {
    all.add(f.first_pass_yield);
    if (f.segment != graphs::kNone) by_segment[f.segment].add(f.first_pass_yield);
    p.issue_pairs += f.issues.size();
    p.firms_with_issues += !f.issues.empty();
    p.certified += std::any_of(f.certifications.begin(), f.certifications.end(),
                               [&](const graphs::Certification& c) { return g.in_force(c); });
    p.assisted += f.assisted != graphs::kNone;
  }
  p.mean_yield = all.mean();
  if (p.firms) p.certified_share = static_cast<double>(p.certified) / p.firms;
  p.segment_yield.assign(r.segments.size(), kAbsent);
  for (std::size_t s = 0; s < g.segments().size(); ++s)
    p.segment_yield[position(r.segments, g.segments()[s].id)] = by_segment[s].mean();
  p.leader_delivered.assign(r.leaders.size(), kAbsent);
  for (FirmId v : g.leaders()) p.leader_delivered[position(r.leaders, g.firm(v).id)] = 1.0 - (*in.delivered)[v];
  return p;
}

}  // namespace

TrendResult chain_trend(const std::vector<TrendInput>& snapshots) {
  if (snapshots.empty()) throw UsageError("a trend needs at least one snapshot");
  for (const TrendInput& s : snapshots)
    if (!s.chain || !s.delivered || s.delivered->size() != s.chain->firm_count())
      throw UsageError("a trend's snapshot needs its chain and one delivered defect rate per firm");
  for (std::size_t k = 1; k < snapshots.size(); ++k) check_comparable(*snapshots[k - 1].chain, *snapshots[k].chain);
  TrendResult r;
  r.chain_id = snapshots.back().chain->info().id;
  r.segments = union_of_ids(snapshots, segment_ids);
  r.leaders = union_of_ids(snapshots, leader_ids);
  for (const TrendInput& s : snapshots) r.points.push_back(point_of(s, r));
  for (std::size_t k = 1; k < snapshots.size(); ++k) {
    const ChainComparison c = compare_chains(*snapshots[k - 1].chain, *snapshots[k].chain, *snapshots[k - 1].delivered,
                                             *snapshots[k].delivered);
    TrendStep step;
    step.pairs_resolved = c.pairs_resolved;
    step.pairs_new = c.pairs_new;
    step.added = c.added;
    step.removed = c.removed;
    step.matched = c.matched;
    step.indicators = c.indicators;
    step.effects = c.effects;
    r.steps.push_back(step);
  }
  return r;
}

}  // namespace qchain::engine
