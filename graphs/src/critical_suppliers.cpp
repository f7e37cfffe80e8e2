#include "qchain/graphs/critical_suppliers.hpp"

#include <algorithm>

#include "qchain/graphs/strong_components.hpp"
#include "qchain/graphs/supply_base.hpp"

namespace qchain::graphs {

namespace {

// How many distinct leaders each firm can reach downstream (itself included): a stop cascade from
// the firm can stop no more, so once that many are stopped the rest of the cascade changes nothing
// reported. With a giant strongly connected core most cascades stop the whole core, which made the
// full cascade per supplier quadratic; the leaders usually fall long before the cascade ends.
std::vector<std::uint32_t> leaders_within_reach(const ChainGraph& g, const std::vector<std::uint32_t>& leader_slot,
                                                std::uint32_t distinct) {
  const std::uint32_t n = g.firm_count();
  if (distinct > 64) return std::vector<std::uint32_t>(n, distinct);  // the plain bound: every leader
  std::vector<std::uint32_t> bit(n, kNone);  // distinct leaders numbered 0..distinct-1
  std::uint32_t next = 0;
  for (FirmId v = 0; v < n; ++v)
    if (leader_slot[v] != kNone) bit[v] = next++;
  const StrongComponentsResult scc = strong_components(g);
  std::vector<std::uint64_t> mask(scc.count, 0);
  for (std::uint32_t c = scc.count; c-- > 0;) {  // downstream components first
    std::uint64_t m = 0;
    for (std::uint32_t k = scc.begin[c]; k < scc.begin[c + 1]; ++k) {
      const FirmId v = scc.firms[k];
      if (bit[v] != kNone) m |= std::uint64_t{1} << bit[v];
      for (FirmId w : g.customers_of(v)) m |= mask[scc.component[w]];
    }
    mask[c] = m;
  }
  std::vector<std::uint32_t> within(n);
  for (FirmId v = 0; v < n; ++v) within[v] = static_cast<std::uint32_t>(__builtin_popcountll(mask[scc.component[v]]));
  return within;
}

}  // namespace

std::vector<std::uint8_t> stop_cascade(const ChainGraph& g, const std::vector<std::uint8_t>& stopped) {
  const SupplyNetwork& net = g.network();
  std::vector<std::uint8_t> dead = stopped;
  for (bool changed = true; changed;) {
    changed = false;
    for (FirmId v = 0; v < g.firm_count(); ++v) {
      if (dead[v]) continue;
      for (std::uint32_t grp : g.input_groups_of(v)) {
        if (!net.group_essential[grp] || net.group_outside[grp] > 0.0) continue;  // sources outside never stop
        const IdRange sources = g.group_suppliers(grp);
        if (std::all_of(sources.begin(), sources.end(), [&](FirmId u) { return dead[u] != 0; })) {
          dead[v] = 1, changed = true;
          break;
        }
      }
    }
  }
  return dead;
}

CriticalSuppliersResult critical_suppliers(const ChainGraph& g, const CriticalSuppliersOptions& options) {
  const std::vector<FirmId> leaders = g.leaders_or(options.leaders, "critical suppliers");
  const SupplyNetwork& net = g.network();
  const std::uint32_t n = g.firm_count();
  CriticalSuppliersResult r;
  for (FirmId l : leaders) r.leaders.push_back({l, {}});
  if (leaders.empty()) return r;

  // Only firms upstream of a leader can stop one; the cascade never leaves them.
  const std::vector<std::uint8_t> relevant = upstream_of(g, leaders);
  std::vector<std::uint32_t> leader_slot(n, kNone);
  for (std::size_t i = 0; i < leaders.size(); ++i)
    if (leader_slot[leaders[i]] == kNone) leader_slot[leaders[i]] = static_cast<std::uint32_t>(i);
  std::uint32_t distinct = 0;
  for (FirmId v = 0; v < n; ++v) distinct += leader_slot[v] != kNone;
  const std::vector<std::uint32_t> within = leaders_within_reach(g, leader_slot, distinct);

  std::vector<std::uint32_t> live(net.group_essential.size());
  for (std::uint32_t grp = 0; grp < live.size(); ++grp) live[grp] = static_cast<std::uint32_t>(g.group_suppliers(grp).size());
  std::vector<std::uint8_t> dead(n, 0);
  std::vector<FirmId> parent(n, kNone);           // the firm whose stop stopped this one
  std::vector<std::uint32_t> parent_group(n, kNone);
  std::vector<FirmId> stopped;
  std::vector<std::uint32_t> touched;  // groups whose counter went down, to undo

  for (FirmId u = 0; u < n; ++u) {
    if (!relevant[u]) continue;
    stopped.assign(1, u);
    dead[u] = 1;
    // Breadth-first order fixes every parent before the cascade is cut, so paths are unchanged.
    const std::uint32_t reachable = within[u] - (leader_slot[u] != kNone ? 1 : 0);
    std::uint32_t leaders_stopped = 0;
    for (std::size_t head = 0; head < stopped.size() && leaders_stopped < reachable; ++head) {
      const FirmId w = stopped[head];
      for (const LinkEnd sale : g.customer_links_of(w)) {
        const FirmId c = sale.firm;
        if (dead[c] || !relevant[c]) continue;
        const std::uint32_t grp = net.link_group[sale.link];
        if (!net.group_essential[grp] || net.group_outside[grp] > 0.0) continue;
        touched.push_back(grp);
        if (--live[grp] == 0) {
          dead[c] = 1;
          parent[c] = w;
          parent_group[c] = grp;
          stopped.push_back(c);
          if (leader_slot[c] != kNone && ++leaders_stopped == reachable) break;
        }
      }
    }
    for (FirmId v : stopped) {
      if (v == u || leader_slot[v] == kNone) continue;
      CriticalSupplier cs;
      cs.firm = u;
      if (options.paths) {
        // A big chain has millions of (supplier, leader) pairs: each path is allocated once, at its length.
        std::size_t steps = 0;
        for (FirmId x = v; x != u; x = parent[x]) ++steps;
        cs.firms.resize(steps + 1);
        cs.inputs.resize(steps);
        std::size_t k = steps;
        for (FirmId x = v; x != u; x = parent[x]) {
          cs.firms[k] = x;
          cs.inputs[--k] = parent_group[x];
        }
        cs.firms[0] = u;
      }
      std::size_t last = leader_slot[v];  // a leader listed twice gets a copy; the last one takes cs
      for (std::size_t i = last + 1; i < leaders.size(); ++i)
        if (leaders[i] == v) last = i;
      for (std::size_t i = leader_slot[v]; i < last; ++i)
        if (leaders[i] == v) r.leaders[i].suppliers.push_back(cs);
      r.leaders[last].suppliers.push_back(std::move(cs));
    }
    for (FirmId v : stopped) dead[v] = 0;
    for (std::uint32_t grp : touched) ++live[grp];
    touched.clear();
  }
  return r;
}

}  // namespace qchain::graphs
