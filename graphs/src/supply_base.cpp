#include "qchain/graphs/supply_base.hpp"

#include <algorithm>


namespace qchain::graphs {

std::vector<std::uint8_t> upstream_of(const ChainGraph& g, const std::vector<FirmId>& targets) {
  std::vector<std::uint8_t> mark(g.firm_count(), 0);
  std::vector<FirmId> queue;
  for (FirmId t : targets)
    if (!mark[t]) mark[t] = 1, queue.push_back(t);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const FirmId v = queue[head];
    for (FirmId u : g.suppliers_of(v))
      if (!mark[u]) mark[u] = 1, queue.push_back(u);
  }
  return mark;
}

SupplyBasesResult compute_supply_bases(const ChainGraph& g, const SupplyBaseOptions& options) {
  const std::vector<FirmId> leaders = g.leaders_or(options.leaders, "supply base");
  SupplyBasesResult r;
  // Breadth-first from each leader against the links; distances reset only where they were set.
  std::vector<std::uint32_t> dist(g.firm_count(), kNone);
  std::vector<FirmId> queue;
  for (FirmId leader : leaders) {
    SupplyBase b;
    b.leader = leader;
    b.by_segment.assign(g.segments().size() + 1, 0);
    queue.assign(1, leader);
    dist[leader] = 0;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const FirmId v = queue[head];
      for (FirmId u : g.suppliers_of(v)) {
        if (dist[u] != kNone) continue;
        dist[u] = dist[v] + 1;
        queue.push_back(u);
        const Firm& f = g.firm(u);
        ++b.size;
        ++b.by_segment[g.segment_slot(f.segment)];
        ++b.by_role[static_cast<int>(f.role)];
        b.depth = std::max(b.depth, dist[u]);
      }
    }
    for (FirmId v : queue) dist[v] = kNone;
    r.bases.push_back(std::move(b));
  }
  return r;
}

}  // namespace qchain::graphs
