#include "qchain/graphs/tiers.hpp"

#include <algorithm>

namespace qchain::graphs {

TiersResult compute_tiers(const ChainGraph& g, const StrongComponentsResult& scc) {
  TiersResult r;
  // Components are numbered upstream first, so one pass in that order settles every longest path.
  std::vector<std::uint32_t> comp_tier(scc.count, 0);
  for (std::uint32_t c = 0; c < scc.count; ++c) {
    for (std::uint32_t k = scc.begin[c]; k < scc.begin[c + 1]; ++k) {
      const FirmId v = scc.firms[k];
      for (FirmId w : g.customers_of(v)) {
        const std::uint32_t d = scc.component[w];
        if (d != c) comp_tier[d] = std::max(comp_tier[d], comp_tier[c] + 1);
      }
    }
    if (scc.size(c) > 1) r.cycles.emplace_back(scc.firms.begin() + scc.begin[c], scc.firms.begin() + scc.begin[c + 1]);
  }
  r.tier.resize(g.firm_count());
  for (FirmId v = 0; v < g.firm_count(); ++v) {
    r.tier[v] = comp_tier[scc.component[v]];
    r.max_tier = std::max(r.max_tier, r.tier[v]);
  }
  std::sort(r.cycles.begin(), r.cycles.end());

  for (LinkId e = 0; e < g.link_count(); ++e) {
    const Firm& s = g.firm(g.link(e).supplier);
    const Firm& c = g.firm(g.link(e).customer);
    if (s.segment != kNone && c.segment != kNone && g.segments()[s.segment].order > g.segments()[c.segment].order)
      r.order_warnings.push_back(e);
  }
  return r;
}

TiersResult compute_tiers(const ChainGraph& g) { return compute_tiers(g, strong_components(g)); }

}  // namespace qchain::graphs
