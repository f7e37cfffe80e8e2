#include "qchain/engine/production/certification_gaps.hpp"

#include <algorithm>
#include <iterator>

#include "qchain/engine/quality/quality_analysis.hpp"
#include "qchain/graphs/supply_base.hpp"

namespace qchain::engine {

using namespace qchain::graphs;

namespace {

// The leaders' weighted production loss with `cut` links stopped; each leader's loss in `per_leader`.
double enforced_loss(ProductionModel::Cascade& c, const std::vector<LinkId>& cut, const std::vector<FirmId>& leaders,
                     const std::vector<double>& w, std::vector<double>* per_leader) {
  ProductionShock shock;
  shock.cut = cut;
  c.run(shock);
  double total = 0.0;
  for (std::size_t i = 0; i < leaders.size(); ++i) {
    // Downstream only: a cut link takes supplies from its customer, it does not take demand from
    // its supplier (docs/production-model.md).
    const double loss = 1.0 - c.level(leaders[i], false);
    if (per_leader) (*per_leader)[i] = loss;
    total += w[i] * loss;
  }
  return total;
}

}  // namespace

CertificationGapsResult certification_gaps(const ChainGraph& g, const CertificationGapOptions& o) {
  const std::uint32_t n = g.firm_count();
  const std::size_t nseg = g.segments().size();
    CertificationGapsResult r;
  r.gap_links_by_supplier.assign(n, 0);
  r.requires_by_segment.assign(nseg + 1, 0);
  r.gap_links_by_segment.assign(nseg + 1, 0);
  std::vector<std::uint8_t> is_requiring(g.link_count(), 0), is_gap(g.link_count(), 0);
  std::vector<std::uint32_t> missing(g.link_count(), 0);  // per link: schemes asked and not held
  for (LinkId e = 0; e < g.link_count(); ++e) {
    const SupplyLink& l = g.link(e);
    const std::vector<std::uint32_t>& asked = g.requirement_sets()[l.requires_set];
    if (asked.empty()) continue;
    is_requiring[e] = 1;
    ++r.requires_links;
    ++r.requires_by_segment[g.segment_slot(g.firm(l.supplier).segment)];
    for (std::uint32_t s : asked)
      if (!g.holds_in_force(l.supplier, s)) {
        r.gaps.push_back({e, s});
        ++missing[e];
      }
    if (missing[e] == 0) continue;
    is_gap[e] = 1;
    r.gap_links.push_back(e);
    ++r.gap_links_by_supplier[l.supplier];
    ++r.gap_links_by_segment[g.segment_slot(g.firm(l.supplier).segment)];
  }

  // Pairs: the gaps grouped by (supplier, scheme).
  std::vector<CertificationGap> by_pair = r.gaps;
  std::sort(by_pair.begin(), by_pair.end(), [&](const CertificationGap& a, const CertificationGap& b) {
    const FirmId sa = g.link(a.link).supplier, sb = g.link(b.link).supplier;
    return sa != sb ? sa < sb : a.scheme != b.scheme ? a.scheme < b.scheme : a.link < b.link;
  });
  std::vector<std::vector<LinkId>> closes;  // per pair: the links it takes out of the gap list
  for (std::size_t k = 0; k < by_pair.size();) {
    GapPair p;
    p.supplier = g.link(by_pair[k].link).supplier;
    p.scheme = by_pair[k].scheme;
    std::vector<LinkId> closed;
    for (; k < by_pair.size() && g.link(by_pair[k].link).supplier == p.supplier && by_pair[k].scheme == p.scheme; ++k) {
      ++p.gaps;
      if (missing[by_pair[k].link] == 1) closed.push_back(by_pair[k].link);
    }
    p.links_closed = static_cast<std::uint32_t>(closed.size());
    r.pairs.push_back(p);
    closes.push_back(std::move(closed));
  }
  std::vector<std::size_t> order(r.pairs.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const GapPair &x = r.pairs[a], &y = r.pairs[b];
    if (x.links_closed != y.links_closed) return x.links_closed > y.links_closed;
    if (x.gaps != y.gaps) return x.gaps > y.gaps;
    if (x.supplier != y.supplier) return g.firm(x.supplier).id < g.firm(y.supplier).id;
    return g.schemes()[x.scheme] < g.schemes()[y.scheme];
  });
  {
    std::vector<GapPair> pairs;
    std::vector<std::vector<LinkId>> cl;
    for (std::size_t k : order) {
      pairs.push_back(r.pairs[k]);
      cl.push_back(std::move(closes[k]));
    }
    r.pairs = std::move(pairs);
    closes = std::move(cl);
  }

  const std::vector<FirmId> leaders = g.leaders_or(o.leaders, "certification gaps");
  r.leader_weight = revenue_weights(g, leaders);
  for (FirmId leader : leaders) {
    LeaderGaps lg;
    lg.leader = leader;
    const std::vector<std::uint8_t> base = upstream_of(g, {leader});
    for (LinkId e = 0; e < g.link_count(); ++e) {
      if (!base[g.link(e).customer]) continue;
      lg.requires_links += is_requiring[e];
      lg.gap_links += is_gap[e];
    }
    r.leaders.push_back(lg);
  }

  if (o.production) {
    ProductionModel::Cascade c(*o.production);
    std::vector<double> per_leader(leaders.size(), 0.0);
    r.output_at_risk = enforced_loss(c, r.gap_links, leaders, r.leader_weight, &per_leader);
    for (std::size_t i = 0; i < leaders.size(); ++i) r.leaders[i].output_at_risk = per_leader[i];
    for (std::size_t k = 0; k < r.pairs.size() && k < o.protect_top; ++k) {
      std::vector<LinkId> cut;
      std::set_difference(r.gap_links.begin(), r.gap_links.end(), closes[k].begin(), closes[k].end(), std::back_inserter(cut));
      // Fewer cuts never lower a level, so a difference below 0 is rounding: it reads as 0.
      r.pairs[k].protected_output =
          cut.size() == r.gap_links.size() ? 0.0
                                           : std::max(0.0, r.output_at_risk - enforced_loss(c, cut, leaders, r.leader_weight, nullptr));
    }
  }
  return r;
}

}  // namespace qchain::engine
