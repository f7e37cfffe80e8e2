#pragma once
// The production model's equations (docs/production-model.md), solved the plain way: synchronous
// sweeps over every firm until nothing moves. An independent reference for the cascade kernel.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "qchain/graphs/chain.hpp"

namespace qchain::test {

using graphs::ChainGraph;
using graphs::FirmId;
using graphs::LinkId;
using graphs::SupplyNetwork;

struct Naive {
  std::vector<double> hd, hu;
};
inline Naive naive(const ChainGraph& g, const std::vector<double>& psi, const std::vector<double>& c, const std::vector<std::uint8_t>& cut) {
  const std::uint32_t n = g.firm_count();
  const auto value = [&](LinkId e) { return std::isnan(g.link(e).value) ? 1.0 : g.link(e).value; };
  std::vector<double> in_value(n, 0), out_value(n, 0);
  for (LinkId e = 0; e < g.link_count(); ++e) in_value[g.link(e).customer] += value(e), out_value[g.link(e).supplier] += value(e);
  Naive s{std::vector<double>(n), std::vector<double>(n)};
  for (FirmId v = 0; v < n; ++v) s.hd[v] = s.hu[v] = 1 - psi[v];
  const SupplyNetwork& net = g.network();
  for (int sweep = 0; sweep < 100000; ++sweep) {
    double change = 0;
    std::vector<double> hd = s.hd, hu = s.hu;
    for (FirmId v = 0; v < n; ++v) {
      double h = 1 - psi[v], ness = 0;
      for (std::uint32_t grp = net.firm_group_begin[v]; grp < net.firm_group_begin[v + 1]; ++grp) {
        double avail = 0;
        for (std::uint32_t k = net.group_begin[grp]; k < net.group_begin[grp + 1]; ++k) {
          const LinkId e = net.in_link[k];
          const double a = cut[e] ? 0.0 : 1.0;
          if (net.group_essential[grp]) avail += net.in_share[k] * s.hd[net.in_supplier[k]] * a;
          else ness += (std::isnan(g.link(e).weight) ? value(e) / in_value[v] : g.link(e).weight) * (1 - s.hd[net.in_supplier[k]] * a);
        }
        // The part bought outside the chain (o_vi) never falls.
        const double outside = net.group_outside[grp];
        if (net.group_essential[grp]) h = std::min(h, outside + (1 - outside) * avail);
      }
      hd[v] = std::max(0.0, std::min(h, 1 - c[v] - ness));
      double demand = 0;
      for (std::uint32_t o = net.out_begin[v]; o < net.out_begin[v + 1]; ++o) {
        const LinkId e = net.out_link[o];
        const double rev = g.firm(v).revenue;
        const double sigma = !std::isnan(rev) && rev > 0 ? std::min(1.0, value(e) / rev) : value(e) / out_value[v];
        demand += sigma * (1 - s.hu[net.out_customer[o]]);
      }
      hu[v] = std::max(0.0, std::min(1 - psi[v], 1 - demand));
      change = std::max({change, std::fabs(hd[v] - s.hd[v]), std::fabs(hu[v] - s.hu[v])});
    }
    s.hd = hd;
    s.hu = hu;
    if (change < 1e-14) break;
  }
  return s;
}

}  // namespace qchain::test
